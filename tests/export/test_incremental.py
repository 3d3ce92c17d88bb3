"""A second export into the same folder takes the unchanged documents' results from the first,
and writes what a clean export writes, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit.cli import main
from teikit.tei import TEI_NS
from tests.conftest import ROOT

FORMATS = ("csv", "json", "epub", "docx", "markdown", "rdf")


def export(fmt: str, sources: Path, output: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["export", fmt, str(sources), "-o", str(output),
                                       "--base-url", "https://edition.example.org/", *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def change_one_word(document: Path) -> None:
    tree = etree.parse(str(document))
    paragraph = tree.find(f".//{{{TEI_NS}}}body//{{{TEI_NS}}}p")
    paragraph.text = (paragraph.text or "") + " Incrementally"
    tree.write(str(document), xml_declaration=True, encoding="UTF-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("incremental") / "tei"
    shutil.copytree(ROOT / "tei", folder)
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_incremental_export_equals_a_clean_one(corpus, tmp_path, fmt):
    sources = tmp_path / "tei"
    shutil.copytree(corpus, sources)
    kept = tmp_path / "kept"
    assert "taken from it" not in export(fmt, sources, kept)
    first = files(kept)
    changed = sorted(p for p in sources.glob("*.xml") if p.name != "register.xml")[1]
    change_one_word(changed)

    said = export(fmt, sources, kept)
    # The two other documents came from the first run; the changed one was transformed again.
    assert "(2 documents unchanged since the last export, taken from it)" in said
    again = files(kept)
    export(fmt, sources, tmp_path / "clean")
    clean = files(tmp_path / "clean")
    # Every file, the kept results too: those of the document as it was are gone.
    assert again.keys() == clean.keys()
    assert [name for name in again if again[name] != clean[name]] == []
    # The change reached the output.
    assert again != first
    if fmt in ("epub", "docx", "markdown"):
        stem = changed.stem
        own = next(name for name in again if name.startswith(stem))
        assert again[own] != first[own]

    # --clean transforms every document again, and writes the same.
    assert "taken from it" not in export(fmt, sources, kept, "--clean")
    assert files(kept) == clean
