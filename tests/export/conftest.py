"""One build of every export for the edition and for foreign TEI, shared by the tests of this folder."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import main
from teikit.export.text import export_texts
from tests.conftest import ROOT, edition_files

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = ROOT / "tests" / "corpus" / "tei"
FORMATS = ("csv", "epub", "docx", "markdown", "rdf", "tei-publisher")
# Blocks export text adds to introduce the archive's description: words of teikit's, not the witness's.
TEXT_LABELS = {"Citation:", "Summary:", "Credits:", "Original Language:", "Contents:"}


def words(text: str) -> Counter:
    return Counter(w.casefold() for w in re.findall(r"\w+", text))


def witness_words(documents: list[Path], labels: bool = False) -> dict[Path, Counter]:
    """Each document's words as `teikit export text` writes them (without its own labels, unless asked)."""
    texts = export_texts(documents)
    return {
        document: words("\n\n".join(b for b in re.split(r"\n\s*\n", text) if labels or b.strip() not in TEXT_LABELS))
        for document, text in zip(documents, texts, strict=True)
    }


def missing(expected: Counter, found: Counter) -> dict[str, int]:
    """Words (with how many of each) the export lacks."""
    return dict((expected - found).most_common(10))


def run_exports(sources: list[Path], folder: Path, *extra: str) -> dict[str, Path]:
    runner = CliRunner()
    outputs = {}
    for export in FORMATS:
        target = folder / export
        result = runner.invoke(main, ["export", export, *map(str, sources), "-o", str(target), *extra],
                               catch_exceptions=False)
        assert result.exit_code == 0, f"export {export}: {result.output}"
        outputs[export] = target
    return outputs


@pytest.fixture(scope="session")
def edition_documents() -> list[Path]:
    return edition_files()


@pytest.fixture(scope="session")
def edition_exports(tmp_path_factory, edition_documents) -> dict[str, Path]:
    return run_exports([ROOT / "tei"], tmp_path_factory.mktemp("edition-exports"), "--base-url", "https://edition.example.org/")


def foreign_documents() -> list[Path]:
    """The foreign TEI corpus (tests/corpus/tei/PROJECT/*.xml) and this folder's own fixture."""
    return sorted(CORPUS.glob("*/*.xml")) + sorted(FIXTURES.glob("*.xml"))


@pytest.fixture(scope="session")
def foreign_exports(tmp_path_factory) -> dict[str, Path]:
    return run_exports(foreign_documents(), tmp_path_factory.mktemp("foreign-exports"))
