"""Each action on the real edition: exactly the expected bytes change, the file stays valid, and
`teikit check` still finds every word of the transcript."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from teikit.check import compare, recorded_transcript
from teikit.convert.source import read_transcript
from teikit.edit.actions import elements, local
from teikit.edit.source import sha256
from teikit.edit.store import Folder, Invalid, Refused, Stale
from teikit.edit.view import View
from teikit.export.text import export_text
from teikit.tei import TEI_NS
from tests.edit.conftest import HELSINKI, MOSCOW, PARIS, copy_edition, find

CHANGE = re.compile(rb'\n *<change who="#editors" when="\d{4}-\d{2}-\d{2}">(?:(?!</change>).)*</change>', re.DOTALL)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Folder:
    opened = Folder(copy_edition(tmp_path_factory.mktemp("edit")), editor="Test Editor")
    yield opened
    opened.close()


def act(folder: Folder, name: str, action: str, **params) -> tuple[bytes, bytes, str]:
    path = folder.path(name)
    before = path.read_bytes()
    saved = folder.act(name, action, params, sha256(before))
    after = path.read_bytes()
    assert saved.hash == sha256(after)
    return before, after, saved.description


def _offset(folder: Folder, name: str, data: bytes, point) -> int:
    """The byte offset of a point of the text (in a text node written without character references)."""
    from teikit.edit.actions import text_nodes
    from teikit.edit.source import Source

    source = Source(data, folder.path(name))
    owner, kind = text_nodes(source.root)[point.node]
    start, _ = source.text_range(owner, kind)
    value = owner.text if kind == "text" else owner.tail
    return start + len(value[: point.offset].encode())


def without_new_change(before: bytes, after: bytes) -> bytes:
    """``after`` less the one revisionDesc/change the save added (which must be there, once)."""
    added = [m for m in CHANGE.finditer(after) if m.group() not in before]
    assert len(added) == 1, "a save adds exactly one revisionDesc/change"
    return after[: added[0].start()] + after[added[0].end():]


def assert_checked(folder: Folder, name: str) -> None:
    path = folder.path(name)
    assert [f for f in folder.findings(path) if f.severity == "error"] == []
    transcript = recorded_transcript(path)
    assert compare(read_transcript(transcript), export_text(path)) == []


def test_a_no_op_round_trip_keeps_every_byte(folder):
    for name in folder.documents():
        source = folder.read(name)
        assert sha256(source.serialize()) == source.hash


def test_tag_a_person_changes_only_those_words_and_records_the_change(folder):
    root = folder.read(PARIS).root
    start, end = find(root, "President")
    before, after, said = act(folder, PARIS, "tag", kind="person", ref="bush", start=start, end=end)
    expected = bytearray(before)
    at = _offset(folder, PARIS, before, start)
    expected[at:at + len(b"President")] = b'<persName ref="reg:bush">President</persName>'
    assert without_new_change(before, after) == bytes(expected)
    assert said == "Tagged “President” as person reg:bush"
    assert "Tagged “President” as person reg:bush (Test Editor)</change>".encode() in after
    assert_checked(folder, PARIS)


@pytest.mark.parametrize(
    ("action", "words", "params", "marked"),
    [
        ("unclear", b"festering", {"reason": "faded"}, b'<unclear reason="faded">festering</unclear>'),
        ("date", b"A couple of days ago", {"when": "1990-11-17"}, b'<date when="1990-11-17">A couple of days ago</date>'),
        ("sic", b"underwater rocks", {"corr": "underwater reefs"},
         b'<choice><sic>underwater rocks</sic><corr resp="#editors">underwater reefs</corr></choice>'),
    ],
)
def test_marking_a_selection(folder, action, words, params, marked):
    start, end = find(folder.read(PARIS).root, words.decode())
    before, after, _ = act(folder, PARIS, action, start=start, end=end, **params)
    expected = bytearray(before)
    at = _offset(folder, PARIS, before, start)
    expected[at:at + len(words)] = marked
    assert without_new_change(before, after) == bytes(expected)
    assert_checked(folder, PARIS)


def test_supplied_words_and_notes_are_the_editors_and_not_the_witness(folder):
    root = folder.read(MOSCOW).root
    _, end = find(root, "I phoned Eduard")
    before, after, _ = act(folder, MOSCOW, "supplied", at=end, text="A.", reason="clarification")
    assert without_new_change(before, after) == before.replace(
        b"I phoned Eduard", b'I phoned Eduard<supplied reason="clarification" resp="#editors">A.</supplied>', 1)
    _, end = find(folder.read(MOSCOW).root, "Article 51 of the UN Charter")
    before, after, _ = act(folder, MOSCOW, "note", at=end, text="Self-defence.")
    assert without_new_change(before, after) == before.replace(
        b"Article 51 of the UN Charter",
        b'Article 51 of the UN Charter<note type="editorial" resp="#editors">Self-defence.</note>', 1)
    assert_checked(folder, MOSCOW)
    def note(text: str) -> int:
        # The edition has editors' notes of its own: find the one this test added.
        return next(n for n, e in enumerate(elements(folder.read(MOSCOW).root))
                    if local(e) == "note" and e.get("type") == "editorial" and "".join(e.itertext()) == text)

    _, after, _ = act(folder, MOSCOW, "note-edit", element=note("Self-defence."), text="Self-defence (Article 51).")
    assert b'<note type="editorial" resp="#editors">Self-defence (Article 51).</note>' in after
    before, after, _ = act(folder, MOSCOW, "note-remove", element=note("Self-defence (Article 51)."))
    assert without_new_change(before, after) == before.replace(
        b'<note type="editorial" resp="#editors">Self-defence (Article 51).</note>', b"", 1)
    assert_checked(folder, MOSCOW)


def test_a_name_inside_the_selection_nests(folder):
    root = folder.read(MOSCOW).root
    start, _ = find(root, "the Cold War, the ")
    # From "the Cold War, the " to the end of "United States" (inside its <placeName>).
    owner_end = find(root, "United States", within="placeName")[1]
    _, after, _ = act(folder, MOSCOW, "unclear", start=start, end=owner_end, reason="torn")
    assert (b'<unclear reason="torn">the Cold War, the <placeName ref="reg:united-states">United States</placeName>'
            b"</unclear>") in after
    assert_checked(folder, MOSCOW)


def test_a_selection_that_would_not_nest_is_refused_and_nothing_is_written(folder):
    root = folder.read(MOSCOW).root
    start = find(root, "Square", within="placeName")[0]  # inside the name
    end = find(root, "we say such slogans")[1]  # after it
    before = folder.path(MOSCOW).read_bytes()
    with pytest.raises(Refused, match=r"starts in <placeName> and ends in <p>.*could not nest"):
        folder.act(MOSCOW, "unclear", {"start": start, "end": end, "reason": "x"}, sha256(before))
    assert folder.path(MOSCOW).read_bytes() == before


def test_an_invalid_result_is_refused_with_teikits_message(folder):
    start, end = find(folder.read(PARIS).root, "Gulf", within="placeName")
    before = folder.path(PARIS).read_bytes()
    with pytest.raises(Invalid) as refused:
        folder.act(PARIS, "tag", {"kind": "person", "ref": "bush", "start": start, "end": end}, sha256(before))
    assert "<placeName> at /TEI/text/body/sp[19]/p[1]/placeName[1]" in refused.value.findings[0].message
    assert folder.path(PARIS).read_bytes() == before


def test_a_pointer_the_register_lacks_is_refused_by_the_profiles_schematron(folder):
    start, end = find(folder.read(PARIS).root, "Everybody")
    before = folder.path(PARIS).read_bytes()
    with pytest.raises(Invalid, match="register has no person"):
        folder.act(PARIS, "tag", {"kind": "person", "ref": "nobody-known", "start": start, "end": end}, sha256(before))
    assert folder.path(PARIS).read_bytes() == before


def test_untag_keeps_the_words(folder):
    root = folder.read(PARIS).root
    number = next(n for n, e in enumerate(elements(root)) if e.get("ref") == "reg:kohl")
    before, after, said = act(folder, PARIS, "untag", element=number)
    assert without_new_change(before, after) == before.replace(b'<persName ref="reg:kohl">Kohl</persName>', b"Kohl", 1)
    assert said == "Removed <persName> from “Kohl”"
    assert_checked(folder, PARIS)


def test_tag_every_occurrence(folder):
    from teikit.edit.actions import occurrences

    expected = len(occurrences(folder.read(HELSINKI).root, "Gulf"))
    before, after, said = act(folder, HELSINKI, "tag-all", kind="place", ref="persian-gulf", text="Gulf")
    assert said == f"Tagged every occurrence of “Gulf” ({expected}) as place reg:persian-gulf" and expected >= 3
    tagged = b'<placeName ref="reg:persian-gulf">Gulf</placeName>'
    assert after.count(tagged) == before.count(tagged) + expected
    assert occurrences(folder.read(HELSINKI).root, "Gulf") == []
    assert_checked(folder, HELSINKI)


def test_change_split_and_merge_turns(folder):
    def turn(n: str) -> int:  # numbers are those of the current version: each save adds a <change> before the text
        return next(i for i, e in enumerate(elements(folder.read(PARIS).root)) if local(e) == "sp" and e.get("n") == n)

    before, after, said = act(folder, PARIS, "speaker", element=turn("3"), who="gorbachev")
    assert said.startswith("Changed the speaker of turn 3 from #bush to #gorbachev")
    assert without_new_change(before, after) == before.replace(
        b'<sp xml:id="t3" n="3" who="#bush">', b'<sp xml:id="t3" n="3" who="#gorbachev">', 1)
    act(folder, PARIS, "speaker", element=turn("3"), who="bush")
    # As if the converter had missed a label "But" in turn 2.
    start, end = find(folder.read(PARIS).root, "But it cannot be otherwise")
    end = type(end)(end.node, start.offset + len("But"))
    before, after, said = act(folder, PARIS, "split", start=start, end=end, who="bush")
    assert said == "Split turn 2: “But” starts turn 2a"
    assert b'<sp xml:id="t2a" n="2a" who="#bush">\n        <speaker>But</speaker>\n        <p>it cannot be otherwise' in after
    # Every later turn keeps its number and its anchor, so citations of them and links to them stay valid.
    later = re.findall(rb'<sp xml:id="t(\d+)" n="(\d+)"', before)
    assert [t for t in later if int(t[0]) >= 3] == [t for t in re.findall(rb'<sp xml:id="t(\d+)" n="(\d+)"', after)
                                                   if int(t[0]) >= 3]
    assert_checked(folder, PARIS)
    _, restored, said = act(folder, PARIS, "merge", element=turn("2a"))
    assert said == "Merged turn 2a (label “But”) into turn 2"
    assert b'<sp xml:id="t2a"' not in restored and without_new_change(after, restored).count(b"<sp ") == before.count(b"<sp ")
    assert b'<p><anchor xml:id="t2a" type="merged-turn" n="2a" resp="#editors"/>But it cannot be otherwise' in restored
    assert_checked(folder, PARIS)


def test_a_merge_leaves_the_later_turns_numbers(folder):
    def turn(n: str) -> int:
        return next(i for i, e in enumerate(elements(folder.read(PARIS).root)) if local(e) == "sp" and e.get("n") == n)

    before, after, said = act(folder, PARIS, "merge", element=turn("3"))
    assert said.startswith("Merged turn 3 ")
    assert b'<sp xml:id="t3" ' not in after and b'<sp xml:id="t4" n="4"' in after
    assert_checked(folder, PARIS)
    # Turn 3's anchor stays where its words begin: a link to #t3 or a citation of it still leads there.
    label = re.search(rb'<sp xml:id="t3" n="3" who="#\w+">\s*<speaker>([^<]*)</speaker>', before).group(1)
    assert re.search(rb'<p><anchor xml:id="t3" type="merged-turn" n="3" resp="#editors"/>' + re.escape(label) + rb" ", after)
    reading = View(folder).state(PARIS)["reading"]
    assert reading.count('id="t3"') == 1 and re.search(r'<span class="merged-turn" id="t3"></span><span data-t="\d+">'
                                                       + re.escape(label.decode()), reading)


def test_a_turn_split_twice_takes_the_next_letter():
    from teikit.edit.actions import _split_number

    body = etree.fromstring(f'<body xmlns="{TEI_NS}"><sp n="12"/><sp n="12a"/><sp n="13"/></body>')
    assert _split_number(body[0]) == "12b" and _split_number(body[1]) == "12b" and _split_number(body[2]) == "13a"


def test_page_break_number_and_facsimile(folder):
    number = next(n for n, e in enumerate(elements(folder.read(PARIS).root)) if local(e) == "pb")
    before, after, _ = act(folder, PARIS, "pb", element=number, n="12", facs="images/page-12.jpg")
    assert without_new_change(before, after) == before.replace(b"<pb/>", b'<pb n="12" facs="images/page-12.jpg" resp="#editors"/>', 1)
    assert_checked(folder, PARIS)


def test_header_fields(folder):
    before, after, _ = act(folder, PARIS, "header", field="title", value="Gorbachev and Bush in Paris, 19 November 1990")
    assert b"Gorbachev and Bush in Paris, 19 November 1990</title>" in after
    before, after, _ = act(folder, PARIS, "header", field="date", value="1990-11-20")
    assert without_new_change(before, after).count(b'when="1990-11-20"') == before.count(b'when="1990-11-20"') + 1
    assert_checked(folder, PARIS)


def test_a_change_to_the_witness_is_refused(folder):
    """The archive's own summary is part of the witness (`teikit export text` writes it back)."""
    before = folder.path(MOSCOW).read_bytes()
    if b"<abstract>" not in before:
        pytest.skip("this record has no archive's summary")
    with pytest.raises(Refused, match="would change the witness's words"):
        folder.act(MOSCOW, "header", {"field": "summary", "value": "Something else."}, sha256(before))
    assert folder.path(MOSCOW).read_bytes() == before


def test_a_stale_save_is_refused_and_an_outside_change_kept(folder):
    path = folder.path(HELSINKI)
    old = sha256(path.read_bytes())
    changed_elsewhere = path.read_bytes().replace(b"</TEI>", b"<!-- another program -->\n</TEI>")
    path.write_bytes(changed_elsewhere)
    with pytest.raises(Stale):
        folder.act(HELSINKI, "tag-all", {"kind": "place", "ref": "helsinki", "text": "Helsinki"}, old)
    assert path.read_bytes() == changed_elsewhere


def test_undo_and_redo_restore_the_exact_bytes(folder):
    path = folder.path(MOSCOW)
    original = path.read_bytes()
    start, end = find(folder.read(MOSCOW).root, "Ramadan")
    _, after, _ = act(folder, MOSCOW, "unclear", start=start, end=end, reason="blurred")
    undone = folder.undo(MOSCOW, sha256(after))
    assert path.read_bytes() == original and undone.description.startswith("Undid: Marked “Ramadan” unclear")
    folder.redo(MOSCOW, sha256(original))
    assert path.read_bytes() == after


def test_paths_outside_the_folder_are_refused(folder, tmp_path):
    (tmp_path / "secret.xml").write_text("<TEI/>")
    for name in ["../seeds/000_24da951937169157.txt", "../../etc/passwd", "/etc/passwd", "..", ".", "",
                 f"../{tmp_path.name}/secret.xml", "a/../../x.xml", ".git/config"]:
        with pytest.raises(Exception, match="not the name of a document|no such document|not a document"):
            folder.path(name)
    link = folder.root / "link.xml"
    link.symlink_to(tmp_path / "secret.xml")
    try:
        with pytest.raises(Exception, match="not a document"):
            folder.path("link.xml")
    finally:
        link.unlink()


def test_a_new_register_entry(folder):
    register = folder.root / "register.xml"
    before = register.read_bytes()
    ident = folder.add_register_entry("place", ["Baltic states", "Baltics"], "Q39731")
    after = register.read_bytes()
    assert ident == "states"
    assert b'<place xml:id="states" type="city">' in after and b'<placeName type="variant">Baltics</placeName>' in after
    assert b'<idno type="wikidata">Q39731</idno>' in after
    # Everything before stays as it was; the header gains the history of the change.
    assert after.startswith(before[: before.index(b"\n  </teiHeader>")])
    assert b'<change who="#editors" when="' in after and b"Added the place states (Baltic states) to the register" in after
    assert after.index(b"</teiHeader>") - before.index(b"</teiHeader>") == after.index(b"<standOff>") - before.index(b"<standOff>")
    assert [f for f in folder.findings(register) if f.severity == "error"] == []
    start, end = find(folder.read(PARIS).root, "Baltics")
    act(folder, PARIS, "tag", kind="place", ref=ident, start=start, end=end)
    assert_checked(folder, PARIS)


def test_a_new_register_entry_with_its_own_id_and_kind(folder):
    register = folder.root / "register.xml"
    ident = folder.add_register_entry("place", ["Baltic Sea"], "", ident="baltic-sea", place_type="sea")
    assert ident == "baltic-sea" and b'<place xml:id="baltic-sea" type="sea">' in register.read_bytes()
    before = register.read_bytes()
    with pytest.raises(Refused, match="already has an entry baltic-sea"):
        folder.add_register_entry("place", ["Baltic"], "", ident="baltic-sea")
    with pytest.raises(Refused, match="cannot be an xml:id"):
        folder.add_register_entry("person", ["Anybody"], "", ident="1 bad")
    with pytest.raises(Refused, match="a place's kind is one of city, country"):
        folder.add_register_entry("place", ["Atlantis"], "", place_type="myth")
    assert register.read_bytes() == before
    assert [f for f in folder.findings(register) if f.severity == "error"] == []


def test_history_in_git_lists_each_save_as_a_commit_with_its_diff(tmp_path):
    opened = Folder(copy_edition(tmp_path, git=True), editor="Git Editor")
    try:
        start, end = find(opened.read(PARIS).root, "President")
        before = opened.path(PARIS).read_bytes()
        opened.act(PARIS, "tag", {"kind": "person", "ref": "bush", "start": start, "end": end}, sha256(before))
        changes = opened.history(PARIS)
        assert changes[0]["what"] == "Tagged “President” as person reg:bush"
        assert '<persName ref="reg:bush">President</persName>' in changes[0]["diff"]
        assert changes[1]["what"] == "The edition as converted"
        status = __import__("subprocess").run(["git", "-C", str(tmp_path), "status", "--porcelain"],
                                              capture_output=True, text=True).stdout
        assert status == ""
    finally:
        opened.close()


def test_every_text_node_and_element_is_numbered_alike_in_the_reading_view(folder):
    from teikit.edit.actions import text_nodes
    from teikit.edit.view import View

    view = View(folder)
    for name in (PARIS, MOSCOW, HELSINKI):
        source = folder.read(name)
        html = view.reading(source)
        nodes = text_nodes(source.root)
        for number, value in re.findall(r'<span data-t="(\d+)">([^<]*)</span>', html)[:400]:
            owner, kind = nodes[int(number)]
            text = owner.text if kind == "text" else owner.tail
            assert _unescape(value) == text, (name, number)


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)


def test_source_offsets_point_at_the_text(folder):
    from teikit.edit.view import View

    state = View(folder).state(PARIS)
    source = state["source"]
    root = folder.read(PARIS).root
    from teikit.edit.actions import text_nodes

    for (start, end, exact), (owner, kind) in zip(state["texts"], text_nodes(root), strict=True):
        if exact:
            assert source[start:end] == (owner.text if kind == "text" else owner.tail)



def test_the_page_shows_where_the_document_departs_from_its_transcript(folder):
    from teikit.edit.view import View

    view = View(folder)
    assert [f for f in view.state(HELSINKI)["findings"] if f["rule"] == "check"] == []
    transcript = recorded_transcript(folder.path(HELSINKI))
    original = transcript.read_bytes()
    try:
        transcript.write_bytes(original.replace(b"Helsinki", b"Helsingfors", 1))
        found = [f for f in view.state(HELSINKI)["findings"] if f["rule"] == "check"]
        assert found and "has “Helsingfors” here, the document “Helsinki”" in found[0]["message"]
    finally:
        transcript.write_bytes(original)


def test_a_document_without_the_editors_or_a_revision_history_gets_both(tmp_path):
    """``who="#editors"`` must point somewhere: a document that declares no editors (nor has a
    revisionDesc) gets them with the first action, the editor's name given, and stays valid."""
    tei = copy_edition(tmp_path)
    path = tei / HELSINKI
    data = path.read_bytes()
    data = re.sub(rb"\s*<editor xml:id=\"editors\">[^<]*</editor>", b"", data)
    data = re.sub(rb"\s*<revisionDesc>.*?</revisionDesc>", b"", data, flags=re.S)
    assert b'xml:id="editors"' not in data and b"revisionDesc" not in data
    path.write_bytes(data)
    (tmp_path / "before.xml").write_bytes(data)
    folder = Folder(tei, editor="Jane Doe")
    root = folder.read(HELSINKI).root
    start, end = find(root, "Gulf Crisis")
    folder.act(HELSINKI, "date", {"start": start, "end": end, "when": "1990-08-02"}, sha256(data))
    after = path.read_bytes()
    assert ('<respStmt>\n          <resp>Markup added with teikit edit by</resp>\n'
            '          <name xml:id="editors">Jane Doe</name>\n        </respStmt>\n      </titleStmt>') in after.decode()
    assert re.search(r'\n    <revisionDesc>\n      <change who="#editors" when="[-0-9]+">Dated “Gulf Crisis” 1990-08-02 '
                     r'\(Jane Doe\)</change>\n    </revisionDesc>\n  </teiHeader>', after.decode())
    assert [f for f in folder.findings(path) if f.severity == "error"] == []
    assert compare(export_text(tmp_path / "before.xml"), export_text(path)) == []
    folder.close()
