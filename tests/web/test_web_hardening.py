"""The web build against hostile files and crashes (issue 10): nothing written outside the output,
schemas read without fetching or expanding anything, TEI copies that run no script, citations that
cannot be injected, and a site that survives `kill -9` at any moment."""

from __future__ import annotations

import http.server
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from teikit import xslt
from teikit.commands.serve import site_app
from teikit.server import running
from teikit.edition import header_document
from teikit.errors import InputError
from teikit.web.names import page_names, slug
from teikit.web.pages import Renderer
from teikit.web.site import build_site
from tests.conftest import ROOT, TEI_FOLDER
from tests.web.test_web_any_tei import BARE, tei

PARIS = TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml"


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


# Writes only where asked


def test_a_file_name_cannot_lead_a_page_outside_the_output(tmp_path):
    sources = tmp_path / "in" / "deep"
    sources.mkdir(parents=True)
    hostile = sources / "..%2F..%2Fvictim%2Findex.xml"
    hostile.write_bytes(PARIS.read_bytes())
    before = files_under(tmp_path)
    build_site([hostile], tmp_path / "out" / "web")
    site = (tmp_path / "out" / "web").resolve()
    new = files_under(tmp_path) - before
    assert new and all(path.resolve().is_relative_to(site) or path.name == ".web.lock" for path in new), sorted(new)
    assert not (tmp_path / "victim").exists() and not (tmp_path / "in" / "victim").exists()
    assert (site / "2F-2Fvictim-2Findex.html").is_file()
    assert (site / "tei" / "2F-2Fvictim-2Findex.xml").read_bytes() == PARIS.read_bytes()


def test_page_names_are_slugs_unique_across_folders_and_never_an_edition_page():
    documents = [Path("a/letter.xml"), Path("b/letter.xml"), Path("c/Letter.xml"), Path("x/index.xml"),
                 Path("x/Émile Zola: J'accuse!.xml"), Path("x/.hidden.xml"), Path("x/register.xml")]
    names = page_names(documents)
    assert names == ["a-letter", "b-letter", "c-Letter", "index-2", "Emile-Zola-J-accuse", "hidden", "register-2"]
    assert len({name.lower() for name in names}) == len(names)
    assert slug("../../etc/passwd") == "etc-passwd" and slug("...") == "document"


def test_the_stylesheet_refuses_any_other_page_name(tmp_path):
    with xslt.processor() as proc:
        renderer = Renderer(proc, header_document([PARIS]))
        for name in ("../escape", "a/b", "..%2Fx", ".hidden"):
            with pytest.raises(InputError, match="refused to write the page"):
                renderer.document(PARIS, tmp_path / "site", name)
    assert files_under(tmp_path) == set(), "nothing written, inside or out"


# Schemas read for the principles page


SECRET = "the contents of a private file"


def test_an_included_schema_with_an_entity_leaks_nothing(tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET)
    schema = tmp_path / "schema" / "edition.xsd"
    schema.parent.mkdir()
    schema.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="part.xsd"/>'
                      '<xs:element name="sp"><xs:annotation><xs:documentation>A turn.</xs:documentation></xs:annotation>'
                      "</xs:element></xs:schema>")
    (schema.parent / "part.xsd").write_text(
        f'<!DOCTYPE xs:schema [<!ENTITY leak SYSTEM "file://{tmp_path}/secret.txt">]>'
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="note"><xs:annotation>'
        "<xs:documentation>&leak;</xs:documentation></xs:annotation></xs:element></xs:schema>")
    site = build_site([PARIS], tmp_path / "web", schema=schema)
    principles = (tmp_path / "web" / "principles.html").read_text()
    assert SECRET not in principles and "A turn." in principles
    assert [problem.path for problem in site.problems] == [(schema.parent / "part.xsd").resolve()]
    assert "DOCTYPE" in site.problems[0].message and "left out of the principles page" in site.problems[0].message


def test_a_schema_on_the_network_is_never_fetched(tmp_path):
    asked: list[str] = []

    class Counting(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        schema = tmp_path / "edition.xsd"
        schema.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                          f'<xs:include schemaLocation="http://127.0.0.1:{server.server_port}/remote.xsd"/>'
                          f'<xs:import namespace="urn:x" schemaLocation="file://{tmp_path}/../outside.xsd"/></xs:schema>')
        build_site([PARIS], tmp_path / "web", schema=schema)
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []


# TEI copies that cannot run script


HOSTILE = """<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="data:text/xsl,evil"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:svg="http://www.w3.org/2000/svg">
""" + BARE + """<text><body><p>Kept words <h:script>window.pwned = true; document.title = 'pwned'</h:script> after.</p>
<p><h:img src="x" onerror="window.pwned = true"/><svg:svg onload="window.pwned = true"><svg:a href="javascript:window.pwned = true">a</svg:a></svg:svg></p>
</body></text></TEI>"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "doc.xml").write_text(HOSTILE)
    report = build_site([folder / "doc.xml"], folder / "web")
    return folder / "web", report


def test_the_tei_copy_leaves_out_what_a_browser_would_run(hostile_site):
    site, report = hostile_site
    copy = etree.parse(str(site / "tei" / "doc.xml"))
    assert not copy.xpath("//*[local-name() = 'script']") and not copy.xpath("//@*[starts-with(name(), 'on')]")
    assert not copy.xpath("//@href[starts-with(., 'javascript:')]")
    assert not copy.xpath("/processing-instruction('xml-stylesheet')")
    assert "Kept words" in "".join(copy.getroot().itertext()) and " after." in "".join(copy.getroot().itertext())
    [warning] = report.warnings
    assert warning.line == 2 and "leaves out what a browser would run" in warning.message
    assert not report.problems, "a warning: the document is published"


def test_opening_the_tei_copy_in_a_browser_runs_nothing(hostile_site, browser):
    site, _ = hostile_site
    context = browser.new_context()
    try:
        with running(site_app(site)) as url:
            page = context.new_page()
            page.goto(f"{url}tei/doc.xml")
            page.wait_for_timeout(300)
            assert page.evaluate("window.pwned === undefined") and page.title() != "pwned"
            page.goto(f"{url}doc.html")
            assert page.evaluate("window.pwned === undefined")
            assert "window.pwned" in page.locator(".text").inner_text(), "the other vocabulary's text is kept, as text"
    finally:
        context.close()


def test_every_page_carries_a_content_security_policy(hostile_site):
    site, _ = hostile_site
    for page in site.glob("*.html"):
        policy = lxml.html.parse(str(page)).getroot().xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert policy and "script-src 'self'" in policy[0] and "object-src 'none'" in policy[0], page.name


# Citations that cannot be injected


def test_no_field_of_a_citation_can_open_another(tmp_path):
    header = BARE.replace("<title>Bare</title>", "<title>Q}, author = {Mallory</title>").replace(
        "</fileDesc>", "</fileDesc><profileDesc><creation><date when='1990-11-19}, author = {Mallory'/></creation></profileDesc>")
    (tmp_path / "doc.xml").write_text(tei("<text><body><p>x</p></body></text>", header))
    build_site([tmp_path / "doc.xml"], tmp_path / "web", title="Ed}, note = {x", editors=["E}, year = {1"])
    page = lxml.html.parse(str(tmp_path / "web" / "doc.html")).getroot()
    for hidden in page.xpath("//pre[@id='cite-bibtex']//*[@hidden]"):  # the turn's part, shown when a reader follows one
        hidden.drop_tree()
    bibtex = "".join(page.xpath("//pre[@id='cite-bibtex']//text()"))
    fields = [line.split("=")[0].strip() for line in bibtex.splitlines() if "=" in line]
    assert fields == ["title", "booktitle", "editor", "url"], bibtex
    assert bibtex.count("{") - bibtex.count("\\{") == bibtex.count("}") - bibtex.count("\\}"), "braces balance"
    assert "title = {Q\\}, author = \\{Mallory}" in bibtex
    assert page.xpath("//meta[@name='citation_title']/@content") == ["Q}, author = {Mallory"]
    assert not page.xpath("//meta[@name='citation_date']"), "a date that is not one is not given"


# kill -9 at any moment


def processes_with(marker: str) -> list[int]:
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def survivors(marker: str) -> dict[int, bytes]:
    """The processes with ``marker`` still there after a while (a loaded machine is slow to reap),
    with their command lines; a process that ends while it is looked at is not one."""
    deadline = time.monotonic() + 15
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    found = {}
    for pid in processes_with(marker):
        try:
            found[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:160]
        except OSError:
            continue
    return found


def test_kill_9_at_any_moment_leaves_a_whole_site_and_nothing_behind(tmp_path):
    marker = f"TEIKIT_KILL_TEST={uuid.uuid4()}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    output = tmp_path / "build" / "web"
    command = [sys.executable, "-c", "from teikit.cli import main; main()", "build", "web", str(PARIS), "-o", str(output)]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    duration = time.perf_counter() - started

    missing: list[float] = []
    watching = True

    def watch() -> None:
        while watching:
            if not (output / "index.html").is_file():
                missing.append(time.perf_counter())
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    rng = random.Random(20)
    try:
        for attempt in range(20):
            jobs = ["-j", "2"] if attempt % 10 == 9 else []  # with worker processes too
            build = subprocess.Popen(command + jobs, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * (2 if jobs else 1)))
            build.send_signal(signal.SIGKILL)
            build.wait()
            orphans = survivors(marker)
            assert orphans == {}, f"orphans after kill {attempt + 1}"
    finally:
        watching = False
        watcher.join()
    assert missing == [], "there was a moment without a site"
    finished = subprocess.run(command, env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    beside = sorted(path.name for path in output.parent.iterdir())
    assert not [name for name in beside if "-building-" in name or "-link-" in name], beside
    assert len([name for name in beside if name.startswith(".web-site-")]) <= 2, beside
    assert (output / "index.html").is_file() and len(list(output.glob("*.html"))) == 7


def test_a_program_started_as_its_build_dies_does_not_outlive_it():
    """The build starts Pagefind and is killed before Pagefind's process has asked to die with it:
    Pagefind must not run on, adopted by init."""
    marker = f"TEIKIT_KILL_TEST={uuid.uuid4()}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    # The build starts the program and is gone at once, long before a Python child has even imported teikit.
    build = ("import os, subprocess; from teikit.processes import run_dying_with_parent; "
             "subprocess.Popen(run_dying_with_parent(['/bin/sleep', '60'])); os._exit(0)")
    subprocess.run([sys.executable, "-c", build], env=env, check=True)
    orphans = survivors(marker)
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    assert orphans == {}


def test_kill_9_while_pagefind_indexes_leaves_no_indexer_running(tmp_path):
    marker = f"TEIKIT_KILL_TEST={uuid.uuid4()}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    output = tmp_path / "build" / "web"
    command = [sys.executable, "-c", "from teikit.cli import main; main()", "build", "web", str(PARIS), "-o", str(output)]
    build = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def indexers() -> list[int]:
        """Pagefind's own program, at work (not a Python still on its way to it)."""
        found = []
        for pid in processes_with(marker):
            try:
                if Path(os.readlink(f"/proc/{pid}/exe")).name.startswith("pagefind"):
                    found.append(pid)
            except OSError:
                continue
        return found

    try:
        while not indexers() and build.poll() is None:
            time.sleep(0.001)
        assert build.poll() is None, "the build ended before its indexer was seen: nothing was tested"
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    orphans = survivors(marker)
    assert orphans == {}


# Schemas served where the downloaded TEI points


def test_the_downloaded_tei_finds_its_schemas_on_the_site(tmp_path):
    project = tmp_path / "project"
    (project / "tei").mkdir(parents=True)
    for source in [*TEI_FOLDER.glob("1990-*.xml"), TEI_FOLDER / "register.xml"]:
        (project / "tei" / source.name).write_bytes(source.read_bytes())
    (project / "schema").mkdir()
    for part in (ROOT / "schema").iterdir():
        (project / "schema" / part.name).write_bytes(part.read_bytes())
    build_site(sorted((project / "tei").glob("1990-*.xml")), tmp_path / "web", project / "tei" / "register.xml")
    site = tmp_path / "web"
    checked = 0
    for copy in (site / "tei").glob("*.xml"):
        for instruction in etree.parse(str(copy)).xpath("/processing-instruction('xml-model')"):
            href = instruction.get("href")
            if href.startswith("http"):
                continue
            assert (copy.parent / href).resolve().is_file(), f"{copy.name}: {href}"
            checked += 1
    assert checked >= 8
    assert (site / "schema" / "xml.xsd").is_file(), "what the profile imports comes too"
