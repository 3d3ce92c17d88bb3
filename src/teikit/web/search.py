"""The edition's full-text search index, built by Pagefind over the finished pages.

Pagefind (``pagefind[bin]`` from PyPI) ships its indexer as a binary and writes a
static, chunked index with a small WebAssembly search engine: the browser fetches
only the parts of the index a query needs, so search stays quick for thousands of
documents, works offline, and needs no server code. Headings with ids (turns and
sections) become the places a hit leads to.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

from teikit.errors import InputError
from teikit.web.publish import run_dying_with_parent

FOLDER = "pagefind"


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


def build_index(site: Path) -> int:
    """Index the pages of ``site`` into ``site/pagefind``; return the number of pages indexed."""
    program = _pagefind(site)
    run = subprocess.run(
        run_dying_with_parent([str(program), "--site", str(site), "--output-subdir", FOLDER]),
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        said = " ".join((run.stderr or run.stdout).split())[-300:]
        raise InputError(site, f"Pagefind could not build the search index: {said}")
    indexed = re.search(r"Indexed (\d+) pages?", run.stdout)
    return int(indexed[1]) if indexed else 0
