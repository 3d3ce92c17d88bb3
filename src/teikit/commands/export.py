"""``teikit export``: the edition's TEI in other forms."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.commands.export_docx import docx_command
from teikit.commands.export_dts import dts_command
from teikit.commands.export_epub import epub_command
from teikit.commands.export_markdown import markdown_command
from teikit.commands.export_publisher import publisher_command
from teikit.commands.export_rdf import rdf_command
from teikit.commands.export_tables import csv_command, json_command, tsv_command
from teikit.errors import InputError
from teikit.export.text import export_each
from teikit.files import write_atomically


def _target(folder: Path, document: Path, taken: set[Path]) -> Path:
    """``folder/<stem>.txt``; two documents of one stem (from two folders) get their folder's name too."""
    target = folder / f"{document.stem}.txt"
    if target in taken:
        target = folder / f"{document.parent.name}-{document.stem}.txt"
    number = 2
    while target in taken:
        target, number = folder / f"{document.parent.name}-{document.stem}-{number}.txt", number + 1
    taken.add(target)
    return target


@click.group("export")
def export_group() -> None:
    """Write TEI files out in other forms.

    \b
    Example:
        teikit export text tei/1990-11-19-paris-gorbachev-bush.xml
    """


@export_group.command("text")
@click.argument("documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A .txt file (one document) or a folder (one .txt per document) [default: standard output].",
)
def export_text_command(documents: tuple[Path, ...], output: Path | None) -> None:
    """Write TEI as plain text: a converted transcript back in its own conventions.

    A TEI file that teikit converted comes back as its transcript: speaker labels,
    square brackets, **bold**, *italics*, [links](…), == headings == and blank lines
    where the converter read them, and the archive's description from the header
    where the archive printed it; the result equals the transcript once runs of
    white space are folded. Any other TEI is written as readable plain text with
    every word of its text: front and back matter, inner texts in order, turns with
    their speakers, verse lines with their numbers, one reading of each choice and
    the lemma of each apparatus, tables, lists, figure descriptions and notes.

    Exit status: 0 when every document was written, 2 when a document could not be
    read or written back (one line each; the others are still written).

    \b
    Example:
        teikit export text tei/1990-11-19-paris-gorbachev-bush.xml
        teikit export text tei/*.xml -o build/export/text/
    """
    if len(documents) > 1 and (output is None or output.suffix == ".txt"):
        raise click.UsageError("several documents need -o FOLDER")
    failed = 0
    names: set[Path] = set()
    for document, text in export_each(list(documents)):
        if isinstance(text, InputError):
            console.error(text)
            failed += 1
            continue
        if output is None:
            click.echo(text, nl=False)
            continue
        target = output if output.suffix == ".txt" else _target(output, document, names)
        try:
            write_atomically(target, text.encode("utf-8"))
        except OSError as exc:
            console.error(InputError(target, f"cannot be written: {exc.strerror or exc}"))
            failed += 1
            continue
        click.echo(f"{document} → {target}", err=True)
    if failed:
        raise SystemExit(2)


export_group.add_command(csv_command)
export_group.add_command(tsv_command)
export_group.add_command(json_command)
export_group.add_command(epub_command)
export_group.add_command(markdown_command)
export_group.add_command(docx_command)
export_group.add_command(rdf_command)
export_group.add_command(publisher_command)
export_group.add_command(dts_command)
