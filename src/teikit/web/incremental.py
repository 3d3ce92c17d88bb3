"""Rebuilding only the document pages whose inputs changed since the site shown now.

A document's page is a function of the TEI file's bytes, of the web stylesheets (and the Python
that drives them), of the edition's header, of the base URL and of what the page reads from the
table of contents: its own entry (title, date, source, position, downloads), its neighbours'
entries (the "previous" and "next" links) and the edition's downloads. The hash of all that is the
page's key. Each build writes the keys and the documents' summaries into the site's manifest; the
next build takes a page whose key is unchanged from the version shown (a hard link, else a copy)
instead of running the stylesheet, and makes the edition-wide pages (home, people, places,
omissions, principles, search and its index) from all the summaries as a clean build does. The
output is the same, byte for byte, as a clean build's.

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

from teikit import __version__
from teikit.resources import XSLT_FOLDER
from teikit.web.pages import SUMMARY_NS

MANIFEST = ".teikit-web-manifest.json"
FORMAT = 1
_W = f"{{{SUMMARY_NS}}}"


def _code_hash() -> str:
    """The stylesheets (all of xslt/, whose modules import each other) and teikit's web code."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for path in sorted([*XSLT_FOLDER.rglob("*.xsl"), *here.glob("*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass
class Manifest:
    """The keys and summaries of a site's document pages, by page name."""

    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # page → {"key": …, "summary": …}

    @classmethod
    def of(cls, site: Path | None) -> Manifest:
        """The manifest of the version at ``site``; empty when there is none or it cannot be read
        (then every page is rendered, as in a clean build)."""
        if site is None:
            return cls()
        try:
            data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            return cls({page: {"key": str(v["key"]), "summary": str(v["summary"])} for page, v in data["pages"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def write(self, site: Path) -> None:
        text = json.dumps({"format": FORMAT, "pages": dict(sorted(self.pages.items()))}, ensure_ascii=False, indent=0)
        (site / MANIFEST).write_text(text + "\n", encoding="utf-8")


class Keys:
    """Page keys for one build: the edition's shared inputs hashed once, each document's added."""

    def __init__(self, header: bytes, base_url: str) -> None:
        digest = hashlib.sha256(_code_hash().encode())
        digest.update(header + b"\0" + base_url.encode() + b"\0")
        self._shared = digest.digest()

    def keys(self, table: bytes, sources: dict[str, Path]) -> dict[str, str]:
        """``page → key`` for the pages in ``sources``, read against the table of contents ``table``."""
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
            digest.update(b"\2" + hashlib.sha256(sources[page].read_bytes()).digest())
            keys[page] = digest.hexdigest()
        return keys


def reuse(previous: Path, staging: Path, page: str) -> bool:
    """Put the previous version's page into ``staging``; False when it is not there."""
    old = previous / f"{page}.html"
    new = staging / f"{page}.html"
    if not old.is_file() or old.is_symlink():
        return False
    try:
        os.link(old, new)  # a version is never written again once published: sharing its file is safe
    except OSError:
        shutil.copyfile(old, new)
    return True
