"""Typst's special characters, Cyrillic and combining accents: escaped in one place, and never lost.

escape.xsl turns every TEI text into a Typst string literal. The first tests hold
Typst to its word: a literal made by tp:string equals the text it was made from,
character for character. The last sends hostile text through the whole pipeline,
TEI to PDF, and reads it back.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import typst
from hypothesis import given, settings
from hypothesis import strategies as st
from saxonche import PySaxonProcessor

from teikit.resources import XSLT_FOLDER
from tests.conftest import TEI_FOLDER
from tests.print.conftest import build
from tests.print.reading import actual_texts, dashes, pdftotext, printed_text, skeleton

HOSTILE = (
    "# $ * _ @ < > [ ] \\ ~ = - / \" ' ` -- --- ... // /* */ https://example.org/a_b "
    "\\u{41} \\\\ \\\" ]]) #panic(\"escaped\") $x^2$ @label <label> *strong* _emph_ ~ & ;"
)
CYRILLIC = "Съешь же ещё этих мягких французских булок, да выпей чаю"
COMBINING = "ё́ е́ а̀ ŭ n̈ e\u0301 C\u030c"
LINE_STARTS = ("= not a heading", "- not a list", "+ not an enum", "1. not a numbered list", "/ term: not a term")

# What XPath's \s folds: the XML white space characters.
XML_SPACE = re.compile(r"[ \t\n\r]+")

PROBE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tp="urn:teikit:print">
  <xsl:import href="{escape}"/>
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="texts/t ! string()">
      <xsl:text>#assert.eq(</xsl:text>
      <xsl:value-of select="tp:string(.)"/>
      <xsl:text>, sys.inputs.t</xsl:text>
      <xsl:value-of select="position()"/>
      <xsl:text>)&#10;#</xsl:text>
      <xsl:value-of select="tp:string(.)"/>
      <xsl:text>.len()&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
"""


def typst_literals(texts: list[str]) -> str:
    """Typst source asserting that tp:string of each text equals the text, passed to Typst untouched."""
    xml = "<texts>" + "".join(f"<t>{escape(t, {chr(13): '&#13;'})}</t>" for t in texts) + "</texts>"
    with PySaxonProcessor(license=False) as proc:
        probe = PROBE.format(escape=(XSLT_FOLDER / "print" / "escape.xsl").as_uri())
        executable = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=probe)
        return executable.transform_to_string(xdm_node=proc.parse_xml(xml_text=xml))


def assert_lossless(texts: list[str]) -> None:
    source = "#set document(title: \"probe\")\n" + typst_literals(texts)
    expected = {f"t{i}": XML_SPACE.sub(" ", text) for i, text in enumerate(texts, start=1)}
    typst.compile(source.encode(), format="pdf", ignore_system_fonts=True, sys_inputs=expected)


def test_a_literal_holds_every_hostile_character_unchanged():
    assert_lossless([HOSTILE, CYRILLIC, COMBINING, *LINE_STARTS, "", " ", "\\", "\"", "\\\"", "a\n\tb  c"])


def test_the_literal_breaks_when_it_is_not_escaped():
    """The probe can fail: an unescaped quote ends the literal early and Typst refuses the source."""
    broken = "#set document(title: \"probe\")\n#assert.eq(\"a\"b\", sys.inputs.t1)\n"
    try:
        typst.compile(broken.encode(), format="pdf", ignore_system_fonts=True, sys_inputs={"t1": 'a"b'})
    except typst.TypstError:
        return
    raise AssertionError("Typst accepted an unescaped quote")


# Any text an XML document can hold.
xml_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                                 min_codepoint=0x09).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20), max_size=40)


@settings(max_examples=25, deadline=None)
@given(st.lists(xml_text, min_size=1, max_size=12))
def test_any_text_survives_as_a_literal(texts):
    assert_lossless(texts)


def hostile_edition(folder: Path) -> Path:
    """A register with a hostile person and a record whose every part is hostile."""
    h = escape(HOSTILE)
    register = (TEI_FOLDER / "register.xml").read_text(encoding="utf-8").replace(
        "<listPerson>",
        f'<listPerson><person xml:id="hostile"><persName type="reg"><forename>R1 {h}</forename> '
        f'<surname>Zz{h}</surname></persName><persName xml:lang="ru">{CYRILLIC}</persName></person>',
        1,
    )
    (folder / "register.xml").write_text(register, encoding="utf-8")
    lines = "".join(f"<p>{escape(line)}</p>" for line in LINE_STARTS)
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title type="main">T1 {h}</title></titleStmt>
      <publicationStmt><publisher>The teikit project</publisher></publicationStmt>
      <sourceDesc><bibl type="source"><title level="a">T1</title>
        <bibl type="source-note"><orgName type="archive">A1 {h}</orgName></bibl></bibl></sourceDesc>
    </fileDesc>
    <encodingDesc>
      <editorialDecl><normalization><p>E1 {h}</p></normalization></editorialDecl>
      <listPrefixDef><prefixDef ident="reg" matchPattern="([A-Za-z0-9_.-]+)" replacementPattern="register.xml#$1"/></listPrefixDef>
    </encodingDesc>
    <profileDesc>
      <abstract><p>B1 {h}</p></abstract>
      <creation><date when="1991-01-01">1 January 1991</date>, <placeName ref="reg:moscow">Moscow</placeName></creation>
      <particDesc><listPerson><person xml:id="x" sameAs="reg:hostile" role="speaker"><persName>X</persName></person></listPerson></particDesc>
    </profileDesc>
  </teiHeader>
  <text><body>
    <head>H1 {h}</head>
    <sp xml:id="t1" n="1" who="#x">
      <speaker>S1 {h}</speaker>
      <p>P1 {h} <note type="translator" xml:id="n1">N1 {h}</note> more <supplied reason="clarification">U1 {h}</supplied>
        and <persName ref="reg:hostile">M1 {h}</persName> then <supplied reason="clarification" cert="low">Q1 {h}?</supplied></p>
      <p><gap reason="omitted"><desc>G1 {h}</desc></gap> after the gap</p>
      <p>C1 {CYRILLIC}. D1 {COMBINING}.</p>
      {lines}
    </sp>
  </body></text>
</TEI>
"""
    path = folder / "1991-01-01-moscow-hostile.xml"
    path.write_text(document, encoding="utf-8")
    return path


def test_hostile_text_goes_from_tei_to_pdf_and_back_unchanged(tmp_path: Path):
    source = hostile_edition(tmp_path)
    code, report, errors = build(source, "-o", tmp_path / "out", "--edition-only")
    assert code == 0, errors
    assert report["outputs"][0]["warnings"] == []
    pdf = tmp_path / "out" / "edition.pdf"
    text = skeleton(printed_text(pdf))
    for label in ("T1", "A1", "B1", "E1", "[G1", "R1"):
        assert skeleton(f"{label} {HOSTILE}") in text, f"{label}: the hostile text did not come through"
    # In a document's text, the typescript's "--" prints as a dash; nothing else changes.
    for label in ("H1", "S1", "P1", "N1", "[U1", "M1", "Q1"):
        assert skeleton(dashes(f"{label} {HOSTILE}")) in text, f"{label}: the hostile text did not come through"
    assert skeleton(f"Zz{HOSTILE}") in text, "the index lost the hostile surname"
    for line in LINE_STARTS:
        assert skeleton(line) in text, line
    assert skeleton(CYRILLIC) in text
    assert skeleton(COMBINING) in text
    # Where pdftotext repeats a letter with its accent, the PDF itself gives the pair once.
    raw = "".join(pdftotext(pdf, "-layout"))
    repeated = {c for c in COMBINING.split() if len(c) > 1 and c * 2 in raw}
    assert repeated <= actual_texts(pdf), "a letter with a combining accent is not given to readers as one"
