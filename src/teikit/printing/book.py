"""Build the print edition: the whole edition as one book, and each document as an offprint.

Every input is read and every PDF typeset before anything is written, so a bad
file leaves the output folder as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from teikit import __version__
from teikit.errors import InputError
from teikit.files import write_atomically
from teikit.printing.typeset import PDF_STANDARDS, Typeset, TypesetError, typeset
from teikit.resources import XSLT_FOLDER
from teikit.tei import TEI_NS, parse
from teikit.xslt import Stylesheet, check_safe, processor

BOOK_XSL = XSLT_FOLDER / "print" / "book.xsl"
EDITION_PDF = "edition.pdf"
PAPERS = ("a5", "a4")

_NS = {"tei": TEI_NS}
# From this many documents on, offprints are typeset by one process per core.
PARALLEL_FROM = 24

# PDF/A refuses a character no embedded font can draw; Typst says which.
_NO_GLYPH = re.compile(r'the text `"(?P<text>.+?)"` could not be displayed')
_NO_GLYPH_FIX = (
    "{text!r} cannot be printed: none of the fonts bundled with Typst (Libertinus Serif, New Computer Modern, "
    "DejaVu Sans Mono) has a glyph for it; transliterate it, or describe it in a note"
)

Progress = Callable[[Iterable, int, str], Iterator]


def _no_progress(items: Iterable, length: int, label: str) -> Iterator:
    return iter(items)


@dataclass
class Document:
    path: Path
    date: str  # ISO date, "" when the header gives none

    @property
    def pdf_name(self) -> str:
        return f"{self.path.stem}.pdf"


@dataclass
class Output:
    path: Path
    pages: int
    documents: int
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"pdf": str(self.path), "pages": self.pages, "documents": self.documents, "warnings": self.warnings}


@dataclass
class PrintEdition:
    folder: Path
    paper: str
    outputs: list[Output]
    seconds: float

    def as_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "paper": self.paper,
            "pdf_standards": list(PDF_STANDARDS),
            "outputs": [o.as_json() for o in self.outputs],
            "seconds": round(self.seconds, 3),
        }


def read_document(path: Path) -> Document:
    """Check that ``path`` is a TEI document the book can print, and find its date."""
    check_safe(path)
    root = parse(path).getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        raise InputError(path, "not a TEI document: its root element must be TEI in the TEI namespace", root.sourceline or 1)
    if not "".join(root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1]//text()", namespaces=_NS)).strip():
        raise InputError(path, "has no title: give it fileDesc/titleStmt/title[@type='main'], which opens it in the book")
    if not root.xpath("tei:text/tei:body", namespaces=_NS):
        raise InputError(path, "has no text/body: there is nothing to print")
    dates = root.xpath(
        "(tei:teiHeader/tei:profileDesc/tei:creation/tei:date/@when"
        " | tei:teiHeader/tei:profileDesc/tei:settingDesc/tei:setting/tei:date/@when)",
        namespaces=_NS,
    )
    return Document(path, str(dates[0]) if dates else "")


def read_register(path: Path) -> None:
    """Check that the register exists and names the edition, whose title the book bears."""
    if not path.is_file():
        raise InputError(path, "the edition's register was not found; name it with --register")
    check_safe(path)
    root = parse(path).getroot()
    titles = root.xpath(
        "tei:teiHeader/tei:fileDesc/tei:seriesStmt/tei:title | tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title",
        namespaces=_NS,
    )
    if not any("".join(t.itertext()).strip() for t in titles):
        raise InputError(path, "the register names no edition: give it fileDesc/seriesStmt/title[@level='s']")


def book_order(documents: Iterable[Document]) -> list[Document]:
    """Documents by date (encoding.md's sorting date), undated ones last, then by file name."""
    return sorted(documents, key=lambda d: (d.date == "", d.date, d.path.name))


def _typeset(job: tuple[Path, str]) -> tuple[Path, Typeset | str]:
    origin, source = job
    try:
        return origin, typeset(source)
    except TypesetError as problem:
        return origin, str(problem)


def build_print(
    paths: Sequence[Path],
    output: Path,
    register: Path,
    *,
    paper: str = "a5",
    edition: bool = True,
    offprints: bool = True,
    keep_typst: bool = False,
    jobs: int | None = None,
    progress: Progress = _no_progress,
) -> PrintEdition:
    """Typeset the edition and/or one offprint per document into ``output``."""
    started = time.perf_counter()
    if paper not in PAPERS:
        raise InputError(output, f"unknown paper size {paper!r}: choose one of {', '.join(PAPERS)}")
    if not paths:
        raise InputError(output, "no TEI documents to print: name TEI files or a folder of them")
    read_register(register)
    documents = book_order(read_document(p) for p in paths)
    _check_names(documents)

    params = {"paper": paper, "version": __version__}
    sources: list[tuple[Path, str, Path, int]] = []  # (origin, Typst source, PDF, documents in it)
    with processor() as proc:
        sheet = Stylesheet(proc, BOOK_XSL)
        node = sheet.parse(register)
        if edition:
            uris = "\n".join(d.path.resolve().as_uri() for d in documents)
            source = _transform(sheet, node, register, {**params, "documents": uris, "scope": "edition"})
            sources.append((register, source, output / EDITION_PDF, len(documents)))
        if offprints:
            for number, document in enumerate(documents, start=1):
                uri = document.path.resolve().as_uri()
                source = _transform(
                    sheet, node, document.path, {**params, "documents": uri, "scope": "document", "first-number": number}
                )
                sources.append((document.path, source, output / document.pdf_name, 1))

    workers = jobs or ((os.cpu_count() or 1) if len(sources) >= PARALLEL_FROM else 1)
    jobs_in = [(origin, source) for origin, source, _, _ in sources]
    if workers > 1:
        # Spawned, not forked: a fork of a process running Saxon's native threads can hang.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(progress(pool.map(_typeset, jobs_in, chunksize=4), len(jobs_in), "Typesetting"))
    else:
        results = list(progress(map(_typeset, jobs_in), len(jobs_in), "Typesetting"))

    typeset_pdfs: list[Typeset] = []
    for origin, result in results:
        if isinstance(result, str):
            raise _refusal(origin, result, [d.path for d in documents] if origin == register else [origin])
        typeset_pdfs.append(result)

    outputs: list[Output] = []
    for (_, source, pdf_path, count), result in zip(sources, typeset_pdfs):
        write_atomically(pdf_path, result.pdf)
        if keep_typst:
            write_atomically(pdf_path.with_suffix(".typ"), source.encode("utf-8"))
        outputs.append(Output(pdf_path, result.pages, count, result.warnings))
    return PrintEdition(output, paper, outputs, time.perf_counter() - started)


def _transform(sheet: Stylesheet, register: object, origin: Path, params: dict[str, object]) -> str:
    """The Typst source for ``params``; a failure names the file being printed, not the stylesheet."""
    try:
        return sheet.to_string(register, params)
    except InputError as problem:
        raise InputError(origin, problem.message) from None


def _refusal(origin: Path, message: str, documents: Sequence[Path]) -> InputError:
    """Typst's refusal as a line that names the file to change and how."""
    glyph = _NO_GLYPH.search(message)
    if not glyph:
        return InputError(
            origin,
            f"Typst could not typeset it: {message}. Check the document with `teikit validate`; "
            "if it is valid, report this with the file",
        )
    text = glyph["text"]
    for document in documents:
        for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1):
            if text in line:
                return InputError(document, _NO_GLYPH_FIX.format(text=text), number, line.index(text) + 1)
    return InputError(origin, _NO_GLYPH_FIX.format(text=text))


def _check_names(documents: Sequence[Document]) -> None:
    seen: dict[str, Path] = {}
    for document in documents:
        if document.pdf_name == EDITION_PDF:
            raise InputError(document.path, f"its offprint {EDITION_PDF} would replace the whole edition; rename the file")
        if document.pdf_name in seen:
            raise InputError(document.path, f"has the same name as {seen[document.pdf_name]}; their PDFs would collide")
        seen[document.pdf_name] = document.path
