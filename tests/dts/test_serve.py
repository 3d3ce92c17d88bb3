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
