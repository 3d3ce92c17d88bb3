"""How long `teikit edit` takes from an action to its validated save, on the edition's largest document
and on a synthetic record of about 1 MB.

    .venv/bin/python bench/edit.py                 # prints a Markdown table
    .venv/bin/python bench/edit.py --size 200000 --repeat 3

Each action is a real request to the editor's server (teikit.server on 127.0.0.1, port 0) with the
token, the Origin and the If-Match a browser sends: tag a word as a person, which reads the file,
applies the action, checks the witness's words (`teikit export text`), validates the whole file
with the edition's profile (XSD 1.1 and Schematron) beside it, renames it into place and answers
with the new state (reading view included). The columns break the time down by what the server
does; the median of --repeat actions is reported.
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
from teikit.edit.source import Source, sha256
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
    totals, saves, validation, witness, render = [], [], [], [], []
    with running(app) as url:
        headers = {"x-teikit-token": token, "origin": url.rstrip("/")}
        for _ in range(repeat):
            source = opened.read(name)
            node, start, end = word_points(source, 1, rng)[0]
            payload = {"action": "tag", "params": {"kind": "person", "ref": "bush", "start": [node, start],
                                                   "end": [node, end]}}
            # What the server does from the action to the file renamed into place …
            started = time.perf_counter()
            opened.act(name, "tag", payload["params"], sha256(source.data))
            saves.append(time.perf_counter() - started)
            source = opened.read(name)
            node, start, end = word_points(source, 1, rng)[0]
            payload["params"].update(start=[node, start], end=[node, end])
            # … and the whole request, with the page's new state (reading view, offsets, findings).
            started = time.perf_counter()
            response = httpx.post(f"{url}api/documents/{name}/actions", json=payload, timeout=120,
                                  headers={**headers, "if-match": f'"{sha256(source.data)}"'})
            totals.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {response.json()['error']}")
            path = opened.path(name)
            started = time.perf_counter()
            opened.findings(path)
            validation.append(time.perf_counter() - started)
            started = time.perf_counter()
            opened.witness.words(opened.read(name).root)
            witness.append(time.perf_counter() - started)
            started = time.perf_counter()
            view.state(name)
            render.append(time.perf_counter() - started)
    opened.close()
    size = (folder / name).stat().st_size
    return {"size": size, "save": statistics.median(saves), "total": statistics.median(totals), "validation": statistics.median(validation),
            "witness": statistics.median(witness), "state": statistics.median(render)}


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
        print("| document | size | action → validated save | with the page's new state (HTTP) | validation | "
              "witness's words | state for the page |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name in (largest.name, big.name):
            row = measure(folder, name, options.repeat)
            print(f"| {name} | {row['size'] / 1000:,.0f} KB | {row['save'] * 1000:,.0f} ms | {row['total'] * 1000:,.0f} ms | "
                  f"{row['validation'] * 1000:,.0f} ms | {row['witness'] * 1000:,.0f} ms | {row['state'] * 1000:,.0f} ms |")


if __name__ == "__main__":
    main()
