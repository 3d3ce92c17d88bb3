"""The home page offers the citable release: the site is built first (the release holds it), then
`teikit release` puts its zip and CITATION.cff where the home page links them."""

from __future__ import annotations

import zipfile

import bagit
from lxml import html

from tests.conftest import ROOT


def _home_links(site) -> dict[str, str]:
    page = html.parse(str(site / "index.html"))
    return {"".join(a.itertext()).strip(): a.get("href") for a in page.iter("a") if a.get("href", "").startswith("downloads/")}


def test_the_home_page_offers_the_release_that_release_puts_into_the_site(edition_exports, teikit, tmp_path):
    build = tmp_path / "build"
    (build / "export").mkdir(parents=True)
    (build / "export" / "csv").symlink_to(edition_exports["csv"])
    result = teikit("build", "web", ROOT / "tei", "-o", build / "web", "--with-release")
    assert result.exit_code == 0, result.output
    links = _home_links(build / "web")
    assert links["The citable release (BagIt bag, zip)"] == "downloads/release.zip"
    assert links["How to cite the edition (CITATION.cff)"] == "downloads/CITATION.cff"
    assert links["Turns (CSV)"] == "downloads/turns.csv"

    made = []
    for _ in range(2):  # the second time the site already holds a release: the bag must not take it in
        result = teikit("release", ROOT / "tei", "-o", tmp_path / "release", "--build", build)
        assert result.exit_code == 0, result.output
        assert "Offered on the site's home page" in result.output
        [archive] = (tmp_path / "release").glob("*.zip")
        made.append(archive.read_bytes())
        offered = build / "web" / "downloads"
        assert (offered / "release.zip").read_bytes() == made[-1]
        [bag] = [p for p in (tmp_path / "release").iterdir() if p.is_dir()]
        assert (offered / "CITATION.cff").read_bytes() == (bag / "data" / "CITATION.cff").read_bytes()
        bagit.Bag(str(bag)).validate()
        names = zipfile.ZipFile(archive).namelist()
        assert f"{bag.name}/data/site/index.html" in names and f"{bag.name}/data/site/downloads/turns.csv" in names
        assert not [n for n in names if n.endswith(("site/downloads/release.zip", "site/downloads/CITATION.cff"))]
    assert made[0] == made[1], "a release made again from the same edition is the same zip"


def test_without_with_release_the_home_page_offers_no_release(teikit, tmp_path):
    result = teikit("build", "web", ROOT / "tei", "-o", tmp_path / "web", "--downloads", tmp_path / "nothing")
    assert result.exit_code == 0, result.output
    links = _home_links(tmp_path / "web")
    assert "downloads/release.zip" not in links.values() and "downloads/CITATION.cff" not in links.values()
