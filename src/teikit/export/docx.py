"""DOCX of the edition and of each document: xslt/export/docx.xsl writes pandoc's Markdown, and
pandoc (bundled by pypandoc-binary) writes the Word document, with real footnotes, Heading
styles and the speakers' labels in small caps."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from teikit.errors import InputError
from teikit.export.batch import Edition, Outcome, Progress, no_progress, run
from teikit.export.revisions import edition_revision
from teikit.files import write_atomically

# pandoc's Markdown without "smart" (which would turn -- into a dash and straight quotes into curly ones).
PANDOC_FORMAT = "markdown-smart"


def export_docx(
    edition: Edition, output: Path, *, whole: bool = True, each: bool = True, progress: Progress = no_progress
) -> Outcome:
    """``edition.docx`` (every document) and ``<stem>.docx`` (one each) in ``output``."""
    outcome = Outcome()
    parts: list[str] = []
    revision = edition_revision(edition.documents, edition.register)
    with run("docx.xsl", edition) as docx:
        book_metadata = docx.to_string(docx.header, None)
        for document in progress(edition.documents, len(edition.documents), "DOCX"):
            try:
                source = docx.parse(document)
                if each:
                    single = docx.to_string(source, document, {"title-heading": False})
                if whole:
                    parts.append(docx.to_string(source, document, {"in-book": True}))
            except InputError as problem:
                outcome.problems.append(problem)
                continue
            if each:
                path = output / f"{document.stem}.docx"
                write_atomically(path, _pandoc(single, revision.date, document))
                outcome.written.append(path)
    if whole and parts:
        path = output / "edition.docx"
        write_atomically(path, _pandoc("\n\n".join([book_metadata, *parts]), revision.date, path))
        outcome.written.append(path)
    return outcome


def _pandoc(markdown: str, date: str, blame: Path) -> bytes:
    import pypandoc  # noqa: PLC0415 (pandoc is looked for only when a DOCX is wanted)

    # pandoc dates the document with SOURCE_DATE_EPOCH when it is set: the edition's date, not today.
    epoch = int(datetime.fromisoformat(date or "2000-01-01").replace(tzinfo=timezone.utc).timestamp())
    with tempfile.TemporaryDirectory(prefix="teikit-docx-") as scratch:
        target = Path(scratch) / "out.docx"
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(max(epoch, 315532800))
        try:
            pypandoc.convert_text(markdown, "docx", format=PANDOC_FORMAT, outputfile=str(target), sandbox=True)
        except (RuntimeError, OSError) as exc:
            raise InputError(blame, f"pandoc could not write the DOCX: {' '.join(str(exc).split())}") from None
        finally:
            if previous is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous
        return target.read_bytes()
