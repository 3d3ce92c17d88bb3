"""``teikit export markdown``: each document as Markdown."""

from __future__ import annotations

import click

from teikit.commands import console
from teikit.commands.export_options import edition_of, export_options, guarded, report
from teikit.export.markdown import export_markdown


@click.command("markdown")
@export_options("build/export/markdown")
def markdown_command(sources, output, register, title, editors, base_url) -> None:
    """Write each document as Markdown (NAME.md), for readers and static-site generators.

    YAML front matter from the header (title, date, place, language,
    contributors, licence, speakers), headings, turns opening with the
    speaker's label in bold and an anchor t{n}, notes as footnotes ([^n]).
    Characters Markdown would read as markup are escaped.

    \b
    Example:
        teikit export markdown tei/ -o build/export/markdown
    """
    edition = edition_of(sources, register, title, editors, base_url)
    outcome = guarded(lambda: export_markdown(edition, output, console.progress))
    report(outcome, "Markdown", output, edition)
