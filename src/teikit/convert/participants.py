"""The participants list a memorandum prints above the conversation.

    PARTICIPANTS:
    - President Gerald Ford
    - Dr. Henry A. Kissinger, Secretary of State
    Jean Sauvagnargues, Minister of Foreign Affairs of France

Each line names one participant, the office after a comma. The names tell who the labels
below are ("Kissinger:", "President:"), and every participant, speaking or not, is listed in
the header's particDesc. The lines stay in the body as printed.
"""

from __future__ import annotations

import re

from teikit.convert import memo
from teikit.convert.labels import read_label
from teikit.convert.source import Paragraph
from teikit.convert.speakers import PARTICLES, TITLES

_FIELD = re.compile(
    r"^\s*(?:PARTICIPANTS|Participants|PRESENT|Present|ATTENDEES|Attendees|PRESENTERS?|Presenters?)\b"
    r"\s*:?\s*(?P<rest>.*)$"
)
_BULLET = re.compile(r"^\s*(?:[-•*–]\s+)")
# A list of delegations, not of people: "Present: The representatives of the following States: Argentina, …".
_OF_STATES = re.compile(r"[^:]*\b(?:States|countries|delegations|Governments)\s*:", re.I)
# A delegation's heading above its members ("PARTICIPANTS: CHINA", "UNITED STATES", "American Side:"):
# a country or a side, not a person.
_SIDE = re.compile(r"^[\w .'’-]+\b(?:Side|Delegation)\s*:?$", re.I)
_CAPITALS = re.compile(r"^[^\W\d_a-z]+(?:[ '’-]+[^\W\d_a-z]+){0,2}\s*:?$")


def listed(paragraphs: list[Paragraph]) -> list[tuple[str, int]]:
    """(name, line) of every participant the opening's participants list names."""
    lines = [(line, p.line + n, index) for index, p in enumerate(paragraphs) for n, line in enumerate(p.lines)]
    found: list[tuple[str, int]] = []
    for position, (line, _, paragraph) in enumerate(lines):
        field = _FIELD.match(line)
        if not field:
            continue
        if _OF_STATES.match(field["rest"]):
            continue
        candidates = [(field["rest"], lines[position][1])] if field["rest"].strip() else []
        after = dict(zip((number for _, number, _ in lines), _next_lines(lines)))
        for following, number, index in lines[position + 1 :]:
            bulleted = bool(_BULLET.match(following))
            if index != paragraph and not bulleted:
                break
            if _heads_a_delegation(_BULLET.sub("", following).strip(), after[number]):
                continue
            if _opens_a_turn(_BULLET.sub("", following)) and not bulleted or following.strip().startswith("["):
                break
            if memo.opens_field(following):
                break
            candidates.append((_BULLET.sub("", following), number))
        for index, (text, number) in enumerate(candidates):
            # On the field's own line the list may go on after commas or "and" ("PARTICIPANTS: The
            # President, Chancellor Helmut Kohl"; "Presenters: Secretary … Rumsfeld and Chairman, …");
            # elsewhere what follows a comma is the office.
            on_field_line = index == 0 and bool(field["rest"].strip())
            name, *others = [piece.strip() for piece in re.split(r"[,;]|\band\b" if on_field_line else r"[,;]", text)]
            # A name has no digits: the dateline under a presenter's line is no participant.
            if _heads_a_delegation(name, after[number]):
                continue
            if name and len(name.split()) <= 8 and not name.endswith(".") and not re.search(r"\d", name):
                found.append((name, number))
            if on_field_line:
                found += [(other, number) for other in others if _names_a_person(other)]
        break
    return found or _bulleted(lines)


def _bulleted(lines: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    """A list whose heading the copy lost: a run of bulleted lines, each a person and an office after a
    comma ("• Joseph J. Sisco, Under Secretary of State"); the first such run of at least two."""
    run: list[tuple[str, int]] = []
    for line, number, _ in lines:
        if _BULLET.match(line):
            name, _, office = _BULLET.sub("", line).partition(",")
            if office.strip() and _names_a_person(name.strip()):
                run.append((name.strip(), number))
                continue
        if len(run) >= 2:
            return run
        run = []
    return run if len(run) >= 2 else []


def _next_lines(lines: list[tuple[str, int, int]]) -> list[str]:
    """For each line, the next line that is not blank ("" at the end)."""
    following, found = [], ""
    for line, _, _ in reversed(lines):
        following.append(found)
        found = line if line.strip() else found
    return following[::-1]


def _heads_a_delegation(name: str, following: str) -> bool:
    """A side ("Soviet Side:"), or a name in capitals with no title ("CHINA"; "THE PRESIDENT" is
    someone) over a member written in small letters: a list in capitals ("HELMUT KOHL" over "DATE:")
    names people."""
    if _SIDE.match(name):
        return True
    if not _CAPITALS.match(name) or any(w.casefold().strip(":") in TITLES for w in name.split()):
        return False
    member = _BULLET.sub("", following)
    return bool(re.search(r"[a-z]", member)) and not memo.opens_field(member) and not _opens_a_turn(member)


def _opens_a_turn(line: str) -> bool:
    """"Kohl: One." or a name in capitals on a line of its own ("KOHL"), the speech below it; a line
    that only names someone ("General Secretary Leonid I. Brezhnev") is a member of the list."""
    label = read_label(line)
    return label is not None and (bool(label.terminator.strip()) or not re.search(r"[a-z]", label.name))


def _names_a_person(text: str) -> bool:
    """Words that name someone ("Chancellor Helmut Kohl"), not an office ("Secretary of State", "Interpreter")."""
    words = text.split()
    capitalised = all(w[:1].isupper() or w.casefold() in PARTICLES for w in words)
    named = any(w.casefold().rstrip(".") not in TITLES for w in words)
    return 2 <= len(words) <= 6 and capitalised and named and not re.search(r"\d", text)


def surname(name: str) -> str:
    """The word of a listed name that labels use ("Dr. Henry A. Kissinger" → "Kissinger")."""
    words = [w.rstrip(".") for w in re.findall(r"[^\W\d_][\w'’.-]*", name)]
    kept = [w for w in words if w.casefold() not in TITLES and w.casefold() not in PARTICLES and len(w) > 1]
    return (kept or words or [name])[-1]
