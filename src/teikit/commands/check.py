"""``teikit check``: is every word of the transcript still in the TEI?"""

from __future__ import annotations

from pathlib import Path

import click

from teikit.check import compare, recorded_transcript
from teikit.commands import console
from teikit.convert.source import read_transcript
from teikit.errors import InputError
from teikit.export.text import export_texts


@click.command("check")
@click.argument("documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--against",
    "transcript",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The transcript to compare with [default: the one the TEI file records in its revisionDesc].",
)
@console.format_option
def check_command(documents: tuple[Path, ...], transcript: Path | None, output_format: str) -> None:
    """Compare TEI files with their transcripts, word for word.

    Each TEI file is written back in the transcript's conventions (as by
    `teikit export text`) and compared with the transcript, runs of white space
    folded. Every difference is reported at its place in the transcript as
    `transcript:line:column: expected "…" found "…"`.

    Exit status: 0 when nothing differs, 1 when something does, 2 when a file
    cannot be read.

    \b
    Example:
        teikit check tei/1990-11-19-paris-gorbachev-bush.xml --against seeds/001_f551d9c3658c04f1.txt
        teikit check tei/19*.xml
    """
    if transcript is not None and len(documents) > 1:
        raise click.UsageError("--against compares one TEI file; leave it out to use each file's recorded transcript")
    results = []
    try:
        pairs = [(d, transcript or recorded_transcript(d)) for d in documents]
        for document, source in pairs:
            if source is None:
                raise InputError(document, "records no transcript in its revisionDesc; name one with --against")
        texts = export_texts([d for d, _ in pairs])
        for (document, source), exported in zip(pairs, texts, strict=True):
            results.append((document, source, compare(read_transcript(source), exported)))
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
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
        )
    else:
        for document, source, differences in results:
            for difference in differences:
                click.echo(difference.describe(source))
            verdict = (
                f"{len(differences)} difference{'s' if len(differences) != 1 else ''}" if differences else "matches"
            )
            click.echo(f"{document}: {verdict} {'from' if differences else ''} {source}".replace("  ", " "), err=True)
    if any(differences for _, _, differences in results):
        raise SystemExit(1)
