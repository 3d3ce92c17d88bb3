"""Footnotes a transcript prints at its end ("  2. Reference is to …") and their marks in the text
("in Canada.2 Don't you think?"), as FRUS documents and most editions copied from a page have them.

Each note is encoded at its mark as ``note place="foot"`` whose ``@n`` is the mark as printed: the
mark's characters stay where they stood (``@n``), the note's words are the note's content, and
`teikit export text` writes the notes back at the end, numbered as printed. The notes are taken
only when every one of them has its mark, in order, in the text before them: a numbered list at
the end of a speech is not a block of footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from teikit.convert.source import Paragraph
from teikit.tei import TEI_NS, E

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
# "1. Source: …", "[1] Source: …", "¹ Source: …": the note's number as printed, then its words.
_NOTE_LINE = re.compile(
    rf"^\s*(?:(?P<n>\d{{1,3}})\.\s+|(?P<bracket>\[\d{{1,3}}\])\s*|(?P<sup>[{_SUPERSCRIPTS}]{{1,3}})\s*)(?P<text>\S.*)$"
)
_SOURCE = re.compile(r"^Source:\s")
# Elements whose text starts after white space, whatever came before them.
_BLOCKS = {f"{{{TEI_NS}}}{name}" for name in ("p", "head", "ab", "item", "l", "stage", "trailer")}
# Where a mark cannot stand: labels, what is not the document's, notes, and a gap's description
# (written back from its string value, which would spell out a note put inside it).
_NOT_TEXT = {f"{{{TEI_NS}}}{name}" for name in ("speaker", "fw", "note", "num", "gap")}


@dataclass
class Footnote:
    number: str  # in digits
    text: str  # the note's words as printed, without its number
    line: int  # the line of the transcript that opens it
    mark: str = ""  # the mark as printed in the text and before the note: "2", "[2]" or "²"

    def __post_init__(self) -> None:
        self.mark = self.mark or self.number

    @property
    def is_source(self) -> bool:
        """The note gives the document's source ("1. Source: Ford Library, …")."""
        return bool(_SOURCE.match(self.text))


def _opening(match: re.Match[str]) -> tuple[str, str]:
    """(number in digits, mark as printed) of a note line."""
    mark = match["n"] or match["bracket"] or match["sup"]
    return mark.strip("[]").translate(_DIGITS), mark


def split(paras: list[Paragraph]) -> tuple[list[Paragraph], list[Footnote]]:
    """The paragraphs before the block of footnotes that ends the transcript, and its footnotes
    (none unless the transcript, after some text, ends with notes numbered 1, 2, 3, …)."""
    notes: list[Footnote] = []
    start = len(paras)
    while start > 0:
        found = _notes_of(paras[start - 1])
        if found is None:
            break
        notes = found + notes
        start -= 1
    numbers = [int(note.number) for note in notes]
    if not start or numbers != list(range(1, len(numbers) + 1)):
        return paras, []
    return paras[:start], notes


def _notes_of(paragraph: Paragraph) -> list[Footnote] | None:
    """The notes a paragraph holds: its first line opens one, the lines that open none continue it."""
    if not _NOTE_LINE.match(paragraph.lines[0]):
        return None
    notes: list[Footnote] = []
    for offset, line in enumerate(paragraph.lines):
        match = _NOTE_LINE.match(line)
        number, mark = _opening(match) if match else ("", "")
        if match and (not notes or int(number) == int(notes[-1].number) + 1):
            notes.append(Footnote(number, match["text"].rstrip(), paragraph.line + offset, mark))
        else:
            notes[-1].text += "\n" + line.strip()
    return notes


def _texts(element: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Each run of text inside ``element`` in reading order, as (element, "text" or "tail")."""
    for child in element:
        if child.tag not in _NOT_TEXT:
            if child.text:
                yield child, "text"
            yield from _texts(child)
        if child.tail:
            yield child, "tail"


def _last(run: tuple[etree._Element, str]) -> str:
    text = getattr(*run)
    return text[-1] if text else " "


def anchor(body: etree._Element, notes: list[Footnote]) -> bool:
    """Put each note at its mark in ``body``; False (and ``body`` untouched) when a mark is missing.

    A mark is the note's number glued to what precedes it (a word, a full stop, a bracket) and not
    followed by another digit: "Conversation1", "rights2 and", "it.3 We", "[Robinson]2"; or the
    number in square brackets ("message [2]", "message.[2]"), or in superscript digits ("message.²"),
    as the note before it prints it.
    """
    places: list[tuple[etree._Element, str, int]] = []
    runs = list(_texts(body))
    index, position = 0, 0
    for note in notes:
        if note.mark.startswith("["):
            mark = re.compile(re.escape(note.mark))
        elif note.mark[0] in _SUPERSCRIPTS:
            mark = re.compile(rf"(?<![\s{_SUPERSCRIPTS}]){note.mark}(?![{_SUPERSCRIPTS}])")
        else:
            mark = re.compile(rf"(?<![\d\s]){note.number}(?!\d)")
        while index < len(runs):
            element, where = runs[index]
            # What precedes the run: a paragraph starts after white space, inline words after the run before.
            before = " " if index == 0 or (where == "text" and element.tag in _BLOCKS) else _last(runs[index - 1])
            found = mark.search(before + getattr(element, where), position + 1)
            if found:
                places.append((element, where, found.start() - 1))
                position = found.end() - 1
                break
            index, position = index + 1, 0
        else:
            return False
    # From the last mark back, so that the places found before stay where they were.
    for (element, where, at), note in reversed(list(zip(places, notes, strict=True))):
        text = getattr(element, where)
        encoded = E.note(note.text, type="footnote", place="foot", n=note.mark)
        encoded.tail = text[at + len(note.mark) :]
        setattr(element, where, text[:at])
        if where == "text":
            element.insert(0, encoded)
        else:
            parent = element.getparent()
            parent.insert(parent.index(element) + 1, encoded)
    return True
