"""``teikit export docx``: Word documents of the edition and of each document."""

from __future__ import annotations

import click

from teikit.commands import console
from teikit.commands.export_options import edition_of, export_options, guarded, report
from teikit.export.docx import export_docx


@click.command("docx")
@export_options("build/export/docx")
@click.option("--edition-only", is_flag=True, help="Write edition.docx only, not one file per document.")
@click.option("--documents-only", is_flag=True, help="Write one file per document only, not edition.docx.")
def docx_command(sources, output, register, title, editors, base_url, edition_only, documents_only) -> None:
    """Write Word documents: edition.docx (every document) and NAME.docx.

    Notes become Word footnotes, headings Word's Heading styles, the speakers'
    labels small capitals; each turn has a bookmark NAME-t{n}. Made through
    pandoc (bundled with teikit), so no word processor is needed.

    \b
    Example:
        teikit export docx tei/ -o build/export/docx
    """
    if edition_only and documents_only:
        raise click.UsageError("--edition-only and --documents-only exclude each other")
    edition = edition_of(sources, register, title, editors, base_url)
    outcome = guarded(lambda: export_docx(edition, output, whole=not documents_only, each=not edition_only,
                                          progress=console.progress))
    report(outcome, "DOCX", output, edition)
