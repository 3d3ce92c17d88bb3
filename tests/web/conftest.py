"""Fixtures of the web edition's tests: the edition built once, served, and a real Chromium."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from teikit import xslt
from teikit.commands.serve import site_app
from teikit.edition import header_document
from teikit.web import search
from teikit.web.pages import Renderer
from teikit.web.site import build_site
from tests.conftest import TEI_FOLDER, edition_files, need

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium in a container: no sandbox, no GPU, and nothing that calls home.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The edition of tei/ built once for the session (with the schema when schema/ has one)."""
    folder = tmp_path_factory.mktemp("web") / "build" / "web"
    build_site(edition_files(), folder, TEI_FOLDER / "register.xml", schema=None)
    return folder


@pytest.fixture(scope="session")
def parted_site(tmp_path_factory) -> Path:
    """The same edition with its search index in parts, about one a document, as a large edition
    has it (teikit.web.search)."""
    folder = tmp_path_factory.mktemp("web-parted") / "build" / "web"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PAGES_PER_INDEX", 1)
        build_site(edition_files(), folder, TEI_FOLDER / "register.xml", schema=None)
    assert len(list((folder / "pagefind").glob("*/pagefind-entry.json"))) > 1
    return folder


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    from teikit.server import running

    with running(site_app(site)) as url:
        yield url


@pytest.fixture(scope="session")
def parted_base_url(parted_site: Path) -> Iterator[str]:
    from teikit.server import running

    with running(site_app(parted_site)) as url:
        yield url


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@pytest.fixture(scope="session")
def browser():
    need(CHROMIUM.exists() and shutil.which("chromium") is not None,
         "Chromium not found at /usr/bin/chromium: install Debian's package (apt-get install chromium) or run `make test`")
    need(installed("playwright"), "playwright is not installed: pip install -e '.[test]'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _opened(browser, base_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((base_url, "data:")) else None)
    page.base = base_url
    yield page
    context.close()
    assert not errors, f"the page reported errors: {errors}"
    assert not outside, f"the page asked for something off the site: {outside}"


@pytest.fixture
def page(browser, base_url):
    """A fresh page; fails the test if the page logs a script error or asks for anything off this machine."""
    yield from _opened(browser, base_url)


@pytest.fixture(params=["one index", "index in parts"])
def search_page(request, browser):
    """A fresh page (as ``page``) on the edition with one search index, and on the edition with
    its index in parts: the search must behave the same."""
    yield from _opened(browser, request.getfixturevalue("base_url" if request.param == "one index" else "parted_base_url"))


@pytest.fixture(scope="session")
def axe():
    need(installed("axe_playwright_python"), "axe-playwright-python is not installed: pip install -e '.[test]'")
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="session")
def renderer(tmp_path_factory) -> Iterator[Renderer]:
    """The compiled edition stylesheet, for rendering TEI snippets."""
    with xslt.processor() as proc:
        yield Renderer(proc, header_document(edition_files(), TEI_FOLDER / "register.xml"))
