"""The static export's document ranges: every one its documented bound promises (ranges of up
to RANGE_WINDOW consecutive siblings, every pair of top-level units in a tree with at most RANGE_LIMIT of them),
each the same bytes as the live server's answer; ranges beyond it are 404s."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
import uritemplate
from lxml import etree

from teikit import tei
from teikit.dts.static import INDEX, KEPT, RANGE_LIMIT, RANGE_WINDOW
from teikit.tei import TEI_NS
from tests.dts.conftest import EDITION

PARIS = "1990-11-19-paris-gorbachev-bush"
RESOURCES = sorted(p.stem for p in EDITION.glob("*.xml") if p.name != "register.xml")


def _expected(units: list[dict]) -> set[tuple[str, str]]:
    """The bound, worked out from the navigation's units as the README states it."""
    order = {u["identifier"]: n for n, u in enumerate(units)}
    by_parent: dict = {}
    for unit in units:
        by_parent.setdefault(unit["parent"], []).append(unit["identifier"])
    found = set()
    for group in by_parent.values():
        for i, first in enumerate(group):
            found |= {(first, last) for last in group[i + 1:i + RANGE_WINDOW]}
    top = by_parent.get(None, [])
    if len(top) <= RANGE_LIMIT:
        found |= {(a, b) for a in top for b in top if order[a] < order[b]}
    return found


@pytest.mark.parametrize("resource", RESOURCES)
def test_static_ranges_are_the_documented_ones_and_the_servers_bytes(static, live, resource):
    client, entry_url = static
    entry = client.get(entry_url).json()
    units = client.get(uritemplate.expand(entry["navigation"], resource=resource, down="-1")).json()["member"]
    expected = _expected(units)
    assert expected, "every edition document has ranges"
    live_client, base = live
    for start, end in sorted(expected):
        written = client.get(uritemplate.expand(entry["document"], resource=resource, start=start, end=end))
        assert written.status_code == 200, (start, end)
        served = live_client.get(f"{base}document", params={"resource": resource, "start": start, "end": end})
        assert written.content == served.content, (start, end)
    order = [u["identifier"] for u in units]
    top = [u["identifier"] for u in units if u["level"] == 1]
    deeper = [u["identifier"] for u in units if u["level"] == 2]
    beyond = [(top[0], top[-1])] if len(top) > RANGE_LIMIT else []
    beyond += [(deeper[0], top[-1])] if deeper and order.index(deeper[0]) < order.index(top[-1]) else []
    for start, end in beyond:
        assert (start, end) not in expected
        missing = client.get(uritemplate.expand(entry["document"], resource=resource, start=start, end=end))
        assert missing.status_code == 404, (start, end)


def test_export_dts_with_a_base_url_writes_absolute_templates_and_ids(tmp_path, teikit):
    base = "https://edition.example.org/dts/"
    result = teikit("export", "dts", EDITION / f"{PARIS}.xml", "-o", tmp_path / "dts", "--base-url", base)
    assert result.exit_code == 0, result.output
    entry = json.loads((tmp_path / "dts" / "index.json").read_text(encoding="utf-8"))
    assert entry["@id"] == f"{base}index.json"
    assert all(entry[name].startswith(base) for name in ("collection", "navigation", "document"))
    url = uritemplate.expand(entry["navigation"], resource=PARIS, down="1")
    answer = json.loads((tmp_path / "dts" / url.removeprefix(base)).read_text(encoding="utf-8"))
    assert answer["@id"] == url and answer["resource"]["document"].startswith(f"{base}document/{PARIS}")


def _files(folder: Path) -> dict[str, bytes]:
    # The index kept for the next export is compared by its rows: an SQLite file's pages depend on
    # the order it was written in.
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != INDEX}


def _rows(folder: Path) -> list[str]:
    """The index's rows, but when it was last brought up to date."""
    connection = sqlite3.connect(folder / KEPT / INDEX)
    try:
        return sorted(row for row in connection.iterdump() if "VALUES('since'," not in row)
    finally:
        connection.close()


def test_exporting_again_makes_only_the_changed_documents_files_and_equals_a_clean_export(tmp_path, teikit, monkeypatch):
    sources = tmp_path / "tei"
    shutil.copytree(EDITION, sources)
    _age(*sources.iterdir())
    kept = tmp_path / "kept" / "dts"
    first = teikit("export", "dts", sources, "-o", kept)
    assert first.exit_code == 0, first.output
    assert "taken from it" not in first.output
    before = _files(kept)
    entry_inode = (kept / "index.json").stat().st_ino
    unchanged = teikit("export", "dts", sources, "-o", kept)
    assert unchanged.exit_code == 0, unchanged.output
    # Nothing changed: the output is left as it was.
    assert "(3 documents unchanged since the last export, taken from it)" in unchanged.output
    assert (kept / "index.json").stat().st_ino == entry_inode and _files(kept) == before
    changed = sources / f"{PARIS}.xml"
    other = next(name for name in before if name.startswith("document/") and PARIS not in name)
    other_inode = (kept / other).stat().st_ino
    tree = etree.parse(str(changed))
    paragraph = tree.find(f".//{{{TEI_NS}}}body//{{{TEI_NS}}}p")
    paragraph.text = (paragraph.text or "") + " Incrementally"
    tree.write(str(changed), xml_declaration=True, encoding="UTF-8")
    _age(changed)

    read = []
    parse = tei.parse
    monkeypatch.setattr(tei, "parse", lambda path: read.append(Path(path).name) or parse(path))
    again = teikit("export", "dts", sources, "-o", kept)
    assert again.exit_code == 0, again.output
    assert "(2 documents unchanged since the last export, taken from it)" in again.output
    # Only the changed document was read for the index (the register too, for the edition's title),
    # and the unchanged documents' files are the previous output's, not written again.
    assert [name for name in read if name != "register.xml"] == [changed.name]
    assert (kept / other).stat().st_ino == other_inode
    monkeypatch.undo()

    clean = tmp_path / "clean" / "dts"
    assert teikit("export", "dts", sources, "-o", clean).exit_code == 0
    now, expected = _files(kept), _files(clean)
    assert now.keys() == expected.keys()
    assert [name for name in now if now[name] != expected[name]] == []
    assert _rows(kept) == _rows(clean)
    # The change reached the changed document's passages, and only its files differ from before.
    assert now[f"document/{PARIS}.xml"] != before[f"document/{PARIS}.xml"]
    differing = {name for name in now if now[name] != before.get(name)}
    assert differing and all(PARIS in name or name.startswith(KEPT) for name in differing)

    # --clean makes every file again, and the same ones.
    forced = teikit("export", "dts", sources, "-o", kept, "--clean")
    assert forced.exit_code == 0 and "taken from it" not in forced.output
    assert (kept / other).stat().st_ino != other_inode
    assert _files(kept) == expected


def _age(*paths: Path) -> None:
    """Files written an hour ago: a file as recent as the export that read it may be written again
    within the same tick, keeping its size and time, and is not trusted (the test below)."""
    for path in paths:
        os.utime(path, (time.time() - 3600, time.time() - 3600))


def test_a_document_written_again_as_it_was_read_keeping_its_size_and_time_is_exported_again(tmp_path, teikit):
    sources = tmp_path / "tei"
    shutil.copytree(EDITION, sources, copy_function=shutil.copy)  # written now
    kept = tmp_path / "kept" / "dts"
    assert teikit("export", "dts", sources, "-o", kept).exit_code == 0
    paris = sources / f"{PARIS}.xml"
    written = os.stat(paris)
    text = paris.read_bytes()
    changed = text.replace(b"Gorbachev", b"Gorbatchev", 1).replace(b"  ", b" ", 1)
    assert changed != text and len(changed) == len(text)
    paris.write_bytes(changed)
    os.utime(paris, ns=(written.st_atime_ns, written.st_mtime_ns))
    again = teikit("export", "dts", sources, "-o", kept)
    assert again.exit_code == 0, again.output
    assert b"Gorbatchev" in (kept / "document" / f"{PARIS}.xml").read_bytes()
