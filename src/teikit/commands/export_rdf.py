"""``teikit export rdf``: the edition as linked data (JSON-LD and Turtle, schema.org)."""

from __future__ import annotations

import click

from teikit.commands import console
from teikit.commands.export_options import edition_of, export_options, guarded, report
from teikit.export.rdf import export_rdf


@click.command("rdf")
@export_options("build/export/rdf")
def rdf_command(sources, output, register, title, editors, base_url) -> None:
    """Write the edition as linked data: edition.jsonld and edition.ttl (schema.org).

    The edition is a Collection; each document an ArchiveComponent with its
    date, place, language and licence, the persons and places it is about and
    those it mentions, its contributors, and the edition it is part of. Persons
    and places carry their Wikidata ids where the register gives them. The
    JSON-LD context is written into the file: no reader needs the network.
    IRIs are under --base-url, else under urn:teikit:NAME-OF-THE-EDITION:.

    \b
    Example:
        teikit export rdf tei/ -o build/export/rdf --base-url https://edition.example.org/
    """
    edition = edition_of(sources, register, title, editors, base_url)
    outcome = guarded(lambda: export_rdf(edition, output, console.progress))
    report(outcome, "linked data", output, edition)
