"""The static export joins passages from pieces serialised once (Passages); they must be the bytes
the server cuts and serialises (span, wrapped) for every span, escapes, comments and namespaces
included."""

from __future__ import annotations

import pytest
from lxml import etree

from teikit import xmlfile
from teikit.dts.passages import Passages, span, wrapped

BODY = """<text><body>
  <div n="1" type='a "quoted" &gt; &amp; value&#10;over lines'><head>One &amp; <hi>only</hi></head>
    <sp who="#a"><speaker>A</speaker><p>Fish &lt; chips &gt; peas, “quoted”, naïve&#13;</p><!-- a comment --><p>Second<lb/>line</p></sp>
    tail text &amp; more
    <?editor a processing instruction?>
    <sp who="#b"><p xml:id="p2">Ünïcödé 𝔘 <note>in a <emph>note</emph></note> after</p><p/></sp>
  </div>
  <div n="2"><p>Last<pb n="2"/>page</p><ab>block</ab></div>
</body></text>"""
DOCUMENTS = {
    "TEI only": f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>{BODY}</TEI>',
    "a namespace declared and not used": f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader/>{BODY}</TEI>',
    "another namespace used": '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:m="http://www.w3.org/1998/Math/MathML"><teiHeader/>'
                              + BODY.replace("<ab>block</ab>", "<ab><m:math><m:mi>x</m:mi></m:math> block</ab>") + "</TEI>",
    "a namespace declared inside": '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>'
                                   + BODY.replace('<div n="2">', '<div xmlns="http://www.tei-c.org/ns/1.0" n="2">') + "</TEI>",
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_joined_passages_are_the_bytes_cut_and_serialised(name):
    source = DOCUMENTS[name].encode()
    root = xmlfile.parse_bytes(source, "test.xml")
    passages = Passages(root, source)
    assert passages.joined == (name in ("TEI only", "a namespace declared and not used"))
    elements = list(root.find("{*}text").iter(etree.Element))
    # Every span: from an element to itself, to one after it, and to one it lies in.
    pairs = [(start, end) for i, start in enumerate(elements) for end in elements[i:]]
    pairs += [(start, end) for start in elements for end in start.iterancestors() if end in elements]
    assert len(pairs) > 200
    for start, end in pairs:
        assert passages.between(start, end) == wrapped(span(start, end)), (start.tag, start.sourceline, end.tag, end.sourceline)
