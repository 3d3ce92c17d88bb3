"""``teikit serve``: look at a built site in the browser, on this machine only."""

from __future__ import annotations

import json
import mimetypes
import os
from pathlib import Path

import click

from teikit.commands import console
from teikit.errors import InputError

HOST = "127.0.0.1"
# Python 3.11 still calls JavaScript application/javascript; browsers and Pagefind expect these.
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/wasm", ".wasm")


# Where ``teikit serve --dts`` answers DTS requests.
DTS_PATH = "/api/dts"


def site_app(folder: Path | None, dts=None):
    """The ASGI application of ``teikit serve``: the site's files (never a directory listing, never
    a file reached through a symlink that leads out of the site) and, given ``dts``, the API at
    /api/dts."""
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    # follow_symlink=False: Starlette resolves every path and refuses one outside the site's own
    # real folder (build/web itself is a symlink to the version shown, resolved per request).
    site = Starlette(routes=[Mount("/", StaticFiles(directory=folder, html=True, follow_symlink=False))]
                     if folder is not None else [])
    if dts is None:
        return site

    async def app(scope, receive, send):
        # /api/dts goes straight to the DTS application, as a Mount would hand it on (its root_path
        # the mount point), but without the site application's middleware and router around it: they
        # were a third of a navigation answer's CPU time, and do nothing for it.
        if scope["type"] != "lifespan":
            root = scope.get("root_path", "")
            path = scope["path"]
            if path.startswith(root + DTS_PATH) and path[len(root) + len(DTS_PATH):][:1] in ("", "/"):
                await dts({**scope, "root_path": root + DTS_PATH}, receive, send)
                return
        await site(scope, receive, send)

    return app


def check_site(folder: Path) -> None:
    if not (folder / "index.html").is_file():
        raise InputError(folder, "no site here (index.html is missing); build one with `teikit build web`")


@click.command("serve")
@click.argument("folder", required=False, default=Path("build/web"), type=click.Path(file_okay=False, path_type=Path))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on (0: any free one).")
@click.option("--dts", is_flag=True, help="Also serve the TEI as a Distributed Text Services 1.0 API at /api/dts.")
@click.option("--tei", "tei", type=click.Path(path_type=Path), default=Path("tei"), show_default=True,
              help="With --dts: the TEI folder (or file) the API serves.")
@click.option("--host", default=HOST, show_default=True, help="The address to listen on (127.0.0.1: this machine only).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="With --dts: processes answering requests (one per core uses them all).")
@click.option("--collections-by", type=click.Choice(["auto", "kind", "folder"]), default="auto", show_default=True,
              help="With --dts: group the documents by the kind their headers name, or by folder.")
def serve_command(folder: Path, port: int, dts: bool, tei: Path, host: str, workers: int, collections_by: str) -> None:
    """Serve a built site on this machine, for reading and searching it.

    FOLDER is a site built by `teikit build web` [default: build/web], served by
    uvicorn on 127.0.0.1 unless --host says otherwise. Ctrl-C stops it.

    With --dts the site is served together with a DTS API over the TEI
    (entry endpoint /api/dts/), whose index is kept beside the site
    (build/dts-index.sqlite) and rebuilt only for the documents that changed; without
    a built site only the API is served.

    \b
    Example:
        teikit serve
        teikit serve build/web --port 8080
        teikit serve --dts --port 0
        teikit serve --dts --tei corpus/ --collections-by folder
        teikit serve --dts --workers 4
    """
    if dts:
        _serve_dts(folder, tei, host, port, collections_by, workers)
        return
    try:
        check_site(folder)
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    _run(site_app(folder), host, port, lambda address: click.echo(f"Serving {folder} at {address} (Ctrl-C stops)"))


def _run(app, host: str, port: int, announce, workers: int = 1) -> None:
    from teikit import server

    try:
        server.serve(app, host, port, announce, workers)
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    click.echo("Stopped.", err=True)


# How the parent tells its worker processes what to serve (they are spawned, not forked).
_WORKER = "TEIKIT_DTS_WORKER"


def _serve_dts(folder: Path, tei: Path, host: str, port: int, collections_by: str, workers: int = 1) -> None:
    from teikit.dts.index import Index, default_database

    index = Index(default_database(folder), [tei])
    try:
        problems = index.build()
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for problem in problems:
        console.error(problem)
    site = (folder / "index.html").is_file()
    shown = f"{folder} and " if site else ""
    announce = lambda address: click.echo(f"Serving {shown}DTS at {address}api/dts/ (Ctrl-C stops)")  # noqa: E731
    setting = {"database": str(index.database), "tei": str(tei), "site": str(folder) if site else None,
               "collections_by": collections_by}
    if workers > 1:
        os.environ[_WORKER] = json.dumps(setting)
        _run(f"{__name__}:dts_worker_app", host, port, announce, workers)
    else:
        _run(_dts_app(setting), host, port, announce)


def _dts_app(setting: dict):
    from teikit.dts.app import make_app
    from teikit.dts.index import Index

    index = Index(Path(setting["database"]), [Path(setting["tei"])])  # built already, by the parent
    site = Path(setting["site"]) if setting["site"] else None
    return site_app(site, make_app(index, setting["collections_by"]))


def dts_worker_app():
    """The application of one worker of ``teikit serve --dts --workers N``."""
    return _dts_app(json.loads(os.environ[_WORKER]))
