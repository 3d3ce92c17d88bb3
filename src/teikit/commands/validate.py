"""``teikit validate``: is this TEI file right, and if not, where and why."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.errors import InputError
from teikit.executors import KINDS, Executor
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


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        part, parts = (int(n) for n in value.split("/"))
    except ValueError:
        part = parts = 0
    if not 1 <= part <= parts:
        raise click.BadParameter(f'"{value}" is not K/N with 1 <= K <= N, such as 2/4', param_hint="--shard")
    return part, parts


def _verdicts(plan: Plan, no_cache: bool):
    """The verdict cache of this plan (--no-cache only refreshes it); none for RELAX NG, whose messages
    depend on every file of the run."""
    if plan.rng:
        return None
    from teikit.validate.verdicts import Verdicts, plan_key

    settings = repr((plan.xsd, plan.schematron, plan.phase, plan.edition))
    return Verdicts(plan_key([*plan.xsd, *plan.schematron], settings), read=not no_cache)


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
@click.option("--no-cache", is_flag=True, help="Check every file again, even those unchanged since their last check.")
@click.option("--shard", metavar="K/N", help="Check only the K-th of every N files (in sorted order), for CI matrices.")
@click.option("--merge", "merge", is_flag=True,
              help="PATHS are JSON or JUnit reports (of shards, say): write them as the report of one run.")
@click.option("--executor", type=click.Choice(KINDS), default="local", show_default=True,
              help="Where files are checked: here (with --jobs), or on a Dask cluster (pip install 'teikit[dask]').")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="The Dask scheduler, with --executor dask.")
def validate_command(paths, xsd, rng, schematron, phase, tei_all, output_format, jobs, no_cache, shard, merge,
                     executor, scheduler) -> None:
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
        teikit validate --shard 2/4 --format json tei/ > shard-2.json
        teikit validate --merge shard-*.json --format junit > report.xml
        teikit validate --executor dask --scheduler tcp://10.0.0.5:8786 corpus/
    """
    if merge:
        _merged(paths, output_format)
        return
    files, problems = expand(paths or (DEFAULT_FOLDER,))
    part = _shard(shard)
    if part is not None:
        files = files[part[0] - 1 :: part[1]]
        problems = problems if part[0] == 1 else []  # said once, by the first shard
    jobs = jobs or cpu_count()
    try:
        plan = with_vocabulary(_plan(xsd, rng, schematron, phase, tei_all), files, jobs)
        checks = run(files, plan, Executor(executor, jobs, scheduler), _verdicts(plan, no_cache))
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    _report(problems, checks, len(files), output_format)


def _merged(paths: tuple[Path, ...], output_format: str) -> None:
    if not paths:
        raise click.UsageError("--merge needs the reports to merge")
    try:
        results = report.merge(list(paths))
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    _report([r for r in results if r.problem], iter([r for r in results if not r.problem]), 0, output_format)


def _report(problems: list[FileResult], checks, count: int, output_format: str) -> None:
    for problem in problems:
        _emit(problem, output_format)
    results: list[FileResult] = list(problems)
    showing_progress = console.interactive() and count >= 5
    try:
        for result in console.progress(checks, count, "Validating"):
            results.append(result)
            if not showing_progress:
                _emit(result, output_format)
    except InputError as problem:  # the executor could not start (no dask, no scheduler)
        console.error(problem)
        raise SystemExit(2) from None
    if showing_progress:
        for result in results[len(problems):]:
            _emit(result, output_format)
    if output_format == "json":
        click.echo(report.as_json(results))
    elif output_format == "junit":
        click.echo(report.as_junit(results), nl=False)
    click.echo(report.summary(results), err=output_format in ("json", "junit"))
    note = report.cache_note(results)
    if note:
        click.echo(note, err=True)
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
