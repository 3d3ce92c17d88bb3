"""EPUB 3 of the edition (every document a chapter) or of one document: xslt/export/epub.xsl
makes the chapters, the navigation and the package document; this module zips them the way
reading systems need (``mimetype`` first and stored) and always the same way (two builds of the
same TEI give the same bytes)."""

from __future__ import annotations

import hashlib
import re
import tempfile
import uuid
import zipfile
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from teikit.errors import InputError
from teikit.export.batch import EXPORT_STYLESHEETS, Edition, Kept, Outcome, Progress, Run, each_document, no_progress, run, slug
from teikit.export.revisions import edition_revision
from teikit.files import atomic_file, write_atomically
from teikit.tei import XML_NS

X_NS = "urn:teikit:export"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # what XPath's normalize-space() folds
STYLE = EXPORT_STYLESHEETS / "epub.css"
CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
# Zip entries carry this date, not the time of the build, so that builds are identical.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def export_epub(
    edition: Edition, output: Path, *, whole: bool = True, each: bool = True, progress: Progress = no_progress
) -> Outcome:
    """``edition.epub`` (every document) and ``<stem>.epub`` (one each) in ``output``."""
    outcome = Outcome()
    kept = Kept(output, "epub", edition.reuse)
    books = Kept(output, "epub-books", edition.reuse)  # each document's book, which its chapter and the date make
    with run("epub.xsl", edition) as epub, tempfile.TemporaryDirectory(prefix="teikit-epub-") as scratch:
        chapters: list[tuple[Path, Path]] = []  # (document, chapter file)
        made = each_document(edition, "epub.xsl", progress=progress, label="EPUB", kept=kept)
        for number, (document, chapter) in enumerate(made, start=1):
            if isinstance(chapter, InputError):
                outcome.problems.append(chapter)
                continue
            target = Path(scratch) / f"{number:05d}.xhtml"
            target.write_text(chapter[0], encoding="utf-8")
            chapters.append((document, target))
        modified = _modified(edition)
        if each:
            for document, chapter in chapters:
                path = output / f"{edition.name(document)}.epub"
                key = hashlib.sha256(f"{kept.keys.get(document)}\0{modified}".encode()).hexdigest()
                book = books.get(key) if document in kept.keys else None
                if book is None:
                    buffer = BytesIO()
                    _book(epub, [(document, chapter)], modified, buffer, single=document)
                    book = buffer.getvalue()
                    if document in kept.keys:
                        books.put(key, book)
                write_atomically(path, book)
                outcome.written.append(path)
        if whole and chapters:
            path = output / "edition.epub"
            with atomic_file(path) as handle:  # zipped straight into the file: the edition's book is not held whole
                _book(epub, chapters, modified, handle)
            outcome.written.append(path)
    kept.prune()
    books.prune()
    outcome.reused = kept.taken
    return outcome


def _modified(edition: Edition) -> str:
    revision = edition_revision(edition.documents, edition.register)
    return f"{revision.date or '2000-01-01'}T00:00:00Z"


def _book(epub: Run, chapters: list[tuple[Path, Path]], modified: str, target: BinaryIO, single: Path | None = None) -> None:
    files = _unique_files([epub.edition.name(document) for document, _ in chapters])
    book = etree.Element(f"{{{X_NS}}}book", modified=modified)
    for number, ((_, chapter), file) in enumerate(zip(chapters, files, strict=True), start=1):
        _outline(etree.SubElement(book, f"{{{X_NS}}}chapter", id=f"c{number}", file=file), chapter)
    source = epub.stylesheet.parse_text(etree.tostring(book))
    params: dict[str, object] = {"identifier": _identifier(epub.edition.title if single is None else epub.edition.name(single), files)}
    if single is not None:
        params["document"] = epub.parse(single)
    nav = epub.to_string(source, None, {**params, "part": "nav"})
    package = epub.to_string(source, None, {**params, "part": "package"})

    with zipfile.ZipFile(target, "w") as archive:
        _add(archive, "mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        _add(archive, "META-INF/container.xml", CONTAINER)
        _add(archive, "OEBPS/package.opf", package.encode("utf-8"))
        _add(archive, "OEBPS/nav.xhtml", nav.encode("utf-8"))
        _add(archive, "OEBPS/style.css", STYLE.read_bytes())
        for (_, chapter), file in zip(chapters, files, strict=True):
            _add(archive, f"OEBPS/{file}", chapter.read_bytes())


def _outline(entry: etree._Element, chapter: Path) -> None:
    """What the contents and the package say of ``chapter``, read from its file one chapter at a
    time: its title, its language, and its text's headed sections."""
    html = etree.parse(str(chapter)).getroot()
    entry.set("title", "".join(html.find(f"{{{XHTML_NS}}}head/{{{XHTML_NS}}}title").itertext()))
    lang = html.get(f"{{{XML_NS}}}lang")
    if lang is not None:
        entry.set("lang", lang)
    for heading in html.iterfind(f".//{{{XHTML_NS}}}section[@id='text']//{{{XHTML_NS}}}h2[@id]"):
        words = _XML_SPACE.sub(" ", "".join(heading.itertext())).strip(" ")
        if words:
            etree.SubElement(entry, f"{{{X_NS}}}section", id=heading.get("id")).text = words


def _add(archive: zipfile.ZipFile, name: str, data: bytes, compression: int = zipfile.ZIP_DEFLATED) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _unique_files(stems: list[str]) -> list[str]:
    files: list[str] = []
    for stem in stems:
        base, n = slug(stem), 1
        name = f"{base}.xhtml"
        while name in files or name == "nav.xhtml":
            n += 1
            name = f"{base}-{n}.xhtml"
        files.append(name)
    return files


def _identifier(title: str, files: list[str]) -> str:
    """A urn:uuid that names what the book holds, the same for every build of it."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "teikit:epub:" + title + "\n" + "\n".join(files)).urn
