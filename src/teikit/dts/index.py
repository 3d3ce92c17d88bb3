"""The corpus as DTS sees it, kept in an embedded SQLite database: each resource's metadata and
citation trees, and where each citable unit lies in its document. Built once and brought up to date
for the documents that changed, so that answering a navigation request never parses a document.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from teikit.edition import document_titles, edition_header, edition_title, find_documents, register_of
from teikit.errors import InputError
from teikit.executors import Executor, map_items
from teikit.files import file_system_now

# Bumped when what the index holds changes: an older index is then rebuilt whole.
VERSION = "4"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resources (
    id TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    title TEXT NOT NULL, description TEXT NOT NULL, genre TEXT NOT NULL, folder TEXT NOT NULL,
    dublin_core TEXT NOT NULL, trees TEXT NOT NULL, titles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    resource TEXT NOT NULL, tree TEXT NOT NULL, seq INTEGER NOT NULL, identifier TEXT NOT NULL,
    level INTEGER NOT NULL, parent TEXT, cite_type TEXT NOT NULL, title TEXT NOT NULL,
    xpath TEXT NOT NULL, last INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (resource, tree, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS units_by_identifier ON units (resource, tree, identifier);
CREATE INDEX IF NOT EXISTS units_by_parent ON units (resource, tree, parent);
"""


@dataclass(frozen=True)
class Unit:
    seq: int
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    title: str
    xpath: str
    last: int
    json: str  # as the navigation endpoint shows it (unit_object), serialised


def unit_object(identifier: str, level: int, parent: str | None, cite_type: str, title: str) -> dict:
    """A citable unit as the navigation endpoint shows it (the spec's CitableUnit)."""
    found = {"identifier": identifier, "@type": "CitableUnit", "level": level, "parent": parent, "citeType": cite_type}
    if title:
        found["dublinCore"] = {"title": [{"lang": "und", "value": title}]}
    return found


@dataclass(frozen=True)
class Resource:
    id: str
    path: Path
    mtime_ns: int
    size: int
    title: str
    description: str
    genre: str
    folder: str
    dublin_core: dict
    trees: list[dict]  # [{"identifier": str | None, "citeStructure": [...]}], the default first


def resource_ids(paths: Sequence[Path], root: Path) -> dict[Path, str]:
    """A short identifier for each document, usable in a URL path: its file name without .xml, or
    its path in the corpus (folders joined by ".") when two documents share a name."""
    stems = [path.stem for path in paths]
    counts = Counter(stems)
    ids = {}
    for path, stem in zip(paths, stems):
        if counts[stem] == 1:
            ids[path] = stem
        else:
            relative = path.relative_to(root).with_suffix("") if path.is_relative_to(root) else Path(stem)
            ids[path] = ".".join(relative.parts)
    return ids


def _resolved(sources: Sequence[Path], documents: Sequence[Path]) -> dict[str, Path]:
    """Each document by its absolute path, symlinks in its source resolved. A document found in a
    folder is that folder's resolved path joined with the rest: resolving each one (an lstat per
    folder on the way) was most of the server's start on a large corpus when nothing had changed."""
    # Path(".").rglob() gives "a.xml", not "./a.xml": the current folder is the empty prefix of relative paths.
    folders = sorted((("" if str(s) == "." else str(s).rstrip(os.sep) + os.sep, os.path.realpath(s) + os.sep)
                      for s in sources if s.is_dir()), key=lambda pair: -len(pair[0]))
    found = {}
    for document in documents:
        text = str(document)
        prefix = next((pair for pair in folders if text.startswith(pair[0]) and (pair[0] or not os.path.isabs(text))), None)
        found[prefix[1] + text[len(prefix[0]):] if prefix else os.path.realpath(text)] = document
    return found


class Index:
    """An index file for the TEI documents under ``root`` (a folder, or the files given)."""

    def __init__(self, database: Path, sources: Sequence[Path], executor: Executor = Executor()) -> None:
        self.database = database
        self.sources = [Path(s) for s in sources]
        self.executor = executor  # where the changed documents are read (teikit.executors)
        self._local = threading.local()
        # Resources as read from the database, kept: the server asks for the same ones again and again.
        self._resources: dict[str, Resource | None] = {}

    # ---- building --------------------------------------------------------------------------

    def build(self) -> list[InputError]:
        """Bring the index up to date; the documents that could not be read, one error each."""
        self._resources.clear()
        wanted = _resolved(self.sources, find_documents(self.sources))
        documents = list(wanted.values())
        base = self._base(list(wanted))
        key = json.dumps([VERSION, [os.path.realpath(s) for s in self.sources]])
        self.database.parent.mkdir(parents=True, exist_ok=True)
        since = file_system_now(self.database.parent)
        connection = sqlite3.connect(self.database)
        problems: list[InputError] = []
        try:
            with connection:
                tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                old = connection.execute("SELECT value FROM meta WHERE key = 'corpus'").fetchone() if "meta" in tables else None
                if old is None or old[0] != key:
                    # Another corpus or an older layout: start afresh (DROP, since a layout may add columns).
                    for table in tables & {"meta", "resources", "units"}:
                        connection.execute(f"DROP TABLE {table}")
            connection.executescript(_SCHEMA)
            with connection:
                connection.execute("INSERT OR IGNORE INTO meta VALUES ('corpus', ?)", (key,))
                # A file not older than the update that read it may have been written again since,
                # keeping its time and size (teikit.files.file_system_now): it is read again.
                before = connection.execute("SELECT value FROM meta WHERE key = 'since'").fetchone()
                trusted_before = int(before[0]) if before else 0
                ids = resource_ids(documents, base)
                known = {row[1]: row for row in connection.execute("SELECT id, path, mtime_ns, size FROM resources")}
                changed = False
                for gone in set(known) - set(wanted):
                    self._forget(connection, known[gone][0])
                    changed = True
                to_read = []
                for resolved, path in wanted.items():
                    try:
                        status = os.stat(path)
                    except OSError as exc:
                        problems.append(InputError(path, f"cannot be read ({exc.strerror})"))
                        continue
                    row = known.get(resolved)
                    if row and row[0] == ids[path] and row[2] == status.st_mtime_ns and row[3] == status.st_size \
                            and status.st_mtime_ns < trusted_before:
                        continue
                    if row:
                        self._forget(connection, row[0])
                    changed = True
                    to_read.append((path, resolved, ids[path], str(base), status.st_mtime_ns, status.st_size))
                for path, rows in zip([item[0] for item in to_read], map_items(describe, to_read, self.executor)):
                    if isinstance(rows, InputError):
                        problems.append(rows.at(path))
                        continue
                    connection.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["units"])
                    connection.execute("INSERT INTO resources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["resource"])
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('since', ?)", (str(since),))
                if changed or connection.execute("SELECT value FROM meta WHERE key = 'title'").fetchone() is None:
                    readable = [p for p in documents if not any(Path(str(e.path)) == p for e in problems)]
                    register = register_of(readable)
                    try:
                        if register is not None:
                            title = edition_header(readable, register).title
                        elif readable:
                            # From what the index keeps of each document: one changed is not all read again.
                            titles = [tuple(json.loads(row[0])) for row in connection.execute("SELECT titles FROM resources")]
                            title = edition_title(titles, readable)
                        else:
                            title = "An empty corpus"
                    except InputError:
                        title = f"{len(readable)} TEI documents"
                    connection.execute("INSERT OR REPLACE INTO meta VALUES ('title', ?)", (title,))
        finally:
            connection.close()
        return problems

    @staticmethod
    def _base(resolved: Sequence[str]) -> Path:
        if not resolved:
            return Path.cwd()
        return Path(os.path.commonpath([os.path.dirname(p) for p in resolved]))

    @staticmethod
    def _forget(connection: sqlite3.Connection, resource: str) -> None:
        connection.execute("DELETE FROM resources WHERE id = ?", (resource,))
        connection.execute("DELETE FROM units WHERE resource = ?", (resource,))

    # ---- reading ---------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(f"{self.database.resolve().as_uri()}?mode=ro", uri=True,
                                         check_same_thread=False)
            # Read through a memory map, not read() calls into SQLite's 2 MB page cache: a large
            # corpus's index is far bigger than that, and most of a navigation answer's time went there.
            connection.execute(f"PRAGMA mmap_size = {1 << 31}")
            self._local.connection = connection
        return connection

    def title(self) -> str:
        row = self._db().execute("SELECT value FROM meta WHERE key = 'title'").fetchone()
        return row[0] if row else ""

    def resources(self) -> Iterator[Resource]:
        for row in self._db().execute("SELECT * FROM resources ORDER BY path"):
            yield self._resource(row)

    def groupings(self) -> list[tuple[str, str, str, str]]:
        """(id, path, genre, folder) of every resource, in path order: what collections are made of."""
        return self._db().execute("SELECT id, path, genre, folder FROM resources ORDER BY path").fetchall()

    def resource(self, identifier: str) -> Resource | None:
        if identifier not in self._resources:
            row = self._db().execute("SELECT * FROM resources WHERE id = ?", (identifier,)).fetchone()
            self._resources[identifier] = self._resource(row) if row else None
        return self._resources[identifier]

    @staticmethod
    def _resource(row) -> Resource:
        return Resource(row[0], Path(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], json.loads(row[8]), json.loads(row[9]))

    _UNIT = "SELECT seq, identifier, level, parent, cite_type, title, xpath, last, json FROM units"

    def unit(self, resource: str, tree: str, identifier: str) -> Unit | None:
        # INDEXED BY: without statistics SQLite prefers the primary key's (resource, tree) prefix and
        # reads every unit of the document, 15 times slower on a document of 400 units.
        row = self._db().execute(f"{self._UNIT} INDEXED BY units_by_identifier WHERE resource = ? AND tree = ? AND identifier = ?",
                                 (resource, tree, identifier)).fetchone()
        return Unit(*row) if row else None

    def units(self, resource: str, tree: str) -> list[Unit]:
        """Every unit of a tree, in document order."""
        rows = self._db().execute(f"{self._UNIT} WHERE resource = ? AND tree = ? ORDER BY seq", (resource, tree)).fetchall()
        return [Unit(*row) for row in rows]

    def members(self, resource: str, tree: str, first: int, last: int, deepest: int | None, parent=...,
                offset: int = 0, limit: int = -1) -> tuple[int, list[str]]:
        """How many units lie from ``first`` to ``last`` (positions in the tree) no deeper than
        ``deepest`` (given ``parent``: how many have that parent), and the JSON of ``limit`` of them
        from ``offset`` on: the navigation endpoint's members, serialised when the index was built."""
        where = "resource = ? AND tree = ? AND seq BETWEEN ? AND ? AND level <= ?"
        values: tuple = (resource, tree, first, last, deepest if deepest is not None else 1 << 30)
        table = "units"
        if parent is not ...:
            # Siblings, wherever they lie: by their parent, in seq order still (the index ends with
            # the primary key); left to itself SQLite walks the whole document's units instead.
            table = "units INDEXED BY units_by_parent"
            where = "resource = ? AND tree = ? AND parent " + ("IS NULL" if parent is None else "= ?")
            values = (resource, tree) if parent is None else (resource, tree, parent)
        db = self._db()
        rows = [row[0] for row in db.execute(f"SELECT json FROM {table} WHERE {where} ORDER BY seq LIMIT ? OFFSET ?",
                                             (*values, limit, offset))]
        if offset == 0 and (limit < 0 or len(rows) < limit):
            return len(rows), rows  # all of them: no need to count (most answers are one page)
        return db.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", values).fetchone()[0], rows


def describe(item: tuple[Path, str, str, str, int, int]) -> dict[str, list] | InputError:
    """The rows of the index for one document (what workers, here or on a cluster, compute), or the
    problem that kept it out."""
    # Imported here: a server whose index is up to date starts without them.
    from teikit.dts import citations, metadata
    from teikit.tei import parse

    path, resolved, resource, base, mtime_ns, size = item
    try:
        root = parse(Path(resolved)).getroot()
        document = root.getroottree()
        units, described = [], []
        for tree in citations.trees_of(root):
            described.append({"identifier": tree.identifier, "citeStructure": tree.structure})
            units += [(resource, tree.identifier or "", seq, u.identifier, u.level, u.parent, u.cite_type, u.title,
                       document.getpath(u.element), u.last,
                       json.dumps(unit_object(u.identifier, u.level, u.parent, u.cite_type, u.title), ensure_ascii=False))
                      for seq, u in enumerate(tree.units)]
    except InputError as problem:
        return problem
    folder = Path(resolved).parent
    relative = folder.relative_to(base).as_posix() if folder.is_relative_to(base) else ""
    return {"units": units, "resource": [
        resource, resolved, mtime_ns, size, metadata.title_of(root) or path.stem, metadata.description_of(root),
        metadata.genre_of(root), "" if relative == "." else relative,
        json.dumps(metadata.dublin_core(root), ensure_ascii=False), json.dumps(described, ensure_ascii=False),
        json.dumps(document_titles(root), ensure_ascii=False)]}


def default_database(site: Path) -> Path:
    """Where the index of a site lives: beside it (``build/dts-index.sqlite`` for ``build/web``)."""
    return site.resolve().parent / "dts-index.sqlite"


_SAFE = re.compile(r"^[^/\\\x00-\x1f]+$")


def path_safe(value: str) -> bool:
    """Whether ``value`` can be one segment of a file path (the static export's file names)."""
    return bool(_SAFE.match(value)) and value not in {".", ".."}
