"""Passages of a document as the document endpoint returns them: well-formed TEI whose
``dts:wrapper`` holds every character of the cited span, and for a range everything from the start
of the first unit to the end of the last, cut out of the elements around them."""

from __future__ import annotations

import copy

from lxml import etree

from teikit.tei import TEI_NS, tag

DTS_NS = "https://w3id.org/api/dts#"


def _path(ancestor: etree._Element, node: etree._Element) -> list[int]:
    """The child positions leading from ``ancestor`` down to ``node``."""
    steps = []
    while node is not ancestor:
        parent = node.getparent()
        steps.append(parent.index(node))
        node = parent
    return steps[::-1]


def span(start: etree._Element, end: etree._Element) -> list[etree._Element]:
    """Copies of what lies from the opening of ``start`` to the close of ``end`` (``end`` not before
    ``start``): the elements between them whole, the ones around them cut at the span's edges."""
    if start is end:
        whole = copy.deepcopy(start)
        whole.tail = None
        return [whole]
    above = set(start.iterancestors())
    if end in above:  # start lies inside end: the span closes with end, so it is end up to start's close
        common = end
    else:
        common = start if start in set(end.iterancestors()) else next(a for a in end.iterancestors() if a in above)
    left, right = _path(common, start), _path(common, end)
    cut = copy.deepcopy(common)
    cut.tail = None
    if common is end:
        _trim_left(cut, left)
        return [cut]
    if common is start:
        _trim_right(cut, right)
        return [cut]
    # Everything before start and after end goes: common's own text, the children before the path to
    # start (and their tails), the children after the path to end and that child's tail.
    _trim_left(cut, left)
    _trim_right(cut, right, shift=left[0])
    return [child for child in cut]


def _trim_left(node: etree._Element, path: list[int]) -> None:
    for step in path:
        node.text = None
        for _ in range(step):
            node.remove(node[0])
        node = node[0]


def _trim_right(node: etree._Element, path: list[int], shift: int = 0) -> None:
    for depth, step in enumerate(path):
        if depth == 0:
            step -= shift  # the children _trim_left removed before it
        for extra in list(node)[step + 1:]:
            node.remove(extra)
        node = node[step]
        node.tail = None


def wrapped(passage: list[etree._Element]) -> bytes:
    """A TEI document holding ``passage`` in a ``dts:wrapper`` (the header is the collection
    endpoint's to give, as Dublin Core, and would outweigh most passages)."""
    root = etree.Element(tag("TEI"), nsmap={None: TEI_NS, "dts": DTS_NS})
    wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper")
    for node in passage:
        wrapper.append(node)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
