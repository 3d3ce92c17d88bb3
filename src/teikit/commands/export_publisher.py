"""``teikit export tei-publisher``: a data package for a TEI Publisher application."""

from __future__ import annotations

import click

from teikit.commands.export_options import edition_of, export_options, guarded, report
from teikit.export.publisher import export_publisher


@click.command("tei-publisher")
@export_options("build/export/tei-publisher")
def publisher_command(sources, output, register, title, editors, base_url) -> None:
    """Write a TEI Publisher data package (NAME-data.xar).

    The package (an EXPath .xar) holds expath-pkg.xml, repo.xml and the TEI
    files, unchanged, under data/ (the register too), as TEI Publisher's data
    template lays them out. Install it from eXist-db's package manager; point
    the application's config.xqm at the NAME-data collection.

    \b
    Example:
        teikit export tei-publisher tei/ -o build/export/tei-publisher
    """
    edition = edition_of(sources, register, title, editors, base_url)
    outcome = guarded(lambda: export_publisher(edition, output))
    report(outcome, "the TEI Publisher package", output, edition)
