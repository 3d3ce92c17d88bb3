"""Each bracket convention of the transcripts, and its TEI encoding."""

from __future__ import annotations

import pytest
from lxml import etree

from teikit.convert.brackets import encode
from teikit.convert.transliteration import is_romanised_russian

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def words_only(text: str):
    return [text]


@pytest.mark.parametrize(
    ("content", "quantity", "unit"),
    [
        ("...", None, None),
        ("…", None, None),
        ("Three pages omitted in the original", "3", "page"),
        ("Here there is a page omitted in the original", "1", "page"),
        ("Subsequent pages omitted in the original.", None, "page"),
        ("2 lines omitted", "2", "line"),
    ],
)
def test_omissions_become_gaps_keeping_their_wording(content, quantity, unit):
    element, _ = encode(content, words_only)
    assert etree.QName(element).localname == "gap"
    assert element.get("reason") == "omitted"
    assert (element.get("quantity"), element.get("unit")) == (quantity, unit)
    assert element.find("tei:desc", NS).text == content


def test_unreadable_passages_become_gaps_with_their_reason():
    element, _ = encode("illegible", words_only)
    assert (etree.QName(element).localname, element.get("reason")) == ("gap", "illegible")


@pytest.mark.parametrize("content", ["cherez zapiatiu", "Eto nemalyi srok", "na samom dele"])
def test_romanised_russian_is_a_translator_note_with_foreign(content):
    element, _ = encode(content, words_only)
    assert (etree.QName(element).localname, element.get("type")) == ("note", "translator")
    foreign = element.find("tei:foreign", NS)
    assert foreign.text == content and foreign.get(XML_LANG) == "ru-Latn"


def test_a_translator_query_is_an_uncertain_note_with_its_words_unchanged():
    content = "SBSE?? - Convention on Military Forces in Europe or something like that?"
    element, _ = encode(content, words_only)
    assert etree.QName(element).localname == "note"
    assert (element.get("type"), element.get("cert"), element.text) == ("translator", "low", content)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Yeltsin", "identification"),
        ("Shevardnadze", "identification"),
        ("with each other", "clarification"),
        ("system", "clarification"),
        ("however", "clarification"),
        ("would be", "clarification"),
        ("to you", "clarification"),
        ("us", "clarification"),
    ],
)
def test_editorial_insertions_are_supplied(content, reason):
    element, _ = encode(content, words_only)
    assert etree.QName(element).localname == "supplied"
    assert (element.get("reason"), element.text) == (reason, content)


def test_an_insertion_with_a_question_mark_is_uncertain():
    element, _ = encode("Yeltsin?", words_only)
    assert (etree.QName(element).localname, element.get("cert")) == ("supplied", "low")


@pytest.mark.parametrize(
    "phrase", ["with each other", "Soviet Union", "social media", "trial and error", "Yeltsin", "them"]
)
def test_english_is_not_taken_for_russian(phrase):
    assert not is_romanised_russian(phrase)
