"""Building the web edition: pages, assets, TEI sources and search index, put in place whole.

A file that cannot be published is reported and left out; the others are published, and the
edition-wide pages cover exactly those. The site is written in a folder of its own beside the
output and swapped in only when complete (teikit.web.publish), so a failed or killed build
never leaves half a site, and a reader of the old one never sees a mix.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from teikit import xmlfile, xslt
from teikit.edition import header_document
from teikit.errors import InputError
from teikit.executors import Executor, map_items
from teikit.files import file_system_now, reuse
from teikit.processes import die_with_parent
from teikit.tei import TEI_NS
from teikit.web import incremental, publish, search
from teikit.web.names import EDITION_PAGES, page_names
from teikit.web.pages import ASSETS, Compiling, Entry, Renderer, assemble, bare, contents, entry, render_page
from teikit.web.sources import carry_downloads, carry_schema, carry_schemas, copy_source, schema_document

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterator[T]]

# What the edition-wide stylesheet writes.
EDITION_FILES = (*(f"{page}.html" for page in EDITION_PAGES), "search-turns.json")
# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_FROM = 24
# Documents whose summaries one transform turns into parts: each is made from its summary alone,
# and all at once the 10,000 documents' summaries (some 600 MB of XML) took Saxon gigabytes.
PARTS_AT_ONCE = 64


class BuildFailed(Exception):
    """No document could be published; nothing was written."""

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
    problems: list[InputError] = field(default_factory=list)  # files left out (the build exits 1)
    warnings: list[InputError] = field(default_factory=list)  # published, with something to say
    downloads: int = 0
    reused: int = 0  # document pages taken unchanged from the previous build

    def as_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "documents": self.documents,
            "pages": self.pages,
            "indexed": self.indexed,
            "downloads": self.downloads,
            "reused": self.reused,
            "schema": str(self.schema) if self.schema else None,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "phases": {phase: round(seconds, 3) for phase, seconds in self.phases.items()},
            "problems": [str(problem) for problem in self.problems],
            "warnings": [str(warning) for warning in self.warnings],
        }


def default_schema(documents: Sequence[Path], register: Path | None) -> Path | None:
    """The edition's schema, in schema/ beside the folder of TEI files, when there is one."""
    folder = register.parent if register is not None else (documents[0].parent if documents else Path("tei"))
    candidate = folder.resolve().parent / "schema" / "edition.xsd"
    if not candidate.is_file():
        return None
    try:
        return candidate.relative_to(Path.cwd())
    except ValueError:
        return candidate


def build_site(
    documents: Sequence[Path],
    output: Path,
    register: Path | None = None,
    *,
    title: str | None = None,
    editors: Sequence[str] = (),
    schema: Path | None = None,
    base_url: str = "",
    downloads: Path | None = None,
    release: bool = False,
    jobs: int | None = None,
    progress: Progress = lambda items, length, label: iter(items),
    clean: bool = False,
    executor: Executor | None = None,
) -> Site:
    """Publish ``documents`` as a static site at ``output``; the files that cannot be published are
    left out and named in ``Site.problems``. Raise BuildFailed when none can be, InputError when the
    build as a whole cannot run.

    The document pages whose inputs are unchanged since the site shown at ``output`` are taken from
    it (teikit.web.incremental) unless ``clean``; the result is the same either way. The document
    pages are rendered here, in ``jobs`` local processes, or by ``executor`` (a Dask cluster)."""
    started = time.perf_counter()
    if not documents:
        raise InputError(output, "no TEI documents to publish: name TEI files or a folder of them")
    publish.check_output(output)
    # The stylesheet may be compiled in the background while the files are read (pages.Compiling).
    with publish.locked(output), ThreadPoolExecutor(1) as remover, xslt.processor() as proc, ThreadPoolExecutor(1) as background:
        # The version before the one shown (thousands of files) is removed while this one is
        # built: the removal waits on the disk, not on a core.
        removing = remover.submit(publish.remove, publish.leftovers(output))
        staging = publish.new_building_folder(output)
        previous = None if clean else publish.current_version(output)
        try:
            site = _build(documents, staging, register, title, editors, schema, base_url, downloads, jobs, progress, started,
                          proc, background, previous, executor, release)
            site.folder = output
            removing.result()
            publish.put_in_place(staging, output)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    site.seconds = time.perf_counter() - started
    return site


def _build(documents, staging, register, title, editors, schema, base_url, downloads, jobs, progress, started,
           proc, background, previous=None, executor=None, release=False) -> Site:
    phases: dict[str, float] = {}
    problems: list[InputError] = []
    since = file_system_now(staging)
    manifest = incremental.Manifest.of(previous)
    compiling = Compiling(proc, background)
    if previous is None:
        compiling.start()
    sources: dict[str, dict] = {}  # copy name → what the next build's manifest keeps of it
    readable: list[tuple[Path, str, Entry]] = []
    (staging / "tei").mkdir()
    (staging / incremental.PARTS).mkdir(parents=True)
    for document, page in zip(documents, page_names(documents)):
        try:
            sources[page], item = _source(document, page, staging, previous, manifest, compiling.start)
        except xmlfile.Unreadable as unreadable:
            problem = unreadable.problem
            message = problem.message if problem.rule != "well-formed" or problem.message.startswith("not well-formed") \
                else f"not well-formed XML: {problem.message}"
            problems.append(InputError(document, message, problem.line, problem.column))
            continue
        except InputError as problem:
            problems.append(problem)
            continue
        readable.append((document, page, item))
    if not readable:
        raise BuildFailed(problems)
    good = [document for document, _, _ in readable]
    # Without a register the header is gathered from every document's: taken from the manifest
    # while the documents are the same, so that an unchanged file is still not parsed.
    header_inputs = "" if register is not None else hashlib.sha256(json.dumps(
        [title, list(editors), [[str(document), sources[page]["sha256"]] for document, page, _ in readable]]).encode()).hexdigest()
    header = manifest.header.encode() if header_inputs and manifest.header_inputs == header_inputs else \
        header_document(good, register, title=title, editors=editors)
    if register is not None:
        sources["register"], _ = _source(register, "register", staging, previous, manifest, compiling.start, document_page=False)
    named = [(document, page) for document, page, _ in readable] + ([(register, "register")] if register is not None else [])
    warnings = [InputError(document, *sources[page]["warning"]) for document, page in named if sources[page]["warning"]]
    carried_schemas: set[tuple[Path, str]] = set()
    for document, page in named:
        # A schema many documents name (as a whole edition's files do) is looked for once.
        hrefs = [href for href in sources[page]["schemas"] if (document.parent, href) not in carried_schemas]
        carried_schemas.update((document.parent, href) for href in hrefs)
        carry_schemas(document, hrefs, staging)
    carried = carry_downloads(staging, good, [page for _, page, _ in readable], downloads, release)
    for document, page, item in readable:
        item.downloads = carried.get(page, [])
    schema_xml, schema_problems = schema_document(schema) if schema is not None else (None, [])
    problems += schema_problems
    phases["reading"] = time.perf_counter() - started

    workers = jobs or (os.cpu_count() or 1)
    entries = [item for _, _, item in readable]
    table = contents(entries, carried.get("", []))
    # Compiling the stylesheet takes a while: a build that renders nothing does without it, one
    # that had to read a file has it compiled meanwhile, and the table of contents parsed for it
    # while the pages to take from the previous version are found.
    prepared = background.submit(lambda: Renderer(proc, header, base_url, table, compiling.result())) if compiling.started else None
    keys = incremental.Keys(header, base_url)
    digests = {page: bytes.fromhex(sources[page]["sha256"]) for _, page, _ in readable}
    reused: dict[Path, str] = {}  # source → the hash of its summary, kept in the previous version
    old_parts = _parts(previous) if previous is not None else {}
    if previous is not None:
        by_page = {page: document for document, page, _ in readable}
        for page, key in keys.keys(table, digests).items():
            known = manifest.pages.get(page)
            # The same key, the same summary, the same parts: those the previous version has (its
            # frame, and the others the document adds to). The page is linked last: one rendered
            # again must not be written through a link into the previous version.
            if known is not None and known["key"] == key and _reuse_parts(previous, staging, page, old_parts) \
                    and reuse(previous, staging, f"{page}.html"):
                reused[by_page[page]] = known["summary"]
    to_render = [item for item in readable if item[0] not in reused]
    if len(to_render) < PARALLEL_FROM and jobs is None:
        workers = 1
    executor = executor if executor is not None and executor.kind != "local" else Executor("local", workers)
    renderer = functools.cache(lambda: prepared.result() if prepared else Renderer(proc, header, base_url, table, compiling.result()))
    summaries, failed = (_render_documents(renderer, to_render, staging, header, base_url, table, executor, progress)
                         if to_render else ({}, {}))
    hashes = {**reused, **{source: incremental.summary_hash(summary) for source, summary in summaries.items()}}
    if failed:
        # The failed documents leave the edition: their neighbours link each other instead.
        problems += failed.values()
        order = sorted(entries, key=lambda e: e.order)
        for item in order:
            if item.source in failed:
                _remove_outputs(staging, item)
        kept = [item for item in order if item.source not in failed]
        if not kept:
            raise BuildFailed(problems)
        table = contents(kept, carried.get("", []))
        renderer().set_contents(table)
        was, now = _neighbours(order), _neighbours(kept)
        for item in kept:
            if was[item.source] != now[item.source]:
                # A page taken from the previous version is a link to its file: write a new one.
                (staging / f"{item.page}.html").unlink(missing_ok=True)
                summaries[item.source] = renderer().document(item.source, staging, item.page)
                hashes[item.source] = incremental.summary_hash(summaries[item.source])
        entries = kept
    phases["document pages"] = time.perf_counter() - started - phases["reading"]
    final = {item.page: item.source for item in entries}
    page_keys = keys.keys(table, {page: digests[page] for page in final})
    indexes = search.split(list(final))
    first = next(iter(indexes))
    # A page rendered again only for its neighbour's new title is indexed as it was: its links to
    # its neighbours are left out of the index (data-pagefind-ignore).
    indexed_keys = keys.keys(table, {page: digests[page] for page in final}, neighbours=False)
    index_keys = {folder: search.index_key(keys.shared, folder, folder == first, pages, indexed_keys)
                  for folder, pages in indexes.items()}
    # Pagefind indexes the document pages, the only ones with text to find, as soon as they are
    # all there, while the rest of the site is put together: each keeps a core busy.
    to_index = {folder: pages for folder, pages in indexes.items()
                if previous is None or manifest.indexes.get(folder) != index_keys[folder]}
    edition_pages = staging.with_name(f"{staging.name}-pages")
    edition_pages.mkdir()
    try:
        with ThreadPoolExecutor(1) as indexer:
            indexing = indexer.submit(_timed, search.build_indexes, staging, to_index, first, workers)
            # An index not there whole in the previous version is made again, after the others.
            missing = {folder: pages for folder, pages in indexes.items()
                       if folder not in to_index and not incremental.reuse_tree(previous, staging, folder)}
            rendered = [item for item in entries if item.source in summaries]
            new_parts = _parts(staging)
            to_part = []
            for item in rendered:
                for part in new_parts.get(item.page, []):
                    (staging / incremental.PARTS / part).unlink()  # a link to the previous version's
                # A page rendered again with the summary it had (its neighbour's title changed) has
                # the parts it had: a part is made from the summary alone.
                known = manifest.pages.get(item.page)
                if known is None or known["summary"] != hashes[item.source] or not _reuse_parts(previous, staging, item.page, old_parts):
                    to_part.append(item)
            for start in range(0, len(to_part), PARTS_AT_ONCE):
                batch = to_part[start:start + PARTS_AT_ONCE]
                renderer().parts([summaries.pop(item.source) for item in batch], staging / incremental.PARTS)
                for item in batch:
                    incremental.write_order_record(staging, item.page)
            parted = {item.page for item in to_part}
            frames = {page: incremental.frame_hash(staging, page) if page in parted else manifest.pages[page]["frame"]
                      for page in final}
            ordered = sorted(entries, key=lambda e: e.order)
            bare_table = bare(table)
            edition_key = keys.edition(table, [hashes[item.source] for item in ordered], schema_xml, list(indexes))
            edition_kept = previous is not None and manifest.edition == edition_key and all(
                reuse(previous, staging, name) for name in EDITION_FILES) \
                and incremental.reuse_tree(previous, staging, incremental.SHELLS)
            shells_key = manifest.shells  # the edition's key covers all the shells' inputs
            if not edition_kept:
                # A document's new title changes its parts only, and its new place in the order
                # the order the parts are put in, unless several documents say different things
                # of one person, place or principle and which is first changes (order_digest):
                # the pages are put together again around the shells, not rendered again.
                pages_in_order = [item.page for item in ordered]
                shells_key = keys.shells(bare_table, frames, incremental.order_digest(staging, pages_in_order, header),
                                         schema_xml, list(indexes))
                shells = staging / incremental.SHELLS
                if previous is None or manifest.shells != shells_key or not incremental.reuse_tree(previous, staging, incremental.SHELLS):
                    shells.mkdir()
                    texts = [incremental.read_frame(staging, item.page) for item in ordered]
                    renderer().shells(texts, shells, bare_table, schema_xml, list(indexes) if len(indexes) > 1 else [])
                # Written into a folder of their own, and moved into the site once Pagefind is done with it.
                assemble(shells, edition_pages, staging / incremental.PARTS, pages_in_order)
            phases["edition pages"] = time.perf_counter() - started - phases["reading"] - phases["document pages"]
            shutil.copytree(ASSETS, staging / "assets")
            incremental.Manifest({page: {"key": key, "summary": hashes[final[page]], "frame": frames[page]}
                                  for page, key in page_keys.items()},
                                 {page: sources[page] for page in [*final, *(["register"] if register is not None else [])]},
                                 index_keys, edition_key, shells_key, header_inputs, header.decode() if header_inputs else "", since).write(staging)
            indexed, phases["search index"] = indexing.result()
        if missing:
            indexed += search.build_indexes(staging, missing, first, workers)
            to_index.update(missing)
        for page in edition_pages.iterdir():
            page.rename(staging / page.name)
    finally:
        shutil.rmtree(edition_pages, ignore_errors=True)
    if schema is not None:
        carry_schema(schema, staging / "schema")
    indexed += sum(len(pages) for folder, pages in indexes.items() if folder not in to_index)
    return Site(staging, len(entries), len(entries) + len(EDITION_PAGES), indexed, schema, workers, 0.0, phases,
                problems, warnings, sum(1 for files in carried.values() for file in files if file.size is not None), len(reused))


def _source(document: Path, page: str, staging: Path, previous: Path | None, manifest: incremental.Manifest,
            reading: Callable[[], None], document_page: bool = True) -> tuple[dict, Entry | None]:
    """Publish the copy of one TEI file as ``tei/{page}.xml``; return what the manifest keeps of
    it and its entry in the table of contents. A file whose bytes the previous version published
    is not parsed again, nor read when its signature says it is the same file: its copy and the
    rest come from that version. ``reading`` is called before a file is read."""
    known = manifest.sources.get(page)
    reusable = known is not None and known["stem"] == document.stem and previous is not None
    # Taken before the file is read: a file written while it is read then differs from it next time.
    now = incremental.signature(document)
    if reusable and manifest.unchanged(page, now) and reuse(previous, staging, f"tei/{page}.xml"):
        said = known["entry"]
        return known, Entry(page, document, said["title"], said["date"], said["label"])
    reading()
    data = xmlfile.read_bytes(document)
    digest = hashlib.sha256(data).hexdigest()
    if reusable and known["sha256"] == digest and reuse(previous, staging, f"tei/{page}.xml"):
        said = known["entry"]
        return {**known, "stat": now}, Entry(page, document, said["title"], said["date"], said["label"])
    root = xmlfile.parse_bytes(data, document)
    item = None
    if document_page:
        if root.tag != f"{{{TEI_NS}}}TEI":
            raise InputError(document, f"not a TEI document: its root element must be TEI in the namespace {TEI_NS}; "
                                       "publish TEI files only", root.sourceline or 1)
        item = entry(document, root, page)
    copied = copy_source(staging, page, data, root)
    said = {"title": item.title, "date": item.date, "label": item.label} if item else {"title": "", "date": "", "label": ""}
    return {"sha256": digest, "stat": now, "stem": document.stem, "entry": said,
            "warning": list(copied.warning) if copied.warning else None, "schemas": copied.schemas}, item


def _parts(site: Path) -> dict[str, list[str]]:
    """The parts of the edition-wide pages kept in ``site``, by page (one listing of the folder)."""
    found: dict[str, list[str]] = {}
    try:
        names = os.listdir(site / incremental.PARTS)
    except OSError:
        return found
    for name in names:
        found.setdefault(name.split(".", 1)[0], []).append(name)
    return found


def _reuse_parts(previous: Path, staging: Path, page: str, kept: dict[str, list[str]]) -> bool:
    """Put a page's parts from the previous version (whose parts are ``kept``) into ``staging``,
    all or none; none when its frame is not among them."""
    parts = kept.get(page, [])
    if f"{page}.frame.xml" not in parts:
        return False
    for at, part in enumerate(parts):
        if not reuse(previous, staging, f"{incremental.PARTS}/{part}"):
            for linked in parts[:at]:
                (staging / incremental.PARTS / linked).unlink()
            return False
    return True


def _neighbours(order: list[Entry]) -> dict[Path, tuple[Path | None, Path | None]]:
    return {item.source: (order[i - 1].source if i else None, order[i + 1].source if i + 1 < len(order) else None)
            for i, item in enumerate(order)}


def _remove_outputs(site: Path, item: Entry) -> None:
    (site / f"{item.page}.html").unlink(missing_ok=True)
    for part in (site / incremental.PARTS).glob(f"{item.page}.*"):
        part.unlink()
    (site / "tei" / f"{item.page}.xml").unlink(missing_ok=True)
    for download in item.downloads:
        (site / download.href).unlink(missing_ok=True)


def _render_documents(renderer, readable, site, header, base_url, table, executor: Executor, progress):
    """Each document's page written into ``site``: the summaries by source, and the failures."""
    if executor.kind == "local" and executor.jobs <= 1:
        results = _serial(renderer, readable, site, progress)
    else:
        results = _elsewhere(readable, site, header, base_url, table, executor, progress)
    summaries: dict[Path, str] = {}
    failed: dict[Path, InputError] = {}
    for document, summary, problem in results:
        if problem:
            failed[document] = problem
        else:
            summaries[document] = summary
    return summaries, failed


def _serial(renderer: Callable[[], Renderer], readable, site: Path, progress: Progress):
    for document, page, _ in progress(readable, len(readable), "Building pages"):
        try:
            yield document, renderer().document(document, site, page), None
        except InputError as problem:
            yield document, None, problem


def _elsewhere(readable, site: Path, header: bytes, base_url: str, table: bytes, executor: Executor, progress: Progress):
    """The pages rendered by worker processes, here or on a cluster (which sees the files by their
    absolute paths, on a file system it shares with this machine)."""
    given = {document.absolute(): document for document, _, _ in readable}
    items = [(document.absolute(), site.absolute(), page) for document, page, _ in readable]
    key = hashlib.sha256(b"\0".join([header, base_url.encode(), table])).hexdigest()
    # Local workers are spawned, not forked: each makes its own Saxon processor rather than inherit
    # the parent's; and they end with the build, even when it is killed.
    results = map_items(render_page, items, replace(executor, fork=False), ordered=False, shared=(key, header, base_url, table),
                        worker_setup=functools.partial(die_with_parent, os.getpid()))
    for source, summary, problem in progress(results, len(items), "Building pages"):
        document = given[source]
        if problem:
            yield document, None, problem.at(document) if Path(problem.path) == source else problem
        else:
            yield document, summary, None


def _timed(function: Callable[..., int], *arguments) -> tuple[int, float]:
    started = time.perf_counter()
    return function(*arguments), time.perf_counter() - started
