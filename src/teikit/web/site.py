"""Building the web edition: pages, assets, TEI sources and search index, swapped in whole.

The site is built in a fresh folder beside the output and renamed into place only
when everything succeeded, so a failed build never leaves half a site, and a
reader of the old one never sees a mix.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from teikit import xslt
from teikit.convert.register import REGISTER_FILE
from teikit.errors import InputError
from teikit.web import search
from teikit.web.pages import ASSETS, Renderer, render_in_worker, start_worker

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterator[T]]


# The edition-wide pages: a document of the same name would overwrite one.
EDITION_PAGES = ("index", "people", "places", "omissions", "principles", "search")
# A file that marks a folder as a site teikit built, and so safe to replace.
MARKER = ".teikit-web"
# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_FROM = 24


class BuildFailed(Exception):
    """Some documents could not be published; nothing was written."""

    def __init__(self, problems: list[InputError]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Site:
    folder: Path
    documents: int
    pages: int
    indexed: int
    schema: Path | None
    workers: int
    seconds: float
    phases: dict[str, float]

    def as_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "documents": self.documents,
            "pages": self.pages,
            "indexed": self.indexed,
            "schema": str(self.schema) if self.schema else None,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "phases": {phase: round(seconds, 3) for phase, seconds in self.phases.items()},
        }


def default_schema(register: Path) -> Path | None:
    """The edition's schema, in schema/ beside the folder of TEI files, when there is one."""
    candidate = register.resolve().parent.parent / "schema" / "edition.xsd"
    if not candidate.is_file():
        return None
    try:
        return candidate.relative_to(Path.cwd())
    except ValueError:
        return candidate


def _check(documents: Sequence[Path], output: Path, register: Path) -> None:
    if not documents:
        raise InputError(output, "no TEI documents to publish: name TEI files or a folder of them")
    if not register.is_file():
        raise InputError(register, "the edition's register was not found; name it with --register")
    seen: dict[str, Path] = {}
    for document in documents:
        if document.stem in EDITION_PAGES:
            raise InputError(document, f"its page {document.stem}.html would replace the edition's own; rename the file")
        if document.stem in seen:
            raise InputError(document, f"has the same name as {seen[document.stem]}; their pages would collide")
        seen[document.stem] = document
    if output.exists() and not (output / MARKER).exists() and any(output.iterdir()):
        raise InputError(output, "exists and was not built by teikit; choose another folder with -o, or empty it")


def _serial(renderer: Renderer, documents: Sequence[Path], staging: Path, progress: Progress) -> Iterator[tuple[Path, str | None, InputError | None]]:
    for document in progress(documents, len(documents), "Building pages"):
        try:
            yield document, renderer.document(document, staging), None
        except InputError as problem:
            yield document, None, problem


def _parallel(documents: Sequence[Path], staging: Path, register: Path, base_url: str, workers: int, progress: Progress):
    # Workers are spawned, not forked: each makes its own Saxon processor rather than inherit the parent's.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker, initargs=(register, base_url)) as pool:
        futures = {pool.submit(render_in_worker, document, staging): document for document in documents}
        for future in progress(as_completed(futures), len(futures), "Building pages"):
            summary, problem = future.result()
            yield futures[future], summary, InputError(*problem) if problem else None


def build_site(
    documents: Sequence[Path],
    output: Path,
    register: Path,
    *,
    schema: Path | None = None,
    base_url: str = "",
    jobs: int | None = None,
    progress: Progress = lambda items, length, label: iter(items),
) -> Site:
    """Publish ``documents`` as a static site in ``output``; raise BuildFailed or InputError on bad input."""
    started = time.perf_counter()
    _check(documents, output, register)
    workers = jobs or (os.cpu_count() or 1)
    if len(documents) < PARALLEL_FROM and jobs is None:
        workers = 1
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))
    edition_pages = Path(tempfile.mkdtemp(prefix=f".{output.name}-pages-", dir=output.parent))
    phases: dict[str, float] = {}
    try:
        staging.chmod(0o755)
        with xslt.processor() as proc:
            renderer = Renderer(proc, register, base_url)
            summaries = _render_documents(renderer, documents, staging, register, base_url, workers, progress)
            phases["document pages"] = time.perf_counter() - started
            # Pagefind indexes the document pages, the only ones with text to find, while Saxon writes
            # the edition-wide pages into a folder of their own: each keeps a core busy.
            with ThreadPoolExecutor(1) as indexer:
                indexing = indexer.submit(_timed, search.build_index, staging)
                renderer.edition(summaries, edition_pages, schema)
                phases["edition pages"] = time.perf_counter() - started - phases["document pages"]
                _copy_sources(documents, register, schema, staging)
                indexed, phases["search index"] = indexing.result()
        for page in edition_pages.iterdir():
            page.rename(staging / page.name)
        (staging / MARKER).write_text("A web edition built by `teikit build web`; the next build replaces this folder.\n")
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(edition_pages, ignore_errors=True)
    return Site(output, len(documents), len(documents) + len(EDITION_PAGES), indexed, schema, workers,
                time.perf_counter() - started, phases)


def _render_documents(
    renderer: Renderer, documents: Sequence[Path], site: Path, register: Path, base_url: str, workers: int,
    progress: Progress,
) -> list[str]:
    """Each document's page written into ``site``; their summaries in the order given."""
    if workers > 1:
        results = _parallel(documents, site, register.resolve(), base_url, workers, progress)
    else:
        results = _serial(renderer, documents, site, progress)
    summaries: dict[Path, str] = {}
    problems: list[InputError] = []
    for document, summary, problem in results:
        if problem:
            problems.append(problem)
        else:
            summaries[document] = summary
    if problems:
        raise BuildFailed(problems)
    return [summaries[document] for document in documents]


def _timed(function: Callable[[Path], int], argument: Path) -> tuple[int, float]:
    started = time.perf_counter()
    return function(argument), time.perf_counter() - started


def _copy_sources(documents: Sequence[Path], register: Path, schema: Path | None, site: Path) -> None:
    shutil.copytree(ASSETS, site / "assets")
    sources = site / "tei"
    sources.mkdir()
    for document in documents:
        shutil.copyfile(document, sources / f"{document.stem}.xml")
    shutil.copyfile(register, sources / REGISTER_FILE)
    if schema is not None:
        (site / "schema").mkdir()
        shutil.copyfile(schema, site / "schema" / "edition.xsd")


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
    output.rename(retired / output.name)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)
