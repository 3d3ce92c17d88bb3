"""``teikit export dts``: the edition as a static Distributed Text Services API."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.dts.static import export_dts
from teikit.errors import InputError
from teikit.executors import Executor


@click.command("dts")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build/web/dts"),
              show_default=True, help="The folder to write (replaced whole).")
@click.option("--base-url", default=None,
              help="Where the folder is published, e.g. https://edition.example.org/dts/ [default: /NAME-OF-THE-FOLDER/].")
@click.option("--collections-by", type=click.Choice(["auto", "kind", "folder"]), default="auto", show_default=True,
              help="Group the documents by the kind their headers name, or by folder.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Read the documents for the index in N local processes.")
@console.executor_options
@click.option("--clean", is_flag=True,
              help="Read every document and make every file again, not taking what the export into the same "
                   "folder made of the unchanged documents (kept in its .teikit-kept/).")
def dts_command(sources: tuple[Path, ...], output: Path, base_url: str | None, collections_by: str, jobs: int,
                executor: str, scheduler: str | None, clean: bool) -> None:
    """Write the TEI as a static Distributed Text Services 1.0 API (Level 0).

    Every response is a file under path-style URI templates: the entry endpoint
    is OUTPUT/index.json, collections collection/ID.json, navigation
    navigation/ID;down=N/REF.json, passages document/ID/REF.xml, and ranges
    document/ID/START/END.xml: of up to 10 consecutive units with one parent (turns,
    sections, a turn's paragraphs), and of any two top-level units in a document
    with at most 20 (other ranges grow with the square of a document: the live
    server, `teikit serve --dts`, answers them). Put the folder on any static host.
    SOURCES are TEI files or folders [default: tei/].

    Exporting into the same folder again reads only the documents that changed,
    and takes the files of the others from the folder it replaces (its
    .teikit-kept/ holds the index and what each document's files were made
    from; it need not be published).

    Exit status: 0 when every document was exported, 2 when one could not be read
    (one line each; the others are still exported).

    \b
    Example:
        teikit export dts tei/ -o build/web/dts --base-url https://edition.example.org/dts/
    """
    try:
        exported = export_dts(list(sources) or [Path("tei")], output, base_url, collections_by,
                              executor=Executor(executor, jobs, scheduler), reuse=not clean)
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for problem in exported.problems:
        console.error(problem)
    reused = exported.reused
    taken = f" ({reused} document{'s' if reused != 1 else ''} unchanged since the last export, taken from it)" if reused else ""
    click.echo(f"DTS: {exported.files} files → {output}/ (entry: {output}/index.json){taken}", err=True)
    if exported.problems:
        raise SystemExit(2)
