"""Build the print edition: the whole edition as one book, and each document as an offprint.

Any TEI prints: with no register, the edition's header is made from the documents' own (see
teikit.edition). Every input is read and every PDF typeset before anything is written, so the
output folder never holds a mix of old and new PDFs. A document that cannot be read or typeset is
left out with one line saying why, and the book is made of the others.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from teikit import __version__
from teikit.edition import header_document
from teikit.errors import InputError
from teikit.files import write_atomically
from teikit.printing.typeset import DEFAULT_TIMEOUT, PDF_STANDARDS, Typeset, TypesetError, typeset
from teikit.resources import XSLT_FOLDER
from teikit.tei import TEI_NS, parse
from teikit.xslt import Stylesheet, check_safe, processor

BOOK_XSL = XSLT_FOLDER / "print" / "book.xsl"
EDITION_PDF = "edition.pdf"
PAPERS = ("a5", "a4")

_NS = {"tei": TEI_NS}
# From this many PDFs on, one Typst process per core typesets them.
PARALLEL_FROM = 24

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

    def as_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "paper": self.paper,
            "pdf_standards": list(PDF_STANDARDS),
            "outputs": [o.as_json() for o in self.outputs],
            "errors": [str(p) for p in self.problems],
            "seconds": round(self.seconds, 3),
        }


def read_document(path: Path) -> Document:
    """Check that ``path`` is a TEI document the book can print, and find its date."""
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
    progress: Progress = _no_progress,
) -> PrintEdition:
    """Typeset the edition and/or one offprint per document into ``output``."""
    started = time.perf_counter()
    if paper not in PAPERS:
        raise InputError(output, f"unknown paper size {paper!r}: choose one of {', '.join(PAPERS)}")
    if not paths:
        raise InputError(output, "no TEI documents to print: name TEI files or a folder of them")
    for folder in font_paths:
        if not Path(folder).is_dir():
            raise InputError(Path(folder), "--font-path must name a folder of font files (.ttf, .otf, .ttc)")
    problems: list[InputError] = []
    readable = []
    for path in paths:
        try:
            readable.append(read_document(path))
        except InputError as problem:
            problems.append(problem)
    documents = _named(book_order(readable), problems)
    if not documents:
        return PrintEdition(output, paper, [], time.perf_counter() - started, problems)

    fonts = ", ".join(Path(f).name for f in font_paths)
    changed = datetime.fromtimestamp(max(d.path.stat().st_mtime for d in documents), timezone.utc).date().isoformat()
    params = {"paper": paper, "version": __version__, "fonts": fonts, "changed": changed}
    workers = jobs or ((os.cpu_count() or 1) if len(documents) + 1 >= PARALLEL_FROM else 1)

    def one(source: str) -> Typeset | str:
        try:
            return typeset(source, font_paths=font_paths, timeout=timeout)
        except TypesetError as problem:
            return str(problem)

    def run(sources: list[str]) -> list[Typeset | str]:
        if workers > 1 and len(sources) > 1:
            with ThreadPoolExecutor(workers) as pool:  # each job is a Typst process of its own
                return list(progress(pool.map(one, sources), len(sources), "Typesetting"))
        return list(progress(map(one, sources), len(sources), "Typesetting"))

    results: list[tuple[Path, str, Typeset, int]] = []  # (PDF, Typst source, result, documents in it)
    with processor() as proc:
        sheet = Stylesheet(proc, BOOK_XSL)
        header = sheet.parse_text(header_document([d.path for d in documents], register, title=title, editors=editors))
        if offprints:
            prepared: list[tuple[Document, str]] = []
            for number, document in enumerate(documents, start=1):
                try:
                    prepared.append((document, _transform(sheet, header, document.path, {
                        **params, "documents": document.path.resolve().as_uri(), "scope": "document",
                        "first-number": number,
                    })))
                except InputError as problem:
                    problems.append(problem)
            kept = []
            for (document, source), result in zip(prepared, run([source for _, source in prepared])):
                if isinstance(result, str):
                    problems.append(_refusal(document.path, result, [document.path], font_paths))
                else:
                    kept.append(document)
                    results.append((output / document.pdf_name, source, result, 1))
            documents = kept
        while edition and documents:
            try:
                source = _transform(sheet, header, documents[0].path, {
                    **params, "documents": "\n".join(d.path.resolve().as_uri() for d in documents), "scope": "edition",
                })
            except InputError as problem:
                problems.append(problem)
                if Path(problem.path) not in {d.path for d in documents}:
                    break
                documents = [d for d in documents if d.path != Path(problem.path)]
                continue
            (result,) = run([source])
            if isinstance(result, str):
                refusal = _refusal(output / EDITION_PDF, result, [d.path for d in documents], font_paths)
                problems.append(refusal)
                if refusal.path not in {d.path for d in documents}:
                    break
                # The refusal names the document at fault: the book is made of the others.
                documents = [d for d in documents if d.path != refusal.path]
                continue
            results.insert(0, (output / EDITION_PDF, source, result, len(documents)))
            break

    outputs: list[Output] = []
    for pdf_path, source, result, count in results:
        write_atomically(pdf_path, result.pdf)
        if keep_typst:
            write_atomically(pdf_path.with_suffix(".typ"), source.encode("utf-8"))
        outputs.append(Output(pdf_path, result.pages, count, result.warnings))
    return PrintEdition(output, paper, outputs, time.perf_counter() - started, problems)


def _transform(sheet: Stylesheet, header: object, origin: Path, params: dict[str, object]) -> str:
    """The Typst source for ``params``; a failure names the file being printed, not the stylesheet."""
    try:
        return sheet.to_string(header, params)
    except InputError as problem:
        raise InputError(origin, problem.message) from None


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
