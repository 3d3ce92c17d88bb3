"""A document's citation trees: the header's ``refsDecl/citeStructure`` when it has one, else derived
from its structure in the way every output of teikit cites it.

Derived trees:
- turns (``sp``, ``u``), cited by their number: ``@n``, else their place among the turns of the text,
  the number the web edition anchors as ``#t{n}``; their paragraphs by position (``12.2``);
- nested ``div``s, by ``@n`` or position, joined by ``.``, for articles and other divided texts;
- for other TEI, the first structure that divides its body (paragraphs, stanzas, entries, …), and
  the inner texts of a ``group``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from teikit.tei import TEI_NS, local, reading_text

NS = {"tei": TEI_NS}
_DIVS = {"div", *(f"div{n}" for n in range(1, 8))}
# Children of a body that do not divide it: headings, breaks, matter around the text.
_NOT_DIVIDING = {
    "head", "pb", "lb", "cb", "milestone", "fw", "note", "gap", "anchor", "opener", "closer", "trailer",
    "signed", "dateline", "byline", "docAuthor", "docDate", "salute", "epigraph", "argument", "index",
    "interpGrp", "span", "spanGrp", "link", "linkGrp", "listAnnotation", "timeline",
}
_UNIT_NAMES = {"p": "paragraph", "lg": "stanza", "l": "line", "ab": "block", "sp": "turn", "u": "turn",
               "entry": "entry", "text": "text", "div": "section", "list": "list", "item": "item"}


@dataclass
class Unit:
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    element: etree._Element
    title: str = ""
    last: int = 0  # position (in the tree's list) of its last descendant, itself when it has none


@dataclass
class Tree:
    identifier: str | None  # None: the default tree
    structure: list[dict]
    units: list[Unit] = field(default_factory=list)
    description: str = ""


def trees_of(root: etree._Element) -> list[Tree]:
    """The document's citation trees, the default first; [] when nothing in it can be cited."""
    declared = _declared(root)
    if declared:
        return declared
    derived = _derived(root)
    return [derived] if derived is not None and derived.units else []


def _finish(tree: Tree) -> Tree:
    """Fill in where each unit's subtree ends, and keep identifiers unique (the spec requires it):
    a repeated one is followed by its place in the tree."""
    seen: Counter[str] = Counter()
    for unit in tree.units:
        seen[unit.identifier] += 1
        if seen[unit.identifier] > 1:
            unit.identifier = f"{unit.identifier}~{seen[unit.identifier]}"
    stack: list[int] = []
    for position, unit in enumerate(tree.units):
        unit.last = position
        while stack and tree.units[stack[-1]].level >= unit.level:
            stack.pop()
        for ancestor in stack:
            tree.units[ancestor].last = position
        stack.append(position)
    return tree


# ---- refsDecl/citeStructure ------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:(?P<literal>"[^"]*"|'[^']*')|(?P<number>\d+(?:\.\d*)?|\.\d+)"""
    r"""|(?P<name>[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*|:\*)?)|(?P<op>//|::|\.\.|!=|<=|>=|[/\[\]()@,|=<>+*.$-]))"""
)


def tei_xpath(expression: str) -> str:
    """``expression`` with its unprefixed element names in the TEI namespace, as TEI's citeStructure
    means them (XPath 1.0 in lxml has no default element namespace)."""
    tokens = []
    position = 0
    while position < len(expression):
        found = _TOKEN.match(expression, position)
        if not found or found.end() == position:
            raise ValueError(f"cannot read the XPath {expression!r}")
        tokens.append(found)
        position = found.end()
    out = []
    previous: tuple[str, str] | None = None
    axis = ""
    for number, token in enumerate(tokens):
        kind = token.lastgroup or ""
        text = token.group(kind)
        following = tokens[number + 1].group(tokens[number + 1].lastgroup) if number + 1 < len(tokens) else ""
        if kind == "name":
            operand_before = previous is not None and (previous[0] in {"name", "literal", "number"}
                                                       or previous[1] in {")", "]", ".", ".."})
            is_test = (
                not operand_before and following not in {"(", "::"} and ":" not in text
                and (previous is None or previous[1] not in {"@", "$"}) and axis != "attribute"
            )
            if is_test:
                text = f"tei:{text}"
        if following == "::" and kind == "name":
            axis = token.group(kind)
        elif kind != "op" or text != "::":
            axis = "" if kind == "name" else axis
        out.append(expression[token.start():token.start(kind)] + text)
        previous = (kind, text)
    return "".join(out)


def _value(result) -> str:
    if isinstance(result, list):
        result = result[0] if result else ""
    if isinstance(result, etree._Element):
        result = "".join(result.itertext())
    if isinstance(result, float):
        result = str(int(result)) if result.is_integer() else str(result)
    if isinstance(result, bool):
        result = "true" if result else "false"
    return " ".join(str(result).split())


def _declared(root: etree._Element) -> list[Tree]:
    trees = []
    for number, refs in enumerate(root.iterfind("tei:teiHeader/tei:encodingDesc/tei:refsDecl", NS)):
        structures = refs.findall("tei:citeStructure", NS)
        if not structures:
            continue
        name = refs.get("n") or refs.get("{http://www.w3.org/XML/1998/namespace}id") or f"tree{number + 1}"
        tree = Tree(None if not trees else name, [])
        try:
            for structure in structures:
                tree.structure.append(_structure(structure))
                _cite(root, structure, None, 1, tree.units)
        except (ValueError, etree.XPathError):
            continue  # a declaration teikit cannot follow: cite the document as derived instead
        trees.append(_finish(tree))
    return trees


def _structure(element: etree._Element) -> dict:
    found = {"@type": "CiteStructure", "citeType": element.get("unit") or "unit"}
    children = [_structure(child) for child in element.findall("tei:citeStructure", NS)]
    if children:
        found["citeStructure"] = children
    return found


def _cite(context: etree._Element, structure: etree._Element, parent: Unit | None, level: int, units: list[Unit]) -> None:
    match = tei_xpath(structure.get("match", ""))
    use = structure.get("use", "position()")
    delim = structure.get("delim", "") if parent is not None else ""
    matched = [node for node in context.xpath(match, namespaces=NS) if isinstance(node, etree._Element)]
    for position, node in enumerate(matched, 1):
        expression = re.sub(r"\bposition\(\s*\)", str(position), use)
        expression = re.sub(r"\blast\(\s*\)", str(len(matched)), expression)
        value = _value(node.xpath(tei_xpath(expression), namespaces=NS))
        identifier = f"{parent.identifier}{delim}{value}" if parent else value
        unit = Unit(identifier, level, parent.identifier if parent else None, structure.get("unit") or "unit", node,
                    _title(node))
        units.append(unit)
        for child in structure.findall("tei:citeStructure", NS):
            _cite(node, child, unit, level + 1, units)


# ---- derived ----------------------------------------------------------------------------------

def _title(element: etree._Element) -> str:
    head = element.find("tei:head", NS)
    return reading_text(head) if head is not None else ""


def turn_numbers(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """Each turn of the text and its number: ``@n``, else its place among the turns (the web's rule)."""
    turns = root.xpath("tei:text//tei:sp | tei:text//tei:u", namespaces=NS)
    return [(turn, " ".join((turn.get("n") or "").split()) or str(place)) for place, turn in enumerate(turns, 1)]


def _derived(root: etree._Element) -> Tree | None:
    text = root.find("tei:text", NS)
    if text is None:
        return None
    body = text.find(".//tei:body", NS)
    group = text.find("tei:group", NS)
    div_depth = max((len([a for a in div.iterancestors() if local(a) in _DIVS]) + 1
                     for div in (body.iter() if body is not None else ()) if local(div) in _DIVS), default=0)
    if root.find("tei:text//tei:sp", NS) is not None or root.find("tei:text//tei:u", NS) is not None:
        if div_depth <= 1:
            return _turns(root)
    if group is not None and body is None or group is not None and group.find("tei:text", NS) is not None:
        tree = Tree(None, [])
        _numbered(group.findall("tei:text", NS), None, 1, tree.units, lambda e: "text")
        tree.structure = _observed(tree.units)
        return _finish(tree)
    if body is None:
        return None
    if div_depth:
        tree = Tree(None, [])
        _divs(body, None, 1, tree.units)
        tree.structure = _observed(tree.units)
        return _finish(tree)
    container = body
    while True:
        dividing = [child for child in container if isinstance(child.tag, str) and local(child) not in _NOT_DIVIDING]
        if len(dividing) == 1 and any(isinstance(c.tag, str) and local(c) not in _NOT_DIVIDING for c in dividing[0]):
            container = dividing[0]
            continue
        break
    if not dividing:
        return None
    name = local(dividing[0])
    tree = Tree(None, [])
    _numbered([c for c in dividing if local(c) == name], None, 1, tree.units, lambda e: _UNIT_NAMES.get(name, name))
    tree.structure = _observed(tree.units)
    return _finish(tree)


def _turns(root: etree._Element) -> Tree:
    tree = Tree(None, [{"@type": "CiteStructure", "citeType": "turn",
                        "citeStructure": [{"@type": "CiteStructure", "citeType": "paragraph"}]}])
    for turn, number in turn_numbers(root):
        speaker = turn.find("tei:speaker", NS)
        unit = Unit(number, 1, None, "turn", turn, reading_text(speaker) if speaker is not None else "")
        tree.units.append(unit)
        for place, paragraph in enumerate(turn.findall("tei:p", NS), 1):
            tree.units.append(Unit(f"{number}.{place}", 2, number, "paragraph", paragraph))
    if not any(unit.level == 2 for unit in tree.units):
        tree.structure[0].pop("citeStructure")
    return _finish(tree)


def _labels(elements: list[etree._Element]) -> list[str]:
    """Each sibling's @n when every one has its own, else their places."""
    numbers = [" ".join((e.get("n") or "").split()) for e in elements]
    if all(numbers) and len(set(numbers)) == len(numbers):
        return numbers
    return [str(place) for place in range(1, len(elements) + 1)]


def _numbered(elements, parent: Unit | None, level: int, units: list[Unit], kind) -> list[Unit]:
    made = []
    for label, element in zip(_labels(elements), elements):
        identifier = f"{parent.identifier}.{label}" if parent else label
        unit = Unit(identifier, level, parent.identifier if parent else None, kind(element), element, _title(element))
        units.append(unit)
        made.append(unit)
    return made


def _divs(container: etree._Element, parent: Unit | None, level: int, units: list[Unit]) -> None:
    divs = [child for child in container if local(child) in _DIVS]
    for label, div in zip(_labels(divs), divs):
        identifier = f"{parent.identifier}.{label}" if parent else label
        unit = Unit(identifier, level, parent.identifier if parent else None, div.get("type") or "section", div, _title(div))
        units.append(unit)  # before its subdivisions: units are listed in document order
        _divs(div, unit, level + 1, units)


def _observed(units: list[Unit]) -> list[dict]:
    """The citeStructure of a derived tree: every path of citeTypes met, merged into one tree."""
    roots: list[dict] = []
    path: list[dict] = []
    for unit in units:
        del path[unit.level - 1:]
        siblings = path[-1].setdefault("citeStructure", []) if path else roots
        node = next((s for s in siblings if s["citeType"] == unit.cite_type), None)
        if node is None:
            node = {"@type": "CiteStructure", "citeType": unit.cite_type}
            siblings.append(node)
        path.append(node)
    return roots

