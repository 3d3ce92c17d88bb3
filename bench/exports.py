"""Time and peak memory of each export, for the edition in tei/ and a synthetic corpus.

    .venv/bin/python bench/exports.py                 # the edition, and 1,000 documents
    .venv/bin/python bench/exports.py --docs 20       # a quick check

Each export runs in a child process of its own, so that its peak memory (maximum resident set
size) is its own. Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEIKIT = Path(sys.executable).with_name("teikit")
FORMATS = ["csv", "epub", "docx", "markdown", "rdf", "tei-publisher"]


def measure(arguments: list[str]) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds (with the child processes it waited for: pandoc) and peak memory
    (MB, of the largest of them) of one command. On a busy machine CPU seconds are the steadier number."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(arguments)} failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the synthetic corpus [1000]")
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        corpus = scratch / "corpus"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--docs", str(arguments.docs),
                        "--out", str(corpus)], check=True, stdout=subprocess.DEVNULL)
        count = len([p for p in corpus.glob("*.xml") if p.name != "register.xml"])
        for label, source, documents in (("the edition", ROOT / "tei", 3), ("synthetic corpus", corpus, count)):
            for export in FORMATS:
                seconds, cpu, megabytes = measure([str(TEIKIT), "export", export, str(source), "-o", str(scratch / label / export)])
                rows.append(f"| {export} | {label} | {documents} | {seconds:.2f} | {cpu:.2f} | {megabytes:.0f} |")
    print(f"`bench/exports.py` on {os.cpu_count()} cores, Python {sys.version.split()[0]}:\n")
    print("| export | TEI | documents | seconds | CPU seconds | peak memory (MB) |")
    print("|---|---|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
