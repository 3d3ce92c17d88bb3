"""What a converter learns about a transcript, before it becomes a TEI document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.convert.brackets import Conventions
from teikit.convert.footnotes import Footnote
from teikit.convert.hints import SpeakerHint
from teikit.convert.metadata import Catalogue, Trailer
from teikit.convert.register import Entry, Register
from teikit.convert.source import Paragraph

STYLES = {"record": "record of conversation", "article": "encyclopedia article", "plain": "plain text"}


@dataclass
class Participant:
    """A person who speaks in (or, for an article, takes part in what is described by) a text."""

    id: str
    labels: list[str] = field(default_factory=list)
    entry: Entry | None = None
    turns: int = 0
    group: bool = False  # a group speaking as one (the press's "Q:"): personGrp
    role: str | None = None
    hint: SpeakerHint | None = None  # what the user said of this speaker
    certain: bool = True  # every label form of the speaker was certain from the document
    printed_name: str | None = None  # the name the document's participants list prints

    @property
    def name(self) -> str:
        if self.entry:
            return self.entry.name
        if self.hint and self.hint.name:
            return self.hint.name
        if self.printed_name:
            return self.printed_name
        return self.labels[0] if self.labels else self.id


@dataclass
class Draft:
    source: Path
    style: str  # a key of STYLES
    register: Register
    body: etree._Element
    title: str = ""
    title_supplied: bool = False  # the transcript gives no title: it was made from the text
    title_source: str = ""  # where the transcript gives its title, said in the header
    text: str = ""  # the transcript as read
    when: str | None = None
    date_text: str | None = None
    date_range: tuple[str, str] | None = None  # (notBefore, notAfter) of a date given as a month or year
    place: str | None = None
    place_entry: Entry | None = None
    place_is_setting: bool = False  # a memorandum's PLACE: says where the conversation took place
    participants: list[Participant] = field(default_factory=list)
    catalogue: Catalogue | None = None
    trailer: Trailer | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    named_in_title: int = 0  # how many of the participants (the first ones) the title names
    encyclopedia: str | None = None  # the encyclopedia an article comes from, where it shows
    conventions: Conventions = field(default_factory=Conventions)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line of the transcript, message)
    language: str = "en"
    turn_lines: list[tuple[int, str, str]] = field(default_factory=list)  # (line, label, speaker id) of each turn
    footnotes: list[Footnote] = field(default_factory=list)  # the notes printed at the end, encoded at their marks

    @property
    def speaker_summary(self) -> list[SpeakerSummary]:
        return [
            SpeakerSummary(p.id, p.turns, list(p.labels), p.certain) for p in self.participants if p.turns
        ]


@dataclass(frozen=True)
class SpeakerSummary:
    """What the command reports of a speaker: turns, label forms, and whether the document was clear."""

    id: str
    turns: int
    forms: list[str]
    certain: bool
