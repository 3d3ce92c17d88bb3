"""Encyclopedia articles: a lead, then ``== Heading ==`` sections nested by their level."""

from __future__ import annotations

import re

from lxml import etree

from teikit.convert import inline
from teikit.convert.source import Paragraph
from teikit.convert.speakers import slug
from teikit.tei import XML_ID, E, append_inline, tag

HEADING = re.compile(r"(?P<marks>={2,6})(?P<before>[ \t]*)(?P<text>[^=\s](?:.*[^=\s])?)(?P<after>[ \t]*)(?P=marks)")
# The number of "=" is kept in the div's type, so the markup can be written back.
LEVELS = {2: "section", 3: "subsection", 4: "subsubsection", 5: "paragraph", 6: "subparagraph"}
_LISTS = {"see also"}


def heading(line: str) -> re.Match[str] | None:
    """A ``== Heading ==`` line; "==Heading==" too, but not a heading spaced on one side only."""
    match = HEADING.fullmatch(line)
    return match if match and bool(match["before"]) == bool(match["after"]) else None


def is_article(paragraphs: list[Paragraph]) -> bool:
    return any(heading(line.strip()) for p in paragraphs for line in p.lines)


def build(paragraphs: list[Paragraph], context: inline.Context) -> etree._Element:
    """The body of an article: its lead, then its sections nested by level."""
    body = E.body()
    stack: list[tuple[int, etree._Element]] = []
    ids: set[str] = set()
    for line in (line.strip() for p in paragraphs for line in p.lines):
        if not line:
            continue
        found = heading(line)
        if found:
            level = len(found["marks"])
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else body
            identifier = _unique(slug(found["text"]), ids)
            plain = inline.Context(context.register, names=False, conventions=context.conventions)
            # "==Heading==" is kept apart from "== Heading ==" so that it can be written back as it was.
            head = E.head(rend="compact") if not found["before"] else E.head()
            div = E.div(
                append_inline(head, inline.encode(found["text"], plain)), {XML_ID: identifier, "type": LEVELS[level]}
            )
            parent.append(div)
            stack.append((level, div))
            continue
        container = stack[-1][1] if stack else body
        if _is_list_section(container):
            items = container.find(tag("list"))
            if items is None:
                items = E.list()
                container.append(items)
            # The entries name other articles: their words are titles, not mentions of a place.
            titles = inline.Context(context.register, names=False, conventions=context.conventions)
            items.append(append_inline(E.item(), inline.encode(line, titles)))
        else:
            container.append(append_inline(E.p(), inline.encode(line, context)))
    return body


def _is_list_section(container: etree._Element) -> bool:
    head = container.find(tag("head"))
    return head is not None and "".join(head.itertext()).strip().casefold() in _LISTS


def _unique(candidate: str, used: set[str]) -> str:
    identifier, number = candidate, 2
    while identifier in used:
        identifier, number = f"{candidate}-{number}", number + 1
    used.add(identifier)
    return identifier
