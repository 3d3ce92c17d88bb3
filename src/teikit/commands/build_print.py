"""``teikit build print``: the edition as a book (PDF), and each document as an offprint."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.edition import find_documents, register_of
from teikit.errors import InputError
from teikit.printing.book import EDITION_PDF, GB_PER_MB, MAX_DOCUMENT_MB, PAPERS, build_print
from teikit.printing.parts import PART_MB
from teikit.printing.typeset import DEFAULT_TIMEOUT, PDF_STANDARDS
from teikit.processes import ended_as_by_ctrl_c


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
@click.option("--title", default=None, help="The edition's title [default: the register's, else the documents' shared one].")
@click.option("--editor", "editors", multiple=True, metavar="NAME",
              help="An editor of the edition (repeat for several) [default: the register's, else the documents' shared ones].")
@click.option(
    "--font-path", "font_paths", multiple=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="DIR", help="A folder of fonts for characters the bundled ones lack, e.g. /usr/share/fonts/opentype/noto "
    "for Chinese, Japanese, Korean (repeat for several); the PDFs stay reproducible with the same fonts.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
    help="Longest Typst may take for one PDF; a document that would take longer is reported and left out.",
)
@click.option(
    "--max-document-size", "max_document_mb", type=click.FloatRange(min=0, min_open=True), default=MAX_DOCUMENT_MB,
    show_default=True, metavar="MB",
    help=f"Largest TEI file typeset; a larger one is left out at once, with a line saying so: Typst needs about "
         f"{GB_PER_MB:g} GB of memory per MB of TEI.",
)
@click.option(
    "--part-size", "part_mb", type=click.FloatRange(min=0, min_open=True), default=PART_MB, show_default=True,
    metavar="MB",
    help=f"A book of more TEI than this is typeset in parts of about this size, one Typst process each, merged into "
         f"one {EDITION_PDF}: the same book in bounded memory (a part of {PART_MB:g} MB needs some 300 MB).",
)
@click.option("--edition-only", is_flag=True, help=f"Build {EDITION_PDF} only, no offprints.")
@click.option("--documents-only", is_flag=True, help="Build the offprints only, not the whole edition.")
@click.option("--keep-typst", is_flag=True, help="Also write the Typst source beside each PDF (NAME.typ).")
@click.option(
    "--clean", is_flag=True,
    help="Typeset everything again; by default an offprint or a part of the book whose Typst source is unchanged "
         "since the print edition shown at the output is taken from it (the same bytes).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Processes typesetting at once [default: one per core from 24 PDFs on, else 1].",
)
@console.format_option
def print_command(sources, output, paper, register, title, editors, font_paths, timeout, max_document_mb, part_mb,
                  edition_only, documents_only, keep_typst, clean, jobs, output_format):
    """Build the print edition: one book of the whole edition, one PDF per document.

    SOURCES are TEI files or folders of them [default: tei/]; register.xml is the
    register, not a document. No register is needed: the edition's title and
    editors then come from the documents' headers or from --title and --editor,
    the index from the persons and places the documents list or name. The book
    has a title page, contents, the editorial principles from the headers, each
    document (source note, turns with their speakers in small caps and their
    numbers in the margin, notes as footnotes, line numbers counted per page),
    an index of persons and one of places, a ledger of omissions and
    uncertainties, and the encoding as an appendix. Each document's offprint is
    named like its TEI file. The PDFs are tagged PDF/UA-1 and archival PDF/A-2a,
    set in the fonts bundled with Typst (and those of --font-path): the same
    TEI always gives the same bytes.

    Exit status: 0 when the PDFs were written; 1 when some documents could not
    be read or typeset (each gets a line; the book is made of the others); 2
    when nothing could be printed.

    \b
    Example:
        teikit build print
        teikit build print tei/ --paper a4 -o build/review
        teikit build print corpus/ --title "Letters of 1848" --font-path /usr/share/fonts/opentype/noto
    """
    if edition_only and documents_only:
        console.error("--edition-only and --documents-only exclude each other: give one, or neither for both")
        raise SystemExit(2)
    try:
        documents = find_documents(sources or (Path("tei"),))
        register = register_of(documents, register)
        with ended_as_by_ctrl_c():
            book = build_print(
                documents, output, register, title=title, editors=editors,
                paper=paper, edition=not documents_only, offprints=not edition_only,
                keep_typst=keep_typst, font_paths=font_paths, timeout=timeout, jobs=jobs, max_document_mb=max_document_mb,
                part_mb=part_mb, clean=clean, progress=console.progress,
            )
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for problem in book.problems:
        console.error(problem)
    if not book.outputs:
        raise SystemExit(2)
    for result in book.outputs:
        for message in result.warnings:
            console.warning(result.path, f"Typst: {message}")
    if output_format == "json":
        console.emit_json(book.as_json())
        raise SystemExit(1 if book.problems else 0)
    standards = " and ".join(f"PDF/{s.split('-')[0].upper()}-{s.split('-')[1]}" for s in PDF_STANDARDS)
    click.echo(f"Built the print edition in {book.folder} ({book.paper.upper()}, {standards}):")
    for result in book.outputs:
        what = (f"{result.documents} document{'s' if result.documents != 1 else ''}"
                if result.path.name == EDITION_PDF else "offprint")
        click.echo(f"  {result.path.name}: {result.pages} pages, {what}")
    taken = f", {book.taken} unchanged typesetting{'s' if book.taken != 1 else ''} taken from the previous build" \
        if book.taken else ""
    click.echo(f"{len(book.outputs)} PDF{'s' if len(book.outputs) != 1 else ''} in {book.seconds:.1f} s{taken}.", err=True)
    if book.problems:
        left = len({str(p.path) for p in book.problems})
        click.echo(f"{left} file{'s' if left != 1 else ''} left out: see the lines above.", err=True)
        raise SystemExit(1)
