"""What every ``teikit export FORMAT`` command shares: its arguments, and how it reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from teikit.commands import console
from teikit.edition import find_documents
from teikit.errors import InputError
from teikit.executors import KINDS, Executor
from teikit.export.batch import Edition, Outcome


def _remember(context: click.Context, parameter: click.Parameter, value: object) -> object:
    context.meta[f"teikit.{parameter.name}"] = value
    return value


def export_options(default_output: str) -> Callable:
    """SOURCES, -o, --register, --title, --editor and --base-url, in this order on every export; then
    --jobs, --executor, --scheduler and --clean, which only :func:`edition_of` reads (through the context,
    so that no command's own signature carries them)."""

    def decorate(command: Callable) -> Callable:
        for option in reversed([
            click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, expose_value=False,
                         callback=_remember, help="Transform the documents in N local processes."),
            click.option("--executor", type=click.Choice(KINDS), default="local", show_default=True, expose_value=False,
                         callback=_remember, help="Where the documents are transformed: here (with --jobs), or on a Dask "
                                                  "cluster whose workers see the same files (pip install 'teikit[dask]')."),
            click.option("--scheduler", metavar="tcp://HOST:PORT", expose_value=False, callback=_remember,
                         help="The Dask scheduler, with --executor dask."),
            click.option("--clean", is_flag=True, expose_value=False, callback=_remember,
                         help="Transform every document again, not taking what an earlier export into the same "
                              "folder made of the unchanged ones (kept in its .teikit-kept/)."),
        ]):
            command = option(command)
        for option in reversed([
            click.argument("sources", nargs=-1, type=click.Path(path_type=Path)),
            click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path(default_output),
                         show_default=True, help="Folder to write into."),
            console.register_option,
            click.option("--title", default=None, help="The edition's title [default: the register's, else the documents' own]."),
            click.option("--editor", "editors", multiple=True, help="An editor of the edition (repeatable) [default: from the headers]."),
            click.option("--base-url", default="", metavar="URL",
                         help="Where the web edition is published (https://…/), for permalinks [default: links relative to the site]."),
        ]):
            command = option(command)
        return command

    return decorate


def edition_of(sources, register, title, editors, base_url) -> Edition:
    """The edition named on the command line, or exit 2 saying why not."""
    try:
        documents = find_documents(sources or (Path("tei"),))
        if not documents:
            raise InputError(sources[0] if sources else Path("tei"), "no TEI files (*.xml) here; name files or folders of them")
        meta = click.get_current_context().meta
        executor = Executor(meta.get("teikit.executor", "local"), meta.get("teikit.jobs", 1), meta.get("teikit.scheduler"))
        return Edition.of(documents, register, title=title, editors=editors, base_url=base_url, executor=executor,
                          reuse=not meta.get("teikit.clean", False))
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None


def report(outcome: Outcome, what: str, folder: Path, edition: Edition) -> None:
    """Each problem on its line, a summary of what was written; exit 1 when a document could not be exported."""
    outcome.problems[:0] = edition.rejected
    for problem in outcome.problems:
        console.error(problem)
    files = len(outcome.written)
    reused = f" ({outcome.reused} document{'s' if outcome.reused != 1 else ''} unchanged since the last export, " \
             "taken from it)" if outcome.reused else ""
    click.echo(f"Wrote {what} in {folder}: {files} file{'s' if files != 1 else ''}{reused}.", err=True)
    if outcome.problems:
        count = len(outcome.problems)
        click.echo(f"{count} document{'s' if count != 1 else ''} could not be exported (see above).", err=True)
        raise SystemExit(1)


def guarded(action: Callable[[], Outcome]) -> Outcome:
    """Run an export, turning a problem with the whole run into one line and exit status 2."""
    try:
        return action()
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
