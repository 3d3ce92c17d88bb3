"""Archival citations as markup: the words stay as printed, their parts get tagged.

"Gorbachev Foundation Archive, Fond 1, opis 1. Published in *Sobranie
sochinenii*, vol. 23, p. 176-181. Translated by Svetlana Savranskaya." becomes
the same text with ``orgName``, ``idno``, ``title``, ``biblScope`` and
``respStmt`` around the parts a catalogue needs.
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.convert import inline
from teikit.convert.dates import find_dates
from teikit.tei import E

Items = list[str | etree._Element]

_PARTS = re.compile(
    r"""(?x)
      (?P<archive>^[A-Z][^,.\[\]*]*?(?:Archive|Archives|Library|Foundation))(?=,)
    | (?P<unitlabel>\b(?:Fond|fond|opis|delo|list|f\.|op\.|d\.|l\.))\s(?P<unit>\d+[a-z]?)\b
    | (?P<vollabel>\bvol\.)\s(?P<volume>\d+)
    | (?P<pagelabel>\bpp?\.)\s(?P<from>\d+)(?:\s?[-–]\s?(?P<to>\d+))?
    | (?P<resp>\bTranslated\ by)\s(?P<translator>[A-Z][^.,;]*?)(?=[.;]|$)
    """
)
_UNIT_TYPES = {
    "fond": "fond",
    "f.": "fond",
    "opis": "opis",
    "op.": "opis",
    "delo": "delo",
    "d.": "delo",
    "list": "list",
    "l.": "list",
}


def _part(match: re.Match[str]) -> Items:
    if match["archive"]:
        return [E.orgName(match["archive"], type="archive")]
    if match["unitlabel"]:
        return [match["unitlabel"] + " ", E.idno(match["unit"], type=_UNIT_TYPES[match["unitlabel"].lower()])]
    if match["vollabel"]:
        text = f"{match['vollabel']} {match['volume']}"
        return [E.biblScope(text, unit="volume", n=match["volume"])]
    if match["pagelabel"]:
        return [E.biblScope(match.group(), {"unit": "page", "from": match["from"], "to": match["to"] or match["from"]})]
    return [E.respStmt(E.resp(match["resp"]), " ", E.persName(match["translator"]))]


def encode(text: str, context: inline.Context) -> Items:
    """A citation's text with its parts tagged; Markdown is read as in running text."""
    items: Items = []
    for item in inline.encode(text, context):
        if not isinstance(item, str):
            items.append(item)
            continue
        position = 0
        for match in _PARTS.finditer(item):
            items += [item[position : match.start()], *_part(match)]
            position = match.end()
        items.append(item[position:])
    return items


# "Title", Month D, YYYY, Publisher, Collection. <url>   (the Wilson Center's form)
_CATALOGUE_CITATION = re.compile(
    r"(?P<open>[\"“])(?P<title>[^\"“”]+)(?P<close>[\"”]),\s(?P<date>[A-Z][a-z]+\.?\s\d{1,2},\s\d{4}),\s"
    r"(?P<publisher>[^,\n]+),\s(?P<collection>[^.\n]+)(?P<rest>\..*)",
    re.S,
)


def encode_catalogue_citation(text: str, context: inline.Context) -> Items:
    """A catalogue's "Citation:" with its title, date, publisher and collection tagged."""
    match = _CATALOGUE_CITATION.fullmatch(text)
    if not match:
        return inline.encode(text, context)
    when = find_dates(match["date"])
    date = E.date(match["date"], when=when[0].when) if when else match["date"]
    return [
        match["open"],
        E.title(match["title"], level="a"),
        match["close"] + ", ",
        date,
        ", ",
        E.publisher(match["publisher"]),
        ", ",
        E.title(match["collection"], level="s"),
        *inline.encode(match["rest"], context),
    ]


def translator(text: str) -> str | None:
    """Who a source note says translated the text ("Translated by Svetlana Savranskaya.")."""
    found = next((m for m in _PARTS.finditer(text) if m["translator"]), None)
    return found["translator"].strip() if found else None


def catalogue_publisher(text: str) -> str | None:
    """The publisher a catalogue's "Citation:" names, where it has the archive's form."""
    match = _CATALOGUE_CITATION.fullmatch(text)
    return match["publisher"] if match else None
