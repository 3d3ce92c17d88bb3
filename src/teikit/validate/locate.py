"""Where an element is, for a person: ``/TEI/text/body/sp[3]``, and the line and column of its start tag."""

from __future__ import annotations

import bisect
import re

from lxml import etree

# Every literal "<" in XML starts markup; skipping comments, CDATA and processing instructions
# leaves the start tags, in document order.
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|</|<(?=[^\s/>!?])", re.S)


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname


def element_path(element: etree._Element) -> str:
    """Local names from the root; a position only where siblings share the name."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        name = _name(node)
        parent = node.getparent()
        if parent is None:
            steps.append(name)
        else:
            namesakes = [sibling for sibling in parent if isinstance(sibling.tag, str) and _name(sibling) == name]
            steps.append(f"{name}[{namesakes.index(node) + 1}]" if len(namesakes) > 1 else name)
        node = parent
    return "/" + "/".join(reversed(steps))


def where(element: etree._Element) -> str:
    """``<sp> at /TEI/text/body/sp[3]``: how a message names the element it is about."""
    return f"<{_name(element)}> at {element_path(element)}"


class Locator:
    """Line and column of each element's start tag (lxml knows only the line where a start tag ends)."""

    def __init__(self, text: str, tree: etree._ElementTree) -> None:
        self._text = text
        self._tree = tree
        self._starts: dict[etree._Element, int] | None = None
        self._lines: list[int] = []

    def position(self, element: etree._Element) -> tuple[int, int]:
        if self._starts is None:
            self._index()
        offset = self._starts.get(element)
        if offset is None:
            return element.sourceline or 1, 1
        line = bisect.bisect_right(self._lines, offset)
        return line, offset - self._lines[line - 1] + 1

    def _index(self) -> None:
        tags = [m.start() for m in _MARKUP.finditer(self._text) if m.group() == "<"]
        elements = list(self._tree.iter(etree.Element))
        # A mismatch would mean the scan misread the file; lines from lxml are then the honest answer.
        self._starts = dict(zip(elements, tags)) if len(tags) == len(elements) else {}
        self._lines = [0] + [m.end() for m in re.finditer("\n", self._text)]
