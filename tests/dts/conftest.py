"""A live DTS server (port 0) and the static export behind a plain file server, over the edition's
TEI and the foreign corpus."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from teikit import server
from teikit.dts.app import make_app
from teikit.dts.index import Index
from teikit.dts.static import export_dts
from tests.dts.schemas import check

ROOT = Path(__file__).resolve().parents[2]
EDITION = ROOT / "tei"
CORPUS = ROOT / "tests" / "corpus" / "tei"
DOCUMENTS = sorted(p for p in EDITION.glob("*.xml") if p.name != "register.xml") + sorted(CORPUS.glob("*/*.xml"))
# Small pages, so that the edition's collections and navigation are paginated too.
PAGE = 5


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".json": "application/ld+json", ".xml": "application/tei+xml"}

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """The base URL of a live server's API (edition and corpus), stopped after the tests."""
    index = Index(tmp_path_factory.mktemp("dts") / "index.sqlite", [EDITION, CORPUS])
    assert index.build() == []
    app = Starlette(routes=[Mount("/api/dts", make_app(index, "folder", navigation_page=PAGE * 20, collection_page=PAGE))])
    with server.running(app) as address:
        with httpx.Client(base_url=address, timeout=30) as client:
            yield client, f"{address}api/dts/"


@pytest.fixture(scope="session")
def static(tmp_path_factory):
    """The base URL of the edition's static export, served by Python's plain file server."""
    site = tmp_path_factory.mktemp("site")
    exported = export_dts([EDITION], site / "dts", None, collection_page=1)
    assert exported.problems == [] and exported.files > 100
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        address = f"http://127.0.0.1:{httpd.server_port}"
        with httpx.Client(base_url=address, timeout=30) as client:
            yield client, f"{address}/dts/index.json"
    finally:
        httpd.shutdown()
        httpd.server_close()


def pages_of(client, answer: dict, schema: dict) -> list[dict]:
    """Every page from the first, by following next; each page's view checked against its place."""
    pages = [answer]
    while "next" in pages[-1]["view"]:
        pages.append(check(schema, client.get(pages[-1]["view"]["next"]).json()))
    for number, page in enumerate(pages):
        view = page["view"]
        assert view["first"] == pages[0]["view"]["@id"] and view["last"] == pages[-1]["view"]["@id"]
        # previous on every page but the first, next on every page but the last, each the neighbour's @id
        assert ("previous" in view) == (number > 0) and ("next" in view) == (number < len(pages) - 1)
        if number:
            assert view["previous"] == pages[number - 1]["view"]["@id"]
    return pages
