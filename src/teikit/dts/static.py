"""The DTS API as static files (the spec's Level 0): every response a site can serve pre-generated
under path-style URI templates, the entry endpoint at ``index.json``.

A static site cannot answer what was not written: navigation by start/end (which Level 0 need not
support), a ``down`` deeper than the tree, and any error but 404. Document ranges (start/end), which
Level 0 does ask for, grow with the square of a tree's units, so only these are written (a bound
the README states too):
- every range between two siblings (units with the same parent, the top level included) at most
  ``RANGE_WINDOW`` - 1 apart: up to ``RANGE_WINDOW`` consecutive turns, sections or paragraphs;
- every range between two top-level units when a tree has at most ``RANGE_LIMIT`` of them.
Any other range (across levels, or wider) is answered by the live server (``teikit serve --dts``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from teikit import xmlfile
from teikit.dts.collections import collections_of
from teikit.dts.index import Index, Resource, Unit, path_safe
from teikit.dts.passages import Passages
from teikit.dts.responses import Api, PathUrls, dumps
from teikit.errors import InputError
from teikit.executors import Executor
from teikit.files import file_system_now, reuse
from teikit.resources import code_hash

RANGE_LIMIT = 20
RANGE_WINDOW = 10
# In the output, what the next export into it starts from (the name every export keeps its state under).
KEPT = ".teikit-kept"
INDEX = "dts-index.sqlite"
KEYS = "dts-keys.json"
FORMAT = 2


def export_dts(sources: Sequence[Path], output: Path, base_url: str | None = None, collections_by: str = "auto",
               collection_page: int | None = None, progress: Callable[[str], None] = lambda _: None,
               executor: Executor = Executor(), reuse: bool = True) -> Exported:
    """Write the API for ``sources`` into ``output`` (replaced whole, never left half-written). The
    documents are read for the index where ``executor`` says (here, local processes, a Dask cluster).

    The index and the key of each resource's files are kept in ``output``/.teikit-kept/. Unless
    ``reuse`` is false, the next export into ``output`` reads only the documents that changed for the
    index, and takes the files of a resource whose key is unchanged from the output it replaces (hard
    links, else copies) instead of making them again; the collections are made anew, and when they
    and every resource's key are what the output holds, the output is left as it is."""
    base = base_url or f"/{output.resolve().name}/"
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    since = file_system_now(work)
    try:
        site = work / "site"
        (site / KEPT).mkdir(parents=True)
        previous = output if reuse and output.is_dir() else None
        kept = _kept_keys(previous)
        if previous is not None and (previous / KEPT / INDEX).is_file():
            shutil.copyfile(previous / KEPT / INDEX, site / KEPT / INDEX)  # brought up to date below, the output's own untouched
        index = _Held(site / KEPT / INDEX, sources, executor)
        problems = index.build()
        sizes = {"collection_page": collection_page} if collection_page else {}
        api = Api(index, collections_of(index, collections_by), PathUrls(base), navigation_page=1 << 40, **sizes)
        resources = list(index.resources())
        keys = {resource.id: _key(resource, base) for resource in resources}
        # A document not older than this export may be written again within the same tick, keeping
        # its size and time (teikit.files.file_system_now): the next export does not trust its key.
        trusted = {resource.id: keys[resource.id] if resource.mtime_ns < since else "" for resource in resources}
        writer = _Writer(site, base, previous)
        collections = _write_collections(api, writer)
        if previous is not None and keys == kept.keys and _unchanged(previous, collections):
            # What a clean export would write is what the output holds: it stays as it is.
            return Exported(kept.files, problems, len(keys))
        reusable = {resource for resource, key in keys.items() if kept.keys.get(resource) == key}
        reused = _write_resources(api, writer, progress, reusable)
        (site / KEPT / KEYS).write_text(json.dumps({"format": FORMAT, "files": writer.count, "keys": trusted},
                                                   ensure_ascii=False, sort_keys=True), encoding="utf-8")
        if output.exists():
            old = output.with_name(f".{output.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            output.rename(old)
            site.rename(output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            site.rename(output)
        return Exported(writer.count, problems, reused)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@dataclass
class Exported:
    files: int  # files of the API written (taken ones included)
    problems: list[InputError]  # the documents that could not be read
    reused: int = 0  # resources whose files were taken from the output replaced


@functools.cache
def _code_hash() -> str:
    """What a resource's files are made with besides its document: the DTS code, the reading of
    the XML, and libxml2, which serialises the passages."""
    here = Path(__file__).parent
    return code_hash([*here.glob("*.py"), here.parent / "xmlfile.py", here.parent / "tei.py"],
                     etree.__version__, ".".join(map(str, etree.LIBXML_VERSION)))


def _key(resource: Resource, base: str) -> str:
    """The key of a resource's files: the document as the index last read it (a file whose size and
    modification time are unchanged is not read again, nor are its files made again), the
    resource's identifier, the base URL and the code."""
    data = json.dumps([_code_hash(), base, resource.id, str(resource.path), resource.mtime_ns, resource.size])
    return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class _Kept:
    keys: dict[str, str]  # resource → the key of its files ("" when not to be trusted)
    files: int = 0  # how many files the output holds


def _kept_keys(previous: Path | None) -> _Kept:
    """The keys of the resources whose files ``previous`` holds; none when it holds no keys one can trust."""
    if previous is None:
        return _Kept({})
    try:
        data = json.loads((previous / KEPT / KEYS).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return _Kept({})
        return _Kept({str(resource): str(key) for resource, key in data["keys"].items()}, int(data["files"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return _Kept({})


def _unchanged(previous: Path, written: list[tuple[str, bytes]]) -> bool:
    """Whether ``previous`` holds each of these files with these bytes."""
    for relative, data in written:
        try:
            with open(previous / relative, "rb") as handle:
                if handle.read(len(data) + 1) != data:
                    return False
        except OSError:
            return False
    return True


class _Held(Index):
    """The index, with the units of the tree being exported held in memory: the export asks for each
    of them many times (a navigation answer for every unit and depth), the server for a few."""

    def hold(self, resource: str, tree: str, units: list[Unit]) -> None:
        self._held = (resource, tree)
        self._by_identifier = {unit.identifier: unit for unit in units}
        self._units = units
        self._children: dict[str | None, list[str]] = {}
        for unit in units:
            self._children.setdefault(unit.parent, []).append(unit.json)

    def unit(self, resource: str, tree: str, identifier: str) -> Unit | None:
        if (resource, tree) != getattr(self, "_held", None):
            return super().unit(resource, tree, identifier)
        return self._by_identifier.get(identifier)

    def members(self, resource: str, tree: str, first: int, last: int, deepest: int | None, parent=...,
                offset: int = 0, limit: int = -1) -> tuple[int, list[str]]:
        if (resource, tree) != getattr(self, "_held", None):
            return super().members(resource, tree, first, last, deepest, parent, offset, limit)
        if parent is not ...:
            found = self._children.get(parent, [])
        else:
            deepest = 1 << 30 if deepest is None else deepest
            found = [unit.json for unit in self._units[first:last + 1] if unit.level <= deepest]
        return len(found), found[offset:] if limit < 0 else found[offset:offset + limit]


class _Writer:
    """Writes the files of the API under ``root``, or takes them from the output replaced."""

    def __init__(self, root: Path, base: str, previous: Path | None) -> None:
        self.root = str(root)
        self.previous = str(previous) if previous is not None else None
        self.prefix = urlsplit(base).path
        self.made: set[str] = set()
        self.count = 0

    def relative(self, url: str) -> str | None:
        path = unquote(urlsplit(url).path)
        relative = path[len(self.prefix):] if path.startswith(self.prefix) else path.lstrip("/")
        if any(not path_safe(part) for part in relative.split("/")):
            return None  # an identifier no file name can hold (a "/" in it): not reachable statically
        return relative

    def _target(self, relative: str) -> str:
        target = f"{self.root}/{relative}"
        folder = os.path.dirname(target)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        self.count += 1
        return target

    def write(self, url: str, data: bytes) -> None:
        relative = self.relative(url)
        if relative is not None:
            self._put(self._target(relative), data)

    def take(self, url: str, make: Callable[[], bytes]) -> None:
        """The previous output's file for ``url`` (a version is not written again once in place:
        sharing its file is safe); made by ``make`` when it has none."""
        relative = self.relative(url)
        if relative is None:
            return
        target = self._target(relative)
        if not reuse(self.previous, self.root, relative):
            self._put(target, make())

    @staticmethod
    def _put(target: str, data: bytes) -> None:
        # No fsync, no file of its own to rename: the whole folder is put in place when it is complete.
        # os.open and os.write: a file object's layers cost as much as the system calls here.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


class _Document:
    """One resource's document, read and parsed when a file first needs it."""

    def __init__(self, api: Api, resource: Resource) -> None:
        self.api, self.resource = api, resource
        self._source: bytes | None = None
        self._passages: Passages | None = None
        self._elements: dict[tuple[str, int], etree._Element] = {}

    def source(self) -> bytes:
        if self._source is None:
            self.api.check_unchanged(self.resource)
            self._source = xmlfile.read_bytes(self.resource.path)
        return self._source

    def passage(self, tree: str, first: Unit, last: Unit) -> bytes:
        if self._passages is None:
            root = xmlfile.parse_bytes(self.source(), self.resource.path)
            self._passages = Passages(root, self.source())
            self._document = root.getroottree()
        return self._passages.between(self._element(tree, first), self._element(tree, last))

    def _element(self, tree: str, unit: Unit) -> etree._Element:
        found = self._elements.get((tree, unit.seq))
        if found is None:
            found = self._elements[(tree, unit.seq)] = self._document.xpath(unit.xpath)[0]
        return found


def _files(api: Api, resource: Resource) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """Every file of one resource: its URL, and what makes its bytes (called only when the file is
    not taken from the previous output, and before the next is asked for)."""
    index, urls = api.index, api.urls
    document = _Document(api, resource)
    yield urls.document(resource.id), document.source
    for tree in resource.trees:
        name = tree["identifier"]
        key = name or ""
        units = index.units(resource.id, key)
        index.hold(resource.id, key, units)
        depth = max((u.level for u in units), default=0)
        for down in [*range(1, depth + 1), -1]:
            yield (urls.navigation(resource.id, tree=name, down=down),
                   functools.partial(_navigation, api, resource.id, None, down, name))
        for unit in units:
            for down in [None, 0, *range(1, depth - unit.level + 1), -1]:
                yield (urls.navigation(resource.id, ref=unit.identifier, down=down, tree=name),
                       functools.partial(_navigation, api, resource.id, unit.identifier, down, name))
            yield (urls.document(resource.id, ref=unit.identifier, tree=name),
                   functools.partial(document.passage, key, unit, unit))
        for first, last in written_ranges(units):
            yield (urls.document(resource.id, start=first.identifier, end=last.identifier, tree=name),
                   functools.partial(document.passage, key, first, last))


def _navigation(api: Api, resource: str, ref: str | None, down: int | None, tree: str | None) -> bytes:
    return dumps(api.navigation(resource, ref=ref, down=down, tree=tree))


def _write_collections(api: Api, writer: _Writer) -> list[tuple[str, bytes]]:
    """Write the entry and every collection answer (each resource's too); what was written, by path."""
    written = []

    def write(url: str, data: bytes) -> None:
        writer.write(url, data)
        relative = writer.relative(url)
        if relative is not None:
            written.append((relative, data))

    urls = api.urls
    write(urls.entry, dumps(api.entry()))
    identifiers = [None, *[c for c in api.collections.by_id if c != "root"], *[r.id for r in api.index.resources()]]
    for identifier in identifiers:
        for nav in (None, "parents"):
            page, pages = 1, 1
            while page <= pages:
                answer = api.collection(identifier, page if page > 1 else None, nav)
                last = answer.get("view", {}).get("last")
                if last:
                    pages = int(last.rsplit("page=", 1)[1].split(".")[0])
                write(urls.collection(identifier, nav, page if page > 1 else None), dumps(answer))
                page += 1
    return written


def _write_resources(api: Api, writer: _Writer, progress, reusable: set[str]) -> int:
    """Write every resource's navigation and document answers, taking those of the resources in
    ``reusable`` from the previous output; how many were taken."""
    reused = 0
    for resource in api.index.resources():
        progress(str(resource.path))
        if writer.previous is not None and resource.id in reusable:
            reused += 1
            for url, make in _files(api, resource):
                writer.take(url, make)
        else:
            for url, make in _files(api, resource):
                writer.write(url, make())
    return reused


def written_ranges(units: list[Unit]) -> list[tuple[Unit, Unit]]:
    """The (start, end) ranges the static export writes for a tree's units (see the module's doc)."""
    siblings: dict[str | None, list[Unit]] = {}
    for unit in units:
        siblings.setdefault(unit.parent, []).append(unit)
    top = siblings.get(None, [])
    pairs = {(a.seq, b.seq): (a, b) for i, a in enumerate(top) for b in top[i + 1:]} if len(top) <= RANGE_LIMIT else {}
    for group in siblings.values():
        for i, first in enumerate(group):
            for last in group[i + 1:i + RANGE_WINDOW]:
                pairs[(first.seq, last.seq)] = (first, last)
    return [pairs[key] for key in sorted(pairs)]
