"""Markdown of each document (xslt/export/markdown.xsl), for readers and static-site generators."""

from __future__ import annotations

from pathlib import Path

from teikit.errors import InputError
from teikit.export.batch import Edition, Kept, Outcome, Progress, each_document, no_progress
from teikit.files import write_atomically


def export_markdown(edition: Edition, output: Path, progress: Progress = no_progress) -> Outcome:
    """``<stem>.md`` for each document in ``output``."""
    outcome = Outcome()
    kept = Kept(output, "markdown", edition.reuse)
    for document, texts in each_document(edition, "markdown.xsl", progress=progress, label="Markdown", kept=kept):
        if isinstance(texts, InputError):
            outcome.problems.append(texts)
            continue
        path = output / f"{edition.name(document)}.md"
        write_atomically(path, texts[0].encode("utf-8"))
        outcome.written.append(path)
    kept.prune()
    outcome.reused = kept.taken
    return outcome
