"""Running text: Markdown emphasis and links, bracket conventions, quotations and names.

Every character of the text ends up either as text or in the markup that
replaces its delimiters (``**``, ``[…](…)``, ``[`` ``]``), so the text can be
written back exactly; see ``teikit.export.text``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lxml import etree

from teikit.convert import brackets
from teikit.convert.register import Register
from teikit.tei import E, append_inline

Items = list[str | etree._Element]

_TOKENS = [
    # At one position the first kind that matches wins: a link before a bracket,
    # bold before italic. Bold is found by _Bold, which needs no regular expression.
    ("link", re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<target>[^()\s]+)\)")),
    ("autolink", re.compile(r"<(?P<url>(?:https?://|mailto:)[^<>\s]+)>")),
    ("bold", None),
    ("italic", re.compile(r"(?<![*\w])\*(?=[^\s*])(?P<body>[^*]+?)(?<=[^\s*])\*(?![*\w])")),
    # A body is one run of characters, checked for a non-space afterwards: a run split around
    # a mandatory character backtracks quadratically after an unclosed "[" or quotation mark.
    ("bracket", re.compile(r"\[(?P<content>[^\[\]]*)\]")),
    # Parentheses are text, unless they describe the scene: "(Laughter.)", "(Pointing to the map)".
    ("paren", re.compile(r"\((?P<content>[^()\n]*)\)")),
    ("straight-quote", re.compile(r'"(?P<body>[^"\n]*)"')),
    ("curly-quote", re.compile(r"“(?P<body>[^“”]*)”")),
]
# Every token above opens with one of these characters.
_DELIMITERS = re.compile(r'[\[(<*"“]')
_BODIES = {"bracket": "content", "straight-quote": "body", "curly-quote": "body"}


@dataclass(frozen=True)
class Token:
    kind: str
    start: int
    end: int
    groups: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.groups[name]


class _Bold:
    """``**bold**``: the first opener (``**`` before a non-space) that a closer (``**`` after a
    non-space, at least one character further) follows, and the first such closer.

    Found from the positions of all ``**`` at once, so that many openers without a closer cost
    one pass over the text, not one pass each.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        stars = [m.start() for m in re.finditer(r"(?=\*\*)", text)]
        self.openers = [i for i in stars if i + 2 < len(text) and not text[i + 2].isspace()]
        self.closers = [i for i in stars if i > 0 and not text[i - 1].isspace()]

    def search(self, position: int) -> Token | None:
        index = bisect.bisect_left(self.openers, position)
        if index == len(self.openers) or not self.closers:
            return None
        opener = self.openers[index]
        if opener + 3 > self.closers[-1]:
            return None
        closer = self.closers[bisect.bisect_left(self.closers, opener + 3)]
        return Token("bold", opener, closer + 2, {"body": self.text[opener + 2 : closer]})


class _Scanner:
    """The next token of each kind from a position on, each searched again only once passed."""

    def __init__(self, text: str, context: Context) -> None:
        self.text = text
        self.kinds = [(k, p) for k, p in _TOKENS if context.quotations or not k.endswith("quote")]
        self.bold = _Bold(text)
        self.found: dict[str, Token | None] = {}

    def _search(self, kind: str, pattern: re.Pattern[str] | None, position: int) -> Token | None:
        if pattern is None:
            return self.bold.search(position)
        while (match := pattern.search(self.text, position)) is not None:
            body = _BODIES.get(kind)
            if kind == "paren":
                if brackets.stage_kind(match["content"]):
                    return Token(kind, match.start(), match.end(), {**match.groupdict(), "whole": match.group()})
            elif body is None or match[body].strip():
                return Token(kind, match.start(), match.end(), {**match.groupdict(), "whole": match.group()})
            position = match.start() + 1
        return None

    def next(self, position: int) -> Token | None:
        best: Token | None = None
        for kind, pattern in self.kinds:
            token = self.found.get(kind, ...)
            if token is ... or (token is not None and token.start < position):
                token = self.found[kind] = self._search(kind, pattern, position)
            if token is not None and (best is None or token.start < best.start):
                best = token
        return best


@dataclass
class Context:
    """What the surrounding text asks of the inline encoder, and what it found."""

    register: Register
    quotations: bool = False
    bibliographic: bool = False
    names: bool = True
    conventions: brackets.Conventions = field(default_factory=brackets.Conventions)
    marks: frozenset[str] = frozenset()  # "[2]": footnote marks whose notes the transcript prints at its end

    def tag(self, text: str) -> Items:
        return self.register.tag(text) if self.names else [text]


def _element(kind: str, match: Token, context: Context) -> Items:
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
    if kind == "paren":
        found = brackets.scene(match["content"], "(")
        assert found is not None, "only a parenthesis that describes the scene is a token"
        context.conventions.add(found[1], match["whole"])
        return [found[0]]
    if kind == "bracket":
        if match["whole"] in context.marks:
            return [match["whole"]]  # a footnote's mark, put at its note once the body is built
        element, convention = brackets.encode(match["content"], context.tag)
        context.conventions.add(convention, match["whole"])
        return [element]
    mark_open, mark_close = match["whole"][0], match["whole"][-1]
    inner = Context(context.register, False, context.bibliographic, context.names, context.conventions, context.marks)
    return [mark_open, append_inline(E.quote(), encode(match["body"], inner)), mark_close]


def encode(text: str, context: Context) -> Items:
    """Encode a stretch of running text as TEI mixed content."""
    if not _DELIMITERS.search(text):
        return context.tag(text)  # most lines of a transcript hold no markup: no scanner to build
    items: Items = []
    position = 0
    scanner = _Scanner(text, context)
    while (token := scanner.next(position)) is not None:
        items += context.tag(text[position : token.start])
        items += _element(token.kind, token, context)
        position = token.end
    items += context.tag(text[position:])
    return items
