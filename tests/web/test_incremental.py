"""An incremental `build web` renders only what changed and gives the site a clean build gives."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from teikit import xmlfile
from teikit.web import incremental, search, site
from teikit.web.pages import entry
from teikit.web.site import EDITION_FILES, build_site
from tests.conftest import ROOT, TEI_FOLDER

CORPUS = ROOT / "tests" / "corpus" / "tei"
# Real documents of other projects beside the edition's own, with titles and dates of their own.
FOREIGN = ["dracor", "schnitzler-briefe", "historyatstate"]
# With a register the edition's header is read from it alone; without one, from every document.
REGISTER = TEI_FOLDER / "register.xml"


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    for document in sorted(TEI_FOLDER.glob("1990-*.xml")):
        shutil.copy(document, folder / document.name)
    for project in FOREIGN:
        for document in sorted((CORPUS / project).glob("*.xml"))[:1]:
            shutil.copy(document, folder / f"{project}-{document.name}")
    return sorted(folder.glob("*.xml"))


def _files(site: Path) -> dict[str, bytes]:
    site = site.resolve()
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _same_site(built: Path, clean: Path) -> None:
    """Every file the same, byte for byte, except the parts of Pagefind's index that Pagefind itself
    writes differently in two clean builds of the same pages (its filters and their hashes come out
    of an unordered map): there the same languages with the same page counts suffice."""
    mine, theirs = _files(built), _files(clean)
    # The manifest says, beside the hashes, when each build ran and what the file system said of
    # each TEI file then: that alone differs.
    for files in (mine, theirs):
        record = json.loads(files[incremental.MANIFEST])
        del record["since"]
        for source in record["sources"].values():
            del source["stat"]
        files[incremental.MANIFEST] = json.dumps(record).encode()

    def unordered(name: str) -> bool:
        return re.match(r"pagefind/(\d{3}/)?(filter/|pagefind-entry\.json$)", name) is not None or name.endswith(".pf_meta")

    assert sorted(n for n in mine if not unordered(n)) == sorted(n for n in theirs if not unordered(n))
    assert [name for name in mine if not unordered(name) and mine[name] != theirs[name]] == []
    assert any(re.match(r"pagefind/(\d{3}/)?fragment/", name) for name in mine)

    def languages(files: dict[str, bytes]) -> dict[str, dict[str, int]]:
        entries = {name: json.loads(data) for name, data in files.items() if name.endswith("pagefind-entry.json")}
        return {name: {language: value["page_count"] for language, value in entry["languages"].items()}
                for name, entry in entries.items()}

    assert languages(mine) == languages(theirs)


def test_one_changed_document_rebuilds_its_page_and_the_site_equals_a_clean_build(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    first = build_site(documents, output)
    assert first.reused == 0
    assert (output / incremental.MANIFEST).is_file()
    before = {path.name: os.stat(path).st_ino for path in output.resolve().glob("*.html")}

    changed = tmp_path / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
    text = changed.read_text(encoding="utf-8")
    assert "Gorbachev" in text.split("<body", 1)[1]
    head, body = text.split("<body", 1)
    changed.write_text(head + "<body" + body.replace("Gorbachev", "Gorbatschow", 1), encoding="utf-8")

    again = build_site(documents, output)
    # Its neighbours' links name only its title and date, which did not change: only its page is rendered.
    assert again.reused == len(documents) - 1
    after = {path.name: os.stat(path).st_ino for path in output.resolve().glob("*.html")}
    assert after[changed.with_suffix(".html").name] != before[changed.with_suffix(".html").name]
    assert "Gorbatschow" in (output / changed.with_suffix(".html").name).read_text(encoding="utf-8")

    clean = build_site(documents, tmp_path / "clean" / "web")
    assert clean.reused == 0
    _same_site(output, tmp_path / "clean" / "web")


def test_parts_made_a_few_documents_at_a_time_give_the_site_one_transform_of_all_gives(tmp_path, monkeypatch):
    documents = _corpus(tmp_path / "tei")
    build_site(documents, tmp_path / "at-once" / "web")
    # Four documents a transform: the last transform is not full.
    monkeypatch.setattr(site, "PARTS_AT_ONCE", 4)
    assert len(documents) % 4 != 0 and len(documents) > 4
    build_site(documents, tmp_path / "in-fours" / "web")
    _same_site(tmp_path / "in-fours" / "web", tmp_path / "at-once" / "web")


def test_a_changed_title_renders_the_neighbours_again_and_equals_a_clean_build(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output)
    changed = tmp_path / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("<title type=\"main\">", "<title type=\"main\">Revised: ", 1), encoding="utf-8")
    assert changed.read_text(encoding="utf-8") != text

    shells = _inodes(output / incremental.SHELLS)
    principles = (output / "principles.html").read_text(encoding="utf-8")
    assert principles.count('<a href="1990-11-08-moscow-gorbachev-baker.html">') > 1  # principles some documents hold

    again = build_site(documents, output)
    # The document (first in the edition's order) and the one page that links it as its neighbour.
    assert again.reused == len(documents) - 2
    # The edition-wide pages are not rendered again: the title is in the document's parts only.
    assert _inodes(output / incremental.SHELLS) == shells and shells
    assert '<a href="1990-11-08-moscow-gorbachev-baker.html">Revised: ' in (output / "index.html").read_text(encoding="utf-8")
    assert (output / "principles.html").read_text(encoding="utf-8").count('<a href="1990-11-08-moscow-gorbachev-baker.html">Revised: ') \
        == principles.count('<a href="1990-11-08-moscow-gorbachev-baker.html">')
    build_site(documents, tmp_path / "clean" / "web")
    _same_site(output, tmp_path / "clean" / "web")


def test_a_document_moved_in_the_order_renders_its_old_and_new_neighbours_only(tmp_path):
    documents = _corpus(tmp_path / "tei")
    moved = tmp_path / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
    text = moved.read_text(encoding="utf-8")
    for year in range(1991, 1995):  # documents between its place and its new one
        copy = tmp_path / "tei" / f"copy-{year}.xml"
        copy.write_text(text.replace('<creation><date when="1990-11-08">', f'<creation><date when="{year}-01-01">'), encoding="utf-8")
        documents.append(copy)
    output = tmp_path / "build" / "web"

    def order() -> list[str]:
        entries = [entry(document, xmlfile.read(document), document.stem) for document in documents]
        return [item.page for item in sorted(entries, key=lambda item: item.order)]

    def neighbours(pages: list[str], page: str) -> set[str]:
        at = pages.index(page)
        return set(pages[max(at - 1, 0):at + 2]) - {page}

    build_site(documents, output)
    before = order()
    moved.write_text(moved.read_text(encoding="utf-8").replace('<creation><date when="1990-11-08">', '<creation><date when="2100-11-08">'),
                     encoding="utf-8")
    after = order()
    assert before != after and len(documents) > 5
    affected = {moved.stem} | neighbours(before, moved.stem) | neighbours(after, moved.stem)
    # Every document after its old place and before its new one stands elsewhere in the edition,
    # but its page says nothing of that.
    assert len(affected) < len([page for page in before if before.index(page) != after.index(page)])

    again = build_site(documents, output)
    assert again.reused == len(documents) - len(affected)
    build_site(documents, tmp_path / "clean" / "web")
    _same_site(output, tmp_path / "clean" / "web")


MOSCOW = "1990-11-08-moscow-gorbachev-baker"


def _moscow_and_a_copy(tmp_path: Path, aide: str | None = None) -> tuple[list[Path], Path]:
    """The corpus with a copy of the Moscow document of the same date, titled to stand before it;
    with ``aide``, each lists a person the register does not know, named "Anna Aide" in the
    Moscow document and ``aide`` in the copy (one entry of the people page, whose key is the
    name's slug)."""
    documents = _corpus(tmp_path / "tei")
    moscow = tmp_path / "tei" / f"{MOSCOW}.xml"
    text = moscow.read_text(encoding="utf-8")
    copy = tmp_path / "tei" / "copy.xml"
    copy.write_text(text.replace('<title type="main">', '<title type="main">B copy: ', 1), encoding="utf-8")
    if aide is not None:
        listed = "<listPerson>\n          <person><persName>{}</persName></person>"
        moscow.write_text(text.replace("<listPerson>", listed.format("Anna Aide"), 1), encoding="utf-8")
        copy.write_text(copy.read_text(encoding="utf-8").replace("<listPerson>", listed.format(aide), 1), encoding="utf-8")
    return [*documents, copy], moscow


def _order(documents: list[Path]) -> list[str]:
    entries = [entry(document, xmlfile.read(document), document.stem) for document in documents]
    return [item.page for item in sorted(entries, key=lambda item: item.order)]


def _retitle_first(moscow: Path) -> None:
    """A new title that moves the Moscow document before its copy."""
    moscow.write_text(moscow.read_text(encoding="utf-8").replace('<title type="main">', '<title type="main">A ', 1), encoding="utf-8")


def test_a_title_that_moves_the_document_in_the_order_keeps_the_shells_and_equals_a_clean_build(tmp_path):
    documents, moscow = _moscow_and_a_copy(tmp_path)
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    before = _order(documents)
    shells = _inodes(output / incremental.SHELLS)
    _retitle_first(moscow)
    assert _order(documents) != before

    build_site(documents, output, REGISTER)
    # The shells name no document's place in the order, and the two documents say the same of
    # everyone and everything: only the parts are put in a new order.
    assert _inodes(output / incremental.SHELLS) == shells and shells
    index = (output / "index.html").read_text(encoding="utf-8")
    assert index.index(f'<a href="{MOSCOW}.html">A ') < index.index('<a href="copy.html">B copy: ')
    build_site(documents, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


def test_a_title_that_changes_which_document_first_names_someone_renders_the_shells_again(tmp_path):
    documents, moscow = _moscow_and_a_copy(tmp_path, aide="ANNA AIDE")
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    # An entry the register does not know is headed by the name its first document lists.
    assert '<h2 id="n-anna-aide">ANNA AIDE</h2>' in (output / "people.html").read_text(encoding="utf-8")
    shells = _inodes(output / incremental.SHELLS)
    _retitle_first(moscow)

    build_site(documents, output, REGISTER)
    assert '<h2 id="n-anna-aide">Anna Aide</h2>' in (output / "people.html").read_text(encoding="utf-8")
    assert _inodes(output / incremental.SHELLS) != shells
    build_site(documents, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


def test_a_new_gap_renders_that_documents_part_of_the_omissions_page_only_and_equals_a_clean_build(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    before = _inodes(output)
    parts = [name for name in before if name.startswith(f"{incremental.PARTS}/")]
    assert len(parts) > 2
    changed = tmp_path / "tei" / "1990-11-19-paris-gorbachev-bush.xml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(' <gap reason="illegible" extent="two words"/></p>'.join(text.rsplit("</p>", 1)), encoding="utf-8")

    build_site(documents, output, REGISTER)
    after = _inodes(output)
    own = f"{incremental.PARTS}/{changed.stem}.omissions.html"
    # Its summary changed: its parts of every assembled page are written again, no other document's.
    assert sorted(name for name in parts if after[name] != before[name]) == _parts_of(changed.stem)
    assert "two words" in (output / own).read_text(encoding="utf-8")
    assert "two words" in (output / "omissions.html").read_text(encoding="utf-8")
    build_site(documents, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


PARIS = "1990-11-19-paris-gorbachev-bush"


def _parts_of(page: str) -> list[str]:
    """Every part a document with apparatus, people and places gives the edition-wide pages, sorted."""
    return sorted(f"{incremental.PARTS}/{page}.{part}" for part in (
        "frame.xml", "order.json", "turns.json", "index.html", "link.html", "omissions.html", "people.html", "places.html"))
# Edits of the Paris document's names, each with a word the people or places page then shows (or
# no longer shows) and the page; every name edited here is named in no other document.
NAME_EDITS = {
    "a mention of a person changed": ('<persName ref="reg:hitler">Hitler</persName>', '<persName ref="reg:kohl">Hitler</persName>',
                                      "people", "Kohl", None),
    "a mention of a place changed": ('<placeName ref="reg:estonia">Estonia</placeName>', '<placeName ref="reg:iraq">Estonia</placeName>',
                                     "places", None, None),
    "a person added": ("<p>", "<p><persName>Anna Kowalczyk</persName> ", "people", "Anna Kowalczyk", None),
    "a person removed": ('<persName ref="reg:landsbergis">Landsbergis</persName>', "Landsbergis", "people", None, f"{PARIS}.html#"),
}


@pytest.mark.parametrize("edit", NAME_EDITS)
def test_an_edited_name_writes_that_documents_parts_of_people_and_places_only_and_equals_a_clean_build(tmp_path, edit):
    old, new, page, shown, gone = NAME_EDITS[edit]
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    before = _inodes(output)
    before_page = (output / f"{page}.html").read_text(encoding="utf-8")
    changed = tmp_path / "tei" / f"{PARIS}.xml"
    head, body = changed.read_text(encoding="utf-8").split("<body", 1)
    assert old in body
    changed.write_text(head + "<body" + body.replace(old, new, 1), encoding="utf-8")

    again = build_site(documents, output, REGISTER)
    assert again.reused == len(documents) - 1
    after = _inodes(output)
    parts = [name for name in before if name.startswith(f"{incremental.PARTS}/")]
    assert {name for name in parts if after.get(name) != before[name]} <= set(_parts_of(PARIS))
    assert f"{incremental.PARTS}/{PARIS}.{page}.html" in {name for name in parts if after.get(name) != before[name]}
    now_page = (output / f"{page}.html").read_text(encoding="utf-8")
    assert now_page != before_page
    if shown:
        assert shown in now_page.split("</header>", 1)[1]
    if gone:  # the entry no longer lists the document
        entry = re.search(r'<section class="entry" aria-labelledby="landsbergis">.*?</section>', now_page, re.S)[0]
        assert gone not in entry
        assert gone in re.search(r'<section class="entry" aria-labelledby="landsbergis">.*?</section>', before_page, re.S)[0]
    build_site(documents, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


def test_a_removed_document_leaves_the_other_documents_parts_and_equals_a_clean_build(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    before = _inodes(output)
    rest = [document for document in documents if PARIS not in document.name]
    build_site(rest, output, REGISTER)
    after = _inodes(output)
    parts = [name for name in before if name.startswith(f"{incremental.PARTS}/")]
    assert sorted(name for name in parts if name not in after) == _parts_of(PARIS)
    assert all(after[name] == before[name] for name in parts if name in after)
    assert f"{PARIS}.html" not in (output / "people.html").read_text(encoding="utf-8")
    build_site(rest, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


def test_a_removed_document_leaves_the_site_a_clean_build_of_the_rest_gives(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output)
    rest = [document for document in documents if "paris" not in document.name]
    # Without a register the edition's header is made from its documents, so every page changes.
    build_site(rest, output)
    build_site(rest, tmp_path / "clean" / "web")
    _same_site(output, tmp_path / "clean" / "web")


def test_the_previous_version_is_untouched_by_an_incremental_build(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output)
    shown = output.resolve()
    old = _files(shown)
    changed = documents[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("</body>", "<p>Added.</p></body>", 1), encoding="utf-8")
    build_site(documents, output)
    assert output.resolve() != shown
    assert _files(shown) == old  # readers still on the old version see it whole


def test_clean_renders_every_page_and_a_broken_manifest_is_a_clean_build(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output)
    assert build_site(documents, output, clean=True).reused == 0
    (output.resolve() / incremental.MANIFEST).write_text("{not json", encoding="utf-8")
    assert build_site(documents, output).reused == 0
    assert build_site(documents, output).reused == len(documents)


def _inodes(site: Path) -> dict[str, int]:
    site = site.resolve()
    return {str(path.relative_to(site)): path.stat().st_ino for path in site.rglob("*") if path.is_file()}


def _parsed(monkeypatch) -> list[Path]:
    """The files teikit parses from now on (teikit.xmlfile.parse_bytes, through which all TEI is read)."""
    parsed: list[Path] = []
    parse = xmlfile.parse_bytes

    def counting(data, path, *args, **kwargs):
        parsed.append(Path(path))
        return parse(data, path, *args, **kwargs)

    monkeypatch.setattr(xmlfile, "parse_bytes", counting)
    return parsed


def _read(monkeypatch) -> list[Path]:
    """The files teikit reads from now on (teikit.xmlfile.read_bytes)."""
    read: list[Path] = []
    original = xmlfile.read_bytes

    def counting(path, *args, **kwargs):
        read.append(Path(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(xmlfile, "read_bytes", counting)
    return read


def _same_size_edit(document: Path) -> None:
    """Change a word of ``document``'s text for another as long, and give it back its times."""
    times = os.stat(document)
    text = document.read_text(encoding="utf-8")
    head, body = text.split("<body", 1)
    assert "Gorbachev" in body
    document.write_text(head + "<body" + body.replace("Gorbachev", "Gorbachov", 1), encoding="utf-8")
    assert os.stat(document).st_size == times.st_size
    os.utime(document, ns=(times.st_atime_ns, times.st_mtime_ns))


def test_a_same_size_edit_with_its_time_put_back_is_rebuilt(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    changed = tmp_path / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
    # Size and modification time as they were: the change time (which no one can set) tells.
    _same_size_edit(changed)
    again = build_site(documents, output, REGISTER)
    assert again.reused == len(documents) - 1
    assert "Gorbachov" in (output / "tei" / changed.name).read_text(encoding="utf-8")
    build_site(documents, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


def test_a_racily_clean_file_is_read_though_its_signature_is_unchanged(tmp_path, monkeypatch):
    """A file system that keeps only sizes and modification times (no change time, no inode), and a
    file whose time is not before the build's: written in the second the build began, or by a
    clock ahead of this machine's."""
    monkeypatch.setattr(incremental, "signature", lambda path: [os.stat(path).st_size, os.stat(path).st_mtime_ns])
    documents = _corpus(tmp_path / "tei")
    changed = tmp_path / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
    for document in documents:
        os.utime(document, (time.time() - 3600, time.time() - 3600))
    os.utime(changed, (time.time() + 3600, time.time() + 3600))
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    _same_size_edit(changed)
    read = _read(monkeypatch)
    again = build_site(documents, output, REGISTER)
    # The others are trusted by their signature, this one is read: it changed.
    assert {path for path in read if path in documents} == {changed}
    assert again.reused == len(documents) - 1
    assert "Gorbachov" in (output / "tei" / changed.name).read_text(encoding="utf-8")


@pytest.mark.parametrize("register", [REGISTER, None], ids=["register", "no register"])
def test_nothing_changed_parses_no_tei_file_and_takes_every_file_from_the_previous_version(tmp_path, monkeypatch, register):
    documents = _corpus(tmp_path / "tei")
    for document in documents:  # saved an hour ago: not "racily clean" (incremental.Manifest.unchanged)
        os.utime(document, (time.time() - 3600, time.time() - 3600))
    output = tmp_path / "build" / "web"
    build_site(documents, output, register)
    before = _inodes(output)
    parsed = _parsed(monkeypatch)
    read = _read(monkeypatch)

    again = build_site(documents, output, register)
    assert again.reused == len(documents) and again.indexed == len(documents)
    assert [path for path in parsed if path in documents] == []
    assert [path for path in read if path in documents] == []
    after = _inodes(output)
    assert after.keys() == before.keys()
    # Everything but the manifest, the build's mark, the stylesheets and scripts and the schemas the
    # documents name (copied anew: they are not the documents') is the previous version's file itself.
    made_again = [name for name in after if after[name] != before[name]]
    assert sorted(made_again) == sorted(name for name in after if name.startswith(("assets/", "schema/"))
                                        or name in (incremental.MANIFEST, ".teikit-web"))
    assert len([name for name in after if name.startswith(incremental.PARTS) and name.endswith(".frame.xml")]) == len(documents)
    assert all(after[name] == before[name] for name in EDITION_FILES)


def test_with_the_index_in_parts_a_changed_document_re_indexes_its_part_only_and_equals_a_clean_build(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PAGES_PER_INDEX", 1)
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    parts = sorted(path.parent.name for path in output.resolve().glob("pagefind/*/pagefind-entry.json"))
    assert len(parts) > 2
    assert re.search(r'data-indexes="pagefind/\d{3}( pagefind/\d{3})+"', (output / "search.html").read_text(encoding="utf-8"))
    before = _inodes(output)
    parsed = _parsed(monkeypatch)

    changed = tmp_path / "tei" / "1990-11-19-paris-gorbachev-bush.xml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(" Added.</p>".join(text.rsplit("</p>", 1)), encoding="utf-8")
    again = build_site(documents, output, REGISTER)
    assert again.reused == len(documents) - 1 and again.indexed == len(documents)
    assert {path for path in parsed if path in documents} == {changed}
    after = _inodes(output)
    own = f"pagefind/{search.index_of(changed.stem, search.index_count(len(documents))):03d}/"
    for part in parts:
        kept = all(after[name] == before.get(name) for name in after if name.startswith(f"pagefind/{part}/"))
        assert kept == (f"pagefind/{part}/" != own), part

    build_site(documents, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


def test_a_neighbour_rendered_again_for_a_new_title_keeps_its_part_of_the_index_and_equals_a_clean_build(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PAGES_PER_INDEX", 1)
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output)
    parts = sorted(path.parent.name for path in output.resolve().glob("pagefind/*/pagefind-entry.json"))
    before = _inodes(output)
    changed = tmp_path / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace('<title type="main">', '<title type="main">Revised: ', 1),
                       encoding="utf-8")

    again = build_site(documents, output)
    assert again.reused == len(documents) - 2  # the document and the page that links it as its neighbour
    after = _inodes(output)
    rendered = sorted(name for name in after if name.endswith(".html") and "/" not in name and name.removesuffix(".html") not in
                      ("index", "people", "places", "omissions", "principles", "search") and after[name] != before.get(name))
    assert len(rendered) == 2 and f"{changed.stem}.html" in rendered
    own = f"pagefind/{search.index_of(changed.stem, search.index_count(len(documents))):03d}/"
    for part in parts:
        kept = all(after[name] == before.get(name) for name in after if name.startswith(f"pagefind/{part}/"))
        assert kept == (f"pagefind/{part}/" != own), part
    build_site(documents, tmp_path / "clean" / "web")
    _same_site(output, tmp_path / "clean" / "web")


def test_a_part_of_the_index_missing_from_the_previous_version_is_made_again_and_equals_a_clean_build(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PAGES_PER_INDEX", 1)
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output, REGISTER)
    parts = sorted(output.resolve().glob("pagefind/*/pagefind-entry.json"))
    # A part the previous version lacks (its key unchanged): it cannot be linked, so Pagefind makes it.
    shutil.rmtree(parts[-1].parent)
    again = build_site(documents, output, REGISTER)
    assert again.reused == len(documents) and again.indexed == len(documents)
    assert (output / "pagefind" / parts[-1].parent.name / "pagefind-entry.json").is_file()
    build_site(documents, tmp_path / "clean" / "web", REGISTER)
    _same_site(output, tmp_path / "clean" / "web")


def test_an_unchanged_file_is_said_to_be_defused_again_without_being_parsed(tmp_path, monkeypatch):
    documents = _corpus(tmp_path / "tei")
    active = documents[0]
    text = active.read_text(encoding="utf-8")
    active.write_text(text.replace("</body>", '<p><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></p></body>', 1),
                      encoding="utf-8")
    output = tmp_path / "build" / "web"
    first = build_site(documents, output, REGISTER)
    assert [str(warning) for warning in first.warnings if warning.path == active]
    copy = (output / "tei" / f"{active.stem}.xml").read_bytes()
    assert b"<h:script" not in copy and b"<script" not in copy
    parsed = _parsed(monkeypatch)

    again = build_site(documents, output, REGISTER)
    assert [path for path in parsed if path in documents] == []
    assert [str(warning) for warning in again.warnings] == [str(warning) for warning in first.warnings]
    assert (output / "tei" / f"{active.stem}.xml").read_bytes() == copy
