"""The pages of the web edition, written by xslt/web/edition.xsl.

A process compiles the stylesheet and parses the edition's header once, then renders every
document it is given: each document's page is written by the stylesheet and its summary
returned. The edition-wide pages are made from the summaries alone, so no TEI file is read
twice by Saxon.

Every transform also reads the site's table of contents (:func:`contents`): the documents in
the edition's order, with their page names, titles, dates and downloads, from which a page
links its neighbours and its other formats.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from teikit import xmlfile
from teikit.errors import InputError
from teikit.executors import kept_for
from teikit.files import link_or_copy
from teikit.resources import XSLT_FOLDER
from teikit.tei import TEI_NS
from teikit.web.names import slug
from teikit.web.sources import Download
from teikit.xslt import Stylesheet, saxon_quiet

STYLESHEET = XSLT_FOLDER / "web" / "edition.xsl"
ASSETS = XSLT_FOLDER / "web" / "assets"
SUMMARY_NS = "urn:teikit:web"
_NS = {"tei": TEI_NS}
# How the stylesheet says which element of the input it was at when it failed (see common.xsl).
_LOCATED = re.compile(r"at element (\d+) <([^>]*)>: (document: )?(.*)", re.S)


@dataclass
class Entry:
    """A document as the table of contents knows it."""

    page: str
    source: Path
    title: str
    date: str  # ISO, "" when the document states none; the earliest it can be when only a range is known
    label: str = ""  # how a date known only as a range is said ("between … and …"); "" for an exact one
    downloads: list[Download] = field(default_factory=list)

    @property
    def order(self) -> tuple[bool, str, str]:
        return (not self.date, self.date, self.title.casefold())


def entry(source: Path, root: etree._Element, page: str) -> Entry:
    """A document's title and date, from its header (docs/encoding.md: "the document's date")."""
    def first(path: str) -> str:
        found = root.xpath(path, namespaces=_NS)
        return " ".join(str(found[0] if isinstance(found[0], str) else "".join(found[0].itertext())).split()) if found else ""

    title = first("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main']") or first(
        "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title") or source.stem
    date, label = first("tei:teiHeader/tei:profileDesc/tei:creation//tei:date/@when"), ""
    if not date and first("tei:teiHeader/tei:profileDesc/tei:creation//tei:date/@notBefore"):
        date = first("tei:teiHeader/tei:profileDesc/tei:creation//tei:date/@notBefore")
        label = first("tei:teiHeader/tei:profileDesc/tei:creation//tei:date[@notBefore]") or f"not before {date}"
    date = date or first("tei:teiHeader/tei:profileDesc/tei:settingDesc//tei:date/@when")
    if not re.fullmatch(r"-?\d{4}(-\d\d(-\d\d)?)?", date):
        date, label = "", ""
    return Entry(page, source, title, date, label)


def contents(entries: Sequence[Entry], edition_downloads: Sequence[Download] = ()) -> bytes:
    """The table of contents every transform reads, the documents in the edition's order."""
    w = f"{{{SUMMARY_NS}}}"
    site = etree.Element(f"{w}site", nsmap={"w": SUMMARY_NS})

    def files(parent: etree._Element, downloads: Sequence[Download]) -> None:
        for download in downloads:
            etree.SubElement(parent, f"{w}file", kind=download.kind, label=download.label, href=download.href,
                             size="" if download.size is None else str(download.size))

    files(etree.SubElement(site, f"{w}edition"), edition_downloads)
    for position, item in enumerate(sorted(entries, key=lambda e: e.order), 1):
        element = etree.SubElement(site, f"{w}document", page=item.page, source=item.source.name, title=item.title,
                                   date=item.date, label=item.label, position=str(position))
        files(element, item.downloads)
    return etree.tostring(site, encoding="UTF-8")


class Compiling:
    """The edition stylesheet, compiled in a thread of its own from when :meth:`start` is called:
    Saxon lets go of the interpreter while it compiles, so the build reads its files meanwhile."""

    def __init__(self, proc: PySaxonProcessor, pool: ThreadPoolExecutor) -> None:
        self._proc = proc
        self._pool = pool
        self._sheet: Future[Stylesheet] | None = None

    @property
    def started(self) -> bool:
        return self._sheet is not None

    def start(self) -> None:
        if self._sheet is None:
            self._sheet = self._pool.submit(Stylesheet, self._proc, STYLESHEET)

    def result(self) -> Stylesheet:
        self.start()
        return self._sheet.result()


class Renderer:
    """The compiled edition stylesheet, the edition's header and the table of contents, for one process."""

    def __init__(self, proc: PySaxonProcessor, header: bytes, base_url: str = "", site: bytes | None = None,
                 sheet: Stylesheet | None = None) -> None:
        self._proc = proc
        self._sheet = sheet or Stylesheet(proc, STYLESHEET)
        self._header = self._sheet.parse_text(header)
        self._base_url = base_url
        self._site = self._sheet.parse_text(site) if site else None

    def set_contents(self, site: bytes) -> None:
        self._site = self._sheet.parse_text(site)

    def document(self, source: Path, folder: Path, page: str | None = None) -> str:
        """Write ``source``'s page into ``folder``; return the document's summary (XML).

        Without ``page``, the document is published alone, under a name made from its file's."""
        node = self._sheet.parse(source)
        if not _is_tei(node):
            raise InputError(source, f"not a TEI document: its root element must be TEI in the namespace {TEI_NS}; "
                                     "publish TEI files only")
        site = self._site
        if page is None:
            page = slug(source.stem)
            site = self._sheet.parse_text(contents([entry(source, xmlfile.read(source), page)]))
        params = {"register": self._header, "file": page, "base-url": self._base_url, "site": site}
        try:
            with saxon_quiet():
                return self._sheet.to_string(node, params, base_output=folder)
        except InputError as problem:
            raise _located(source, problem.message) from None

    def shells(self, frames: list[str], folder: Path, site: bytes, schema: bytes | None, indexes: Sequence[str] = ()) -> None:
        """Write the edition-wide pages into ``folder`` from the documents' frames and the table
        of contents ``site`` without the documents' titles (:func:`bare`), with a mark where each
        part :meth:`parts` writes goes (:func:`assemble`); the search page merges the search
        ``indexes`` (their folders) when there are several."""
        params: dict[str, object] = {"search-indexes": " ".join(indexes), "site": self._sheet.parse_text(site)}
        if schema is not None:
            params["schema"] = self._sheet.parse_text(schema)
        self._summaries(frames, folder, params)

    def parts(self, summaries: list[str], folder: Path) -> None:
        """Write into ``folder`` what these documents add to the edition-wide pages, each once:
        their entries of search-turns.json, their cards of the home page, links to them (the
        principles page names documents), their rows of the omissions page and items of the
        people and places pages, from which those pages are assembled without rendering every
        document's part again; and their frames (the summary without its title, its turns,
        mentions and apparatus counted), which the edition-wide pages read instead of the whole
        summaries."""
        self._summaries(summaries, folder, {}, parts=True)

    def _summaries(self, summaries: list[str], folder: Path, params: dict[str, object], parts: bool = False) -> None:
        # The summaries are complete XML elements written by the stylesheet itself; the
        # envelope only gathers them into one document.
        mark = ' parts="yes"' if parts else ""
        text = f'<w:summaries xmlns:w="{SUMMARY_NS}"{mark}>{"".join(summaries)}</w:summaries>'
        try:
            node = self._proc.parse_xml(xml_text=text)
        except PySaxonApiError as exc:
            raise InputError(STYLESHEET, f"the documents' summaries do not parse: {' '.join(str(exc).split())}") from None
        self._sheet.to_string(node, {"register": self._header, "base-url": self._base_url, "site": self._site} | params,
                              base_output=folder)


def bare(site: bytes) -> bytes:
    """The table of contents as the edition-wide pages read it: without the documents' titles,
    which only the parts show, so that a document's new title leaves the pages to assemble alone."""
    root = etree.fromstring(site)
    for element in root.iter(f"{{{SUMMARY_NS}}}document"):
        del element.attrib["title"]
    return etree.tostring(root, encoding="UTF-8")


def assemble(shells: Path, folder: Path, parts: Path, pages: Sequence[str]) -> None:
    """The edition-wide pages :meth:`Renderer.shells` wrote into ``shells``, written into
    ``folder`` with the parts in ``parts`` put in their places in the order of ``pages`` (the
    edition's), those without parts linked; and search-turns.json, each page giving its entry."""
    for shell in shells.iterdir():
        if shell.name.removesuffix(".html") in _ASSEMBLED:
            _assemble(shell, folder / shell.name, parts, pages)
        else:
            link_or_copy(shell, folder / shell.name)
    entries = []
    for page in pages:
        path = parts / f"{page}.turns.json"
        try:
            entries.append(b'"%s":%s' % (page.encode(), path.read_bytes()))
        except OSError:
            raise missing_part(path) from None
    (folder / "search-turns.json").write_bytes(b"{" + b",".join(entries) + b"}")


# The edition-wide pages with parts of one document each, and where the parts go: a part holds
# the document's card of the home page, a link to it (the principles name the documents a
# principle holds for), its rows of the omissions page whole, or its items of the entries of the
# people and places pages, each after a mark naming the entry and its list. A shell names no
# document's place in the order: a mark stands for the parts of a kind (of one entry's list) of
# how many documents have one, or for the links to the documents it names.
_ASSEMBLED = ("index", "omissions", "people", "places", "principles")
_MARK = re.compile(rb"<!--teikit-(?:parts ([a-z]+) ([0-9]+)(?: ([A-Za-z0-9_.%]+))?|links ([A-Za-z0-9_ -]+))-->")
_PIECE = re.compile(rb"<!--teikit-piece ([A-Za-z0-9_.%]+)-->")


def missing_part(path: Path) -> InputError:
    """What a build says of a part of the edition-wide pages (or its record) the previous build should have left."""
    return InputError(path, "a part of the edition-wide pages is missing from the previous build; build again with --clean")


def _assemble(shell: Path, page: Path, parts: Path, pages: Sequence[str]) -> None:
    """Put the documents' parts (or their pieces of one entry) in their places in ``page``, in the
    order of ``pages``. The serializer adds no indentation, so a part written alone has the bytes
    it would have inside the page."""
    folder = os.fsencode(parts)
    names = [page.encode() for page in pages]
    position = {name: at for at, name in enumerate(names)}
    # Each kind's parts read once, in order (tens of thousands of marks: no Path objects); a
    # document's pieces of its part gathered by entry.
    whole: dict[bytes, list[bytes]] = {}
    pieces: dict[bytes, dict[bytes, list[bytes]]] = {}
    linking: dict[bytes, bytes | None] = {}

    def read(kind: bytes, name: bytes) -> bytes | None:
        try:
            with open(os.path.join(folder, b"%s.%s.html" % (name, kind)), "rb") as file:
                return file.read()
        except FileNotFoundError:
            return None
        except OSError:
            raise missing_part(Path(os.fsdecode(os.path.join(folder, b"%s.%s.html" % (name, kind))))) from None

    def kind_parts(kind: bytes) -> list[bytes]:
        if kind not in whole:
            whole[kind] = [text for text in (read(kind, name) for name in names) if text is not None]
        return whole[kind]

    def kind_pieces(kind: bytes) -> dict[bytes, list[bytes]]:
        if kind not in pieces:
            found: dict[bytes, list[bytes]] = {}
            for text in kind_parts(kind):
                cut = _PIECE.split(text)[1:]
                for piece, content in zip(cut[::2], cut[1::2]):
                    found.setdefault(piece, []).append(content)
            pieces[kind] = found
        return pieces[kind]

    def put(found: re.Match) -> bytes:
        if found[4] is not None:
            return links(found[4].split())
        kind, count, piece = found[1], int(found[2]), found[3]
        given = kind_parts(kind) if piece is None else kind_pieces(kind).get(piece, [])
        if len(given) != count:  # a document's part (or its piece of this entry) is not there
            raise missing_part(parts / f"*.{kind.decode()}.html")
        return b"".join(given)

    def links(linked: list[bytes]) -> bytes:
        texts = []
        for name in sorted(linked, key=position.__getitem__):
            if name not in linking:
                linking[name] = read(b"link", name)
            if linking[name] is None:
                raise missing_part(parts / f"{os.fsdecode(name)}.link.html")
            texts.append(linking[name])
        return b"; ".join(texts)

    page.write_bytes(_MARK.sub(put, shell.read_bytes()))


def _is_tei(node) -> bool:
    return any(child.node_kind == 1 and child.name == f"Q{{{TEI_NS}}}TEI" for child in node.children)


def _located(source: Path, message: str) -> InputError:
    """Saxon's failure as one line at the input element the stylesheet was rendering, never at the
    stylesheet's own line, and with what to do."""
    message = message.removeprefix("transformation failed: ")
    found = _LOCATED.search(message)
    line = 1
    if found:
        try:
            elements = list(xmlfile.read(source).iter(etree.Element))
            line = elements[int(found[1])].sourceline or 1
        except (xmlfile.Unreadable, IndexError):
            pass
    if found and found[3]:  # the document's own fault, said by the stylesheet with what to do
        return InputError(source, f"cannot be published: <{found[2]}> {found[4].strip()}", line)
    reason = found[4] if found else message
    # Saxon appends where in the stylesheet it was ("… on line 59 column 44 of text.xsl"): not the user's concern.
    reason = re.split(r"\s+(?:at char \d+ |in expression |on line \d+|In template rule|invoked by)", reason)[0]
    reason = re.sub(r"^(?:Type error|Dynamic error|Error)\s*", "", reason).strip(" :")
    reason = re.sub(r"^[A-Z]{4}\d{4}\s+", "", reason)
    where = f" in <{found[2]}>" if found else ""
    return InputError(source, f"could not be published{where}: {reason}; if `teikit validate --rng` finds the file valid, "
                              "this is a fault of teikit's web stylesheet: please report it with the file", line)


def render_page(shared: tuple[str, bytes, str, bytes], item: tuple[Path, Path, str]) -> tuple[Path, str | None, InputError | None]:
    """Write one document's page: ``shared`` is the build (its key, the edition's header, the base
    URL and the table of contents), ``item`` the source, the site's folder and the page's name.
    The summary, or the problem that kept the page from being written."""
    key, header, base_url, site = shared
    renderer = kept_for(key, lambda: Renderer(PySaxonProcessor(license=False), header, base_url, site))
    source, folder, page = item
    try:
        return source, renderer.document(source, folder, page), None
    except InputError as problem:
        return source, None, problem
