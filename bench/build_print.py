"""How long `teikit build print` takes and how much memory Typst needs: the edition in tei/, a synthetic
edition of 100 documents, and single documents of 0.25 and 1 MB.

    python bench/build_print.py            # prints a Markdown table
    python bench/build_print.py 4 5        # only the cases numbered 4 and 5 (from 0)

The 100 synthetic documents come from bench/web_corpus.py (copies of those in tei/, each with its
own date, title and file name); the single large documents from bench/make_corpus.py's synthesis.
Each case runs in a process of its own, so that the peak memory of its Typst processes (the largest
one's resident set, from getrusage) is its own, and beside it the largest of any process of the build
(teikit's own, which transforms the TEI and merges a book typeset in parts, included); CPU seconds
are the case's own and its Typst processes' (user + system), which on a shared machine say more than
the wall-clock seconds, as the load average after the case says.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = [
    ("tei/ (3 documents): edition.pdf only", "tei", {"offprints": False}),
    ("tei/ (3 documents): edition.pdf and offprints", "tei", {}),
    ("100 synthetic documents: edition.pdf only", "synthetic", {"offprints": False}),
    ("100 synthetic documents: edition.pdf only, in one Typst run (--part-size 100)", "synthetic",
     {"offprints": False, "part_mb": 100}),
    ("100 synthetic documents: edition.pdf and 100 offprints, 1 process", "synthetic", {"jobs": 1}),
    (f"100 synthetic documents: edition.pdf and 100 offprints, {os.cpu_count()} processes", "synthetic",
     {"jobs": os.cpu_count()}),
    ("one document of 0.25 MB: its offprint", "0.25", {"edition": False}),
    ("one document of 1 MB: its offprint", "1", {"edition": False}),
]


def documents(kind: str, scratch: Path) -> tuple[list[Path], Path]:
    from teikit.edition import find_documents

    if kind == "tei":
        return find_documents([ROOT / "tei"]), ROOT / "tei" / "register.xml"
    if kind == "synthetic":
        from web_corpus import make_corpus

        return make_corpus(100, scratch / "corpus"), scratch / "corpus" / "register.xml"
    import make_corpus as synthesis

    from teikit.tei import serialize, xml_models

    originals = synthesis.seeds(scratch)
    path = scratch / f"large-{kind}.xml"
    path.write_bytes(serialize(synthesis.synthesise(originals[0], int(float(kind) * 1e6), random.Random(1)), xml_models(path)))
    return [path], ROOT / "tei" / "register.xml"


def run_case(number: int) -> None:
    from teikit.printing.book import build_print

    _, kind, options = CASES[number]
    with tempfile.TemporaryDirectory() as scratch:
        paths, register = documents(kind, Path(scratch))
        before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        book = build_print(paths, Path(scratch) / "out", register, timeout=3600, **options)  # a busy machine is slow
        seconds = time.perf_counter() - started
        assert not book.problems, book.problems
        children, own = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
        cpu = children.ru_utime + children.ru_stime + own.ru_utime + own.ru_stime - before.ru_utime - before.ru_stime
        print(json.dumps({"seconds": seconds, "cpu": cpu, "pages": max(o.pages for o in book.outputs),
                          "peak": children.ru_maxrss * 1024, "any": max(children.ru_maxrss, own.ru_maxrss) * 1024,
                          "load": os.getloadavg()[0],
                          "megabytes": sum(p.stat().st_size for p in paths) / 1e6}))


def main(numbers: list[int]) -> None:
    print("| build (A5) | MB of TEI | seconds | CPU seconds | pages of the largest PDF | peak memory of Typst "
          "| of any process | load average |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    for number in numbers:
        done = subprocess.run([sys.executable, __file__, "--case", str(number)], capture_output=True, text=True,
                              check=True, cwd=ROOT)
        result = json.loads(done.stdout.splitlines()[-1])
        print(f"| {CASES[number][0]} | {result['megabytes']:.2f} | {result['seconds']:.1f} | {result['cpu']:.1f} | {result['pages']} "
              f"| {result['peak'] / 2**20:,.0f} MB | {result['any'] / 2**20:,.0f} MB | {result['load']:.1f} |", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    if sys.argv[1:2] == ["--case"]:
        run_case(int(sys.argv[2]))
    else:
        main([int(n) for n in sys.argv[1:]] or list(range(len(CASES))))
