"""How long `teikit build print` takes: the edition in tei/, and a synthetic edition of 100 documents.

    python bench/build_print.py            # prints a Markdown table of wall-clock seconds

The synthetic documents come from bench/web_corpus.py: copies of those in tei/,
each with its own date, title and file name.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from web_corpus import make_corpus

from teikit.edition import find_documents
from teikit.printing.book import build_print

ROOT = Path(__file__).resolve().parents[1]
# The small edition is timed best of three; the large builds, once each.
RUNS = 3


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    tei = find_documents([ROOT / "tei"])
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        synthetic = make_corpus(100, Path(scratch) / "corpus")
        register = Path(scratch) / "corpus" / "register.xml"
        cases = [
            (f"tei/ ({len(tei)} documents): edition.pdf only", tei, ROOT / "tei" / "register.xml", RUNS, {"offprints": False}),
            (f"tei/ ({len(tei)} documents): edition.pdf and offprints", tei, ROOT / "tei" / "register.xml", RUNS, {}),
            ("100 synthetic documents: edition.pdf only", synthetic, register, 1, {"offprints": False}),
            ("100 synthetic documents: edition.pdf and 100 offprints, 1 process", synthetic, register, 1, {"jobs": 1}),
            (f"100 synthetic documents: edition.pdf and 100 offprints, {os.cpu_count()} processes",
             synthetic, register, 1, {"jobs": os.cpu_count()}),
        ]
        print("| build (A5) | seconds | pages of edition.pdf |")
        print("|---|---:|---:|", flush=True)
        for label, documents, reg, runs, options in cases:
            seconds, book = best_of(runs, lambda: build_print(documents, out, reg, **options))
            edition = next(o for o in book.outputs if o.path.name == "edition.pdf")
            print(f"| {label} | {seconds:.2f} | {edition.pages} |", flush=True)


if __name__ == "__main__":
    main()
