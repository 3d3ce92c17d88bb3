"""An incremental `build web` renders only what changed and gives the site a clean build gives."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from teikit.web import incremental
from teikit.web.site import build_site
from tests.conftest import ROOT, TEI_FOLDER

CORPUS = ROOT / "tests" / "corpus" / "tei"
# Real documents of other projects beside the edition's own, with titles and dates of their own.
FOREIGN = ["dracor", "schnitzler-briefe", "historyatstate"]


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

    def unordered(name: str) -> bool:
        return name.startswith("pagefind/filter/") or name.endswith(".pf_meta") or name == "pagefind/pagefind-entry.json"

    assert sorted(n for n in mine if not unordered(n)) == sorted(n for n in theirs if not unordered(n))
    assert [name for name in mine if not unordered(name) and mine[name] != theirs[name]] == []
    assert any(name.startswith("pagefind/fragment/") for name in mine)

    def languages(files: dict[str, bytes]) -> dict[str, int]:
        entry = json.loads(files["pagefind/pagefind-entry.json"])
        return {language: value["page_count"] for language, value in entry["languages"].items()}

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


def test_a_changed_title_renders_the_neighbours_again_and_equals_a_clean_build(tmp_path):
    documents = _corpus(tmp_path / "tei")
    output = tmp_path / "build" / "web"
    build_site(documents, output)
    changed = tmp_path / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("<title type=\"main\">", "<title type=\"main\">Revised: ", 1), encoding="utf-8")
    assert changed.read_text(encoding="utf-8") != text

    again = build_site(documents, output)
    # The document (first in the edition's order) and the one page that links it as its neighbour.
    assert again.reused == len(documents) - 2
    build_site(documents, tmp_path / "clean" / "web")
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
