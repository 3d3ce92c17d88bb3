"""``teikit convert``: transcripts to TEI files."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from teikit.commands import console
from teikit.check import recorded_transcript
from teikit.convert.draft import STYLES, SpeakerSummary
from teikit.convert.hints import Hints
from teikit.convert.register import REGISTER_FILE, Register
from teikit.convert.transcript import convert
from teikit.errors import InputError
from teikit.files import why_not_written, write_atomically


@dataclass
class Outcome:
    source: Path
    status: str  # written, unchanged, skipped, kept, error
    output: Path | None = None
    style: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    problem: InputError | None = None
    speakers: list[SpeakerSummary] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "source": str(self.source),
            "status": self.status,
            "output": str(self.output) if self.output else None,
            "style": self.style,
            "counts": self.counts,
            "speakers": [
                {"id": s.id, "turns": s.turns, "labels": s.forms, "certain": s.certain} for s in self.speakers
            ],
            "warnings": [{"line": line, "message": message} for line, message in self.warnings],
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


def _recorded_source(document: Path) -> Path | None:
    """The transcript an existing TEI file was converted from, or None when it does not say."""
    try:
        return recorded_transcript(document)
    except InputError:
        return None


def _free_name(folder: Path, name: str, source: Path, taken: set[Path]) -> tuple[Path, Path | None]:
    """Where the conversion of ``source`` goes, and the TEI file of another transcript it gave way to.

    Two transcripts of one meeting derive the same name: the second gets ``-2`` (``-3``, …),
    in this run and in later ones, since a TEI file that records another transcript is never
    replaced, not even with --force.
    """
    stem = Path(name).stem
    output, number, displaced = folder / name, 2, None
    while True:
        if output not in taken:
            if not output.is_file():
                return output, displaced
            recorded = _recorded_source(output)
            if recorded is None or recorded.resolve() == source.resolve():
                return output, displaced
        displaced = displaced or output
        output, number = folder / f"{stem}-{number}.xml", number + 1


def _convert_one(
    source: Path, folder: Path, register: Register, options: dict, taken: set[Path], protected: set[Path]
) -> Outcome:
    try:
        conversion = convert(source, folder, register, options["style"], options["lang"], options["speakers"])
    except InputError as problem:
        return Outcome(source, "error", problem=problem)
    output, displaced = _free_name(folder, conversion.name, source, taken)
    taken.add(output)
    outcome = Outcome(
        source, "written", output, conversion.draft.style, conversion.counts, list(conversion.draft.warnings)
    )
    outcome.speakers = conversion.draft.speaker_summary
    if displaced is not None:
        outcome.warnings.append(
            (1, f"{displaced.name} holds the conversion of another transcript of the same name; written to {output.name}")
        )
    if output.resolve() in protected:
        outcome.status = "error"
        outcome.problem = InputError(
            source,
            f"would be written to {output}, which is the edition's register; rename the transcript "
            "(its name gives the TEI file's name when it names no date, place or participants)",
        )
        return outcome
    try:
        if output.is_dir():
            raise IsADirectoryError(21, "is a folder, not a file")
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
    except OSError as exc:
        outcome.status = "error"
        outcome.problem = InputError(output, f"cannot be written: {why_not_written(exc)}")
    return outcome


def _describe(outcome: Outcome) -> str:
    counts = ", ".join(f"{n} {what}" for what, n in outcome.counts.items())
    kind = STYLES.get(outcome.style or "", "")
    detail = f" ({kind}{': ' + counts if counts else ''})" if kind else ""
    verb = {"written": "written", "unchanged": "unchanged", "skipped": "exists, left as it is"}[outcome.status]
    return f"{outcome.source} → {outcome.output}: {verb}{detail}"


def _speaker_lines(outcome: Outcome) -> list[str]:
    return [
        f"  {speaker.id}: {speaker.turns} turn{'s' if speaker.turns != 1 else ''} as "
        + ", ".join(f'"{form}"' for form in speaker.forms)
        for speaker in outcome.speakers
    ]


def _stale_temporaries(folder: Path) -> None:
    """Remove the temporary files a killed run of ours left in ``folder`` (write_atomically's prefix).

    Only while holding the folder's lock: another convert writing into the same folder at the
    same time has its temporary files in use.
    """
    for stale in folder.glob(".*.xml.*.tmp"):
        stale.unlink(missing_ok=True)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder for the run; the kernel drops it if we are killed."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        _stale_temporaries(folder)
        yield
    finally:
        os.close(descriptor)


def _prepare_folder(folder: Path) -> InputError | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return InputError(folder, "is a file, not a folder; choose an output folder with -o")
    except OSError as exc:
        return InputError(folder, f"cannot be made: {why_not_written(exc)}")
    return None


@click.command("convert")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(path_type=Path),
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
@click.option(
    "--speaker",
    "speakers",
    multiple=True,
    metavar="LABEL",
    help="A speaker label the transcripts use, without its colon or full stop (repeatable), "
    "for when the document alone does not show it; teikit.toml beside the transcripts can say more.",
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
def convert_command(
    sources, folder, style, speakers, force, skip_existing, register_file, lang, output_format
) -> None:
    """Convert transcripts into TEI P5, one file per transcript.

    SOURCES are text files or folders of .txt files. Each is read as a record of
    conversation (speaker labels), an encyclopedia article (== headings) or plain
    text, and written to the output folder under a name made from its date, place
    and participants. A TEI file that differs from a fresh conversion is never
    overwritten without --force: an editor may have enriched it, and a TEI file
    converted from another transcript is never replaced.

    Speakers are read from the evidence of the whole document: the label forms
    that recur, their shape, the names in the title, dateline, participants list
    and register. The command says what it decided (turns per speaker, with their
    label forms) and warns where it was unsure. Where the document cannot show it,
    name the labels with --speaker, or describe them for a whole archive in a
    teikit.toml beside the transcripts (see docs/encoding.md).

    Exit status: 0 when all went well, 1 when a TEI file was kept, 2 when a source
    could not be read or a TEI file could not be written (the other sources are
    still converted).

    \b
    Example:
        teikit convert seeds/
        teikit convert briefing.txt --speaker Q --speaker "MR. McCURRY" -o tei/
    """
    problem = _prepare_folder(folder)
    if problem is None:
        try:
            register = Register.load(register_file or folder / REGISTER_FILE)
        except InputError as unreadable:
            problem = unreadable
    if problem is not None:
        console.error(problem)
        raise SystemExit(2) from None
    files, problems = expand(sources)
    outcomes = [Outcome(p.path, "error", problem=p) for p in problems]
    options = {"style": style, "lang": lang, "force": force, "skip_existing": skip_existing}
    protected = {(register_file or folder / REGISTER_FILE).resolve()}
    taken: set[Path] = set()
    quiet = console.interactive() and len(files) >= 5
    with _folder_lock(folder):
        for source in console.progress(files, len(files), "Converting"):
            try:
                hints = Hints.for_source(source, speakers)
            except InputError as unreadable:
                outcome = Outcome(source, "error", problem=unreadable)
            else:
                outcome = _convert_one(source, folder, register, {**options, "speakers": hints}, taken, protected)
            outcomes.append(outcome)
            if output_format == "text":
                if outcome.problem:
                    console.error(outcome.problem)
                elif not quiet:
                    click.echo(_describe(outcome))
                    for line in _speaker_lines(outcome):
                        click.echo(line)
                for line, message in outcome.warnings:
                    console.warning(source, message, line)
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
