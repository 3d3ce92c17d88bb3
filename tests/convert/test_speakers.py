"""Speaker labels in every form transcripts use, and the openings that are not speakers."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit.convert.register import Register
from teikit.convert.transcript import convert
from teikit.tei import XML_ID, reading_text

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


FORMS = [
    # (first label, second label, ids): each form alternating twice with another
    ("BUSH:", "KOHL:", ("#bush", "#kohl")),
    ("Kohl.", "Senator Fulbright.", ("#kohl", "#fulbright")),
    ("The President.", "Q.", ("#president", "#press")),
    ("MR. McCURRY:", "QUESTION:", ("#mccurry", "#press")),
    ("FM Genscher:", "Amb. Dubinin:", ("#genscher", "#dubinin")),
    ("J. VAN der BERG.", "H. KOHL.", ("#berg", "#kohl")),
    ("THE WITNESS   :", "THE COURT:", ("#witness", "#court")),
    ("Mr. Hurd (United Kingdom) (spoke in French):", "The President:", ("#hurd", "#president")),
    ("A:", "Q:", ("#a", "#press")),
]


@pytest.mark.parametrize(("first", "second", "who"), FORMS)
def test_every_printed_label_form(tmp_path, first, second, who):
    text = f"{first} Good morning.\n\n{second} Good morning to you.\n\n{first} Shall we begin?\n\n{second} Yes.\n"
    root = encode(tmp_path, text)
    found = turns(root)
    assert [t[0] for t in found] == [who[0], who[1], who[0], who[1]]
    # Every label kept as printed, the spaces before a colon too.
    assert ["".join(s.itertext()) for s in root.iterfind(".//tei:sp/tei:speaker", NS)] == [first, second] * 2
    assert found[0][2] == "Good morning."


def test_the_press_bare_q_followed_by_spaces(tmp_path):
    text = "MR. McCURRY: Good afternoon.\n\nQ   Mike, is it true?\n\nMR. McCURRY: No.\n\nQ\u00a0 Really?\n"
    found = turns(encode(tmp_path, text))
    assert [t[0] for t in found] == ["#mccurry", "#press", "#mccurry", "#press"]
    assert [t[2] for t in found][1] == "Mike, is it true?"


def test_a_paragraph_number_glued_to_the_label_becomes_the_turn_number(tmp_path):
    root = encode(tmp_path, "12Kohl: One.\n\n13Bush: Two.\n\n14Kohl: Three.\n\n15Bush: Four.\n")
    sps = root.findall(".//tei:sp", NS)
    assert [sp.get("n") for sp in sps] == ["12", "13", "14", "15"] and sps[0].get("who") == "#kohl"
    assert sps[0].find("tei:speaker/tei:num", NS).text == "12"
    persons = root.findall(".//tei:particDesc//tei:person", NS)
    assert [p.find("tei:persName[@type='label']", NS).text for p in persons] == ["Kohl", "Bush"]


def test_a_paragraph_number_printed_with_a_full_stop_before_the_label_becomes_the_turn_number(tmp_path):
    # The UN's Official Records number every paragraph, the number before the label with a full stop.
    text = (
        "President: Mr. A. KANTE (Mali).\n\nPresent: The representatives of the following States: Argentina, Brazil.\n\n"
        "1. Adoption of the agenda.\n\n2. The situation in the Middle East:\n\n"
        "12. The PRESIDENT (translated from French): I call on the representative of Israel.\n\n"
        "13. Mr. EBAN (Israel): Thank you.\n\n14. The PRESIDENT (translated from French): Thank you.\n"
    )
    root = encode(tmp_path, text)
    sps = root.findall(".//tei:sp", NS)
    # The heading's "President:" names who presides; the numbered agenda items are no turns.
    assert [(sp.get("n"), sp.get("who")) for sp in sps] == [("12", "#president"), ("13", "#eban"), ("14", "#president")]
    speaker = sps[0].find("tei:speaker", NS)
    assert speaker.find("tei:num", NS).text == "12." and "".join(speaker.itertext()) == "12. The PRESIDENT (translated from French):"
    # The States present are no persons.
    assert [p.get(XML_ID) for p in root.iterfind(".//tei:particDesc//tei:person", NS)] == ["president", "eban"]


def test_a_label_whose_qualifier_says_the_speech_was_interpreted_is_a_speaker_when_printed_once(tmp_path):
    text = "The situation in the Middle East\n\nMr. Hurd (United Kingdom) (spoke in French): We agree.\n"
    assert [t[0] for t in turns(encode(tmp_path, text))] == ["#hurd"]


def test_a_speaker_heard_once_is_a_speaker_when_the_document_shows_the_pattern(tmp_path):
    text = "Kohl: We must talk.\n\nBush: Yes.\n\nKohl: Good.\n\nModrow: I object.\n\nKohl: Noted.\n\nBush: Fine.\n"
    assert [t[0] for t in turns(encode(tmp_path, text))] == ["#kohl", "#bush", "#kohl", "#modrow", "#kohl", "#bush"]
    text = "George Bush: A.\n\nJames Baker: B.\n\nGeorge Bush: C.\n\nHelmut Kohl: D.\n\nGeorge Bush: E.\n"
    assert [t[0] for t in turns(encode(tmp_path, text))][3] == "#kohl"


@pytest.mark.parametrize(
    "opening",
    [
        "DATE & TIME: May 1990", "SUBJECT: Talks", "OPENING STATEMENT:", "Citation: none", "Second. Then",
        "PLACE: Bonn", "TO: The Secretary", "FROM: L. Eagleburger", "PARTICIPANTS: Kohl, Bush", "DATE: 3 May 1990",
    ],
)
def test_fields_and_headings_are_never_speakers(tmp_path, opening):
    text = f"Bush: One.\n\n{opening}\n\nKohl: Two.\n\nBush: Three.\n\nKohl: Four.\n"
    found = turns(encode(tmp_path, text))
    assert [t[0] for t in found] == ["#bush", "#kohl", "#bush", "#kohl"]
    assert opening.split(":")[0].split(".")[0] not in [t[1] for t in found]


@pytest.mark.parametrize(
    ("forms", "who"),
    [
        (("Chancellor Kohl:", "Ch. Kohl:"), "#kohl"),
        (("Mary Ann Jones:", "MAJ:"), "#jones"),
        (("QUESTION:", "Q:"), "#press"),
    ],
)
def test_one_person_under_several_label_forms(tmp_path, forms, who):
    text = f"{forms[0]} A.\n\nBush: B.\n\n{forms[1]} C.\n\nBush: D.\n\n{forms[1]} E.\n"
    root = encode(tmp_path, text)
    found = turns(root)
    assert [t[0] for t in found] == [who, "#bush", who, "#bush", who]
    person = root.xpath(f"//tei:particDesc//*[@xml:id='{who[1:]}']", namespaces=NS)[0]
    # The press is one group with a role, not a person invented for each of its labels.
    assert etree.QName(person).localname == ("personGrp" if who == "#press" else "person") and person.get("role")
    assert [n.text for n in person.findall("tei:persName[@type='label']", NS)] == [f[:-1] for f in forms]


@pytest.mark.parametrize(
    "layout",
    [
        "Q: Who?\nA: Me.\nQ: Why?\nA: Because.\n",
        "INTERVIEWER: Tell me\nabout it. It was long.\nSMITH: Fine.\nINTERVIEWER: Good.\nSMITH: Yes it was\nreally.\n",
    ],
)
def test_labels_at_line_starts_inside_a_block(tmp_path, layout):
    found = turns(encode(tmp_path, layout))
    assert len(found) == 4 and found[0][0] != found[1][0] and found[0][0] == found[2][0]


def test_stage_directions_incidents_and_page_markers(tmp_path):
    root = encode(
        tmp_path,
        "Bush: We talk. (Laughter.) And [Page 312] more.\n\n[The Secretary left the meeting at 4:15 p.m.]\n\n"
        "(Pointing to the map)\n\nKohl: Yes [Laughter].\n\nBush: Fine.\n\nKohl: Ok.\n",
    )
    assert [i.get("rend") for i in root.iterfind(".//tei:incident", NS)] == ["parentheses", "brackets", "brackets"]
    assert root.find(".//tei:stage", NS).text == "Pointing to the map"
    assert root.find(".//tei:pb", NS).get("n") == "312"
    assert not root.findall(".//tei:supplied", NS)


def test_a_topic_heading_among_turns_opens_a_div(tmp_path):
    root = encode(tmp_path, "SMITH: One.\n\nJONES: Two.\n\nAFTERNOON SESSION\n\nSMITH: Three.\n\nJONES: Four.\n")
    div = root.find(".//tei:body/tei:div", NS)
    assert div.get("type") == "topic" and reading_text(div.find("tei:head", NS)) == "AFTERNOON SESSION"
    assert len(div.findall("tei:sp", NS)) == 2


def test_the_editorial_declaration_quotes_this_transcripts_own_brackets(tmp_path):
    root = encode(tmp_path, "Bush: We [the Americans] agree. (Applause.)\n\nKohl: Yes.\n\nBush: Good.\n\nKohl: Ok.\n")
    mentioned = {p.get("n"): p.find("tei:mentioned", NS).text for p in root.iterfind(".//tei:interpretation/tei:p[@n]", NS)}
    assert mentioned == {"supplied": "[the Americans]", "incident": "(Applause.)"}


def test_a_participants_list_names_the_speakers_and_those_who_do_not_speak(tmp_path):
    root = encode(
        tmp_path,
        "Memorandum of Conversation\n\nPARTICIPANTS\n- President Gerald Ford\n- Dr. Henry A. Kissinger, Secretary\n"
        "- Lt. General Brent Scowcroft, Deputy\n\nKissinger: One.\n\nPresident: Two.\n\nKissinger: Three.\n",
    )
    persons = root.findall(".//tei:particDesc//tei:person", NS)
    names = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p.find("tei:persName", NS).text for p in persons}
    assert names == {
        "kissinger": "Dr. Henry A. Kissinger",
        "president": "President Gerald Ford",
        "scowcroft": "Lt. General Brent Scowcroft",
    }
    assert [p.get("role") for p in persons] == ["speaker", "speaker", None]


def test_what_a_web_page_adds_is_kept_and_marked(tmp_path):
    root = encode(tmp_path, "View Header\n\nPRESS BRIEFING\n\nMR. X: One.\n\nQ Two?\n\nAdvertisement\n\nMR. X: Three.\n\nQ Four?\n")
    assert [fw.text for fw in root.iterfind(".//tei:fw[@type='web-page']", NS)] == ["View Header", "Advertisement"]
    assert len(root.findall(".//tei:sp", NS)) == 4


def test_the_command_warns_of_what_a_web_page_added(teikit, tmp_path):
    source = tmp_path / "page.txt"
    source.write_text("View Header\n\nPRESS BRIEFING\n\nMR. X: One.\n\nQ Two?\n\nAdvertisement\n\nMR. X: Three.\n\nQ Four?\n")
    result = teikit("convert", source, "-o", tmp_path / "tei")
    assert result.exit_code == 0
    assert f'{source}:1:1: warning: "View Header" is a web page\'s, not the document\'s: kept as fw type="web-page"' in (
        result.stderr
    )
    assert f'{source}:9:1: warning: "Advertisement" is a web page\'s' in result.stderr


def test_a_blank_line_mid_sentence_is_a_page_break_only_inside_the_body(tmp_path):
    text = (
        "Memorandum of Conversation\n\nBonn, May 3, 1990\n\nPARTICIPANTS: Helmut Kohl, George Bush\n\n"
        "Kohl: We must talk about\n\nthe alliance.\n\nBush: Yes.\n\nKohl: Good.\n\nBush: Fine.\n"
    )
    root = encode(tmp_path, text)
    breaks = root.findall(".//tei:pb", NS)
    assert len(breaks) == 1 and breaks[0].get("n") is None
    paragraph = breaks[0].getparent()
    assert paragraph.getparent().get("who") == "#kohl" and reading_text(paragraph) == "We must talk about the alliance."


def test_a_court_s_q_is_whoever_examines(tmp_path):
    """"BY THE PRESIDENT:" names who asks the questions below it; before the first such line the
    questions are the counsel's who speaks when they stop ("MR. X: That is all.")."""
    text = (
        "Q Did you sign it?\nA I did.\nMR. LAFOLLETTE: That is all.\nTHE PRESIDENT: One question.\n"
        "BY THE PRESIDENT:\nQ Was it the practice?\nA It was.\n"
    )
    root = encode(tmp_path, text)
    assert [(t[0], t[1]) for t in turns(root)] == [
        ("#lafollette", "Q"),
        ("#witness", "A"),
        ("#lafollette", "MR. LAFOLLETTE:"),
        ("#president", "THE PRESIDENT:"),
        ("#president", "Q"),
        ("#witness", "A"),
    ]
    assert reading_text(root.find(".//tei:div/tei:head", NS)) == "BY THE PRESIDENT:"
    forms = {p.get(XML_ID): [reading_text(n) for n in p.iterfind("tei:persName", NS)]
             for p in root.iterfind(".//tei:particDesc//tei:person", NS)}
    assert "Q" in forms["president"] and "Q" in forms["lafollette"]


def test_names_before_the_first_turn_make_a_single_label_a_speaker(tmp_path):
    text = (
        "DoD News Briefing\n\nSecretary of Defense Donald H. Rumsfeld and Gen. Richard Myers\n\n"
        "Rumsfeld: Good afternoon.\n\nQ: A question.\n\nRumsfeld: An answer.\n\nMyers: I agree.\n"
    )
    assert [t[0] for t in turns(encode(tmp_path, text))] == ["#rumsfeld", "#press", "#rumsfeld", "#myers"]


def test_the_press_beside_one_titled_label(tmp_path):
    text = "MR. BOUCHER: Why don't we begin?\n\nQUESTION: One threat at a time.\n"
    assert [t[0] for t in turns(encode(tmp_path, text))] == ["#boucher", "#press"]


def test_a_bulleted_list_without_its_heading_names_the_participants(tmp_path):
    """A copy that lost the word "Participants:" still lists them, one a bullet with an office."""
    text = (
        "Memorandum of Conversation\n\n  • Andrey A. Gromyko, Minister of Foreign Affairs\n"
        "  • Joseph J. Sisco, Under Secretary of State\n  • Dr. Henry A. Kissinger, Secretary of State\n\n"
        "Sisco: Did you hear the story?\n\nKissinger: Every single one?\n\nGromyko: I think so.\n\nKissinger: By far.\n"
    )
    root = encode(tmp_path, text)
    assert [t[0] for t in turns(root)] == ["#sisco", "#kissinger", "#gromyko", "#kissinger"]
    people = {p.get(XML_ID): p for p in root.iterfind(".//tei:particDesc//tei:person", NS)}
    assert "Andrey A. Gromyko" in "".join(people["gromyko"].itertext())


def test_a_label_after_a_page_line_opens_a_turn(tmp_path):
    text = (
        "Question. Did you receive other instructions?\nPage 1533 PREV PAGE TOP OF DOC\n"
        "Answer. No, sir.\nQuestion. Is this it?\nAnswer. This was it.\n"
    )
    assert [t[1] for t in turns(encode(tmp_path, text))] == ["Question.", "Answer.", "Question.", "Answer."]


def test_the_date_a_site_says_the_words_were_spoken(tmp_path):
    text = (
        "Charlie Duke (CAPCOM)\n\nHello, Apollo 11.\n\nBuzz Aldrin (LMP)\n\nRoger.\n\nCharlie Duke (CAPCOM)\n\n"
        "Over.\n\nBuzz Aldrin (LMP)\n\nRoger.\n\nSpoken on July 23, 1969, 1:02 a.m. UTC.\n"
    )
    root = encode(tmp_path, text)
    assert root.find(".//tei:profileDesc/tei:creation/tei:date", NS).get("when") == "1969-07-23"


def test_a_speaker_the_transcriber_could_not_name_keeps_the_lower_case_words_of_the_label(tmp_path):
    text = (
        "Charlie Duke (CAPCOM)\n\nHello, Apollo 11.\n\nBuzz Aldrin (LMP)\n\nRoger.\n\nUnidentified crew member\n\n"
        "Say again.\n\nCharlie Duke (CAPCOM)\n\nOver.\n\nBuzz Aldrin (LMP)\n\nRoger.\n"
    )
    found = turns(encode(tmp_path, text))
    assert [t[1] for t in found] == [
        "Charlie Duke (CAPCOM)", "Buzz Aldrin (LMP)", "Unidentified crew member", "Charlie Duke (CAPCOM)",
        "Buzz Aldrin (LMP)",
    ]
    assert found[2][2] == "Say again."


def _title(tmp_path: Path, text: str) -> tuple[str, str]:
    root = encode(tmp_path, text)
    title = root.find(".//tei:titleStmt/tei:title", NS)
    return " ".join("".join(title.itertext()).split()), root


@pytest.mark.parametrize(
    "text",
    [
        # A repost's heading above the line that says the Department's transcript follows, and the transcript's
        # own heading run together with its briefer and dateline.
        "DoD News Briefing 22/10 - Rumsfeld and Gen. Myers\n\nNEWS TRANSCRIPT from the United States Department "
        "of Defense\n\nDoD News Briefing Secretary of Defense Donald H. Rumsfeld Monday, October 22, 2001 - 1:25 p.m. "
        "EDT\n\nRumsfeld: Good afternoon.\n\nQ: Sir?\n\nRumsfeld: Yes.\n\nQ: Thank you.\n",
        # The page's heading, its summary, then "(begin transcript)" and the transcript's heading.
        "07 August 2002\n\nDefense Department Briefing Transcript\n\n(Iraq, North Korea)\n(begin transcript)\n"
        "DoD News Briefing\nSecretary of Defense Donald H. Rumsfeld\nWednesday, August 07, 2002 -- 2 p.m. EDT\n"
        "Rumsfeld: Good afternoon.\nQ: Sir?\nRumsfeld: Yes.\nQ: Thank you.\n",
    ],
)
def test_the_title_is_the_transcripts_own_heading_not_the_reposts(tmp_path, text):
    title, root = _title(tmp_path, text)
    assert title == "DoD News Briefing"
    said = reading_text(root.find(".//tei:encodingDesc/tei:editorialDecl/tei:interpretation", NS))
    assert "The title in the header is the transcript's own: line " in said


def test_a_row_of_a_sites_links_is_no_title(tmp_path):
    text = (
        "Segment 20 Of 22 Previous Hearing Segment(19) Next Hearing Segment(21)\nSPEAKERS CONTENTS INSERTS\n"
        "Question. Did you receive other instructions?\nAnswer. No, sir.\nQuestion. Is this it?\nAnswer. It was.\n"
    )
    title, root = _title(tmp_path, text)
    assert title == "Record of conversation between Answer and Question"
    said = reading_text(root.find(".//tei:encodingDesc/tei:editorialDecl/tei:interpretation", NS))
    assert "The transcript has no title; the title in the header was made from its speakers." in said


def test_after_begin_transcript_the_heading_is_the_briefings_not_its_index_or_issuer(tmp_path):
    text = (
        "03 January 2003\n\nState Department Noon Briefing Transcript\n\n(North Korea, Turkey)\n"
        "Following is the State Department transcript:\n(begin transcript)\nU.S. Department of State\n"
        "Daily Press Briefing Index\nFriday, January 3, 2003\n12:55 p.m. EST\nNORTH KOREA\n-- Talks\n"
        "U.S. DEPARTMENT OF STATE\nDAILY PRESS BRIEFING\nFRIDAY, JANUARY 3, 2003\n(ON THE RECORD UNLESS OTHERWISE NOTED)\n"
        "MR. BOUCHER: Good afternoon.\nQUESTION: Korea?\nMR. BOUCHER: Yes.\nQUESTION: Thank you.\n"
    )
    title, root = _title(tmp_path, text)
    assert title == "DAILY PRESS BRIEFING"
    said = reading_text(root.find(".//tei:encodingDesc/tei:editorialDecl/tei:interpretation", NS))
    assert "own: line 15, the heading below line 7, which says the transcript begins there (the headings" in said


def test_a_full_stop_typed_after_the_colon_is_kept_with_the_label(tmp_path):
    """As an Inspector General's memorandum prints its first question: "Q:. Do you have a unit SOP?"."""
    root = encode(tmp_path, "Q:. Do you have a unit SOP?\nA: We have a FRAGO.\nQ: Who would initiate it?\nA: The witness.\n")
    found = turns(root)
    assert [t[1] for t in found] == ["Q:.", "A:", "Q:", "A:"] and found[0][0] == found[2][0] != found[1][0]
    assert found[0][2] == "Do you have a unit SOP?"
