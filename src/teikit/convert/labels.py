"""Speaker labels as printed: the label-shaped opening of a line, before any decision.

A label is a name, a role or an abbreviation at the start of a line, closed by a
colon or a full stop: ``Bush:``, ``M.S. Gorbachev.``, ``MR. McCURRY:``, ``Amb.
Dubinin:``, ``J. VAN der BERG.``, ``Mr. Hurd (United Kingdom) (spoke in French):``,
``THE WITNESS   :``, ``Q``/``A`` followed by the speech, ``[J. Baker.]`` supplied by
the editor, and ``12Kohl:`` with the paragraph number printed before it. Whether
a label-shaped opening names a speaker is decided from the whole document (see
teikit.convert.speakers); this module only reads the shape.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Lower-case words inside names ("J. VAN der BERG", "Charles de Gaulle").
PARTICLES = frozenset("van von der den de del della di da du la le ten ter bin ibn al el dos das zu af y".split())
# Titles written abbreviated before a name: a full stop after them does not end the label.
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof amb ch gen sen rep adm col capt cpt lt sgt gov pres sec rev fr hon st
    mme mlle cdr cmdr maj supt insp dep asst min cong fm pm vp dcm jr sr no""".split()
)
_TOKEN = r"[^\W\d_](?:[\w'’-]*[^\W_])?\.?|[^\W\d_]\."
_INITIALS = r"[A-Z]\.(?:\s?[A-Z]\.){0,3}"
# A word of a name: initials ("M.S.", "J. F.") when they are there, else a word (one regex: read at every line).
_WORD = re.compile(rf"(?P<initials>{_INITIALS})|(?P<word>{_TOKEN})")
_QUALIFIER = re.compile(r"[ \t\u00a0]?\((?P<q>[^()\n]{1,80})\)")
# The paragraph number before a label: glued to it ("12Kohl:") or, as the UN's records print it, with a
# full stop and a space ("1. The PRESIDENT (translated from French):").
_OPEN = re.compile(r"(?P<indent>[ \t]*)(?P<open>\[)?(?:(?P<number>\d{1,4})(?P<stop>\.[ \t]+)?(?=[^\W\d_]))?")
_COLON = re.compile(r"[^\S\n]*:")
_SPACES = re.compile(r"[^\S\n]+(?=\S)")
_SPACE = re.compile(r"[ \u00a0](?=\S)")
_DOTTED = re.compile(r"(?:[A-Z]\.\s?)+")
_LETTER = re.compile(r"[A-Z]\.")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_BLANK_REST = re.compile(r"\s*\Z")
_WHITESPACE = re.compile(r"\s*")
MAX_WORDS = 6
# A speaker the transcriber could not name: the words after these are lower case ("Unidentified crew member").
UNNAMED = frozenset({"unidentified", "unknown"})


@dataclass(frozen=True)
class Label:
    """A label-shaped opening of a line."""

    text: str  # as printed, from its first letter to its colon or full stop, without brackets or number
    name: str  # the name or role, without qualifiers and closing punctuation ("Mr. Hurd")
    qualifiers: tuple[str, ...]  # what parentheses add to the name ("United Kingdom", "spoke in French")
    terminator: str  # ":", "."; " " for a single letter followed by the speech (the press's Q); "\n" for a
    # label alone on its line without punctuation ("Buzz Aldrin (LMP)"), the speech below it
    supplied: bool  # printed in square brackets: supplied by the editor
    number: str | None  # a paragraph number printed right before the label ("12Kohl:")
    start: int  # where the label (its bracket or number) begins in the line
    end: int  # where the speech begins in the line
    number_stop: str = ""  # what stands between that number and the label (". " in "1. The PRESIDENT:")

    @functools.cached_property  # asked for at every turn and every decision
    def key(self) -> str:
        """The label form: its name with spacing folded, and how it closes."""
        return f"{' '.join(self.name.split())}{ {':': ':', '.': '.', ' ': ' ', chr(10): ' ¶'}[self.terminator]}"

    @property
    def words(self) -> list[str]:
        return re.findall(r"[^\W\d_][\w'’-]*", self.name)

    @property
    def surname(self) -> str:
        """The last word of the name that is not a title or an initial."""
        words = [w for w in self.words if w.casefold() not in ABBREVIATIONS or len(self.words) == 1]
        return (words or self.words or [self.name])[-1]


def _is_name_token(token: str) -> bool:
    bare = token.rstrip(".")
    return bare[:1].isupper() or bare.casefold() in PARTICLES or token in {"&"}


def read_label(line: str) -> Label | None:
    """The label-shaped opening of ``line``, if it has one."""
    opening = _OPEN.match(line)
    assert opening is not None
    supplied = bool(opening["open"])
    position = opening.end()
    start = opening.end("indent")  # no copy of the line: a paragraph copied from a page is one long line
    name_start = position
    tokens: list[tuple[str, int]] = []  # (token, end offset)
    candidates: list[tuple[int, int, str]] = []  # (end of name, end of label, terminator)
    while len(tokens) < MAX_WORDS:
        match = _WORD.match(line, position)
        if match is None:
            break
        initials = match.lastgroup == "initials"
        token = match.group()
        if not _is_name_token(token) and not (tokens and tokens[0][0].casefold() in UNNAMED and token.islower()):
            break
        tokens.append((token, match.end()))
        position = match.end()
        bare = token.rstrip(".")
        # Qualifiers in parentheses, then the colon.
        after = position
        if line.startswith(("(", " (", "\t(", "\u00a0("), after):
            while (qualifier := _QUALIFIER.match(line, after)) is not None:
                after = qualifier.end()
        colon = _COLON.match(line, after)
        if colon:
            candidates.append((position, colon.end(), ":"))
            break
        if not token.endswith(".") and _BLANK_REST.match(line, after):
            candidates.append((position, after, "\n"))  # a label alone on its line, the speech below
            break
        if token.endswith(".") and after == position:
            dotted_title = bare.casefold() in ABBREVIATIONS or _DOTTED.fullmatch(token)
            if not dotted_title or (len(tokens) == 1 and _LETTER.fullmatch(token) and token != "I."):
                candidates.append((position - 1, position, "."))
        elif after > position and line[after : after + 1] == ".":
            candidates.append((position, after + 1, "."))
        if len(tokens) == 1 and len(token) == 1 and "A" <= token <= "Z" and token != "I":
            spaces = _SPACES.match(line, position)
            if spaces:
                candidates.append((position, position, " "))
        # Initials may run into the name ("M.S.Gorbachev"); other words are one space apart.
        space = _SPACE.match(line, position)
        if space:
            position = space.end()
        elif not initials:
            break
    if not candidates:
        return None
    # The first colon closes a label; else the first full stop after a name (a lone letter, "Q.",
    # only when nothing longer closes); else the press's bare "Q".
    colon = [c for c in candidates if c[2] == ":"]
    stops = [c for c in candidates if c[2] == "."]
    # "Q." and "A." are the press's and the witness's labels, never the initial of a name.
    qa = stops and stops[0][0] - name_start == 1 and line[name_start] in "QA"
    longer = [] if qa else [c for c in stops if c[0] - name_start > 1]
    alone = [c for c in candidates if c[2] == "\n"]
    chosen = colon or longer or stops or [c for c in candidates if c[2] == " "] or alone
    name_end, label_end, terminator = chosen[0]
    if supplied:
        if line[label_end : label_end + 1] != "]":
            return None
        speech = label_end + 1
    else:
        speech = label_end
    stray_stop = line.startswith(".", speech) and line[speech + 1 : speech + 2].isspace()
    if terminator == ":" and not supplied and stray_stop:
        # "Q:. Do you …": a full stop typed after the colon is printed with the label, as it was typed.
        label_end, speech = label_end + 1, speech + 1
    if speech < len(line) and not line[speech].isspace() and terminator != " ":
        return None
    full = line[name_start:label_end]
    name_and_qualifiers = line[name_start:name_end]
    qualifiers = tuple(q["q"] for q in _QUALIFIER.finditer(line, name_end, label_end))
    if terminator == "\n":
        full = line[name_start:label_end].rstrip()
        name = name_and_qualifiers
    elif terminator == "." and not qualifiers:
        name = full[:-1]
    else:
        name = name_and_qualifiers
    name = name.rstrip()
    if not _ANY_LETTER.search(name):
        return None
    return Label(
        full,
        name,
        qualifiers,
        terminator,
        supplied,
        opening["number"],
        start,
        _WHITESPACE.match(line, speech).end(),
        opening["stop"] or "",
    )
