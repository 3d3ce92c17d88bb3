"""What a converter learns about a transcript, before it becomes a TEI document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.convert.brackets import Convention
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

    @property
    def name(self) -> str:
        return self.entry.name if self.entry else (self.labels[0] if self.labels else self.id)


@dataclass
class Draft:
    source: Path
    style: str  # a key of STYLES
    register: Register
    body: etree._Element
    title: str = ""
    title_supplied: bool = False  # the transcript gives no title: it was made from the text
    when: str | None = None
    date_text: str | None = None
    place: str | None = None
    place_entry: Entry | None = None
    participants: list[Participant] = field(default_factory=list)
    catalogue: Catalogue | None = None
    trailer: Trailer | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    named_in_title: int = 0  # how many of the participants (the first ones) the title names
    encyclopedia: str | None = None  # the encyclopedia an article comes from, where it shows
    conventions: set[Convention] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    language: str = "en"
