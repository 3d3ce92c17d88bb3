"""What protects the user: fonts for scripts the bundled ones lack, and a time limit on typesetting."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TEI_FOLDER, need
from tests.print.conftest import build
from tests.print.reading import pdftotext

CHINESE = Path(__file__).parent.parent / "corpus" / "tei" / "tls" / "KR3fa004.xml"
# Debian's packages of fonts with Han characters: fonts-noto-cjk, else fonts-droid-fallback.
CJK_FONTS = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/droid")]


def test_a_character_no_bundled_font_has_is_named_with_the_fix(tmp_path: Path):
    code, _, errors = build(CHINESE, "-o", tmp_path / "out")
    assert code == 2
    assert errors.startswith(f"{CHINESE}:6:24: error: '相' cannot be printed: none of the fonts bundled with Typst")
    assert "--font-path" in errors and errors.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_font_path_prints_chinese_and_stays_reproducible(tmp_path: Path):
    fonts = next((f for f in CJK_FONTS if f.is_dir()), None)
    need(fonts is not None, "no CJK font: install fonts-noto-cjk (or fonts-droid-fallback)")
    for run in ("a", "b"):
        code, report, errors = build(CHINESE, "-o", tmp_path / run, "--font-path", fonts, "--documents-only")
        assert code == 0, errors
    pdf = tmp_path / "a" / "KR3fa004.pdf"
    assert "黃子發" in "".join("".join(pdftotext(pdf)).split())
    assert pdf.read_bytes() == (tmp_path / "b" / "KR3fa004.pdf").read_bytes()
    assert f"the fonts of {fonts.name}" in " ".join(" ".join(pdftotext(pdf)[:2]).split())


def test_typesetting_that_takes_too_long_is_stopped_and_reported(tmp_path: Path):
    """A document Typst would need long for (here 20,000 paragraphs, with a limit of 1 s) is stopped,
    named in one line, and nothing is written."""
    paragraphs = "".join(f"<p>Paragraph {i} of a very long document.</p>" for i in range(20000))
    document = tmp_path / "long.xml"
    document.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Long</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        f"<text><body>{paragraphs}</body></text></TEI>", encoding="utf-8")
    code, _, errors = build(document, "-o", tmp_path / "out", "--timeout", "1", "--documents-only")
    assert code == 2
    assert errors == (f"{document}:1:1: error: typesetting took more than 1 s and was stopped; print it in smaller "
                      "parts (one offprint per document), or allow more time with --timeout\n")
    assert not (tmp_path / "out").exists()


def test_a_50_mb_document_is_refused_at_once_and_the_others_are_printed(tmp_path: Path):
    """Typst would need some 50 GB for it: it is left out before it is parsed, with the way through."""
    paragraph = "<p>" + "A paragraph of a very large record of conversation. " * 20 + "</p>\n"
    document = tmp_path / "huge.xml"
    with document.open("w", encoding="utf-8") as out:
        out.write('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Huge</title>'
                  "</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>"
                  "</teiHeader><text><body>\n")
        out.write(paragraph * (50_000_000 // len(paragraph)))
        out.write("</body></text></TEI>\n")
    small = TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml"
    code, _, errors = build(document, small, "-o", tmp_path / "out", "--documents-only")
    assert code == 1
    assert errors.splitlines()[0] == (
        f"{document}:1:1: error: is 50 MB, more than build print typesets in one PDF (2 MB; Typst needs about "
        "1 GB of memory per MB of TEI); print it in parts (split it into files, e.g. one per div), or allow it "
        "with --max-document-size 50 on a machine with 50 GB of memory to spare")
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["1990-11-19-paris-gorbachev-bush.pdf"]


def test_the_size_limit_can_be_lowered_and_raised(tmp_path: Path):
    small = TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml"
    code, _, errors = build(small, "-o", tmp_path / "out", "--documents-only", "--max-document-size", "0.01")
    assert code == 2 and errors.startswith(f"{small}:1:1: error: is 0.0369 MB, more than build print typesets in one PDF (0.01 MB;")
    code, _, errors = build(small, "-o", tmp_path / "out", "--documents-only", "--max-document-size", "0.5")
    assert code == 0, errors
