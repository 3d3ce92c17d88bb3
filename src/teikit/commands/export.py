"""``teikit export``: the edition's TEI in other forms."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.commands.export_docx import docx_command
from teikit.commands.export_epub import epub_command
from teikit.commands.export_markdown import markdown_command
from teikit.commands.export_publisher import publisher_command
from teikit.commands.export_rdf import rdf_command
from teikit.commands.export_tables import csv_command, json_command, tsv_command
from teikit.errors import InputError
from teikit.export.text import export_texts
from teikit.files import write_atomically


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
    """Write TEI back in the transcript's own conventions.

    Speaker labels, square brackets, **bold**, *italics*, [links](…), == headings ==
    and blank lines come back where the converter read them, and the archive's
    description returns from the header to where the archive printed it. The
    result equals the transcript once runs of white space are folded.

    \b
    Example:
        teikit export text tei/1990-11-19-paris-gorbachev-bush.xml
        teikit export text tei/*.xml -o build/text/
    """
    if len(documents) > 1 and (output is None or output.suffix == ".txt"):
        raise click.UsageError("several documents need -o FOLDER")
    try:
        texts = export_texts(list(documents))
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    if output is None:
        click.echo(texts[0], nl=False)
        return
    for document, text in zip(documents, texts, strict=True):
        target = output if output.suffix == ".txt" else output / f"{document.stem}.txt"
        write_atomically(target, text.encode("utf-8"))
        click.echo(f"{document} → {target}", err=True)


export_group.add_command(csv_command)
export_group.add_command(tsv_command)
export_group.add_command(json_command)
export_group.add_command(epub_command)
export_group.add_command(markdown_command)
export_group.add_command(docx_command)
export_group.add_command(rdf_command)
export_group.add_command(publisher_command)
