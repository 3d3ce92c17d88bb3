"""DTS 1.0 conformance, against the live server and the static export alike: every response
validated against the spec's structures, every URI template expanded as RFC 6570 says."""

from __future__ import annotations

import pytest
import uritemplate
from lxml import etree

from tests.dts.conftest import PAGE, pages_of
from tests.dts.schemas import COLLECTION, ENTRY, NAVIGATION, check

PARIS = "1990-11-19-paris-gorbachev-bush"
MOSCOW = "1990-11-08-moscow-gorbachev-baker"
TEI = "{http://www.tei-c.org/ns/1.0}"
DTS = "{https://w3id.org/api/dts#}"


@pytest.fixture(params=["live", "static"])
def api(request):
    client, entry_url = request.getfixturevalue(request.param)
    response = client.get(entry_url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    entry = check(ENTRY, response.json())
    return client, entry, request.param


def _get(client, template: str, **values):
    # Numbers as strings: uritemplate expands a 0 as an empty value.
    url = uritemplate.expand(template, {k: str(v) for k, v in values.items() if v is not None})
    return client.get(url)


def _json(client, template, schema, **values):
    response = _get(client, template, **values)
    assert response.status_code == 200, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/ld+json")
    return check(schema, response.json())


def test_templates_are_absolute_for_the_server_and_root_relative_for_the_static_export(api):
    client, entry, kind = api
    for name in ("collection", "navigation", "document"):
        template = uritemplate.URITemplate(entry[name])
        assert template.variable_names
        assert entry[name].startswith("http://" if kind == "live" else "/dts/")


def test_walking_collections_reaches_every_resource_through_a_collection(api):
    client, entry, kind = api
    root = _json(client, entry["collection"], COLLECTION)
    assert root["@type"] == "Collection" and root["totalParents"] == 0
    seen, pending = set(), [m for m in _all_members(client, root)]
    assert all(m["@type"] == "Collection" for m in pending), "the root holds collections, not resources"
    while pending:
        member = pending.pop()
        if member["@type"] == "Resource":
            seen.add(member["@id"])
            continue
        child = _json(client, member["collection"], COLLECTION)
        assert child["totalChildren"] == member["totalChildren"]
        pending += _all_members(client, child)
    assert {PARIS, MOSCOW, "1990-09-09-helsinki-bush-gorbachev"} <= seen


def _all_members(client, answer) -> list[dict]:
    members = list(answer.get("member", []))
    while "next" in answer.get("view", {}):
        answer = check(COLLECTION, client.get(answer["view"]["next"]).json())
        members += answer["member"]
    return members


def test_a_resource_and_its_parents(api):
    client, entry, kind = api
    resource = _json(client, entry["collection"], COLLECTION, id=PARIS)
    assert resource["@type"] == "Resource" and resource["totalChildren"] == 0
    assert resource["dublinCore"]["date"] == "1990-11-19"
    assert resource["dublinCore"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "application/tei+xml" in resource["mediaTypes"]
    parents = _json(client, entry["collection"], COLLECTION, id=PARIS, nav="parents")
    assert len(parents["member"]) == resource["totalParents"] >= 1
    assert parents["member"][0]["@type"] == "Collection"


def test_down_values(api):
    client, entry, kind = api
    nav = entry["navigation"]
    top = _json(client, nav, NAVIGATION, resource=PARIS, down=1)
    assert [m["identifier"] for m in top["member"]] == [str(n) for n in range(1, 38)]
    assert all(m["level"] == 1 and m["parent"] is None for m in top["member"])
    assert "ref" not in top
    whole = _json(client, nav, NAVIGATION, resource=PARIS, down=-1)["member"]
    assert _json(client, nav, NAVIGATION, resource=PARIS, down=2)["member"] == whole
    assert [m["identifier"] for m in whole[:3]] == ["1", "1.1", "1.2"]
    one = _json(client, nav, NAVIGATION, resource=PARIS, ref="2")
    assert one["ref"]["identifier"] == "2" and "member" not in one
    siblings = _json(client, nav, NAVIGATION, resource=PARIS, ref="2.2", down=0)
    assert [m["identifier"] for m in siblings["member"]] == [m["identifier"] for m in whole if m["parent"] == "2"]
    children = _json(client, nav, NAVIGATION, resource=PARIS, ref="2", down=1)["member"]
    assert children[0]["identifier"] == "2" and all(m["parent"] == "2" for m in children[1:])
    leaf = _json(client, nav, NAVIGATION, resource=PARIS, ref="2.1", down=-1)["member"]
    assert [m["identifier"] for m in leaf] == ["2.1"], "a unit with nothing below is the only member"


def test_document_passages_are_tei_with_a_wrapper_and_a_collection_link(api):
    client, entry, kind = api
    response = _get(client, entry["document"], resource=PARIS, ref="3")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/tei+xml")
    if kind == "live":
        assert 'rel="collection"' in response.headers["link"] and PARIS in response.headers["link"]
    root = etree.fromstring(response.content)
    assert root.tag == f"{TEI}TEI"
    wrapper = root.find(f"{DTS}wrapper")
    assert [child.tag for child in wrapper] == [f"{TEI}sp"] and wrapper[0].get("n") == "3"
    whole = _get(client, entry["document"], resource=PARIS)
    assert whole.content == (_edition() / f"{PARIS}.xml").read_bytes()


def test_document_ranges_keep_everything_from_start_to_end(api):
    client, entry, kind = api
    response = _get(client, entry["document"], resource=MOSCOW, start="2", end="4")
    assert response.status_code == 200, response.text
    wrapper = etree.fromstring(response.content).find(f"{DTS}wrapper")
    assert [child.get("n") for child in wrapper] == ["2", "3", "4"]
    source = etree.parse(str(_edition() / f"{MOSCOW}.xml"))
    turns = source.findall(f".//{TEI}sp")
    expected = "".join(turns[1].itertext()) + turns[1].tail + "".join(turns[2].itertext()) + turns[2].tail + "".join(turns[3].itertext())
    assert "".join(wrapper.itertext()) == expected


def test_pagination_of_collections(api):
    client, entry, kind = api
    size = PAGE if kind == "live" else 1
    pending, big = [_json(client, entry["collection"], COLLECTION)], None
    while pending and big is None:
        for member in _all_members(client, pending.pop()):
            if member["@type"] == "Collection":
                if member["totalChildren"] > size:
                    big = member
                pending.append(_json(client, member["collection"], COLLECTION))
    first = _json(client, big["collection"], COLLECTION)
    assert len(first["member"]) == size
    pages = pages_of(client, first, COLLECTION)
    assert len(pages) == -(-big["totalChildren"] // size) >= 2
    assert check(COLLECTION, client.get(first["view"]["last"]).json())["view"] == pages[-1]["view"]
    assert sum(len(page["member"]) for page in pages) == big["totalChildren"]


def _edition():
    from tests.dts.conftest import EDITION
    return EDITION
