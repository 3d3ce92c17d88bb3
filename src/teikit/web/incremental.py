"""Rebuilding only what changed since the site shown now: document pages, TEI copies, search
indexes and the edition-wide pages.

A document's page is a function of the TEI file's bytes, of the web stylesheets (and the Python
that drives them), of the edition's header, of the base URL and of what the page reads from the
table of contents: its own entry (title, date, source, downloads), its neighbours'
entries (the "previous" and "next" links) and the edition's downloads. The hash of all that is the
page's key. Each build writes the keys and the hashes of the documents' summaries into the site's
manifest, and what each document gives the edition-wide pages (its frame, and its parts of the
omissions, people and places pages: teikit.web.pages.Renderer.parts) into files of their own in the
site's hidden folder; the next build takes a page whose key is unchanged from the version shown,
with those files (hard links, else copies), instead of running the stylesheet. The manifest holds hashes and a few words per
document, so a build in which one document changed reads and writes small files only.

The same holds for what surrounds the pages. A TEI file whose bytes are unchanged is not parsed
again: its copy, its title and date, what the build had to say of it and the schemas it names come
from the previous version and its manifest. A file whose size, times and inode are those the
previous build saw is not even read (:meth:`Manifest.unchanged`). A search index
(teikit.web.search) is a function of its pages' keys, and the edition-wide pages (home, people,
places, omissions, principles, search) of all the summaries, the table of contents, the header and
the schema: each unchanged one is taken from the previous version too. The output is the same,
byte for byte, as a clean build's.

The manifest lives inside the version it describes, so it is published (and swapped in) with it
atomically: a killed build leaves the shown version and its manifest as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit import xmlfile
from teikit.edition import TEIKIT_NS
from teikit.files import link_or_copy, regular_status
from teikit.resources import XSLT_FOLDER, code_hash
from teikit.tei import TEI_NS, XML_ID
from teikit.web.pages import SUMMARY_NS, missing_part

MANIFEST = ".teikit-web-manifest.json"
# What each document gives the edition-wide pages (teikit.web.pages.Renderer.parts), beside the manifest.
PARTS = ".teikit-web-parts"
# The edition-wide pages before their parts are put in (teikit.web.pages.assemble).
SHELLS = ".teikit-web-shells"
FORMAT = 6
_W = f"{{{SUMMARY_NS}}}"
_TEI = f"{{{TEI_NS}}}"


def _code_hash() -> str:
    """The stylesheets (all of xslt/, whose modules import each other) and teikit's web code."""
    return code_hash([*XSLT_FOLDER.rglob("*.xsl"), *Path(__file__).parent.glob("*.py")])


def signature(path: Path) -> list[int] | None:
    """What the file system says of a file without reading it: size, modification and change
    times, inode and device, as git's index keeps them; None when it is not a regular file."""
    status = regular_status(path)
    if status is None:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


@dataclass
class Manifest:
    """What a version was built from: its document pages' keys and the hashes of their summaries,
    its TEI copies, its search indexes' keys and the key of its edition-wide pages."""

    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # page → {"key": …, "summary": its SHA-256, "frame": its frame's}
    # copy name (a page's, or "register") → {"sha256": of the source, "stat": its signature when
    # read, "entry": {title, date, label}, "warning": [message, line] or None, "schemas": the
    # xml-model hrefs it names}
    sources: dict[str, dict] = field(default_factory=dict)
    indexes: dict[str, str] = field(default_factory=dict)  # folder → key
    edition: str = ""  # the edition-wide pages' key
    shells: str = ""  # the key of those pages before their parts are put in
    header_inputs: str = ""  # without a register: the hash of what the header was gathered from
    header: str = ""  # and the header
    since: int = 0  # when the build that wrote it began (teikit.files.file_system_now)

    @classmethod
    def of(cls, site: Path | None) -> Manifest:
        """The manifest of the version at ``site``; empty when there is none or it cannot be read
        (then everything is made again, as in a clean build)."""
        if site is None:
            return cls()
        try:
            data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            pages = {page: {"key": str(v["key"]), "summary": str(v["summary"]), "frame": str(v["frame"])}
                     for page, v in data["pages"].items()}
            sources = {name: {"sha256": str(v["sha256"]), "stat": [int(n) for n in v["stat"]] if v["stat"] else None,
                              "stem": str(v["stem"]), "entry": {k: str(v["entry"][k]) for k in ("title", "date", "label")},
                              "warning": [str(v["warning"][0]), int(v["warning"][1])] if v["warning"] else None,
                              "schemas": [str(href) for href in v["schemas"]]}
                       for name, v in data["sources"].items()}
            return cls(pages, sources, {str(k): str(v) for k, v in data["indexes"].items()}, str(data["edition"]),
                       str(data["shells"]), str(data["header_inputs"]), str(data["header"]), int(data["since"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return cls()

    def unchanged(self, name: str, now: list[int] | None) -> bool:
        """Whether the source ``name`` is, by its signature ``now``, the file this version was built
        from, without reading it.

        As in git's index, a signature can be trusted only for a file whose modification time is
        older than the build that took it: a file written again in the same tick as it was read
        (or in the same second, on a file system that keeps seconds only) keeps its time, and
        perhaps its size; such a "racily clean" file is read and hashed again."""
        known = self.sources.get(name)
        return known is not None and now is not None and known["stat"] == now and now[1] < self.since

    def write(self, site: Path) -> None:
        text = json.dumps({"format": FORMAT, "since": self.since, "header_inputs": self.header_inputs, "header": self.header,
                           "edition": self.edition, "shells": self.shells, "indexes": dict(sorted(self.indexes.items())),
                           "sources": dict(sorted(self.sources.items())), "pages": dict(sorted(self.pages.items()))},
                          ensure_ascii=False)  # without indent: json's C encoder, ten times faster
        (site / MANIFEST).write_text(text + "\n", encoding="utf-8")


def summary_hash(summary: str) -> str:
    return hashlib.sha256(summary.encode()).hexdigest()


def frame_hash(site: Path, page: str) -> str:
    return hashlib.sha256(read_frame(site, page).encode()).hexdigest()


def read_frame(site: Path, page: str) -> str:
    """What the edition-wide pages read of a page's summary, kept with its parts
    (teikit.web.pages.Renderer.parts)."""
    path = site / PARTS / f"{page}.frame.xml"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise missing_part(path) from None


def write_order_record(site: Path, page: str) -> None:
    """Beside a page's frame, what of it the edition-wide pages' shells read in the edition's order
    (``PAGE.order.json``; :func:`order_digest`), so that a build need not parse every frame to
    know whether a new order changes the shells."""
    frame = etree.fromstring(read_frame(site, page).encode())
    entities: dict[tuple[str, str, str], None] = {}
    omissions: dict[str, None] = {}
    principles = ""
    for element in frame:
        tag = element.tag
        if tag == f"{_W}items":
            omissions[element.get("kind", "")] = None
        elif tag == f"{_TEI}editorialDecl":
            principles = hashlib.sha256(etree.tostring(element, method="c14n")).hexdigest()
        elif tag in (f"{_W}entity", f"{_W}said", f"{_W}speaks", f"{_W}place"):
            name = tag.removeprefix(_W)
            kind = "person" if name == "speaks" else "place" if name == "place" else element.get("kind", "")
            key = element.get("key") or ""
            # An entry without a key is gathered by the slug of its name ("n-…"), perhaps with one
            # whose key looks the same: all such are one bucket, whose order is kept whole.
            bucket = "" if key.startswith("n-") else key
            if name == "entity":
                token = "entity " + hashlib.sha256(etree.tostring(element, method="c14n")).hexdigest()
            else:
                token = f"{name} {element.get('name') if name != 'place' else element.text or ''}"
            entities[(bucket, kind, token)] = None
    record = {"entities": [list(entry) for entry in entities], "omissions": list(omissions), "principles": principles}
    (site / PARTS / f"{page}.order.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def order_digest(site: Path, pages: list[str], header: bytes) -> str:
    """What the edition-wide pages' shells take from the edition's order of ``pages``, whose parts
    are in ``site``: where several documents say different things of one thing, which is said
    first. That is, for each unregistered person or place, the order in which the documents first
    give each of its names, facts and authorities (its name is the first listed, or the one written
    most often, the first written of those tied; its facts and other names are shown in the order
    first given); the order in which each distinct set of encoding principles first appears (a
    principle's place among those of its kind, and which of its wordings is shown); and the order
    in which each kind of omission first appears (the tally's ties). Everything else the shells
    show is the same in any order: the documents' parts are put in order when the pages are
    assembled (teikit.web.pages.assemble), and entries of one name are sorted by key."""
    records = []
    for page in pages:
        path = site / PARTS / f"{page}.order.json"
        try:
            records.append(json.loads(path.read_bytes()))
        except (OSError, ValueError):
            raise missing_part(path) from None
    registered = _registered(header)
    kinds: dict[str, set[str]] = {}
    for record in records:
        for bucket, kind, _ in record["entities"]:
            kinds.setdefault(bucket, set()).add(kind)
    # A registered person's or place's entry shows the register's names and facts, whatever the
    # documents say: unless its key also names an unregistered entry of another kind.
    ignored = {bucket for bucket, found in kinds.items() if bucket and all(bucket in registered.get(kind, ()) for kind in found)}
    said: dict[str, dict[str, None]] = {}
    principles: dict[str, None] = {}
    omissions: dict[str, None] = {}
    for record in records:
        for bucket, kind, token in record["entities"]:
            if bucket not in ignored:
                said.setdefault(bucket, {})[f"{kind} {token}"] = None
        principles[record["principles"]] = None
        omissions.update(dict.fromkeys(record["omissions"]))
    # A bucket said in one way only is the same in any order.
    first = {bucket: list(tokens) for bucket, tokens in sorted(said.items()) if len(tokens) > 1}
    return hashlib.sha256(json.dumps([first, list(principles), list(omissions)], ensure_ascii=False).encode()).hexdigest()


def _registered(header: bytes) -> dict[str, set[str]]:
    """The keys of the register's persons and places (in its standOff), as the edition-wide pages
    tell a registered entry from one the documents alone name; none for a header made from the
    documents'."""
    root = xmlfile.parse_bytes(header, "the edition's header")
    if root.tag != f"{_TEI}TEI" or root.get(f"{{{TEIKIT_NS}}}derived") == "true":
        return {}
    found: dict[str, set[str]] = {"person": set(), "place": set()}
    for stand_off in root.iter(f"{_TEI}standOff"):
        for kind in found:
            found[kind].update(element.get(XML_ID) for element in stand_off.iter(f"{_TEI}{kind}") if element.get(XML_ID))
    return found


class Keys:
    """Page keys for one build: the edition's shared inputs hashed once, each document's added."""

    def __init__(self, header: bytes, base_url: str) -> None:
        digest = hashlib.sha256(_code_hash().encode())
        digest.update(header + b"\0" + base_url.encode() + b"\0")
        self._shared = digest.digest()
        self.shared = digest.hexdigest()

    def edition(self, table: bytes, summaries: list[str], schema: bytes | None, indexes: list[str]) -> str:
        """The key of the edition-wide pages: the summaries (their hashes) in the edition's order,
        the table of contents, the schema's documentation and the search indexes the search page
        merges; and of those pages before their parts are put in, with the frames' hashes for the
        summaries and the bare table of contents (teikit.web.pages.bare)."""
        digest = hashlib.sha256(self._shared + table + b"\0" + (schema or b"") + b"\0" + " ".join(indexes).encode())
        for summary in summaries:
            digest.update(b"\1" + summary.encode())
        return digest.hexdigest()

    def shells(self, table: bytes, frames: dict[str, str], digest: str, schema: bytes | None, indexes: list[str]) -> str:
        """The key of the edition-wide pages before their parts are put in: the table of contents
        ``table`` without the documents' titles and places in the order (teikit.web.pages.bare),
        the documents' frames (their hashes) by page, what the shells take from the order
        (:func:`order_digest`), the schema's documentation and the search indexes."""
        root = etree.fromstring(table)
        documents = root.findall(f"{_W}document")
        for element in documents:
            del element.attrib["position"]
            root.remove(element)
        root.extend(sorted(documents, key=lambda element: element.get("page")))
        return self.edition(etree.tostring(root, method="c14n") + b"\0" + digest.encode(), sorted(f"{page} {frame}" for page, frame in frames.items()),
                            schema, indexes)

    def keys(self, table: bytes, sources: dict[str, bytes], neighbours: bool = True) -> dict[str, str]:
        """``page → key`` for the pages in ``sources`` (the SHA-256 of each page's TEI file), read
        against the table of contents ``table``; without the ``neighbours``' entries, the key of
        what the search index reads of the page (the links to its neighbours are not indexed)."""
        site = etree.fromstring(table)
        edition = etree.tostring(site.find(f"{_W}edition"), method="c14n")
        documents = site.findall(f"{_W}document")
        for element in documents:
            # A page names itself and its neighbours but not where they stand in the edition (only
            # the edition-wide pages do): a document moved in the order leaves the pages between alone.
            del element.attrib["position"]
        keys: dict[str, str] = {}
        for index, element in enumerate(documents):
            page = element.get("page")
            if page not in sources:
                continue
            digest = hashlib.sha256(self._shared + edition)
            shown = (documents[index - 1] if index else None, element,
                     documents[index + 1] if index + 1 < len(documents) else None) if neighbours else (element,)
            for neighbour in shown:
                digest.update(b"\1" + (etree.tostring(neighbour, method="c14n") if neighbour is not None else b""))
            digest.update(b"\2" + sources[page])
            keys[page] = digest.hexdigest()
        return keys


def reuse_tree(previous: Path, staging: Path, folder: str) -> bool:
    """Put the previous version's ``folder`` (relative to the site) into ``staging``, its files
    linked; False when it is not there whole (then nothing is put)."""
    old = os.path.join(previous, folder)
    if not os.path.isdir(old) or os.path.islink(old):
        return False
    folders, files = [], []
    for parent, subfolders, names in os.walk(old):
        if any(os.path.islink(os.path.join(parent, name)) for name in subfolders):
            return False
        relative = os.path.relpath(parent, previous)
        folders.append(relative)
        for name in names:
            path = os.path.join(parent, name)
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return False
            files.append(os.path.join(relative, name))
    for relative in folders:
        os.makedirs(os.path.join(staging, relative), exist_ok=True)
    for relative in files:
        link_or_copy(os.path.join(previous, relative), os.path.join(staging, relative))
    return True
