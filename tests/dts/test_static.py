"""The static export's document ranges: every one its documented bound promises (ranges of up
to RANGE_WINDOW consecutive siblings, every pair of top-level units in a tree with at most RANGE_LIMIT of them),
each the same bytes as the live server's answer; ranges beyond it are 404s."""

from __future__ import annotations

import json

import pytest
import uritemplate

from teikit.dts.static import RANGE_LIMIT, RANGE_WINDOW
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
