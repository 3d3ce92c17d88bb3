"""``teikit build``: the edition published, one subcommand per output (``web``)."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.edition import find_documents, register_of
from teikit.errors import InputError
from teikit.executors import Executor
from teikit.web.site import BuildFailed, build_site, default_schema


class _BuildGroup(click.Group):
    """``build print`` is imported only when it runs (or --help lists it): its options come from
    the typesetting modules, which `teikit build web` does without."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), "print"])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "print":
            from teikit.commands.build_print import print_command

            return print_command
        return super().get_command(ctx, name)


@click.group("build", cls=_BuildGroup)
def build_group() -> None:
    """Publish the edition from its TEI files.

    \b
    Example:
        teikit build web
    """


@build_group.command("web")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=Path("build/web"),
    show_default=True, help="Where the site goes (a link to its current version); a previous build there is replaced whole.",
)
@console.register_option
@click.option("--title", default=None, help="The edition's title [default: the register's, else the documents' shared one].")
@click.option("--editor", "editors", multiple=True, metavar="NAME",
              help="An editor of the edition (repeat for several) [default: the register's, else the documents' shared ones].")
@click.option(
    "--schema", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
    help="The edition's XSD, whose documentation joins the encoding principles [default: schema/edition.xsd beside the TEI folder, when present].",
)
@click.option(
    "--downloads", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="BUILD",
    help="The build folder whose other outputs (print/*.pdf, export/epub, docx, csv, …) the pages offer for download, "
         "copied into the site [default: the folder holding the site, e.g. build/].",
)
@click.option(
    "--with-release", "release", is_flag=True,
    help="Offer the citable release on the home page (downloads/release.zip and CITATION.cff), which "
         "`teikit release` puts into the site once it has bagged it (`make edition` does both).",
)
@click.option(
    "--base-url", default="", metavar="URL",
    help="Where the site will be published (https://…/), for full permalinks in citations [default: taken from the address a reader opens].",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes [default: one per core from 24 documents on, else 1].",
)
@click.option(
    "--clean", is_flag=True,
    help="Render every page again; by default a document page whose inputs (TEI file, stylesheets, header, "
         "neighbours, downloads) are unchanged since the previous build is taken from it.",
)
@console.executor_options
@console.format_option
def web_command(sources, output, register, title, editors, schema, downloads, release, base_url, jobs, clean, executor,
                scheduler, output_format) -> None:
    """Build the web edition: a static site of the TEI documents.

    SOURCES are TEI files or folders of them (subfolders too) [default: tei/];
    register.xml is the register, not a document. No register is needed: the
    edition's title and editors then come from the documents' headers or from
    --title and --editor, its people and places from the names the documents
    list and mention. Each document gets a page (source description, reading
    text with numbered turns, notes, citation, downloads); the edition gets a
    home page, people, places, omissions and uncertainties, encoding
    principles and a full-text search. The site needs no server code and makes
    no request outside itself: copy the folder (`cp -rL`) to any static host,
    or look at it with `teikit serve`.

    Exit status: 0 when every document was published, 1 when some could not be
    (each is named; the others are published), 2 when no site was built.

    \b
    Example:
        teikit build web
        teikit build web corpus/ -o site --title "Letters of 1848" --editor "A. Editor"
        teikit build web tei/ --downloads build/ --base-url https://edition.example.org/
        teikit build web /shared/corpus/ -o /shared/site --executor dask --scheduler tcp://10.0.0.5:8786
    """
    try:
        documents = find_documents(sources or (Path("tei"),))
        register = register_of(documents, register)
        site = build_site(
            documents, output, register,
            title=title, editors=editors,
            schema=schema or default_schema(documents, register),
            downloads=downloads if downloads is not None else output.parent,
            release=release,
            base_url=base_url,
            jobs=jobs,
            progress=console.progress,
            clean=clean,
            executor=Executor(executor, jobs or 1, scheduler),
        )
    except BuildFailed as failure:
        for problem in failure.problems:
            console.error(problem)
        raise SystemExit(2) from None
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for problem in site.problems:
        console.error(problem)
    for warning in site.warnings:
        click.echo(f"{warning.path}:{warning.line}:{warning.column}: warning: {warning.message}", err=True)
    if output_format == "json":
        console.emit_json(site.as_json())
    else:
        schema_note = f", schema documentation from {site.schema}" if site.schema else ""
        reused = f", {site.reused} unchanged page{'s' if site.reused != 1 else ''} kept" if site.reused else ""
        left_out = f"; {len(site.problems)} file{'s' if len(site.problems) != 1 else ''} left out" if site.problems else ""
        click.echo(
            f"Built the web edition in {site.folder}: {site.documents} document{'s' if site.documents != 1 else ''}, "
            f"{site.pages} pages{reused}, {site.indexed} in the search index{schema_note}{left_out} ({site.seconds:.1f} s)."
        )
        click.echo(f"Look at it with: teikit serve {site.folder}", err=True)
    if site.problems:
        raise SystemExit(1)
