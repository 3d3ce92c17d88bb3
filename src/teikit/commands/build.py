"""``teikit build``: the edition published, one subcommand per output (``web``)."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.commands.build_print import print_command
from teikit.edition import find_documents, register_of
from teikit.errors import InputError
from teikit.web.site import BuildFailed, build_site, default_schema


@click.group("build")
def build_group() -> None:
    """Publish the edition from its TEI files.

    \b
    Example:
        teikit build web
    """


@build_group.command("web")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build/web"),
    show_default=True, help="Folder for the site; a previous build there is replaced.",
)
@console.register_option
@click.option(
    "--schema", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
    help="The edition's XSD, whose documentation joins the encoding principles [default: schema/edition.xsd beside the TEI folder, when present].",
)
@click.option(
    "--base-url", default="", metavar="URL",
    help="Where the site will be published (https://…/), for full permalinks in citations [default: taken from the address a reader opens].",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes [default: one per core from 24 documents on, else 1].",
)
@console.format_option
def web_command(sources, output, register, schema, base_url, jobs, output_format) -> None:
    """Build the web edition: a static site of the TEI documents.

    SOURCES are TEI files or folders of them [default: tei/]; register.xml is the
    register, not a document. Each document gets a page (source description,
    reading text with numbered turns, notes, citation, TEI download); the edition
    gets a home page, people, places, omissions and uncertainties, encoding
    principles and a full-text search. The site needs no server code and makes
    no request outside itself: copy the folder to any static host, or look at it
    with `teikit serve`.

    Exit status: 0 when the site was built, 2 when a file could not be read
    (nothing is written then).

    \b
    Example:
        teikit build web
        teikit build web tei/ -o build/web --base-url https://edition.example.org/
    """
    try:
        documents = find_documents(sources or (Path("tei"),))
        register = register_of(documents, register)
        if register is None:
            raise InputError((documents[0].parent if documents else Path("tei")) / "register.xml", "the edition's register was not found; name it with --register")
        site = build_site(
            documents, output, register,
            schema=schema or default_schema(register),
            base_url=base_url,
            jobs=jobs,
            progress=console.progress,
        )
    except BuildFailed as failure:
        for problem in failure.problems:
            console.error(problem)
        raise SystemExit(2) from None
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    if output_format == "json":
        console.emit_json(site.as_json())
        return
    schema_note = f", schema documentation from {site.schema}" if site.schema else ""
    click.echo(
        f"Built the web edition in {site.folder}: {site.documents} document{'s' if site.documents != 1 else ''}, "
        f"{site.pages} pages, {site.indexed} in the search index{schema_note} ({site.seconds:.1f} s)."
    )
    click.echo(f"Look at it with: teikit serve {site.folder}", err=True)


build_group.add_command(print_command)
