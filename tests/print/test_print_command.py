"""``teikit build print`` as a user meets it: its output, its options, and one clear line for bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TEI_FOLDER, edition_files
from tests.print.reading import pdftotext

OFFPRINTS = sorted(f"{p.stem}.pdf" for p in edition_files())


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """A copy of tei/ that a test may spoil."""
    folder = tmp_path / "tei"
    shutil.copytree(TEI_FOLDER, folder)
    return folder


def test_it_builds_the_book_and_an_offprint_per_document(teikit, tmp_path: Path):
    result = teikit("build", "print", TEI_FOLDER, "-o", tmp_path)
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(["edition.pdf", *OFFPRINTS])
    assert result.stdout.splitlines()[0] == f"Built the print edition in {tmp_path} (A5, PDF/A-2a and PDF/UA-1):"
    assert "  edition.pdf: " in result.stdout and " pages, 3 documents" in result.stdout
    assert "  1990-11-08-moscow-gorbachev-baker.pdf: " in result.stdout
    assert result.stderr.startswith("4 PDFs in ")


def test_edition_only_documents_only_and_the_typst_source(teikit, tmp_path: Path):
    assert teikit("build", "print", TEI_FOLDER, "-o", tmp_path / "a", "--edition-only", "--keep-typst").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir() if not p.name.startswith(".")) == ["edition.pdf", "edition.typ"]
    assert "#tei-document(" in (tmp_path / "a" / "edition.typ").read_text(encoding="utf-8")
    assert teikit("build", "print", TEI_FOLDER, "-o", tmp_path / "b", "--documents-only").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "b").iterdir() if not p.name.startswith(".")) == OFFPRINTS


def test_the_two_only_options_exclude_each_other(teikit, tmp_path: Path):
    result = teikit("build", "print", TEI_FOLDER, "-o", tmp_path, "--edition-only", "--documents-only")
    assert result.exit_code == 2
    assert "exclude each other" in result.stderr
    assert not any(tmp_path.iterdir())


def test_a_document_that_is_not_xml_gets_one_line_and_the_others_are_printed(teikit, edition: Path, tmp_path: Path):
    broken = edition / "1990-11-08-moscow-gorbachev-baker.xml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("</sp>", "</spp>", 1), encoding="utf-8")
    result = teikit("build", "print", edition, "-o", tmp_path / "out")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(f"{broken}:")
    assert ": error: not well-formed XML: " in errors[0]
    assert "Traceback" not in result.stderr
    assert "1 file left out" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == sorted(
        ["edition.pdf", *(name for name in OFFPRINTS if "moscow" not in name)])
    assert "  edition.pdf: " in result.stdout and " pages, 2 documents" in result.stdout


def test_a_document_without_a_title_prints_under_its_file_name(teikit, edition: Path, tmp_path: Path):
    document = edition / "1990-11-19-paris-gorbachev-bush.xml"
    text = document.read_text(encoding="utf-8")
    start, end = text.index('<title type="main">'), text.index("</title>") + len("</title>")
    document.write_text(text[:start] + text[end:], encoding="utf-8")
    result = teikit("build", "print", document, "-o", tmp_path / "out", "--documents-only")
    assert result.exit_code == 0, result.stderr
    assert "1990-11-19-paris-gorbachev-bush" in " ".join(pdftotext(tmp_path / "out" / "1990-11-19-paris-gorbachev-bush.pdf")[0].split())


def test_no_register_is_needed(teikit, edition: Path, tmp_path: Path):
    """Without register.xml the book takes its title and editors from the documents' headers, or from
    --title and --editor, and never this edition's name when it holds other files."""
    (edition / "register.xml").unlink()
    result = teikit("build", "print", edition, "-o", tmp_path / "out", "--edition-only",
                    "--title", "Three Conversations", "--editor", "A. Reader")
    assert result.exit_code == 0, result.stderr
    title_page = " ".join(pdftotext(tmp_path / "out" / "edition.pdf")[0].split())
    assert title_page.startswith("Three Conversations Edited by A. Reader")
    assert "Index of persons" in " ".join(" ".join(pdftotext(tmp_path / "out" / "edition.pdf")).split())


def test_no_such_source(teikit, tmp_path: Path):
    result = teikit("build", "print", tmp_path / "nothing", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nothing'}:1:1: error: no such file or folder\n"


def test_help_shows_an_example(teikit):
    result = teikit("build", "print", "--help")
    assert "teikit build print tei/ --paper a4 -o build/review" in result.stdout
    assert "--paper [a5|a4]" in result.stdout


def test_parallel_typesetting_gives_the_same_pdfs(teikit, printed, tmp_path: Path):
    assert teikit("build", "print", TEI_FOLDER, "-o", tmp_path, "--jobs", "2").exit_code == 0
    for pdf in printed[0].glob("*.pdf"):
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_a_failure_inside_the_stylesheet_is_one_line_at_the_input(teikit, edition: Path, tmp_path: Path, capfd):
    """A regular expression of the document's own (a prefixDef's matchPattern) that Saxon cannot compile
    fails inside the print stylesheet: the user gets the line of the element being typeset, not the
    stylesheet's, and no stack dump through the stylesheets."""
    document = edition / "1990-11-19-paris-gorbachev-bush.xml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace('matchPattern="([A-Za-z0-9_.-]+)"', 'matchPattern="([a-z]+"'), encoding="utf-8")
    first_turn = next(n for n, line in enumerate(text.splitlines(), start=1) if line.lstrip().startswith("<sp "))
    capfd.readouterr()
    result = teikit("build", "print", document, edition / "1990-11-08-moscow-gorbachev-baker.xml", "-o", tmp_path / "out")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{document}:{first_turn}:1: error: could not be typeset in <sp>: Syntax error at char 9 in regular expression: "
        "Missing close parenthesis; if `teikit validate --rng` finds the file valid, this is a fault of teikit's "
        "print stylesheet: please report it with the file"
    ]
    leaked = capfd.readouterr().err
    assert ".xsl" not in leaked and "Traceback" not in leaked, leaked
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["1990-11-08-moscow-gorbachev-baker.pdf", "edition.pdf"]
