"""`teikit build web` and `teikit serve` as a user meets them, and the pages that span the edition."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import lxml.html
import pytest
from lxml import etree

from teikit import xslt
from teikit.commands.serve import site_app
from teikit.server import running
from teikit.web.site import EDITION_PAGES, build_site, default_schema
from tests.conftest import NS, ROOT, TEI_FOLDER, edition_files

PAGES = [f"{name}.html" for name in EDITION_PAGES]


def html(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def words(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture
def edition(tmp_path, monkeypatch) -> Path:
    """A copy of tei/ as a user's working folder, the current directory."""
    shutil.copytree(TEI_FOLDER, tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# The command


def test_build_web_with_no_arguments_publishes_tei_into_build_web(edition, teikit):
    result = teikit("build", "web")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built the web edition in build/web: 3 documents, 9 pages, 3 in the search index")
    assert "Look at it with: teikit serve build/web" in result.stderr
    site = edition / "build" / "web"
    for page in PAGES + [f"{p.stem}.html" for p in edition_files()]:
        assert (site / page).is_file(), page
    for source in edition_files() + [TEI_FOLDER / "register.xml"]:
        assert (site / "tei" / source.name).read_bytes() == source.read_bytes(), "the TEI is offered as it is"
    assert (site / "assets" / "edition.css").is_file() and (site / "assets" / "edition.js").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_json_output_for_programs(edition, teikit):
    result = teikit("build", "web", "tei/1990-11-19-paris-gorbachev-bush.xml", "-o", "out", "--format", "json")
    report = json.loads(result.stdout)
    assert report["documents"] == 1 and report["pages"] == 7 and report["indexed"] == 1
    assert report["folder"] == "out" and report["workers"] == 1


def test_a_new_build_replaces_the_old_site_whole(edition, teikit):
    teikit("build", "web", "-o", "site")
    first = (edition / "site").resolve()
    (edition / "site" / "stale.html").write_text("old")
    assert teikit("build", "web", "tei/1990-11-19-paris-gorbachev-bush.xml", "-o", "site").exit_code == 0
    assert not (edition / "site" / "stale.html").exists()
    assert not (edition / "site" / "1990-11-08-moscow-gorbachev-baker.html").exists()
    assert first.is_dir(), "the version readers may still be on stays until the next build"
    assert teikit("build", "web", "-o", "site").exit_code == 0
    assert not first.exists()
    hidden = sorted(p.name for p in edition.iterdir() if p.name.startswith("."))
    assert ".site.lock" in hidden
    assert [name for name in hidden if "building" in name] == [], "no building folders left behind"
    assert len([name for name in hidden if name.startswith(".site-site-")]) == 2, "the site shown and the one before"


def test_a_folder_teikit_did_not_build_is_never_replaced(edition, teikit):
    (edition / "mine").mkdir()
    (edition / "mine" / "notes.txt").write_text("keep me")
    result = teikit("build", "web", "-o", "mine")
    assert result.exit_code == 2
    assert result.stderr.strip() == "mine:1:1: error: exists and was not built by teikit; choose another folder with -o, or empty it"
    assert (edition / "mine" / "notes.txt").read_text() == "keep me"


def test_a_bad_file_is_one_line_and_the_others_are_still_published(edition, teikit):
    (edition / "tei" / "1991-broken.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>open</body></text></TEI>\n')
    (edition / "tei" / "1991-other.xml").write_text("<html><body/></html>\n")
    result = teikit("build", "web")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and lines[2] == "Look at it with: teikit serve build/web"
    assert lines[0].startswith("tei/1991-broken.xml:2:27: error: not well-formed XML: </body> closes <p>, opened at line 2")
    assert lines[1] == ("tei/1991-other.xml:1:1: error: not a TEI document: its root element must be TEI in the "
                        "namespace http://www.tei-c.org/ns/1.0; publish TEI files only")
    assert "Traceback" not in result.output
    assert "3 documents" in result.stdout and "2 files left out" in result.stdout
    site = edition / "build" / "web"
    assert sorted(p.name for p in (site / "tei").iterdir()) == sorted([p.name for p in edition_files()] + ["register.xml"])
    assert len(html(site / "index.html").xpath("//ol[@class='documents']/li")) == 3


def test_when_no_file_can_be_published_no_site_is_written(edition, teikit):
    (edition / "bad.xml").write_text("<TEI")
    result = teikit("build", "web", "bad.xml")
    assert result.exit_code == 2
    assert result.stderr.startswith("bad.xml:1:5: error: not well-formed XML")
    assert not (edition / "build" / "web").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["tei/nothing.xml"], "tei/nothing.xml:1:1: error: no such file or folder"),
        (["tei/", "--register", "elsewhere.xml"],
         "elsewhere.xml:1:1: error: no such register; name an existing file with --register, or leave it out"),
    ],
)
def test_missing_input_is_named(edition, teikit, args, message):
    result = teikit("build", "web", *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_a_document_named_like_an_edition_page_gets_a_page_of_its_own(edition, teikit):
    shutil.copy(edition / "tei" / "1990-11-19-paris-gorbachev-bush.xml", edition / "tei" / "people.xml")
    result = teikit("build", "web")
    assert result.exit_code == 0, result.output
    site = edition / "build" / "web"
    assert html(site / "people.html").xpath("//h1/text()") == ["People"]
    assert html(site / "people-2.html").xpath("//h1/text()")[0].startswith("Record of the Main Content")
    assert (site / "tei" / "people-2.xml").read_bytes() == (edition / "tei" / "people.xml").read_bytes()


def test_help_has_an_example(teikit):
    result = teikit("build", "web", "--help")
    assert "Example:" in result.output and "teikit build web corpus/ -o site --title" in result.output


# Reading each file once, compiling once, in parallel


def test_each_tei_file_is_parsed_once_and_the_stylesheet_compiled_once(tmp_path, monkeypatch):
    parsed: list[str] = []
    compiled: list[str] = []
    parse, init = xslt.Stylesheet.parse, xslt.Stylesheet.__init__

    def counting_parse(self, path):
        parsed.append(Path(path).name)
        return parse(self, path)

    def counting_init(self, proc, path):
        compiled.append(Path(path).name)
        init(self, proc, path)

    monkeypatch.setattr(xslt.Stylesheet, "parse", counting_parse)
    monkeypatch.setattr(xslt.Stylesheet, "__init__", counting_init)
    build_site(edition_files(), tmp_path / "site", TEI_FOLDER / "register.xml")
    assert sorted(parsed) == sorted(p.name for p in edition_files())
    assert compiled == ["edition.xsl"]


def test_a_parallel_build_writes_the_same_site(tmp_path, site):
    parallel = build_site(edition_files(), tmp_path / "parallel", TEI_FOLDER / "register.xml", jobs=2)
    assert parallel.workers == 2
    for page in sorted(site.glob("*.html")):
        assert (tmp_path / "parallel" / page.name).read_bytes() == page.read_bytes(), page.name


# The edition-wide pages


def test_home_lists_the_documents_by_date_with_their_facts(site):
    page = html(site / "index.html")
    assert page.xpath("//h1/text()") == ["Gorbachev and the Americans, 1990: A Digital Edition"]
    assert words(page.xpath("//p[@class='editors']")[0]) == "Edited by The teikit editorial team"
    cards = page.xpath("//ol[@class='documents']/li")
    assert [c.xpath(".//h3/a/@href")[0] for c in cards] == [
        "1990-11-08-moscow-gorbachev-baker.html", "1990-11-19-paris-gorbachev-bush.html",
        "1990-09-09-helsinki-bush-gorbachev.html"], "the article is dated by its text, not by the event"
    facts = {dt.text: words(dt.getnext()) for dt in cards[0].xpath(".//dt")}
    assert facts == {"Date": "8 November 1990", "Place": "Moscow", "Kind": "Record of conversation",
                     "Participants": "Mikhail Gorbachev, James A. Baker, Eduard Shevardnadze"}
    assert words(cards[0].xpath(".//p[@class='summary']")[0]).startswith("Baker and Gorbachev discuss public opinion")
    assert words(cards[2].xpath(".//dd")[0]) == "between 16 July 2018 and 22 November 2026"
    assert words(cards[2].xpath(".//dd")[1]) == "Helsinki", "an article's place is where it is set"


def test_people_have_their_turns_and_mentions_across_the_edition(site):
    page = html(site / "people.html")
    baker = page.xpath("//section[h2[@id='baker']]")[0]
    speaks, named = baker.xpath("ul[@class='occurrences']")
    assert speaks.xpath(".//a[starts-with(., 'turn')]/@href") == [
        f"1990-11-08-moscow-gorbachev-baker.html#t{n}" for n in (2, 4, 6, 8, 10, 13)]
    assert named.xpath(".//a[starts-with(., 'turn')]/@href") == [
        f"1990-11-19-paris-gorbachev-bush.html#t{n}" for n in (19, 20, 28, 35)]
    assert "Also written Baker, J. Baker, James Baker, Jim Baker, Jim" in words(baker)
    reagan = page.xpath("//section[h2[@id='reagan']]")[0]
    assert "Geneva Summit (1985)" in reagan.xpath(".//a/text()"), "mentions outside turns name their section"
    register = etree.parse(str(TEI_FOLDER / "register.xml"))
    assert len(page.xpath("//section[@class='entry']")) == len(register.xpath("//tei:standOff//tei:person", namespaces=NS))


def test_places_have_the_documents_set_there_and_their_mentions(site):
    page = html(site / "places.html")
    moscow = page.xpath("//section[h2[@id='moscow']]")[0]
    assert moscow.xpath("h3/text()") == ["Documents from here", "Named"]
    assert moscow.xpath("ul[1]//a/@href") == ["1990-11-08-moscow-gorbachev-baker.html"]
    assert "1990-11-08-moscow-gorbachev-baker.html#text" in moscow.xpath("ul[2]//a/@href"), "the dateline"


def test_the_omissions_page_lists_every_gap_note_and_insertion_with_a_link_to_it(site):
    page = html(site / "omissions.html")
    rows = page.xpath("//table[@class='apparatus']//tr[td]")
    apparatus = "//tei:text//tei:gap | //tei:text//tei:note | //tei:text//tei:supplied"
    expected = sum(len(etree.parse(str(p)).xpath(apparatus, namespaces=NS)) for p in edition_files())
    assert len(rows) == expected
    three_pages = [r for r in rows if "[Three pages omitted in the original]" in words(r)][0]
    assert [words(td) for td in three_pages.xpath("td")] == [
        "Turn 1", "Omission", "[Three pages omitted in the original]", "Omitted in the source, 3 pages"]
    assert three_pages.xpath("td[1]/a/@href") == ["1990-11-08-moscow-gorbachev-baker.html#gap-1"]
    query = [r for r in rows if "SBSE??" in words(r)][0]
    assert words(query.xpath("td[2]")[0]) == "Uncertain reading"


def test_every_link_between_pages_arrives_somewhere(site):
    ids: dict[str, set[str]] = {}
    for page in site.glob("*.html"):
        ids[page.name] = set(html(page).xpath("//@id"))
    for page in site.glob("*.html"):
        for href in html(page).xpath("//a/@href"):
            if urlparse(href).scheme or href.startswith("tei/"):
                continue
            target, fragment = urldefrag(href)
            target = target or page.name
            assert target in ids, f"{page.name}: {href}"
            assert not fragment or fragment in ids[target], f"{page.name}: {href}"


# Encoding principles, with and without the schema


def test_principles_come_from_the_headers_without_a_schema(site):
    page = html(site / "principles.html")
    headings = page.xpath("//main//h2/text()")
    assert headings[:5] == ["The project", "Transcription", "Turns, paragraphs and pages", "Quotations",
                            "How the brackets of the transcripts were read"]
    assert "The schema" not in headings
    rows = page.xpath("//table[@class='conventions']//tr[td]")
    gap_extent = [r for r in rows if r.xpath("td[1]//text()") == ["[Three pages omitted in the original]"]][0]
    assert words(gap_extent.xpath("td[2]")[0]).startswith("An omission of stated extent, encoded as gap")
    assert gap_extent.xpath("td[3]//a/@href") == ["1990-11-08-moscow-gorbachev-baker.html"]
    supplied = [r for r in rows if r.xpath("td[1]//text()") == ["[with each other]"]][0]
    assert words(supplied.xpath("td[3]")[0]) == "All documents"


SCHEMA = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0">
  <xs:include schemaLocation="part.xsd"/>
  <xs:element name="sp"><xs:annotation><xs:documentation>A turn of speech.</xs:documentation></xs:annotation></xs:element>
  <xs:element name="gap"><xs:annotation><xs:documentation>Words left out of the source.</xs:documentation></xs:annotation></xs:element>
</xs:schema>"""
PART = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0">
  <xs:element name="note"><xs:annotation><xs:documentation>A note of the translator.</xs:documentation></xs:annotation></xs:element>
</xs:schema>"""


def test_principles_show_the_schemas_documentation_when_there_is_one(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "edition.xsd").write_text(SCHEMA)
    (tmp_path / "schema" / "part.xsd").write_text(PART)
    shutil.copytree(TEI_FOLDER, tmp_path / "tei")
    register = tmp_path / "tei" / "register.xml"
    documents = sorted((tmp_path / "tei").glob("1990-*.xml"))
    assert default_schema(documents, register).resolve() == (tmp_path / "schema" / "edition.xsd").resolve()
    build_site(documents, tmp_path / "site", register, schema=default_schema(documents, register))
    page = html(tmp_path / "site" / "principles.html")
    rows = {words(row.xpath("dt")[0]): words(row.xpath("dd")[0]) for row in page.xpath("//dl[@class='schema-elements']/div")}
    assert rows == {"<gap>": "Words left out of the source.", "<note>": "A note of the translator.",
                    "<sp>": "A turn of speech."}
    assert (tmp_path / "site" / "schema" / "edition.xsd").read_text() == SCHEMA
    assert (tmp_path / "site" / "schema" / "part.xsd").read_text() == PART


@pytest.mark.skipif(not (ROOT / "schema" / "edition.xsd").is_file(), reason="schema/edition.xsd is not written yet")
def test_the_editions_own_schema_documents_its_elements(tmp_path):
    build_site(edition_files(), tmp_path / "site", TEI_FOLDER / "register.xml", schema=ROOT / "schema" / "edition.xsd")
    page = html(tmp_path / "site" / "principles.html")
    documented = page.xpath("//dl[@class='schema-elements']/div/dt//text()")
    assert "<sp>" in documented and "<gap>" in documented


def test_a_participant_missing_from_the_register_is_still_listed(tmp_path):
    document = (TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml").read_text()
    document = document.replace('<person xml:id="bush" sameAs="reg:bush" role="speaker">', '<person xml:id="bush" role="speaker">')
    (tmp_path / "1990-11-19-paris.xml").write_text(document)
    build_site([tmp_path / "1990-11-19-paris.xml"], tmp_path / "site", TEI_FOLDER / "register.xml")
    entry = html(tmp_path / "site" / "people.html").xpath("//section[h2[@id='n-george-h-w-bush']]")[0]
    assert "Not in the edition’s register." in words(entry)
    assert "1990-11-19-paris.html#t37" in entry.xpath(".//a/@href")


# teikit serve


def test_serve_serves_the_site_on_localhost(site):
    with running(site_app(site)) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}search.html") as response:
            assert response.status == 200 and b"<h1>Search</h1>" in response.read()
        with urllib.request.urlopen(f"{url}assets/search.js") as response:
            assert response.headers["Content-Type"].startswith("text/javascript")


def test_serve_lists_no_folder_and_follows_no_symlink_out_of_the_site(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for readers")
    served = tmp_path / "served"
    shutil.copytree(site, served, symlinks=True)
    (served / "leak.txt").symlink_to(secret)
    (served / "outside").symlink_to(tmp_path)
    with running(site_app(served)) as url:
        for path in ("leak.txt", "outside/secret.txt", "assets/", "..%2Fsecret.txt", "%2e%2e/secret.txt"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{url}{path}")
            assert refused.value.code == 404, path
            assert b"not for readers" not in refused.value.read()


def test_serve_answers_200_readers_at_once(site):
    from concurrent.futures import ThreadPoolExecutor

    def read(url: str) -> int:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status

    with running(site_app(site)) as url, ThreadPoolExecutor(200) as pool:
        statuses = list(pool.map(read, [f"{url}index.html"] * 200))
    assert statuses == [200] * 200


def test_serve_refuses_a_folder_without_a_site(tmp_path, teikit):
    result = teikit("serve", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path}:1:1: error: no site here (index.html is missing); build one with `teikit build web`"


def test_serve_prints_its_address_and_stops_cleanly_on_ctrl_c(site):
    process = subprocess.Popen(
        [sys.executable, "-c", "from teikit.cli import main; main()", "serve", str(site), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline()
        assert line.startswith(f"Serving {site} at http://127.0.0.1:") and line.rstrip().endswith("(Ctrl-C stops)")
        url = line.split(" at ")[1].split(" ")[0]
        with urllib.request.urlopen(url) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read().strip() == "Stopped."
    finally:
        process.kill()


# A citable edition: what reference managers read, the other formats, the neighbours


def test_reference_managers_read_the_citation_tags(site):
    page = html(site / "1990-11-19-paris-gorbachev-bush.html")
    tags = {}
    for meta in page.xpath("//head/meta[starts-with(@name, 'citation_')]"):
        tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    assert tags == {
        "citation_title": ["Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990"],
        "citation_translator": ["Svetlana Savranskaya"],
        "citation_editor": ["The teikit editorial team"],
        "citation_date": ["1990/11/19"],
        "citation_publication_date": ["2026"],
        "citation_book_title": ["Gorbachev and the Americans, 1990: A Digital Edition"],
        "citation_publisher": ["The teikit project"],
        "citation_language": ["en"],
        "citation_abstract": [tags["citation_abstract"][0]],
    }
    assert tags["citation_abstract"][0].startswith("Meeting privately during the CSCE summit in Paris")
    assert page.xpath("//head/link[@rel='prev']/@href") == ["1990-11-08-moscow-gorbachev-baker.html"]
    assert page.xpath("//head/link[@rel='next']/@href") == ["1990-09-09-helsinki-bush-gorbachev.html"]


def test_each_page_offers_the_other_outputs_that_exist(edition, teikit):
    build = edition / "build"
    (build / "print").mkdir(parents=True)
    (build / "print" / "edition.pdf").write_bytes(b"%PDF-1.7 edition")
    (build / "print" / "1990-11-19-paris-gorbachev-bush.pdf").write_bytes(b"%PDF-1.7 " + b"x" * 3000)
    (build / "export" / "epub").mkdir(parents=True)
    (build / "export" / "epub" / "1990-11-19-paris-gorbachev-bush.epub").write_bytes(b"epub")
    (build / "export" / "docx").mkdir(parents=True)
    (build / "export" / "docx" / "1990-11-19-paris-gorbachev-bush.docx").write_bytes(b"PK docx")
    (build / "export" / "csv" / "by-document").mkdir(parents=True)
    (build / "export" / "csv" / "by-document" / "1990-11-19-paris-gorbachev-bush.csv").write_text("turn,speaker\n")
    (build / "export" / "csv" / "turns.csv").write_text("turn\n")
    result = teikit("build", "web", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["downloads"] == 6
    site = build / "web"
    paris = html(site / "1990-11-19-paris-gorbachev-bush.html")
    offered = {a.text: a.get("href") for a in paris.xpath("//section[@class='downloads']//a")}
    assert offered == {"PDF offprint": "downloads/1990-11-19-paris-gorbachev-bush.pdf",
                       "EPUB": "downloads/1990-11-19-paris-gorbachev-bush.epub",
                       "Word (DOCX)": "downloads/1990-11-19-paris-gorbachev-bush.docx",
                       "Turns as a table (CSV)": "downloads/1990-11-19-paris-gorbachev-bush.csv",
                       "TEI (XML)": "tei/1990-11-19-paris-gorbachev-bush.xml"}
    assert words(paris.xpath("//section[@class='downloads']//li")[0]) == "PDF offprint 3 KB"
    assert paris.xpath("//meta[@name='citation_pdf_url']/@content") == ["downloads/1990-11-19-paris-gorbachev-bush.pdf"]
    for href in offered.values():
        assert (site / href).is_file(), "copied into the site, which stays self-contained"
    moscow = html(site / "1990-11-08-moscow-gorbachev-baker.html")
    assert [a.text for a in moscow.xpath("//section[@class='downloads']//a")] == ["TEI (XML)"], "only what exists"
    home = html(site / "index.html")
    assert {a.text: a.get("href") for a in home.xpath("//div[@class='edition-downloads']//a")} == {
        "The edition as a book (PDF)": "downloads/edition.pdf", "Turns (CSV)": "downloads/turns.csv"}
