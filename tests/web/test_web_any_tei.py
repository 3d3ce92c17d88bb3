"""Publishing TEI that teikit did not write (issue 8): every element of the text reaches the page
with its words, any header renders, no register is needed, and a corpus of real files from other
projects is published whole."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from teikit.web.names import page_names
from teikit.web.site import build_site
from tests.conftest import ROOT, TEI_FOLDER
from tests.web.test_web_xslt import words

CORPUS = ROOT / "tests" / "corpus" / "tei"
TEI = "http://www.tei-c.org/ns/1.0"
WORD = re.compile(r"\w+")
# A header with nothing but what TEI requires: no editor, respStmt, abstract, particDesc or creation/date.
BARE = ("<teiHeader><fileDesc><titleStmt><title>Bare</title></titleStmt><publicationStmt><p>Unpublished</p>"
        "</publicationStmt><sourceDesc><p>Typed for a test.</p></sourceDesc></fileDesc></teiHeader>")


def tei(text: str, header: str = BARE) -> str:
    return f'<TEI xmlns="{TEI}">{header}{text}</TEI>'


@pytest.fixture
def publish(tmp_path):
    """Publish TEI documents given as text (no register), and read back their pages."""
    def run(*documents: str, **options):
        folder = tmp_path / "in"
        folder.mkdir(exist_ok=True)
        paths = []
        for number, document in enumerate(documents, 1):
            path = folder / f"doc{number}.xml"
            path.write_text(document, "utf-8")
            paths.append(path)
        site = build_site(paths, tmp_path / "out" / "web", **options)
        return site, tmp_path / "out" / "web"

    return run


def page(site: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / f"{name}.html")).getroot()


def text_of(root) -> str:
    """The words of the reading text as a reader sees them (tooltips, hidden until asked for, left out)."""
    text = root.xpath("//div[@class='text']")[0]
    for tip in text.xpath(".//span[@class='why']"):
        tip.drop_tree()
    return words(text)


# Every element of the text, with its words


def test_front_body_back_and_a_composite_text_in_order_with_their_heads(publish):
    _, site = publish(tei(
        "<text><front><head>Front matter</head><p>Preface words.</p></front>"
        "<group><head>Collected pieces</head>"
        "<text><body><head>First piece</head><p>One.</p></body></text>"
        "<text><front><titlePage><docTitle><titlePart>Second piece</titlePart></docTitle></titlePage></front><body><p>Two.</p></body></text>"
        "</group><back><div><head>Appendix</head><p>Back words.</p></div></back></text>"))
    assert text_of(page(site, "doc1")) == ("Front matter Preface words. Collected pieces First piece One. Text 2 "
                                           "Second piece Two. Appendix Back words.")


def test_turns_without_a_speaker_label_and_utterances_show_who_speaks(publish):
    header = BARE.replace("</fileDesc>", "</fileDesc><profileDesc><particDesc><listPerson>"
                          "<person xml:id='emilia'><persName>Emilia Galotti</persName></person>"
                          "</listPerson></particDesc></profileDesc>")
    _, site = publish(tei("<text><body><sp who='#emilia'><p>Who calls?</p></sp>"
                          "<u who='#PetrovIvan'>We agree.</u><sp><p>Nobody said it.</p></sp></body></text>", header))
    root = page(site, "doc1")
    heads = [words(h) for h in root.xpath("//*[@class='turn-head']")]
    assert heads == ["Emilia Galotti", "PetrovIvan", ""]
    assert root.xpath("//*[@class='turn-head']/@id") == ["t1", "t2", "t3"]
    assert root.xpath("//*[@class='turn-head']/a/@aria-label") == ["Turn 1", "Turn 2", "Turn 3"]
    assert "We agree." in text_of(root) and "Nobody said it." in text_of(root)
    people = page(site, "people")
    assert {words(h) for h in people.xpath("//section[@class='entry']/h2")} == {"Emilia Galotti", "PetrovIvan"}


def test_a_speaker_is_named_as_most_of_their_turns_name_them_whatever_the_turns_numbers(publish):
    _, site = publish(tei("<text><body><sp n='1'><speaker>Ann</speaker><p>One.</p></sp>"
                          "<sp n='2'><speaker>Ann</speaker><p>Two.</p></sp>"
                          "<sp n='40'><speaker>ANN</speaker><p>Forty.</p></sp></body></text>"))
    people = page(site, "people")
    assert [words(h) for h in people.xpath("//section[@class='entry']/h2")] == ["Ann"]


def test_verse_keeps_its_lines_and_numbers_them(publish):
    _, site = publish(tei("<text><body><lg>" + "".join(f"<l>Line {n}</l>" for n in range(1, 7))
                          + "<l n='12a'>Numbered line</l></lg></body></text>"))
    lines = page(site, "doc1").xpath("//div[@class='lg']/div[@class='l']")
    assert [words(line) for line in lines][:2] == ["Line 1", "Line 2"] and len(lines) == 7
    assert [line.get("data-n") for line in lines] == [None, None, None, None, "5", None, "12a"]


CHOICES = ("<text><body><p><choice><orig>vnto</orig><reg>unto</reg></choice> "
           "<choice><sic>teh</sic><corr>the</corr></choice> <choice><abbr>Dr.</abbr><expan>Doctor</expan></choice>"
           "</p></body></text>")


def test_choice_shows_one_reading_with_the_other_in_a_tip(publish):
    _, site = publish(tei(CHOICES))
    root = page(site, "doc1")
    choices = root.xpath("//span[@class='choice']")
    assert [c.xpath("string(span[@role='tooltip'])") for c in choices] == ["As written: vnto", "As written: teh", "Abbreviated: Dr."]
    assert [(c.get("tabindex"), c.get("aria-describedby")) for c in choices] == [
        ("0", "choice-1-why"), ("0", "choice-2-why"), ("0", "choice-3-why")]
    assert text_of(root) == "unto the Doctor"


def test_the_other_reading_of_a_choice_opens_by_keyboard_and_touch(publish, browser, axe):
    from teikit.commands.serve import site_app
    from teikit.server import running

    _, site = publish(tei(CHOICES))
    with running(site_app(site)) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
        try:
            reader = context.new_page()
            reader.goto(url + "doc1.html")
            copied = reader.evaluate("() => { getSelection().selectAllChildren(document.querySelector('#choice-1').parentElement);"
                                     " return getSelection().toString(); }")
            assert " ".join(copied.split()) == "unto the Doctor", "a copy has the reading shown, not the tips"
            tip = reader.locator("#choice-1-why")
            assert not tip.is_visible()
            for _ in range(30):
                reader.keyboard.press("Tab")
                if reader.evaluate("document.activeElement.id") == "choice-1":
                    break
            assert reader.evaluate("document.activeElement.id") == "choice-1", "the choice is a tab stop"
            assert tip.is_visible() and tip.inner_text() == "As written: vnto"
            reader.keyboard.press("Escape")
            assert not tip.is_visible(), "Escape closes the tip"
            reader.locator("#choice-3").tap()
            assert reader.locator("#choice-3-why").is_visible(), "a tap opens it"
            assert reader.locator("#choice-3-why").inner_text() == "Abbreviated: Dr."
            results = axe.run(reader)
            assert results.violations_count == 0, results.generate_report()
        finally:
            context.close()


def test_a_tip_near_the_right_edge_of_a_phone_stays_on_the_screen(publish, browser):
    from teikit.commands.serve import site_app
    from teikit.server import running

    # Enough readings in one paragraph that some stand at the right edge of a 390 px screen.
    readings = " ".join(f"word <choice><orig>vnto-an-old-spelling-{n}</orig><reg>unto</reg></choice>" for n in range(40))
    _, site = publish(tei(f"<text><body><p>{readings}</p></body></text>"))
    with running(site_app(site)) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
        try:
            reader = context.new_page()
            reader.goto(url + "doc1.html")
            width = reader.evaluate("document.documentElement.clientWidth")
            for n in range(1, 41):
                reader.locator(f"#choice-{n}").tap()
                box = reader.locator(f"#choice-{n}-why").bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"the tip of reading {n} runs off: {box}"
        finally:
            context.close()


def test_an_apparatus_shows_the_lemma_and_its_readings(publish):
    _, site = publish(tei("<text><body><p>A <app><lem wit='#A'>red</lem><rdg wit='#B'>read</rdg><rdg wit='#C'/></app> rose.</p>"
                          "</body></text>"))
    root = page(site, "doc1")
    assert root.xpath("//span[@class='lem']/text()") == ["red"]
    assert [words(r) for r in root.xpath("//span[@class='rdg']")] == ["B: read", "C: om."]


def test_tables_lists_and_figures_keep_their_words(publish):
    _, site = publish(tei(
        "<text><body><table><head>Votes</head><row role='label'><cell>Party</cell><cell>Seats</cell></row>"
        "<row><cell cols='2'>None</cell></row></table>"
        "<list type='gloss'><label>CSCE</label><item>Conference on Security</item></list>"
        "<list><item>One</item><item>Two</item></list>"
        "<figure><graphic url='https://example.org/map.png'/><head>A map</head><figDesc>Europe in 1990</figDesc></figure>"
        "<figure><graphic url='images/local.jpg'/></figure>"
        "<div><head><graphic url='https://example.org/ornament.png'/></head><p>After an ornament.</p></div>"
        "</body></text>"))
    root = page(site, "doc1")
    assert root.xpath("//table[@class='tei-table']/caption/text()") == ["Votes"]
    assert root.xpath("//table[@class='tei-table']//th/text()") == ["Party", "Seats"]
    assert root.xpath("//table[@class='tei-table']//td/@colspan") == ["2"]
    assert root.xpath("//dl[@class='list']/dt/text()") == ["CSCE"]
    assert root.xpath("//ul[@class='list']/li/text()") == ["One", "Two"]
    image = root.xpath("//figure/img")[0]
    assert image.get("src") == "https://example.org/map.png" and image.get("alt") == "Europe in 1990"
    assert "A map Europe in 1990" in words(root.xpath("//figure/figcaption")[0])
    assert "[Image: local.jpg]" in text_of(root), "an image the site does not carry is named"
    assert root.xpath("//section[contains(@class, 'div')]/h3/img/@src") == ["https://example.org/ornament.png"]


def test_breaks_milestones_and_phrases(publish):
    _, site = publish(tei(
        "<text><body><p>one<lb/>two <cb n='2'/>three <milestone unit='chapter' n='4'/>four "
        "<hi rend='bold'>bold</hi> <hi rend='smallcaps underline'>caps</hi> <foreign xml:lang='la'>et cetera</foreign> "
        "<unclear>dim</unclear> <del>gone</del> <add place='above'>added</add> <seg type='x'>seg</seg> "
        "<x:thing xmlns:x='urn:elsewhere'>other markup</x:thing> <pb n='7' facs='https://example.org/p7.jpg'/>seven</p>"
        "</body></text>"))
    root = page(site, "doc1")
    assert text_of(root).startswith("one two three four bold caps et cetera dim")
    assert "gone added seg other markup seven" in text_of(root)
    assert root.xpath("//p/br") and root.xpath("//span[@class='cb']/@data-column") == ["2"]
    assert root.xpath("//span[@class='milestone']/@data-n") == ["4"]
    assert root.xpath("//b[contains(@class, 'rend-bold')]/text()") == ["bold"]
    assert root.xpath("//span[contains(@class, 'rend-smallcaps')]/@class") == ["hi rend-smallcaps rend-underline"]
    assert root.xpath("//i[@class='foreign']/@lang") == ["la"]
    assert root.xpath("//del/text()") == ["gone"] and root.xpath("//ins/text()") == ["added"]
    assert root.xpath("//span[@class='x-thing']/text()") == ["other markup"]
    assert root.xpath("//span[@class='tei-seg']/text()") == ["seg"], "no special rendering: its name as a class"
    pb = root.xpath("//span[@class='pb']")[0]
    assert pb.get("data-page") == "p. 7" and pb.get("aria-label") == "Page 7 of the original"
    assert pb.xpath("a[@class='pb-facs']/@href") == ["https://example.org/p7.jpg"]


def test_a_facsimile_surface_is_found_from_its_pointer_and_a_script_link_is_never_made(publish):
    _, site = publish(tei("<facsimile><surface xml:id='f1'><graphic url='https://example.org/f1.jpg'/></surface></facsimile>"
                          "<text><body><p><pb facs='#f1'/>a <ref target='javascript:alert(1)'>click</ref> "
                          "<pb facs='javascript:alert(2)'/>b</p></body></text>"))
    root = page(site, "doc1")
    assert root.xpath("//a[@class='pb-facs']/@href") == ["https://example.org/f1.jpg"]
    assert not [href for href in root.xpath("//@href") if "javascript" in href]


def test_facsimiles_and_images_named_against_an_xml_base_are_found(publish):
    """Facsimiles are mostly file names on an image server given once by xml:base."""
    _, site = publish(tei("<facsimile xml:base='https://iiif.example.org/ms1/'><surface xml:id='f1'><graphic url='p1.jpg'/>"
                          "</surface></facsimile><text xml:base='https://img.example.org/scans/'><body><p><pb n='1' facs='#f1'/>a "
                          "<pb n='2' facs='p2.jpg'/>b <figure><graphic url='fig.png'/><figDesc>A map</figDesc></figure></p>"
                          "<p xml:base='urn:x:y'><pb n='3' facs='p3.jpg'/>c</p></body></text>"))
    root = page(site, "doc1")
    assert root.xpath("//a[@class='pb-facs']/@href") == ["https://iiif.example.org/ms1/p1.jpg", "https://img.example.org/scans/p2.jpg"]
    assert root.xpath("//img[@class='graphic']/@src") == ["https://img.example.org/scans/fig.png"]
    assert root.xpath("//*[@class='pb' and @aria-label='Page 3 of the original']"), "a page whose facsimile names nothing on the web is still marked"


# Any header


def test_a_bare_header_builds_and_the_site_is_branded_by_what_it_holds(publish):
    report, site = publish(tei("<text><body><p>Just words.</p></body></text>"))
    assert report.documents == 1 and not report.problems
    home = page(site, "index")
    assert home.xpath("//h1/text()") == ["Bare"], "one document: its own title"
    assert "Gorbachev" not in lxml.html.tostring(home, encoding="unicode")
    assert not home.xpath("//a[@href='tei/register.xml']"), "no register to offer"
    assert page(site, "doc1").xpath("//h1/text()") == ["Bare"]


def test_title_and_editors_given_on_the_command_line(publish):
    _, site = publish(tei("<text><body><p>a</p></body></text>"), tei("<text><body><p>b</p></body></text>"),
                      title="Letters of 1848", editors=["Ada Editor", "Ben Editor"])
    home = page(site, "index")
    assert home.xpath("//h1/text()") == ["Letters of 1848"]
    assert words(home.xpath("//p[@class='editors']")[0]) == "Edited by Ada Editor and Ben Editor"
    assert words(page(site, "doc2").xpath("//p[@id='cite-plain']")[0]).startswith(
        "“Bare”. In Letters of 1848, edited by Ada Editor and Ben Editor")


HEADER_VARIETY = """<teiHeader><fileDesc>
  <titleStmt><title type="main">Main title</title><title type="sub">A subtitle</title><title>Another title</title>
    <author>Anna Author</author>
    <editor role="editor"><persName><forename>Eva</forename> <surname>Editor</surname></persName></editor>
    <respStmt><resp>transcribed by</resp><resp>encoded by</resp><persName>Rita Resp</persName><persName>Tom Two</persName></respStmt>
  </titleStmt>
  <publicationStmt><publisher>A Press</publisher><availability><licence target="https://creativecommons.org/publicdomain/zero/1.0/">CC0</licence></availability></publicationStmt>
  <sourceDesc><msDesc><msIdentifier><repository>Some Library</repository><idno>MS 1</idno></msIdentifier></msDesc></sourceDesc>
</fileDesc></teiHeader>"""


def test_header_variety_renders(publish):
    report, site = publish(tei("<text><body><head><graphic url='https://example.org/only.png'/></head><p>x</p></body></text>",
                               HEADER_VARIETY))
    assert not report.problems
    root = page(site, "doc1")
    assert root.xpath("//h1/text()") == ["Main title"]
    assert [words(p) for p in root.xpath("//p[@class='subtitle']")] == ["A subtitle", "Another title"]
    rows = {row.xpath("dt")[0].text: words(row.xpath("dd")[0]) for row in root.xpath("//dl[@class='source']/div")}
    assert rows["Author"] == "Anna Author"
    assert rows["Edited by"] == "Eva Editor"
    assert rows["Responsibility"] == "Transcribed by, encoded by Rita Resp, Tom Two"
    assert rows["Source"] == "Some Library, MS 1"
    assert root.xpath("//meta[@name='citation_author']/@content") == ["Anna Author"]
    assert root.xpath("//footer//a[@rel='license']/@href") == ["https://creativecommons.org/publicdomain/zero/1.0/"], \
        "the document's own licence, the same in the source description and the footer"
    assert root.xpath("//dl[@class='source']//a[@rel='license']/@href") == root.xpath("//footer//a[@rel='license']/@href")


def test_people_and_places_come_from_the_documents_lists_and_mentions(publish):
    header = BARE.replace("</fileDesc>", "</fileDesc><profileDesc><particDesc><listPerson>"
                          "<person xml:id='ann'><persName>Ann Lee</persName><birth when='1801'/><occupation>weaver</occupation>"
                          "<idno type='wikidata'>Q42</idno></person></listPerson></particDesc></profileDesc>")
    _, site = publish(tei("<standOff><listPlace><place xml:id='lyon'><placeName>Lyon</placeName></place></listPlace></standOff>"
                          "<text><body><p><persName ref='#ann'>Ann</persName> went to <placeName ref='#lyon'>Lyons</placeName>"
                          " with <persName>Bob Ray</persName> and <persName ref='https://viaf.org/viaf/1'>Cy</persName>.</p>"
                          "</body></text>", header))
    people = page(site, "people")
    entries = {words(s.xpath("h2")[0]): s for s in people.xpath("//section[@class='entry']")}
    assert set(entries) == {"Ann Lee", "Bob Ray", "Cy"}
    assert "1801 · weaver" in words(entries["Ann Lee"])
    assert entries["Ann Lee"].xpath(".//a[starts-with(@href, 'https://www.wikidata.org/')]/@href") == ["https://www.wikidata.org/wiki/Q42"]
    assert "doc1.html#text" in entries["Bob Ray"].xpath(".//a/@href")
    assert not people.xpath("//*[contains(., 'register')]"), "no register is mentioned when there is none"
    places = page(site, "places")
    assert [words(h) for h in places.xpath("//section[@class='entry']/h2")] == ["Lyon"]
    document = page(site, "doc1")
    lyon = places.xpath("//section[@class='entry']/h2/@id")[0]
    assert document.xpath("//a[text()='Lyons']/@href") == [f"places.html#{lyon}"]


# Failures: one line at the input's own line, and the others still published


def test_an_invalid_pattern_of_the_document_is_said_at_its_own_line(tmp_path, teikit, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bad.xml").write_text(tei(
        "<text><body><p><persName ref='psn:anna'>Anna</persName></p></body></text>",
        BARE.replace("</fileDesc>", "</fileDesc>\n<encodingDesc><listPrefixDef>\n"
                     "<prefixDef ident='psn' matchPattern='([a-z]+' replacementPattern='persons.xml#$1'/>"
                     "</listPrefixDef></encodingDesc>")))
    shutil.copy(TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml", "good.xml")
    result = teikit("build", "web", "bad.xml", "good.xml", "-o", "site")
    assert result.exit_code == 1
    line = result.stderr.splitlines()[0]
    assert line.startswith("bad.xml:3:1: error: cannot be published: <prefixDef> its matchPattern or replacementPattern "
                           "is not a valid regular expression"), line
    assert line.endswith("correct it, or remove the prefixDef")
    assert "xsl" not in result.stderr and "Traceback" not in result.output, "never the stylesheet's location or a dump"
    assert (tmp_path / "site" / "good.html").is_file() and not (tmp_path / "site" / "bad.html").exists()
    home = lxml.html.parse(str(tmp_path / "site" / "index.html")).getroot()
    assert home.xpath("//ol[@class='documents']//h3/a/@href") == ["good.html"], "the edition-wide pages cover those published"


def test_a_failure_inside_the_stylesheet_is_placed_at_the_element_it_was_rendering(tmp_path):
    from teikit.web.pages import _located

    source = tmp_path / "doc.xml"
    source.write_text(tei("<text><body>\n<p>one</p>\n<p>two</p></body></text>"))
    # Element 0 is TEI, the header's are 1 to 8, then text, body, and the two paragraphs at 11 and 12.
    message = ("transformation failed: Type error at char 19 in expression in xsl:value-of/@select on line 3 column 69 of "
               "text.xsl: at element 12 <p>: XPTY0004 A sequence of more than one item is not allowed In template rule")
    problem = _located(source, message)
    assert (problem.line, problem.path) == (3, source)
    assert problem.message.startswith("could not be published in <p>: A sequence of more than one item is not allowed;")
    assert "text.xsl" not in str(problem)


# A corpus of real TEI from other projects


def tei_words(path: Path) -> set[str]:
    root = etree.parse(str(path)).getroot()
    return {w.casefold() for text in root.findall(f"{{{TEI}}}text") for w in WORD.findall(" ".join(text.itertext()))}


def page_words(path: Path) -> set[str]:
    main = lxml.html.parse(str(path)).getroot().find(".//main")
    return {w.casefold() for w in WORD.findall(" ".join(main.itertext()))}


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory):
    documents = sorted(CORPUS.rglob("*.xml"))
    assert len(documents) >= 40, "the corpus of other projects' TEI (tests/corpus/tei) is missing"
    output = tmp_path_factory.mktemp("corpus") / "web"
    return documents, output, build_site(documents, output)


def test_the_corpus_is_published_whole(corpus_site):
    documents, output, report = corpus_site
    assert not report.problems, [str(p) for p in report.problems]
    assert report.documents == len(documents)
    sources = {entry["file"] for entry in json.loads((CORPUS / "SOURCES.json").read_text())}
    assert {str(d.relative_to(CORPUS)) for d in documents} == sources
    projects = {d.relative_to(CORPUS).parts[0] for d in documents}
    assert len(projects) >= 10
    home = lxml.html.parse(str(output / "index.html")).getroot()
    assert home.xpath("//h1/text()") == [f"{len(documents)} TEI documents"], "branded by what it holds"
    assert len(home.xpath("//ol[@class='documents']/li")) == len(documents)


def test_each_page_of_the_corpus_has_the_words_of_its_text(corpus_site):
    documents, output, _ = corpus_site
    short = []
    for document, name in zip(documents, page_names(documents)):
        expected = tei_words(document)
        found = page_words(output / f"{name}.html")
        share = len(expected & found) / len(expected) if expected else 1
        if share < 0.99:
            short.append(f"{document.relative_to(CORPUS)}: {share:.1%}, missing {sorted(expected - found)[:10]}")
    assert not short, short


def test_the_corpus_copies_carry_no_script_and_keep_their_schemas(corpus_site):
    documents, output, report = corpus_site
    scripted = [w for w in report.warnings if "leaves out what a browser would run" in w.message]
    assert scripted, "the corpus has XHTML script and xml-stylesheet instructions to leave out"
    for copy in (output / "tei").glob("*.xml"):
        root = etree.parse(str(copy))
        assert not root.xpath("//*[local-name() = 'script' and namespace-uri() != $tei]", tei=TEI), copy.name
        assert not [pi for pi in root.xpath("/processing-instruction('xml-stylesheet')") if "css" not in pi.text], copy.name


@pytest.fixture(scope="session")
def corpus_url(corpus_site):
    from teikit.commands.serve import site_app
    from teikit.server import running

    with running(site_app(corpus_site[1])) as url:
        yield url


# What overflows the phone's width, and is not inside a box of its own that scrolls.
OVERFLOWING = """() => [...document.querySelectorAll('body *')].filter(element => {
    if (element.getBoundingClientRect().right <= innerWidth + 0.5) return false;
    for (let box = element.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible' && box.getBoundingClientRect().right <= innerWidth + 0.5) return false;
    }
    return true;
}).slice(0, 3).map(element => `${element.localName}.${element.className}: ${element.textContent.trim().slice(0, 40)}`)"""


def test_no_page_of_the_corpus_scrolls_sideways_on_a_phone(corpus_site, corpus_url, browser):
    """Long addresses, formulas and wide tables of other projects' TEI stay within 390 px: a wide table
    or code scrolls in its own box, which the keyboard can reach; the page itself never does."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide, scrolling = [], 0
    try:
        for html in sorted(corpus_site[1].glob("*.html")):
            page.goto(f"{corpus_url}{html.name}")
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > page.evaluate("innerWidth"):
                wide.append(f"{html.name}: {width} px, {page.evaluate(OVERFLOWING)}")
            boxes = page.locator(".table-wrap, main pre")
            for index in range(boxes.count()):
                box = boxes.nth(index)
                if box.evaluate("e => e.scrollWidth > e.clientWidth"):
                    scrolling += 1
                    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label"), \
                        f"{html.name}: a box that scrolls sideways is reached by the keyboard and named"
    finally:
        context.close()
    assert len(list(corpus_site[1].glob("*.html"))) >= 60
    assert not wide, wide
    assert scrolling, "the corpus has a table or code wider than a phone, in its own scrolling box"
