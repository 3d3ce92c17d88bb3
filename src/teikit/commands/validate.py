"""``teikit validate``: is this TEI file right, and if not, where and why."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.errors import InputError
from teikit.validate import report
from teikit.validate.engines import Plan
from teikit.validate.runner import FileResult, cpu_count, run, with_vocabulary

DEFAULT_FOLDER = Path("tei")


def expand(paths: tuple[Path, ...]) -> tuple[list[Path], list[FileResult]]:
    """The files named by ``paths``: files as given, folders as the .xml files anywhere inside them."""
    files: list[Path] = []
    problems: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*.xml")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(FileResult(path, problem="this folder holds no .xml files to validate"))
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append(FileResult(path, problem="no such file or folder"))
    return list(dict.fromkeys(files)), problems


def _plan(xsd, rng, schematron, phase, tei_all) -> Plan:
    if not (xsd or rng or schematron or tei_all):
        if phase:
            raise click.UsageError("--phase chooses a phase of a Schematron named with --schematron")
        return Plan.profile()
    rng, schematron = tuple(rng), tuple(schematron)
    if tei_all:
        grammar, rules = Plan.tei_all(tei_all)
        rng, schematron = rng + (grammar,), schematron + (rules,)
    if phase and not schematron:
        raise click.UsageError("--phase chooses a phase of a Schematron named with --schematron")
    return Plan(xsd=tuple(xsd), rng=rng, schematron=schematron, phase=phase)


_schema_file = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", "xsd", multiple=True, type=_schema_file, metavar="FILE.xsd",
              help="Validate against this XSD 1.1 schema (xmlschema) instead of the edition's profile.")
@click.option("--rng", multiple=True, type=_schema_file, metavar="FILE.rng",
              help="Validate against this RELAX NG grammar (lxml) instead of the edition's profile.")
@click.option("--schematron", multiple=True, type=_schema_file, metavar="FILE.sch",
              help="Check these ISO Schematron rules (query binding xslt2/xslt3, run in saxonche).")
@click.option("--phase", default=None, metavar="NAME", help="The phase of the Schematron rules to check.")
@click.option("--tei-all", "tei_all", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Check conformance to TEI: DIR/relaxng/tei_all.rng and DIR/schematron/tei_all.isosch.")
@click.option("--format", "output_format", type=click.Choice(report.FORMATS), default="text", show_default=True,
              help="text for people, json for programs, junit for CI dashboards, github for GitHub Actions annotations.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Validate in N processes (0: one per CPU).")
def validate_command(paths, xsd, rng, schematron, phase, tei_all, output_format, jobs) -> None:
    """Check TEI files: well-formed, and valid against the edition's profile.

    PATHS are TEI files or folders of them (default: tei/). Each file is read
    with a hardened parser (no DTD, no entities, no network), then checked
    against the edition's profile (schema/edition.xsd and schema/edition.sch),
    or, when you name schemas, against exactly those.

    Exit status: 0 when every file is valid, 1 when one is not, 2 when a file
    or schema could not be read.

    \b
    Example:
        teikit validate tei/
        teikit validate tei/ --tei-all ../shared/tei-p5 --jobs 2
        teikit validate --rng tei_all.rng --format junit letters/ > report.xml
    """
    files, problems = expand(paths or (DEFAULT_FOLDER,))
    jobs = jobs or cpu_count()
    try:
        plan = with_vocabulary(_plan(xsd, rng, schematron, phase, tei_all), files, jobs)
        validators = plan.build()
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for problem in problems:
        _emit(problem, output_format)
    results: list[FileResult] = list(problems)
    showing_progress = console.interactive() and len(files) >= 5
    for result in console.progress(run(files, plan, validators, jobs), len(files), "Validating"):
        results.append(result)
        if showing_progress:
            continue
        _emit(result, output_format)
    if showing_progress:
        for result in results[len(problems):]:
            _emit(result, output_format)
    if output_format == "json":
        click.echo(report.as_json(results))
    elif output_format == "junit":
        click.echo(report.as_junit(results), nl=False)
    click.echo(report.summary(results), err=output_format in ("json", "junit"))
    if any(r.problem for r in results):
        raise SystemExit(2)
    if any(not r.valid for r in results):
        raise SystemExit(1)


def _emit(result: FileResult, output_format: str) -> None:
    if output_format == "text":
        if result.problem:
            click.echo(report.problem_line(result), err=True)
        for line in report.text_lines(result):
            click.echo(line)
    elif output_format == "github":
        for line in report.github_lines(result):
            click.echo(line)
