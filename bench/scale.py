"""How the cost of teikit's commands grows with the corpus: validate, build web, build print (edition.pdf)
and the exports on synthetic corpora of several sizes, jing on the same files as the reference.

    .venv/bin/python bench/scale.py                       # 100 and 1,000 documents
    .venv/bin/python bench/scale.py --sizes 100 1000 10000 --skip print

Each command runs as a user runs it (a process of its own, start-up included); its wall-clock time,
CPU seconds (user + system, of it and the processes it waited for) and peak memory (the largest
resident set among them, from wait4) are measured, and the cost per document at each size, so that
a cost growing faster than the corpus shows. The corpora are made by bench/make_corpus.py (5 KB to
1 MB a document, valid); one of 10,000 is the 1,000 synthesised documents ten times over. Prints a Markdown table for the README; each row also goes to standard
error as soon as it is measured. A command still running after --timeout seconds is stopped and
its row says so; `build print` runs only up to PRINT_LIMIT documents (see there).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "relaxng" / "tei_all.rng"
EXPORTS = ["csv", "epub", "docx", "markdown", "rdf", "tei-publisher", "dts"]
KEYS = ["validate", "jing", "web", "print", *EXPORTS]
SYNTHESISED = 1000
# The book is typeset in bounded parts (teikit.printing.parts): the documents transformed one at a
# time, typeset in groups of 0.5 MB of TEI, the back matter in runs cut between entries (about 15,000
# marks each), and the parts merged by a writer that holds one part at a time. Measured at 300
# documents: teikit 280 MB, the merge 321 MB, a run of the back matter 1.2 GB (the ledger's table,
# now cut after 3,000 rows; the most-cited index entry's run still grows with the book). The time grows linearly, some 12 CPU s per MB of TEI:
# the 10,000 documents' 1.8 GB, some 6 CPU hours on this 2-core machine, are skipped, saying so.
PRINT_LIMIT = 1000
PRINT_SKIPPED = "skipped: some 6 CPU hours of Typst"
PRINT_LABEL = "teikit build print (edition.pdf)"


class Measure:
    """Wall seconds, CPU seconds, peak MB and exit status of one command; ``timed_out`` when stopped."""

    def __init__(self, wall: float, cpu: float, megabytes: float, status: int, timed_out: bool) -> None:
        self.wall, self.cpu, self.megabytes, self.status, self.timed_out = wall, cpu, megabytes, status, timed_out

    def cell(self, documents: int) -> str:
        if self.timed_out:
            return f"stopped after {self.wall:.0f} s ({self.cpu:.0f} CPU s, {self.megabytes:,.0f} MB)"
        failed = f" (exit {self.status})" if self.status not in (0, 1) else ""
        return (f"{self.wall:,.1f} s / {self.cpu:,.1f} CPU s / {self.megabytes:,.0f} MB / "
                f"{self.wall / documents * 1000:,.1f} ms{failed}")


def measured(argv: list[str], cwd: Path, timeout: float | None) -> Measure:
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        # A session of its own, so that a command stopped at the timeout takes its workers with it.
        process = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=null, start_new_session=True)
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:  # it ended as the timer fired
                pass

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        if timer:
            timer.cancel()
    return Measure(time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   os.waitstatus_to_exitcode(status), stopped.is_set())


def commands(corpus: Path, out: Path, skip: set[str], typst_timeout: float) -> list[tuple[str, list[str]]]:
    """What runs on ``corpus``; Typst is allowed ``typst_timeout`` seconds (build print's own default,
    600 s, is too short for the 100-document book on a loaded machine)."""
    teikit = str(BIN / "teikit")
    documents = sorted(str(p) for p in corpus.glob("*.xml") if p.name != "register.xml")
    found = [
        ("validate", "teikit validate --no-cache (the profile), 1 process", [teikit, "validate", "--no-cache", str(corpus)]),
        ("validate", "teikit validate --no-cache --jobs 2", [teikit, "validate", "--no-cache", "--jobs", "2", str(corpus)]),
        ("jing", "jing tei_all.rng, one call", ["jing", str(TEI_ALL), *documents]),
        ("web", "teikit build web, clean", [teikit, "build", "web", str(corpus), "-o", str(out / "web"), "--clean"]),
        ("web", "teikit build web, nothing changed", [teikit, "build", "web", str(corpus), "-o", str(out / "web")]),
        ("print", PRINT_LABEL, [teikit, "build", "print", str(corpus), "-o", str(out / "print"),
                                                     "--edition-only", "--timeout", str(typst_timeout)]),
    ]
    for export in EXPORTS:
        found.append((export, f"teikit export {export}", [teikit, "export", export, str(corpus), "-o", str(out / export)]))
    return [(label, argv) for key, label, argv in found if key not in skip]


def made(folder: Path, size: int) -> Path:
    """``folder``/corpus-``size``, made unless it is there: made under another name first, so that
    a corpus-N folder is always whole. Beyond SYNTHESISED documents, the synthesised ones several
    times over (hard links under other names): synthesising takes about a second a document."""
    corpus = folder / f"corpus-{size}"
    if corpus.is_dir():
        return corpus
    making = corpus.with_name(f"{corpus.name}.{os.getpid()}")
    if size <= SYNTHESISED:
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--docs", str(size),
                        "--out", str(making)], check=True, stdout=subprocess.DEVNULL)
    else:
        synthesised = made(folder, SYNTHESISED)
        documents = sorted(p for p in synthesised.glob("*.xml") if p.name != "register.xml")
        making.mkdir()
        os.link(synthesised / "register.xml", making / "register.xml")
        for number in range(size):
            os.link(documents[number % len(documents)], making / f"doc-{number:05d}.xml")
    making.rename(corpus)
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--skip", nargs="*", default=[], help="validate, jing, web, print, or an export's name")
    parser.add_argument("--only", nargs="*", default=None, help="the commands to run, named as for --skip")
    parser.add_argument("--timeout", type=float, default=None, help="stop a command after this many seconds")
    parser.add_argument("--corpora", type=Path, default=None,
                        help="keep the corpora in this folder (corpus-N), and use those already there, so that "
                             "several runs (one command each, say) share them")
    arguments = parser.parse_args()
    skip = set(arguments.skip) | (set(KEYS) - set(arguments.only) if arguments.only is not None else set())
    rows: dict[str, dict[int, Measure | str]] = {}
    with tempfile.TemporaryDirectory(prefix="teikit-scale-") as scratch:
        scratch = Path(scratch)
        for size in arguments.sizes:
            corpus = made(arguments.corpora or scratch, size)
            for label, argv in commands(corpus, scratch / f"out-{size}", skip | ({"print"} if size > PRINT_LIMIT else set()),
                                        arguments.timeout or 3600):
                result = measured(argv, scratch, arguments.timeout)
                rows.setdefault(label, {})[size] = result
                print(f"{size}\t{label}\t{result.cell(size)}\tload {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
            if "print" not in skip and size > PRINT_LIMIT:
                rows.setdefault(PRINT_LABEL, {})[size] = PRINT_SKIPPED
            shutil.rmtree(scratch / f"out-{size}", ignore_errors=True)
            if arguments.corpora is None:
                shutil.rmtree(corpus, ignore_errors=True)
    sizes = arguments.sizes
    print(f"`bench/scale.py` on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end: "
          "wall seconds / CPU seconds / peak MB / wall ms per document\n")
    print("| command | " + " | ".join(f"{n:,} documents" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for label, by_size in rows.items():
        cells = [by_size[n] if isinstance(by_size.get(n), str) else by_size[n].cell(n) if n in by_size else "—"
                 for n in sizes]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
