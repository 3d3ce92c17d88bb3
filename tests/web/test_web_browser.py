"""The web edition in real Chromium (Debian's), as a reader uses it: keyboard, copying, links,
search, citations, axe."""

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


def selected_text(page, selector: str) -> str:
    """What a reader gets by selecting ``selector`` with the mouse and copying it."""
    page.evaluate(
        "selector => { const range = document.createRange(); range.selectNodeContents(document.querySelector(selector));"
        " const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range); }",
        selector,
    )
    return page.evaluate("window.getSelection().toString()")


def test_the_home_page_leads_to_a_document(page):
    visit(page, "index.html")
    expect(page.locator("ol.documents > li")).to_have_count(3)
    page.get_by_role("link", name="Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990").click()
    expect(page).to_have_url(re.compile(re.escape(PARIS) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990")
    expect(page.get_by_role("heading", name="Turn 1 Bush:")).to_be_visible()


# Copying a passage


def test_copying_a_turn_gives_its_words_as_seen_without_labels(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit(page, PARIS)
    turn = "section.turn:has(#t2)"
    copied = selected_text(page, turn)
    words = " ".join(copied.split())
    assert words.startswith("Gorbachev: Thank you. You are right"), words[:80]
    assert "that I had to propose them now" in words, "the page break is marked beside the words, not in them"
    for label in ("page break", "Turn", "p. ", "●", "■"):
        assert label not in words, label
    page.keyboard.press("Control+C")
    assert " ".join(page.evaluate("navigator.clipboard.readText()").split()) == words


def test_copying_a_gap_gives_the_wording_of_the_source_only(page):
    visit(page, MOSCOW)
    words = " ".join(selected_text(page, "section.turn:has(#t1)").split())
    assert "[Three pages omitted in the original]" in words
    assert "Omitted in the source" not in words and "3 pages" not in words
    info = page.locator("#gap-1 .gap-info")
    assert "Omitted in the source · 3 pages" in info.evaluate("e => getComputedStyle(e, '::before').content")
    expect(info).to_have_attribute("aria-label", "Omitted in the source, 3 pages")


# Notes


def test_a_note_opens_in_place_keeps_the_focus_and_gives_it_back(page):
    visit(page, MOSCOW)
    marker = page.get_by_role("button", name="Translator’s note 1", exact=True)
    marker.focus()
    page.keyboard.press("Enter")
    note = page.get_by_role("dialog", name="Translator’s note 1")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Translator’s note")
    expect(note).to_contain_text("cherez zapiatiu")
    expect(note).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "true")
    below, box = marker.bounding_box(), note.bounding_box()
    assert 0 <= box["y"] - (below["y"] + below["height"]) <= 20, "the note opens by its marker"
    for _ in range(5):
        page.keyboard.press("Tab")
        assert note.evaluate("n => n.contains(document.activeElement)"), "Tab stays in the open note"
    page.keyboard.press("Shift+Tab")
    assert note.evaluate("n => n.contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(marker).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Close").click()
    expect(marker).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="In the list of notes").click()
    expect(page).to_have_url(re.compile("#n1$"))
    expect(page.locator("li#n1")).to_be_in_viewport()


def test_editors_notes_look_and_read_apart_from_the_translators(page):
    visit(page, MOSCOW)
    editors = page.get_by_role("button", name="Editors’ note 2", exact=True)
    translator = page.get_by_role("button", name="Translator’s note 1", exact=True)
    colour = lambda locator: locator.evaluate("e => getComputedStyle(e).color")  # noqa: E731
    assert colour(editors) != colour(translator)
    expect(page.locator("li#e3 .note-kind")).to_have_text("Editors’ note")
    expect(page.locator("li#e3")).to_contain_text("Conference on Security and Co-operation in Europe (CSCE)")
    query = page.locator("#n3")
    expect(query).to_have_text("[SBSE?? - Convention on Military Forces in Europe or something like that?]")
    assert "our contacts in the [SBSE??" in " ".join(query.locator("xpath=..").inner_text().split()), "the query stays in the line"


def test_a_footnote_has_its_own_permalink(page):
    visit(page, f"{MOSCOW}#e3")
    expect(page.locator("li#e3")).to_be_in_viewport()
    assert page.locator("li#e3").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    expect(page.locator("li#e3 a.note-permalink")).to_have_attribute("href", "#e3")


def test_names_are_not_each_a_tab_stop(page):
    visit(page, PARIS)
    stops = page.evaluate("""[...document.querySelectorAll('.text a[href], .text button, .text [tabindex]')]
        .filter(e => e.tabIndex >= 0).map(e => e.className || e.tagName)""")
    names = [stop for stop in stops if stop == "name"]
    distinct = page.evaluate("new Set([...document.querySelectorAll('.text a.name')].map(a => a.getAttribute('href'))).size")
    assert len(names) == distinct, "one tab stop per person or place: the first mention"
    assert page.locator(".text a.name").count() > 2 * distinct
    assert len(stops) < 80, f"{len(stops)} tab stops for 37 turns (each name a stop made it 130)"
    page.locator(".text a.name[tabindex='-1']").first.click()
    expect(page).to_have_url(re.compile(r"(people|places)\.html#"))


# Citing


def test_a_turn_permalink_lands_on_the_turn_and_the_citation_names_it(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit(page, f"{PARIS}#t12")
    expect(page.locator("#t12")).to_be_in_viewport()
    turn = page.locator("section.turn", has=page.locator("#t12"))
    assert turn.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)", "the turn is marked"
    citation = page.locator("#cite-plain")
    expect(citation).to_contain_text(f", 2026, turn 12. {base_url}{PARIS}#t12.")
    expect(citation).to_contain_text(re.compile(r"Accessed \d{1,2} [A-Z][a-z]+ 20\d\d\.$"))
    bibtex = page.locator("#cite-bibtex")
    expect(bibtex).to_contain_text("@incollection{1990-11-19-paris-gorbachev-bush-t12,", use_inner_text=True)
    expect(bibtex).to_contain_text("note = {Turn 12}", use_inner_text=True)
    expect(bibtex).to_contain_text(re.compile(r"urldate = \{20\d\d-\d\d-\d\d\}"), use_inner_text=True)
    page.locator("#t3 a.turn-no").click()
    expect(citation).to_contain_text(f", turn 3. {base_url}{PARIS}#t3.")
    page.get_by_role("button", name="Cite turn 3").click()
    expect(page.get_by_role("heading", name="Cite this")).to_be_focused()
    page.get_by_role("button", name="Copy citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("“Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990”")
    assert re.search(rf"turn 3\. {re.escape(base_url + PARIS)}#t3\. Accessed \d+ \w+ \d{{4}}\.$", copied), copied


def test_chicago_and_mla_with_the_day_of_reading(page, base_url):
    visit(page, PARIS)
    chicago = " ".join(page.locator("#cite-chicago").inner_text().split())
    assert chicago.startswith("“Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990.” "
                              "November 19, 1990. Translated by Svetlana Savranskaya. In Gorbachev and the Americans, 1990: "
                              "A Digital Edition, edited by The teikit editorial team. The teikit project, 2026. Accessed ")
    assert re.search(rf"Accessed [A-Z][a-z]+ \d{{1,2}}, 20\d\d\. {re.escape(base_url + PARIS)}\.$", chicago), chicago
    assert page.locator("#cite-chicago i").inner_text() == "Gorbachev and the Americans, 1990: A Digital Edition"
    mla = " ".join(page.locator("#cite-mla").inner_text().split())
    assert mla.startswith("“Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990.” "
                          "19 Nov. 1990. Gorbachev and the Americans, 1990: A Digital Edition, edited by The teikit editorial "
                          "team, translated by Svetlana Savranskaya, The teikit project, 2026, ")
    assert re.search(r"\. Accessed \d{1,2} (Jan|Feb|Mar|Apr|May|June|July|Aug|Sept|Oct|Nov|Dec)\.? 20\d\d\.$", mla), mla


# Search


def test_search_finds_a_word_and_leads_to_its_turn_with_the_word_marked(page):
    visit(page, "index.html")
    page.get_by_role("searchbox", name="Search the edition").fill("windbags")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"search\.html\?q=windbags$"))
    expect(page.locator(".search-status")).to_have_text("1 document with “windbags”: 1 hit.")
    expect(page.locator(".search-results .date").first).to_contain_text("1 hit in 1 passage")
    hit = page.locator(".search-results .hits a").first
    expect(hit).to_have_text("Gorbachev:")
    expect(page.locator(".search-results .excerpt mark").first).to_have_text("windbags")
    hit.click()
    expect(page).to_have_url(re.compile(re.escape(PARIS) + r"\?hl=windbags#t8$"))
    mark = page.locator("section.turn", has=page.locator("#t8")).locator("mark.hit")
    expect(mark).to_have_text("windbags")
    expect(mark).to_be_in_viewport()


def test_search_counts_hits_per_document_and_passage_and_shows_several(page):
    visit(page, "search.html?q=Kuwait")
    expect(page.locator(".search-results > li").first).to_be_visible()
    first = page.locator(".search-results > li").first
    counts = first.locator(".hits .hit-count").all_inner_texts()
    assert len(counts) >= 4 and all(re.fullmatch(r" ?· \d+ hits?", c) for c in counts), counts
    total = sum(int(re.search(r"\d+", c)[0]) for c in counts)
    summary = first.locator(".date").inner_text()
    passages = int(re.search(r"in (\d+) passages", summary)[1])
    if passages > 4:
        first.get_by_role("button", name=re.compile(r"Show all \d+ passages")).click()
        total = sum(int(re.search(r"\d+", c)[0]) for c in first.locator(".hits .hit-count").all_inner_texts())
    assert f"{total} hits in {passages} passages" in summary
    for excerpt in page.locator(".search-results .excerpt").all_inner_texts():
        inner = excerpt.strip()[1:-1].strip()
        assert not re.match(r"^[,.;:)\]]", inner) and not re.search(r"[,;:(\[]$", inner), excerpt


def test_search_narrows_to_a_speaker_and_to_a_document(search_page):
    visit(search_page, "search.html?q=Kuwait")
    expect(search_page.locator(".search-results > li").first).to_be_visible()
    speaker = search_page.get_by_label("Speaker")
    speaker.select_option(speaker.locator("option", has_text="Baker").first.get_attribute("value"))
    expect(search_page).to_have_url(re.compile(r"speaker=James\+A\.\+Baker"))
    expect(search_page.locator(".search-results > li")).to_have_count(1)
    for where in search_page.locator(".search-results .hits a.where").all_inner_texts():
        assert "Baker" in where, where
    search_page.get_by_label("Speaker").select_option("")
    document = search_page.get_by_label("Document")
    document.select_option(document.locator("option", has_text="Helsinki").first.get_attribute("value"))
    expect(search_page.locator(".search-results > li")).to_have_count(1)
    expect(search_page.locator(".search-results h2")).to_have_text("Helsinki Summit (1990)")


@pytest.mark.parametrize("query, document, passage", [
    ("Горбачёв", MOSCOW, "#t"),       # the original script finds the person
    ("Shevardnadze", MOSCOW, "#t5"),  # the correct form finds the source's "Shevadnadze"
    ("zapiatiu", MOSCOW, "#t1"),      # a hit in a note leads to the turn that calls it
])
def test_search_finds_other_forms_of_names_and_words_of_notes_in_their_turns(search_page, query, document, passage):
    visit(search_page, f"search.html?q={query}")
    expect(search_page.locator(".search-results > li").first).to_be_visible()
    hrefs = search_page.locator(".search-results .hits a.where").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(href.startswith(document) and passage in href for href in hrefs), hrefs
    assert not any("#n" in href or "#notes" in href for href in hrefs), "never to the list of notes"


def test_search_for_words_the_edition_lacks_says_so(search_page):
    visit(search_page, "search.html?q=zanzibar")
    expect(search_page.locator(".search-status")).to_have_text("No document has “zanzibar”.")
    expect(search_page.locator(".search-results > li")).to_have_count(0)


# Apparatus


def test_gap_markers_show_the_original_wording_and_the_extent(page):
    visit(page, MOSCOW)
    gap = page.locator("#gap-1")
    expect(gap).to_be_visible()
    expect(gap.locator(".gap-wording")).to_have_text("[Three pages omitted in the original]")
    last = page.locator("p.gap-block").last
    expect(last).to_contain_text("[Subsequent pages omitted in the original.]")
    assert "pages (number not stated)" in last.locator(".gap-info").evaluate("e => getComputedStyle(e, '::before').content")


def test_the_omissions_page_narrows_to_some_kinds_and_leads_to_each_gap(page):
    visit(page, "omissions.html")
    rows = page.locator("table.apparatus tr:has(td)")
    total = rows.count()
    page.get_by_role("checkbox", name="Editorial insertion (11)").uncheck()
    expect(rows.locator("visible=true")).to_have_count(total - 11)
    expect(page.get_by_role("row", name=re.compile(r"\[system\]"))).to_be_hidden()
    page.get_by_role("checkbox", name="Omission (5)").uncheck()
    page.get_by_role("checkbox", name="Omission (5)").check()
    expect(page.get_by_role("checkbox", name=re.compile(r"Editors’ note \(\d+\)"))).to_be_visible()
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


def test_pages_break_in_the_margin_and_in_one_short_line_on_phones(page):
    visit(page, PARIS)
    marker = page.locator("span.pb").first
    expect(marker).to_have_attribute("aria-label", "Page break of the original")
    assert marker.evaluate("e => getComputedStyle(e, '::after').position") == "absolute"
    assert marker.evaluate("e => getComputedStyle(e, '::after').content").startswith('"page break"')
    page.set_viewport_size({"width": 360, "height": 740})
    assert marker.evaluate("e => getComputedStyle(e, '::after').position") == "static"
    line = float(marker.evaluate("e => parseFloat(getComputedStyle(e.parentElement).lineHeight)"))
    assert marker.bounding_box()["height"] <= 1.5 * line, "the marker stays one short line"


def test_neighbours_in_date_order(page):
    visit(page, MOSCOW)
    expect(page.locator("nav.sequence a[rel='next']")).to_have_attribute("href", PARIS)
    expect(page.locator("nav.sequence a[rel='prev']")).to_have_count(0), "the earliest document has no previous"
    page.locator("nav.sequence a[rel='next']").click()
    expect(page.locator("nav.sequence a[rel='prev']")).to_have_attribute("href", MOSCOW)
    expect(page.locator("nav.sequence a[rel='next']")).to_have_attribute("href", HELSINKI)


PAGE_TYPES = ["index.html", PARIS, MOSCOW, HELSINKI, "people.html", "places.html", "omissions.html", "principles.html",
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
    page.locator("sup.noteref button").nth(2).click()
    expect(page.get_by_role("dialog")).to_be_visible()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_text_reads_and_links_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + MOSCOW)
        marker = page.get_by_role("link", name="Translator’s note 1", exact=True)
        marker.click()
        expect(page).to_have_url(re.compile("#n1$"))
        expect(page.locator("li#n1")).to_contain_text("cherez zapiatiu")
        page.locator("li#n1").get_by_role("link", name="Back to turn 1").click()
        expect(page).to_have_url(re.compile("#n1-ref$"))
        page.locator("#t5 a.turn-no").click()
        expect(page).to_have_url(re.compile("#t5$"))
        expect(page.locator("#cite-plain")).to_contain_text(MOSCOW)
        page.goto(base_url + "search.html")
        expect(page.locator("noscript, .notice").first).to_be_attached()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["index.html", PARIS, HELSINKI, "people.html", "omissions.html", "principles.html",
                                  "search.html?q=Gorbachev"])
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


def test_the_pages_refuse_script_they_did_not_ship(browser, base_url):
    # Its own context: the refusal is logged as a console error, which the page fixture would count.
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + PARIS)
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    ran = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', () => resolve(window.injected === true ? 'ran' : 'blocked'));
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
        setTimeout(() => resolve(window.injected === true ? 'ran' : 'no event'), 1000);
    })""")
    context.close()
    assert ran == "blocked"


def _search_results(browser, base: str, query: str) -> tuple[str, list[str], list[str]]:
    """What the search page shows for ``query``: its status line, each document's hits as text
    (all passages, the hidden ones too, with their links) and the filters' choices."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base}search.html?{query}")
        expect(page.locator(".search-status")).not_to_have_text(re.compile(r"^$|Searching"))
        results = page.locator(".search-results > li").evaluate_all(
            "items => items.map(li => li.textContent + ' ' + [...li.querySelectorAll('a')].map(a => a.getAttribute('href')).join(' '))")
        choices = page.locator(".search-filters option").all_text_contents()
        return page.locator(".search-status").inner_text(), results, choices
    finally:
        context.close()


# The same documents, passages, hits, excerpts and filter counts; the order of the documents may
# differ, Pagefind ranking each part by its own statistics (docs/web.md, "Search").
@pytest.mark.parametrize("query", ["q=Kuwait", "q=Gorbachev", "q=%D0%93%D0%BE%D1%80%D0%B1%D0%B0%D1%87%D1%91%D0%B2",
                                   "q=zapiatiu", "q=the", "q=Kuwait&speaker=James+A.+Baker", "q=Bush&year=1990"])
def test_an_index_in_parts_finds_what_one_index_finds(browser, base_url, parted_base_url, query):
    one = _search_results(browser, base_url, query)
    parts = _search_results(browser, parted_base_url, query)
    assert one[1], "the query finds something"
    assert (parts[0], sorted(parts[1]), parts[2]) == (one[0], sorted(one[1]), one[2])
