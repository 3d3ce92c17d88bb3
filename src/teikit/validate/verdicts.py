"""Verdicts kept between runs: a file whose bytes, schemas and the files its checks read (a register)
are unchanged since it was last checked gets the same findings without being checked again.

An entry is keyed by the content hash of the file, its absolute path (messages may name files beside
it), and a key for the schemas (their bytes and those of every file they include), teikit's
validator code and the engines' versions. It records the files the checks read, with their hashes,
and counts only while they are unchanged too. One SQLite database under the cache folder, so that
parallel runs share it safely.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

from lxml import etree

from teikit import __version__, xmlfile
from teikit.validate.cache import cache_folder
from teikit.validate.findings import Finding

_LINKS = {
    "schemaLocation": None,  # xs:include, xs:import, xs:redefine, xs:override
    "href": frozenset({"include", "import", "externalRef", "extends"}),  # RELAX NG, Schematron, XSLT
}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None  # absent: it counts as a state too


def schema_files(path: Path) -> list[Path]:
    """The schema and every local file it includes, imports or extends, recursively."""
    found: list[Path] = []
    pending = [path.resolve()]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.append(current)
        try:
            root = etree.parse(str(current), xmlfile.hardened_parser()).getroot()
        except (OSError, etree.XMLSyntaxError):
            continue
        for element in root.iter(etree.Element):
            local = etree.QName(element).localname
            for attribute, kinds in _LINKS.items():
                target = element.get(attribute)
                if target is None or (kinds is not None and local not in kinds):
                    continue
                address = urlparse(urljoin(current.as_uri(), target))
                if address.scheme == "file":
                    pending.append(Path(url2pathname(address.path)))
    return found


def plan_key(schemas: list[Path], settings: str) -> str:
    """What every verdict of a run depends on besides the file itself."""
    parts = [__version__, settings, etree.LIBXML_VERSION.__repr__()]
    for package in ("lxml", "xmlschema", "elementpath", "saxonche"):
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(package)
    code = Path(__file__).parent
    parts += [_digest(source.read_bytes()) for source in sorted(code.glob("*.py"))]
    for schema in schemas:
        parts += [f"{f} {file_digest(f)}" for f in schema_files(schema)]
    return _digest("\n".join(parts).encode())


class Verdicts:
    """The verdict cache of one run (one plan)."""

    def __init__(self, key: str, folder: Path | None = None, read: bool = True) -> None:
        """``read``: False to check every file again (--no-cache), keeping the fresh verdicts for next time."""
        self.key = key
        self.read = read
        self._digests: dict[str, str | None] = {}
        folder = folder or cache_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / "verdicts.sqlite3", timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # A verdict lost to a power cut is only checked again: no fsync at every batch.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS verdicts (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error):
            self._db = None  # no cache folder to write to: every file is checked, as with --no-cache
        self._pending: list[tuple[str, str]] = []

    def _entry(self, path: Path, digest: str) -> str:
        return _digest("\n".join([self.key, str(path.resolve()), digest]).encode())

    def _current(self, name: str) -> str | None:
        if name not in self._digests:
            self._digests[name] = file_digest(Path(name))
        return self._digests[name]

    def lookup(self, path: Path) -> tuple[list[Finding], str] | None:
        """The findings kept for ``path`` as it is now, and its digest; None when it must be checked."""
        if self._db is None or not self.read:
            return None
        try:
            digest = _digest(xmlfile.read_bytes(path))
        except xmlfile.Unreadable:
            return None
        try:
            row = self._db.execute("SELECT value FROM verdicts WHERE key = ?", (self._entry(path, digest),)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        kept = json.loads(row[0])
        if any(self._current(name) != value for name, value in kept["dependencies"].items()):
            return None
        return [Finding(str(path), *finding) for finding in kept["findings"]], digest

    def store(self, path: Path, digest: str, findings: list[Finding], dependencies: dict[str, str | None]) -> None:
        value = json.dumps({
            "findings": [[f.line, f.column, f.severity, f.message, f.rule] for f in findings],
            "dependencies": dependencies,
        }, ensure_ascii=False)
        self._pending.append((self._entry(path, digest), value))
        if len(self._pending) >= 200:
            self.flush()

    def flush(self) -> None:
        if self._db is None or not self._pending:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO verdicts (key, value) VALUES (?, ?)", self._pending)
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs time
        self._pending.clear()
