"""``teikit release``: a citable release of the edition, as a BagIt bag."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands import console
from teikit.commands.export_options import edition_of
from teikit.errors import InputError
from teikit.export.release import make_release

HOW = {
    "schema": "schema/ beside the TEI folder",
    "pdf": "run teikit build print",
    "epub": "run teikit export epub",
    "tables": "run teikit export csv",
    "site": "run teikit build web",
}


@click.command("release")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("build/release"),
              show_default=True, help="Folder for the bag and its zip.")
@click.option("--build", "build", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Where `make edition` wrote the site, the PDFs and the exports.")
@console.register_option
@click.option("--title", default=None, help="The edition's title [default: the register's, else the documents' own].")
@click.option("--editor", "editors", multiple=True, help="An editor of the edition (repeatable) [default: from the headers].")
@click.option("--base-url", default="", metavar="URL", help="Where the web edition is published, for the citation.")
def release_command(sources, output, build, register, title, editors, base_url) -> None:
    """Make a citable release: one BagIt bag (and its zip) of the whole edition.

    The bag holds the TEI (and register), the schema, the PDFs, the EPUB, the
    data tables and the static site that `make edition` built (with the other
    exports found in BUILD/export), with CITATION.cff and .zenodo.json in
    agreement. The version and the date are the latest change in the
    revisionDesc (its @n, else the date as YYYY.MM.DD). What is missing is
    named; the release is made of the rest. The zip and CITATION.cff are then
    put into the site's downloads/, where a site built with --with-release
    offers them (the release holds the site, so they cannot be there before).

    \b
    Example:
        teikit release -o build/release
    """
    edition = edition_of(sources, register, title, editors, base_url)
    try:
        release = make_release(edition, output, build)
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for part in release.missing:
        console.warning(build, f"the release has no {part}: {HOW[part]} first")
    click.echo(f"Released version {release.version} ({release.date}) in {release.bag} and {release.archive}: "
               f"{', '.join(release.parts)}.")
    if release.in_site:
        click.echo(f"Offered on the site's home page (teikit build web --with-release): {', '.join(map(str, release.in_site))}.")
