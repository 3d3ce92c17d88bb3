"""One build of every export for the edition and for foreign TEI, shared by the tests of this folder."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import main
from teikit.errors import InputError
from teikit.export.batch import unique_names
from teikit.export.text import export_texts
from teikit.tei import parse
from tests.conftest import ROOT, edition_files

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = ROOT / "tests" / "corpus" / "tei"
FORMATS = ("csv", "epub", "docx", "markdown", "rdf", "tei-publisher")
# Blocks export text adds to introduce the archive's description: words of teikit's, not the witness's.
TEXT_LABELS = {"Citation:", "Summary:", "Credits:", "Original Language:", "Contents:"}


# Scripts written without spaces between words: compared character by character, since where \w+
# breaks them depends on the markup around (a name in a Japanese sentence).
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def words(text: str) -> Counter:
    """The words of ``text``, casefolded. Square brackets are dropped first: the exports mark supplied
    letters as on the web, [ὑμῖ]ν, where export text prints ὑμῖν, and the witness's word is the same."""
    found = Counter()
    # A soft hyphen only says where a word may break (docx2python reads Word's as nothing): not a boundary.
    for word in re.findall(r"\w+", text.replace("[", "").replace("]", "").replace("\u00ad", "")):
        found.update(list(word) if UNSPACED.search(word) else [word.casefold()])
    return found


def witness_text(text: str) -> str:
    """Export text without the targets it writes beside links ([words](target), <target>): not the witness's."""
    return re.sub(r"<(?:https?|mailto):[^>\s]*>", " ", re.sub(r"\]\([^)\s]*\)", "] ", text))


def export_text_fails_on(documents: list[Path]) -> set[Path]:
    """The documents `teikit export text` cannot yet render (xslt/export/text.xsl, issue 8)."""
    return {document for document in documents if _export_text(document) is None}


@functools.cache
def _export_text(document: Path) -> str | None:
    try:
        return export_texts([document])[0]
    except InputError:
        return None


def witness_words(documents: list[Path], labels: bool = False) -> dict[Path, Counter]:
    """Each document's words as `teikit export text` writes them (without its own labels, unless asked,
    and without the numbers it prints before verse lines: apparatus, not the witness's words);
    documents it cannot render are left out (export_text_fails_on names them)."""
    found = {}
    for document in documents:
        text = _export_text(document)
        if text is not None:
            said = words(witness_text("\n\n".join(
                b for b in re.split(r"\n\s*\n", text) if labels or b.strip() not in TEXT_LABELS)))
            found[document] = said if labels else said - line_numbers(document)
    return found


def line_numbers(document: Path) -> Counter:
    """The numbers export text prints before the lines of verse (l/@n) of ``document``."""
    numbers = parse(document).xpath("//*[local-name() = 'text']//*[local-name() = 'l']/@n")
    return words(" ".join(numbers))


def footnoted(document: Path) -> int:
    """How many footnotes the books give ``document``: its notes, and the other readings of its choices and
    apparatus entries (xslt/export/common.xsl, x:footnoted)."""
    tei = "http://www.tei-c.org/ns/1.0"
    return int(parse(document).xpath(
        "count(//t:text//t:note[not(parent::t:app[t:rdg])]) + count(//t:text//t:choice[count(*) > 1])"
        " + count(//t:text//t:app[t:rdg])", namespaces={"t": tei}))


def unkept(expected: Counter, found: Counter) -> list[str]:
    """For foreign TEI: the distinct words of export text an export lacks, when they are more than 1 %
    (issue 8's bar for foreign files; the edition's own documents must keep every word, see missing)."""
    lacking = [w for w in expected if w not in found]
    return lacking if len(lacking) > 0.01 * len(expected) else []


def missing(expected: Counter, found: Counter) -> dict[str, int]:
    """Words (with how many of each) the export lacks."""
    return dict((expected - found).most_common(10))


def run_exports(sources: list[Path], folder: Path, *extra: str, strict: bool = True) -> dict[str, Path]:
    """Every export of ``sources`` into ``folder``/FORMAT; what each said is in ``folder``/FORMAT.log."""
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    outputs = {}
    for export in FORMATS:
        target = folder / export
        result = runner.invoke(main, ["export", export, *map(str, sources), "-o", str(target), *extra],
                               catch_exceptions=False)
        if strict:
            assert result.exit_code == 0, f"export {export}: {result.output}"
        target.mkdir(parents=True, exist_ok=True)
        (folder / f"{export}.log").write_text(f"{result.exit_code}\n{result.output}", encoding="utf-8")
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


@functools.cache
def _foreign_names() -> dict[Path, str]:
    return unique_names(foreign_documents())


def foreign_name(document: Path) -> str:
    """A foreign document's name in the exports: two files of the corpus share a stem (testtranscr.xml)."""
    return _foreign_names()[document]


@pytest.fixture(scope="session")
def foreign_exports(tmp_path_factory) -> dict[str, Path]:
    return run_exports(foreign_documents(), tmp_path_factory.mktemp("foreign-exports"), strict=False)
