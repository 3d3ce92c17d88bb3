"""``teikit export csv|tsv|json``: the edition as data tables with a Frictionless data package."""

from __future__ import annotations

import click

from teikit.commands import console
from teikit.commands.export_options import edition_of, export_options, guarded, report
from teikit.export.tables import export_tables


def tables_command(table_format: str) -> click.Command:
    @click.command(table_format)
    @export_options(f"build/export/{table_format}")
    def command(sources, output, register, title, editors, base_url) -> None:
        edition = edition_of(sources, register, title, editors, base_url)
        outcome = guarded(lambda: export_tables(edition, output, table_format, console.progress))
        report(outcome, f"the tables ({table_format.upper()})", output, edition)

    command.__doc__ = f"""Write the edition as data tables ({table_format.upper()}), one row per turn.

    SOURCES are TEI files or folders of them [default: tei/]. Writes turns.{table_format}
    (document, date, place, turn number and permalink, speaker, label as printed,
    the turn's text as `teikit export text` writes it, persons and places named,
    counts of gaps, supplied words and notes; the text between turns has rows of
    its own), documents.{table_format}, persons.{table_format}, places.{table_format},
    one by-document/NAME.{table_format} per document, and datapackage.json, the
    Frictionless description of every column.

    Exit status: 0 when every document was exported, 1 when some could not be
    (the others are written), 2 when nothing could be read.

    \b
    Example:
        teikit export {table_format} tei/ -o build/export/{table_format}
    """
    return command


csv_command = tables_command("csv")
tsv_command = tables_command("tsv")
json_command = tables_command("json")
