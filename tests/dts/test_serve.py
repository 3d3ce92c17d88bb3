"""`teikit serve --dts` as a user runs it: the address it prints answers, with one process or
several workers, and SIGTERM stops it cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.dts.conftest import EDITION

TEIKIT = str(Path(sys.executable).with_name("teikit"))
PARIS = "1990-11-19-paris-gorbachev-bush"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_dts_answers_at_the_address_it_prints_and_stops_on_sigterm(tmp_path, workers):
    server = subprocess.Popen([TEIKIT, "serve", str(tmp_path / "web"), "--dts", "--tei", str(EDITION), "--port", "0",
                               "--workers", workers], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("Serving DTS at http://127.0.0.1:") and "/api/dts/" in line, line
        base = line.split(" at ", 1)[1].split(" ", 1)[0]
        assert (tmp_path / "dts-index.sqlite").is_file(), "the index is kept beside the site"
        with httpx.Client(timeout=30) as client:
            for _ in range(6):  # several requests: with workers, more than one answers
                answer = client.get(f"{base}navigation", params={"resource": PARIS, "ref": "2"}).json()
                assert answer["ref"]["identifier"] == "2"
                assert answer["@id"].startswith(base)
            problem = client.get(f"{base}navigation", params={"resource": PARIS})
            assert problem.status_code == 400 and problem.json()["status"] == 400
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Traceback" not in err and "Stopped." in err


def test_serve_dts_with_a_site_serves_both_and_the_api_at_api_dts(tmp_path):
    site = tmp_path / "web"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>The edition</title>", encoding="utf-8")
    (site / "api").mkdir()
    (site / "api" / "dtsx.html").write_text("not the API", encoding="utf-8")
    server = subprocess.Popen([TEIKIT, "serve", str(site), "--dts", "--tei", str(EDITION), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith(f"Serving {site} and DTS at http://127.0.0.1:"), line
        base = line.split(" at ", 1)[1].split(" ", 1)[0]
        root = base.removesuffix("api/dts/")
        with httpx.Client(timeout=30) as client:
            assert "The edition" in client.get(root).text
            assert client.get(f"{root}api/dtsx.html").text == "not the API"  # only /api/dts itself is the API's
            entry = client.get(base)
            assert entry.headers["content-type"] == "application/ld+json" and entry.json()["@id"] == base
            bare = client.get(f"{root}api/dts")
            assert bare.status_code == 307 and bare.headers["location"] == base
            answer = client.get(f"{base}navigation", params={"resource": PARIS, "ref": "2"}).json()
            assert answer["ref"]["identifier"] == "2"
            unknown = client.get(f"{base}index.html")
            assert unknown.status_code == 404 and unknown.json()["detail"] == "no DTS endpoint at /api/dts/index.html"
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0 and "Traceback" not in err, err


def test_serve_dts_listens_on_the_host_it_is_given_and_groups_as_told(tmp_path):
    # 127.0.0.2 is this machine too, but not the default address: the answer proves --host was used.
    server = subprocess.Popen([TEIKIT, "serve", str(tmp_path / "web"), "--dts", "--tei", str(EDITION), "--port", "0",
                               "--host", "127.0.0.2", "--collections-by", "folder"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("Serving DTS at http://127.0.0.2:"), line
        base = line.split(" at ", 1)[1].split(" ", 1)[0]
        entry = httpx.get(base, timeout=30).json()
        assert entry["@id"] == base and entry["navigation"].startswith(f"{base}navigation")
        # The edition's documents name their kinds, but --collections-by folder groups them by folder.
        root = httpx.get(f"{base}collection", timeout=30).json()
        assert root["description"] == "All the documents, by folder"
        assert [m["title"] for m in root["member"]] == ["Documents"]
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
