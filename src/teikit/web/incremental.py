"""Rebuilding only what changed since the site shown now: document pages, TEI copies, search
indexes and the edition-wide pages.

A document's page is a function of the TEI file's bytes, of the web stylesheets (and the Python
that drives them), of the edition's header, of the base URL and of what the page reads from the
table of contents: its own entry (title, date, source, position, downloads), its neighbours'
entries (the "previous" and "next" links) and the edition's downloads. The hash of all that is the
page's key. Each build writes the keys and the documents' summaries into the site's manifest; the
next build takes a page whose key is unchanged from the version shown (a hard link, else a copy)
instead of running the stylesheet.

The same holds for what surrounds the pages. A TEI file whose bytes are unchanged is not parsed
again: its copy, its title and date, what the build had to say of it and the schemas it names come
from the previous version and its manifest. A search index (teikit.web.search) is a function of
its pages' keys, and the edition-wide pages (home, people, places, omissions, principles, search)
of all the summaries, the table of contents, the header and the schema: each unchanged one is taken
from the previous version too. The output is the same, byte for byte, as a clean build's.

The manifest lives inside the version it describes, so it is published (and swapped in) with it
atomically: a killed build leaves the shown version and its manifest as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.resources import XSLT_FOLDER, code_hash
from teikit.web.pages import SUMMARY_NS

MANIFEST = ".teikit-web-manifest.json"
FORMAT = 2
_W = f"{{{SUMMARY_NS}}}"


def _code_hash() -> str:
    """The stylesheets (all of xslt/, whose modules import each other) and teikit's web code."""
    return code_hash([*XSLT_FOLDER.rglob("*.xsl"), *Path(__file__).parent.glob("*.py")])


@dataclass
class Manifest:
    """What a version was built from: its document pages' keys and summaries, its TEI copies,
    its search indexes' keys and the key of its edition-wide pages."""

    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # page → {"key": …, "summary": …}
    # copy name (a page's, or "register") → {"sha256": of the source, "entry": {title, date, label},
    # "warning": [message, line] or None, "schemas": the xml-model hrefs it names}
    sources: dict[str, dict] = field(default_factory=dict)
    indexes: dict[str, str] = field(default_factory=dict)  # folder → key
    edition: str = ""  # the edition-wide pages' key
    header_inputs: str = ""  # without a register: the hash of what the header was gathered from
    header: str = ""  # and the header

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
            pages = {page: {"key": str(v["key"]), "summary": str(v["summary"])} for page, v in data["pages"].items()}
            sources = {name: {"sha256": str(v["sha256"]), "stem": str(v["stem"]), "entry": {k: str(v["entry"][k]) for k in ("title", "date", "label")},
                              "warning": [str(v["warning"][0]), int(v["warning"][1])] if v["warning"] else None,
                              "schemas": [str(href) for href in v["schemas"]]}
                       for name, v in data["sources"].items()}
            return cls(pages, sources, {str(k): str(v) for k, v in data["indexes"].items()}, str(data["edition"]),
                       str(data["header_inputs"]), str(data["header"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return cls()

    def write(self, site: Path) -> None:
        text = json.dumps({"format": FORMAT, "header_inputs": self.header_inputs, "header": self.header,
                           "edition": self.edition, "indexes": dict(sorted(self.indexes.items())),
                           "sources": dict(sorted(self.sources.items())), "pages": dict(sorted(self.pages.items()))},
                          ensure_ascii=False, indent=0)
        (site / MANIFEST).write_text(text + "\n", encoding="utf-8")


class Keys:
    """Page keys for one build: the edition's shared inputs hashed once, each document's added."""

    def __init__(self, header: bytes, base_url: str) -> None:
        digest = hashlib.sha256(_code_hash().encode())
        digest.update(header + b"\0" + base_url.encode() + b"\0")
        self._shared = digest.digest()
        self.shared = digest.hexdigest()

    def edition(self, table: bytes, summaries: list[str], schema: bytes | None, indexes: list[str]) -> str:
        """The key of the edition-wide pages: the summaries in the edition's order, the table of
        contents, the schema's documentation and the search indexes the search page merges."""
        digest = hashlib.sha256(self._shared + table + b"\0" + (schema or b"") + b"\0" + " ".join(indexes).encode())
        for summary in summaries:
            digest.update(b"\1" + summary.encode())
        return digest.hexdigest()

    def keys(self, table: bytes, sources: dict[str, bytes]) -> dict[str, str]:
        """``page → key`` for the pages in ``sources`` (the SHA-256 of each page's TEI file), read
        against the table of contents ``table``."""
        site = etree.fromstring(table)
        edition = etree.tostring(site.find(f"{_W}edition"), method="c14n")
        documents = site.findall(f"{_W}document")
        keys: dict[str, str] = {}
        for index, element in enumerate(documents):
            page = element.get("page")
            if page not in sources:
                continue
            digest = hashlib.sha256(self._shared + edition)
            for neighbour in (documents[index - 1] if index else None, element,
                              documents[index + 1] if index + 1 < len(documents) else None):
                digest.update(b"\1" + (etree.tostring(neighbour, method="c14n") if neighbour is not None else b""))
            digest.update(b"\2" + sources[page])
            keys[page] = digest.hexdigest()
        return keys


def reuse(previous: Path, staging: Path, name: str) -> bool:
    """Put the previous version's file ``name`` (relative to the site) into ``staging``; False
    when it is not there."""
    old = previous / name
    new = staging / name
    if not old.is_file() or old.is_symlink():
        return False
    try:
        os.link(old, new)  # a version is never written again once published: sharing its file is safe
    except OSError:
        shutil.copyfile(old, new)
    return True


def reuse_tree(previous: Path, staging: Path, folder: str) -> bool:
    """Put the previous version's ``folder`` (relative to the site) into ``staging``, its files
    linked; False when it is not there whole (then nothing is put)."""
    old = previous / folder
    if not old.is_dir() or old.is_symlink():
        return False
    files = [path for path in old.rglob("*") if not path.is_dir()]
    if any(path.is_symlink() for path in files):
        return False
    for path in files:
        target = staging / path.relative_to(previous)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
    return True
