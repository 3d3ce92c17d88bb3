"""Golden facts of the encyclopedia article on the Helsinki Summit, as the converter writes it."""

from __future__ import annotations

import pytest

from teikit.tei import reading_text as text

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def doc(trees):
    return trees["article"]


def xp(doc, path):
    return doc.xpath(path, namespaces=NS)


def test_file_is_named_from_date_place_and_participants(converted):
    assert converted["article"].name == "1990-09-09-helsinki-bush-gorbachev.xml"


def test_thirteen_headed_sections_nested_by_level(doc):
    heads = [text(h) for h in xp(doc, "//tei:div/tei:head")]
    assert heads == [
        "Historical Context", "Geneva Summit (1985)", "Malta Summit (1989)", "Invasion of Kuwait",
        "Summit content", "Press Conference", "The Gulf War", "The State of US-SU Relations",
        "The Question of Palestinian Statehood", "Follow up and Future Implications", "See also",
        "References", "External links",
    ]  # fmt: skip
    assert len(xp(doc, "//tei:body/tei:div[@type='section']")) == 7
    assert [text(h) for h in xp(doc, "//tei:div[tei:head='Historical Context']/tei:div/tei:head")] == [
        "Geneva Summit (1985)", "Malta Summit (1989)", "Invasion of Kuwait",
    ]  # fmt: skip
    assert xp(doc, "//tei:div[tei:head='Geneva Summit (1985)']/@type") == ["subsection"]


def test_lead_paragraphs_precede_the_sections(doc):
    lead = xp(doc, "//tei:body/tei:p")
    assert len(lead) == 2
    assert text(lead[0]).startswith("The Helsinki Summit was a private, bilateral meeting")


def test_empty_sections_are_kept(doc):
    for heading in ("References", "Press Conference"):
        div = xp(doc, f"//tei:div[tei:head='{heading}']")[0]
        assert not div.findall("tei:p", NS)
    assert len(xp(doc, "//tei:div[tei:head='References']/*")) == 1


def test_see_also_entries_are_a_list(doc):
    items = [text(i) for i in xp(doc, "//tei:div[tei:head='See also']/tei:list/tei:item")]
    assert len(items) == 9
    assert items[0] == "Soviet Union–United States relations" and items[-1] == "New world order (politics)"
    assert not xp(doc, "//tei:item//tei:placeName")


def test_quotations_are_marked_inside_their_marks(doc):
    quotes = xp(doc, "//tei:body//tei:quote")
    assert [" ".join(text(q).split()[:4]) for q in quotes] == [
        "that if it had", "We are united in", "There is too much", "as long as is",
        "the whole of the", "limit ourselves to that", "this is the test", "This is becoming a",
        "committed to seeing that", "link", "equal concern",
    ]  # fmt: skip
    first = quotes[0]
    assert first.getprevious().tail.endswith("“") and first.tail.startswith("”")
    assert quotes[-1].getprevious().tail.endswith('"') and quotes[-1].tail.startswith('"')
    however = xp(doc, "//tei:quote[tei:supplied]")
    assert len(however) == 1
    assert xp(however[0], "tei:supplied/text()") == ["however"]
    assert text(however[0]).startswith("committed to seeing that resolution through, however the US will not sit by")


def test_the_one_editorial_insertion(doc):
    assert [text(s) for s in xp(doc, "//tei:body//tei:supplied")] == ["however"]
    assert not xp(doc, "//tei:body//tei:sp") and not xp(doc, "//tei:body//tei:gap")


def test_header_title_licence_and_setting(doc):
    assert xp(doc, "//tei:titleStmt/tei:title/text()") == ["Helsinki Summit (1990)"]
    assert xp(doc, "//tei:publicationStmt/tei:availability/tei:licence/@target") == [
        "https://creativecommons.org/licenses/by-sa/4.0/"
    ]
    assert "CC BY-SA 4.0" in text(xp(doc, "//tei:licence")[0])
    assert xp(doc, "//tei:settingDesc/tei:setting/tei:date/@when") == ["1990-09-09"]
    assert xp(doc, "//tei:settingDesc/tei:setting/tei:placeName/@ref") == ["reg:helsinki"]
    assert xp(doc, "//tei:textClass//tei:term/text()") == ["encyclopedia article"]
    assert xp(doc, "//tei:sourceDesc//tei:title[@level='m']/text()") == ["Wikipedia"]
    assert [p.get("sameAs") for p in xp(doc, "//tei:particDesc//tei:person")] == ["reg:bush", "reg:gorbachev"]
    assert not xp(doc, "//tei:profileDesc/tei:creation")
