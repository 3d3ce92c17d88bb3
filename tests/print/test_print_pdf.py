"""The PDF as archives and readers with assistive technology get it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.conftest import TEI_FOLDER
from tests.print.conftest import build

A5 = (419.5, 595.3)
A4 = (595.3, 841.9)


def xmp(pdf: Path) -> str:
    return PdfReader(pdf).xmp_metadata.stream.get_data().decode("utf-8")


def test_every_pdf_declares_pdf_ua_1_and_pdf_a_2a(printed):
    folder, _ = printed
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 4
    for pdf in pdfs:
        metadata = xmp(pdf)
        assert "<pdfuaid:part>1</pdfuaid:part>" in metadata, pdf.name
        assert "<pdfaid:part>2</pdfaid:part>" in metadata, pdf.name
        assert "<pdfaid:conformance>A</pdfaid:conformance>" in metadata, pdf.name


def test_every_pdf_is_tagged_with_a_structure_tree_and_a_language(printed):
    for pdf in printed[0].glob("*.pdf"):
        root = PdfReader(pdf).trailer["/Root"]
        assert "/StructTreeRoot" in root, pdf.name
        assert root["/StructTreeRoot"].get_object()["/K"], f"{pdf.name}: the structure tree is empty"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert root["/Lang"] == "en"


def test_title_and_author_are_the_editions_or_the_documents(printed):
    folder, _ = printed
    edition = PdfReader(folder / "edition.pdf").metadata
    assert edition.title == "Gorbachev and the Americans, 1990: A Digital Edition"
    assert edition.author == "The teikit editorial team"
    offprint = PdfReader(folder / "1990-11-19-paris-gorbachev-bush.pdf").metadata
    assert offprint.title == "Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990"
    assert "<dc:language><rdf:Bag><rdf:li>en</rdf:li>" in xmp(folder / "edition.pdf")


def test_typst_reports_no_warning(printed):
    _, report = printed
    assert all(output["warnings"] == [] for output in report["outputs"])


def test_a_character_no_bundled_font_has_stops_the_build_at_its_line(tmp_path: Path):
    """PDF/A forbids an empty box where a glyph is missing: the build says where the character is."""
    text = (TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml").read_text(encoding="utf-8")
    document = tmp_path / "1990-11-19-paris-gorbachev-bush.xml"
    document.write_text(text.replace("<p>Precisely.</p>", "<p>Precisely 漢.</p>"), encoding="utf-8")
    (tmp_path / "register.xml").write_bytes((TEI_FOLDER / "register.xml").read_bytes())
    code, _, errors = build(document, "-o", tmp_path / "out")
    line = next(n for n, l in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1) if "漢" in l)
    assert code == 2
    assert errors.startswith(f"{document}:{line}:")
    assert "'漢' cannot be printed: none of the fonts bundled with Typst" in errors
    assert len(errors.splitlines()) == 1
    assert not (tmp_path / "out").exists(), "nothing is written when the build fails"


def test_the_same_tei_gives_the_same_bytes(printed, tmp_path: Path):
    folder, _ = printed
    code, _, errors = build(TEI_FOLDER, "-o", tmp_path)
    assert code == 0, errors
    for pdf in folder.glob("*.pdf"):
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), f"{pdf.name} differs between two builds"


def test_a5_by_default_and_a4_on_request(printed, tmp_path: Path):
    box = PdfReader(printed[0] / "edition.pdf").pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A5
    code, report, errors = build(TEI_FOLDER, "-o", tmp_path, "--paper", "a4", "--edition-only")
    assert code == 0, errors
    assert report["paper"] == "a4"
    box = PdfReader(tmp_path / "edition.pdf").pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A4


def test_page_labels_number_the_front_matter_in_roman_and_the_text_from_1_on_a_right_hand_page(edition_pdf: Path):
    labels = list(PdfReader(edition_pdf).page_labels)
    first = labels.index("1")
    assert labels[:first] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][:first]
    assert first % 2 == 0, "page 1 must be a right-hand page (an odd page of the PDF)"
    assert labels[first:] == [str(n) for n in range(1, len(labels) - first + 1)]
