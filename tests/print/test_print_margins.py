"""What stands in the margins, read back with positions: each line number beside the line it counts,
each turn's number beside the turn's first line."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tests.conftest import NS, TEI_FOLDER
from tests.print.reading import Box, bbox_lines, page_labels

MM = 72 / 25.4
# The A5 book's text block (edition.typ): 22 mm from the left edge, 17 mm from the right.
LEFT, RIGHT = 22 * MM, (148 - 17) * MM


def middle(line: Box) -> float:
    return (line[1] + line[3]) / 2


def lines_of(page: list[list[Box]]) -> tuple[list[Box], list[Box], list[Box]]:
    """The page's lines in three parts: the left margin's, the text block's, the right margin's
    (poppler may join a line with the number beside it: its words are parted here)."""
    left, text, right = [], [], []
    for line in page:
        for part, words in ((left, [w for w in line if w[2] < LEFT - 2]),
                            (text, [w for w in line if LEFT - 2 <= w[2] and w[0] < RIGHT + 4]),
                            (right, [w for w in line if w[0] >= RIGHT + 4])):
            if words:
                part.append((min(w[0] for w in words), min(w[1] for w in words), max(w[2] for w in words),
                             max(w[3] for w in words), " ".join(w[4] for w in words)))
    return left, text, right


def counted_lines(text: list[Box]) -> list[Box]:
    """The lines Typst counts: those of the text block (the document's own headings too), but the
    centred line of a gap, which stands apart from the text."""
    return [line for line in text if not (line[0] > LEFT + 20 and line[4].startswith("["))]


def test_each_line_number_stands_beside_the_line_it_counts(edition_pdf: Path):
    """Between two printed numbers n and n + 5 stand exactly four lines of text, whatever the page
    holds (a page break of the original, a turn's number, a gap). Before the fix, the sign of a page
    break in the margin counted as a line."""
    checked = 0
    for label, page in zip(page_labels(edition_pdf), bbox_lines(edition_pdf)):
        left, text, _ = lines_of(page)
        numbers = [(int(line[4]), middle(line)) for line in left if re.fullmatch(r"\d{1,3}", line[4])]
        lines = [middle(line) for line in counted_lines(text)]
        for (n, y), (next_n, next_y) in zip(numbers, numbers[1:]):
            assert any(abs(y - other) < 2 for other in lines), f"page {label}: {n} stands beside no line"
            between = [other for other in lines if y + 2 < other < next_y - 2]
            assert len(between) == next_n - n - 1, f"page {label}: {len(between)} lines between {n} and {next_n}"
            checked += 1
    assert checked > 40


def test_every_turn_has_its_number_in_the_right_margin_beside_its_first_line(edition_pdf: Path):
    """The numbers the ledger, the index and the web's t{n} anchors cite: sp/@n, beside the speaker's label."""
    document = etree.parse(str(TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml")).getroot()
    expected = [(sp.get("n"), " ".join("".join(sp.find("tei:speaker", NS).itertext()).split()))
                for sp in document.iterfind(".//tei:body//tei:sp", NS)]
    pages = bbox_lines(edition_pdf)
    opening = next(i for i, page in enumerate(pages) if any("Document 3 ·" in line[4] for line in lines_of(page)[1]))
    found = []
    for page in pages[opening:]:
        _, text, right = lines_of(page)
        margin = [line for line in right if re.fullmatch(r"\d+", line[4])]
        for line in text:
            label = line[4].split(":")[0] + ":"
            beside = [m[4] for m in margin if abs(middle(m) - middle(line)) < 3]
            if beside and line[4].startswith(("Bush:", "Gorbachev:")):
                found.append((beside[0], label))
    assert found[:len(expected)] == expected, (found, expected)


def numbered_lines(page: list) -> dict[int, Box]:
    """The page's counted lines by their number, from the printed numbers (every fifth)."""
    left, text, _ = lines_of(page)
    lines = sorted(counted_lines(text), key=middle)
    numbers = [(int(line[4]), middle(line)) for line in left if re.fullmatch(r"\d{1,3}", line[4])]
    if not numbers:
        return {}
    n, y = numbers[0]
    at = next(i for i, line in enumerate(lines) if abs(middle(line) - y) < 2)
    return {n - at + i: line for i, line in enumerate(lines)}


def test_the_ledger_gives_page_line_and_turn_and_each_is_found_there(edition_pdf: Path):
    """The translator's query "SBSE??" is listed with a page, a line and a turn: on that page, that
    line holds the words it is called from, and the turn's number stands in the margin above."""
    pages = bbox_lines(edition_pdf)
    labels = page_labels(edition_pdf)
    text = [" ".join(" ".join(w[4] for w in line) for line in page) for page in pages]
    start = next(i for i, page in enumerate(text) if page.startswith("Omissions and uncertainties"))
    ledger = " ".join(text[start:start + 3])
    row = re.search(r"(\d+) (\d+) (\d+) Translator's query SBSE\?\?", ledger.replace("’", "'"))
    assert row, ledger
    page, line, turn = (int(g) for g in row.groups())
    lines = numbered_lines(pages[labels.index(str(page))])
    assert "SBSE" not in lines[line][4] and "contacts in the" in lines[line][4] or "SBSE" in lines[line][4], lines[line]
    _, text, right = lines_of(pages[labels.index(str(page))])
    above = [int(m[4]) for m in right if re.fullmatch(r"\d+", m[4]) and middle(m) <= middle(lines[line]) + 2]
    assert above and above[-1] == turn


def test_the_index_of_places_gives_page_and_line_of_each_mention(edition_pdf: Path):
    pages = bbox_lines(edition_pdf)
    labels = page_labels(edition_pdf)
    text = [" ".join(" ".join(w[4] for w in line) for line in page) for page in pages]
    start = next(i for i, page in enumerate(text) if page.startswith("Index of places"))
    entry = re.search(r"Leningrad — ([\d., ]+)", " ".join(text[start:start + 2]))
    assert entry, text[start]
    cited = [tuple(int(x) for x in c.split(".")) for c in entry.group(1).strip(" ,").split(", ")]
    assert len(cited) >= 2
    for page, line in cited:
        assert "Leningrad" in numbered_lines(pages[labels.index(str(page))])[line][4], (page, line)
