"""The edition's DOCX joined from its documents' DOCX, one document at a time.

pandoc holds a whole book's tree in memory (2 to 2.9 GB for 1,000 synthetic documents), so the
edition's DOCX is not one pandoc run: pandoc writes the front of the book (the edition's title and
editors) alone, and each document's DOCX (written and kept anyway) gives its body and footnotes.
Each part is parsed whole with lxml, its ids renumbered so that no two parts share one, and its
body streamed into word/document.xml through ``ZipFile.open(name, "w")``; its footnotes, numbering
and media wait in temporary files until the body is written (a zip takes one member at a time).
The front's package gives the styles, settings, theme and fonts; styles a part uses that the front
lacks are added to them.

What a part's DOCX has that the book's must not: its front (Title, Author, Date paragraphs), which
becomes the document's Heading 1, with the bookmark pandoc gives a heading's identifier spanning the
document's section, as in a book pandoc makes whole; its own section properties (the front's are
the book's); and ids that start again in every part: footnotes', bookmarks' ids and names,
relationships' (hyperlinks, media), lists' (numbering) and drawings'."""

from __future__ import annotations

import copy
import hashlib
import io
import re
import tempfile
import zipfile
from pathlib import PurePosixPath
from typing import IO, BinaryIO

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
DRAWING_IDS = ("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr",
               "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr")
# The paragraphs pandoc writes from a document's metadata, before its text.
FRONT_STYLES = {"Title", "Subtitle", "Author", "Date", "AbstractTitle", "Abstract"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # as pandoc dates a DOCX's members: two builds give the same bytes
# Word cuts bookmark names longer than this; pandoc names such a heading by a hash instead.
BOOKMARK_LENGTH = 40
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)
MARK = "\ue000teikit-parts-go-here\ue000"  # where a serialized part-less skeleton is cut in two
RELS_NSMAP = {None: PACKAGE_RELS}
SPOOL = 1 << 20  # bytes of a temporary file held in memory before it goes to disk


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def bookmark_name(identifier: str) -> str:
    """The bookmark pandoc writes for a heading's identifier (its toBookmarkName): Word wants a letter first."""
    if identifier[:1].isalpha() and len(identifier) <= BOOKMARK_LENGTH:
        return identifier
    return "X" + hashlib.sha1(identifier.encode("utf-8")).hexdigest()[1:]


class Book:
    """The edition's DOCX written into ``handle``: :meth:`add` each document's DOCX in the book's
    order, then :meth:`close`."""

    def __init__(self, front: bytes, handle: BinaryIO) -> None:
        self.front = zipfile.ZipFile(io.BytesIO(front))
        self.archive = zipfile.ZipFile(handle, "w")
        document = etree.fromstring(self.front.read("word/document.xml"), PARSER)
        self.nsmap = {prefix: uri for prefix, uri in document.nsmap.items()}
        body = document.find(w("body"))
        self.section = body.find(w("sectPr"))
        body.remove(self.section)
        front_body = list(body)
        for child in front_body:
            body.remove(child)
        self.document_head, self.document_tail = _cut(document, body)
        # The front's relationships to the package's parts (styles, numbering, footnotes …): the book's.
        self.package = {i: r for i, r in _relationships(self.front, "word/_rels/document.xml.rels").items()
                        if r.get("TargetMode") != "External" and not r.get("Target", "").startswith("media/")}
        self.next_rel = 1 + max((int(m.group(1)) for i in self.package
                                 if (m := re.fullmatch(r"rId(\d+)", i))), default=0)
        self.next_id = 1  # footnotes' and bookmarks' ids, one counter as pandoc's
        self.next_drawing = 1
        self.names: set[str] = set()  # bookmark names taken
        self.parts = 0
        self.separators: list[etree._Element] = []  # the footnote separators, the front's
        self.media: dict[str, str] = {}  # the media added (their names in the package), and their content types
        self.spools = {name: tempfile.SpooledTemporaryFile(SPOOL) for name in
                       ("footnotes", "abstracts", "nums", "rels", "footnote-rels")}
        self.media_folder = tempfile.TemporaryDirectory(prefix="teikit-docx-media-")
        self.media_files: list[tuple[str, str]] = []  # (member, temporary file)
        self._numbering_front()
        self.styles = etree.fromstring(self.front.read("word/styles.xml"), PARSER)
        self.style_ids = {s.get(w("styleId")) for s in self.styles.iter(w("style"))}
        for name in self.front.namelist():  # what the parts do not change, first, as pandoc orders them
            if name not in _JOINED and not name.startswith("word/media/"):
                self._write(name, self.front.read(name))
        self.body = self.archive.open(_info("word/document.xml"), "w")
        self.body.write(self.document_head)
        self._join(self.front, front_body, etree.fromstring(self.front.read("word/footnotes.xml"), PARSER),
                   None, separators=True)

    def add(self, docx: bytes, identifier: str) -> None:
        """One document's DOCX; ``identifier`` is its title heading's in pandoc's Markdown."""
        with zipfile.ZipFile(io.BytesIO(docx)) as part:
            document = etree.fromstring(part.read("word/document.xml"), PARSER)
            body = document.find(w("body"))
            children = [c for c in body if c.tag != w("sectPr")]
            heading = None
            while children and children[0].tag == w("p") and _style(children[0]) in FRONT_STYLES:
                paragraph = children.pop(0)
                if _style(paragraph) == "Title" and heading is None:
                    heading = copy.deepcopy(paragraph)
                    heading.find(f"{w('pPr')}/{w('pStyle')}").set(w("val"), "Heading1")
            names = part.namelist()
            footnotes = etree.fromstring(part.read("word/footnotes.xml"), PARSER) if "word/footnotes.xml" in names else None
            if "word/styles.xml" in names:  # a style only some documents use (pandoc adds code's when there is code)
                for style in etree.fromstring(part.read("word/styles.xml"), PARSER).iter(w("style")):
                    if style.get(w("styleId")) not in self.style_ids:
                        self.style_ids.add(style.get(w("styleId")))
                        style.tail = None
                        self.styles.append(style)
            self._join(part, ([heading] if heading is not None else []) + children, footnotes,
                       identifier if heading is not None else None)

    def close(self) -> None:
        self.body.write(self._serialize(self.section) + self.document_tail)
        self.body.close()
        self._finish_footnotes()
        self._finish_numbering()
        self._write("word/styles.xml", _xml(self.styles))
        self._finish_relationships()
        for member, path in self.media_files:
            with open(path, "rb") as source, self.archive.open(_info(member), "w") as target:
                while chunk := source.read(SPOOL):
                    target.write(chunk)
        self._write("[Content_Types].xml", self._content_types())
        self.archive.close()
        self.front.close()
        for spool in self.spools.values():
            spool.close()
        self.media_folder.cleanup()

    # ----- one part -----

    def _join(self, part: zipfile.ZipFile, body: list[etree._Element], footnotes: etree._Element | None,
              identifier: str | None, separators: bool = False) -> None:
        self.parts += 1
        prefix = f"part{self.parts}"
        heading_mark = None
        if identifier is not None:  # its id taken before the part's ids are shifted past the book's
            heading_mark = etree.Element(w("bookmarkStart"), {w("id"): str(self.next_id), w("name"): ""},
                                         nsmap={"w": W})
            self.next_id += 1
        ids = _Renumbering(self)
        rels = {"document": _relationships(part, "word/_rels/document.xml.rels"),
                "footnotes": _relationships(part, "word/_rels/footnotes.xml.rels")}
        numbers = self._numbering(part)
        # Bookmark names first, in the order of the book: a later namesake is the one renamed.
        for element in [*body, *(footnotes if footnotes is not None else [])]:
            for mark in element.iter(w("bookmarkStart")):
                ids.rename(mark)
        if heading_mark is not None:
            heading_mark.set(w("name"), ids.unique(bookmark_name(identifier)))
        for element in body:
            ids.apply(element, rels["document"], "rels", numbers, part, prefix)
        if heading_mark is not None:
            self.body.write(self._serialize(heading_mark))
        for element in body:
            element.tail = None
            self.body.write(self._serialize(element))
        if heading_mark is not None:
            self.body.write(self._serialize(etree.Element(w("bookmarkEnd"), {w("id"): heading_mark.get(w("id"))},
                                                          nsmap={"w": W})))
        if footnotes is None:
            return
        for note in footnotes.iter(w("footnote")):
            if int(note.get(w("id"))) <= 0:  # the separators: the front's are the book's
                if separators:
                    self.separators.append(copy.deepcopy(note))
                continue
            ids.apply(note, rels["footnotes"], "footnote-rels", numbers, part, prefix)
            note.tail = None
            self.spools["footnotes"].write(self._serialize(note))
        self.next_id = max(self.next_id, ids.highest + 1)

    # ----- numbering -----

    def _numbering_front(self) -> None:
        numbering = etree.fromstring(self.front.read("word/numbering.xml"), PARSER)
        # Lists defined alike share one definition, as in a book pandoc makes whole.
        self.abstracts = {_list_kind(a): a.get(w("abstractNumId")) for a in numbering.iter(w("abstractNum"))}
        self.nums = {n.get(w("numId")): _canonical(n) for n in numbering.iter(w("num"))}
        self.front_nums = [n for n in numbering if n.tag == w("num")]
        for num in self.front_nums:
            numbering.remove(num)
        self.numbering_head, self.numbering_tail = _cut(numbering, numbering)
        self.next_abstract = 1 + max(map(int, self.abstracts.values()), default=0)
        self.next_num = 1 + max(map(int, self.nums), default=0)

    def _numbering(self, part: zipfile.ZipFile) -> dict[str, str]:
        """The book's numId for each of the part's: the front's where the part's list is the front's
        (pandoc's default list), a new one otherwise, its definitions added to the book's."""
        if "word/numbering.xml" not in part.namelist() or part is self.front:
            return {}
        numbering = etree.fromstring(part.read("word/numbering.xml"), PARSER)
        abstracts: dict[str, str] = {}
        for abstract in numbering.iter(w("abstractNum")):
            old, kind = abstract.get(w("abstractNumId")), _list_kind(abstract)
            if kind in self.abstracts:
                abstracts[old] = self.abstracts[kind]
                continue
            new = str(self.next_abstract)
            self.next_abstract += 1
            abstracts[old] = self.abstracts[kind] = new
            abstract.set(w("abstractNumId"), new)
            nsid = abstract.find(w("nsid"))
            if nsid is not None:  # Word takes two lists with one nsid for one list
                nsid.set(w("val"), f"{int(new):08X}")
            abstract.tail = None
            self.spools["abstracts"].write(self._serialize(abstract))
        numbers: dict[str, str] = {}
        for num in numbering.iter(w("num")):
            old = num.get(w("numId"))
            if self.nums.get(old) == _canonical(num) and abstracts.get(_abstract_of(num)) == _abstract_of(num):
                numbers[old] = old
                continue
            new = str(self.next_num)
            self.next_num += 1
            numbers[old] = new
            num.set(w("numId"), new)
            reference = num.find(w("abstractNumId"))
            if reference is not None:
                reference.set(w("val"), abstracts.get(reference.get(w("val")), reference.get(w("val"))))
            num.tail = None
            self.spools["nums"].write(self._serialize(num))
        return numbers

    def _finish_numbering(self) -> None:
        with self.archive.open(_info("word/numbering.xml"), "w") as target:
            target.write(self.numbering_head)
            _copy(self.spools["abstracts"], target)
            for num in self.front_nums:
                num.tail = None
                target.write(self._serialize(num))
            _copy(self.spools["nums"], target)
            target.write(self.numbering_tail)

    # ----- footnotes, relationships, content types -----

    def _finish_footnotes(self) -> None:
        footnotes = etree.fromstring(self.front.read("word/footnotes.xml"), PARSER)
        for child in list(footnotes):
            footnotes.remove(child)
        head, tail = _cut(footnotes, footnotes)
        with self.archive.open(_info("word/footnotes.xml"), "w") as target:
            target.write(head)
            for note in self.separators:
                note.tail = None
                target.write(self._serialize(note))
            _copy(self.spools["footnotes"], target)
            target.write(tail)

    def relationship(self, spool: str, kind: str, target: str, external: bool) -> str:
        """A new relationship of word/document.xml (``spool`` "rels") or word/footnotes.xml ("footnote-rels")."""
        identifier = f"rId{self.next_rel}"
        self.next_rel += 1
        attributes = {"Type": kind, "Id": identifier, "Target": target}
        if external:
            attributes["TargetMode"] = "External"
        self.spools[spool].write(_inside(etree.Element(f"{{{PACKAGE_RELS}}}Relationship", attributes, nsmap=RELS_NSMAP),
                                                 RELS_NSMAP))
        return identifier

    def add_media(self, part: zipfile.ZipFile, member: str, prefix: str) -> str:
        """A part's image copied into the book under a name of its own; its target from word/."""
        name = f"media/{prefix}-{PurePosixPath(member).name}"
        path = f"{self.media_folder.name}/{len(self.media_files)}"
        with part.open(member) as source, open(path, "wb") as copy_:
            while chunk := source.read(SPOOL):
                copy_.write(chunk)
        self.media_files.append((f"word/{name}", path))
        # pandoc names an image's type by its part name (Override), or it may go by its extension (Default).
        types = etree.fromstring(part.read("[Content_Types].xml"), PARSER)
        extension = PurePosixPath(member).suffix.lstrip(".").lower()
        for entry in types:
            if (entry.get("PartName") == f"/{member}"
                    or entry.get("Extension", "").lower() == extension and f"/word/{name}" not in self.media):
                self.media[f"/word/{name}"] = entry.get("ContentType")
        return name

    def _finish_relationships(self) -> None:
        skeleton = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap=RELS_NSMAP)
        head, tail = _cut(skeleton, skeleton)
        with self.archive.open(_info("word/_rels/document.xml.rels"), "w") as target:
            target.write(head)
            for relationship in self.package.values():
                target.write(_inside(relationship, RELS_NSMAP))
            _copy(self.spools["rels"], target)
            target.write(tail)
        with self.archive.open(_info("word/_rels/footnotes.xml.rels"), "w") as target:
            target.write(head)
            _copy(self.spools["footnote-rels"], target)
            target.write(tail)

    def _content_types(self) -> bytes:
        types = etree.fromstring(self.front.read("[Content_Types].xml"), PARSER)
        for name, content_type in self.media.items():
            if content_type:
                types.append(etree.Element(f"{{{CONTENT_TYPES}}}Override", {"PartName": name, "ContentType": content_type},
                                           nsmap={None: CONTENT_TYPES}))
        return _xml(types)

    # ----- writing -----

    def _serialize(self, element: etree._Element) -> bytes:
        return _inside(element, self.nsmap)

    def _write(self, name: str, data: bytes) -> None:
        with self.archive.open(_info(name), "w") as target:
            target.write(data)


# What the book makes of its parts; the front's other members are the book's as they are.
_JOINED = {"word/document.xml", "word/footnotes.xml", "word/numbering.xml", "word/styles.xml",
           "word/_rels/document.xml.rels", "word/_rels/footnotes.xml.rels", "[Content_Types].xml"}


class _Renumbering:
    """One part's ids made the book's."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.base = book.next_id  # the part's footnote and bookmark ids shifted past the book's
        self.highest = book.next_id - 1
        self.drawing_base = book.next_drawing
        self.names: dict[str, str] = {}
        self.rels: dict[tuple[str, str], str] = {}

    def unique(self, name: str) -> str:
        """``name``, or, taken by an earlier part, name-1, name-2 … as pandoc numbers namesake headings."""
        found, n = name, 0
        while found in self.book.names:
            n += 1
            found = bookmark_name(f"{name}-{n}")
        self.book.names.add(found)
        return found

    def rename(self, mark: etree._Element) -> None:
        name = mark.get(w("name"))
        if name is not None and name not in self.names:
            self.names[name] = self.unique(name)

    def shift(self, element: etree._Element, attribute: str, lowest: int) -> None:
        """Footnote ids from 1 (0 and -1 are the separators'), bookmark ids from 0."""
        value = element.get(attribute)
        if value is not None and value.lstrip("-").isdigit() and int(value) >= lowest:
            new = int(value) + self.base
            element.set(attribute, str(new))
            self.highest = max(self.highest, new)

    def apply(self, root: etree._Element, rels: dict[str, etree._Element], spool: str,
              numbers: dict[str, str], part: zipfile.ZipFile, prefix: str) -> None:
        for element in root.iter():
            tag = element.tag
            if tag in (w("bookmarkStart"), w("bookmarkEnd"), w("footnoteReference"), w("footnote")):
                self.shift(element, w("id"), 0 if tag in (w("bookmarkStart"), w("bookmarkEnd")) else 1)
                if tag == w("bookmarkStart") and element.get(w("name")) in self.names:
                    element.set(w("name"), self.names[element.get(w("name"))])
            elif tag == w("hyperlink") and element.get(w("anchor")) in self.names:
                element.set(w("anchor"), self.names[element.get(w("anchor"))])
            elif tag == w("numId") and element.getparent() is not None and element.getparent().tag == w("numPr"):
                element.set(w("val"), numbers.get(element.get(w("val")), element.get(w("val"))))
            elif tag in DRAWING_IDS and element.get("id", "").isdigit():
                new = int(element.get("id")) + self.drawing_base
                element.set("id", str(new))
                self.book.next_drawing = max(self.book.next_drawing, new + 1)
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{R}}}"):
                    element.set(attribute, self.relationship(rels, spool, value, part, prefix))

    def relationship(self, rels: dict[str, etree._Element], spool: str, old: str,
                     part: zipfile.ZipFile, prefix: str) -> str:
        if (spool, old) in self.rels:
            return self.rels[(spool, old)]
        relationship = rels.get(old)
        if relationship is None:
            return old
        external = relationship.get("TargetMode") == "External"
        target = relationship.get("Target")
        if not external:
            target = self.book.add_media(part, str(PurePosixPath("word") / target), prefix)
        self.rels[(spool, old)] = new = self.book.relationship(spool, relationship.get("Type"), target, external)
        return new


def _style(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val")) if style is not None else None


def _abstract_of(num: etree._Element) -> str | None:
    reference = num.find(w("abstractNumId"))
    return reference.get(w("val")) if reference is not None else None


def _canonical(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n", with_tail=False)


def _list_kind(abstract: etree._Element) -> bytes:
    """What a list definition says, without the ids that name it."""
    kind = copy.deepcopy(abstract)
    kind.attrib.pop(w("abstractNumId"), None)
    for nsid in kind.findall(w("nsid")):
        kind.remove(nsid)
    return _canonical(kind)


def _relationships(archive: zipfile.ZipFile, member: str) -> dict[str, etree._Element]:
    if member not in archive.namelist():
        return {}
    return {r.get("Id"): r for r in etree.fromstring(archive.read(member), PARSER)
            .iter(f"{{{PACKAGE_RELS}}}Relationship")}


def _inside(element: etree._Element, nsmap: dict[str | None, str]) -> bytes:
    """``element`` as it reads inside a root declaring ``nsmap``: lxml declares on an element written
    alone every namespace in scope, which would repeat the root's on every paragraph."""
    data = etree.tostring(element, encoding="UTF-8", xml_declaration=False, with_tail=False)
    end = data.index(b">")  # lxml writes > in an attribute as &gt;: the first > ends the start tag

    def redundant(match: re.Match) -> bytes:
        prefix = match.group(1).decode() if match.group(1) else None
        return b"" if nsmap.get(prefix) == match.group(2).decode() else match.group(0)

    return re.sub(rb'\sxmlns(?::([\w.-]+))?="([^"]*)"', redundant, data[:end]) + data[end:]


def _cut(root: etree._Element, container: etree._Element) -> tuple[bytes, bytes]:
    """``root`` serialized, cut where ``container``'s children would go at its end."""
    if len(container):
        container[-1].tail = MARK
    else:
        container.text = MARK
    head, tail = _xml(root).split(MARK.encode("utf-8"))
    return head, tail


def _xml(root: etree._Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _copy(spool: IO[bytes], target: IO[bytes]) -> None:
    spool.seek(0)
    while chunk := spool.read(SPOOL):
        target.write(chunk)
