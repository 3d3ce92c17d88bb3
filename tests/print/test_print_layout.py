"""What the pages show: line numbers, running heads and folios, and the editorial signs in the text."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import TEI_FOLDER
from tests.print.conftest import build
from tests.print.reading import page_labels, pdftotext

LINE_NUMBER = re.compile(r"(?m)^ {0,12}(\d{1,3})(?= {2,}\S)")
EDITION = "Gorbachev and the Americans, 1990: A Digital Edition"


def text_pages(pdf: Path) -> list[tuple[str, str]]:
    """(label, layout text) of the arabic-numbered pages before the index: the documents."""
    pages = pdftotext(pdf, "-layout")
    labelled = list(zip(page_labels(pdf), pages))
    end = next(i for i, (_, page) in enumerate(labelled) if page.split()[:3] == ["Index", "of", "persons"])
    return [(label, page) for label, page in labelled[:end] if label.isdigit() and page.strip()]


def test_every_fifth_line_is_numbered_and_the_count_starts_again_on_every_page(edition_pdf: Path):
    numbered = 0
    for label, page in text_pages(edition_pdf):
        below_head = page.strip("\n").split("\n", 1)[1]
        numbers = [int(n) for n in LINE_NUMBER.findall(below_head)]
        assert numbers == list(range(5, 5 * len(numbers) + 1, 5)), f"page {label}: {numbers}"
        numbered += bool(numbers)
    assert numbered >= 20


def test_footnotes_are_not_counted_as_lines(tmp_path: Path):
    """Two lines of text over seven notes: numbered notes would put a 5 beside the fifth."""
    text = (TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml").read_text(encoding="utf-8")
    notes = "".join(f'<note type="translator" xml:id="x{i}">Note number {i} of the test.</note> and' for i in range(7))
    body = text[text.index("<body>"):text.index("</body>")]
    short = text.replace(body, f'<body><sp xml:id="t1" n="1" who="#bush"><speaker>Bush:</speaker><p>Words {notes} words.</p></sp>')
    document = tmp_path / "1990-11-19-paris-gorbachev-bush.xml"
    document.write_text(short, encoding="utf-8")
    (tmp_path / "register.xml").write_bytes((TEI_FOLDER / "register.xml").read_bytes())
    code, _, errors = build(document, "-o", tmp_path / "out", "--edition-only")
    assert code == 0, errors
    page = next(page for _, page in text_pages(tmp_path / "out" / "edition.pdf") if "Note number 6" in page)
    assert "Note number 0 of the test." in page
    assert LINE_NUMBER.findall(page) == []


def test_running_heads_give_the_edition_on_the_left_and_the_document_on_the_right(edition_pdf: Path):
    heads = 0
    for label, page in text_pages(edition_pdf):
        first = " ".join(page.strip().splitlines()[0].split())
        if re.fullmatch(r"Document \d+ · (Encyclopedia article|Record of conversation)", first):
            continue  # a document's opening page: no running head, the folio drops to the foot
        if int(label) % 2 == 0:
            if first == f"{label} {EDITION}":
                heads += 1
        else:
            assert first.endswith(f" {label}"), f"page {label}: {first!r}"
            assert first.startswith(("Helsinki Summit (1990)", "Document 2 · Moscow, 8 November 1990",
                                     "Document 3 · Paris, 19 November 1990")), first
            heads += 1
    assert heads >= 18


def test_each_gap_stands_centred_on_a_line_of_its_own_with_its_extent(edition_pdf: Path):
    lines = [line for _, page in text_pages(edition_pdf) for line in page.splitlines()]
    gap = next(line for line in lines if "[Three pages omitted in the original]" in line)
    assert " ".join(gap.split()) == "[Three pages omitted in the original] 3 pages"
    assert len(gap) - len(gap.lstrip()) > 20, "the marker is centred, not at the start of a line"
    assert sum(" ".join(line.split()) == "[...]" for line in lines) == 2


def test_a_page_break_of_the_original_shows_in_the_line_and_in_the_margin(edition_pdf: Path):
    page = next(page for _, page in text_pages(edition_pdf) if "| Zimbabwe" in page)
    line = next(line for line in page.splitlines() if "| Zimbabwe" in line)
    # A margin line number may stand before the line, depending on where the page falls.
    assert re.sub(r"^\d+ ", "", " ".join(line.split())).startswith("and | Zimbabwe will chair")
    assert "\u2016" in page, "the double bar in the margin"


def test_supplied_words_stand_in_brackets(edition_pdf: Path):
    text = " ".join(" ".join(page for _, page in text_pages(edition_pdf)).split())
    assert "if you cannot agree [with each other], you are not good for anything" in text
    assert "[J. Baker.] We continue to hope" in text
