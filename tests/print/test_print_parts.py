"""A book typeset in parts (one Typst run each, merged) is the book one run makes: the same pages,
labels, links, outlines and structure. --part-size 0.001 makes every document a part of its own."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from teikit.printing import parts
from teikit.printing.merge import GOTO
from teikit.printing.parts import groups
from tests.conftest import TEI_FOLDER
from tests.print.conftest import build
from tests.print.reading import pdftotext

# page.line citations of the indexes and the ledger's pages, as printed: 12.18, 3–5
CITATION = re.compile(r"\b\d+(?:\.\d+|–\d+)\b")


def build_in_parts(source: Path, output: Path) -> Path:
    code, report, errors = build(source, "-o", output, "--edition-only", "--part-size", "0.001")
    assert code == 0, errors
    assert report["outputs"][0]["warnings"] == []
    return output / "edition.pdf"


@pytest.fixture(scope="module")
def in_parts(tmp_path_factory) -> Path:
    return build_in_parts(TEI_FOLDER, tmp_path_factory.mktemp("parts") / "print")


@pytest.fixture(scope="module")
def long_principles(tmp_path_factory) -> tuple[Path, Path]:
    """tei/ with a register whose principles take three pages: the front matter ends on an odd page,
    so a blank page comes before page 1 (and the documents end on an odd page, so one before the index)."""
    folder = tmp_path_factory.mktemp("long")
    for file in TEI_FOLDER.glob("*.xml"):
        shutil.copy(file, folder)
    register = folder / "register.xml"
    paragraph = "<p>" + "The editors add a paragraph so that the principles run longer than two pages. " * 12 + "</p>"
    register.write_text(register.read_text(encoding="utf-8").replace("</projectDesc>", paragraph * 3 + "</projectDesc>", 1),
                        encoding="utf-8")
    code, _, errors = build(folder, "-o", folder / "one", "--edition-only")
    assert code == 0, errors
    return folder / "one" / "edition.pdf", build_in_parts(folder, folder / "parts")


def labels(pdf: pikepdf.Pdf) -> list[str]:
    return [page.label for page in pdf.pages]


def links(pdf: pikepdf.Pdf) -> list[tuple]:
    """Each link as a reader follows it: the page it is on, its box, the page and point it leads to, what it says."""
    index = {page.objgen: n for n, page in enumerate(pdf.pages)}
    found = []
    for n, page in enumerate(pdf.pages):
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if action is not None:
                found.append((n, "URI", str(action.get("/URI"))))
                continue
            dest = annotation.Dest
            found.append((n, tuple(round(float(v), 1) for v in annotation.Rect), index[dest[0].objgen],
                          round(float(dest[2]), 1), round(float(dest[3]), 1), str(annotation.Contents)))
    return found


def outlines(pdf: pikepdf.Pdf) -> list[tuple]:
    index = {page.objgen: n for n, page in enumerate(pdf.pages)}
    found = []

    def walk(item, depth):
        while item is not None:
            found.append((depth, str(item.Title), index[item.Dest[0].objgen], round(float(item.Dest[3]), 1)))
            if "/First" in item:
                walk(item.First, depth + 1)
            item = item.get("/Next")

    walk(pdf.Root.Outlines.get("/First"), 0)
    return found


def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, from the root down."""
    found, seen, stack = [], set(), [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node and node.objgen not in seen:
            seen.add(node.objgen)
            found.append(node)
            if "/K" in node:
                stack.append(node.K)
    return found


def mcids(element: pikepdf.Dictionary, page: pikepdf.Page) -> set[int]:
    """The marked-content IDs of ``page`` that ``element`` holds (as numbers, or MCR dictionaries)."""
    found = set()
    kids = element.get("/K")
    own = element.get("/Pg")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int) and own is not None and own.objgen == page.objgen:
            found.add(int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid and kid.get("/Pg", own).objgen == page.objgen:
            found.add(int(kid.MCID))
    return found


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    tree = pdf.Root.StructTreeRoot.ParentTree
    assert "/Kids" not in tree
    return {int(tree.Nums[i]): tree.Nums[i + 1] for i in range(0, len(tree.Nums), 2)}


def test_documents_go_into_parts_of_bounded_size_in_their_order():
    assert groups([3, 3, 3, 10, 1], 6) == [range(0, 2), range(2, 3), range(3, 4), range(4, 5)]
    assert groups([1, 1, 1], 100) == [range(0, 3)]


def test_a_book_in_parts_has_the_pages_and_text_of_the_book_in_one_run(edition_pdf: Path, in_parts: Path):
    one, parts = pdftotext(edition_pdf, "-layout"), pdftotext(in_parts, "-layout")
    assert len(parts) == len(one)
    for number, (a, b) in enumerate(zip(one, parts), start=1):
        assert b == a, f"page {number} differs"


def test_the_indexes_cite_the_same_pages_and_lines(edition_pdf: Path, in_parts: Path):
    def citations(pdf: Path) -> list[str]:
        pages = pdftotext(pdf, "-layout")
        start = next(n for n, page in enumerate(pages) if page.lstrip().startswith("Index of persons"))
        return CITATION.findall("\n".join(pages[start:]))

    one = citations(edition_pdf)
    assert len(one) > 100
    assert citations(in_parts) == one


def test_page_labels_outlines_and_links_are_those_of_the_book_in_one_run(edition_pdf: Path, in_parts: Path):
    with pikepdf.open(edition_pdf) as one, pikepdf.open(in_parts) as parts:
        assert labels(parts) == labels(one)
        assert outlines(parts) == outlines(one)
        found = links(parts)
        assert found == links(one)
        assert len(found) > 100
        assert not [link for link in found if link[1] == "URI" and link[2].startswith(GOTO)]


def test_no_private_link_is_left_anywhere_in_the_file(in_parts: Path):
    with pikepdf.open(in_parts) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/URI" in obj:
                assert not str(obj.URI).startswith(GOTO)


def test_one_structure_tree_covers_every_page_and_link(edition_pdf: Path, in_parts: Path):
    with pikepdf.open(edition_pdf) as one, pikepdf.open(in_parts) as pdf:
        tree = pdf.Root.StructTreeRoot
        roots = [tree.K] if isinstance(tree.K, pikepdf.Dictionary) else list(tree.K)
        assert [str(root.S) for root in roots] == ["/Document"], "one Document holds the parts"
        parents = parent_tree(pdf)
        assert int(tree.ParentTreeNextKey) == max(parents) + 1
        pages = {page.objgen for page in pdf.pages}
        marked = 0
        for page in pdf.pages:
            if "/StructParents" in page.obj:
                marked += 1
                # The page's entry names, for each marked-content ID on it, the element that holds it.
                held = parents[int(page.obj.StructParents)]
                assert len(held) > 0
                assert all(mcid in mcids(element, page) for mcid, element in enumerate(held)
                           if isinstance(element, pikepdf.Dictionary))
            for annotation in page.obj.get("/Annots", []):
                link = parents[int(annotation.StructParent)]
                assert link.S == "/Link"
                assert any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Obj") is not None
                           and kid.Obj.objgen == annotation.objgen for kid in link.K)
        assert marked == sum("/StructParents" in page.obj for page in one.pages)
        found = elements(pdf)
        assert all(element.Pg.objgen in pages for element in found if "/Pg" in element)
        assert all(element.P.objgen in {e.objgen for e in found} | {tree.objgen} for element in found)
        assert Counter(str(e.S) for e in found) == Counter(str(e.S) for e in elements(one))
        ids = tree.IDTree.Names
        names = [bytes(ids[i]) for i in range(0, len(ids), 2)]
        assert names == sorted(set(names)), "element IDs are unique and the name tree sorted"
        assert all(ids[i + 1].ID == ids[i] for i in range(0, len(ids), 2))


def test_the_merged_pdf_declares_what_the_book_in_one_run_declares(edition_pdf: Path, in_parts: Path):
    with pikepdf.open(edition_pdf) as one, pikepdf.open(in_parts) as pdf:
        metadata = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in metadata
        assert "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>" in metadata.replace("\n", "")
        assert f"<xmpTPg:NPages>{len(pdf.pages)}</xmpTPg:NPages>" in metadata
        for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/OutputIntents"):
            assert repr(pdf.Root[key]) == repr(one.Root[key]), key
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        assert dict(pdf.docinfo) == dict(one.docinfo)
        assert dict(pdf.Root.StructTreeRoot.RoleMap) == dict(one.Root.StructTreeRoot.RoleMap)


def test_a_blank_page_comes_where_one_run_leaves_one(long_principles: tuple[Path, Path]):
    one, parts = long_principles
    with pikepdf.open(one) as a, pikepdf.open(parts) as b:
        assert labels(a)[:9] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "1"], "the principles end on page vii"
        assert labels(b) == labels(a)
        assert links(b) == links(a)
    assert pdftotext(parts, "-layout") == pdftotext(one, "-layout")


def test_a_book_in_parts_gives_the_same_bytes_twice(in_parts: Path, tmp_path: Path):
    assert build_in_parts(TEI_FOLDER, tmp_path / "print").read_bytes() == in_parts.read_bytes()


def test_a_document_typst_refuses_in_a_part_is_left_out_with_one_line(tmp_path: Path):
    for file in TEI_FOLDER.glob("*.xml"):
        shutil.copy(file, tmp_path)
    document = tmp_path / "1990-11-19-paris-gorbachev-bush.xml"
    document.write_text(document.read_text(encoding="utf-8").replace("<p>Precisely.</p>", "<p>Precisely 漢.</p>"),
                        encoding="utf-8")
    code, _, errors = build(tmp_path, "-o", tmp_path / "out", "--edition-only", "--part-size", "0.001")
    line = next(n for n, text in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1) if "漢" in text)
    assert code == 1
    assert errors.splitlines()[0].startswith(f"{document}:{line}:")
    assert "'漢' cannot be printed" in errors
    contents = next(page for page in pdftotext(tmp_path / "out" / "edition.pdf", "-layout") if "Contents" in page)
    assert "Moscow, 8 November 1990" in contents, "the book is made of the others"
    assert "Paris, 19 November 1990" not in contents


def back_matter(pdf: Path) -> tuple[list[str], list[str]]:
    """The words of the back matter without its page furniture (each page's running head and folio,
    the ledger's column heads that each page repeats), and each page's running head as printed."""
    pages = pdftotext(pdf, "-layout")
    start = next(i for i, page in enumerate(pages) if page.split()[:3] == ["Index", "of", "persons"])
    words, heads = [], []
    for page in pages[start:]:
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and re.fullmatch(r"\s*\d*\s*(Index of persons|Index of places|Omissions and uncertainties|Encoding"
                                  r"|Gorbachev and the Americans, 1990: A Digital Edition)\s*\d*\s*", lines[0]):
            heads.append(" ".join(lines.pop(0).split()))
        if lines and lines[-1].strip().isdigit():
            lines.pop()
        words += [w for line in lines if line.split() != ["Page", "Line", "Turn", "What", "Wording"] for w in line.split()]
    # A table cut into runs sets its columns afresh in each, so a word may break at another line.
    return " ".join(words).replace("\xad ", "").split(), heads


# An entry a run goes on with: its heading again, "(continued)", then its citations of the kind the
# run before ended in (speaks, named) or of the next kind; the heading holds no em dash.
_CONTINUED = re.compile(r"(?P<head>[^—\s][^—]*?) — (?P<before>[^—]*?) (?P=head) \(continued\) — (?P<kind>(?:speaks|named) )?")


def unbroken(words: list[str]) -> list[str]:
    """Words as they read, where a line broke after a dash (1989– 1993)."""
    return " ".join(words).replace("– ", "–").split()


def undivided(words: list[str]) -> list[str]:
    """The words of an index whose entries were cut across runs, as one run prints them."""
    text, cut = " ".join(unbroken(words)), 0
    while found := _CONTINUED.search(text):
        kinds = re.findall(r"\b(speaks|named) ", found["before"])
        same = found["kind"] is None or (kinds and kinds[-1] + " " == found["kind"])
        text = text[:found.start()] + f"{found['head']} — {found['before']}{', ' if same else '; ' + found['kind']}" + text[found.end():]
        cut += 1
    assert cut
    return text.split()


def test_a_back_matter_too_long_for_one_run_goes_on_in_the_next(edition_pdf: Path, tmp_path: Path, monkeypatch):
    """Each index cut into runs of a few marks each prints the entries and citations of the book in
    one run, an entry too long for a run going on in the next under its heading, "(continued)"; each
    run goes on on a page of its own, under the running head, the folios counting on."""
    monkeypatch.setattr(parts, "BACK_RECORDS", 10)  # the ledger: 2 rows a run
    split = build_in_parts(TEI_FOLDER, tmp_path / "print")
    one_words, one_heads = back_matter(edition_pdf)
    words, heads = back_matter(split)
    assert "(continued)" not in one_words
    assert undivided(words) == unbroken(one_words)
    assert len(heads) > len(one_heads)
    with pikepdf.open(split) as pdf:
        printed = labels(pdf)
        main = printed.index("1")
        assert printed[main:] == [str(n) for n in range(1, len(printed) - main + 1)]
        # The right-hand pages of the index of persons after its opening, one of them a run's first.
        back = [head.split()[-1] for head in heads if head.startswith("Index of persons ")]
        assert len(back) >= 2 and all(folio in printed and int(folio) % 2 for folio in back)
