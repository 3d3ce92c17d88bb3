"""``teikit convert``: transcripts to TEI files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from teikit.commands import console
from teikit.convert.draft import STYLES
from teikit.convert.register import REGISTER_FILE, Register
from teikit.convert.transcript import convert
from teikit.errors import InputError
from teikit.files import write_atomically


@dataclass
class Outcome:
    source: Path
    status: str  # written, unchanged, skipped, kept, error
    output: Path | None = None
    style: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    problem: InputError | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "source": str(self.source),
            "status": self.status,
            "output": str(self.output) if self.output else None,
            "style": self.style,
            "counts": self.counts,
            "warnings": self.warnings,
            "error": str(self.problem) if self.problem else None,
        }


def expand(sources: tuple[Path, ...]) -> tuple[list[Path], list[InputError]]:
    """The transcripts named by ``sources``: files as given, folders as the .txt files in them."""
    files: list[Path] = []
    problems: list[InputError] = []
    for source in sources:
        if source.is_dir():
            found = sorted(p for p in source.iterdir() if p.suffix == ".txt" and p.is_file())
            if not found:
                problems.append(InputError(source, "folder has no .txt transcripts to convert"))
            files += found
        else:
            files.append(source)
    return files, problems


def _convert_one(source: Path, folder: Path, register: Register, options: dict, taken: set[Path]) -> Outcome:
    try:
        conversion = convert(source, folder, register, options["style"], options["lang"])
    except InputError as problem:
        return Outcome(source, "error", problem=problem)
    output = folder / conversion.name
    number = 2
    while output in taken:  # two transcripts of one meeting: the second gets its own file
        output = folder / f"{Path(conversion.name).stem}-{number}.xml"
        number += 1
    taken.add(output)
    outcome = Outcome(source, "written", output, conversion.draft.style, conversion.counts, conversion.draft.warnings)
    if output.exists():
        if output.read_bytes() == conversion.document:
            outcome.status = "unchanged"
            return outcome
        if options["skip_existing"]:
            outcome.status = "skipped"
            return outcome
        if not options["force"]:
            outcome.status = "kept"
            outcome.problem = InputError(
                output,
                f"not overwritten: it differs from a fresh conversion of {source} (an editor may have "
                "enriched it); compare them with `teikit check`, or use --force to replace it",
            )
            return outcome
    write_atomically(output, conversion.document)
    return outcome


def _describe(outcome: Outcome) -> str:
    counts = ", ".join(f"{n} {what}" for what, n in outcome.counts.items())
    kind = STYLES.get(outcome.style or "", "")
    detail = f" ({kind}{': ' + counts if counts else ''})" if kind else ""
    verb = {"written": "written", "unchanged": "unchanged", "skipped": "exists, left as it is"}[outcome.status]
    return f"{outcome.source} → {outcome.output}: {verb}{detail}"


@click.command("convert")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tei"),
    show_default=True,
    help="Folder for the TEI files.",
)
@click.option(
    "--style",
    type=click.Choice(sorted(STYLES)),
    default=None,
    help="Read every source in this style instead of recognising it.",
)
@click.option("--force", is_flag=True, help="Overwrite TEI files that differ from a fresh conversion.")
@click.option(
    "--skip-existing", is_flag=True, help="Leave sources whose TEI file exists alone (used by `make edition`)."
)
@click.option(
    "--register",
    "register_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="The edition's register of persons and places [default: register.xml in the output folder].",
)
@click.option("--lang", default="en", show_default=True, help="Language of the transcripts (xml:lang).")
@console.format_option
def convert_command(sources, folder, style, force, skip_existing, register_file, lang, output_format) -> None:
    """Convert transcripts into TEI P5, one file per transcript.

    SOURCES are text files or folders of .txt files. Each is read as a record of
    conversation (speaker labels), an encyclopedia article (== headings) or plain
    text, and written to the output folder under a name made from its date, place
    and participants. A TEI file that differs from a fresh conversion is never
    overwritten without --force: an editor may have enriched it.

    Exit status: 0 when all went well, 1 when a TEI file was kept, 2 when a source
    could not be read.

    \b
    Example:
        teikit convert seeds/
        teikit convert interview.txt --style record -o tei/
    """
    try:
        register = Register.load(register_file or folder / REGISTER_FILE)
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    files, problems = expand(sources)
    outcomes = [Outcome(p.path, "error", problem=p) for p in problems]
    options = {"style": style, "lang": lang, "force": force, "skip_existing": skip_existing}
    taken: set[Path] = set()
    quiet = console.interactive() and len(files) >= 5
    for source in console.progress(files, len(files), "Converting"):
        outcome = _convert_one(source, folder, register, options, taken)
        outcomes.append(outcome)
        if output_format == "text":
            if outcome.problem:
                console.error(outcome.problem)
            else:
                if not quiet:
                    click.echo(_describe(outcome))
                for message in outcome.warnings:
                    console.warning(source, message)
    tally = {
        status: sum(1 for o in outcomes if o.status == status)
        for status in ("written", "unchanged", "skipped", "kept", "error")
    }
    if output_format == "json":
        console.emit_json({"results": [o.as_json() for o in outcomes], "summary": tally})
    else:
        for outcome in outcomes[: len(problems)]:
            console.error(outcome.problem)
        click.echo(
            f"{len(outcomes)} source{'s' if len(outcomes) != 1 else ''}: {tally['written']} written, "
            f"{tally['unchanged']} unchanged, {tally['skipped']} skipped, {tally['kept']} kept, "
            f"{tally['error']} error{'s' if tally['error'] != 1 else ''}",
            err=True,
        )
    if tally["error"]:
        raise SystemExit(2)
    if tally["kept"]:
        raise SystemExit(1)
