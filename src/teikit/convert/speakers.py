"""Speaker labels: which paragraph openings name who speaks, and who that is.

A label is recognised from who takes part, never from its shape alone: a name
the title gives ("between Gorbachev and Bush"), a name with initials
("E.A. Shevardnadze."), a person of the register, or a label that opens
several paragraphs. "I want you to know:", "Second." or "Phone:" are not
speakers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from teikit.convert.register import Register

_NAME = r"[A-Z][\w'’-]*"
_LABEL = re.compile(
    rf"""^(?P<open>\[)?
    (?P<label>
        (?P<initials>(?:[A-Z]\.\s?){{1,3}})\s?{_NAME}              # M.S. Gorbachev, H. KOHL
      | (?:(?:The|Mr\.|Mrs\.|Ms\.|Dr\.)\s)?{_NAME}(?:\s{_NAME}){{0,2}}  # Bush, George Bush, The President
    )
    (?P<end>[:.])(?(open)\])
    (?=\s+\S)""",
    re.X,
)
_BETWEEN = re.compile(r"\bbetween\b(?P<who>.+?\band\b.+)", re.I | re.S)


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a paragraph."""

    text: str  # as printed, with its closing colon or full stop, without brackets
    supplied: bool  # printed in square brackets: supplied by the editor
    name: str  # the label without its closing punctuation
    end: int  # where the speech begins in the paragraph

    @property
    def key(self) -> str:
        return " ".join(self.name.split())


def read_label(text: str) -> Label | None:
    """The label-shaped opening of ``text``, if it has one (not yet a speaker)."""
    match = _LABEL.match(text)
    if not match:
        return None
    label = match["label"] + match["end"]
    return Label(label, bool(match["open"]), match["label"], match.end())


def participants_in(title: str) -> set[str]:
    """Words of the "between X and Y" part of a title, case-folded."""
    match = _BETWEEN.search(title)
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", match["who"])} if match else set()


class Speakers:
    """Decides which labels in a document are speakers and gives each speaker an id."""

    def __init__(self, openings: list[str], title: str, register: Register) -> None:
        self._register = register
        self._named = participants_in(title)
        labels = [label for text in openings if (label := read_label(text))]
        self._recurring = {key for key, n in Counter(label.key for label in labels).items() if n >= 2}

    def _accepts(self, label: Label) -> bool:
        words = re.findall(r"[^\W\d_]+", label.name)
        has_initials = bool(re.match(r"(?:[A-Z]\.\s?)+", label.name))
        capitals = label.name.isupper() and len(words[-1]) > 1
        if label.text.endswith("."):
            name_like = has_initials or capitals or words[-1].casefold() in self._named
            if not name_like and self._register.person_for_label(label.name) is None:
                return False
        return bool(
            has_initials
            or words[-1].casefold() in self._named
            or self._register.person_for_label(label.name)
            or label.key in self._recurring
        )

    def label(self, text: str) -> Label | None:
        """The speaker label opening ``text``, or None when it opens no turn."""
        label = read_label(text)
        return label if label and self._accepts(label) else None

    def person_id(self, label: Label) -> str:
        entry = self._register.person_for_label(label.name)
        if entry:
            return entry.id
        words = re.findall(r"[^\W\d_]+", label.name)
        return slug(words[-1]) if words else "speaker"


def slug(text: str) -> str:
    """A lower-case XML name built from ``text`` ("Geneva Summit (1985)" → "geneva-summit-1985")."""
    value = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"
    return value if value[0].isalpha() else f"x-{value}"
