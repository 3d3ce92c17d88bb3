"""What every export shares: the documents and the edition's header, one compiled stylesheet
applied to each document in turn, and a bad document reported without stopping the others.

The per-document transforms (:func:`each_document`) run where the edition's executor says: in
this process, in local worker processes, or on a Dask cluster (teikit.executors); what is made
of their results (a book, a table, a graph) is put together here, in the documents' order.

What a transform made of a document is kept in the export's folder (:class:`Kept`), under the
hash of everything it was made from: the TEI file's bytes, the edition's header, the parameters,
and teikit's stylesheets and code. The next export into that folder takes it from there instead of
transforming the document again, so one changed document is transformed alone; the edition-wide
parts (the tables, the edition's book, the graph) are then put together from all the results as
in a clean export, and the output is the same, byte for byte."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import saxonche
from saxonche import PySaxonProcessor, PyXdmNode

from teikit.edition import edition_header, header_document, register_of
from teikit.errors import InputError
from teikit.executors import Executor, kept_for, map_items
from teikit.files import write_atomically
from teikit.resources import XSLT_FOLDER, code_hash
from teikit.tei import TEI_NS, parse
from teikit.xslt import Stylesheet, processor

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterator[T]]

EXPORT_STYLESHEETS = XSLT_FOLDER / "export"
# In an export's folder: what earlier runs made of each document (Kept).
KEPT = ".teikit-kept"


def no_progress(items: Iterable[T], length: int, label: str) -> Iterator[T]:
    yield from items


@dataclass
class Edition:
    """The documents of one export run, and the header they are published under."""

    documents: list[Path]
    register: Path | None
    header: bytes  # teikit.edition.header_document: the register, or a header made from the documents
    title: str
    editors: list[str]
    base_url: str = ""
    # Documents that could not be read: left out of the edition, reported with what each export wrote.
    rejected: list[InputError] = field(default_factory=list)
    # Each document's name in the exports: made from the documents, unless given (a worker's edition
    # holds no documents, and is handed the names its documents have in the whole edition).
    names: dict[Path, str] = field(default_factory=dict)
    executor: Executor = Executor()  # where the per-document transforms run
    reuse: bool = True  # take what earlier exports into the same folder made of unchanged documents (Kept)

    def __post_init__(self) -> None:
        if not self.names:
            self.names = unique_names(self.documents)

    def name(self, document: Path) -> str:
        """The document's name in every export: its file name without .xml, numbered when two
        documents of the edition (from different folders) share one, so no output overwrites another."""
        return self.names[document]

    @classmethod
    def of(
        cls, documents: Sequence[Path], register: Path | None = None, *, title: str | None = None,
        editors: Sequence[str] = (), base_url: str = "", executor: Executor = Executor(), reuse: bool = True,
    ) -> Edition:
        readable, rejected = [], []
        for document in documents:
            try:
                root = parse(document).getroot()
            except InputError as problem:
                rejected.append(problem)
                continue
            if root.tag != f"{{{TEI_NS}}}TEI":  # the stylesheets would make nothing of it, or nonsense
                rejected.append(InputError(document, f"not a TEI document: its root element must be TEI in the namespace "
                                                     f"{TEI_NS}; export TEI files only", root.sourceline or 1))
                continue
            readable.append(document)
        if not readable:
            raise rejected[0]
        documents = readable
        found = register_of(documents, register)
        header = edition_header(documents, found, title=title, editors=editors)
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        return cls(
            documents=list(documents), register=found,
            header=header_document(documents, found, title=title, editors=editors),
            title=header.title, editors=header.editors, base_url=base_url, rejected=rejected, executor=executor,
            reuse=reuse,
        )


@dataclass
class Outcome:
    """What an export wrote, and the documents it could not."""

    written: list[Path] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    reused: int = 0  # documents whose results were taken from an earlier export (Kept)


class Run:
    """One stylesheet compiled once, applied to the documents of an edition."""

    def __init__(self, proc: PySaxonProcessor, stylesheet: str, edition: Edition) -> None:
        self.edition = edition
        self.stylesheet = Stylesheet(proc, EXPORT_STYLESHEETS / stylesheet)
        self.header = self.stylesheet.parse_text(edition.header)

    def params(self, document: Path | None, more: Mapping[str, object] | None = None) -> dict[str, object]:
        params: dict[str, object] = {"register": self.header, "base-url": self.edition.base_url}
        if document is not None:
            params["stem"] = self.edition.name(document)
        params.update(more or {})
        return params

    def parse(self, document: Path) -> PyXdmNode:
        return self.stylesheet.parse(document)

    def to_string(self, source: PyXdmNode, document: Path | None, params: Mapping[str, object] | None = None,
                  base_output: Path | None = None) -> str:
        """Transform, blaming the document (not the stylesheet) when it fails."""
        try:
            return self.stylesheet.to_string(source, self.params(document, params), base_output)
        except InputError as problem:
            if document is None or Path(problem.path) != self.stylesheet.path:
                raise
            raise InputError(document, _plain(problem.message)) from None


@contextmanager
def run(stylesheet: str, edition: Edition) -> Iterator[Run]:
    with processor() as proc:
        yield Run(proc, stylesheet, edition)


class Kept:
    """What earlier exports into ``output`` made of each document, one file per key in
    ``output``/.teikit-kept/``part``. Entries this run neither took nor made are removed by
    :meth:`prune`, so the folder holds what the output was made of and no more."""

    def __init__(self, output: Path, part: str, reuse: bool = True) -> None:
        self.folder = output / KEPT / part
        self.reuse = reuse
        self.used: set[str] = set()
        self.keys: dict[Path, str] = {}  # each document's key, once each_document has seen it
        self.taken = 0  # how many entries this run took instead of making them

    def has(self, key: str) -> bool:
        self.used.add(key)
        return self.reuse and (self.folder / key).is_file()

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if not self.reuse:
            return None
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        self.taken += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        write_atomically(self.folder / key, data)

    def prune(self) -> None:
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used and not path.name.startswith("."):
                path.unlink(missing_ok=True)


@functools.cache
def _code_hash() -> str:
    """Saxon's version, every stylesheet (the export stylesheets import the others) and the Python
    of the exports: what a kept result was made with besides the document."""
    here = Path(__file__).parent
    return code_hash([*XSLT_FOLDER.rglob("*"), *here.glob("*.py"), here.parent / "xslt.py", here.parent / "tei.py"],
                     saxonche.__version__)


def each_document(
    edition: Edition, stylesheet: str, transforms: Sequence[Mapping[str, object]] = ({},),
    progress: Progress = no_progress, label: str = "", kept: Kept | None = None,
) -> Iterator[tuple[Path, list[str] | InputError]]:
    """Each document of ``edition`` in its order, and what ``stylesheet`` makes of it with each of
    ``transforms`` (the parameters of one transform: strings, numbers, booleans), or the problem
    that kept it from being exported. The transforms run where ``edition.executor`` says; what
    ``kept`` holds of a document is taken from there instead, and what is made is put there."""
    remote = edition.executor.kind != "local"
    given = {document.absolute() if remote else document: document for document in edition.documents}
    names = {source: edition.name(document) for source, document in given.items()}
    work = (stylesheet, edition.header, edition.base_url, [dict(t) for t in transforms], names)
    shared = (hashlib.sha256(repr(work).encode()).hexdigest(), *work)
    keys: dict[Path, str] = {}
    found: set[Path] = set()  # documents whose results are kept
    if kept is not None:
        common = hashlib.sha256(repr((_code_hash(), stylesheet, edition.base_url, work[3])).encode()
                                + b"\0" + edition.header)
        for source, document in given.items():
            try:
                data = source.read_bytes()
            except OSError:
                continue  # the transform reports it
            digest = common.copy()
            digest.update(b"\0" + names[source].encode() + b"\0" + data)
            keys[source] = digest.hexdigest()
            if kept.has(keys[source]):
                found.add(source)
    made = map_items(_transform, [source for source in given if source not in found], edition.executor, shared=shared)

    def in_order() -> Iterator[tuple[Path, list[str] | InputError]]:
        for source in given:
            if source in found:
                # Read as it is needed: the kept results of a whole edition would not fit in memory.
                earlier = kept.get(keys[source])
                yield source, json.loads(earlier) if earlier is not None else _transform(shared, source)[1]
                continue
            _, result = next(made)
            if kept is not None and source in keys and isinstance(result, list):
                kept.put(keys[source], json.dumps(result, ensure_ascii=False).encode("utf-8"))
            yield source, result

    for source, result in progress(in_order(), len(given), label):
        document = given[source]
        if kept is not None and source in keys:
            kept.keys[document] = keys[source]
        if isinstance(result, InputError):
            yield document, result.at(document) if Path(result.path) == source else result
        else:
            yield document, result


def _transform(shared: tuple, document: Path) -> tuple[Path, list[str] | InputError]:
    key, stylesheet, header, base_url, transforms, names = shared
    run_ = kept_for(key, lambda: Run(PySaxonProcessor(license=False), stylesheet, Edition(
        documents=[], register=None, header=header, title="", editors=[], base_url=base_url, names=names)))
    try:
        source = run_.parse(document)
        return document, [run_.to_string(source, document, params) for params in transforms]
    except InputError as problem:  # returned, not raised: the other documents are still exported
        return document, problem


def _plain(message: str) -> str:
    """Saxon's words for a failed transform, without its location in teikit's stylesheet."""
    message = re.sub(r"\s*(at|in) \S+\.xsl\S*", "", message)
    return f"{message}; the document could not be exported"


def unique_names(documents: Sequence[Path]) -> dict[Path, str]:
    """Each document's stem; a stem already taken gets -2, -3, … in the documents' order."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for document in documents:
        name, n = document.stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{document.stem}-{n}"
        taken.add(name.casefold())
        names[document] = name
    return names


def slug(stem: str) -> str:
    """A name made only of lower-case letters, digits, '-', '_' and '.' (Frictionless resource names, xar paths)."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-")
    return cleaned or "document"
