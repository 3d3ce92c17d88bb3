"""A RELAX NG grammar cut down to the elements and attributes a set of documents can contain.

libxml2 spends seconds compiling tei_all.rng (about 6 s), almost all of it building automata for
the content of elements that the documents at hand never use, and it validates each element by
trying every optional attribute TEI allows on it (some forty). An element or attribute pattern
whose name occurs in none of the documents can match nothing in them, so replacing it by
``notAllowed`` changes no verdict; RELAX NG's own simplification rules (ISO/IEC 19757-2, 4.19-4.20)
then remove what became unreachable. The grammar compiles in milliseconds, and validates about
twice as fast.

The names come from a scan of the raw files that may find more names than the documents use (in
comments or text, say), never fewer: keeping an unused name is harmless, dropping a used one would not be.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_PREFIX = f"{{{RNG_NS}}}"
_PREFIX_LENGTH = len(_PREFIX)
_START_TAG = re.compile(rb"<([^\s/>!?]+)")
# Attributes are looked for inside start tags only (a fast search, as tags begin with "<"), and a
# quoted value may hold ">".
_ATTRIBUTES = re.compile(rb"<[^\s/>!?]+\s((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>")
_ATTRIBUTE = re.compile(rb"([^\s=\"']+)\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_NAME_CLASSES = frozenset({"name", "anyName", "nsName"})
_GROUPING = frozenset({"group", "interleave", "oneOrMore", "list", "mixed", "attribute", "element"})
_OPTIONAL = frozenset({"optional", "zeroOrMore"})
_SEQUENCES = frozenset({"group", "interleave", "oneOrMore", "zeroOrMore", "optional", "element", "define", "mixed"})
_REPEATS = frozenset({"oneOrMore", "zeroOrMore"})
# Grammars spread over several files, or combining definitions, are compiled as they are.
_UNSAFE = frozenset({"include", "externalRef", "parentRef", "grammar"})


def _locals(raw: set[bytes]) -> frozenset[str]:
    return frozenset(_local(name.decode("utf-8", "replace")) for name in raw)


@dataclass(frozen=True)
class Vocabulary:
    """The local names of the elements and attributes that some documents use (or might)."""

    elements: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, data: bytes) -> Vocabulary:
        """The names of every start tag in ``data`` and of its attributes (comments included)."""
        attributes: set[bytes] = set()
        for inside in set(_ATTRIBUTES.findall(data)):
            attributes.update(_ATTRIBUTE.findall(inside))
        return cls(_locals(set(_START_TAG.findall(data))), _locals(attributes))

    def __or__(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(self.elements | other.elements, self.attributes | other.attributes)

    def key(self) -> str:
        return "\n".join(sorted(self.elements)) + "\n\n" + "\n".join(sorted(self.attributes))


def _kind(node: etree._Element) -> str | None:
    """The RELAX NG pattern an element is ("choice", "ref", …), None for anything else."""
    tag = node.tag
    return tag[_PREFIX_LENGTH:] if isinstance(tag, str) and tag.startswith(_PREFIX) else None


def _patterns(node: etree._Element) -> list[etree._Element]:
    """The pattern children of ``node`` (its name class excluded)."""
    return [child for child in node if _kind(child) and _kind(child) not in _NAME_CLASSES and not _is_name_choice(child)]


def _is_name_choice(node: etree._Element) -> bool:
    return _kind(node) == "choice" and any(_kind(child) in _NAME_CLASSES for child in node)


def _replace(node: etree._Element, kind: str) -> etree._Element:
    new = etree.Element(f"{{{RNG_NS}}}{kind}")
    new.tail = node.tail
    node.getparent().replace(node, new)
    return new


def _hoist(node: etree._Element, child: etree._Element) -> None:
    child.tail = node.tail
    node.getparent().replace(node, child)


def prunable(grammar: etree._Element) -> bool:
    if _kind(grammar) != "grammar":
        return False
    return not any(_kind(node) in _UNSAFE or node.get("combine") for node in grammar.iterdescendants())


def prune(grammar: etree._Element, used: Vocabulary) -> etree._Element | None:
    """``grammar`` (a copy) specialised to documents that use only the names in ``used``.

    When no such document can be valid (a required element or attribute occurs in none of them),
    the grammar keeps, besides, the fewest names that a valid document needs, so that libxml2 still
    says which one is missing. None if even that fails: the grammar must then be used as it is.
    """
    grammar = etree.fromstring(etree.tostring(grammar))
    for node in list(grammar.iter()):
        if _kind(node) is None and node is not grammar and node.getparent() is not None:
            node.getparent().remove(node)  # annotations and embedded Schematron: no part of the grammar
    pruned = _pruned(grammar, used)
    if pruned is None:
        needed = _needed(grammar, used)
        pruned = _pruned(grammar, used | needed) if needed.elements or needed.attributes else None
    return pruned


def _pruned(grammar: etree._Element, used: Vocabulary) -> etree._Element | None:
    grammar = copy.deepcopy(grammar)
    for kind, names in (("element", used.elements), ("attribute", used.attributes)):
        for node in list(grammar.iter(f"{{{RNG_NS}}}{kind}")):
            name = node.get("name")
            if name is not None and _local(name) not in names:
                _replace(node, "notAllowed")
    while _simplify(grammar):
        pass
    # libxml2 accepts every document when the start pattern is notAllowed.
    if any(_kind(child) == "notAllowed" for start in grammar.iter(f"{{{RNG_NS}}}start") for child in _patterns(start)):
        return None
    _drop_unreferenced(grammar)
    return grammar


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


# What a pattern still lacks to match anything: ("element" or "attribute", name) pairs; None if it never can.
Need = frozenset[tuple[str, str]] | None


def _needed(grammar: etree._Element, used: Vocabulary) -> Vocabulary:
    """The names, besides ``used``, that the smallest valid document needs."""
    defines = {define.get("name"): define for define in grammar.iter(f"{{{RNG_NS}}}define")}
    needs: dict[str, Need] = dict.fromkeys(defines)
    known = {"element": used.elements, "attribute": used.attributes}

    def need(node: etree._Element) -> Need:
        kind = _kind(node)
        if kind in ("optional", "zeroOrMore", "empty", "text", "data", "value"):
            return frozenset()
        if kind == "notAllowed":
            return None
        if kind == "ref":
            return needs.get(node.get("name"))
        parts = [need(child) for child in _patterns(node)]
        if kind == "choice":
            possible = [part for part in parts if part is not None]
            return min(possible, key=len) if possible else None
        if any(part is None for part in parts):
            return None
        found = frozenset().union(*parts)
        name = node.get("name") if kind in known else None
        return found | {(kind, _local(name))} if name is not None and _local(name) not in known[kind] else found

    for _ in range(len(defines)):  # a fixed point: each round can only make a definition possible or cheaper
        changed = False
        for name, define in defines.items():
            value = need(define)
            if value is not None and (needs[name] is None or len(value) < len(needs[name])):
                needs[name] = value
                changed = True
        if not changed:
            break
    wanted = set().union(*[n for n in (need(start) for start in grammar.iter(f"{{{RNG_NS}}}start")) if n is not None])
    return Vocabulary(
        frozenset(name for kind, name in wanted if kind == "element"),
        frozenset(name for kind, name in wanted if kind == "attribute"),
    )


def _simplify(grammar: etree._Element) -> bool:
    changed = False
    dead, empty = set(), set()
    for define in grammar.iter(f"{{{RNG_NS}}}define"):
        patterns = [_kind(child) for child in _patterns(define)]
        if "notAllowed" in patterns:
            dead.add(define.get("name"))
        elif patterns and all(kind == "empty" for kind in patterns):
            # An attribute class whose attributes no document has: libxml2 would keep the reference
            # among the element's content, so it is written out as the nothing it is.
            empty.add(define.get("name"))
    for ref in list(grammar.iter(f"{{{RNG_NS}}}ref")):
        if ref.get("name") in dead:
            _replace(ref, "notAllowed")
            changed = True
        elif ref.get("name") in empty:
            _replace(ref, "empty")
            changed = True
    # Children before parents, so one pass carries a notAllowed as far up as it goes.
    for node in reversed(list(grammar.iter())):
        if node.getparent() is None or _kind(node) is None:
            continue
        changed |= _simplify_node(node)
    return changed


def _simplify_node(node: etree._Element) -> bool:
    kind = _kind(node)
    patterns = _patterns(node)
    if kind == "choice" and not _is_name_choice(node):
        live = [child for child in patterns if _kind(child) != "notAllowed"]
        if len(live) == len(patterns) and len(live) != 1:
            return False
        if not live:
            _replace(node, "notAllowed")
        elif len(live) == 1:
            _hoist(node, live[0])
        else:
            for child in patterns:
                if _kind(child) == "notAllowed":
                    node.remove(child)
        return True
    if kind in _GROUPING and any(_kind(child) == "notAllowed" for child in patterns):
        _replace(node, "notAllowed")
        return True
    if kind in _OPTIONAL and any(_kind(child) == "notAllowed" for child in patterns):
        _replace(node, "empty")
        return True
    if kind not in _SEQUENCES:
        return False
    empties = [child for child in patterns if _kind(child) == "empty"]
    if empties and len(empties) < len(patterns):
        for child in empties:
            node.remove(child)
        return True
    if kind in ("optional", *_REPEATS) and patterns and len(empties) == len(patterns):
        _replace(node, "empty")
        return True
    if kind == "group" and len(patterns) == 1:
        _hoist(node, patterns[0])
        return True
    if kind in _REPEATS and len(patterns) == 1 and _kind(patterns[0]) in _REPEATS:
        inner = patterns[0]
        if not (kind == "oneOrMore" and _kind(inner) == "oneOrMore"):
            node.tag = f"{{{RNG_NS}}}zeroOrMore"
        for child in list(inner):
            node.append(child)
        node.remove(inner)
        return True
    return False


def _drop_unreferenced(grammar: etree._Element) -> None:
    defines = {define.get("name"): define for define in grammar.iter(f"{{{RNG_NS}}}define")}
    reached: set[str] = set()
    pending = [start for start in grammar.iter(f"{{{RNG_NS}}}start")]
    while pending:
        node = pending.pop()
        for ref in node.iter(f"{{{RNG_NS}}}ref"):
            name = ref.get("name")
            if name not in reached and name in defines:
                reached.add(name)
                pending.append(defines[name])
    for name, define in defines.items():
        if name not in reached:
            define.getparent().remove(define)
