"""Every row of the spec's error tables, navigation ranges (Level 1: the live server only), and
hostile parameters: each answered with the spec's status and a JSON body, never a traceback."""

from __future__ import annotations

import os
import shutil

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from teikit import server
from teikit.dts.app import make_app
from teikit.dts.index import Index
from tests.dts.conftest import EDITION, pages_of
from tests.dts.schemas import ERROR, NAVIGATION, check

PARIS = "1990-11-19-paris-gorbachev-bush"


def _answer(live, endpoint: str, params: dict, status: int) -> dict:
    client, base = live
    response = client.get(f"{base}{endpoint}", params=params)
    assert response.status_code == status, response.text
    if status >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "Traceback" not in response.text
        return check(ERROR, response.json())
    return response.json()


@pytest.mark.parametrize("params, status", [
    ({}, 400),                                                    # no resource
    ({"resource": PARIS, "ref": "2", "start": "2", "end": "3"}, 400),   # ref with start/end
    ({"resource": PARIS, "ref": "2", "end": "3"}, 400),
    ({"resource": PARIS, "start": "2"}, 400),                      # start without end
    ({"resource": PARIS, "end": "3", "down": "1"}, 400),           # end without start
    ({"resource": PARIS}, 400),                                   # down, ref, start/end all absent
    ({"resource": PARIS, "down": "0"}, 400),                       # down=0 without ref
    ({"resource": PARIS, "down": "0", "start": "2", "end": "3"}, 400),  # down=0 with a range
    ({"resource": PARIS, "ref": "999"}, 404),                      # unknown ref
    ({"resource": PARIS, "start": "1", "end": "999", "down": "1"}, 404),
    ({"resource": PARIS, "start": "999", "end": "2"}, 404),
    ({"resource": PARIS, "ref": "2", "tree": "pages"}, 404),       # unknown tree
    ({"resource": "no-such-document", "ref": "1"}, 404),
])
def test_navigation_error_table(live, params, status):
    _answer(live, "navigation", params, status)


@pytest.mark.parametrize("params, status", [
    ({}, 400),
    ({"ref": "2"}, 400),
    ({"resource": PARIS, "ref": "2", "start": "2", "end": "3"}, 400),
    ({"resource": PARIS, "start": "2"}, 400),
    ({"resource": "no-such-document"}, 404),
    ({"resource": PARIS, "ref": "999"}, 404),
    ({"resource": PARIS, "start": "2", "end": "999"}, 404),
    ({"resource": PARIS, "ref": "2", "tree": "pages"}, 404),
    ({"resource": PARIS, "mediaType": "text/html"}, 404),
])
def test_document_error_table(live, params, status):
    _answer(live, "document", params, status)


@pytest.mark.parametrize("params, status", [
    ({"id": "no-such-collection"}, 404),
    ({"nav": "siblings"}, 400),
    ({"page": "0"}, 400),
    ({"page": "99"}, 404),
])
def test_collection_errors(live, params, status):
    _answer(live, "collection", params, status)


def test_navigation_ranges_with_down(live):
    answer = check(NAVIGATION, _answer(live, "navigation", {"resource": PARIS, "start": "2", "end": "4", "down": "1"}, 200))
    assert answer["start"]["identifier"] == "2" and answer["end"]["identifier"] == "4"
    identifiers = [m["identifier"] for m in answer["member"]]
    assert identifiers[0] == "2" and identifiers[-1].startswith("4")
    assert {m["identifier"] for m in answer["member"] if m["level"] == 1} == {"2", "3", "4"}
    bare = _answer(live, "navigation", {"resource": PARIS, "start": "2", "end": "4"}, 200)
    assert "member" not in bare and bare["start"]["identifier"] == "2"
    deep = _answer(live, "navigation", {"resource": PARIS, "start": "2.1", "end": "4", "down": "-1"}, 200)
    assert deep["member"][0]["identifier"] == "2.1"
    _answer(live, "navigation", {"resource": PARIS, "start": "4", "end": "2", "down": "1"}, 400)


def test_navigation_pagination(live):
    client, base = live
    answer = check(NAVIGATION, _answer(live, "navigation", {"resource": "ParlaMint-TR_T27-tbmm-2018-07-07", "down": "1"}, 200))
    pages = pages_of(client, answer, NAVIGATION)
    assert len(pages) >= 2
    last = check(NAVIGATION, client.get(answer["view"]["last"]).json())
    assert last["view"] == pages[-1]["view"]
    seen = [m["identifier"] for page in pages for m in page["member"]]
    assert seen == [str(n) for n in range(1, len(seen) + 1)] and len(seen) > 100
    size = len(pages[0]["member"])
    assert all(len(page["member"]) == size for page in pages[:-1]) and 0 < len(pages[-1]["member"]) <= size


def test_a_response_of_one_page_has_no_view(live):
    answer = _answer(live, "navigation", {"resource": PARIS, "ref": "2", "down": "1"}, 200)
    assert "view" not in answer and answer["member"]
    _answer(live, "navigation", {"resource": PARIS, "ref": "2", "down": "1", "page": "2"}, 404)


@pytest.mark.parametrize("endpoint, params, status", [
    ("document", {"resource": "../../../etc/passwd"}, 404),
    ("document", {"resource": "/etc/passwd"}, 404),
    ("document", {"resource": "..%2F..%2Fpyproject"}, 404),
    ("collection", {"id": "../tei/register"}, 404),
    ("navigation", {"resource": PARIS, "down": "1", "page": "99999999999999999999"}, 400),
    ("navigation", {"resource": PARIS, "down": "1", "page": "3000"}, 404),
    ("navigation", {"resource": PARIS, "down": "99999999999999999999999"}, 400),
    ("navigation", {"resource": PARIS, "down": "-2"}, 400),
    ("navigation", {"resource": PARIS, "down": "１"}, 400),
    ("navigation", {"resource": PARIS, "down": "1", "callback": "x"}, 400),
    ("document", {"resource": PARIS, "format": "pdf"}, 400),
    ("collection", {"id": "root", "id ": "x"}, 400),
    ("navigation", {"resource": PARIS, "ref": "' or 1=1 --"}, 404),
])
def test_hostile_parameters(live, endpoint, params, status):
    answer = _answer(live, endpoint, params, status)
    assert "root:" not in answer["detail"]


def test_a_repeated_parameter_is_refused(live):
    client, base = live
    response = client.get(f"{base}navigation?resource={PARIS}&ref=2&ref=3")
    assert response.status_code == 400 and "twice" in response.json()["detail"]


def test_answers_kept_for_asking_again_keep_the_address_they_were_asked_at(live):
    client, base = live
    params = {"resource": PARIS, "ref": "3", "down": "1"}
    first = client.get(f"{base}navigation", params=params)
    again = client.get(f"{base}navigation", params=params)
    assert again.content == first.content and again.headers["link"] == first.headers["link"]
    proxied = client.get(f"{base}navigation", params=params, headers={"Host": "edition.example.org"})
    assert proxied.json()["@id"].startswith("http://edition.example.org/api/dts/navigation?")
    assert "edition.example.org" in proxied.headers["link"]
    assert client.get(f"{base}navigation", params=params).content == first.content


def test_a_kept_passage_is_not_given_again_once_its_document_changed(tmp_path):
    document = tmp_path / "tei" / f"{PARIS}.xml"
    document.parent.mkdir()
    shutil.copy(EDITION / f"{PARIS}.xml", document)
    index = Index(tmp_path / "index.sqlite", [document.parent])
    assert index.build() == []
    app = Starlette(routes=[Mount("/api/dts", make_app(index))])
    with server.running(app) as address, httpx.Client(base_url=address, timeout=30) as client:
        params = {"resource": PARIS, "ref": "2"}
        assert client.get("/api/dts/document", params=params).status_code == 200
        assert client.get("/api/dts/document", params=params).status_code == 200
        later = os.stat(document).st_mtime_ns + 10**9
        os.utime(document, ns=(later, later))
        changed = client.get("/api/dts/document", params=params)
        assert changed.status_code == 503 and "changed since the index was built" in changed.json()["detail"]


def test_no_such_endpoint_and_other_methods_get_a_json_problem_too(live):
    client, base = live
    unknown = client.get(f"{base}passages", params={"resource": PARIS})
    assert unknown.status_code == 404 and unknown.headers["content-type"].startswith("application/problem+json")
    assert "no DTS endpoint" in unknown.json()["detail"]
    posted = client.post(f"{base}navigation", params={"resource": PARIS, "ref": "2"})
    assert posted.status_code == 405 and "GET" in posted.headers["allow"]
    assert posted.json()["status"] == 405 and "POST" in posted.json()["detail"]
