"""The profile as a document: one root, and a plain sentence on every declaration for the edition's
"encoding principles" page."""

from __future__ import annotations

import re

from lxml import etree

from teikit.tei import PROFILE

XS = "http://www.w3.org/2001/XMLSchema"
SCHEMA = etree.parse(str(PROFILE))


def documentation(declaration: etree._Element) -> list[str]:
    return ["".join(d.itertext()) for d in declaration.findall(f"{{{XS}}}annotation/{{{XS}}}documentation")]


def test_only_tei_can_start_a_document():
    assert [e.get("name") for e in SCHEMA.getroot().findall(f"{{{XS}}}element")] == ["TEI"]


def test_every_element_declaration_says_what_it_is_in_one_sentence():
    declarations = SCHEMA.getroot().iter(f"{{{XS}}}element")
    named = [d for d in declarations if d.get("name")]
    assert len(named) >= 85
    for declaration in named:
        said = documentation(declaration)
        assert len(said) == 1, declaration.get("name")
        sentence = said[0]
        assert re.fullmatch(r"[A-Z][^\n]*[.)]", sentence), (declaration.get("name"), sentence)
        assert not re.search(r"[.!?] [A-Z]", sentence.rstrip(".")), (declaration.get("name"), "more than one sentence")
        # directly on the declaration, where the encoding principles page reads it
        assert declaration[0].tag == f"{{{XS}}}annotation", declaration.get("name")


def test_every_element_is_declared_once():
    names = [d.get("name") for d in SCHEMA.getroot().iter(f"{{{XS}}}element") if d.get("name")]
    assert len(names) == len(set(names))


def test_every_attribute_declaration_says_what_it_holds():
    for declaration in SCHEMA.getroot().iter(f"{{{XS}}}attribute"):
        said = documentation(declaration)
        assert len(said) == 1 and "\n" not in said[0], etree.tostring(declaration)[:120]


def test_every_rule_and_value_list_is_documented():
    for kind in ("assert", "simpleType"):
        for component in SCHEMA.getroot().iter(f"{{{XS}}}{kind}"):
            if kind == "simpleType" and not component.get("name"):
                continue
            assert documentation(component), etree.tostring(component)[:120]
