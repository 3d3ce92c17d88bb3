"""Everything the converter writes is valid against the official tei_all schema (P5 4.12.0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit.convert.register import Register
from teikit.convert.transcript import convert

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPTS = {
    "record-labels.txt": "H. KOHL. Welcome.\n\nG. BUSH. Thank you.\n\n[H. KOHL.] Let us begin [with the agenda].\n",
    "brackets.txt": (
        "**Conversation between Bush and Gorbachev**\n\n---\n\n[...]\n\nBush: We [illegible] agree [cherez zapiatiu].\n\n"
        "Gorbachev: Yes [SBSE?? - something like that?]. And\n\nthen [Two pages omitted in the original]\n\n"
        "[Subsequent pages omitted in the original.]\n"
    ),
    "article.txt": 'Intro line with "a quotation".\n\n== One ==\nText.\n\n=== Two ===\n\n==== Four ====\nDeep.\n== See also ==\nA\nB\n',
    "plain.txt": "Just some text,\n\ncontinued after a page.\n\nAnd a new paragraph. *Italic* and **bold** and <https://example.org>.\n",
}


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(collect_ids=False))


def assert_valid(tei_all: etree.RelaxNG, path: Path) -> None:
    valid = tei_all.validate(parse(path))
    assert valid, f"{path.name}: " + "; ".join(f"{e.line}: {e.message}" for e in tei_all.error_log)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "tei").glob("*.xml")))
def test_the_edition_is_valid_tei(tei_all, name):
    assert_valid(tei_all, ROOT / "tei" / name)


@pytest.mark.parametrize("name", sorted(TRANSCRIPTS))
def test_conversions_of_other_transcripts_are_valid_tei(tei_all, tmp_path, name):
    source = tmp_path / name
    source.write_text(TRANSCRIPTS[name], encoding="utf-8")
    conversion = convert(source, tmp_path, Register.load(ROOT / "tei" / "register.xml"))
    output = tmp_path / conversion.name
    output.write_bytes(conversion.document)
    assert_valid(tei_all, output)


def test_every_file_declares_its_schemas_for_editors():
    for path in (ROOT / "tei").glob("*.xml"):
        head = path.read_text(encoding="utf-8")[:1200]
        assert '<?xml-model href="../schema/edition.xsd"' in head, path.name
        assert '<?xml-model href="../schema/edition.sch"' in head, path.name
        assert "tei_all.rng" in head and "http://purl.oclc.org/dsdl/schematron" in head, path.name
