"""What xmlschema's errors mean, said as a textual editor would want to hear it.

xmlschema reports "Unexpected child with tag 'tei:sic' at position 1" or "assertion test is false"
on the root. These messages name the element by its path and say what is wrong and how to fix it:
an element the schema does not know, an element outside its namespace, a value outside its list,
a missing part, a pointer that goes nowhere. Whatever is not recognised keeps xmlschema's words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import xmlschema
from elementpath import XPathContext
from elementpath.collations import UNICODE_CODEPOINT_COLLATION
from elementpath.xpath31 import XPath31Parser
from lxml import etree
from xmlschema.validators import XsdAssert, XsdElement, XsdEnumerationFacets
from xmlschema.validators.exceptions import XMLSchemaChildrenValidationError, XMLSchemaValidationError

from teikit.tei import TEI_NS, XML_NS
from teikit.validate.findings import Finding
from teikit.validate.locate import where
from teikit.validate.wellformed import Document

EXPLAIN_NS = "urn:teikit:explain"
_XS = "http://www.w3.org/2001/XMLSchema"
_ATTRIBUTE_VALUE = re.compile(r"^attribute (?P<name>\S+?)=(?P<quote>['\"])(?P<value>.*)(?P=quote): (?P<detail>.*)$", re.S)
_MISSING_ATTRIBUTE = re.compile(r"^missing required attribute '(?P<name>[^']+)'")
_UNKNOWN_ATTRIBUTE = re.compile(r"^'(?P<name>[^']+)' attribute not allowed for element")
_NOT_IN_SCHEMA = re.compile(r"is not an element of the schema")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_FALSE = "assertion test is false"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attribute_name(name: str) -> str:
    """``{http://www.w3.org/XML/1998/namespace}id`` as people write it: ``xml:id``."""
    return name.replace(f"{{{XML_NS}}}", "xml:")


def _sentence_part(text: str) -> str:
    """A documentation sentence as part of another sentence: no final stop, lower-case start."""
    text = " ".join(text.split()).rstrip(".")
    first = text.split(" ", 1)[0]
    return text if any(c.isupper() for c in first[1:]) else text[:1].lower() + text[1:]


def _enumeration(component: object) -> list[str]:
    while component is not None:
        values = getattr(component, "enumeration", None)
        if values:
            return [str(v) for v in values]
        component = getattr(component, "base_type", None)
    return []


@dataclass(frozen=True)
class _Explanation:
    rule: str
    culprits: object  # a parsed XPath selecting the elements that break the assertion
    parts: tuple[object, ...]  # text, and parsed XPaths whose string values fill the gaps


class XsdMessages:
    """Turns one xmlschema error into findings about the elements concerned."""

    def __init__(self, schema: xmlschema.XMLSchemaBase, schema_name: str, edition: bool) -> None:
        self.schema = schema
        self.edition = edition
        self.schema_name = schema_name
        self.rule = "profile" if edition else "xsd"
        self.declarations: dict[str, list[XsdElement]] = defaultdict(list)
        self.children: dict[str, set[str]] = defaultdict(set)
        self.parents: dict[str, list[str]] = defaultdict(list)
        for component in schema.iter_components(XsdElement):
            if component.ref is not None:
                continue
            self.declarations[component.name].append(component)
            content = getattr(component.type, "content", None)
            for child in content.iter_elements() if hasattr(content, "iter_elements") else ():
                if child.name and child.name not in self.children[component.name]:
                    self.children[component.name].add(child.name)
                    self.parents[child.name].append(component.name)
        self.namespaces = {_namespace(name) for name in self.declarations}
        self.type_documentation = _type_documentation(schema)
        self.parser = XPath31Parser(
            namespaces={**schema.namespaces, "tei": TEI_NS}, default_collation=UNICODE_CODEPOINT_COLLATION
        )
        self._explanations: dict[int, _Explanation | None] = {}

    # What the edition (or the named schema) calls itself in a message.

    def _not_declared(self) -> str:
        if self.edition:
            return "is not an element of this edition (docs/encoding.md lists the elements it uses)"
        return f"is not declared in {self.schema_name}"

    def _values_owner(self) -> str:
        return "the edition's values" if self.edition else f"the values {self.schema_name} allows"

    # Findings

    def findings(self, document: Document, error: XMLSchemaValidationError, said: set[tuple[int, str]]) -> list[Finding]:
        """Findings for ``error``; ``said`` holds the attributes already reported for this document
        (xmlschema may report one bad value twice, against its pattern and against its base type)."""
        element = error.elem if isinstance(error.elem, etree._Element) else document.tree.getroot()
        if isinstance(error, XMLSchemaChildrenValidationError):
            return [self._content(document, error, element)]
        if isinstance(error.validator, XsdAssert):
            return self._assertion(document, error, element)
        reason = " ".join(str(error.reason or error.message).split())
        if _NOT_IN_SCHEMA.search(reason):
            return [self._root(document, element)]
        if reason.startswith("character data between child elements not allowed"):
            return [self._stray_text(document, element)]
        if found := _MISSING_ATTRIBUTE.match(reason):
            return [self._missing_attribute(document, element, found["name"])]
        if found := _UNKNOWN_ATTRIBUTE.match(reason):
            return [self._unknown_attribute(document, element, found["name"])]
        if found := _ATTRIBUTE_VALUE.match(reason):
            key = (id(element), found["name"])
            if key in said:
                return []
            said.add(key)
            return [self._attribute_value(document, error, element, found["name"], found["value"], found["detail"])]
        if isinstance(error.validator, XsdEnumerationFacets):
            values = ", ".join(str(v) for v in error.validator.enumeration)
            text = "".join(element.itertext()).strip()
            return [
                self._finding(
                    document, element,
                    f'{where(element)} says "{text}", which is not one of {self._values_owner()}: {values}',
                    "value-list",
                )
            ]
        return [self._finding(document, element, f"{where(element)}: {reason}", self.rule)]

    def _finding(self, document: Document, element: etree._Element, message: str, rule: str) -> Finding:
        line, column = document.position(element)
        return Finding(str(document.path), line, column, "error", message, rule)

    def _documentation(self, component: object) -> str | None:
        """The xs:documentation of a named type, or of the first of its bases that has one."""
        while component is not None:
            text = self.type_documentation.get(getattr(component, "name", None) or "")
            if text:
                return text
            component = getattr(component, "base_type", None)
        return None

    def _declaration(self, element: etree._Element) -> XsdElement | None:
        found = self.declarations.get(element.tag, [])
        return found[0] if len(found) == 1 else None

    # Content models

    def _content(self, document: Document, error: XMLSchemaChildrenValidationError, parent: etree._Element) -> Finding:
        expected_names = [e.name for e in error.expected or () if getattr(e, "name", None)]
        expected = [_local(name) for name in expected_names]
        if error.invalid_tag is None:
            return self._finding(
                document, parent, f"{where(parent)} lacks {_one_of(expected)}{self._see()}", "missing-part"
            )
        child = parent[error.index]
        name = etree.QName(child)
        if name.namespace not in self.namespaces:
            return self._finding(document, child, self._namespace_message(child), "namespace")
        if child.tag not in self.declarations:
            return self._finding(document, child, f"{where(child)} {self._not_declared()}", "unknown-element")
        present = {c.tag for c in parent if isinstance(c.tag, str)}
        missing = [name for name in expected_names if name not in present]
        if expected and len(missing) == len(expected):
            return self._finding(
                document, child,
                f"{where(parent)} lacks {_one_of(expected)}, which must come before <{name.localname}>{self._see()}",
                "missing-part",
            )
        if child.tag in self.children.get(parent.tag, ()):
            order = f": {_one_of(expected)} should come first" if expected else ""
            return self._finding(
                document, child, f"{where(child)} is out of order inside <{_local(parent.tag)}>{order}", "misplaced-element"
            )
        homes = sorted({_local(p) for p in self.parents.get(child.tag, [])})
        hint = f" (it belongs in {_one_of(homes, 'or')})" if homes else ""
        return self._finding(
            document, child, f"{where(child)} is not allowed inside <{_local(parent.tag)}>{hint}", "misplaced-element"
        )

    def _see(self) -> str:
        return " (see docs/encoding.md)" if self.edition else ""

    def _namespace_message(self, element: etree._Element) -> str:
        namespace = etree.QName(element).namespace
        if TEI_NS in self.namespaces:
            fix = (
                f'TEI elements are in the namespace "{TEI_NS}": remove the xmlns that takes it out of the TEI '
                "namespace, or give the element the TEI namespace"
            )
            what = "not in the TEI namespace"
        else:
            fix = f"{self.schema_name} declares no elements there"
            what = "in a namespace the schema does not know"
        inside = f'in the namespace "{namespace}"' if namespace else "in no namespace"
        return f"{where(element)} is {what}: it is {inside} ({fix})"

    def _root(self, document: Document, root: etree._Element) -> Finding:
        if etree.QName(root).namespace not in self.namespaces:
            return self._finding(document, root, self._namespace_message(root), "namespace")
        roots = sorted(_local(name) for name in self.schema.elements)
        starts = _one_of(roots, "or")
        if self.edition:
            return self._finding(
                document, root, f"the document starts with <{_local(root.tag)}>; a TEI document starts with {starts}", "root"
            )
        return self._finding(
            document, root, f"the document starts with <{_local(root.tag)}>, which {self.schema_name} does not declare as a "
            f"root element ({starts})", "root",
        )

    def _stray_text(self, document: Document, element: etree._Element) -> Finding:
        texts = [element.text] + [child.tail for child in element]
        words = next((" ".join(t.split()) for t in texts if t and t.strip()), "")
        if len(words) > 40:
            words = words[:40] + "…"
        return self._finding(
            document, element,
            f'{where(element)} holds the words "{words}" between its elements, where only elements may stand '
            "(put them in a <p>, or remove them)",
            "stray-text",
        )

    # Attributes

    def _attribute_type(self, element: etree._Element, name: str) -> object | None:
        declaration = self._declaration(element)
        if declaration is None:
            return None
        attribute = declaration.attributes.get(name)
        return attribute.type if attribute is not None else None

    def _missing_attribute(self, document: Document, element: etree._Element, name: str) -> Finding:
        kind = self._attribute_type(element, name)
        documentation = self._documentation(kind)
        values = _enumeration(kind)
        if documentation:
            detail = f" ({_sentence_part(documentation)})"
        elif len(values) == 1:
            detail = f' ({_attribute_name(name)}="{values[0]}")'
        elif values:
            detail = f" (one of {', '.join(values)})"
        else:
            detail = ""
        return self._finding(
            document, element, f"{where(element)} lacks @{_attribute_name(name)}, which it must have{detail}", "missing-attribute"
        )

    def _unknown_attribute(self, document: Document, element: etree._Element, name: str) -> Finding:
        declaration = self._declaration(element)
        allowed = sorted(_attribute_name(a) for a in declaration.attributes if a) if declaration is not None else []
        owner = "this edition does not use" if self.edition else f"{self.schema_name} does not allow"
        if declaration is None:
            hint = ""
        elif allowed:
            hint = f" (it takes {_one_of(['@' + a for a in allowed], 'and', brackets=False)})"
        else:
            hint = " (it takes no attributes)"
        return self._finding(
            document, element,
            f"{where(element)} has @{_attribute_name(name)}, which {owner} on <{_local(element.tag)}>{hint}: remove it",
            "unknown-attribute",
        )

    def _attribute_value(
        self, document: Document, error: XMLSchemaValidationError, element: etree._Element, name: str, value: str, detail: str
    ) -> Finding:
        shown = _attribute_name(name)
        if detail.startswith("duplicated xs:ID value"):
            first = next(
                (e for e in document.tree.iter(etree.Element) if e is not element and e.get(name) == value), None
            )
            earlier = f", which {where(first)} (line {document.position(first)[0]}) already has" if first is not None else ""
            return self._finding(
                document, element,
                f'{where(element)} has {shown}="{value}"{earlier}: each xml:id must be unique in the document',
                "duplicate-id",
            )
        if isinstance(error.validator, XsdEnumerationFacets):
            values = ", ".join(str(v) for v in error.validator.enumeration)
            return self._finding(
                document, element,
                f'{where(element)} has {shown}="{value}", which is not one of {self._values_owner()}: {values}',
                "value-list",
            )
        documentation = self._documentation(self._attribute_type(element, name)) or self._documentation(error.validator)
        if documentation:
            expected = f", which is not {_sentence_part(documentation)}"
        elif name == f"{{{XML_NS}}}id":
            expected = (
                ", which is not an XML name: an xml:id starts with a letter or an underscore and holds only letters, "
                "digits, hyphens, underscores and full stops"
            )
        else:
            expected = ", which is not a valid value"
        # xmlschema's own words help where they say what is wrong with a well-formed value.
        why = f" ({detail})" if not any(noise in detail for noise in ("doesn't match", "Invalid", "<class")) else ""
        return self._finding(document, element, f'{where(element)} has {shown}="{value}"{expected}{why}', "value-form")

    # Assertions

    def _assertion(self, document: Document, error: XMLSchemaValidationError, element: etree._Element) -> list[Finding]:
        explanation = self._explanation(error.validator)
        if explanation is None:
            return [self._unexplained(document, error, element)]
        context = XPathContext(document.tree, item=element)
        culprits = [c for c in explanation.culprits.get_results(context) if isinstance(c, etree._Element)]
        if not culprits:
            return [self._unexplained(document, error, element)]
        return [
            self._finding(document, culprit, f"{where(culprit)} {self._fill(explanation, document, culprit)}", explanation.rule)
            for culprit in culprits
        ]

    def _fill(self, explanation: _Explanation, document: Document, culprit: etree._Element) -> str:
        words = []
        for part in explanation.parts:
            if isinstance(part, str):
                words.append(part)
            else:
                words.append(str(part.evaluate(XPathContext(document.tree, item=culprit)) or ""))
        return " ".join("".join(words).split())

    def _unexplained(self, document: Document, error: XMLSchemaValidationError, element: etree._Element) -> Finding:
        found = error.validator.elem.find(f"{{{_XS}}}annotation/{{{_XS}}}documentation")
        documentation = " ".join("".join(found.itertext()).split()) if found is not None else ""
        reason = " ".join(str(error.reason).split())
        rule = documentation or f"assertion {error.validator.path}"
        said = f"breaks the rule: {_sentence_part(rule)}" if reason == _FALSE else f"could not be checked against {rule}: {reason}"
        return self._finding(document, element, f"{where(element)} {said}", self.rule)

    def _explanation(self, assertion: XsdAssert) -> _Explanation | None:
        key = id(assertion)
        if key not in self._explanations:
            self._explanations[key] = self._read_explanation(assertion)
        return self._explanations[key]

    def _read_explanation(self, assertion: XsdAssert) -> _Explanation | None:
        found = assertion.elem.find(f"{{{_XS}}}annotation/{{{_XS}}}appinfo/{{{EXPLAIN_NS}}}explain")
        if found is None or not found.get("culprits"):
            return None
        parts: list[object] = []
        text = found.text or ""
        position = 0
        for placeholder in _PLACEHOLDER.finditer(text):
            parts.append(text[position : placeholder.start()])
            parts.append(self.parser.parse(f"string-join(for $item in ({placeholder.group(1)}) return string($item), ' ')"))
            position = placeholder.end()
        parts.append(text[position:])
        return _Explanation(found.get("rule") or self.rule, self.parser.parse(found.get("culprits")), tuple(parts))


def _type_documentation(schema: xmlschema.XMLSchemaBase) -> dict[str, str]:
    """The xs:documentation of each named type, read from the schema documents themselves (a
    schema restored from the cache no longer knows the annotations of its types)."""
    found: dict[str, str] = {}
    for document in schema.maps.iter_schemas():
        namespace = document.target_namespace
        for definition in document.source.root:
            name = definition.get("name")
            if definition.tag not in (f"{{{_XS}}}simpleType", f"{{{_XS}}}complexType") or not name:
                continue
            text = definition.find(f"{{{_XS}}}annotation/{{{_XS}}}documentation")
            if text is not None:
                found[f"{{{namespace}}}{name}" if namespace else name] = " ".join("".join(text.itertext()).split())
    return found


def _namespace(name: str) -> str | None:
    return name[1:].split("}", 1)[0] if name.startswith("{") else None


def _one_of(names: list[str], joiner: str = "or", brackets: bool = True) -> str:
    shown = [f"<{n}>" if brackets else n for n in names]
    if not shown:
        return "an element"
    if len(shown) == 1:
        return shown[0]
    if len(shown) > 8:
        shown = shown[:8] + ["…"]
        return ", ".join(shown)
    return ", ".join(shown[:-1]) + f" {joiner} " + shown[-1]
