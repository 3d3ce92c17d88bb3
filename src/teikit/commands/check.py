"""``teikit check``: is every word of the transcript still in the TEI?"""

from __future__ import annotations

from pathlib import Path

import click

from teikit.check import MAX_TRANSCRIPT_MB, Difference, check_recorded, compare, read_checked, recorded_transcript
from teikit.commands import console
from teikit.errors import InputError
from teikit.export.text import export_each


@click.command("check")
@click.argument("documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--against",
    "transcript",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The transcript to compare with [default: the one the TEI file records in its revisionDesc, "
    "if it lies inside the project: the folder above the TEI file's folder].",
)
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=MAX_TRANSCRIPT_MB,
    show_default=True,
    metavar="MB",
    help="The largest transcript read, in megabytes.",
)
@console.format_option
def check_command(documents: tuple[Path, ...], transcript: Path | None, max_size: int, output_format: str) -> None:
    """Compare TEI files with their transcripts, word for word.

    Each TEI file is written back in the transcript's conventions (as by
    `teikit export text`) and compared with the transcript, runs of white space
    folded. Every difference is reported at its place in the transcript as
    `transcript:line:column: expected "…" found "…"`.

    Exit status: 0 when nothing differs, 1 when something does, 2 when a file
    cannot be read (the others are still compared).

    \b
    Example:
        teikit check tei/1990-11-19-paris-gorbachev-bush.xml --against seeds/001_f551d9c3658c04f1.txt
        teikit check tei/19*.xml
    """
    if transcript is not None and len(documents) > 1:
        raise click.UsageError("--against compares one TEI file; leave it out to use each file's recorded transcript")
    results: list[tuple[Path, Path, list[Difference]]] = []
    problems: list[InputError] = []
    sources: dict[Path, Path] = {}
    for document in documents:
        try:
            source = transcript or recorded_transcript(document)
            if source is None:
                raise InputError(document, "records no transcript in its revisionDesc; name one with --against")
            if transcript is None:
                check_recorded(document, source)
            sources[document] = source
        except InputError as problem:
            problems.append(problem)
    for document, exported in export_each(list(sources)):
        try:
            if isinstance(exported, InputError):
                raise exported
            source = sources[document]
            results.append((document, source, compare(read_checked(source, max_size), exported)))
        except InputError as problem:
            problems.append(problem)
    if output_format == "json":
        console.emit_json(
            [
                {
                    "document": str(document),
                    "transcript": str(source),
                    "differences": [d.__dict__ for d in differences],
                }
                for document, source, differences in results
            ]
            + [{"document": str(p.path), "error": str(p)} for p in problems]
        )
    else:
        for problem in problems:
            console.error(problem)
        for document, source, differences in results:
            for difference in differences:
                click.echo(difference.describe(source))
            verdict = (
                f"{len(differences)} difference{'s' if len(differences) != 1 else ''}" if differences else "matches"
            )
            click.echo(f"{document}: {verdict} {'from' if differences else ''} {source}".replace("  ", " "), err=True)
    if problems:
        raise SystemExit(2)
    if any(differences for _, _, differences in results):
        raise SystemExit(1)
