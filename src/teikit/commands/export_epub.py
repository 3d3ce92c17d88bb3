"""``teikit export epub``: EPUB 3 of the edition and of each document."""

from __future__ import annotations

import click

from teikit.commands import console
from teikit.commands.export_options import edition_of, export_options, guarded, report
from teikit.export.epub import export_epub


@click.command("epub")
@export_options("build/export/epub")
@click.option("--edition-only", is_flag=True, help="Write edition.epub only, not one book per document.")
@click.option("--documents-only", is_flag=True, help="Write one book per document only, not edition.epub.")
def epub_command(sources, output, register, title, editors, base_url, edition_only, documents_only) -> None:
    """Write EPUB 3 books: edition.epub (every document a chapter) and NAME.epub.

    Each book has its contents (nav.xhtml), the metadata of the headers, the
    language of each part, notes as footnotes linked both ways, omissions and
    supplied words marked as on the web. Two builds of the same TEI give the
    same bytes. EPUBCheck reports no error and no warning on them.

    \b
    Example:
        teikit export epub tei/ -o build/export/epub
    """
    if edition_only and documents_only:
        raise click.UsageError("--edition-only and --documents-only exclude each other")
    edition = edition_of(sources, register, title, editors, base_url)
    outcome = guarded(lambda: export_epub(edition, output, whole=not documents_only, each=not edition_only,
                                          progress=console.progress))
    report(outcome, "EPUB", output, edition)
