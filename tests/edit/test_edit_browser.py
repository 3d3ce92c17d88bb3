"""The editor in real Chromium: select, apply, see, save; then the file on disk has exactly the change,
is valid, and `teikit check` finds no difference."""

from __future__ import annotations

import re

import httpx
import pytest

from teikit.check import compare, recorded_transcript
from teikit.convert.source import read_transcript
from teikit.edit.app import COOKIE, create_app
from teikit.edit.store import Folder
from teikit.export.text import export_text
from teikit.server import running
from tests.edit.conftest import MOSCOW, PARIS, copy_edition


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    folder = Folder(copy_edition(tmp_path_factory.mktemp("browser")), editor="Browser Test")
    app, token = create_app(folder)
    with running(app) as url:
        # The printed address, opened once, gives the browser its cookie; every window shares it.
        exchanged = httpx.get(f"{url}?token={token}")
        cookie = {"name": COOKIE, "value": exchanged.cookies[COOKIE], "url": url}
        yield {"url": url, "cookie": cookie, "folder": folder}
    folder.close()


def open_page(browser, editor, document: str = PARIS):
    """A fresh browser context signed in the way a user is: the printed URL, once."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_cookies([editor["cookie"]])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(editor["url"])
    page.locator("#reading p").first.wait_for()
    if page.locator("#document-choice").input_value() != document:
        page.select_option("#document-choice", document)
        page.locator(f"#document-choice option[value='{document}']").wait_for(state="attached")
        expected = editor["folder"].read(document).root.findtext(".//{http://www.tei-c.org/ns/1.0}title")
        from playwright.sync_api import expect

        expect(page).to_have_title(re.compile(re.escape(" ".join(expected.split())[:30])))
    page.errors = errors
    return page


def select_words(page, words: str, skip: int = 0, inside: str | None = None) -> None:
    """Select ``words`` in the reading view with the mouse's DOM selection (as a drag would)."""
    found = page.evaluate(
        """([words, skip, inside]) => {
          for (const span of document.querySelectorAll('#reading [data-t]')) {
            if (inside !== null && !span.closest(inside)) continue;
            if (inside === null && span.closest('[data-kind=persName],[data-kind=placeName],.speaker,.notes')) continue;
            let at = span.textContent.indexOf(words);
            while (at >= 0 && skip > 0) { skip--; at = span.textContent.indexOf(words, at + 1); }
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(span.firstChild, at);
            range.setEnd(span.firstChild, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return true;
          }
          return false;
        }""", [words, skip, inside])
    assert found, f"“{words}” is not in the reading view"
    page.wait_for_timeout(50)  # selectionchange is dispatched asynchronously


def saved(page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#save-state")).to_have_text(re.compile("Saved|Not saved"), timeout=20000)
    assert page.locator("#save-state").inner_text() == f"Saved: {text}", page.locator("#message").inner_text()


def assert_checked(folder: Folder, name: str) -> None:
    path = folder.path(name)
    assert [f for f in folder.findings(path) if f.severity == "error"] == []
    assert compare(read_transcript(recorded_transcript(path)), export_text(path)) == []


def test_tag_a_person_with_the_registers_autocomplete_then_undo(browser, editor):
    page = open_page(browser, editor)
    path = editor["folder"].path(PARIS)
    before = path.read_bytes()
    select_words(page, "President")
    page.get_by_role("button", name="Person").click()
    field = page.locator("dialog").get_by_label("Register entry")
    assert page.locator("#register-person option[value='bush']").count() >= 1  # the register's names are offered
    field.fill("bush")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Tagged “President” as person reg:bush")
    after = path.read_bytes()
    assert after.count(b'<persName ref="reg:bush">President</persName>') == 1
    assert len(after) - len(before) == len(b'<persName ref="reg:bush"></persName>') + len(
        re.search(rb'\n *<change who="#editors"[^\n]*Tagged[^\n]*</change>', after).group())
    assert page.locator("#reading [data-kind=persName] >> text=President").count() == 1  # seen in the reading view
    assert 'ref="reg:bush">President</persName>' in page.locator("#source .cm-content").inner_text()
    assert_checked(editor["folder"], PARIS)
    page.keyboard.press("Control+z")
    saved(page, "Undid: Tagged “President” as person reg:bush")
    assert path.read_bytes() == before
    assert page.errors == []
    page.context.close()


def test_a_new_place_in_the_register_with_its_id_and_kind_then_tagged(browser, editor):
    page = open_page(browser, editor)
    register = editor["folder"].root / "register.xml"
    select_words(page, "Baltics")
    page.get_by_role("button", name="Place").click()
    page.get_by_role("button", name="New place in the register…").click()
    dialog = page.locator("dialog")
    assert dialog.get_by_label("Name forms").input_value() == "Baltics"
    dialog.get_by_label("Name forms").fill("Baltic states\nBaltics")
    dialog.get_by_label("Identifier").fill("baltic-states")
    dialog.get_by_label("Kind of place").select_option("state")
    dialog.get_by_label("Wikidata item").fill("Q39731")
    page.get_by_role("button", name="Apply").click()
    saved(page, "Tagged “Baltics” as place reg:baltic-states")
    entry = register.read_bytes()
    assert b'<place xml:id="baltic-states" type="state">' in entry and b'<idno type="wikidata">Q39731</idno>' in entry
    assert b'<placeName ref="reg:baltic-states">Baltics</placeName>' in editor["folder"].path(PARIS).read_bytes()
    assert [f for f in editor["folder"].findings(register) if f.severity == "error"] == []
    assert_checked(editor["folder"], PARIS)
    assert page.errors == []
    page.context.close()


def test_the_selection_follows_into_the_source(browser, editor):
    page = open_page(browser, editor)
    select_words(page, "festering")
    marked = page.locator("#source .cm-follow")
    marked.first.wait_for()
    assert marked.inner_text() == "festering"
    page.context.close()


@pytest.mark.parametrize(
    ("button", "words", "fields", "done", "markup"),
    [
        ("Unclear", "festering", {"Why is the reading uncertain?": "faded"}, "Marked “festering” unclear (faded)",
         b'<unclear reason="faded">festering</unclear>'),
        ("Sic/corr", "underwater rocks", {"Correction": "underwater reefs"},
         "Corrected “underwater rocks” to “underwater reefs” (the witness's reading kept in <sic>)",
         b'<choice><sic>underwater rocks</sic><corr resp="#editors">underwater reefs</corr></choice>'),
        ("Date", "A couple of days ago", {"Date (YYYY-MM-DD)": "1990-11-17"}, "Dated “A couple of days ago” 1990-11-17",
         b'<date when="1990-11-17">A couple of days ago</date>'),
        ("Note", "festering", {"Note": "The editors' note."}, "Added an editors' note “The editors' note.”",
         b'<note type="editorial" resp="#editors">The editors\' note.</note>'),
        ("Supplied", "Precisely", {"Words to supply": "so"}, "Supplied “so” (clarification)",
         b'<supplied reason="clarification" resp="#editors">so</supplied>'),
    ],
)
def test_mark_a_selection(browser, editor, button, words, fields, done, markup):
    page = open_page(browser, editor)
    before = editor["folder"].path(PARIS).read_bytes()
    select_words(page, words)
    page.get_by_role("button", name=button, exact=True).click()
    for label, value in fields.items():
        page.locator("dialog").get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Apply").click()
    saved(page, done)
    after = editor["folder"].path(PARIS).read_bytes()
    assert after.count(markup) == before.count(markup) + 1
    assert_checked(editor["folder"], PARIS)
    page.context.close()


def test_a_selection_across_a_name_is_refused_with_the_reason(browser, editor):
    page = open_page(browser, editor, MOSCOW)
    before = editor["folder"].path(MOSCOW).read_bytes()
    page.evaluate("""() => {
      const name = [...document.querySelectorAll('#reading [data-kind=placeName] [data-t]')].find(s => s.textContent === 'Red Square');
      const after = document.querySelector(`[data-t="${Number(name.dataset.t) + 1}"]`);
      const range = document.createRange();
      range.setStart(name.firstChild, 4);
      range.setEnd(after.firstChild, 8);
      getSelection().removeAllRanges(); getSelection().addRange(range);
    }""")
    page.wait_for_timeout(50)
    page.get_by_role("button", name="Unclear", exact=True).click()
    page.get_by_role("button", name="Apply").click()
    from playwright.sync_api import expect

    expect(page.locator("#message")).to_contain_text("starts in <placeName> and ends in <p>")
    assert editor["folder"].path(MOSCOW).read_bytes() == before
    page.context.close()


def test_two_windows_on_one_file_the_second_save_is_refused_and_nothing_is_lost(browser, editor):
    first, second = open_page(browser, editor, MOSCOW), open_page(browser, editor, MOSCOW)
    select_words(first, "Ramadan")
    first.get_by_role("button", name="Unclear", exact=True).click()
    first.get_by_role("button", name="Apply").click()
    saved(first, "Marked “Ramadan” unclear (illegible)")
    kept = editor["folder"].path(MOSCOW).read_bytes()
    select_words(second, "Autumn")
    second.get_by_role("button", name="Date", exact=True).click()
    second.locator("dialog").get_by_label("Date (YYYY-MM-DD)").fill("1991-09-01")
    second.get_by_role("button", name="Apply").click()
    from playwright.sync_api import expect

    expect(second.locator("#message")).to_contain_text("the file has changed since you loaded it")
    assert editor["folder"].path(MOSCOW).read_bytes() == kept  # the first window's save stands
    second.locator("#message").get_by_role("button", name="Reload").click()
    expect(second.locator("#reading [data-kind=unclear]")).to_have_count(1)  # now it shows the first's change
    first.context.close()
    second.context.close()


def test_a_change_on_disk_is_noticed(browser, editor):
    page = open_page(browser, editor, MOSCOW)
    path = editor["folder"].path(MOSCOW)
    path.write_bytes(path.read_bytes().replace(b"</TEI>", b"<!-- changed by another program -->\n</TEI>"))
    from playwright.sync_api import expect

    expect(page.locator("#message")).to_contain_text("changed on disk by another program", timeout=10000)
    page.context.close()


def test_keyboard_only(browser, editor):
    """Tab to the source, find the words with Ctrl+F, select them, Alt+L, type, Enter."""
    page = open_page(browser, editor, MOSCOW)
    before = editor["folder"].path(MOSCOW).read_bytes()
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cm-content')"):
            break
    else:
        raise AssertionError("the source view cannot be reached with Tab")
    page.keyboard.press("Control+f")
    page.keyboard.type("Northern sector")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.keyboard.press("Alt+u")
    page.locator("dialog").get_by_label("Why is the reading uncertain?").wait_for()
    page.keyboard.press("Control+a")
    page.keyboard.type("smudged")
    page.keyboard.press("Enter")
    saved(page, "Marked “Northern sector” unclear (smudged)")
    after = editor["folder"].path(MOSCOW).read_bytes()
    assert after.count(b'<unclear reason="smudged">Northern sector</unclear>') == 1
    assert len(after) > len(before)
    assert_checked(editor["folder"], MOSCOW)
    page.context.close()


def test_history_shows_each_change_with_its_diff(browser, editor):
    page = open_page(browser, editor, MOSCOW)
    item = page.locator("#history details").first
    item.locator("summary").click()
    assert item.locator("summary").inner_text().startswith("Marked “Northern sector” unclear (smudged) — Browser Test")
    assert "+" in item.locator(".diff .add").first.inner_text()
    page.context.close()


def test_axe_finds_no_violation(browser, editor):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, editor, PARIS)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    select_words(page, "President")
    page.get_by_role("button", name="Person").click()
    results = Axe().run(page)  # the dialog too
    assert results.violations_count == 0, results.generate_report()
    page.context.close()
