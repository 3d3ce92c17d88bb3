"""The edition on disk: which files are its documents, and the header the edition is published under.

An edition made with teikit has a register (``tei/register.xml``): its persons and places, and the
edition's own header (title, editors, publisher, licence). Any other TEI a user brings has none, so
the edition's header is then made from the documents' own headers, and from what the user says
with ``--title`` and ``--editor``. Either way the builds read one TEI document in the register's
shape, and the stylesheets never need to know which it was (except to offer the register for
download: a made-up header carries ``tk:derived="true"`` on its root).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.convert.register import REGISTER_FILE
from teikit.errors import InputError
from teikit.tei import TEI_NS, XML_LANG, parse

TEIKIT_NS = "urn:teikit"
_NS = {"tei": TEI_NS}
# Folder names that say nothing about what a corpus holds.
_GENERIC_FOLDERS = {"", ".", "tei", "xml", "data", "corpus", "texts", "text", "documents", "files", "src", "source"}


def find_documents(sources: Sequence[Path]) -> list[Path]:
    """The TEI documents named by ``sources``: files as given; folders as the .xml files in them and in
    their subfolders (hidden ones skipped), sorted, but the register."""
    documents: list[Path] = []
    for source in sources:
        if source.is_dir():
            found = (
                p for p in source.rglob("*.xml")
                if p.is_file() and p.name != REGISTER_FILE
                and not any(part.startswith(".") for part in p.relative_to(source).parts)
            )
            documents += sorted(found)
        elif source.is_file():
            documents.append(source)
        else:
            raise InputError(source, "no such file or folder")
    return documents


def register_of(documents: Sequence[Path], given: Path | None = None) -> Path | None:
    """The register a build reads: the one given (which must exist), else register.xml beside the
    first document when there is one, else None (an edition without a register)."""
    if given is not None:
        if not given.is_file():
            raise InputError(given, "no such register; name an existing file with --register, or leave it out")
        return given
    beside = (documents[0].parent if documents else Path("tei")) / REGISTER_FILE
    return beside if beside.is_file() else None


@dataclass
class EditionHeader:
    """What the edition is published as."""

    title: str
    editors: list[str] = field(default_factory=list)
    publisher: str = ""
    date: str = ""  # ISO date of publication, "" when unknown
    licence_target: str = ""
    licence: str = ""
    language: str = "en"
    derived: bool = True  # made from the documents' headers (no register)

    def as_tei(self) -> bytes:
        """The header as a TEI document in the register's shape (no persons, no places)."""
        tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS, "tk": TEIKIT_NS})
        tei.set(XML_LANG, self.language)
        if self.derived:
            tei.set(f"{{{TEIKIT_NS}}}derived", "true")

        def add(parent: etree._Element, name: str, text: str = "", **attributes: str) -> etree._Element:
            element = etree.SubElement(parent, f"{{{TEI_NS}}}{name}", {k: v for k, v in attributes.items() if v})
            element.text = text or None
            return element

        header = add(tei, "teiHeader")
        file_desc = add(header, "fileDesc")
        title_stmt = add(file_desc, "titleStmt")
        add(title_stmt, "title", self.title, type="main")
        for editor in self.editors:
            add(title_stmt, "editor", editor)
        publication = add(file_desc, "publicationStmt")
        if self.publisher:
            add(publication, "publisher", self.publisher)
        else:
            add(publication, "authority", "Not stated in the documents")
        if self.date:
            add(publication, "date", self.date, when=self.date)
        if self.licence or self.licence_target:
            availability = add(publication, "availability")
            add(availability, "licence", self.licence or self.licence_target, target=self.licence_target)
        series = add(file_desc, "seriesStmt")
        add(series, "title", self.title, level="s")
        for number, editor in enumerate(self.editors):
            add(series, "editor", editor, **({"{http://www.w3.org/XML/1998/namespace}id": "editors"} if number == 0 else {}))
        source = add(file_desc, "sourceDesc")
        add(source, "p", "Made by teikit from the headers of the documents published.")
        return etree.tostring(tei, xml_declaration=True, encoding="UTF-8")


def edition_header(
    documents: Sequence[Path], register: Path | None = None, *, title: str | None = None, editors: Sequence[str] = ()
) -> EditionHeader:
    """The edition's header: the register's when there is one, else gathered from the documents;
    ``title`` and ``editors`` (the user's word) win over both."""
    if register is not None:
        found = _from_register(register, titled=bool(title))
    else:
        found = _from_documents(documents)
    if title:
        found.title = " ".join(title.split())
    if editors:
        found.editors = [" ".join(e.split()) for e in editors if e.strip()]
    return found


def header_document(
    documents: Sequence[Path], register: Path | None = None, *, title: str | None = None, editors: Sequence[str] = ()
) -> bytes:
    """The TEI document the stylesheets read as ``$register``: the register itself, its title and
    editors replaced when the user gave them, or a header made from the documents."""
    if register is None:
        return edition_header(documents, None, title=title, editors=editors).as_tei()
    root = parse(register).getroot()
    if title or editors:
        header = edition_header(documents, register, title=title, editors=editors)
        series = root.find("tei:teiHeader/tei:fileDesc/tei:seriesStmt", _NS)
        if series is None:
            file_desc = root.find("tei:teiHeader/tei:fileDesc", _NS)
            if file_desc is None:
                raise InputError(register, "the register has no teiHeader/fileDesc; give it one")
            series = etree.SubElement(file_desc, f"{{{TEI_NS}}}seriesStmt")
        for old in series.findall("tei:title", _NS) + (series.findall("tei:editor", _NS) if editors else []):
            series.remove(old)
        heading = etree.Element(f"{{{TEI_NS}}}title", level="s")
        heading.text = header.title
        series.insert(0, heading)
        for number, editor in enumerate(header.editors if editors else []):
            element = etree.SubElement(series, f"{{{TEI_NS}}}editor")
            if number == 0:
                element.set("{http://www.w3.org/XML/1998/namespace}id", "editors")
            element.text = editor
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces=_NS)
    return found[0] if found else None


def _from_register(register: Path, titled: bool = False) -> EditionHeader:
    root = parse(register).getroot()
    file_desc = "tei:teiHeader/tei:fileDesc"
    title = _text(_first(root, f"{file_desc}/tei:seriesStmt/tei:title")) or _text(
        _first(root, f"{file_desc}/tei:titleStmt/tei:title")
    )
    if not title and not titled:
        raise InputError(register, "the register names no edition: give it fileDesc/seriesStmt/title[@level='s'], or use --title")
    editors = [_text(e) for e in root.xpath(f"{file_desc}/tei:seriesStmt/tei:editor", namespaces=_NS)]
    licence = _first(root, f"{file_desc}/tei:publicationStmt/tei:availability/tei:licence")
    date = _first(root, f"{file_desc}/tei:publicationStmt/tei:date")
    return EditionHeader(
        title=title,
        editors=[e for e in editors if e],
        publisher=_text(_first(root, f"{file_desc}/tei:publicationStmt/tei:publisher")),
        date=date.get("when", "") if date is not None else "",
        licence_target=licence.get("target", "") if licence is not None else "",
        licence=_text(licence),
        language=root.get(XML_LANG) or "en",
        derived=False,
    )


def _shared(values: list[str]) -> str:
    """The value every document gives, or ""."""
    return values[0] if values and all(v and v == values[0] for v in values) else ""


def document_titles(root: etree._Element) -> tuple[str, str]:
    """A document's series title and its own title: what ``edition_title`` is made of."""
    file_desc = "tei:teiHeader/tei:fileDesc"
    return (_text(_first(root, f"{file_desc}/tei:seriesStmt/tei:title")),
            _text(_first(root, f"{file_desc}/tei:titleStmt/tei:title[@type='main' or not(@type)]")))


def edition_title(titles: Sequence[tuple[str, str]], documents: Sequence[Path]) -> str:
    """The title of an edition without a register, from each document's ``document_titles`` (kept
    apart so that an index can keep them and not read every document again when one changes)."""
    series = _shared([s for s, _ in titles])
    return series or (titles[0][1] if len(titles) == 1 and titles[0][1] else "") or _collection_name(documents)


def _from_documents(documents: Sequence[Path]) -> EditionHeader:
    roots = [parse(path).getroot() for path in documents]
    file_desc = "tei:teiHeader/tei:fileDesc"

    def each(path: str) -> list[str]:
        return [_text(_first(root, path)) for root in roots]

    title = edition_title([document_titles(root) for root in roots], documents)

    editor_lists = [
        list(dict.fromkeys(
            _text(e) for e in root.xpath(f"{file_desc}/tei:seriesStmt/tei:editor | {file_desc}/tei:titleStmt/tei:editor",
                                         namespaces=_NS)
            if _text(e)
        ))
        for root in roots
    ]
    editors = [e for e in editor_lists[0] if all(e in others for others in editor_lists)] if editor_lists else []

    licences = [_first(root, f"{file_desc}/tei:publicationStmt/tei:availability/tei:licence") for root in roots]
    targets = [lic.get("target", "") if lic is not None else "" for lic in licences]
    texts = [_text(lic) for lic in licences]
    target = _shared(targets)
    dates = [
        d for root in roots
        for d in root.xpath(f"{file_desc}/tei:publicationStmt/tei:date/@when", namespaces=_NS)
        if re.fullmatch(r"\d{4}(-\d\d){0,2}", str(d))
    ]
    languages = Counter(
        (root.get(XML_LANG) or _first(root, "tei:text/@xml:lang") or "") for root in roots
    )
    language = next((lang for lang, _ in languages.most_common() if lang), "en")
    return EditionHeader(
        title=title,
        editors=editors,
        publisher=_shared(each(f"{file_desc}/tei:publicationStmt/tei:publisher")),
        date=max(dates) if dates else "",
        licence_target=target,
        licence=_shared(texts) if target or _shared(texts) else "",
        language=str(language),
    )


def _collection_name(documents: Sequence[Path]) -> str:
    """A title for documents that name no common edition: their folder's name, else a plain description."""
    folders = {path.resolve().parent for path in documents}
    if len(folders) == 1:
        name = next(iter(folders)).name
        if name.lower() not in _GENERIC_FOLDERS:
            words = re.sub(r"[-_.]+", " ", name).strip()
            return words[:1].upper() + words[1:]
    count = len(documents)
    return f"{count} TEI document{'s' if count != 1 else ''}"
