"""The header block of a memorandum, above the conversation:

    SUBJECT:      Telephone Call to Chancellor Helmut Kohl
    PARTICIPANTS: The President, Chancellor Helmut Kohl
    DATE, TIME    December 11, 1987, 9:57 a.m. – 10:22 a.m.
    AND PLACE:    Oval Office

or ``DATE & TIME:``, ``DATE:``, ``TIME:``, ``PLACE:``, ``TO:``, ``FROM:``. The subject is the
document's title, the date and place those of its making, ``TO:`` and ``FROM:`` name people who
take part. The lines stay in the body as printed: only the header learns from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit.convert.dates import document_date
from teikit.convert.source import Paragraph

_NAMES = r"SUBJECT|DATE,?\s+TIME,?\s+AND\s+PLACE|DATE\s*(?:&|AND)\s*TIME|DATE|TIME|PLACE|LOCATION|TO|FROM"
_FIELD = re.compile(rf"^\s*(?=[A-Z])(?P<name>{_NAMES})\s*:\s*(?P<value>.*?)\s*$", re.I)
# The label set over two lines, its colon on the second ("DATE, TIME  December 11, 1987" / "AND PLACE: Oval Office").
_SPLIT_DATE = re.compile(r"^\s*DATE,\s+TIME\s+(?P<value>\S.*?)\s*$")
_SPLIT_PLACE = re.compile(r"^\s*AND\s+PLACE\s*:\s*(?P<value>.*?)\s*$")
# The words of a memorandum's kind and of its letterhead: a heading made only of them names no document.
_KIND = re.compile(r"\b(?:memorandum|memcon|telcon|conversation|record)\b", re.I)
_GENERIC_WORDS = frozenset(
    """memorandum memcon telcon of for the telephone conversation record white house washington d.c
    national security council department state secret confidential""".split()
)


@dataclass
class Fields:
    subject: tuple[str, int] | None = None  # (value, line)
    date: tuple[str, int] | None = None
    place: tuple[str, int] | None = None
    people: list[tuple[str, int]] = field(default_factory=list)  # the names TO: and FROM: give


def is_generic(title: str) -> bool:
    """A heading that names the kind of document, not the document ("Memorandum of Conversation")."""
    words = re.findall(r"[^\W\d_][\w.]*", title.casefold())
    return bool(_KIND.search(title)) and all(word.rstrip(".") in _GENERIC_WORDS or word == "d.c" for word in words)


def names_from_outside(title: str) -> bool:
    """A catalogue's or a site's name for the document, "… re: …" ("Army Memo re: Interview of …"): it
    says what the document is about, which the document's own SUBJECT: says in its words."""
    return bool(re.search(r"\bre:\s", title, re.I))


def opens_field(line: str) -> bool:
    """The line starts a field of the header block ("DATE, TIME", "SUBJECT:")."""
    return bool(_FIELD.match(line) or _SPLIT_DATE.match(line) or _SPLIT_PLACE.match(line))


def read(paragraphs: list[Paragraph]) -> Fields:
    """The fields of the header block among ``paragraphs`` (the opening, before the first turn)."""
    lines = [(line, p.line + n) for p in paragraphs for n, line in enumerate(p.lines)]
    found = Fields()
    position = 0
    while position < len(lines):
        line, number = lines[position]
        split = _SPLIT_DATE.match(line)
        if split and position + 1 < len(lines) and (place := _SPLIT_PLACE.match(lines[position + 1][0])):
            found.date = found.date or (split["value"], number)
            if place["value"]:
                found.place = found.place or (place["value"], lines[position + 1][1])
            position += 2
            continue
        match = _FIELD.match(line)
        position += 1
        if not match:
            continue
        value = match["value"]
        # A value goes on over the lines below it that open no field of their own (a long subject).
        while position < len(lines) and lines[position][1] == lines[position - 1][1] + 1 and value:
            following = lines[position][0]
            if _FIELD.match(following) or _SPLIT_DATE.match(following) or not following.startswith((" ", "\t")):
                break
            value, position = f"{value} {following.strip()}", position + 1
        if not value:
            continue
        name = " ".join(match["name"].upper().replace(",", " ").split())
        if name == "SUBJECT":
            found.subject = found.subject or (value, number)
        elif name in ("TO", "FROM"):
            found.people += [(person.split(",")[0].strip(), number) for person in value.split(";") if person.strip()]
        elif name in ("PLACE", "LOCATION"):
            found.place = found.place or (value, number)
        elif name == "DATE TIME AND PLACE":
            found.date = found.date or (value, number)
            place = _place_after_date(value)
            if place:
                found.place = found.place or (place, number)
        else:
            found.date = found.date or (value, number)
    return found


def _place_after_date(value: str) -> str | None:
    """The place that follows the date and hours ("June 1, 1990, 4:03 - 4:23 p.m., The Oval Office")."""
    date = document_date(value)
    rest = value[date.end :] if date else value
    pieces = [piece.strip(" .") for piece in re.split(r"[,;]", rest)]
    words = [piece for piece in pieces if piece and not re.search(r"\d|\b[ap]\.?m\b", piece, re.I)]
    return words[-1] if words else None
