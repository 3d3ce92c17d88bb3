"""A real project's rule files: the Office of the Historian's FRUS Schematron (public domain, excerpted in
fixtures/schematron/frus/), with schema-level <extends href>, variables at every level, rule and assertion
roles, XPath 3.1, attribute, text and processing-instruction contexts, and SQF fixes the compiler must skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate.schematron import Schematron

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schematron" / "frus"


@pytest.fixture(scope="module")
def frus(tmp_path_factory) -> Schematron:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TEIKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return Schematron(FIXTURES / "frus.sch")


def position_of(path: Path, markup: str) -> tuple[int, int]:
    """Line and column where ``markup`` first starts in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if markup in line:
            return number, line.index(markup) + 1
    raise AssertionError(f"{markup!r} is not in {path.name}")


def test_a_volume_that_keeps_the_rules_has_no_findings(frus):
    assert frus.validate(FIXTURES / "clean-volume.xml") == []


def test_a_volume_that_breaks_them_gets_each_rules_own_message_at_its_node(frus):
    volume = FIXTURES / "volume.xml"
    expected = [
        ("<?xml-model", "error", "processing-instruction-check",
         "Please remove root level processing instructions before delivery."),
        ("<body>", "error", "div-numbering-checks",
         "Document numbering mismatch. The total number of documents with integer-@n values (2) should equal the "
         "difference between the first and final documents' numbers (3 - 1 + 1 = 3), or the number of documents "
         "must be 0 (indicating a volume not yet digitized)."),
        ('<note n="3"', "warning", "footnote-numbering-checks",
         "Footnote numbering mismatch. This is footnote “3”, but the previous foonote in the document is “1”."),
        ('<p rendition="#bold">', "error", "att-rendition-checks",
         "The rendition ID '#bold' is not defined in the teiHeader's list of renditions: italic"),
        ("The Secretary", "warning", "punctuation-orientation-and-placement-checks",
         'Straight quotation marks found. Please verify the quotes or change them to curly. ["no"]'),
        ("<p/>", "error", "empty-missing-content-checks", "p elements cannot be empty."),
        ("<pb ", "error", "milestone-checks",
         "A pb or lb element cannot be the first element in a parent element (except front, body, and back)."),
        ('<ref target="#d9">', "error", "pointer-checks",
         "ref/@target='#d9' is an invalid value. No element's @xml:id corresponds to this value."),
        ("<closer>", "warning", "closer-multiple-signed", "A closer should only have one child signed element"),
        ('<div type="document" n="3"', "error", "div-numbering-checks",
         "Document numbering mismatch. Document div/@n numbering must be consecutive."),
        ('<div type="document" n="3"', "error", "source-note-checks", "Source note is missing"),
        ('<div type="document" n="3"', "error", "source-note-checks",
         "Source note doesn't begin with 'Source:' or '[Source:...]':"),
    ]
    found = [(f.line, f.column, f.severity, f.rule, f.message) for f in frus.validate(volume)]
    assert found == [
        (*position_of(volume, markup), severity, rule, message) for markup, severity, rule, message in expected
    ]
