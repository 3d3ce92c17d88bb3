"""How long `teikit build web` takes to rebuild a site after a change: clean, nothing changed, one
document's text changed (its summary unchanged), one document's title changed (its summary and
its neighbours' pages change too), on a corpus of bench/make_corpus.py.

    .venv/bin/python bench/make_corpus.py --docs 1000 --out /tmp/c1000
    nice -n 19 .venv/bin/python bench/build_web_incremental.py /tmp/c1000 --repeat 5

Each build runs as a user runs it (`teikit build web`, a process of its own, start-up included):
wall-clock and CPU seconds (user + system, the processes it waited for included) and the phases
the build reports. The changed document is the corpus's median one by size; the corpus is left
as it was found. With --repeat N each incremental build is measured N times (the change made and
undone in turn) and its row is the slowest of them, so that a goal met is met every time. Prints a
Markdown table for docs/web.md and the README.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def build(corpus: Path, output: Path, *extra: str) -> tuple[float, float, dict]:
    started = time.perf_counter()
    process = subprocess.Popen([str(BIN / "teikit"), "build", "web", str(corpus), "-o", str(output), "--format", "json",
                                *extra], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"teikit build web failed on {corpus}")
    return seconds, usage.ru_utime + usage.ru_stime, json.loads(out)


def slowest(builds) -> tuple[float, float, dict]:
    """The build that took the most wall-clock seconds."""
    return max(builds, key=lambda measured: measured[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="measure each incremental build this many times")
    arguments = parser.parse_args()
    corpus = arguments.corpus
    documents = sorted((p for p in corpus.glob("*.xml") if p.name != "register.xml"), key=lambda p: p.stat().st_size)
    median = documents[len(documents) // 2]
    original = median.read_bytes()
    text = original.decode("utf-8")
    changes = {
        "text": " Added.</p>".join(text.rsplit("</p>", 1)),  # the last paragraph of the text
        "title": text.replace('<title type="main">', '<title type="main">Revised: ', 1),
    }
    assert all(changed != text for changed in changes.values()), "the median document has a <p> and a main title"
    rows = []
    with tempfile.TemporaryDirectory(prefix="teikit-web-incremental-") as scratch:
        output = Path(scratch) / "web"
        try:
            rows.append(("clean", *build(corpus, output, "--clean")))
            rows.append(("nothing changed", *slowest(build(corpus, output) for _ in range(arguments.repeat))))
            for label, changed in changes.items():
                def changed_build() -> tuple[float, float, dict]:
                    median.write_text(changed, encoding="utf-8")
                    measured = build(corpus, output)
                    median.write_bytes(original)
                    build(corpus, output)
                    return measured
                rows.append((f"one document's {label} changed ({len(original) // 1000} KB)",
                             *slowest(changed_build() for _ in range(arguments.repeat))))
        finally:
            median.write_bytes(original)
    load = os.getloadavg()
    print(f"`bench/build_web_incremental.py` on {len(documents):,} documents, {os.cpu_count()} cores, "
          f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end:\n")
    print("| build | seconds | CPU seconds | pages rendered | reading (s) | document pages (s) | edition pages (s) | search index (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, seconds, cpu, site in rows:
        phases = site["phases"]
        print(f"| {label} | {seconds:.2f} | {cpu:.2f} | {site['documents'] - site['reused']} | {phases['reading']:.2f} | "
              f"{phases['document pages']:.2f} | {phases['edition pages']:.2f} | {phases['search index']:.2f} |")
    print("\nThe search index is built while the edition pages are written; each time is wall-clock.")


if __name__ == "__main__":
    main()
