"""What is wrong with an element's attributes, said as jing says it: libxml2 names only the first
attribute it rejects ("Invalid attribute cert for element supplied"), never the value it wanted.

Each attribute of the element is checked on its own against the attribute patterns the grammar
gives that element, by a small grammar made of those patterns alone; the patterns also say, in
words, which values would do (``@cert="maybe" is not one of high, medium, low, unknown, nor a number``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from teikit.tei import XML_NS
from teikit.validate.rng_prune import RNG_NS

_RNG = f"{{{RNG_NS}}}"
_MAY_BE_ABSENT = frozenset({"optional", "zeroOrMore", "choice", "notAllowed"})
# Datatypes of XML Schema as a reader knows them.
_TYPES = {
    "date": "an ISO date (YYYY-MM-DD)", "dateTime": "an ISO date and time", "time": "an ISO time",
    "gYear": "a year (YYYY)", "gYearMonth": "an ISO year and month (YYYY-MM)", "gMonth": "an ISO month (--MM)",
    "gMonthDay": "an ISO month and day (--MM-DD)", "gDay": "an ISO day of the month (---DD)",
    "duration": "an ISO duration (such as P3D)", "double": "a number", "float": "a number", "decimal": "a decimal number",
    "integer": "a whole number", "nonNegativeInteger": "a whole number of 0 or more",
    "positiveInteger": "a whole number of 1 or more", "boolean": "true or false",
    "language": "a language tag (such as en or ru-Latn)", "anyURI": "a URI",
    "ID": "an XML name without colons (a letter or _ first)", "NCName": "an XML name without colons (a letter or _ first)",
    "Name": "an XML name", "NMTOKEN": "a name token (letters, digits, . - _ :)", "IDREF": "the xml:id of an element",
}


@dataclass(frozen=True)
class Problem:
    """One attribute the grammar rejects, in words."""

    name: str  # as written: xml:id, cert
    message: str


def _clark(attribute: etree._Element) -> str | None:
    name = attribute.get("name")
    if name is None:
        return None
    namespace = attribute.get("ns", "")
    if ":" in name:
        prefix, name = name.split(":", 1)
        namespace = attribute.nsmap.get(prefix, XML_NS if prefix == "xml" else "")
    return f"{{{namespace}}}{name}" if namespace else name


def written(name: str, element: etree._Element) -> str:
    """An attribute's name as a user writes it: ``xml:id``, ``xlink:href``, ``cert``."""
    qname = etree.QName(name)
    if not qname.namespace:
        return qname.localname
    if qname.namespace == XML_NS:
        return f"xml:{qname.localname}"
    prefix = next((p for p, ns in element.nsmap.items() if ns == qname.namespace and p), None)
    return f"{prefix}:{qname.localname}" if prefix else name


def duplicate(value: str, first: etree._Element) -> str:
    return f'@xml:id="{value}" is a duplicate: <{etree.QName(first).localname}> at line {first.sourceline} has it first'


class Attributes:
    """The attribute patterns of a grammar's elements, and checks of single attributes against them."""

    def __init__(self, grammar: etree._Element) -> None:
        self._grammar = grammar
        self._defines: dict[str, list[etree._Element]] = {}
        for define in grammar.iter(f"{_RNG}define"):
            self._defines.setdefault(define.get("name"), []).append(define)
        self._elements: dict[str, list[etree._Element]] = {}
        default_ns = grammar.get("ns", "")
        for element in grammar.iter(f"{_RNG}element"):
            name = element.get("name")
            if name is None:
                continue
            namespace = element.get("ns", next((a.get("ns") for a in element.iterancestors() if a.get("ns") is not None),
                                               default_ns))
            self._elements.setdefault(f"{{{namespace}}}{name}" if namespace else name, []).append(element)
        self._checkers: dict[tuple[str, str], etree.RelaxNG | None] = {}
        self._patterns: dict[str, dict[str, list[etree._Element]]] = {}

    def children(self, tag: str) -> list[str]:
        """The names of the elements the grammar allows directly in ``tag``, in the grammar's order."""
        names: list[str] = []
        default_ns = self._grammar.get("ns", "")
        for pattern in self._elements.get(tag, []):
            for child in self._reachable(pattern, "element", stop="element"):
                if (name := child.get("name")) is None:
                    continue
                namespace = child.get("ns", next((a.get("ns") for a in child.iterancestors() if a.get("ns") is not None),
                                                 default_ns))
                clark = f"{{{namespace}}}{name}" if namespace else name
                if clark not in names:
                    names.append(clark)
        return names

    def declares(self, tag: str) -> bool:
        return tag in self._elements

    def problems(self, element: etree._Element, ids: dict[str, etree._Element]) -> list[Problem]:
        """Every attribute of ``element`` that its patterns reject, or that repeats an xml:id of ``ids``
        (the first element with each xml:id)."""
        patterns = self._attribute_patterns(element.tag)
        found = []
        for name, value in element.attrib.items():
            shown = written(name, element)
            if name not in patterns:
                if self._elements.get(element.tag):
                    found.append(Problem(shown, f"@{shown} is not allowed on <{etree.QName(element).localname}>"))
                continue
            if not self._accepts(element.tag, name, value):
                found.append(Problem(shown, f'@{shown}="{value}" is not {self._expected(patterns[name])}'))
            elif name == f"{{{XML_NS}}}id" and ids.get(value) is not None and ids[value] is not element \
                    and self.typed_id(name):
                found.append(Problem(shown, duplicate(value, ids[value])))
        for name in self._required(element.tag):
            if name not in element.attrib:
                found.append(Problem(written(name, element), f"lacks @{written(name, element)}, which the grammar requires"))
        return found

    def _required(self, tag: str) -> list[str]:
        """The attributes every pattern of ``tag`` requires (outside optional, zeroOrMore and choice)."""
        required = None
        for pattern in self._elements.get(tag, []):
            names = {_clark(a) for a in self._reachable(pattern, "attribute", stop="element", optional=False)}
            required = names if required is None else required & names
        return sorted(name for name in required or () if name)

    def _attribute_patterns(self, tag: str) -> dict[str, list[etree._Element]]:
        if tag not in self._patterns:
            found: dict[str, list[etree._Element]] = {}
            for pattern in self._elements.get(tag, []):
                for attribute in self._reachable(pattern, "attribute", stop="element"):
                    if (name := _clark(attribute)) is not None:
                        found.setdefault(name, []).append(attribute)
            self._patterns[tag] = found
        return self._patterns[tag]

    def _reachable(self, pattern: etree._Element, kind: str, stop: str, optional: bool = True) -> list[etree._Element]:
        """The ``kind`` patterns within ``pattern``, following refs, not entering ``stop`` patterns (nor,
        unless ``optional``, what may be left out)."""
        found, seen, todo = [], set(), list(reversed(pattern))
        while todo:
            node = todo.pop()
            if not isinstance(node.tag, str) or not node.tag.startswith(_RNG):
                continue
            local = node.tag[len(_RNG):]
            if local == kind:
                found.append(node)
            elif local == "ref" and node.get("name") not in seen:
                seen.add(node.get("name"))
                for define in reversed(self._defines.get(node.get("name"), [])):
                    todo.extend(reversed(define))
            elif local != stop and (optional or local not in _MAY_BE_ABSENT):
                todo.extend(reversed(node))
        return found

    def _accepts(self, tag: str, name: str, value: str) -> bool:
        checker = self._checker(tag, name)
        if checker is None:
            return True
        probe = etree.Element("probe")
        probe.set(name, value)
        return checker.validate(probe)

    def _checker(self, tag: str, name: str) -> etree.RelaxNG | None:
        """A grammar that accepts an element with this one attribute, as ``tag`` may have it."""
        if (tag, name) not in self._checkers:
            grammar = etree.Element(f"{_RNG}grammar", nsmap={None: RNG_NS})
            start = etree.SubElement(grammar, f"{_RNG}start")
            element = etree.SubElement(etree.SubElement(start, f"{_RNG}element", name="probe", ns=""), f"{_RNG}choice")
            attributes = self._attribute_patterns(tag)[name]
            for attribute in attributes:
                element.append(self._detached(attribute))
            needed, todo = set(), [r.get("name") for a in attributes for r in a.iter(f"{_RNG}ref")]
            while todo:
                ref = todo.pop()
                if ref in needed:
                    continue
                needed.add(ref)
                for define in self._defines.get(ref, []):
                    grammar.append(self._detached(define))
                    todo.extend(r.get("name") for r in define.iter(f"{_RNG}ref"))
            try:
                self._checkers[tag, name] = etree.RelaxNG(grammar)
            except etree.RelaxNGParseError:
                self._checkers[tag, name] = None
        return self._checkers[tag, name]

    @staticmethod
    def _detached(pattern: etree._Element) -> etree._Element:
        """A copy of ``pattern`` that keeps what it inherited from its ancestors (datatype library, ns)."""
        detached = copy.deepcopy(pattern)
        for original, node in zip(pattern.iter(), detached.iter()):
            if not isinstance(node.tag, str):
                continue
            if node.tag in (f"{_RNG}data", f"{_RNG}value") and node.get("datatypeLibrary") is None:
                library = next((a.get("datatypeLibrary") for a in original.iterancestors()
                                if a.get("datatypeLibrary") is not None), "")
                node.set("datatypeLibrary", library)
        return detached

    def typed_id(self, name: str) -> bool:
        """Whether the grammar makes attribute ``name`` an ID somewhere (then a value may not repeat)."""
        return any(data.get("type") == "ID" for attribute in self._grammar.iter(f"{_RNG}attribute")
                   if _clark(attribute) == name for data in self._reachable(attribute, "data", stop="element"))

    def _expected(self, attributes: list[etree._Element]) -> str:
        """What the attribute's patterns accept, in words: ``one of high, low, nor a number``."""
        values: list[str] = []
        kinds: list[str] = []
        for attribute in attributes:
            for value in self._reachable(attribute, "value", stop="element"):
                text = value.text or ""
                shown = f'"{text}"' if not text.strip() else text
                if shown not in values:
                    values.append(shown)
            for data in self._reachable(attribute, "data", stop="element"):
                pattern = data.find(f"{_RNG}param[@name='pattern']")
                kind = f"text matching {pattern.text}" if pattern is not None else _TYPES.get(data.get("type"), data.get("type"))
                if kind not in kinds:
                    kinds.append(kind)
        parts = ([f"one of {', '.join(values)}"] if len(values) > 1 else values) + kinds
        return ", nor ".join(parts) if parts else "allowed there"
