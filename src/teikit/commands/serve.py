"""``teikit serve``: look at a built site in the browser, on this machine only."""

from __future__ import annotations

import functools
import signal
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from teikit.commands import console
from teikit.errors import InputError

HOST = "127.0.0.1"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site's files; says only what went wrong, not every request."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_request(self, code="-", size="-") -> None:
        if isinstance(code, HTTPStatus):
            code = code.value
        if str(code).isdigit() and int(code) >= 400:
            super().log_request(code, size)


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1 (port 0 picks a free one)."""
    if not (folder / "index.html").is_file():
        raise InputError(folder, "no site here (index.html is missing); build one with `teikit build web`")
    handler = functools.partial(QuietHandler, directory=str(folder.resolve()))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise InputError(folder, f"cannot listen on {HOST}:{port} ({exc.strerror}); choose another port with --port") from None


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


@click.command("serve")
@click.argument("folder", required=False, default=Path("build/web"), type=click.Path(file_okay=False, path_type=Path))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on (0: any free one).")
@click.option("--dts", is_flag=True, help="Also serve the TEI as a Distributed Text Services 1.0 API at /api/dts.")
@click.option("--tei", "tei", type=click.Path(path_type=Path), default=Path("tei"), show_default=True,
              help="With --dts: the TEI folder (or file) the API serves.")
@click.option("--host", default=HOST, show_default=True, help="With --dts: the address to listen on.")
@click.option("--collections-by", type=click.Choice(["auto", "kind", "folder"]), default="auto", show_default=True,
              help="With --dts: group the documents by the kind their headers name, or by folder.")
def serve_command(folder: Path, port: int, dts: bool, tei: Path, host: str, collections_by: str) -> None:
    """Serve a built site on this machine, for reading and searching it.

    FOLDER is a site built by `teikit build web` [default: build/web]. The server
    listens on 127.0.0.1 only, so no other machine can reach it. Ctrl-C stops it.

    With --dts the site is served by uvicorn together with a DTS API over the TEI
    (entry endpoint /api/dts/), whose index is kept beside the site
    (build/dts-index.sqlite) and rebuilt only for the documents that changed; without
    a built site only the API is served.

    \b
    Example:
        teikit serve
        teikit serve build/web --port 8080
        teikit serve --dts --port 0
        teikit serve --dts --tei corpus/ --collections-by folder
    """
    if dts:
        _serve_dts(folder, tei, host, port, collections_by)
        return
    try:
        server = make_server(folder, port)
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    click.echo(f"Serving {folder} at http://{HOST}:{server.server_port}/ (Ctrl-C stops)")
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop is as clean as Ctrl-C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        server.server_close()


def _serve_dts(folder: Path, tei: Path, host: str, port: int, collections_by: str) -> None:
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from teikit import server
    from teikit.dts.app import make_app
    from teikit.dts.index import Index, default_database

    index = Index(default_database(folder), [tei])
    try:
        problems = index.build()
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    for problem in problems:
        console.error(problem)
    routes = [Mount("/api/dts", make_app(index, collections_by))]
    site = (folder / "index.html").is_file()
    if site:
        routes.append(Mount("/", StaticFiles(directory=folder, html=True)))
    shown = f"{folder} and " if site else ""

    def announce(address: str) -> None:
        click.echo(f"Serving {shown}DTS at {address}api/dts/ (Ctrl-C stops)", err=False)

    try:
        server.serve(Starlette(routes=routes), host, port, announce)
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
