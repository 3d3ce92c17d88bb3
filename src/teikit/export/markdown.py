"""Markdown of each document (xslt/export/markdown.xsl), for readers and static-site generators."""

from __future__ import annotations

from pathlib import Path

from teikit.errors import InputError
from teikit.export.batch import Edition, Outcome, Progress, no_progress, run
from teikit.files import write_atomically


def export_markdown(edition: Edition, output: Path, progress: Progress = no_progress) -> Outcome:
    """``<stem>.md`` for each document in ``output``."""
    outcome = Outcome()
    with run("markdown.xsl", edition) as markdown:
        for document in progress(edition.documents, len(edition.documents), "Markdown"):
            try:
                text = markdown.to_string(markdown.parse(document), document)
            except InputError as problem:
                outcome.problems.append(problem)
                continue
            path = output / f"{edition.name(document)}.md"
            write_atomically(path, text.encode("utf-8"))
            outcome.written.append(path)
    return outcome
