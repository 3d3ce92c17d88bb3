"""A second `build print` takes what Typst made from an unchanged source from the print edition
shown: a changed document typesets its own offprint and the book again, nothing else, and every PDF
is the same bytes as a clean build's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TEI_FOLDER
from tests.print.conftest import build


def _pdfs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def _built(*args) -> dict:
    code, report, errors = build(*args)
    assert code == 0, errors
    return report


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "tei"
    shutil.copytree(TEI_FOLDER, folder)
    return folder


def _change_a_word(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    changed = text.replace("Gorbachev", "Gorbatschow", 1)
    assert changed != text
    document.write_text(changed, encoding="utf-8")


def test_an_unchanged_edition_is_not_typeset_again_and_a_changed_document_only_its_own(corpus, tmp_path):
    output = tmp_path / "print"
    first = _built(corpus, "-o", output)
    assert first["typeset_taken_from_previous"] == 0
    made = _pdfs(output)
    assert len(made) == 4
    again = _built(corpus, "-o", output)
    assert again["typeset_taken_from_previous"] == 4, "the book and the three offprints"
    assert _pdfs(output) == made
    assert len(list((output / ".teikit-kept").glob("*.pdf"))) == 4

    changed = sorted(p for p in corpus.glob("*.xml") if p.name != "register.xml")[-1]
    _change_a_word(changed)
    after = _built(corpus, "-o", output)
    assert after["typeset_taken_from_previous"] == 2, "the two other offprints"
    now = _pdfs(output)
    assert now[f"{changed.stem}.pdf"] != made[f"{changed.stem}.pdf"] and now["edition.pdf"] != made["edition.pdf"]
    clean = _built(corpus, "-o", tmp_path / "clean", "--clean")
    assert clean["typeset_taken_from_previous"] == 0
    assert now == _pdfs(tmp_path / "clean")
    # What the version holds of Typst's work is what it was made of: the replaced results are gone.
    assert len(list((output / ".teikit-kept").glob("*.pdf"))) == 4


def test_the_parts_of_a_book_typeset_in_parts_are_kept_too(corpus, tmp_path):
    output = tmp_path / "print"
    _built(corpus, "-o", output, "--edition-only", "--part-size", "0.001")
    book = (output / "edition.pdf").read_bytes()
    runs = len(list((output / ".teikit-kept").glob("*.pdf")))
    assert runs >= 5, "front matter, three documents, back matter"
    again = _built(corpus, "-o", output, "--edition-only", "--part-size", "0.001")
    assert again["typeset_taken_from_previous"] == runs
    assert (output / "edition.pdf").read_bytes() == book

    # The last document changed: the parts before it are typeset on the same pages as before.
    changed = sorted(p for p in corpus.glob("*.xml") if p.name != "register.xml")[-1]
    _change_a_word(changed)
    after = _built(corpus, "-o", output, "--edition-only", "--part-size", "0.001")
    assert 0 < after["typeset_taken_from_previous"] < runs
    _built(corpus, "-o", tmp_path / "clean", "--edition-only", "--part-size", "0.001", "--clean")
    assert (output / "edition.pdf").read_bytes() == (tmp_path / "clean" / "edition.pdf").read_bytes()
