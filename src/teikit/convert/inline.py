"""Running text: Markdown emphasis and links, bracket conventions, quotations and names.

Every character of the text ends up either as text or in the markup that
replaces its delimiters (``**``, ``[…](…)``, ``[`` ``]``), so the text can be
written back exactly; see ``teikit.export.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from teikit.convert import brackets
from teikit.convert.register import Register
from teikit.tei import E, append_inline

Items = list[str | etree._Element]

_TOKENS = [
    # At one position the first pattern that matches wins: a link before a bracket,
    # bold before italic.
    ("link", re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<target>[^()\s]+)\)")),
    ("autolink", re.compile(r"<(?P<url>(?:https?://|mailto:)[^<>\s]+)>")),
    ("bold", re.compile(r"\*\*(?=\S)(?P<body>.+?)(?<=\S)\*\*", re.S)),
    ("italic", re.compile(r"(?<![*\w])\*(?=[^\s*])(?P<body>[^*]+?)(?<=[^\s*])\*(?![*\w])")),
    ("bracket", re.compile(r"\[(?P<content>[^\[\]]*[^\[\]\s][^\[\]]*)\]")),
    ("straight-quote", re.compile(r'"(?P<body>[^"\n]*[^"\s][^"\n]*)"')),
    ("curly-quote", re.compile(r"“(?P<body>[^“”]*[^“”\s][^“”]*)”")),
]


@dataclass
class Context:
    """What the surrounding text asks of the inline encoder, and what it found."""

    register: Register
    quotations: bool = False
    bibliographic: bool = False
    names: bool = True
    conventions: set[brackets.Convention] = field(default_factory=set)

    def tag(self, text: str) -> Items:
        return self.register.tag(text) if self.names else [text]


def _next_token(text: str, start: int, context: Context) -> tuple[str, re.Match[str]] | None:
    best: tuple[str, re.Match[str]] | None = None
    for kind, pattern in _TOKENS:
        if kind.endswith("quote") and not context.quotations:
            continue
        match = pattern.search(text, start)
        if match and (best is None or match.start() < best[1].start()):
            best = (kind, match)
    return best


def _element(kind: str, match: re.Match[str], context: Context) -> Items:
    if kind == "link":
        return [E.ref(match["text"], target=match["target"])]
    if kind == "autolink":
        return [E.ptr(target=match["url"])]
    if kind == "bold":
        return [append_inline(E.hi(rend="bold"), encode(match["body"], context))]
    if kind == "italic":
        if context.bibliographic:
            return [E.title(match["body"], level="m", rend="italic")]
        return [append_inline(E.hi(rend="italic"), encode(match["body"], context))]
    if kind == "bracket":
        element, convention = brackets.encode(match["content"], context.tag)
        context.conventions.add(convention)
        return [element]
    mark_open, mark_close = match.group()[0], match.group()[-1]
    inner = Context(context.register, False, context.bibliographic, context.names, context.conventions)
    return [mark_open, append_inline(E.quote(), encode(match["body"], inner)), mark_close]


def encode(text: str, context: Context) -> Items:
    """Encode a stretch of running text as TEI mixed content."""
    items: Items = []
    position = 0
    while (found := _next_token(text, position, context)) is not None:
        kind, match = found
        items += context.tag(text[position : match.start()])
        items += _element(kind, match, context)
        position = match.end()
    items += context.tag(text[position:])
    return items
