"""How the cost of teikit's commands grows with the corpus: validate, build web, build print (edition.pdf)
and the exports on synthetic corpora of several sizes, jing on the same files as the reference.

    .venv/bin/python bench/scale.py                       # 100 and 1,000 documents
    .venv/bin/python bench/scale.py --sizes 100 1000 10000 --skip print

Each command runs as a user runs it (a process of its own, start-up included); its wall-clock time
and peak memory (the largest resident set of it and the processes it waited for, from wait4) are
measured, and the cost per document at each size, so that a cost growing faster than the corpus
shows. The corpora are made by bench/make_corpus.py (5 KB to 1 MB a document, valid). Prints a
Markdown table for the README; each row also goes to standard error as soon as it is measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "relaxng" / "tei_all.rng"
EXPORTS = ["csv", "epub", "docx", "markdown", "rdf", "dts"]


def measured(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """Seconds, peak MB, exit status of one command."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=null)
        _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def commands(corpus: Path, out: Path, skip: set[str]) -> list[tuple[str, list[str]]]:
    teikit = str(BIN / "teikit")
    documents = sorted(str(p) for p in corpus.glob("*.xml") if p.name != "register.xml")
    found = [
        ("validate", "teikit validate --no-cache (the profile), 1 process", [teikit, "validate", "--no-cache", str(corpus)]),
        ("validate", "teikit validate --no-cache --jobs 2", [teikit, "validate", "--no-cache", "--jobs", "2", str(corpus)]),
        ("jing", "jing tei_all.rng, one call", ["jing", str(TEI_ALL), *documents]),
        ("web", "teikit build web, clean", [teikit, "build", "web", str(corpus), "-o", str(out / "web"), "--clean"]),
        ("web", "teikit build web, nothing changed", [teikit, "build", "web", str(corpus), "-o", str(out / "web")]),
        ("print", "teikit build print (edition.pdf)", [teikit, "build", "print", str(corpus), "-o", str(out / "print"),
                                                     "--edition-only"]),
    ]
    for export in EXPORTS:
        found.append((export, f"teikit export {export}", [teikit, "export", export, str(corpus), "-o", str(out / export)]))
    return [(label, argv) for key, label, argv in found if key not in skip]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--skip", nargs="*", default=[], help="validate, jing, web, print, or an export's name")
    arguments = parser.parse_args()
    skip = set(arguments.skip)
    rows: dict[str, dict[int, tuple[float, float, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="teikit-scale-") as scratch:
        scratch = Path(scratch)
        for size in arguments.sizes:
            corpus = scratch / f"corpus-{size}"
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--docs", str(size), "--out", str(corpus)],
                           check=True, stdout=subprocess.DEVNULL)
            for label, argv in commands(corpus, scratch / f"out-{size}", skip):
                result = measured(argv, scratch)
                rows.setdefault(label, {})[size] = result
                print(f"{size}\t{label}\t{result[0]:.1f} s\t{result[1]:.0f} MB\texit {result[2]}", file=sys.stderr, flush=True)
            shutil.rmtree(scratch / f"out-{size}", ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)
    sizes = arguments.sizes
    print(f"`bench/scale.py` on {os.cpu_count()} cores: seconds / peak MB / ms per document\n")
    print("| command | " + " | ".join(f"{n:,} documents" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for label, by_size in rows.items():
        cells = []
        for n in sizes:
            if n not in by_size:
                cells.append("—")
                continue
            seconds, megabytes, status = by_size[n]
            failed = f" (exit {status})" if status not in (0, 1) else ""
            cells.append(f"{seconds:.1f} s / {megabytes:.0f} MB / {seconds / n * 1000:.0f} ms{failed}")
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
