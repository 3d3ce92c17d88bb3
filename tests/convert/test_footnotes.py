"""Footnotes printed at the end of a transcript, encoded at their marks, and written back."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from teikit.check import compare
from teikit.convert.register import Register
from teikit.convert.transcript import convert
from teikit.export.text import export_text
from teikit.tei import reading_text

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus" / "transcripts"


def encode(tmp_path: Path, source: Path) -> tuple[etree._Element, Path]:
    conversion = convert(source, tmp_path, Register.empty())
    target = tmp_path / conversion.name
    target.write_bytes(conversion.document)
    return etree.fromstring(conversion.document), target


def test_frus_footnotes_stand_at_their_marks(tmp_path):
    source = CORPUS / "frus-telcon-1972-v14-d98.txt"
    root, target = encode(tmp_path, source)
    notes = root.findall(".//tei:body//tei:note[@place='foot']", NS)
    assert [n.get("n") for n in notes] == ["1", "2", "3", "4"]
    heading = notes[0].getparent()
    assert heading.text.endswith("(Kissinger)") and notes[0].text.startswith("Source: Library of Congress")
    assert notes[1].getparent().text.endswith("in Canada.") and notes[1].tail == " Don’t you think?"
    assert notes[1].text.startswith("Reference is to the President’s address")
    # The notes are no longer words of the last turn, and no page break was made of the blank line before them.
    last = root.findall(".//tei:sp", NS)[-1]
    assert "Source:" not in reading_text(last.find("tei:p", NS)) and last.find(".//tei:pb", NS) is None
    assert root.find(".//tei:sourceDesc//tei:note[@n='1']", NS).text.startswith("Source: Library of Congress")
    assert compare(source.read_text(encoding="utf-8"), export_text(target)) == []


def test_a_mark_after_an_editors_bracket(tmp_path):
    root, _ = encode(tmp_path, CORPUS / "frus-memcon-1975-v16-d203.txt")
    note = root.find(".//tei:sp//tei:note[@n='2']", NS)
    assert note.getprevious().tag == f"{{{NS['tei']}}}supplied" and note.getprevious().text == "Robinson"
    assert note.text == "Brackets in the original." and note.tail.startswith(" initial and sign")


def test_a_numbered_list_without_marks_stays_text(tmp_path):
    source = tmp_path / "list.txt"
    text = "K: We have two points.\n\nP: Which?\n\nK: These:\n\n1. Berlin.\n2. Trade.\n"
    source.write_text(text, encoding="utf-8")
    (tmp_path / "out").mkdir()
    root, target = encode(tmp_path / "out", source)
    assert root.find(".//tei:note", NS) is None
    assert "2. Trade." in reading_text(root.findall(".//tei:sp", NS)[-1])
    assert compare(text, export_text(target)) == []


def test_footnotes_written_after_many_lines_and_wrapped(tmp_path):
    source = tmp_path / "memo.txt"
    text = (
        "Memorandum of Conversation1\n\nKohl: We agree.2 Fully.\n\nBush: Good.\n\nKohl: Then sign.\n\n"
        "Bush: Yes.3\n\n1. Source: Bush Library,\nMemcons file.\n2. See Document 4.\n\n3. Brackets in the original.\n"
    )
    source.write_text(text, encoding="utf-8")
    root, target = encode(tmp_path, source)
    notes = root.findall(".//tei:body//tei:note[@place='foot']", NS)
    assert [(n.get("n"), " ".join(n.text.split())) for n in notes] == [
        ("1", "Source: Bush Library, Memcons file."),
        ("2", "See Document 4."),
        ("3", "Brackets in the original."),
    ]
    assert root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == "Memorandum of Conversation"
    assert compare(text, export_text(target)) == []


def test_a_source_note_before_the_conversation_goes_to_the_header(tmp_path):
    source = tmp_path / "memo.txt"
    text = "Memorandum of Conversation\n\n[Source: Ford Library, Box 16.]\n\nKohl: One.\n\nBush: Two.\n\nKohl: Three.\n"
    source.write_text(text, encoding="utf-8")
    root, target = encode(tmp_path, source)
    assert root.find(".//tei:body//tei:supplied", NS) is None
    assert root.find(".//tei:body//tei:note[@type='source']", NS).text == "Source: Ford Library, Box 16."
    assert root.find(".//tei:sourceDesc//tei:note[@type='source']", NS).text == "Source: Ford Library, Box 16."
    assert compare(text, export_text(target)) == []


def test_marks_in_square_brackets_and_in_superscript(tmp_path):
    """"message.[1]" and "message.²", with "[1] …" and "² …" at the end: notes at their marks, and
    the transcript written back as it was."""
    source = tmp_path / "marks.txt"
    text = (
        "K: We will send the message.[1] Then we wait.\n\nP: Good.² Yes, a reply [3] comes.\n\n"
        "K: Fine.\n\nP: Yes.\n\n[1] Not found.\n² Also not found.\n[3] Sent on 3 May.\n"
    )
    source.write_text(text, encoding="utf-8")
    (tmp_path / "out").mkdir()
    root, target = encode(tmp_path / "out", source)
    notes = root.findall(".//tei:body//tei:note[@place='foot']", NS)
    expected = [("[1]", "Not found."), ("²", "Also not found."), ("[3]", "Sent on 3 May.")]
    assert [(n.get("n"), n.text) for n in notes] == expected
    assert notes[0].getparent().text == "We will send the message." and notes[0].tail == " Then we wait."
    assert notes[1].getparent().text == "Good." and notes[2].tail == " comes."
    assert root.find(".//tei:body//tei:supplied", NS) is None
    assert "Not found" not in reading_text(root.findall(".//tei:sp", NS)[-1])
    assert compare(text, export_text(target)) == []


def test_a_bracketed_number_without_its_note_stays_the_editors(tmp_path):
    source = tmp_path / "nomark.txt"
    text = "K: We will send the message.[1] Then we wait.\n\nP: Good.\n\nK: Fine.\n\n[1] Not found.\n[2] Nowhere.\n"
    source.write_text(text, encoding="utf-8")
    (tmp_path / "out").mkdir()
    root, target = encode(tmp_path / "out", source)
    assert root.find(".//tei:note", NS) is None
    assert compare(text, export_text(target)) == []
