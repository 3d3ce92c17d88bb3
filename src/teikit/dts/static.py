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

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from teikit import xmlfile
from teikit.dts.collections import collections_of
from teikit.dts.index import Index, Unit, path_safe
from teikit.dts.passages import Passages
from teikit.dts.responses import Api, PathUrls, dumps
from teikit.errors import InputError
from teikit.executors import Executor

RANGE_LIMIT = 20
RANGE_WINDOW = 10


def export_dts(sources: Sequence[Path], output: Path, base_url: str | None = None, collections_by: str = "auto",
               collection_page: int | None = None, progress: Callable[[str], None] = lambda _: None,
               executor: Executor = Executor()) -> tuple[int, list[InputError]]:
    """Write the API for ``sources`` into ``output`` (replaced whole, never left half-written); the
    number of files written and the documents that could not be read. The documents are read for
    the index where ``executor`` says (here, local processes, a Dask cluster)."""
    base = base_url or f"/{output.resolve().name}/"
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        index = _Held(work / "index.sqlite", sources, executor)
        problems = index.build()
        sizes = {"collection_page": collection_page} if collection_page else {}
        api = Api(index, collections_of(index, collections_by), PathUrls(base), navigation_page=1 << 40, **sizes)
        files = _write_all(api, work / "site", base, progress)
        if output.exists():
            old = output.with_name(f".{output.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            output.rename(old)
            (work / "site").rename(output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            (work / "site").rename(output)
        return files, problems
    finally:
        shutil.rmtree(work, ignore_errors=True)


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


def _writer(root: Path, base: str):
    prefix = urlsplit(base).path
    made: set[str] = set()
    count = [0]

    def write(url: str, data: bytes) -> None:
        path = unquote(urlsplit(url).path)
        relative = path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")
        if any(not path_safe(part) for part in relative.split("/")):
            return  # an identifier no file name can hold (a "/" in it): not reachable statically
        target = f"{root}/{relative}"
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        # No fsync, no file of its own to rename: the whole folder is put in place when it is complete.
        # os.open and os.write: a file object's layers cost as much as the system calls here.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        count[0] += 1

    return write, count


def _write_all(api: Api, root: Path, base: str, progress) -> int:
    write, count = _writer(root, base)
    urls = api.urls
    index = api.index
    write(urls.entry, dumps(api.entry()))
    identifiers = [None, *[c for c in api.collections.by_id if c != "root"], *[r.id for r in index.resources()]]
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
    for resource in index.resources():
        progress(str(resource.path))
        api.check_unchanged(resource)
        source = xmlfile.read_bytes(resource.path)
        write(urls.document(resource.id), source)
        document = xmlfile.parse_bytes(source, resource.path).getroottree() if resource.trees else None
        passages = Passages(document.getroot(), source) if document is not None else None
        for tree in resource.trees:
            name = tree["identifier"]
            key = name or ""
            units = index.units(resource.id, key)
            index.hold(resource.id, key, units)
            depth = max((u.level for u in units), default=0)
            for down in [*range(1, depth + 1), -1]:
                write(urls.navigation(resource.id, tree=name, down=down), dumps(api.navigation(resource.id, down=down, tree=name)))
            elements = [document.xpath(unit.xpath)[0] for unit in units]
            for unit, element in zip(units, elements):
                for down in [None, 0, *range(1, depth - unit.level + 1), -1]:
                    answer = api.navigation(resource.id, ref=unit.identifier, down=down, tree=name)
                    write(urls.navigation(resource.id, ref=unit.identifier, down=down, tree=name), dumps(answer))
                write(urls.document(resource.id, ref=unit.identifier, tree=name), passages.between(element, element))
            for first, last in written_ranges(units):
                write(urls.document(resource.id, start=first.identifier, end=last.identifier, tree=name),
                      passages.between(elements[first.seq], elements[last.seq]))
    return count[0]


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
