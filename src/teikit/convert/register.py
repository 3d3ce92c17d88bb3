"""The edition's register of persons and places, and what the converters take from it.

The register (``register.xml`` beside the TEI files) is the editors' authority
file: one ``person`` or ``place`` with its name forms and, where certain, its
Wikidata identifier. Its header also carries what every document of the
edition shares: the edition's title and editors (``seriesStmt``), publisher and
date (``publicationStmt``). Documents point into it with the ``reg:`` prefix.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.tei import TEI_NS, XML_ID, E, parse

REGISTER_FILE = "register.xml"
PREFIX = "reg"
NS = {"tei": TEI_NS}


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


@dataclass
class Entry:
    """A person or place of the register."""

    id: str
    kind: str  # "person" or "place"
    name: str
    forms: list[str]
    wikidata: str | None
    element: etree._Element = field(repr=False)

    @property
    def pointer(self) -> str:
        return f"{PREFIX}:{self.id}"

    @property
    def surname(self) -> str:
        surname = self.element.find("tei:persName[@type='reg']/tei:surname", NS)
        return _text(surname) if surname is not None else self.name.split()[-1]


@dataclass
class Register:
    path: Path | None
    persons: list[Entry]
    places: list[Entry]
    header: etree._Element | None
    _by_form: dict[str, Entry] = field(init=False, repr=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_form = {form: entry for entry in self.persons + self.places for form in entry.forms}
        alternatives = "|".join(re.escape(f) for f in sorted(self._by_form, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if alternatives else None

    @classmethod
    def empty(cls) -> Register:
        return cls(None, [], [], None)

    @classmethod
    def load(cls, path: Path) -> Register:
        """The register in the file ``path``, or an empty one when there is no such file."""
        if not path.exists():
            return cls.empty()
        root = parse(path).getroot()
        entries = {kind: [_entry(el, kind) for el in root.iter(f"{{{TEI_NS}}}{kind}")] for kind in ("person", "place")}
        return cls(path, entries["person"], entries["place"], root.find("tei:teiHeader", NS))

    def tag(self, text: str) -> list[str | etree._Element]:
        """``text`` with every name form of the register marked as persName or placeName."""
        if self._pattern is None:
            return [text]
        items: list[str | etree._Element] = []
        position = 0
        for match in self._pattern.finditer(text):
            entry = self._by_form[match.group()]
            items.append(text[position : match.start()])
            make = E.persName if entry.kind == "person" else E.placeName
            items.append(make(match.group(), ref=entry.pointer))
            position = match.end()
        items.append(text[position:])
        return items

    def person_for_label(self, label: str) -> Entry | None:
        """The register's person a speaker label names ("M.S. Gorbachev", "H. KOHL", "George Bush")."""
        words = re.findall(r"[^\W\d_]+", label)
        if not words:
            return None
        for entry in self.persons:
            if label in entry.forms:
                return entry
        surname, initials = words[-1].casefold(), [w[0].casefold() for w in words[:-1]]
        for entry in self.persons:
            if entry.surname.casefold() != surname:
                continue
            given = [w[0].casefold() for w in re.findall(r"[^\W\d_]+", entry.name)[:-1]]
            if not initials or not given or initials[0] == given[0]:
                return entry
        return None

    def place_in(self, text: str) -> tuple[Entry, str] | None:
        """The first place of the register named in ``text``, and the form that names it."""
        best: tuple[int, Entry, str] | None = None
        for entry in self.places:
            for form in entry.forms:
                match = re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)
                if match and (best is None or match.start() < best[0]):
                    best = (match.start(), entry, form)
        return best[1:] if best else None

    def header_part(self, xpath: str) -> etree._Element | None:
        if self.header is None:
            return None
        found = self.header.find(xpath, NS)
        return copy.deepcopy(found) if found is not None else None


def _entry(element: etree._Element, kind: str) -> Entry:
    name_tag = "persName" if kind == "person" else "placeName"
    names = element.findall(f"tei:{name_tag}", NS)
    regular = element.find(f"tei:{name_tag}[@type='reg']", NS)
    name = _text(regular if regular is not None else names[0]) if names else element.get(XML_ID, "")
    forms = [name] + [_text(n) for n in element.findall(f"tei:{name_tag}[@type='variant']", NS)]
    wikidata = element.find("tei:idno[@type='wikidata']", NS)
    return Entry(
        element.get(XML_ID, ""),
        kind,
        name,
        list(dict.fromkeys(f for f in forms if f)),
        wikidata.text.strip() if wikidata is not None and wikidata.text else None,
        element,
    )
