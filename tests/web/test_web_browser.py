"""The web edition in real Chromium (Debian's), as a reader uses it: keyboard, links, search, axe."""

from __future__ import annotations

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests, or fails them in CI, and says why
    expect = None

PARIS = "1990-11-19-paris-gorbachev-bush.html"
MOSCOW = "1990-11-08-moscow-gorbachev-baker.html"
HELSINKI = "1990-09-09-helsinki-bush-gorbachev.html"


def visit(page, path: str) -> None:
    page.goto(page.base + path)


def test_the_home_page_leads_to_a_document(page):
    visit(page, "index.html")
    expect(page.locator("ol.documents > li")).to_have_count(3)
    page.get_by_role("link", name="Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990").click()
    expect(page).to_have_url(re.compile(re.escape(PARIS) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990")
    expect(page.get_by_role("heading", name="Turn 1 Bush:")).to_be_visible()


def test_a_note_opens_in_place_from_the_keyboard_and_closes_with_escape(page):
    visit(page, MOSCOW)
    marker = page.get_by_role("button", name="Note 1", exact=True)
    marker.focus()
    page.keyboard.press("Enter")
    note = page.get_by_role("dialog", name="Note 1")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Translator’s note: cherez zapiatiu (Russian, in Latin letters)")
    expect(note).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "true")
    below = marker.bounding_box()
    box = note.bounding_box()
    assert 0 <= box["y"] - (below["y"] + below["height"]) <= 20, "the note opens by its marker"
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(marker).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="In the list of notes").click()
    expect(page).to_have_url(re.compile("#n1$"))
    expect(page.locator("li#n1")).to_be_in_viewport()


def test_a_turn_permalink_lands_on_the_turn_and_the_citation_names_it(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit(page, f"{PARIS}#t12")
    expect(page.locator("#t12")).to_be_in_viewport()
    turn = page.locator("section.turn", has=page.locator("#t12"))
    assert turn.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)", "the turn is marked"
    citation = page.locator("#cite-plain")
    expect(citation).to_contain_text(f", 2026, turn 12. {base_url}{PARIS}#t12.")
    page.get_by_text("BibTeX", exact=True).click()
    bibtex = page.locator("#cite-bibtex")
    expect(bibtex).to_contain_text("@incollection{1990-11-19-paris-gorbachev-bush-t12,", use_inner_text=True)
    expect(bibtex).to_contain_text("note = {Turn 12}", use_inner_text=True)
    page.locator("#t3 a.turn-no").click()
    expect(citation).to_contain_text(f", turn 3. {base_url}{PARIS}#t3.")
    page.get_by_role("button", name="Cite turn 3").click()
    expect(page.get_by_role("heading", name="Cite this")).to_be_focused()
    page.get_by_role("button", name="Copy citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("“Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990”")
    assert copied.endswith(f"turn 3. {base_url}{PARIS}#t3.")


def test_search_finds_a_word_and_leads_to_its_turn_with_the_word_marked(page):
    visit(page, "index.html")
    page.get_by_role("searchbox", name="Search the edition").fill("windbags")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"search\.html\?q=windbags$"))
    expect(page.locator(".search-status")).to_have_text("1 document with “windbags”.")
    hit = page.locator(".search-results .hits a").first
    expect(hit).to_have_text("Turn 8 Gorbachev:")
    expect(page.locator(".search-results .excerpt mark").first).to_have_text("windbags,")
    hit.click()
    expect(page).to_have_url(re.compile(re.escape(PARIS) + r"\?hl=windbags#t8$"))
    mark = page.locator("section.turn", has=page.locator("#t8")).locator("mark.hit")
    expect(mark).to_have_text("windbags")
    expect(mark).to_be_in_viewport()


def test_search_for_words_the_edition_lacks_says_so(page):
    visit(page, "search.html?q=zanzibar")
    expect(page.locator(".search-status")).to_have_text("No document has “zanzibar”.")
    expect(page.locator(".search-results > li")).to_have_count(0)


def test_gap_markers_show_the_original_wording_and_the_extent(page):
    visit(page, MOSCOW)
    gap = page.locator("#gap-1")
    expect(gap).to_be_visible()
    expect(gap).to_have_text("[Three pages omitted in the original] (Omitted in the source · 3 pages)")
    last = page.locator("p.gap-block").last
    expect(last).to_contain_text("[Subsequent pages omitted in the original.]")
    expect(last).to_contain_text("pages (number not stated)")


def test_the_omissions_page_narrows_to_some_kinds_and_leads_to_each_gap(page):
    visit(page, "omissions.html")
    rows = page.locator("table.apparatus tr:has(td)")
    expect(rows).to_have_count(19)
    page.get_by_role("checkbox", name="Editorial insertion (11)").uncheck()
    expect(rows.locator("visible=true")).to_have_count(8)
    expect(page.get_by_role("row", name=re.compile(r"\[system\]"))).to_be_hidden()
    page.get_by_role("checkbox", name="Omission (5)").uncheck()
    page.get_by_role("checkbox", name="Omission (5)").check()
    page.get_by_role("row", name=re.compile(r"Three pages omitted")).get_by_role("link").click()
    expect(page).to_have_url(re.compile(re.escape(MOSCOW) + "#gap-1$"))
    expect(page.locator("#gap-1")).to_be_in_viewport()


def test_supplied_words_explain_themselves_on_focus_and_hover(page):
    visit(page, PARIS)
    supplied = page.locator("#supplied-1")
    tip = page.locator("#supplied-1-why")
    expect(tip).to_be_hidden()
    supplied.focus()
    expect(tip).to_be_visible()
    expect(tip).to_have_text("Supplied by the translator or editor for clarity. Not in the original.")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    page.locator("#supplied-2").hover()
    expect(page.locator("#supplied-2-why")).to_be_visible()


def test_pages_break_in_the_margin(page):
    visit(page, PARIS)
    label = page.locator("span.pb .pb-label").first
    expect(label).to_have_text("page break")
    text_left = page.locator("div.text").bounding_box()["x"]
    paragraph_left = page.locator("section.turn p").first.bounding_box()["x"]
    assert label.bounding_box()["x"] + label.bounding_box()["width"] <= paragraph_left - 10
    assert label.bounding_box()["x"] >= text_left


PAGE_TYPES = ["index.html", PARIS, HELSINKI, "people.html", "places.html", "omissions.html", "principles.html",
              "search.html?q=Kuwait"]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_no_violations(page, axe, path):
    visit(page, path)
    if path.startswith("search"):
        expect(page.locator(".search-results > li").first).to_be_visible()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_with_a_note_open_at_phone_width(page, axe):
    page.set_viewport_size({"width": 375, "height": 740})
    visit(page, MOSCOW)
    page.get_by_role("button", name="Note 3", exact=True).click()
    expect(page.get_by_role("dialog", name="Note 3")).to_be_visible()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_text_reads_and_links_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + MOSCOW)
        marker = page.get_by_role("link", name="Note 1", exact=True)
        marker.click()
        expect(page).to_have_url(re.compile("#n1$"))
        expect(page.locator("li#n1")).to_contain_text("cherez zapiatiu")
        page.get_by_role("link", name="Back to turn 1").click()
        expect(page).to_have_url(re.compile("#n1-ref$"))
        page.locator("#t5 a.turn-no").click()
        expect(page).to_have_url(re.compile("#t5$"))
        expect(page.locator("#cite-plain")).to_contain_text(MOSCOW)
        page.goto(base_url + "search.html")
        expect(page.locator("noscript, .notice").first).to_be_attached()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["index.html", PARIS, HELSINKI, "people.html", "omissions.html", "principles.html"])
def test_phone_width_needs_no_sideways_scrolling(page, path):
    page.set_viewport_size({"width": 360, "height": 740})
    visit(page, path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("details.source-details").or_(page.locator("main h1")).first).to_be_visible()


def test_phones_get_the_text_before_the_source_description_and_citation(page):
    page.set_viewport_size({"width": 375, "height": 740})
    visit(page, f"{PARIS}#t2")
    expect(page.locator("details.source-details")).not_to_have_attribute("open", "")
    expect(page.locator("details.cite-details")).not_to_have_attribute("open", "")
    assert page.locator("#t1").bounding_box()["y"] < 2 * 740, "the text starts within two screens"
    page.get_by_role("button", name="Cite turn 2").click()
    expect(page.locator("#cite-plain")).to_be_in_viewport()
    expect(page.locator("#cite-plain")).to_contain_text(", turn 2.")


def test_print_leaves_out_the_sites_controls(page):
    visit(page, PARIS)
    page.emulate_media(media="print")
    expect(page.locator("header.site nav")).to_be_hidden()
    expect(page.locator("form.quick-search")).to_be_hidden()
    expect(page.locator("button.copy").first).to_be_hidden()
    expect(page.locator("#t37")).to_be_visible()
    expect(page.locator("#cite-plain")).to_be_visible()
