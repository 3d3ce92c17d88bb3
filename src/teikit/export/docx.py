"""DOCX of the edition and of each document: xslt/export/docx.xsl writes pandoc's Markdown, and
pandoc (bundled by pypandoc-binary) writes the Word document, with real footnotes, Heading
styles and the speakers' labels in small caps."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from teikit.errors import InputError
from teikit.export.batch import Edition, Kept, Outcome, Progress, each_document, no_progress, run
from teikit.export.revisions import edition_revision
from teikit.files import write_atomically

# pandoc holds the whole edition's Markdown and its tree in memory (about 100 times the Markdown's size):
# compacting its oldest generation in place, not copying it, lowers the peak by a quarter for an eighth
# more time (measured on 100 synthetic documents, 7.5 MB of Markdown: 736 MB to 569 MB).
BOOK_RTS = ("+RTS", "-c", "-RTS")
# pandoc's Markdown without "smart" (which would turn -- into a dash and straight quotes into curly ones).
PANDOC_FORMAT = "markdown-smart"


def export_docx(
    edition: Edition, output: Path, *, whole: bool = True, each: bool = True, progress: Progress = no_progress
) -> Outcome:
    """``edition.docx`` (every document) and ``<stem>.docx`` (one each) in ``output``."""
    outcome = Outcome()
    parts: list[str] = []
    revision = edition_revision(edition.documents, edition.register)
    kept = Kept(output, "docx", edition.reuse)
    books = Kept(output, "docx-books", edition.reuse)  # each document's DOCX, by the hash of pandoc's input
    # pandoc takes most of the time, in a process of its own per document: several run side by side
    # while the stylesheet writes the next documents' Markdown.
    with (_dated(revision.date), run("docx.xsl", edition) as docx,
          ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool):
        book_metadata = docx.to_string(docx.header, None)
        pending: list[tuple[Path, Future[bytes]]] = []
        # The text is transformed once (its footnotes labelled as in the book, which Word numbers anew):
        # only the front matter of its own DOCX, or its heading in the book's, differ.
        transforms = [{"in-book": True, "title-heading": False},
                      *([{"part": "front-matter"}] if each else []), *([{"part": "title"}] if whole else [])]
        for document, made in each_document(edition, "docx.xsl", transforms, progress, "DOCX", kept):
            if isinstance(made, InputError):
                outcome.problems.append(made)
                continue
            body = made[0]
            if whole:
                parts.append(made[-1] + "\n\n" + body)
            if each:
                markdown = made[1] + "\n\n" + body
                key = hashlib.sha256(f"{_pandoc_version()}\0{os.environ['SOURCE_DATE_EPOCH']}\0{markdown}".encode()).hexdigest()
                book = books.get(key)
                pending.append((output / f"{edition.name(document)}.docx",
                                _done(book) if book is not None else pool.submit(_kept_pandoc, books, key, markdown, document)))
        if whole and parts:
            path = output / "edition.docx"
            pending.append((path, pool.submit(_pandoc, "\n\n".join([book_metadata, *parts]), path, BOOK_RTS)))
        for path, future in pending:
            try:
                write_atomically(path, future.result())
            except InputError as problem:
                outcome.problems.append(problem)
                continue
            outcome.written.append(path)
    kept.prune()
    books.prune()
    outcome.reused = kept.taken
    return outcome


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


def _pandoc(markdown: str, blame: Path, options: tuple[str, ...] = ()) -> bytes:
    import pypandoc  # noqa: PLC0415 (pandoc is looked for only when a DOCX is wanted)

    with tempfile.TemporaryDirectory(prefix="teikit-docx-") as scratch:
        target = Path(scratch) / "out.docx"
        try:
            pypandoc.convert_text(markdown, "docx", format=PANDOC_FORMAT, outputfile=str(target), sandbox=True,
                                 extra_args=list(options))
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
