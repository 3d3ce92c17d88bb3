"""The edition's full-text search index, built by Pagefind over the finished pages.

Pagefind (``pagefind[bin]`` from PyPI) ships its indexer as a binary and writes a
static, chunked index with a small WebAssembly search engine: the browser fetches
only the parts of the index a query needs, so search stays quick for thousands of
documents, works offline, and needs no server code. Headings with ids (turns and
sections) become the places a hit leads to.

Pagefind has no incremental mode: it indexes every page it is given, at about a quarter of a
second a megabyte of HTML. A large edition's pages are therefore split into several indexes by a
hash of their names (so a page stays in its index however the edition grows, until the number of
indexes doubles), and the search page merges them in the browser (Pagefind's ``mergeIndex``, which
sums the filters' counts and ranks the hits of all indexes together). A build re-indexes only the
indexes whose pages changed and takes the others from the previous version. An edition of up to
``PAGES_PER_INDEX`` documents has one index, in ``pagefind/``, as Pagefind alone would write it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from teikit.errors import InputError
from teikit.processes import run_dying_with_parent

FOLDER = "pagefind"
# Pages an index holds on average once there are several: an index of 16 pages of the synthetic
# corpus (about 5 MB of HTML) takes Pagefind about a second; a search fetches a few small files of
# every index, so fewer, larger indexes search faster and re-index slower.
PAGES_PER_INDEX = 16
# What the search page needs of an index merged into the first: the engine and its interface
# come from the first index alone.
_INDEX_DATA = ("pagefind-entry.json", "index", "fragment", "filter")


def _pagefind(site: Path) -> Path:
    """The indexer itself, found as ``python -m pagefind`` finds it. Run directly rather than
    through that wrapper, it is the one process that must end when the build is killed."""
    if importlib.util.find_spec("pagefind") is None:
        raise InputError(site, 'the search index needs Pagefind: pip install "pagefind[bin]"')
    from pagefind.service import get_executable

    program = get_executable()
    if program is None or not program.is_file():
        raise InputError(site, 'the search index needs Pagefind\'s program: pip install "pagefind[bin]"')
    return program.resolve()


def index_count(pages: int) -> int:
    """How many indexes the search has for ``pages`` document pages: one up to PAGES_PER_INDEX,
    else a power of two, so that a page moves to another index only when the count doubles."""
    count = 1
    while pages > count * PAGES_PER_INDEX:
        count *= 2
    return count


def index_of(page: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(page.encode()).digest()[:8], "big") % count


def index_folder(index: int, count: int) -> str:
    """Where index ``index`` of ``count`` lives in the site (search.js finds them the same way)."""
    return FOLDER if count == 1 else f"{FOLDER}/{index:03d}"


def split(pages: Sequence[str]) -> dict[str, list[str]]:
    """The site's indexes (their folders, the first the one whose engine the search page loads)
    and the pages each holds, in the order given; an index would have no page is left out."""
    count = index_count(len(pages))
    indexes: dict[str, list[str]] = {}
    for page in pages:
        indexes.setdefault(index_folder(index_of(page, count), count), []).append(page)
    return dict(sorted(indexes.items()))


def index_key(shared: str, folder: str, first: bool, pages: Sequence[str], page_keys: dict[str, str]) -> str:
    """An index is a function of Pagefind's version, of where it lives, of whether it carries the
    engine, and of its pages (their keys without their neighbours', whose links are not indexed)."""
    digest = hashlib.sha256(f"{shared}\0{_pagefind_version()}\0{folder}\0{first}".encode())
    for page in sorted(pages):
        digest.update(b"\1" + page.encode() + b"\0" + page_keys[page].encode())
    return digest.hexdigest()


@functools.cache
def _pagefind_version() -> str:
    return importlib.metadata.version("pagefind")


def build_indexes(site: Path, indexes: dict[str, list[str]], first: str, jobs: int = 1) -> int:
    """Index the pages of ``site`` named in ``indexes`` (folder → page names) into those folders,
    ``jobs`` Pagefind processes at a time; the index in ``first`` keeps Pagefind's engine. Return
    the number of pages indexed."""
    if not indexes:
        return 0
    program = _pagefind(site)
    with ThreadPoolExecutor(max(1, min(jobs, len(indexes)))) as pool:
        return sum(pool.map(lambda item: _index(program, site, item[0], item[1], item[0] == first), indexes.items()))


def _index(program: Path, site: Path, folder: str, pages: list[str], engine: bool) -> int:
    output = site / folder
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site.parent) as scratch:
        # Pagefind indexes a folder: this index's pages, linked (not copied) at the site's root so
        # that the index names them as the site does.
        for page in pages:
            os.link(site / f"{page}.html", Path(scratch) / f"{page}.html")
        run = subprocess.run(
            run_dying_with_parent([str(program), "--site", scratch, "--output-path", str(output)]),
            capture_output=True,
            text=True,
        )
    if run.returncode != 0:
        said = " ".join((run.stderr or run.stdout).split())[-300:]
        raise InputError(site, f"Pagefind could not build the search index: {said}")
    if not engine:
        for extra in output.iterdir():
            if not extra.name.startswith(_INDEX_DATA) and not extra.name.endswith(".pf_meta"):
                shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    indexed = re.search(r"Indexed (\d+) pages?", run.stdout)
    return int(indexed[1]) if indexed else 0
