"""How commands talk to people and to programs: error lines, progress, ``--format``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from teikit.errors import InputError

T = TypeVar("T")

# The register the builds read names and the edition's header from.
register_option = click.option(
    "--register",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The edition's register [default: register.xml beside the TEI files].",
)

format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)


def executor_options(command):
    """--executor and --scheduler: where the per-document work runs."""
    from teikit.executors import KINDS  # noqa: PLC0415 (a small module; kept out of the CLI's start-up)

    command = click.option("--scheduler", metavar="tcp://HOST:PORT",
                           help="The Dask scheduler, with --executor dask.")(command)
    return click.option("--executor", type=click.Choice(KINDS), default="local", show_default=True,
                        help="Where the documents are processed: here (with --jobs), or on a Dask cluster whose workers "
                             "see the same files (pip install 'teikit[dask]'; see docs/scale.md).")(command)


def error(problem: InputError | str) -> None:
    click.echo(str(problem), err=True)


def warning(path: object, message: str, line: int = 1) -> None:
    click.echo(f"{path}:{line}:1: warning: {message}", err=True)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def interactive() -> bool:
    """A person watches a terminal; CI and pipes get no progress bars."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def progress(items: Iterable[T], length: int, label: str) -> Iterator[T]:
    """Iterate ``items``, with a progress bar on a terminal when the run is long enough to need one."""
    if length < 5 or not interactive():
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar
