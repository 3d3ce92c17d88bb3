"""How long `teikit export dts` takes: a clean export, an export again with nothing changed, and with
one document changed, on a copy of a corpus (bench/make_corpus.py's, or any TEI folder); then a clean
export of the changed corpus, which the incremental one must equal file for file.

    nice -n 19 .venv/bin/python bench/dts_export.py /tmp/bw/corpus-100

Each export runs as a user runs it (`teikit export dts`, a process of its own, start-up included):
wall-clock and CPU seconds (user + system), peak memory (wait4), the files written and the load
average when it ended. The changed document is the corpus's median one by size (its last
paragraph gets a word). Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def export(corpus: Path, output: Path, *extra: str) -> tuple[float, float, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen([str(BIN / "teikit"), "export", "dts", str(corpus), "-o", str(output), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    said = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 2):
        raise SystemExit(f"teikit export dts failed on {corpus}: {said}")
    files = said.strip().splitlines()[-1].split(" files")[0].rsplit(" ", 1)[-1]
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, files


def differing(first: Path, second: Path) -> list[str]:
    """The files that differ or are in one folder only (the kept index aside: its pages depend on its history)."""
    def files(folder: Path) -> set[str]:
        return {os.path.relpath(os.path.join(parent, name), folder) for parent, _, names in os.walk(folder)
                for name in names if name != "dts-index.sqlite"}

    mine, theirs = files(first), files(second)
    return sorted(mine ^ theirs) + sorted(name for name in mine & theirs
                                          if not filecmp.cmp(first / name, second / name, shallow=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="teikit-dts-export-", dir=Path.cwd()) as scratch:
        corpus = Path(scratch) / "tei"
        shutil.copytree(arguments.corpus, corpus)
        documents = sorted((p for p in corpus.glob("*.xml") if p.name != "register.xml"), key=lambda p: p.stat().st_size)
        median = documents[len(documents) // 2]
        output = Path(scratch) / "kept" / "dts"
        rows = [("clean", *export(corpus, output, "--clean")), ("nothing changed", *export(corpus, output))]
        text = median.read_text(encoding="utf-8")
        median.write_text(" Added.</p>".join(text.rsplit("</p>", 1)), encoding="utf-8")
        rows.append((f"one document changed ({median.stat().st_size // 1024} KB)", *export(corpus, output)))
        clean = Path(scratch) / "clean" / "dts"
        rows.append(("clean, after the change", *export(corpus, clean)))
        different = differing(output, clean)
    print(f"`teikit export dts` on {len(documents)} documents ({arguments.corpus}); load average at the end "
          f"{os.getloadavg()[0]:.1f}")
    print("\n| export | wall s | CPU s | peak MB | files |\n|---|---:|---:|---:|---:|")
    for label, wall, cpu, megabytes, files in rows:
        print(f"| {label} | {wall:,.2f} | {cpu:,.2f} | {megabytes:,.0f} | {files} |")
    print("\nThe incremental export equals the clean one." if not different
          else f"\nDIFFERENT from the clean export: {different[:5]}")
    if different:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
