"""A document's Dublin Core metadata, from its TEI header, in the shapes DTS allows (a literal, a URI,
an array of ``{lang, value}`` objects, an array of URIs)."""

from __future__ import annotations

import re

from lxml import etree

from teikit.tei import TEI_NS, XML_LANG, reading_text

NS = {"tei": TEI_NS}
_BCP47 = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_HEADER = "tei:teiHeader/tei:fileDesc"


def language_of(root: etree._Element) -> str:
    """The document's language as a BCP 47 tag, "und" when it states none that is one."""
    for value in (root.get(XML_LANG), _attr(root, "tei:text/@xml:lang"),
                  _attr(root, "tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident")):
        if value and _BCP47.match(value.strip()):
            return value.strip()
    return "und"


def _attr(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=NS)
    return str(found[0]) if found else ""


def _texts(root: etree._Element, path: str) -> list[str]:
    return list(dict.fromkeys(t for t in (reading_text(e) for e in root.xpath(path, namespaces=NS)) if t))


def title_of(root: etree._Element) -> str:
    for path in (f"{_HEADER}/tei:titleStmt/tei:title[@type='main']", f"{_HEADER}/tei:titleStmt/tei:title"):
        found = _texts(root, path)
        if found:
            return found[0]
    return ""


def description_of(root: etree._Element) -> str:
    found = _texts(root, "tei:teiHeader/tei:profileDesc/tei:abstract")
    return found[0] if found else ""


def genre_of(root: etree._Element) -> str:
    found = _texts(root, "tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords/tei:term[@type='genre']")
    return found[0] if found else ""


def dublin_core(root: etree._Element) -> dict:
    """The header's title, creators, contributors, date, language, licence, publisher, source and summary."""
    lang = language_of(root)

    def tagged(values: list[str]) -> list[dict]:
        return [{"lang": lang, "value": value} for value in values]

    found: dict = {}
    title = title_of(root)
    if title:
        found["title"] = tagged([title])
    creators = _texts(root, f"{_HEADER}/tei:titleStmt/tei:author")
    if creators:
        found["creator"] = tagged(creators)
    contributors = _texts(root, f"{_HEADER}/tei:titleStmt/tei:editor | {_HEADER}/tei:titleStmt/tei:respStmt/tei:persName"
                                f" | {_HEADER}/tei:seriesStmt/tei:editor")
    if contributors:
        found["contributor"] = tagged(contributors)
    date = (_attr(root, "tei:teiHeader/tei:profileDesc/tei:creation//tei:date/@when")
            or _attr(root, f"{_HEADER}/tei:sourceDesc//tei:date/@when")
            or _attr(root, f"{_HEADER}/tei:publicationStmt/tei:date/@when"))
    if date:
        found["date"] = date
    found["language"] = [lang]
    licence = _attr(root, f"{_HEADER}/tei:publicationStmt/tei:availability/tei:licence/@target")
    if re.match(r"^https?://", licence):
        found["license"] = licence
    else:
        words = _texts(root, f"{_HEADER}/tei:publicationStmt/tei:availability")
        if words:
            found["rights"] = tagged(words)
    publisher = _texts(root, f"{_HEADER}/tei:publicationStmt/tei:publisher")
    if publisher:
        found["publisher"] = tagged(publisher)
    source = _texts(root, f"{_HEADER}/tei:sourceDesc/tei:bibl//tei:title | {_HEADER}/tei:sourceDesc/tei:biblStruct//tei:title"
                          f" | {_HEADER}/tei:sourceDesc/tei:msDesc/tei:msIdentifier")
    if source:
        found["source"] = tagged(source)
    description = description_of(root)
    if description:
        found["description"] = tagged([description])
    genre = genre_of(root)
    if genre:
        found["type"] = tagged([genre])
    return found
