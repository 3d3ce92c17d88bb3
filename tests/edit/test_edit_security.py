"""The editor's server refuses what a hostile page or a stray request could try."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import httpx
import pytest

from teikit.edit.app import COOKIE, create_app
from teikit.edit.source import sha256
from teikit.edit.store import Folder
from teikit.server import running
from tests.edit.conftest import PARIS, copy_edition


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = Folder(copy_edition(tmp_path_factory.mktemp("secure")))
    app, token = create_app(folder)
    with running(app) as url:
        yield url.rstrip("/"), token, folder
    folder.close()


def raw_get(url: str, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """A request whose path goes out exactly as written (no client normalises "..")."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def test_nothing_without_the_token(served):
    url, _, _ = served
    for path in ["/", "/api/documents", f"/api/documents/{PARIS}", "/assets/editor.js", "/api/register"]:
        response = httpx.get(url + path)
        assert response.status_code == 401, path
        assert "open the editor with the address" in response.json()["error"]
    assert httpx.get(url + "/", headers={"x-teikit-token": "wrong"}).status_code == 401


def test_the_token_is_exchanged_once_for_a_strict_cookie(served):
    url, token, _ = served
    first = httpx.get(f"{url}/?token={token}")
    assert first.status_code == 303 and first.headers["location"] == "/"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    again = httpx.get(f"{url}/?token={token}")
    assert again.status_code == 401  # a token seen in a browser's history opens nothing
    session = first.cookies[COOKIE]
    page = httpx.get(url + "/", cookies={COOKIE: session})
    assert page.status_code == 200 and "<title>teikit edit</title>" in page.text


def test_a_strict_content_security_policy(served):
    url, token, _ = served
    page = httpx.get(url + "/", headers={"x-teikit-token": token})
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    api = httpx.get(url + "/api/documents", headers={"x-teikit-token": token})
    assert api.headers["content-security-policy"].startswith("default-src 'none'")
    assert api.headers["x-content-type-options"] == "nosniff"


def test_a_wrong_host_is_refused_even_with_the_token(served):
    """DNS rebinding: a page at evil.example whose name now points to 127.0.0.1."""
    url, token, _ = served
    port = urlsplit(url).port
    for host in ["evil.example", f"evil.example:{port}", "127.0.0.1:1", f"127.0.0.2:{port}"]:
        status, body = raw_get(url, "/api/documents", {"Host": host, "X-Teikit-Token": token})
        assert status == 403 and b"answers only to" in body, host
    assert raw_get(url, "/api/documents", {"Host": f"localhost:{port}", "X-Teikit-Token": token})[0] == 200


def test_a_write_from_a_foreign_origin_is_refused_and_the_file_untouched(served):
    url, token, folder = served
    path = folder.path(PARIS)
    before = path.read_bytes()
    request = {"action": "header", "params": {"field": "title", "value": "Hijacked"}}
    for origin in ["http://evil.example", "null", None, url.replace("127.0.0.1", "localhost")]:
        headers = {"x-teikit-token": token, "if-match": f'"{sha256(before)}"'}
        if origin:
            headers["origin"] = origin
        response = httpx.post(f"{url}/api/documents/{PARIS}/actions", json=request, headers=headers)
        assert response.status_code == 403, origin
        assert "Origin" in response.json()["error"]
    assert path.read_bytes() == before


def test_no_path_outside_the_folder(served):
    url, token, _ = served
    headers = {"X-Teikit-Token": token, "Host": urlsplit(url).netloc}
    for path in ["/api/documents/../../seeds/000_24da951937169157.txt", "/api/documents/..%2F..%2Fetc%2Fpasswd",
                 "/api/documents/%2e%2e/%2e%2e/etc/passwd", "/api/documents//etc/passwd",
                 "/api/documents/..%2Fseeds%2F000_24da951937169157.txt/history", "/assets/..%2F..%2Fpyproject.toml"]:
        status, body = raw_get(url, path, headers)
        assert status == 404, path
        assert b"root:" not in body and b"Helsinki" not in body and b"[project]" not in body


def test_a_save_must_name_its_version_and_a_stale_one_is_refused(served):
    url, token, folder = served
    headers = {"x-teikit-token": token, "origin": url}
    request = {"action": "header", "params": {"field": "title", "value": "A better title"}}
    before = folder.path(PARIS).read_bytes()
    assert httpx.post(f"{url}/api/documents/{PARIS}/actions", json=request, headers=headers).status_code == 428
    stale = httpx.post(f"{url}/api/documents/{PARIS}/actions", json=request,
                       headers={**headers, "if-match": '"' + "0" * 64 + '"'})
    assert stale.status_code == 412 and stale.json()["current"] == sha256(before)
    assert folder.path(PARIS).read_bytes() == before
    done = httpx.post(f"{url}/api/documents/{PARIS}/actions", json=request,
                      headers={**headers, "if-match": f'"{sha256(before)}"'})
    assert done.status_code == 200 and done.json()["done"] == "Set the header's title to “A better title”"
    assert done.headers["etag"] == f'"{sha256(folder.path(PARIS).read_bytes())}"'
