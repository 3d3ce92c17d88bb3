"""Every action of the toolbar in real Chromium, as a user goes through it: select or click, fill the
dialog, apply; then the page shows the change (only the changed turns are rendered anew, and the
page is then exactly as a fresh rendering of the saved file), and the file on disk has exactly the
expected change, is valid and still has every word of the transcript."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from teikit.edit.app import COOKIE, create_app
from teikit.edit.store import Folder
from teikit.server import running
from tests.edit.conftest import MOSCOW, PARIS, copy_edition
from tests.edit.test_edit_browser import assert_checked, open_page, saved, select_words


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    folder = Folder(copy_edition(tmp_path_factory.mktemp("walk")), editor="Walk Through")
    app, token = create_app(folder)
    with running(app) as url:
        exchanged = httpx.get(f"{url}?token={token}")
        yield {"url": url, "cookie": {"name": COOKIE, "value": exchanged.cookies[COOKIE], "url": url}, "folder": folder}
    folder.close()


# The whole text of the source view (CodeMirror draws only the lines in sight; its content's DOM
# node leads to the view).
SOURCE_TEXT = "document.querySelector('#source .cm-content').cmTile.view.state.doc.toString()"


def as_rendered_whole(page, path) -> None:
    """The page after its patches is the page a fresh load of the saved file shows, and its source
    view has the file's bytes."""
    patched = page.inner_html("#reading")
    assert page.evaluate(SOURCE_TEXT) == path.read_text(encoding="utf-8")
    page.reload()
    page.locator("#reading p").first.wait_for()
    assert page.inner_html("#reading") == patched


def text(data: bytes) -> bytes:
    """The file from its <text> on: what an action changes, besides the header's revisionDesc (and,
    on the first, the editors' respStmt)."""
    return data[re.search(rb"<text[\s>]", data).start():]


def click_in_turn(page, n: str) -> None:
    """The cursor put into turn n's first paragraph, as a click there does."""
    page.locator(f'#reading [data-kind="sp"]:has(h3[data-turn="{n}"]) p [data-t]').first.click()
    page.wait_for_timeout(50)


def test_tag_every_occurrence_after_a_preview_of_each(browser, editor):
    editor["folder"].add_register_entry("place", ["United Nations"], "Q1065", ident="united-nations", place_type="site")
    page = open_page(browser, editor)
    path = editor["folder"].path(PARIS)
    before = path.read_bytes()
    select_words(page, "United Nations")
    page.get_by_role("button", name="Tag all…").click()
    page.locator("dialog").get_by_label("Kind").select_option("place")
    page.get_by_role("button", name="Apply").click()
    dialog = page.locator("dialog")
    expect(dialog.locator("h2")).to_have_text("Tag 3 occurrences of “United Nations” as a place")
    assert dialog.locator(".preview li mark").all_inner_texts() == ["United Nations"] * 3
    assert all(len(t) > len("United Nations") + 10 for t in dialog.locator(".preview li").all_inner_texts())  # with context
    dialog.get_by_label("Register entry").fill("united-nations")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Tagged every occurrence of “United Nations” (3) as place reg:united-nations")
    after = path.read_bytes()
    assert text(after) == text(before).replace(
        b"United Nations", b'<placeName ref="reg:united-nations">United Nations</placeName>')
    expect(page.locator('#reading [data-kind="placeName"]', has_text="United Nations")).to_have_count(3)
    assert_checked(editor["folder"], PARIS)
    as_rendered_whole(page, path)
    assert page.errors == []
    page.context.close()


def test_an_editors_note_added_edited_and_removed(browser, editor):
    page = open_page(browser, editor, MOSCOW)
    path = editor["folder"].path(MOSCOW)
    before = path.read_bytes()
    select_words(page, "Ramadan")
    page.get_by_role("button", name="Note", exact=True).click()
    page.locator("dialog").get_by_label("Note").fill("The fast ended in April 1991.")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Added an editors' note “The fast ended in April 1991.”")
    note = b'<note type="editorial" resp="#editors">The fast ended in April 1991.</note>'
    assert text(path.read_bytes()) == text(before).replace(b"Ramadan", b"Ramadan" + note, 1)
    marker = page.locator('#reading p [data-kind="note"][data-type="editorial"] a', has_text=re.compile(r"^\d+$")).filter(
        has=page.locator("xpath=self::*[contains(@data-note-words, 'April 1991')]"))
    expect(marker).to_have_count(1)
    marker.click()  # the note's mark is a button: it opens the note
    expect(page.locator("dialog h2")).to_have_text("Edit the editors' note")
    field = page.locator("dialog").get_by_label("Note")
    assert field.input_value() == "The fast ended in April 1991."  # the note's words, to edit
    field.fill("The fast of Ramadan ended in April 1991.")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Edited an editors' note: “The fast of Ramadan ended in April 1991.”")
    assert b"<note type=\"editorial\" resp=\"#editors\">The fast of Ramadan ended in April 1991.</note>" in path.read_bytes()
    expect(page.locator(".notes li", has_text="The fast of Ramadan ended")).to_have_count(1)
    as_rendered_whole(page, path)
    # From the keyboard: the note's mark focused (Tab reaches it), Enter; the dialog's button removes it.
    page.get_by_role("button", name="Editors’ note: edit or remove it").filter(
        has=page.locator('a[data-note-words*="fast of Ramadan"]')).focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Remove the note").click()
    saved(page, "Removed an editors' note “The fast of Ramadan ended in April 1991.”")
    assert text(path.read_bytes()) == text(before)
    expect(page.locator(".notes li", has_text="fast of Ramadan")).to_have_count(0)
    assert_checked(editor["folder"], MOSCOW)
    as_rendered_whole(page, path)
    page.context.close()


def test_change_a_turns_speaker(browser, editor):
    page = open_page(browser, editor)
    path = editor["folder"].path(PARIS)
    before = path.read_bytes()
    click_in_turn(page, "3")
    page.get_by_role("button", name="Speaker").click()
    page.locator("dialog").get_by_label("Speaker").select_option("gorbachev")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Changed the speaker of turn 3 from #bush to #gorbachev")
    assert text(path.read_bytes()) == text(before).replace(b'n="3" who="#bush"', b'n="3" who="#gorbachev"', 1)
    # The turn is drawn as Gorbachev's turns are (the web edition's colour and shape of each speaker).
    turn = page.locator('#reading [data-kind="sp"]:has(h3[data-turn="3"]) section')
    expect(turn).to_have_class(page.locator('#reading [data-kind="sp"]:has(h3[data-turn="2"]) section').get_attribute("class"))
    assert_checked(editor["folder"], PARIS)
    as_rendered_whole(page, path)
    page.context.close()


def test_split_a_turn_at_a_missed_label_then_merge_it_back(browser, editor):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, editor)
    path = editor["folder"].path(PARIS)
    select_words(page, "But", inside='[data-kind="sp"]:has(h3[data-turn="2"]) p')
    page.get_by_role("button", name="Split turn").click()
    page.locator("dialog").get_by_label("Speaker of the new turn").select_option("bush")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Split turn 2: “But” starts turn 2a")
    expect(page.locator("#reading h3#t2a .speaker")).to_have_text("But")
    assert b'<sp xml:id="t2a" n="2a" who="#bush">' in path.read_bytes()
    as_rendered_whole(page, path)
    assert Axe().run(page).violations_count == 0
    click_in_turn(page, "2a")
    page.get_by_role("button", name="Merge turn").click()
    page.get_by_role("button", name="Apply").click()
    saved(page, "Merged turn 2a (label “But”) into turn 2")
    expect(page.locator("#reading h3#t2a")).to_have_count(0)
    # A link to #t2a still leads to the words that began the merged turn.
    assert page.locator("#reading #t2a").evaluate("e => e.nextSibling.textContent").startswith("But ")
    assert b'<anchor xml:id="t2a" type="merged-turn" n="2a" resp="#editors"/>But' in path.read_bytes()
    assert_checked(editor["folder"], PARIS)
    as_rendered_whole(page, path)
    assert Axe().run(page).violations_count == 0
    page.context.close()


def test_a_page_breaks_number_and_facsimile(browser, editor):
    page = open_page(browser, editor)
    path = editor["folder"].path(PARIS)
    before = path.read_bytes()
    page.locator('#reading [data-kind="pb"]').first.click()
    dialog = page.locator("dialog")
    dialog.get_by_label("Page number").fill("12")
    dialog.get_by_label("Facsimile").fill("images/page-12.jpg")
    page.get_by_role("button", name="Apply").click()
    saved(page, 'Set a page break: n="12", facs="images/page-12.jpg"')
    assert text(path.read_bytes()) == text(before).replace(b"<pb/>", b'<pb n="12" facs="images/page-12.jpg" resp="#editors"/>', 1)
    first = page.locator('#reading [data-kind="pb"]').first
    expect(first).to_have_attribute("aria-label", "Page 12: set its number and facsimile")
    # From the keyboard: Tab to the page break, Enter; the dialog shows what it has now.
    first.focus()
    page.keyboard.press("Enter")
    assert dialog.get_by_label("Page number").input_value() == "12"
    assert dialog.get_by_label("Facsimile").input_value() == "images/page-12.jpg"
    page.keyboard.press("Escape")
    assert_checked(editor["folder"], PARIS)
    as_rendered_whole(page, path)
    page.context.close()


def test_the_headers_fields(browser, editor):
    page = open_page(browser, editor, MOSCOW)
    path = editor["folder"].path(MOSCOW)
    page.locator("#header-title").fill("Gorbachev and Baker in Moscow, 8 November 1990")
    page.get_by_role("button", name="Save title").click()
    saved(page, "Set the header's title to “Gorbachev and Baker in Moscow, 8 November 1990”")
    assert b">Gorbachev and Baker in Moscow, 8 November 1990</title>" in path.read_bytes()
    expect(page).to_have_title(re.compile("^Gorbachev and Baker in Moscow"))
    page.locator("#header-source-date").fill("1990-11-09")
    page.get_by_role("button", name="Save source date").click()
    saved(page, "Set the header's source-date to “1990-11-09”")
    assert page.locator("#header-source-date").input_value() == "1990-11-09"
    page.locator("#header-summary").fill("Baker and Gorbachev on the Gulf.")
    page.get_by_role("button", name="Save summary").click()
    expect(page.locator("#message")).to_contain_text("refused")  # the archive's summary is the witness's
    assert_checked(editor["folder"], MOSCOW)
    as_rendered_whole(page, path)
    page.context.close()


def test_undo_then_redo(browser, editor):
    page = open_page(browser, editor, MOSCOW)
    path = editor["folder"].path(MOSCOW)
    before = path.read_bytes()
    select_words(page, "Autumn")
    page.get_by_role("button", name="Date", exact=True).click()
    page.locator("dialog").get_by_label("Date (YYYY-MM-DD)").fill("1991-09-01")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Dated “Autumn” 1991-09-01")
    done = path.read_bytes()
    page.get_by_role("button", name="Undo").click()
    saved(page, "Undid: Dated “Autumn” 1991-09-01")
    assert path.read_bytes() == before
    expect(page.get_by_role("button", name="Redo")).to_be_enabled()
    page.keyboard.press("Control+Shift+Z")
    saved(page, "Redid: Dated “Autumn” 1991-09-01")
    assert path.read_bytes() == done
    expect(page.locator('#reading [data-kind="date"]', has_text="Autumn")).to_have_count(1)
    assert_checked(editor["folder"], MOSCOW)
    page.context.close()
