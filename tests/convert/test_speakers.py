"""Speaker labels in every form transcripts use, and the openings that are not speakers."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit.convert.register import Register
from teikit.convert.transcript import convert
from teikit.tei import reading_text

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


def encode(tmp_path: Path, text: str, register: Register | None = None) -> etree._Element:
    source = tmp_path / "transcript.txt"
    source.write_text(text, encoding="utf-8")
    conversion = convert(source, tmp_path, register or Register.empty())
    return etree.fromstring(conversion.document)


def turns(root) -> list[tuple[str, str, str]]:
    return [
        (sp.get("who"), reading_text(sp.find("tei:speaker", NS)), reading_text(sp.find("tei:p", NS)))
        for sp in root.iterfind(".//tei:sp", NS)
    ]


@pytest.mark.parametrize(
    ("first", "second", "who"),
    [
        ("Bush:", "Gorbachev:", ("#bush", "#gorbachev")),
        ("M.S. Gorbachev.", "E.A. Shevardnadze.", ("#gorbachev", "#shevardnadze")),
        ("H. KOHL.", "G. BUSH.", ("#kohl", "#bush")),
        ("George Bush:", "Helmut Kohl:", ("#bush", "#kohl")),
        ("The President:", "The Chancellor:", ("#president", "#chancellor")),
        ("D:", "K:", ("#d", "#k")),
    ],
)
def test_each_label_form_opens_turns(tmp_path, first, second, who):
    text = f"{first} Good morning.\n\n{second} Good morning to you.\n\n{first} Shall we begin?\n\n{second} Yes.\n"
    found = turns(encode(tmp_path, text))
    assert [t[0] for t in found] == [who[0], who[1], who[0], who[1]]
    assert [t[1] for t in found] == [first, second, first, second]
    assert found[0][2] == "Good morning."


def test_labels_printed_once_without_a_title_are_not_guessed(tmp_path):
    """Any capitalised word before a colon could be a field name ("Phone:"): once is not enough."""
    root = encode(tmp_path, "Bush: One.\n\nGorbachev: Two.\n")
    assert root.find(".//tei:sp", NS) is None and len(root.findall(".//tei:body/tei:p", NS)) == 2


def test_a_label_printed_once_is_recognised_from_the_title(tmp_path):
    text = (
        "**Conversation between Gorbachev and Mitterrand**\n\nGorbachev: We meet again.\n\nMitterrand: Indeed we do.\n"
    )
    assert [t[0] for t in turns(encode(tmp_path, text))] == ["#gorbachev", "#mitterrand"]


def test_a_label_with_initials_is_a_speaker_even_once(tmp_path):
    text = "Bush: One.\n\nKohl: Two.\n\nBush: Three.\n\nKohl: Four.\n\nJ. Baker. Five.\n"
    assert [t[0] for t in turns(encode(tmp_path, text))][-1] == "#baker"


def test_editor_supplied_label_in_brackets(tmp_path):
    root = encode(tmp_path, "Bush: Fine.\n\n[J. Baker.] We continue to hope.\n\nBush: Yes.\n")
    speaker = root.findall(".//tei:sp", NS)[1].find("tei:speaker", NS)
    assert speaker.find("tei:supplied", NS).text == "J. Baker."
    assert root.findall(".//tei:sp", NS)[1].get("who") == "#baker"


@pytest.mark.parametrize(
    "opening",
    [
        "I want you to know: in the United States",
        "Second. Due to the choice",
        "Phone: 202/994-7000",
        "Citation: none",
        "Summary: short",
    ],
)
def test_capitalised_words_before_a_colon_or_full_stop_are_not_speakers(tmp_path, opening):
    text = f"Bush: First words.\n\n{opening} and more.\n\nGorbachev: Answer.\n\nBush: Again.\n\nGorbachev: Yes.\n"
    found = turns(encode(tmp_path, text))
    assert [t[0] for t in found] == ["#bush", "#gorbachev", "#bush", "#gorbachev"]
    first_turn = encode(tmp_path, text).find(".//tei:sp", NS)
    assert [reading_text(p) for p in first_turn.findall("tei:p", NS)] == ["First words.", f"{opening} and more."]


def test_a_recurring_trap_with_a_full_stop_is_still_not_a_speaker(tmp_path):
    text = "Bush: One.\n\nSecond. A point.\n\nGorbachev: Two.\n\nSecond. Another point.\n\nBush: Three.\n\nGorbachev: Four.\n"
    assert [t[0] for t in turns(encode(tmp_path, text))] == ["#bush", "#gorbachev", "#bush", "#gorbachev"]


def test_paragraphs_without_a_label_continue_the_turn(tmp_path):
    root = encode(
        tmp_path, "**Conversation between Bush and Gorbachev**\n\nBush: One.\n\nTwo.\n\nThree.\n\nGorbachev: Four.\n"
    )
    first = root.find(".//tei:sp", NS)
    assert [reading_text(p) for p in first.findall("tei:p", NS)] == ["One.", "Two.", "Three."]


def test_register_names_the_speaker(tmp_path):
    register = Register.load(Path(__file__).resolve().parents[2] / "tei" / "register.xml")
    root = encode(tmp_path, "M. S. Gorbachev: Hello.\n\nJames Baker: Hello.\n", register)
    persons = root.findall(".//tei:particDesc//tei:person", NS)
    assert [p.get("sameAs") for p in persons] == ["reg:gorbachev", "reg:baker"]
    assert [p.find("tei:persName[@type='label']", NS).text for p in persons] == ["M. S. Gorbachev", "James Baker"]
