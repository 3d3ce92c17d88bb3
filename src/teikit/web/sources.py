"""What a site carries beside its pages: the TEI sources, the schemas they point to, the other
outputs of the edition (PDF, EPUB, DOCX, CSV, …), and the schema read for the principles page.

Everything here is read as untrusted (teikit.xmlfile: regular files only, no DOCTYPE, no entity,
no network) and written only inside the site (teikit.web.names.inside). A TEI file is offered as
it is, byte for byte, unless it carries content a browser would run when the copy is opened
(an XHTML or SVG ``script``, an ``on…`` handler, a ``javascript:`` link, an XSLT stylesheet
instruction): such content is left out of the copy, and the build says so.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit import xmlfile
from teikit.errors import InputError
from teikit.tei import TEI_NS, remove_keeping_text
from teikit.web.names import inside

XS_NS = "http://www.w3.org/2001/XMLSchema"
# Elements of other vocabularies that a browser runs or that load or send something when a copy is opened.
ACTIVE_ELEMENTS = frozenset(
    "script iframe frame frameset object embed applet base meta link form foreignObject handler listener set animate"
    .split()
)
ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:")
LINK_ATTRIBUTES = frozenset("href src action formaction data to from values".split())
SCHEMA_SUFFIXES = (".xsd", ".rng", ".rnc", ".sch", ".odd")

# The other outputs of `make edition` (the brief's "Where outputs go"), relative to the build
# folder, for one document ({stem}) or the edition; each is linked when it exists.
DOCUMENT_DOWNLOADS = (
    ("pdf", "PDF offprint", "print/{stem}.pdf"),
    ("epub", "EPUB", "export/epub/{stem}.epub"),
    ("docx", "Word (DOCX)", "export/docx/{stem}.docx"),
    ("csv", "Turns as a table (CSV)", "export/csv/by-document/{stem}.csv"),
    ("text", "Plain text", "export/text/{stem}.txt"),
)
EDITION_DOWNLOADS = (
    ("pdf", "The edition as a book (PDF)", "print/edition.pdf"),
    ("epub", "EPUB", "export/epub/edition.epub"),
    ("docx", "Word (DOCX)", "export/docx/edition.docx"),
    ("csv", "Turns (CSV)", "export/csv/turns.csv"),
    ("csv", "Documents (CSV)", "export/csv/documents.csv"),
    ("csv", "Persons (CSV)", "export/csv/persons.csv"),
    ("json", "Data package (Frictionless)", "export/csv/datapackage.json"),
    ("jsonld", "Linked data (JSON-LD)", "export/rdf/edition.jsonld"),
    ("ttl", "Linked data (Turtle)", "export/rdf/edition.ttl"),
)
# The citable release holds the site, so it cannot be copied in while the site is built: the home
# page offers it at these places, and `teikit release` puts it there once the bag is made.
RELEASE_DOWNLOADS = (
    ("zip", "The citable release (BagIt bag, zip)", "downloads/release.zip"),
    ("cff", "How to cite the edition (CITATION.cff)", "downloads/CITATION.cff"),
)


@dataclass(frozen=True)
class Download:
    kind: str
    label: str
    href: str  # relative to the site
    size: int | None  # None: put in place after the build (the release)


@dataclass(frozen=True)
class Copied:
    """What publishing one TEI file's copy found: what the build has to say of it (a message and
    its line), and the schemas its ``xml-model`` instructions name by a relative path."""

    warning: tuple[str, int] | None
    schemas: list[str]


def find_downloads(build: Path | None, documents: Sequence[Path], pages: Sequence[str]) -> dict[str, list[tuple[str, str, Path, str]]]:
    """The outputs of the edition that exist under ``build``: page name → (kind, label, file, site path)."""
    found: dict[str, list[tuple[str, str, Path, str]]] = {}
    if build is None or not build.is_dir():
        return found
    listed: dict[str, set[str]] = {}  # each folder listed once rather than a file looked for per document

    def present(relative: str) -> bool:
        folder, name = os.path.split(relative)
        if folder not in listed:
            try:
                listed[folder] = set(os.listdir(build / folder))
            except OSError:
                listed[folder] = set()
        return name in listed[folder] and (build / relative).is_file()

    for page, document in [("", None), *zip(pages, documents)]:
        table = EDITION_DOWNLOADS if document is None else DOCUMENT_DOWNLOADS
        for kind, label, pattern in table:
            relative = pattern.format(stem=document.stem if document else "")
            source = build / relative
            if present(relative):
                name = Path(pattern).name if document is None else f"{page}{source.suffix}"
                found.setdefault(page, []).append((kind, label, source, f"downloads/{name}"))
    return found


def copy_source(site: Path, page: str, data: bytes, root: etree._Element) -> Copied:
    """Publish the TEI file read as ``data`` and parsed as ``root`` (which is changed: what a
    browser would run is left out of it) as ``tei/{page}.xml`` in ``site``. Call
    :func:`carry_schemas` with what it returns, in the order of the files."""
    (site / "tei").mkdir(exist_ok=True)
    schemas = schema_hrefs(root)
    removed, left_out = _defuse(root)
    target = inside(site, f"tei/{page}.xml")
    if not removed:
        target.write_bytes(data)
        return Copied(None, schemas)
    target.write_bytes(_serialize(root, left_out))
    message = (f"the copy published as tei/{page}.xml leaves out what a browser would run "
               f"({', '.join(r[0] for r in removed)}); the file itself is unchanged")
    return Copied((message, removed[0][1] or 1), schemas)


def carry_downloads(site: Path, documents: Sequence[Path], pages: Sequence[str], build: Path | None,
                    release: bool = False) -> dict[str, list[Download]]:
    """Copy the edition's other outputs under ``build`` into ``site``: page name ("" for the
    edition) → the files; with ``release``, the edition's also offer the release to come."""
    downloads: dict[str, list[Download]] = {}
    for page, files in find_downloads(build, documents, pages).items():
        for kind, label, source, href in files:
            target = inside(site, href)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            downloads.setdefault(page, []).append(Download(kind, label, href, source.stat().st_size))
    if release:
        downloads.setdefault("", []).extend(Download(kind, label, href, None) for kind, label, href in RELEASE_DOWNLOADS)
    return downloads


def _defuse(root: etree._Element) -> tuple[list[tuple[str, int | None]], list[etree._Element]]:
    """Remove active content of other vocabularies from ``root``'s document; say what and where, and
    which instructions before the root are to be left out."""
    removed: list[tuple[str, int | None]] = []
    left_out: list[etree._Element] = []
    for instruction in root.itersiblings(preceding=True):
        if isinstance(instruction, etree._ProcessingInstruction) and instruction.target == "xml-stylesheet" \
                and "css" not in (instruction.get("type") or "").lower():
            removed.append(("an xml-stylesheet instruction", instruction.sourceline))
            left_out.append(instruction)
    for element in list(root.iter(etree.Element)):
        if element.getroottree().getroot() is not root:  # inside what was already left out
            continue
        namespace = etree.QName(element).namespace
        if namespace in (TEI_NS, None):
            continue
        name = etree.QName(element).localname
        if name in ACTIVE_ELEMENTS:
            removed.append((f"<{name}>", element.sourceline))
            remove_keeping_text(element)
            continue
        for attribute, value in list(element.attrib.items()):
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on") or (local in LINK_ATTRIBUTES and value.strip().lower().startswith(ACTIVE_SCHEMES)):
                removed.append((f"@{local}", element.sourceline))
                del element.attrib[attribute]
    return removed, left_out


def _serialize(root: etree._Element, left_out: list[etree._Element]) -> bytes:
    """The document of ``root`` as XML, without the instructions before it that were left out
    (lxml cannot remove a sibling of the root element)."""
    parts = [b'<?xml version="1.0" encoding="UTF-8"?>\n']
    for sibling in reversed(list(root.itersiblings(preceding=True))):
        if not any(sibling is out for out in left_out):
            parts.append(etree.tostring(sibling, encoding="UTF-8", with_tail=False) + b"\n")
    parts.append(etree.tostring(root, encoding="UTF-8", with_tail=False) + b"\n")
    return b"".join(parts)


def schema_hrefs(root: etree._Element) -> list[str]:
    """The relative schema paths the document's ``xml-model`` instructions name."""
    hrefs = []
    for instruction in root.itersiblings(preceding=True):
        if not isinstance(instruction, etree._ProcessingInstruction) or instruction.target != "xml-model":
            continue
        href = instruction.get("href") or ""
        if href and ":" not in href and not href.startswith("/") and href.endswith(SCHEMA_SUFFIXES):
            hrefs.append(href)
    return hrefs


def carry_schemas(document: Path, hrefs: Sequence[str], site: Path) -> None:
    """Copy the schemas a document names by the relative paths ``hrefs`` (:func:`schema_hrefs`),
    so that the downloaded copy validates where it was downloaded; one already there is kept."""
    for href in hrefs:
        schema = (document.parent / href).resolve()
        try:
            target = inside(site, f"tei/{href}")
        except ValueError:
            continue
        if not schema.is_file() or target.exists() or target.parent == (site / "tei").resolve():
            continue
        for part in schema_parts(schema) if schema.suffix == ".xsd" else [schema]:
            copy = target.parent / part.relative_to(schema.parent)
            if not copy.exists():
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(part, copy)


def carry_schema(schema: Path, folder: Path) -> None:
    """Copy the edition's schema and its parts into ``folder`` (the site's schema/), where the
    principles page links it; a copy already there (from an ``xml-model``) is kept."""
    for part in schema_parts(schema):
        copy = folder / part.relative_to(schema.resolve().parent)
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(part, copy)


def schema_parts(schema: Path) -> list[Path]:
    """An XSD and the schema documents it includes, imports, redefines or overrides by a relative
    location inside its own folder, each once; nothing is fetched, nothing outside is read."""
    folder = schema.resolve().parent
    parts: list[Path] = []
    pending = [schema.resolve()]
    while pending:
        part = pending.pop(0)
        if part in parts:
            continue
        parts.append(part)
        try:
            root = xmlfile.read(part)
        except xmlfile.Unreadable:
            continue
        for location in root.xpath("(xs:include | xs:import | xs:redefine | xs:override)/@schemaLocation", namespaces={"xs": XS_NS}):
            if ":" in location or location.startswith("/"):
                continue
            candidate = (part.parent / location).resolve()
            if candidate.is_relative_to(folder) and candidate.is_file():
                pending.append(candidate)
    return parts


def schema_document(schema: Path) -> tuple[bytes | None, list[InputError]]:
    """The schema and its parts gathered into one document for the principles page, and the parts
    that could not be read (a DOCTYPE, not well-formed…), each as a problem."""
    gathered = etree.Element("{urn:teikit:web}schemas", nsmap={"w": "urn:teikit:web"}, file=schema.name)
    problems: list[InputError] = []
    for part in schema_parts(schema):
        try:
            root = xmlfile.read(part)
        except xmlfile.Unreadable as unreadable:
            problem = unreadable.problem
            problems.append(InputError(part, f"{problem.message}; its documentation is left out of the principles page",
                                       problem.line, problem.column))
            continue
        if etree.QName(root).namespace == XS_NS and etree.QName(root).localname == "schema":
            gathered.append(root)
    if not len(gathered):
        return None, problems
    return etree.tostring(gathered, encoding="UTF-8"), problems
