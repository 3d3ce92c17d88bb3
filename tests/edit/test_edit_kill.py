"""The editor's server killed (SIGKILL) in the middle of saves: a file is always the old version or
the new one, never torn, and nothing else in the folder is touched."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from teikit.edit.source import sha256
from teikit.edit.store import Folder
from tests.edit.conftest import PARIS, copy_edition

KILLS = 50
WORKERS = 5  # servers killed at once, each on its own copy of the edition


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-c", "from teikit.cli import main; main()", "edit", str(folder), "--editor", "Kill Test"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    found = re.search(r"(http://\S+)\?token=(\S+)", line)
    if not found:
        process.kill()
        raise AssertionError(f"the editor did not start: {line}{process.stderr.read()}")
    return process, found.group(0)


def expected_after(scratch: Folder, old: bytes, title: str) -> bytes:
    """The bytes a completed save of ``title`` makes of ``old`` (computed here, by the same code)."""
    path = scratch.path(PARIS)
    path.write_bytes(old)
    scratch.act(PARIS, "header", {"field": "title", "value": title}, sha256(old))
    return path.read_bytes()


def kill_cycles(base: Path, cycles: int, seed: int) -> list[str]:
    chance = random.Random(seed)
    folder = copy_edition(base / "live")
    scratch = Folder(copy_edition(base / "scratch"), editor="Kill Test")
    others = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != PARIS}
    outcomes = []
    duration = 0.0
    try:
        for cycle in range(cycles):
            old = (folder / PARIS).read_bytes()
            title = f"Record of the conversation, version {seed}-{cycle}"
            new = expected_after(scratch, old, title)
            process, url = start_server(folder)
            base_url, token = url.split("/?token=")
            headers = {"x-teikit-token": token, "origin": base_url, "if-match": f'"{sha256(old)}"'}
            httpx.get(f"{base_url}/api/documents/{PARIS}/version", headers=headers, timeout=30).raise_for_status()

            def save(base_url=base_url, headers=headers, title=title):
                try:
                    httpx.post(f"{base_url}/api/documents/{PARIS}/actions", headers=headers, timeout=30,
                               json={"action": "header", "params": {"field": "title", "value": title}})
                except httpx.HTTPError:
                    pass  # the server died under it

            request = threading.Thread(target=save)
            started = time.monotonic()
            request.start()
            if cycle == 0:  # the first save completes: how long one takes on this machine
                request.join()
                duration = time.monotonic() - started
            else:
                # The kill falls before, during or after the save (its reading, checking, validating,
                # writing and renaming).
                time.sleep(chance.uniform(0, duration * 1.2))
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            request.join()
            on_disk = (folder / PARIS).read_bytes()
            assert on_disk in (old, new), f"cycle {cycle}: the file is neither the old nor the new version"
            outcomes.append("new" if on_disk == new else "old")
            for name, data in others.items():
                assert (folder / name).read_bytes() == data
    finally:
        scratch.close()
    return outcomes


def test_killed_during_saves_every_file_is_old_or_new(tmp_path):
    per_worker = KILLS // WORKERS
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda w: kill_cycles(tmp_path / f"w{w}", per_worker, w), range(WORKERS)))
    outcomes = [o for r in results for o in r]
    assert len(outcomes) == KILLS
    # Both happened: kills before the rename and after it (else the test proved nothing).
    assert "old" in outcomes and "new" in outcomes, outcomes
    for worker in range(WORKERS):
        leftovers = [p.name for p in (tmp_path / f"w{worker}" / "live" / "tei").iterdir() if p.name.startswith(".")]
        # A temporary file a kill left behind is removed when the editor starts again.
        assert len(leftovers) <= 1, leftovers

