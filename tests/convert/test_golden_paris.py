"""Golden facts of the Gorbachev–Bush record (Paris, 19 November 1990), as the converter writes it."""

from __future__ import annotations

import pytest

from teikit.tei import reading_text as text

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def doc(trees):
    return trees["paris"]


def xp(doc, path):
    return doc.xpath(path, namespaces=NS)


def test_file_is_named_from_date_place_and_participants(converted):
    assert converted["paris"].name == "1990-11-19-paris-gorbachev-bush.xml"


def test_37_turns_19_by_bush_18_by_gorbachev(doc):
    turns = xp(doc, "//tei:body/tei:sp")
    assert len(turns) == 37
    assert len(xp(doc, "//tei:sp[@who='#bush']")) == 19
    assert len(xp(doc, "//tei:sp[@who='#gorbachev']")) == 18
    assert [sp.get("n") for sp in turns] == [str(n) for n in range(1, 38)]
    assert [sp.get("{http://www.w3.org/XML/1998/namespace}id") for sp in turns] == [f"t{n}" for n in range(1, 38)]


def test_speaker_labels_are_kept_verbatim(doc):
    labels = {text(s) for s in xp(doc, "//tei:speaker")}
    assert labels == {"Bush:", "Gorbachev:"}
    first = xp(doc, "//tei:sp[1]")[0]
    assert text(first.find("tei:speaker", NS)) == "Bush:"
    assert text(first.find("tei:p", NS)).startswith("I think that the decision to award you the Nobel Peace Prize")


def test_two_omissions_one_standing_alone_one_opening_a_paragraph(doc):
    gaps = xp(doc, "//tei:body//tei:gap")
    assert len(gaps) == 2
    assert all(g.get("reason") == "omitted" and text(g.find("tei:desc", NS)) == "..." for g in gaps)
    assert gaps[0].getparent().tag.endswith("body")
    assert gaps[0].getnext().tag.endswith("sp")
    second_parent = gaps[1].getparent()
    assert second_parent.tag.endswith("p") and second_parent.text is None
    assert gaps[1].tail.startswith(" You are living through a difficult time")


def test_eight_editorial_insertions_in_order(doc):
    supplied = [text(s) for s in xp(doc, "//tei:body//tei:supplied")]
    assert supplied == ["system", "with each other", "Yeltsin", "them", "embassy", "us", "would be", "to you"]
    assert xp(doc, "//tei:supplied[.='Yeltsin']/@reason") == ["identification"]
    assert xp(doc, "//tei:supplied[.='with each other']/@reason") == ["clarification"]


def test_page_breaks_fall_inside_one_paragraph_mid_sentence(doc):
    breaks = xp(doc, "//tei:body//tei:pb")
    assert len(breaks) == 2
    for pb, before, after in zip(
        breaks,
        ["But there I saw that I had to ", "I am asking you to help do what is "],
        ["propose them now", "just. If you cannot"],
    ):
        paragraph = pb.getparent()
        assert paragraph.tag.endswith("}p")
        assert "".join(paragraph.xpath("text()[following-sibling::tei:pb]", namespaces=NS)).endswith(before)
        assert pb.tail.startswith(after)


def test_title_rule_and_date_open_the_body(doc):
    head = xp(doc, "//tei:body/tei:head")[0]
    assert head.get("rend") == "bold"
    assert (
        text(head) == "Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990"
    )
    assert xp(doc, "//tei:body/tei:head/tei:lb") and xp(doc, "//tei:body/tei:head/tei:date/@when") == ["1990-11-19"]
    assert xp(doc, "//tei:body/tei:milestone/@rend") == ["rule"]


def test_title_statement_names_title_translator_and_encoder(doc):
    statement = xp(doc, "//tei:titleStmt")[0]
    assert text(statement.find("tei:title", NS)).startswith(
        "Record of the Main Content of Conversation between Gorbachev and Bush"
    )
    assert xp(statement, "tei:respStmt[tei:resp='Translated by']/tei:persName/text()") == ["Svetlana Savranskaya"]
    assert xp(statement, "tei:respStmt/tei:name[@type='software']/@xml:id") == ["teikit"]


def test_publication_statement_gives_edition_date_and_licence(doc):
    statement = xp(doc, "//tei:publicationStmt")[0]
    assert xp(statement, "tei:publisher/text()") == ["The teikit project"]
    assert xp(statement, "tei:date/@when") == ["2026-11-22"]
    assert xp(statement, "tei:availability/tei:licence/@target") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert xp(doc, "//tei:seriesStmt/tei:title/text()") == ["Gorbachev and the Americans, 1990: A Digital Edition"]


def test_source_note_is_a_structured_citation(doc):
    note = xp(doc, "//tei:sourceDesc/tei:bibl[@type='source']/tei:bibl[@type='source-note']")[0]
    assert text(note) == (
        "Gorbachev Foundation Archive, Fond 1, opis 1. Published in Sobranie sochinenii, vol. 23, "
        "p. 176-181. Translated by Svetlana Savranskaya."
    )
    assert xp(note, "tei:orgName[@type='archive']/text()") == ["Gorbachev Foundation Archive"]
    assert xp(note, "tei:idno[@type='fond']/text()") == ["1"] and xp(note, "tei:idno[@type='opis']/text()") == ["1"]
    assert xp(note, "tei:title[@level='m']/text()") == ["Sobranie sochinenii"]
    assert xp(note, "tei:biblScope[@unit='volume']/@n") == ["23"]
    assert xp(note, "tei:biblScope[@unit='page']/@from") == ["176"] and xp(note, "tei:biblScope[@unit='page']/@to") == [
        "181"
    ]
    assert xp(note, "tei:respStmt/tei:persName/text()") == ["Svetlana Savranskaya"]


def test_holding_archive_and_related_article_are_in_the_header(doc):
    distributor = xp(doc, "//tei:sourceDesc//tei:distributor")[0]
    assert xp(distributor, "tei:orgName/text()") == ["The National Security Archive"]
    assert [text(line) for line in xp(distributor, "tei:address/tei:addrLine")] == [
        "Suite 701, Gelman Library, The George Washington University",
        "2130 H Street, NW, Washington, D.C., 20037",
        "Phone: 202/994-7000, Fax: 202/994-7005, nsarchiv@gwu.edu",
    ]
    assert xp(distributor, ".//tei:ref/@target") == ["mailto:nsarchiv@gwu.edu"]
    related = xp(doc, "//tei:relatedItem[@type='related-article']/tei:bibl")[0]
    assert text(related.find("tei:title", NS)) == "Inside the Gorbachev-Bush “Partnership” on the First Gulf War 1990"
    assert xp(related, "tei:date/@when") == ["2020-09-09"]


def test_no_metadata_block_is_left_in_the_body(doc):
    body = text(xp(doc, "//tei:body")[0])
    for words in ("[Source:", "Gorbachev Foundation Archive", "holdings of", "Phone:", "Read related article"):
        assert words not in body
    assert text(xp(doc, "//tei:body/tei:sp[last()]/tei:p[last()]")[0]).endswith(
        "end this evening with a friendly dinner."
    )


def test_profile_gives_date_place_language_kind_and_speakers(doc):
    assert xp(doc, "//tei:creation/tei:date/@when") == ["1990-11-19"]
    assert xp(doc, "//tei:creation/tei:placeName/@ref") == ["reg:paris"]
    assert xp(doc, "//tei:langUsage/tei:language/@ident") == ["en"]
    assert "translated" in text(xp(doc, "//tei:langUsage/tei:language")[0])
    assert xp(doc, "//tei:textClass//tei:term/text()") == ["record of conversation"]
    persons = xp(doc, "//tei:particDesc/tei:listPerson/tei:person")
    assert [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in persons] == ["gorbachev", "bush"]
    assert xp(doc, "//tei:person[@xml:id='gorbachev']/tei:idno[@type='wikidata']/text()") == ["Q30487"]
    assert xp(doc, "//tei:person[@xml:id='bush']/tei:idno[@type='wikidata']/text()") == ["Q23505"]
    assert xp(doc, "//tei:person[@xml:id='bush']/tei:persName[@type='label']/text()") == ["Bush"]


def test_editorial_declaration_names_each_bracket_convention(doc):
    conventions = xp(doc, "//tei:editorialDecl/tei:interpretation/tei:p/@n")
    assert sorted(conventions) == ["gap", "supplied"]
    assert xp(doc, "//tei:interpretation/tei:p[@n='gap']/tei:mentioned/text()") == ["[...]"]


def test_revision_names_teikit_and_its_version(doc):
    from teikit import __version__

    change = xp(doc, "//tei:revisionDesc/tei:change")[0]
    assert change.get("who") == "#teikit" and __version__ in text(change)
    assert xp(change, "tei:ref/@target")[0].endswith("seeds/001_f551d9c3658c04f1.txt")


def test_names_from_the_register_are_marked(doc):
    assert xp(doc, "count(//tei:body//tei:persName[@ref='reg:yeltsin'])") == 4
    assert xp(doc, "//tei:supplied/tei:persName/@ref") == ["reg:yeltsin"]
    assert xp(doc, "//tei:body//tei:persName[.='Peres de Quellar']/@ref") == ["reg:perez-de-cuellar"]
    assert not xp(doc, "//tei:speaker//tei:persName")


def test_markdown_leaves_no_literal_asterisks(doc):
    assert not [t for t in xp(doc, "//text()") if "*" in t]
