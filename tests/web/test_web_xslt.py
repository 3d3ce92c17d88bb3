"""How xslt/web/edition.xsl renders each TEI element, checked on small documents."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import lxml.html
import pytest
from lxml import etree

from tests.conftest import TEI_FOLDER

W = {"w": "urn:teikit:web"}

HEADER = """
<teiHeader>
  <fileDesc>
    <titleStmt><title type="main">A snippet</title></titleStmt>
    <publicationStmt><p>Test</p></publicationStmt>
    <sourceDesc><p>Made for a test.</p></sourceDesc>
  </fileDesc>
  <encodingDesc>
    <listPrefixDef>
      <prefixDef ident="reg" matchPattern="([A-Za-z0-9_.-]+)" replacementPattern="register.xml#$1"/>
    </listPrefixDef>
  </encodingDesc>
  <profileDesc>
    <creation><date when="1990-11-19">19 November 1990</date>, <placeName ref="reg:paris">Paris</placeName></creation>
    <particDesc>
      <listPerson>
        <person xml:id="bush" sameAs="reg:bush" role="speaker"><persName>George H. W. Bush</persName><persName type="label">Bush</persName></person>
        <person xml:id="gorbachev" sameAs="reg:gorbachev" role="speaker"><persName>Mikhail Gorbachev</persName></person>
        <person xml:id="guest" role="speaker"><persName>A guest</persName></person>
      </listPerson>
    </particDesc>
  </profileDesc>
</teiHeader>"""


@dataclass
class Rendered:
    page: lxml.html.HtmlElement
    summary: etree._Element

    @property
    def text(self) -> lxml.html.HtmlElement:
        return self.page.xpath("//div[@class='text']")[0]

    def one(self, xpath: str):
        found = self.page.xpath(xpath)
        assert len(found) == 1, f"{xpath} found {len(found)} times"
        return found[0]

    def words(self, element=None) -> str:
        """The text as a browser lays it out, on one line: blocks and line breaks part words."""
        return words(element if element is not None else self.text)


BLOCKS = {"p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "td", "th", "dt", "dd", "blockquote"}


def words(element) -> str:
    element = copy.deepcopy(element)
    # A tip (why words are supplied, the other reading of a choice) is hidden until asked for.
    for tip in element.xpath(".//span[@class='why']"):
        tip.drop_tree()
    for inner in element.iter():
        if inner.tag in BLOCKS and inner is not element:
            inner.tail = "\n" + (inner.tail or "")
    return " ".join(element.text_content().split())


@pytest.fixture
def render(renderer, tmp_path):
    def run(body: str, header: str = HEADER, name: str = "snippet") -> Rendered:
        source = tmp_path / f"{name}.xml"
        source.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{header}<text><body>{body}</body></text></TEI>', "utf-8")
        summary = renderer.document(source, tmp_path)
        return Rendered(lxml.html.parse(str(tmp_path / f"{name}.html")).getroot(), etree.fromstring(summary))

    return run


# Turns


def test_a_turn_has_its_label_as_printed_a_number_a_stable_id_and_a_permalink(render):
    out = render('<sp xml:id="t12" n="12" who="#gorbachev"><speaker>M.S. Gorbachev.</speaker><p>Another thought.</p></sp>')
    head = out.one("//h3[@id='t12']")
    assert head.get("class") == "turn-head"
    assert out.words(head) == "M.S. Gorbachev.", "the number and the shape are drawn, not copied with the words"
    permalink = out.one("//h3[@id='t12']/a[@class='turn-no']")
    assert permalink.get("href") == "#t12"
    assert permalink.get("aria-label") == "Turn 12" and permalink.get("data-n") == "12"
    assert out.words(out.one("//section[contains(@class, 'turn')]/p")) == "Another thought."


def test_speakers_differ_by_shape_and_label_not_only_colour(render):
    out = render(
        '<sp xml:id="t1" n="1" who="#bush"><speaker>Bush:</speaker><p>One.</p></sp>'
        '<sp xml:id="t2" n="2" who="#gorbachev"><speaker>Gorbachev:</speaker><p>Two.</p></sp>'
        '<sp xml:id="t3" n="3" who="#guest"><speaker>Guest:</speaker><p>Three.</p></sp>'
    )
    shapes = [out.one(f"//h3[@id='t{n}']//span[@class='speaker']").get("data-shape") for n in (1, 2, 3)]
    assert shapes == ["●", "■", "▲"]
    assert [out.one(f"//h3[@id='t{n}']/..").get("class") for n in (1, 2, 3)] == [
        "turn speaker-1", "turn speaker-2", "turn speaker-3"]
    legend = out.one("//div[@class='legend']")
    assert [(li.get("data-shape"), out.words(li)) for li in legend.xpath(".//li")][:2] == [
        ("●", "George H. W. Bush (printed “Bush”)"), ("■", "Mikhail Gorbachev")]


def test_a_turn_without_id_or_number_gets_them_from_its_position(render):
    out = render('<sp who="#bush"><speaker>Bush:</speaker><p>One.</p></sp><sp who="#bush"><p>Two.</p></sp>')
    assert out.one("//h3[@id='t2']/a").get("href") == "#t2"
    assert out.words(out.one("//h3[@id='t2']")) == "Bush", "no speaker element: the label of the participant"


# Apparatus


def test_a_gap_shows_the_wording_of_the_original_and_its_extent(render):
    out = render('<sp xml:id="t1" n="1" who="#bush"><p>Taken. <gap reason="omitted" quantity="3" unit="page">'
                 '<desc>Three pages omitted in the original</desc></gap></p></sp>')
    gap = out.one("//span[@class='gap']")
    assert gap.get("id") == "gap-1"
    assert out.words(gap.xpath("span[@class='gap-wording']")[0]) == "[Three pages omitted in the original]"
    info = gap.xpath("span[@class='gap-info']")[0]
    assert info.get("data-info") == "Omitted in the source · 3 pages" and not info.text, "drawn, so never copied into the words"


def test_a_gap_between_turns_is_a_block_and_one_without_wording_says_what_is_missing(render):
    out = render('<gap reason="omitted" unit="page"><desc>Subsequent pages omitted in the original.</desc></gap>'
                 '<sp xml:id="t1" n="1" who="#bush"><p>Yes.</p></sp><gap reason="illegible" quantity="2" unit="word"/>')
    blocks = out.page.xpath("//p[@class='gap gap-block']")
    assert [out.words(b.xpath("span[@class='gap-wording']")[0]) for b in blocks] == [
        "[Subsequent pages omitted in the original.]", "[Illegible: 2 words]"]
    assert "pages (number not stated)" in blocks[0].xpath("span[@class='gap-info']/@data-info")[0]


def test_supplied_words_stand_in_brackets_with_an_explanation_on_focus(render):
    out = render('<sp xml:id="t1" n="1" who="#bush"><speaker><supplied reason="identification">J. Baker.</supplied></speaker>'
                 '<p>what would <supplied reason="clarification">system</supplied> be?'
                 ' <supplied reason="clarification" cert="low">to them?</supplied></p></sp>')
    first, second, third = out.page.xpath("//span[@class='supplied']")
    assert out.words(second).startswith("[system]")
    assert second.get("tabindex") == "0"
    tip = out.one(f"//*[@id='{second.get('aria-describedby')}']")
    assert tip.get("role") == "tooltip"
    assert out.words(tip) == "Supplied by the translator or editor for clarity. Not in the original."
    assert "Speaker label supplied by the editor" in out.words(out.one(f"//*[@id='{first.get('aria-describedby')}']"))
    assert "the insertion is uncertain" in out.words(out.one(f"//*[@id='{third.get('aria-describedby')}']"))


def test_notes_are_numbered_footnotes_with_a_link_each_way(render):
    out = render('<sp xml:id="t4" n="4" who="#bush"><p>between the lines <note type="translator" xml:id="n1">'
                 '<foreign xml:lang="ru-Latn">cherez zapiatiu</foreign></note> and <note type="translator" cert="low" '
                 'xml:id="n2">SBSE?? - or something like that?</note>.</p></sp>')
    marker = out.one("//sup[@class='noteref note-translator']/a[@id='n1-ref']")
    assert marker.get("href") == "#n1" and out.words(marker) == "1" and marker.get("aria-label") == "Translator’s note 1"
    assert out.one("//sup/a[@id='n2-ref']").get("aria-label") == "Translator’s query 2"
    first = out.one("//section[@class='footnotes']//li[@id='n1']")
    assert out.words(first).startswith("1 Translator’s note cherez zapiatiu")
    assert first.xpath(".//a[@class='note-permalink']/@href") == ["#n1"], "each note has its own permalink"
    assert first.xpath(".//i[@class='foreign']/@lang") == ["ru-Latn"]
    assert first.xpath(".//i[@class='foreign']/@data-language") == ["Russian, in Latin letters"]
    assert first.xpath(".//a[@href='#n1-ref']/text()") == ["Back to turn 4"]
    assert out.words(out.one("//li[@id='n2']")).startswith("2 Translator’s query SBSE??")
    assert "cherez" not in out.words(out.one("//section[contains(@class, 'turn')]/p")), "the note stays out of the line"


def test_page_breaks_are_marked_where_they_fall(render):
    out = render('<sp xml:id="t1" n="1" who="#bush"><p>I had to <pb/>propose them</p><pb n="7"/><p>Next.</p></sp>')
    inline = out.one("//p/span[@class='pb']")
    assert inline.tail == "propose them" and inline.get("data-page") == "page break" and not out.words(inline)
    block = out.one("//div[@class='pb pb-block']")
    assert block.get("data-page") == "p. 7" and block.get("aria-label") == "Page 7 of the original"


def test_foreign_words_are_italic_and_carry_their_language(render):
    out = render('<p>the word <foreign xml:lang="ru">perestroika</foreign> again</p>')
    word = out.one("//i[@class='foreign']")
    assert word.get("lang") == "ru" and word.text == "perestroika" and word.get("data-language") == "Russian"
    assert out.words(out.text) == "the word perestroika again", "the language is drawn beside the word, not copied"


# Phrases and structure


def test_names_link_to_the_register_with_its_form_of_the_name(render):
    out = render('<p><persName ref="reg:baker">Jim</persName> in <placeName ref="reg:moscow">Moscow</placeName>,'
                 ' <persName ref="reg:nobody">Someone</persName></p>')
    jim = out.one("//a[text()='Jim']")
    assert jim.get("href") == "people.html#baker" and jim.get("title") == "James A. Baker"
    moscow = out.one("//a[text()='Moscow']")
    assert moscow.get("href") == "places.html#moscow" and moscow.get("title") is None
    someone = out.one("//a[text()='Someone']")
    assert someone.get("href") == "people.html#u-reg-nobody", "a name the register lacks still has its entry"


def test_phrase_level_elements(render):
    out = render('<p><hi rend="bold">bold</hi> <hi rend="italic">italic</hi> <date when="1990-11-19">November 19</date>'
                 ' “<quote>as long as is required</quote>” <ref target="https://example.org/a">a link</ref>'
                 ' <ref target="#">no link</ref> <ptr target="https://example.org/p"/> line<lb/>break</p>')
    assert out.one("//div[@class='text']//b").text == "bold" and out.one("//div[@class='text']//i").text == "italic"
    assert out.one("//div[@class='text']//time").get("datetime") == "1990-11-19"
    assert out.words(out.text).startswith("bold italic November 19 “as long as is required” a link no link")
    assert out.one("//span[@class='quote']").text == "as long as is required"
    assert out.one("//a[text()='a link']").get("href") == "https://example.org/a"
    assert out.one("//span[@class='ref']").text == "no link"
    assert out.one("//a[text()='https://example.org/p']").get("href") == "https://example.org/p"
    assert out.page.xpath("//div[@class='text']//p/br")


def test_sections_become_headed_sections_with_their_ids(render):
    out = render('<p>Lead.</p><div xml:id="context" type="section"><head>Historical Context</head><p>One.</p>'
                 '<div xml:id="geneva" type="subsection"><head>Geneva Summit (1985)</head><p>Two.</p></div></div>'
                 '<div xml:id="see-also" type="section"><head>See also</head><list><item>Malta Summit</item>'
                 '<item>START I</item></list></div><div xml:id="references" type="section"><head>References</head></div>')
    assert out.one("//h3[@id='context']").text == "Historical Context"
    assert out.one("//h4[@id='geneva']").text == "Geneva Summit (1985)"
    assert out.page.xpath("//ul/li/text()") == ["Malta Summit", "START I"]
    assert out.one("//h3[@id='references']").text == "References"
    assert out.one("//h2[@id='text']").text == "Text", "a text without its own heading gets a hidden one"


def test_the_transcripts_heading_rule_and_dateline(render):
    out = render('<head rend="bold">Record of … Paris<lb/><date when="1990-11-19">November 19, 1990</date></head>'
                 '<milestone unit="section" rend="rule"/><opener><dateline><placeName ref="reg:moscow">Moscow</placeName>, '
                 '<date when="1990-11-08">8 November 1990</date></dateline></opener>')
    head = out.one("//h2[@id='text']")
    assert out.words(head) == "Record of … Paris November 19, 1990" and head.xpath("br")
    assert out.page.xpath("//div[@class='text']/div[@class='body']/hr[@class='rule']")
    assert out.words(out.one("//div[@class='opener']/p[@class='dateline']")) == "Moscow, 8 November 1990"


@pytest.mark.parametrize(
    "body, words",
    [
        ("<lg><l>First line,</l><l>second line.</l></lg>", "First line, second line."),
        ('<p>the <seg type="x">kept words</seg> and <add place="above">added</add></p>', "the kept words and added"),
        ("<p><choice><sic>teh</sic><corr>the</corr></choice> end</p>", "the end"),
        ("<table><row><cell>A cell</cell><cell>another</cell></row></table>", "A cell another"),
        ('<p>one <x:thing xmlns:x="urn:elsewhere">foreign markup</x:thing> two</p>', "one foreign markup two"),
        ('<floatingText><body><p>Inner text.</p></body></floatingText>', "Inner text."),
        ("<sp who='#bush'><stage>Laughter.</stage><p>Yes.</p></sp>", "Bush Laughter. Yes."),
    ],
)
def test_an_element_without_a_template_keeps_its_text(render, body, words):
    out = render(body)
    assert out.words() == words


def test_unknown_block_and_phrase_elements_keep_their_name_as_a_class(render):
    out = render("<performance><p>Line.</p></performance><p>a <seg>b</seg></p>")
    assert out.one("//div[@class='tei-performance']/p").text == "Line."
    assert out.one("//p/span[@class='tei-seg']").text == "b"


# The document's page around the text


def test_the_page_has_the_title_date_place_and_a_download_of_its_source(render):
    out = render("<p>Text.</p>", name="1990-11-19-paris-test")
    assert out.one("//h1").text == "A snippet"
    assert out.words(out.one("//header[@class='document-head']/p[@class='facts']")) == "19 November 1990 · Paris"
    assert out.one("//dl[@class='source']//a[@download]").get("href") == "tei/1990-11-19-paris-test.xml"
    assert out.one("//title").text.startswith("A snippet — Gorbachev and the Americans, 1990")


def test_citation_names_the_document_the_edition_and_a_permalink(render):
    out = render("<p>Text.</p>", name="paris-test")
    plain = out.one("//p[@id='cite-plain']")
    words = out.words(plain)
    assert words.startswith("“A snippet”, 19 November 1990. In Gorbachev and the Americans, 1990: A Digital Edition, "
                            "edited by The teikit editorial team. The teikit project, 2026")
    assert words.endswith("paris-test.html.")
    assert plain.xpath(".//span[@class='cite-turn'][@hidden]"), "the turn appears when a reader follows one"
    bibtex = out.words(out.one("//pre[@id='cite-bibtex']"))
    assert bibtex.startswith("@incollection{paris-test")
    assert "booktitle = {Gorbachev and the Americans, 1990: A Digital Edition}" in bibtex
    assert "editor = {{The teikit editorial team}}" in bibtex


def test_bibtex_escapes_what_latex_would_read(render):
    header = HEADER.replace("<title type=\"main\">A snippet</title>", "<title type=\"main\">Q&amp;A on 50% of #1_x</title>")
    out = render("<p>Text.</p>", header=header)
    assert "title = {Q\\&A on 50\\% of \\#1\\_x}" in out.words(out.one("//pre[@id='cite-bibtex']"))


def test_permalinks_are_absolute_with_a_base_url(renderer, tmp_path):
    from teikit import xslt
    from teikit.edition import header_document
    from teikit.web.pages import Renderer

    source = tmp_path / "doc.xml"
    source.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text><body><p>x</p></body></text></TEI>')
    with xslt.processor() as proc:
        header = header_document([source], TEI_FOLDER / "register.xml")
        Renderer(proc, header, "https://edition.example.org/gorbachev").document(source, tmp_path)
    page = lxml.html.parse(str(tmp_path / "doc.html")).getroot()
    assert page.xpath("//p[@id='cite-plain']/span[@class='cite-url']/text()") == ["https://edition.example.org/gorbachev/doc.html"]


def test_the_source_description_of_a_record(renderer, tmp_path):
    renderer.document(TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml", tmp_path)
    page = lxml.html.parse(str(tmp_path / "1990-11-19-paris-gorbachev-bush.html")).getroot()
    rows = {row.xpath("dt")[0].text: words(row.xpath("dd")[0]) for row in page.xpath("//dl[@class='source']/div")}
    assert rows["Archive"] == "Gorbachev Foundation Archive, fond 1, opis 1"
    assert rows["Collection"] == "Published in Sobranie sochinenii, vol. 23, pp. 176–181"
    assert rows["Translation"] == "Translated by Svetlana Savranskaya"
    assert rows["Held by"].startswith("The National Security Archive Suite 701, Gelman Library")
    assert rows["Related article"] == "Inside the Gorbachev-Bush “Partnership” on the First Gulf War 1990, 9 September 2020"
    assert rows["Licence"].startswith("The TEI encoding, the register and the editors' notes are licensed under the Creative Commons")
    assert page.xpath("//dl[@class='source']//a[@rel='license']/@href") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert rows["TEI source"] == "1990-11-19-paris-gorbachev-bush.xml"


def test_the_source_description_of_an_article_says_when_it_was_read(renderer, tmp_path):
    # The access date is known only as a bound (@notAfter): its words are the header's.
    renderer.document(TEI_FOLDER / "1990-09-09-helsinki-bush-gorbachev.xml", tmp_path)
    page = lxml.html.parse(str(tmp_path / "1990-09-09-helsinki-bush-gorbachev.html")).getroot()
    rows = {row.xpath("dt")[0].text: words(row.xpath("dd")[0]) for row in page.xpath("//dl[@class='source']/div")}
    assert rows["Source"].startswith("Helsinki Summit (1990), an article of Wikipedia, https://en.wikipedia.org/wiki/"
                                     "Helsinki_Summit_(1990) (accessed not later than 22 November 2026). "
                                     "The revision is not identified")


def test_the_source_description_of_a_catalogue_record(renderer, tmp_path):
    renderer.document(TEI_FOLDER / "1990-11-08-moscow-gorbachev-baker.xml", tmp_path)
    page = lxml.html.parse(str(tmp_path / "1990-11-08-moscow-gorbachev-baker.html")).getroot()
    rows = {row.xpath("dt")[0].text: words(row.xpath("dd")[0]) for row in page.xpath("//dl[@class='source']/div")}
    assert rows["Archive"] == "Wilson Center Digital Archive"
    assert rows["Collection"] == "CWIHP Archives"
    assert rows["Translation"].startswith("Translated from the Russian (the translator is not named in the source)")
    assert rows["Original language"] == "Russian"
    assert "https://wilson-center-digital-archive.dvincitest.com/document/118933" in rows["Catalogue record"]
    assert page.xpath("//div[@class='summary']/p/text()")[0].startswith("Baker and Gorbachev discuss public opinion")


# The summary the edition-wide pages are made of


def test_the_summary_records_turns_mentions_and_apparatus_with_their_places(render):
    out = render('<opener><dateline><placeName ref="reg:moscow">Moscow</placeName></dateline></opener>'
                 '<sp xml:id="t1" n="1" who="#bush"><p><persName ref="reg:yeltsin">Yeltsin</persName> and '
                 '<supplied reason="clarification">system</supplied> <note type="translator" xml:id="n1">why</note>'
                 ' <note type="translator" cert="low" xml:id="n2">SBSE??</note> <persName ref="reg:yeltsin">him</persName></p></sp>'
                 '<gap reason="omitted" unit="page"><desc>Subsequent pages omitted.</desc></gap>')
    summary = out.summary
    assert summary.get("date") == "1990-11-19"
    assert summary.xpath("w:turn/@key", namespaces=W) == ["bush"]
    mentions = [(m.get("kind"), m.get("key"), m.get("label")) for m in summary.xpath("w:mention", namespaces=W)]
    assert mentions == [("place", "moscow", "opening"), ("person", "yeltsin", "turn 1")], "one mention per place"
    items = [(i.get("kind"), i.get("id"), i.get("label"), i.text, i.get("reason")) for i in summary.xpath("w:item", namespaces=W)]
    assert items == [
        ("insertion", "supplied-1", "turn 1", "[system]", "Supplied by the translator or editor for clarity. Not in the original."),
        ("translator-note", "n1", "turn 1", "why", "A note of the translator"),
        ("uncertain", "n2", "turn 1", "SBSE??", "The translator’s query; the words are theirs"),
        ("omission", "gap-1", "after turn 1", "[Subsequent pages omitted.]", "Omitted in the source"),
    ]
