"""The header block of a memorandum (SUBJECT:, PARTICIPANTS:, DATE, TIME AND PLACE:, TO:, FROM:) read
into the header, its words kept in the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit.check import compare
from teikit.convert.register import Register
from teikit.convert.transcript import convert
from teikit.export.text import export_text

NS = {"tei": "http://www.tei-c.org/ns/1.0"}

# The block as the Bush Library's telephone memoranda print it (NSC, 1 June 1990), with its turns.
TELCON = """THE WHITE HOUSE
WASHINGTON

MEMORANDUM OF TELEPHONE CONVERSATION

SUBJECT:      Telephone Call to Chancellor Helmut Kohl of the
              Federal Republic of Germany
PARTICIPANTS: The President
              Helmut Kohl, Chancellor
DATE, TIME    June 1, 1990, 4:03 - 4:23 p.m.
AND PLACE:    The Oval Office

The President: Helmut, how are you doing?

Chancellor Kohl: Fine, thanks. How are you?

The President: I am calling to give you a play-by-play.

Chancellor Kohl: Thank you.
"""

# A narrative memorandum, no speaker labels (Reagan Library, 11 December 1987), as the Thatcher
# Foundation's archive prints its header block.
NARRATIVE = """White House, Washington


SUBJECT: Telephone Call between President Reagan and Chancellor Kohl
PARTICIPANTS: The President, Chancellor Helmut Kohl
DATE, TIME December 11, 1987, 9:57 a.m. – 10:22 a.m.
AND PLACE: Oval Office

The President opened the conversation by telling the Chancellor that he wanted to get back to him.
"""


def encode(tmp_path: Path, text: str) -> tuple[etree._Element, str]:
    source = tmp_path / "memo.txt"
    source.write_text(text, encoding="utf-8")
    conversion = convert(source, tmp_path, Register.empty())
    target = tmp_path / conversion.name
    target.write_bytes(conversion.document)
    return etree.fromstring(conversion.document), export_text(target)


@pytest.mark.parametrize(
    ("text", "title", "when", "place"),
    [
        (TELCON, "Telephone Call to Chancellor Helmut Kohl of the Federal Republic of Germany", "1990-06-01",
         "The Oval Office"),
        (NARRATIVE, "Telephone Call between President Reagan and Chancellor Kohl", "1987-12-11", "Oval Office"),
    ],
)
def test_subject_date_and_place_go_to_the_header(tmp_path, text, title, when, place):
    root, written_back = encode(tmp_path, text)
    assert root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == title
    assert "SUBJECT" in "".join(root.find(".//tei:interpretation", NS).itertext())
    assert root.find(".//tei:creation/tei:date", NS).get("when") == when
    assert root.findtext(".//tei:creation/tei:placeName", namespaces=NS) == place
    setting = root.find(".//tei:profileDesc/tei:settingDesc/tei:setting", NS)
    assert setting.findtext("tei:placeName", namespaces=NS) == place and setting.find("tei:date", NS).get("when") == when
    body = " ".join("".join(root.find(".//tei:body", NS).itertext()).split())
    assert "SUBJECT:" in body and "AND PLACE:" in body
    assert compare(text, written_back) == []


def test_a_field_below_the_participants_is_nobody(tmp_path):
    root, _ = encode(tmp_path, TELCON)
    persons = root.findall(".//tei:particDesc//tei:person", NS)
    assert [p.findtext("tei:persName", namespaces=NS) for p in persons] == ["The President", "Helmut Kohl"]


def test_to_and_from_name_the_participants(tmp_path):
    text = (
        "MEMORANDUM FOR THE RECORD\n\nTO: Henry A. Kissinger, Secretary of State\nFROM: Brent Scowcroft\n"
        "DATE: June 10, 1975\nPLACE: Washington\n\nKissinger: One.\n\nScowcroft: Two.\n\nKissinger: Three.\n"
    )
    root, written_back = encode(tmp_path, text)
    names = [p.findtext("tei:persName", namespaces=NS) for p in root.findall(".//tei:particDesc//tei:person", NS)]
    assert names == ["Henry A. Kissinger", "Brent Scowcroft"]
    assert root.find(".//tei:creation/tei:date", NS).get("when") == "1975-06-10"
    assert root.findtext(".//tei:creation/tei:placeName", namespaces=NS) == "Washington"
    assert [sp.get("who") for sp in root.iterfind(".//tei:sp", NS)] == ["#kissinger", "#scowcroft", "#kissinger"]
    assert compare(text, written_back) == []


def test_a_document_title_is_kept_over_the_subject(tmp_path):
    text = "Conversation between Bush and Kohl\n\nSUBJECT: Germany\n\nBush: One.\n\nKohl: Two.\n\nBush: Three.\n"
    root, _ = encode(tmp_path, text)
    assert root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == "Conversation between Bush and Kohl"


def test_a_sites_name_for_the_memorandum_gives_way_to_its_subject(tmp_path):
    text = (
        "Army Memo re: Interview of the Senior Interrogator\n\nCJTF180-1G 16 February 2004\n"
        "SUBJECT: Interview of the OIC on 14 Feb 04\nQ: One?\nA: Yes.\nQ: Two?\nA: No.\n"
    )
    root, _ = encode(tmp_path, text)
    assert root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == "Interview of the OIC on 14 Feb 04"
    assert root.find(".//tei:creation/tei:date", NS).get("when") == "2004-02-16"


@pytest.mark.parametrize("field", ["Citation:", "Summary:"])
def test_a_bracket_in_the_catalogue_record_is_written_back(tmp_path, field):
    """Found by the property tests: the translator's note in a catalogue field lost its brackets."""
    text = (
        "November 8, 1990\n\n**Record of a Conversation\nbetween X and Y**\n\n"
        f"{field}\n\n[cherez zapiatiu]\n\nBush: One.\n\nBaker: Two.\n\nBush: Three.\n"
    )
    _, written_back = encode(tmp_path, text)
    assert compare(text, written_back) == []


def test_a_participants_list_on_one_line_names_everyone(tmp_path):
    root, _ = encode(tmp_path, NARRATIVE)
    names = [p.findtext("tei:persName", namespaces=NS) for p in root.findall(".//tei:particDesc//tei:person", NS)]
    assert names == ["The President", "Chancellor Helmut Kohl"]
    text = (
        "Memorandum of Conversation\n\nPARTICIPANTS: President Bush, Chancellor Kohl, Interpreter\n\n"
        "Bush: One.\n\nKohl: Two.\n\nBush: Three.\n\nBush: Four.\n"
    )
    root, _ = encode(tmp_path, text)
    assert [sp.get("who") for sp in root.iterfind(".//tei:sp", NS)] == ["#bush", "#kohl", "#bush", "#bush"]
    assert len(root.findall(".//tei:particDesc//tei:person", NS)) == 2


@pytest.mark.parametrize(
    ("field", "date"),
    [
        ("DATE: 19 Nov 1990", {"when": "1990-11-19"}),
        ("DATE: November 19, 1990", {"when": "1990-11-19"}),
        ("DATE & TIME: Friday, December 21, 2001, 10:00 a.m.", {"when": "2001-12-21"}),
        ("DATE: 1990-11-19", {"when": "1990-11-19"}),
        ("DATE: 1975/10/20", {"when": "1975-10-20"}),
        ("DATE: June 1967", {"notBefore": "1967-06-01", "notAfter": "1967-06-30"}),
    ],
)
def test_the_date_field_in_every_common_form(tmp_path, field, date):
    text = f"MEMORANDUM OF CONVERSATION\n\n{field}\nPLACE: Bonn\n\nKohl: One.\n\nBush: Two.\n\nKohl: Three.\n"
    root, _ = encode(tmp_path, text)
    found = root.find(".//tei:creation/tei:date", NS)
    assert {k: v for k, v in found.attrib.items() if k in ("when", "notBefore", "notAfter")} == date


def test_an_archives_declassification_stamp_does_not_date_the_document(tmp_path):
    # As CIA and NARA copies print it above the memorandum, in the year, month, day order archives use.
    text = (
        "October 19, 1973\n\nMEMORANDUM OF CONVERSATION\n\n"
        "Declassified in Part - Sanitized Copy Approved for Release 2012/11/14\n\n"
        "Kohl: One.\n\nBush: Two.\n\nKohl: Three.\n"
    )
    root, _ = encode(tmp_path, text)
    assert root.find(".//tei:creation/tei:date", NS).get("when") == "1973-10-19"



@pytest.mark.parametrize(
    ("block", "names", "headings"),
    [
        # FRUS's delegations; the OCR of a 1975 memorandum, the first heading on the field's line.
        ("PARTICIPANTS:\nUSSR\nGeneral Secretary Leonid I. Brezhnev\nAndrei A. Gromyko, Foreign Minister\n"
         "US\nThe President\nDr. Henry A. Kissinger, Secretary of State",
         ["General Secretary Leonid I. Brezhnev", "Andrei A. Gromyko", "The President", "Dr. Henry A. Kissinger"],
         ["USSR", "US"]),
        ("PARTICIPANTS: CHINA\nTeng Hsiao-ping, Vice Premier\nUNITED STATES\nHenry A. Kissinger, Secretary of State",
         ["Teng Hsiao-ping", "Henry A. Kissinger"], ["CHINA", "UNITED STATES"]),
        ("PARTICIPANTS:\nSoviet Side\nM. S. Gorbachev\nAmerican Side\nJames Baker", ["M. S. Gorbachev", "James Baker"],
         ["Soviet Side", "American Side"]),
        # Names in capitals are people, and so is a title in capitals.
        ("PARTICIPANTS: HELMUT KOHL\nDATE: June 1, 1990", ["HELMUT KOHL"], []),
        ("PARTICIPANTS: THE PRESIDENT\nHelmut Kohl, Chancellor", ["THE PRESIDENT", "Helmut Kohl"], []),
    ],
)
def test_a_delegations_heading_is_nobody(tmp_path, block, names, headings):
    text = f"Memorandum of Conversation\n\n{block}\n\nKohl: One.\n\nBaker: Two.\n\nKohl: Three.\n"
    root, written_back = encode(tmp_path, text)
    named = [n.text for n in root.iterfind(".//tei:particDesc//tei:person/tei:persName", NS)]
    assert sorted(n for n in named if n in names) == sorted(names)
    assert not set(headings) & set(named)
    assert compare(text, written_back) == []
