"""Passages of a document as the document endpoint returns them: well-formed TEI whose
``dts:wrapper`` holds every character of the cited span, and for a range everything from the start
of the first unit to the end of the last, cut out of the elements around them."""

from __future__ import annotations

import copy
import re

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


_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
# The namespace declarations lxml writes on an element serialised alone: its in-scope ones.
_DECLARATIONS = re.compile(rb"""<[^\s/>]+((?:\s+xmlns(?::[^\s=]+)?=(?:"[^"]*"|'[^']*'))*)""")


def _serialised(node, with_tail: bool = False) -> bytes:
    return etree.tostring(node, encoding="UTF-8", xml_declaration=False, with_tail=with_tail)


def _joinable(root: etree._Element, source: bytes) -> bool:
    """Whether every element of the document serialises the same alone as in a passage, but for the
    declarations of its in-scope namespaces: only the root declares namespaces (``source`` holds
    "xmlns" no more often than the root declares one), the TEI's the default, and every element and
    attribute is in the TEI's namespace unprefixed (or xml:)."""
    if root.nsmap.get(None) != TEI_NS or source.count(b"xmlns") != len(root.nsmap):
        return False
    tei = f"{{{TEI_NS}}}"
    for element in root.iter(etree.Element):
        if element.prefix is not None or not element.tag.startswith(tei):
            return False
        if any(key[0] == "{" and not key.startswith(_XML_NS) for key in element.attrib):
            return False
    return True


class Passages:
    """The passages of one document as :func:`wrapped` (:func:`span`) gives them, for a caller that
    asks for many (the static export asks for every unit and range of it): each element is serialised
    once and the passages are joined from the pieces, instead of copying the elements around each
    span and serialising the copy (a range among the top-level units copied the whole body).

    Joining is exact where an element serialises the same alone as in a passage once the namespace
    declarations its ancestors gave it are dropped (:func:`_joinable`). Any other document's passages
    are cut and serialised by :func:`span` and :func:`wrapped`, as the server's are."""

    def __init__(self, root: etree._Element, source: bytes) -> None:
        first = next(root.iterchildren(etree.Element), None)
        self.joined = first is not None and _joinable(root, source)
        # Serialised alone, an element declares its in-scope namespaces, the same ones for every
        # element but the root (the only one to declare any); in a passage it declares none.
        self._declared = len(_DECLARATIONS.match(_serialised(first)).group(1)) if self.joined else 0
        marker = etree.Comment("passage")
        self._prefix, self._suffix = wrapped([marker]).split(_serialised(marker))
        self._whole: dict[etree._Element, bytes] = {}
        self._text = etree.Element("text")  # whose serialisation escapes a text as libxml2 does

    def between(self, start: etree._Element, end: etree._Element) -> bytes:
        """``wrapped(span(start, end))``."""
        if not self.joined:
            return wrapped(span(start, end))
        return self._prefix + b"".join(self._pieces(start, end)) + self._suffix

    def _pieces(self, start: etree._Element, end: etree._Element) -> list[bytes]:
        # The same cuts as span's, made of serialised pieces.
        if start is end:
            return [self._element(start)]
        above = set(start.iterancestors())
        if end in above:
            return [self._open(end), *self._left(end, _path(end, start)), self._close(end)]
        if start in set(end.iterancestors()):
            return [self._open(start), self._escaped(start.text), *self._right(start, _path(start, end)), self._close(start)]
        common = next(a for a in end.iterancestors() if a in above)
        left, right = _path(common, start), _path(common, end)
        return [*self._left_child(common[left[0]], left[1:]),
                *(self._with_tail(common[k]) for k in range(left[0] + 1, right[0])),
                *self._right_child(common[right[0]], right[1:])]

    def _left(self, node: etree._Element, path: list[int]) -> list[bytes]:
        """Node's content from the child ``path`` leads into on, its text left out."""
        step = path[0]
        return [*self._left_child(node[step], path[1:]), *(self._with_tail(node[k]) for k in range(step + 1, len(node)))]

    def _left_child(self, node: etree._Element, path: list[int]) -> list[bytes]:
        if not path:
            return [self._with_tail(node)]
        return [self._open(node), *self._left(node, path), self._close(node), self._escaped(node.tail)]

    def _right(self, node: etree._Element, path: list[int]) -> list[bytes]:
        """Node's content up to the child ``path`` leads into, that child's tail left out."""
        step = path[0]
        return [*(self._with_tail(node[k]) for k in range(step)), *self._right_child(node[step], path[1:])]

    def _right_child(self, node: etree._Element, path: list[int]) -> list[bytes]:
        if not path:
            return [self._element(node)]
        return [self._open(node), self._escaped(node.text), *self._right(node, path), self._close(node)]

    def _element(self, node: etree._Element) -> bytes:
        """The node as it stands in a wrapper, without its tail."""
        found = self._whole.get(node)
        if found is None:
            found = _serialised(node)
            if isinstance(node.tag, str):
                name = 1 + len(etree.QName(node).localname.encode())
                found = found[:name] + found[name + self._declared:]
            self._whole[node] = found
        return found

    def _with_tail(self, node: etree._Element) -> bytes:
        return self._element(node) + self._escaped(node.tail)

    def _open(self, node: etree._Element) -> bytes:
        # Attribute values have their ">" escaped: the first one closes the start tag.
        whole = self._element(node)
        return whole[:whole.index(b">") + 1]

    @staticmethod
    def _close(node: etree._Element) -> bytes:
        return b"</" + etree.QName(node).localname.encode() + b">"

    def _escaped(self, text: str | None) -> bytes:
        if not text:
            return b""
        self._text.text = text
        return _serialised(self._text)[len(b"<text>"):-len(b"</text>")]
