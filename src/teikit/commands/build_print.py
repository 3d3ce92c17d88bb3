"""``teikit build print``: the edition as a book (PDF), and each document as an offprint."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.edition import find_documents, register_of
from teikit.errors import InputError
from teikit.printing.book import EDITION_PDF, PAPERS, build_print
from teikit.printing.typeset import PDF_STANDARDS


@click.command("print")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build/print"),
    show_default=True, help="Folder for the PDFs.",
)
@click.option(
    "--paper", type=click.Choice(PAPERS), default="a5", show_default=True,
    help="a5: the book, close to a monograph's trim; a4: a reviewer's copy with a wide margin for notes.",
)
@console.register_option
@click.option("--edition-only", is_flag=True, help=f"Build {EDITION_PDF} only, no offprints.")
@click.option("--documents-only", is_flag=True, help="Build the offprints only, not the whole edition.")
@click.option("--keep-typst", is_flag=True, help="Also write the Typst source beside each PDF (NAME.typ).")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Processes typesetting at once [default: one per core from 24 PDFs on, else 1].",
)
@console.format_option
def print_command(sources, output, paper, register, edition_only, documents_only, keep_typst, jobs, output_format):
    """Build the print edition: one book of the whole edition, one PDF per document.

    SOURCES are TEI files or folders of them [default: tei/]; register.xml is the
    register, not a document. The book has a title page, contents, the editorial
    principles from the headers, each document (source note, turns with their
    speakers in small caps, translator's notes as footnotes, line numbers
    counted per page), an index of persons with pages, and a ledger of
    omissions and uncertainties. Each document's offprint is named like its
    TEI file. The PDFs are tagged PDF/UA-1 and archival PDF/A-2a, set in the
    fonts bundled with Typst: the same TEI always gives the same bytes.

    Exit status: 0 when the PDFs were written, 2 when a file could not be read
    or typeset (nothing is written then).

    \b
    Example:
        teikit build print
        teikit build print tei/ --paper a4 -o build/review
    """
    if edition_only and documents_only:
        console.error("--edition-only and --documents-only exclude each other: give one, or neither for both")
        raise SystemExit(2)
    try:
        documents = find_documents(sources or (Path("tei"),))
        register = register_of(documents, register)
        if register is None:
            raise InputError((documents[0].parent if documents else Path("tei")) / "register.xml", "the edition's register was not found; name it with --register")
        book = build_print(
            documents, output, register,
            paper=paper, edition=not documents_only, offprints=not edition_only,
            keep_typst=keep_typst, jobs=jobs, progress=console.progress,
        )
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for result in book.outputs:
        for message in result.warnings:
            console.warning(result.path, f"Typst: {message}")
    if output_format == "json":
        console.emit_json(book.as_json())
        return
    standards = " and ".join(f"PDF/{s.split('-')[0].upper()}-{s.split('-')[1]}" for s in PDF_STANDARDS)
    click.echo(f"Built the print edition in {book.folder} ({book.paper.upper()}, {standards}):")
    for result in book.outputs:
        what = (f"{result.documents} document{'s' if result.documents != 1 else ''}"
                if result.path.name == EDITION_PDF else "offprint")
        click.echo(f"  {result.path.name}: {result.pages} pages, {what}")
    click.echo(f"{len(book.outputs)} PDF{'s' if len(book.outputs) != 1 else ''} in {book.seconds:.1f} s.", err=True)
