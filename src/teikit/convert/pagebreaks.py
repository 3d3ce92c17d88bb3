"""A blank line in the middle of a sentence is a page break of the original."""

from __future__ import annotations

import re

from lxml import etree

from teikit.tei import E

_CLOSERS = "\"'”’»)*"
_SENTENCE_END = ".!?…:;"


def ends_sentence(text: str) -> bool:
    """Whether a paragraph's text closes its sentence (so a blank line after it is a paragraph break)."""
    text = text.rstrip()
    if text.endswith("]"):
        return True
    stripped = text.rstrip(_CLOSERS)
    return not stripped or stripped[-1] in _SENTENCE_END


_HARD_BREAK = re.compile(r"[ \t]*\n")


def break_lines(element: etree._Element) -> etree._Element:
    """Turn every newline in ``element``'s text into ``<lb/>``, dropping white space before it.

    Used where the lines of the original carry meaning: headings, titles, addresses.
    """
    for node in [element, *element.iterdescendants()]:
        if node.text and "\n" in node.text:
            first, *rest = _HARD_BREAK.split(node.text)
            node.text = first
            for position, part in enumerate(rest):
                node.insert(position, E.lb())
                node[position].tail = part
        if node is not element and node.tail and "\n" in node.tail:
            first, *rest = _HARD_BREAK.split(node.tail)
            node.tail = first
            anchor = node
            for part in rest:
                anchor.addnext(E.lb())
                anchor = anchor.getnext()
                anchor.tail = part
    return element
