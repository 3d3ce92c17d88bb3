"""How fast `teikit validate` is, end to end (start-up included), against jing on the same files.

    .venv/bin/python bench/validate.py                       # 1,000 documents, prints a Markdown table
    .venv/bin/python bench/validate.py --docs 200 --repeat 1

Each row is one command over the same synthetic corpus (bench/make_corpus.py), run as a user runs it:
a fresh process, wall-clock time (best of --repeat) and the peak memory of that process (its
children included, for --jobs), and the CPU seconds it used (which a busy machine inflates less). "First run" starts with an empty cache; the others find the compiled
schemas there; "--no-cache" rows check every file, the row after them takes the verdicts from the
cache. jing is Debian's package, given every file in one call, in the same run.
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

from make_corpus import make_corpus

ROOT = Path(__file__).resolve().parents[1]
TEIKIT = Path(sys.executable).with_name("teikit")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall-clock seconds, peak resident megabytes and CPU seconds (user + system) of one run of ``command``."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            out.seek(0)
            raise SystemExit(f"{' '.join(command[:4])} … failed ({process.returncode}):\n{out.read()[-3000:].decode()}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the best is reported")
    parser.add_argument("--tei-p5", type=Path, default=ROOT.parent / "shared" / "tei-p5", help="TEI's release schemas")
    arguments = parser.parse_args()
    grammar = arguments.tei_p5 / "relaxng" / "tei_all.rng"
    if not grammar.is_file():
        raise SystemExit(f"{grammar} not found: give the folder of TEI's schemas with --tei-p5")
    if shutil.which("jing") is None:
        raise SystemExit("jing not found: apt-get install jing")
    with tempfile.TemporaryDirectory() as scratch:
        files = make_corpus(arguments.docs, Path(scratch) / "corpus")
        names = [str(path) for path in files]
        megabytes = sum(path.stat().st_size for path in files) / 1e6
        cache = Path(scratch) / "cache"
        env = {**os.environ, "TEIKIT_CACHE_DIR": str(cache), "CI": "true"}
        cpus = os.cpu_count() or 1
        teikit = [str(TEIKIT), "validate"]
        rows = [
            ("`teikit validate --no-cache` (the edition's profile: XSD 1.1 + Schematron), one process, first run",
             [*teikit, "--no-cache", *names], True),
            ("`teikit validate --no-cache` (the profile), one process", [*teikit, "--no-cache", *names], False),
            (f"`teikit validate --no-cache --jobs {cpus}` (the profile)",
             [*teikit, "--no-cache", "--jobs", str(cpus), *names], False),
            ("`teikit validate` (the profile), every verdict from the cache", [*teikit, *names], False),
            ("`jing tei_all.rng`, all files in one call", ["jing", str(grammar), *names], False),
            ("`teikit validate --rng tei_all.rng`", [*teikit, "--rng", str(grammar), *names], False),
            (f"`teikit validate --rng tei_all.rng --jobs {cpus}`", [*teikit, "--rng", str(grammar), "--jobs", str(cpus), *names], False),
        ]
        print(f"{len(files)} documents, {megabytes:.0f} MB ({min(p.stat().st_size for p in files) / 1e3:.0f} KB to "
              f"{max(p.stat().st_size for p in files) / 1e6:.2f} MB), {cpus} CPUs\n")
        print("| command | seconds | documents/s | MB/s | CPU seconds | peak memory (MB) |")
        print("|---|---:|---:|---:|---:|---:|", flush=True)
        for label, command, cold in rows:
            runs = []
            for _ in range(1 if cold else arguments.repeat):
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                runs.append(timed(command, env))
            seconds, memory, cpu = min(runs)
            print(f"| {label} | {seconds:.2f} | {len(files) / seconds:.0f} | {megabytes / seconds:.1f} | {cpu:.1f} | "
                  f"{memory:.0f} |", flush=True)


if __name__ == "__main__":
    main()
