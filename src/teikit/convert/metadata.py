"""The blocks around a transcript that describe it rather than belong to it.

Archives wrap a document in their own description: a catalogue record above it
(Wilson Center: date, title, "Citation:", "Summary:", "Credits:", "Original
Language:", "Contents:") and a trailer below it (National Security Archive: a
"[Source: …]" note, the holding archive's address, a related article). These go
into the TEI header, not the body.

Fields are recognised only in the order the archives print them. A field out of
that order ends the block and stays in the text, so writing the header back out
in this order restores the transcript exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit.convert.dates import whole_date
from teikit.convert.source import Paragraph

CATALOGUE_FIELDS = ("Citation", "Summary", "Credits", "Original Language", "Contents")
HOLDINGS_LINE = "This document is from the holdings of:"
_BOLD = re.compile(r"\*\*(?P<body>\S.*?\S|\S)\*\*", re.S)
_SOURCE_NOTE = re.compile(r"\[Source:\s+(?P<body>.*\S)\s*\]", re.S)
_RELATED = re.compile(r"\[(?P<label>[^\[\]]+)\]\((?P<target>[^()\s]*)\)")


def bold_body(paragraph: Paragraph) -> str | None:
    """The text inside ``**…**`` when the whole paragraph is bold."""
    match = _BOLD.fullmatch(paragraph.text.strip())
    return match["body"] if match else None


@dataclass
class Catalogue:
    date: Paragraph | None = None
    title: Paragraph | None = None
    fields: dict[str, Paragraph] = field(default_factory=dict)
    end: int = 0

    @property
    def when(self) -> str | None:
        return whole_date(self.date.text) if self.date else None


@dataclass
class Trailer:
    source_note: Paragraph | None = None
    holdings: list[Paragraph] = field(default_factory=list)
    related: list[Paragraph] = field(default_factory=list)
    start: int = 0


def _field_label(paragraph: Paragraph) -> str | None:
    text = paragraph.text.strip()
    if len(paragraph.lines) == 1 and text.endswith(":") and text[:-1] in CATALOGUE_FIELDS:
        return text[:-1]
    return None


def read_catalogue(paragraphs: list[Paragraph]) -> Catalogue | None:
    """The catalogue record opening the transcript, or None when there is none."""
    record = Catalogue()
    index = 0
    if index < len(paragraphs) and whole_date(paragraphs[index].text):
        record.date, index = paragraphs[index], index + 1
    if index < len(paragraphs) and bold_body(paragraphs[index]):
        record.title, index = paragraphs[index], index + 1
    rank = -1
    while index + 1 < len(paragraphs):
        label = _field_label(paragraphs[index])
        if label is None or CATALOGUE_FIELDS.index(label) <= rank or _field_label(paragraphs[index + 1]):
            break
        rank = CATALOGUE_FIELDS.index(label)
        record.fields[label] = paragraphs[index + 1]
        index += 2
    if not record.fields:
        return None
    record.end = index
    return record


def _read_trailer(paragraphs: list[Paragraph], start: int) -> Trailer | None:
    trailer = Trailer(start=start)
    index = start
    if index < len(paragraphs) and _SOURCE_NOTE.fullmatch(paragraphs[index].text.strip()):
        trailer.source_note, index = paragraphs[index], index + 1
    if index < len(paragraphs) and paragraphs[index].text.strip() == HOLDINGS_LINE:
        end = index + 1
        while end < len(paragraphs) and not _RELATED.fullmatch(paragraphs[end].text.strip()):
            end += 1
        if end == index + 1:
            return None
        trailer.holdings, index = list(paragraphs[index:end]), end
    if index < len(paragraphs) and _RELATED.fullmatch(paragraphs[index].text.strip()):
        end = index + 1
        if end < len(paragraphs) and bold_body(paragraphs[end]):
            end += 1
            if end < len(paragraphs) and whole_date(paragraphs[end].text):
                end += 1
        trailer.related, index = list(paragraphs[index:end]), end
    found = trailer.source_note or trailer.holdings or trailer.related
    return trailer if found and index == len(paragraphs) else None


def find_trailer(paragraphs: list[Paragraph], start: int) -> Trailer | None:
    """The archive's trailer closing the transcript, searched from ``start`` on."""
    for index in range(start, len(paragraphs)):
        text = paragraphs[index].text.strip()
        if _SOURCE_NOTE.fullmatch(text) or text == HOLDINGS_LINE:
            trailer = _read_trailer(paragraphs, index)
            if trailer:
                return trailer
    return None


def source_note_body(paragraph: Paragraph) -> str:
    match = _SOURCE_NOTE.fullmatch(paragraph.text.strip())
    assert match, "only called on a paragraph read as a source note"
    return match["body"]


def related_link(paragraph: Paragraph) -> tuple[str, str]:
    match = _RELATED.fullmatch(paragraph.text.strip())
    assert match, "only called on a paragraph read as a related-article link"
    return match["label"], match["target"]
