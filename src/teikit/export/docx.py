"""DOCX of the edition and of each document: xslt/export/docx.xsl writes pandoc's Markdown, and
pandoc (bundled by pypandoc-binary) writes each document's Word document, with real footnotes,
Heading styles and the speakers' labels in small caps. The edition's is joined from those
(teikit.export.docx_book), since pandoc's memory grows with what it is given whole."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from pathlib import Path

from teikit.errors import InputError
from teikit.export.batch import Edition, Kept, Outcome, Progress, each_document, no_progress, run
from teikit.export.docx_book import Book
from teikit.export.revisions import edition_revision
from teikit.files import atomic_file, write_atomically

# pandoc's Markdown without "smart" (which would turn -- into a dash and straight quotes into curly ones).
PANDOC_FORMAT = "markdown-smart"


def export_docx(
    edition: Edition, output: Path, *, whole: bool = True, each: bool = True, progress: Progress = no_progress
) -> Outcome:
    """``edition.docx`` (every document) and ``<stem>.docx`` (one each) in ``output``."""
    outcome = Outcome()
    revision = edition_revision(edition.documents, edition.register)
    kept = Kept(output, "docx", edition.reuse)
    books = Kept(output, "docx-books", edition.reuse)  # each document's DOCX, by the hash of pandoc's input
    workers = os.cpu_count() or 1
    # pandoc takes most of the time, in a process of its own per document: several run side by side
    # while the stylesheet writes the next documents' Markdown. Their DOCX are taken in the documents'
    # order, written and joined into the book as they come, a few at a time, so memory stays that of
    # a few documents.
    with (_dated(revision.date), run("docx.xsl", edition) as docx, ThreadPoolExecutor(max_workers=workers) as pool,
          ExitStack() as stack):
        front = _pandoc(docx.to_string(docx.header, None), output / "edition.docx") if whole else b""
        book: list[Book] = []  # the edition's, opened when its first document is ready
        waiting: deque[tuple[Path, Future[bytes]]] = deque()

        def take(limit: int) -> None:
            while waiting and (len(waiting) > limit or waiting[0][1].done()):
                document, future = waiting.popleft()
                try:
                    data = future.result()
                except InputError as problem:
                    outcome.problems.append(problem)
                    continue
                if each:
                    path = output / f"{edition.name(document)}.docx"
                    write_atomically(path, data)
                    outcome.written.append(path)
                if whole:
                    if not book:
                        book.append(stack.enter_context(_book(front, output / "edition.docx")))
                    book[0].add(data, f"{edition.name(document)}-title")

        # The text is transformed once (its footnotes labelled as in the book, which Word numbers anew);
        # its own DOCX adds the front matter, which the book makes its heading.
        transforms = [{"in-book": True, "title-heading": False}, {"part": "front-matter"}]
        for document, made in each_document(edition, "docx.xsl", transforms, progress, "DOCX", kept):
            if isinstance(made, InputError):
                outcome.problems.append(made)
                continue
            markdown = made[1] + "\n\n" + made[0]
            key = hashlib.sha256(f"{_pandoc_version()}\0{os.environ['SOURCE_DATE_EPOCH']}\0{markdown}".encode()).hexdigest()
            data = books.get(key)
            waiting.append((document, _done(data) if data is not None else pool.submit(_kept_pandoc, books, key, markdown, document)))
            take(2 * workers)
        take(0)
    if book:
        outcome.written.append(output / "edition.docx")
    kept.prune()
    books.prune()
    outcome.reused = kept.taken
    return outcome


@contextmanager
def _book(front: bytes, path: Path) -> Iterator[Book]:
    with atomic_file(path) as handle:
        book = Book(front, handle)
        yield book
        book.close()


def _done(data: bytes) -> Future[bytes]:
    future: Future[bytes] = Future()
    future.set_result(data)
    return future


def _kept_pandoc(books: Kept, key: str, markdown: str, blame: Path) -> bytes:
    data = _pandoc(markdown, blame)
    books.put(key, data)
    return data


@functools.cache
def _pandoc_version() -> str:
    import pypandoc  # noqa: PLC0415

    return pypandoc.get_pandoc_version()


def _pandoc(markdown: str, blame: Path) -> bytes:
    import pypandoc  # noqa: PLC0415 (pandoc is looked for only when a DOCX is wanted)

    with tempfile.TemporaryDirectory(prefix="teikit-docx-") as scratch:
        target = Path(scratch) / "out.docx"
        try:
            pypandoc.convert_text(markdown, "docx", format=PANDOC_FORMAT, outputfile=str(target), sandbox=True)
        except (RuntimeError, OSError) as exc:
            raise InputError(blame, f"pandoc could not write the DOCX: {' '.join(str(exc).split())}") from None
        return target.read_bytes()


@contextmanager
def _dated(date: str) -> Iterator[None]:
    """pandoc dates the document with SOURCE_DATE_EPOCH when it is set: the edition's date, not today.
    Set once for every pandoc of the run (threads must not set and restore it one by one)."""
    epoch = int(datetime.fromisoformat(date or "2000-01-01").replace(tzinfo=timezone.utc).timestamp())
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(max(epoch, 315532800))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
