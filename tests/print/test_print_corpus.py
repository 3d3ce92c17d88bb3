"""Any TEI prints: the foreign corpus (tests/corpus/tei/: 56 files of 16 projects, none with a register)
read back from the PDFs, word for word."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import NS
from tests.print.conftest import build
from tests.print.reading import pdftotext

CORPUS = Path(__file__).parent.parent / "corpus" / "tei"
# Signs the print edition adds around words (supplied, deleted) and the hyphens it breaks them with.
ADDED = re.compile(r"[\s\xad\[\]⟦⟧\-‐]")


def letters(text: str) -> str:
    """Text without white space, added signs or combining marks (poppler reorders the marks of
    pointed Hebrew and Arabic), in one normal form."""
    decomposed = unicodedata.normalize("NFD", ADDED.sub("", text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def corpus_print(tmp_path_factory) -> tuple[Path, dict, str]:
    out = tmp_path_factory.mktemp("corpus") / "print"
    result = build(CORPUS, "-o", out, "--documents-only", "--jobs", "2")
    return out, result


def source_of(pdf: Path) -> Path:
    return next(p for p in CORPUS.rglob("*.xml") if pdf.stem in (p.stem, f"{p.parent.name}-{p.stem}"))


def test_the_foreign_corpus_prints_without_a_register(corpus_print):
    out, (code, _, errors) = corpus_print
    printed = list(out.glob("*.pdf"))
    assert len(printed) >= 45, errors
    # What is left out is left out for a reason a user can act on, one line each: a character no
    # bundled font can draw (Chinese, Korean, Syriac, a private-use character).
    left_out = [line for line in errors.splitlines() if ": error: " in line]
    assert code == 1 and len(printed) + len(left_out) == len(list(CORPUS.rglob("*.xml")))
    assert all("cannot be printed" in line and "--font-path" in line for line in left_out), left_out
    assert "Traceback" not in errors


def test_each_printed_file_holds_the_words_of_its_text(corpus_print):
    """At least 99 % of the distinct words of each file's text (front, body, back, notes, apparatus,
    tables, verse…) are in its PDF."""
    out, _ = corpus_print
    for pdf in sorted(out.glob("*.pdf")):
        text = etree.parse(str(source_of(pdf))).getroot().find("tei:text", NS)
        expected = set(re.findall(r"\w+", " ".join(text.itertext())))
        hay = letters("".join(pdftotext(pdf)))
        missing = sorted(w for w in expected if letters(w) not in hay)
        assert len(missing) <= 0.01 * len(expected), f"{pdf.name}: {len(missing)} of {len(expected)} words missing: {missing[:10]}"
