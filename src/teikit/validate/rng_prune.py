"""A RELAX NG grammar cut down to the elements a set of documents can contain.

libxml2 spends seconds compiling tei_all.rng (about 6 s), almost all of it building automata for
the content of elements that the documents at hand never use. An element pattern whose name occurs
in none of the documents can match nothing in them, so replacing it by ``notAllowed`` changes no
verdict; RELAX NG's own simplification rules (ISO/IEC 19757-2, 4.19-4.20) then remove what became
unreachable, and the grammar compiles in milliseconds.

The names come from a scan of the raw files that may find more names than there are elements (in
comments, say), never fewer: keeping an unused element is harmless, dropping a used one would not be.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_PREFIX = f"{{{RNG_NS}}}"
_PREFIX_LENGTH = len(_PREFIX)
_START_TAG = re.compile(rb"<([^\s/>!?]+)")
_NAME_CLASSES = frozenset({"name", "anyName", "nsName"})
_GROUPING = frozenset({"group", "interleave", "oneOrMore", "list", "mixed", "attribute", "element"})
_OPTIONAL = frozenset({"optional", "zeroOrMore"})
_SEQUENCES = frozenset({"group", "interleave", "oneOrMore", "zeroOrMore", "optional", "element", "define", "mixed"})
_REPEATS = frozenset({"oneOrMore", "zeroOrMore"})
# Grammars spread over several files, or combining definitions, are compiled as they are.
_UNSAFE = frozenset({"include", "externalRef", "parentRef", "grammar"})


def element_names(data: bytes) -> set[str]:
    """Local names of every start tag in ``data`` (and of anything that looks like one)."""
    return {raw.decode("utf-8", "replace").rsplit(":", 1)[-1] for raw in set(_START_TAG.findall(data))}


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


def prune(grammar: etree._Element, names: Iterable[str]) -> etree._Element | None:
    """``grammar`` (a copy) specialised to documents whose elements all have local names in ``names``.

    When no such document can be valid (a required element occurs in none of them), the grammar
    keeps, besides, the fewest elements that a valid document needs, so that libxml2 still says
    which one is missing. None if even that fails: the grammar must then be used as it is.
    """
    grammar = etree.fromstring(etree.tostring(grammar))
    for node in list(grammar.iter()):
        if _kind(node) is None and node is not grammar and node.getparent() is not None:
            node.getparent().remove(node)  # annotations and embedded Schematron: no part of the grammar
    used = set(names)
    pruned = _pruned(grammar, used)
    if pruned is None:
        needed = _needed(grammar, used)
        pruned = _pruned(grammar, used | needed) if needed else None
    return pruned


def _pruned(grammar: etree._Element, used: set[str]) -> etree._Element | None:
    grammar = copy.deepcopy(grammar)
    for element in list(grammar.iter(f"{{{RNG_NS}}}element")):
        name = element.get("name")
        if name is not None and _local(name) not in used:
            _replace(element, "notAllowed")
    while _simplify(grammar):
        pass
    # libxml2 accepts every document when the start pattern is notAllowed.
    if any(_kind(child) == "notAllowed" for start in grammar.iter(f"{{{RNG_NS}}}start") for child in _patterns(start)):
        return None
    _drop_unreferenced(grammar)
    return grammar


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


Need = frozenset[str] | None  # element names still to add for a pattern to match something; None: it never can


def _needed(grammar: etree._Element, used: set[str]) -> set[str]:
    """The element names, besides ``used``, that the smallest valid document needs."""
    defines = {define.get("name"): define for define in grammar.iter(f"{{{RNG_NS}}}define")}
    needs: dict[str, Need] = dict.fromkeys(defines)

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
        name = node.get("name") if kind == "element" else None
        return found | {_local(name)} if name is not None and _local(name) not in used else found

    for _ in range(len(defines)):  # a fixed point: each round can only make a definition possible or cheaper
        changed = False
        for name, define in defines.items():
            value = need(define)
            if value is not None and (needs[name] is None or len(value) < len(needs[name])):
                needs[name] = value
                changed = True
        if not changed:
            break
    starts = [need(start) for start in grammar.iter(f"{{{RNG_NS}}}start")]
    return set().union(*[s for s in starts if s is not None])


def _simplify(grammar: etree._Element) -> bool:
    changed = False
    dead = {
        define.get("name")
        for define in grammar.iter(f"{{{RNG_NS}}}define")
        if any(_kind(child) == "notAllowed" for child in _patterns(define))
    }
    for ref in list(grammar.iter(f"{{{RNG_NS}}}ref")):
        if ref.get("name") in dead:
            _replace(ref, "notAllowed")
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
