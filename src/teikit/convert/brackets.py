"""What a square bracket in a transcript means, and its TEI encoding.

Each convention is named in the document's ``editorialDecl`` with the wording
that declares it, so a reader of the TEI knows how every bracket was read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from teikit.convert.transliteration import is_romanised_russian
from teikit.tei import XML_LANG, E, append_inline

Tagger = Callable[[str], list[str | etree._Element]]

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_OMITTED = re.compile(r"\bomitted\b", re.I)
_EXTENT = re.compile(
    r"\b(?P<count>\d+|" + "|".join(_NUMBERS) + r")\s+(?P<unit>page|line|word|paragraph|sentence)s?\b", re.I
)
_UNIT_ONLY = re.compile(r"\b(?P<unit>page|line|word|paragraph|sentence)s?\b", re.I)
_ELLIPSIS = re.compile(r"(\.\s*){3}|…")
_UNREADABLE = re.compile(r"^(?P<reason>illegible|inaudible|unclear)\b", re.I)
_UNCERTAIN = re.compile(r"\?\?|or something like that|\?\s*$")


@dataclass(frozen=True)
class Convention:
    """One bracket convention: what it looks like and how it is encoded."""

    key: str
    example: str
    encoding: str


GAP = Convention("gap", "[...]", "an omission, encoded as gap with reason=omitted and the wording in desc")
GAP_EXTENT = Convention(
    "gap-extent",
    "[Three pages omitted in the original]",
    "an omission of stated extent, encoded as gap with quantity and unit, the wording in desc",
)
UNREADABLE = Convention("unreadable", "[illegible]", "an unread passage, encoded as gap with its reason")
NOTE_FOREIGN = Convention(
    "note-foreign",
    "[cherez zapiatiu]",
    "the Russian wording, given by the translator in Latin letters, encoded as a translator's "
    "note holding foreign with xml:lang=ru-Latn",
)
NOTE_UNCERTAIN = Convention(
    "note-uncertain",
    "[SBSE?? - ... or something like that?]",
    "a translator's query, encoded as a translator's note with cert=low, words unchanged",
)
SUPPLIED = Convention(
    "supplied",
    "[with each other]",
    "words inserted by the translator or editor, encoded as supplied with reason=clarification "
    "(identification where they name a person)",
)
SUPPLIED_SPEAKER = Convention(
    "supplied-speaker",
    "[J. Baker.]",
    "a speaker label supplied by the editor, encoded as supplied inside speaker",
)


STAGE = Convention(
    "stage",
    "(Pointing to the map)",
    "what a speaker does, printed in brackets or parentheses, encoded as stage with the delimiters in rend",
)
INCIDENT = Convention(
    "incident",
    "[Laughter]",
    "what happens in the room (a reaction, someone leaving), printed in brackets or parentheses, "
    "encoded as incident with its wording in desc and the delimiters in rend",
)
SOURCE = Convention(
    "source",
    "[Source: Ford Library, Box 16.]",
    "the source of the document, encoded as a <note> with @type=source where it stands, and repeated in <sourceDesc>",
)
PAGE = Convention("page", "[Page 312]", "a page number of the printed original, encoded as pb with the number in n")

_REACTIONS = frozenset(
    """laughter laughs laughing applause cheers cheering booing boos crosstalk cross-talk pause silence recess
    interruption interruptions noise sighs coughs music gavel bell bells chuckles chuckling groans murmurs
    shouts shouting commotion""".split()
)
_DIRECTION = re.compile(
    r"^(?:[A-Z][a-z]+ing\b|(?:spoke|speaks|speaking|aside|off mic|off the record|to (?:the )?[A-Z])|"
    r"(?:Interpretation|Translation) from\b)",
)
_EVENT = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+[\w'’.,:-]+){3,}\.$"
)
_VERB = re.compile(
    r"\b(?:\w+ed|left|went|came|began|rose|sat|stood|took|spoke|withdrew|entered|arrived|joined|returned|"
    r"departed|adjourned|resumed|recessed)\b"
)
# Speech in parentheses starts with a pronoun; a narrated event with its subject.
_PRONOUNS = frozenset("i we you he she they it this that these those there here my our your".split())
_PAGE = re.compile(r"Page (?P<n>\d{1,5})")
_SOURCE = re.compile(r"Source:\s+\S")
DELIMITERS = {"[": "brackets", "(": "parentheses"}


def stage_kind(content: str) -> str | None:
    """"incident" or "stage" when a bracket or parenthesis describes the scene rather than speech."""
    text = content.strip()
    words = re.findall(r"[\w'’-]+", text.casefold())
    if words and len(words) <= 3 and words[0] in _REACTIONS:
        return "incident"
    if _DIRECTION.match(text):
        return "stage"
    if _EVENT.match(text) and _VERB.search(text) and words[0] not in _PRONOUNS:
        return "incident"
    return None


def scene(content: str, opening: str) -> tuple[etree._Element, Convention] | None:
    """The stage or incident a bracket (``[``) or parenthesis (``(``) holding ``content`` stands for."""
    kind = stage_kind(content)
    if kind == "incident":
        return E.incident(E.desc(content), rend=DELIMITERS[opening]), INCIDENT
    if kind == "stage":
        return E.stage(content, rend=DELIMITERS[opening]), STAGE
    return None


class Conventions:
    """The bracket conventions a transcript uses, each with its first example in this transcript,
    which the header quotes."""

    def __init__(self) -> None:
        self._examples: dict[Convention, str] = {}

    def add(self, convention: Convention, example: str | None = None) -> None:
        self._examples.setdefault(convention, " ".join((example or convention.example).split()))

    def example(self, convention: Convention) -> str:
        return self._examples[convention]

    def __iter__(self):
        return iter(self._examples)

    def __len__(self) -> int:
        return len(self._examples)


def _gap(wording: str) -> etree._Element:
    gap = E.gap(reason="omitted")
    extent = _EXTENT.search(wording)
    if extent:
        count = extent["count"].lower()
        gap.set("quantity", str(_NUMBERS.get(count) or int(count)))
        gap.set("unit", extent["unit"].lower())
    else:
        unit = _UNIT_ONLY.search(wording)
        if unit:
            gap.set("unit", unit["unit"].lower())
    gap.append(E.desc(wording))
    return gap


def encode(content: str, tag: Tagger) -> tuple[etree._Element, Convention]:
    """The TEI element for a bracket holding ``content``, and the convention it follows.

    ``tag`` marks the names in words that stay the witness's own (supplied words).
    """
    if _ELLIPSIS.fullmatch(content.strip()):
        return E.gap(E.desc(content), reason="omitted"), GAP
    if _OMITTED.search(content):
        return _gap(content), GAP_EXTENT
    unreadable = _UNREADABLE.match(content.strip())
    if unreadable:
        return E.gap(E.desc(content), reason=unreadable["reason"].lower()), UNREADABLE
    if _SOURCE.match(content):
        return E.note(content, type="source", place="inline"), SOURCE
    page = _PAGE.fullmatch(content)
    if page:
        return E.pb(n=page["n"]), PAGE
    found = scene(content, "[")
    if found:
        return found
    if _UNCERTAIN.search(content) and len(content.split()) > 2:
        return E.note(content, type="translator", cert="low"), NOTE_UNCERTAIN
    if is_romanised_russian(content):
        return E.note(E.foreign(content, {XML_LANG: "ru-Latn"}), type="translator"), NOTE_FOREIGN
    reason = "identification" if re.fullmatch(r"(?:[A-Z][\w’'.-]*\s?)+", content.strip()) else "clarification"
    supplied = append_inline(E.supplied(reason=reason), tag(content))
    if content.rstrip().endswith("?"):
        supplied.set("cert", "low")
    return supplied, SUPPLIED


def is_gap(content: str) -> bool:
    """Whether a bracket reports missing text (a paragraph of its own is then no speech)."""
    return bool(_ELLIPSIS.fullmatch(content.strip()) or _OMITTED.search(content) or _UNREADABLE.match(content.strip()))
