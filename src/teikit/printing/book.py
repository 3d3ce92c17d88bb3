"""Build the print edition: the whole edition as one book, and each document as an offprint.

Any TEI prints: with no register, the edition's header is made from the documents' own (see
teikit.edition). The PDFs are written into a new version of the output folder, which replaces the
old one in one step when all are there (teikit.web.publish): a build killed at any moment leaves
the old PDFs or the new ones, never a mix. A document that cannot be read, typeset or written is
left out with one line saying why, and the book is made of the others.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path

from lxml import etree

from teikit import __version__
from teikit.edition import header_document
from teikit.errors import InputError
from teikit.files import atomic_file, why_not_written, write_atomically
from teikit.printing.kept import KeptTypesetting
from teikit.printing.parts import PART_MB, Book, Summaries, typeset_in_parts
from teikit.printing.typeset import DEFAULT_TIMEOUT, PDF_STANDARDS, Typeset, TypesetError, typeset
from teikit.resources import XSLT_FOLDER
from teikit.tei import TEI_NS, parse
from teikit.web import publish
from teikit.xslt import Stylesheet, check_safe, processor, saxon_quiet

BOOK_XSL = XSLT_FOLDER / "print" / "book.xsl"
EDITION_PDF = "edition.pdf"
PAPERS = ("a5", "a4")

_NS = {"tei": TEI_NS}
# How the print stylesheet says where in its input a transform failed (common.xsl).
_LOCATED = re.compile(r"at element (?P<index>\d+) of (?P<uri>\S+) <(?P<name>[^>]*)>: (?P<reason>.*)", re.S)
# From this many PDFs on, one Typst process per core typesets them.
PARALLEL_FROM = 24
# Typst holds the whole layout of a PDF in memory, about GB_PER_MB of it per MB of TEI (measured
# with bench/build_print.py, docs/print.md): a larger document is refused before it is even parsed.
MAX_DOCUMENT_MB = 2.0
GB_PER_MB = 1.0

# PDF/A refuses a character no embedded font can draw; Typst says which.
_NO_GLYPH = re.compile(r'the text `"(?P<text>.+?)"` could not be displayed')
_NO_GLYPH_FIX = (
    "{text!r} cannot be printed: none of the fonts bundled with Typst (Libertinus Serif, New Computer Modern, "
    "DejaVu Sans Mono){given} has a glyph for it; name a folder of fonts that have one (e.g. Noto CJK, from "
    "Debian's fonts-noto-cjk) with --font-path, or transliterate it"
)

Progress = Callable[[Iterable, int, str], Iterator]


def _no_progress(items: Iterable, length: int, label: str) -> Iterator:
    return iter(items)


@dataclass
class Document:
    path: Path
    date: str  # ISO date, "" when the header gives none
    pdf_name: str = ""  # its offprint's name: the TEI file's, with its folder's when two share one

    def __post_init__(self) -> None:
        self.pdf_name = self.pdf_name or f"{self.path.stem}.pdf"


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
    problems: list[InputError] = field(default_factory=list)  # documents left out, each with why
    taken: int = 0  # Typst runs (offprints, parts of the book) taken from the print edition shown

    def as_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "paper": self.paper,
            "pdf_standards": list(PDF_STANDARDS),
            "outputs": [o.as_json() for o in self.outputs],
            "errors": [str(p) for p in self.problems],
            "typeset_taken_from_previous": self.taken,
            "seconds": round(self.seconds, 3),
        }


def read_document(path: Path, max_mb: float = MAX_DOCUMENT_MB) -> Document:
    """Check that ``path`` is a TEI document the book can print, and find its date."""
    try:
        size = path.stat().st_size / 1e6
    except OSError:
        size = 0  # check_safe says what is wrong with it
    if size > max_mb:
        raise InputError(path, (
            f"is {size:.3g} MB, more than build print typesets in one PDF ({max_mb:g} MB; Typst needs about "
            f"{GB_PER_MB:g} GB of memory per MB of TEI); print it in parts (split it into files, e.g. one per div), "
            f"or allow it with --max-document-size {math.ceil(size)} on a machine with {math.ceil(size * GB_PER_MB)} GB "
            "of memory to spare"))
    check_safe(path)
    root = parse(path).getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        raise InputError(path, "not a TEI document: its root element must be TEI in the TEI namespace", root.sourceline or 1)
    if not root.xpath("tei:text", namespaces=_NS):
        raise InputError(path, "has no text element: there is nothing to print", root.sourceline or 1)
    dates = root.xpath(
        "(tei:teiHeader/tei:profileDesc/tei:creation/tei:date/@when"
        " | tei:teiHeader/tei:profileDesc/tei:settingDesc/tei:setting/tei:date/@when)",
        namespaces=_NS,
    )
    return Document(path, str(dates[0]) if dates else "")


def book_order(documents: Iterable[Document]) -> list[Document]:
    """Documents by date (encoding.md's sorting date), undated ones last, then by file name."""
    return sorted(documents, key=lambda d: (d.date == "", d.date, d.path.name))


def build_print(
    paths: Sequence[Path],
    output: Path,
    register: Path | None = None,
    *,
    title: str | None = None,
    editors: Sequence[str] = (),
    paper: str = "a5",
    edition: bool = True,
    offprints: bool = True,
    keep_typst: bool = False,
    font_paths: Sequence[Path] = (),
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int | None = None,
    max_document_mb: float = MAX_DOCUMENT_MB,
    part_mb: float = PART_MB,
    clean: bool = False,
    progress: Progress = _no_progress,
) -> PrintEdition:
    """Typeset the edition and/or one offprint per document into ``output``; a book of more than
    ``part_mb`` MB of TEI is typeset in parts of about that size (teikit.printing.parts). What Typst
    made in the print edition shown at ``output`` from the same source is taken from it unless
    ``clean`` (teikit.printing.kept)."""
    started = time.perf_counter()
    if paper not in PAPERS:
        raise InputError(output, f"unknown paper size {paper!r}: choose one of {', '.join(PAPERS)}")
    if not paths:
        raise InputError(output, "no TEI documents to print: name TEI files or a folder of them")
    for folder in font_paths:
        if not Path(folder).is_dir():
            raise InputError(Path(folder), "--font-path must name a folder of font files (.ttf, .otf, .ttc)")
    publish.check_output(output, publish.PRINT)
    problems: list[InputError] = []
    readable = []
    for path in paths:
        try:
            readable.append(read_document(path, max_document_mb))
        except InputError as problem:
            problems.append(problem)
    documents = _named(book_order(readable), problems)
    if not documents:
        return PrintEdition(output, paper, [], time.perf_counter() - started, problems)

    fonts = ", ".join(Path(f).name for f in font_paths)
    params = {"paper": paper, "version": __version__, "fonts": fonts, "changed": _changed(documents)}
    workers = jobs or ((os.cpu_count() or 1) if len(documents) + 1 >= PARALLEL_FROM else 1)

    outputs: list[Output] = []
    taken = 0
    try:
        with publish.locked(output, publish.PRINT):
            publish.clean_leftovers(output, publish.PRINT)
            staging = publish.new_building_folder(output)
            kept = KeptTypesetting(None if clean else publish.current_version(output, publish.PRINT), staging, font_paths)
            try:
                outputs = _typeset(documents, staging, output, register, params, problems, title=title, editors=editors,
                                   edition=edition, offprints=offprints, keep_typst=keep_typst, font_paths=font_paths,
                                   timeout=timeout, workers=workers, part_mb=part_mb, kept=kept, progress=progress)
                taken = kept.taken
                if outputs:
                    publish.put_in_place(staging, output, publish.PRINT)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # gone by now when it was put in place
    except OSError as exc:
        problems.append(InputError(output, f"cannot be written: {why_not_written(exc)}"))
        outputs = []
    return PrintEdition(output, paper, outputs, time.perf_counter() - started, problems, taken)


def _changed(documents: Sequence[Document]) -> str:
    """The day the newest of the documents' files last changed (ISO): the date of a PDF whose TEI gives none."""
    return datetime.fromtimestamp(max(d.path.stat().st_mtime for d in documents), timezone.utc).date().isoformat()


def _typeset(documents: list[Document], staging: Path, output: Path, register: Path | None, params: dict[str, object],
             problems: list[InputError], *, title: str | None, editors: Sequence[str], edition: bool, offprints: bool,
             keep_typst: bool, font_paths: Sequence[Path], timeout: float, workers: int, part_mb: float,
             kept: KeptTypesetting, progress: Progress) -> list[Output]:
    """Typeset the offprints, then the book of the documents that typeset, each PDF written into ``staging``
    as soon as it is made (so that they are not all held in memory); the outputs are named as they will
    be in ``output``."""

    def one(source: str) -> Typeset | str:
        try:
            return kept.typeset(lambda: typeset(source, font_paths=font_paths, timeout=timeout), source)
        except TypesetError as problem:
            return str(problem)

    def in_parts(book: Book, sizes: list[int]) -> Typeset | str:
        def part(text: str, inputs: dict[str, str], export: bool) -> Typeset:
            return kept.typeset(lambda: typeset(text, font_paths=font_paths, timeout=timeout, inputs=inputs, export=export),
                                text, inputs=inputs, export=export)

        try:
            return typeset_in_parts(book, sizes, int(part_mb * 1e6), part, Path(parts_folder) / EDITION_PDF)
        except TypesetError as problem:
            return str(problem)

    def run(sources: list[str]) -> list[Typeset | str]:
        if workers > 1 and len(sources) > 1:
            with ThreadPoolExecutor(workers) as pool:  # each job is a Typst process of its own
                return list(progress(pool.map(one, sources), len(sources), "Typesetting"))
        return list(progress(map(one, sources), len(sources), "Typesetting"))

    outputs: list[Output] = []

    def write(name: str, source: str | Book, result: Typeset, count: int) -> bool:
        try:
            if result.file is None:
                write_atomically(staging / name, result.pdf)
            else:
                with result.file.open("rb") as made, atomic_file(staging / name) as out:
                    shutil.copyfileobj(made, out)
            if keep_typst:
                typ = (staging / name).with_suffix(".typ")
                if isinstance(source, Book):
                    source.write(typ)
                else:
                    write_atomically(typ, source.encode("utf-8"))
        except OSError as exc:
            problems.append(InputError(output / name, f"cannot be written: {why_not_written(exc)}"))
            return False
        outputs.append(Output(output / name, result.pages, count, result.warnings))
        return True

    with processor() as proc, tempfile.TemporaryDirectory(prefix="teikit-book-") as parts_folder:
        sheet = Stylesheet(proc, BOOK_XSL)
        header = sheet.parse_text(header_document([d.path for d in documents], register, title=title, editors=editors))
        if offprints:
            prepared: list[tuple[Document, str]] = []
            for number, document in enumerate(documents, start=1):
                try:
                    # An offprint is dated by its own file, so that another document's change leaves it as it was.
                    prepared.append((document, _transform(sheet, header, document.path, {
                        **params, "documents": document.path.resolve().as_uri(), "scope": "document",
                        "first-number": number, "changed": _changed([document]),
                    })))
                except InputError as problem:
                    problems.append(problem)
            printed = []
            for (document, source), result in zip(prepared, run([source for _, source in prepared])):
                if isinstance(result, str):
                    problems.append(_refusal(document.path, result, [document.path], font_paths))
                else:
                    printed.append(document)
                    write(document.pdf_name, source, result, 1)
            documents = printed
        while edition and documents:
            sizes = [d.path.stat().st_size for d in documents]
            try:
                if sum(sizes) > part_mb * 1e6:
                    source: str | Book = _book_in_parts(sheet, header, documents, params, Path(parts_folder))
                else:
                    source = _transform(sheet, header, documents[0].path, {
                        **params, "documents": "\n".join(d.path.resolve().as_uri() for d in documents), "scope": "edition",
                    }, [d.path for d in documents])
            except InputError as problem:
                problems.append(problem)
                if Path(problem.path) not in {d.path for d in documents}:
                    break
                documents = [d for d in documents if d.path != Path(problem.path)]
                continue
            (result,) = [in_parts(source, sizes)] if isinstance(source, Book) else run([source])
            if isinstance(result, str):
                refusal = _refusal(output / EDITION_PDF, result, [d.path for d in documents], font_paths)
                problems.append(refusal)
                if refusal.path not in {d.path for d in documents}:
                    break
                # The refusal names the document at fault: the book is made of the others.
                documents = [d for d in documents if d.path != refusal.path]
                continue
            if write(EDITION_PDF, source, result, len(documents)):
                outputs.insert(0, outputs.pop())  # the book before its offprints, as the user reads the list
            break
    return outputs


def _book_in_parts(sheet: Stylesheet, header: object, documents: Sequence[Document], params: dict[str, object],
                   folder: Path) -> Book:
    """The book's source, made one document at a time (so that Saxon never holds the corpus): each
    document's opening and text into a file of its own in ``folder``, its summary gathered with the
    others'; the front and back matter then made from the summaries."""
    gathered = Summaries()
    sources = []
    for number, document in enumerate(documents, start=1):
        alone = {**params, "documents": document.path.resolve().as_uri(), "scope": "edition", "first-number": number}
        sources.append(folder / f"document-{number}.typ")
        _transform(sheet, header, document.path, {**alone, "part": "document"}, output=sources[-1])
        gathered.add(_transform(sheet, header, document.path, {**alone, "part": "summary"}))
    summary = folder / "summary.xml"
    gathered.write(summary)
    del gathered
    frame = _transform(sheet, header, documents[0].path, {
        **params, "documents": "", "scope": "edition", "part": "frame", "summary": summary.resolve().as_uri()})
    return Book.of(frame, sources)


def _transform(sheet: Stylesheet, header: object, origin: Path, params: dict[str, object],
               documents: Sequence[Path] = (), output: Path | None = None) -> str:
    """The Typst source for ``params`` (written into ``output`` when given); a failure is one line at
    the input element it happened in (in ``documents``), else at ``origin``: never at the
    stylesheet's line, and without Saxon's stack dump."""
    try:
        with saxon_quiet():
            if output is None:
                return sheet.to_string(header, params)
            sheet.to_file(header, output, params)
            return ""
    except InputError as problem:
        raise _located(origin, problem.message, documents or (origin,)) from None


def _located(origin: Path, message: str, documents: Sequence[Path]) -> InputError:
    message = message.removeprefix("transformation failed: ")
    found = _LOCATED.search(message)
    reason = found["reason"] if found else message
    # Saxon appends where in the stylesheet it was ("… on line 59 column 44 of text.xsl"): not the user's concern.
    reason = re.split(r"\s+(?:at char \d+ in expression|in expression |on line \d+|In template rule|invoked by)", reason)[0]
    reason = re.sub(r"^(?:Type error|Dynamic error|Error)\s*", "", reason).strip(" :")
    reason = re.sub(r"^[A-Z]{4}\d{4}\s+", "", reason)
    source, line = origin, 1
    if found:
        source = next((d for d in documents if d.resolve().as_uri() == found["uri"]), origin)
        try:
            line = next(islice(parse(source).getroot().iter(etree.Element), int(found["index"]), None)).sourceline or 1
        except (InputError, StopIteration):
            pass
    where = f" in <{found['name']}>" if found else ""
    return InputError(source, f"could not be typeset{where}: {reason}; if `teikit validate --rng` finds the file valid, "
                              "this is a fault of teikit's print stylesheet: please report it with the file", line)


def _refusal(origin: Path, message: str, documents: Sequence[Path], font_paths: Sequence[Path] = ()) -> InputError:
    """Typst's refusal as a line that names the file to change and how."""
    glyph = _NO_GLYPH.search(message)
    if "was stopped" in message:
        return InputError(origin, message)
    if not glyph:
        return InputError(
            origin,
            f"Typst could not typeset it: {message}. Check the document with `teikit validate`; "
            "if it is valid, report this with the file",
        )
    text = glyph["text"]
    given = "".join(f", nor those in {f}" for f in font_paths)
    for document in documents:
        for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1):
            if text in line:
                return InputError(document, _NO_GLYPH_FIX.format(text=text, given=given), number, line.index(text) + 1)
    return InputError(origin, _NO_GLYPH_FIX.format(text=text, given=given))


def _named(documents: Sequence[Document], problems: list[InputError]) -> list[Document]:
    """The documents with offprint names that collide neither with each other nor with the edition's."""
    stems: dict[str, int] = {}
    for document in documents:
        stems[document.path.stem] = stems.get(document.path.stem, 0) + 1
    seen: dict[str, Path] = {}
    named = []
    for document in documents:
        if stems[document.path.stem] > 1:
            document.pdf_name = f"{document.path.parent.name}-{document.path.stem}.pdf"
        if document.pdf_name == EDITION_PDF:
            problems.append(InputError(document.path, f"its offprint {EDITION_PDF} would replace the whole edition; rename the file"))
        elif document.pdf_name in seen:
            problems.append(InputError(document.path, f"has the same name as {seen[document.pdf_name]}; their PDFs would collide; rename one"))
        else:
            seen[document.pdf_name] = document.path
            named.append(document)
    return named
