"""How long `teikit edit` takes from an action to its validated save, on the edition's largest document
and on a synthetic record of about 1 MB.

    .venv/bin/python bench/edit.py                 # prints a Markdown table
    .venv/bin/python bench/edit.py --size 200000 --repeat 3

Each action is a real request to the editor's server (teikit.server on 127.0.0.1, port 0) with the
token, the Origin and the If-Match a browser sends: tag a word as a person, which reads the file,
applies the action, checks the witness's words (`teikit export text`), validates the whole file
with the edition's profile (XSD 1.1 and Schematron) beside it, renames it into place and answers
with what the page needs: the changed turn's rendering, the source and where its text nodes are.
The columns break the time down by what the server does (opening the document, which renders the
whole reading view, for comparison); the median of --repeat actions is reported.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import seeds, synthesise

from teikit.edit.actions import text_nodes
from teikit.edit.app import create_app
from teikit.edit.source import Source
from teikit.edit.store import Folder
from teikit.edit.view import View
from teikit.server import running
from teikit.tei import serialize, xml_models

ROOT = Path(__file__).resolve().parents[1]


def word_points(source: Source, count: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """Words in paragraphs of the text that a person tag can wrap."""
    found = []
    for number, (owner, kind) in enumerate(text_nodes(source.root)):
        container = owner if kind == "text" else owner.getparent()
        if not container.tag.endswith("}p") or not container.xpath("ancestor::*[local-name()='body']"):
            continue
        value = owner.text if kind == "text" else owner.tail
        at = value.find(" the ")
        if at >= 0:
            found.append((number, at + 1, at + 4))
    return rng.sample(found, min(count, len(found)))


def measure(folder: Path, name: str, repeat: int) -> dict[str, float]:
    opened = Folder(folder, editor="bench")
    view = View(opened)
    app, token = create_app(opened)
    rng = random.Random(1990)
    times: dict[str, list[float]] = {key: [] for key in ("save", "patch", "total", "validation", "witness", "open")}

    cpu: dict[str, list[float]] = {key: [] for key in times}

    def timed(key, call):
        # CPU seconds too (of every thread of this process, Saxon's included): on a busy machine
        # they say what the work costs when the wall-clock time also counts waiting for a core.
        started, started_cpu = time.perf_counter(), time.process_time()
        result = call()
        times[key].append(time.perf_counter() - started)
        cpu[key].append(time.process_time() - started_cpu)
        return result

    def tag_a_word() -> dict:
        node, start, end = word_points(opened.read(name), 1, rng)[0]
        return {"kind": "person", "ref": "bush", "start": [node, start], "end": [node, end]}

    with running(app) as url:
        headers = {"x-teikit-token": token, "origin": url.rstrip("/")}
        for _ in range(repeat):
            # What the server does from the action to the file renamed into place …
            params = tag_a_word()
            saved = timed("save", lambda: opened.act(name, "tag", params, opened.read(name).hash))
            # … then what the page is sent: the changed turn's rendering, the source and its offsets …
            state = timed("patch", lambda: view.state(name, saved.findings, saved))
            if state["patch"] is None:
                raise SystemExit(f"{name}: the page would be rendered whole after tagging a word")
            # … and the whole request, as the browser makes it.
            params = tag_a_word()
            response = timed("total", lambda: httpx.post(
                f"{url}api/documents/{name}/actions", json={"action": "tag", "params": params}, timeout=120,
                headers={**headers, "if-match": f'"{opened.read(name).hash}"'}))
            if response.status_code != 200:
                raise SystemExit(f"{name}: {response.json()['error']}")
            path = opened.path(name)
            timed("validation", lambda: opened.findings(path))
            timed("witness", lambda: opened.witness.words(opened.read(name).root))
            timed("open", lambda: view.state(name))  # opening the document: the whole reading view
    opened.close()
    return {"size": (folder / name).stat().st_size, **{key: statistics.median(v) for key, v in times.items()},
            **{f"{key} cpu": statistics.median(v) for key, v in cpu.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of the synthetic record")
    parser.add_argument("--repeat", type=int, default=5, help="actions per document; the median is reported")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "tei"
        shutil.copytree(ROOT / "tei", folder)
        largest = max((p for p in folder.glob("*.xml") if p.name != "register.xml"), key=lambda p: p.stat().st_size)
        with tempfile.TemporaryDirectory() as converted:
            record = next(t for t in seeds(Path(converted)) if t.find(".//{http://www.tei-c.org/ns/1.0}sp") is not None)
        big = folder / "synthetic-record.xml"
        big.write_bytes(serialize(synthesise(record, options.size, random.Random(1)), xml_models(big)))
        print("| document | size | action → validated save | page's patch | whole request (HTTP) | validation | "
              "witness's words | opening the document |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        rows = []
        for name in (largest.name, big.name):
            row = measure(folder, name, options.repeat)
            rows.append((name, row))
            print(f"| {name} | {row['size'] / 1000:,.0f} KB | " + " | ".join(
                f"{row[key] * 1000:,.0f} ms" for key in ("save", "patch", "total", "validation", "witness", "open")) + " |")
        print("\nCPU time of this process (the HTTP request's is the client's and the server's, in one process):\n")
        print("| document | action → validated save | page's patch | validation | witness's words | opening the document |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, row in rows:
            print(f"| {name} | " + " | ".join(
                f"{row[key + ' cpu'] * 1000:,.0f} ms" for key in ("save", "patch", "validation", "witness", "open")) + " |")


if __name__ == "__main__":
    main()
