"""Time and peak memory of each export, for the edition in tei/ and synthetic corpora, clean and
incremental (a second export into the same folder after one document changed).

    nice -n 19 .venv/bin/python bench/exports.py                    # the edition, 100 and 1,000 documents
    .venv/bin/python bench/exports.py --docs 20 --formats csv rdf    # a quick check
    .venv/bin/python bench/exports.py --work /tmp/bench-exports      # keep (and reuse) the corpora there

Each export runs in a child process of its own, so that its peak memory (maximum resident set size,
of the largest of its processes: pandoc's too) is its own. The release bags what the other exports
wrote, so it runs last. Each export runs clean, then again after one document changed. Prints a Markdown table for the README.
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

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
TEIKIT = Path(sys.executable).with_name("teikit")
FORMATS = ["csv", "tsv", "json", "epub", "docx", "markdown", "rdf", "tei-publisher", "release"]
TEI_NS = "http://www.tei-c.org/ns/1.0"


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


def command(export: str, source: Path, build: Path) -> list[str]:
    if export == "release":
        return [str(TEIKIT), "release", str(source), "--build", str(build), "-o", str(build / "release")]
    return [str(TEIKIT), "export", export, str(source), "-o", str(build / "export" / export)]


def change_one_document(source: Path) -> None:
    """A word added to the first paragraph of the middle document: what an editor's correction does
    (each call adds one more)."""
    documents = sorted(p for p in source.glob("*.xml") if p.name != "register.xml")
    document = documents[len(documents) // 2]
    tree = etree.parse(str(document))
    paragraph = tree.find(f".//{{{TEI_NS}}}body//{{{TEI_NS}}}p")
    paragraph.text = (paragraph.text or "") + " corrected"
    tree.write(str(document), xml_declaration=True, encoding="UTF-8")


def corpus(work: Path, documents: int) -> Path:
    folder = work / f"corpus-{documents}"
    if not (folder / "register.xml").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--docs", str(documents),
                        "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="*", default=[100, 1000], help="sizes of the synthetic corpora [100 1000]")
    parser.add_argument("--formats", nargs="+", default=FORMATS, choices=FORMATS, help="exports to measure [all]")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpora (reused when there) and the outputs")
    parser.add_argument("--no-edition", action="store_true", help="leave the edition in tei/ out")
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        work = arguments.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        sets = [] if arguments.no_edition else [("the edition", ROOT / "tei")]
        sets += [(f"{n} synthetic", corpus(work, n)) for n in arguments.docs]
        for label, original in sets:
            # A copy: one of its documents is changed for the incremental run.
            source = work / "tei" / label.replace(" ", "-")
            shutil.rmtree(source, ignore_errors=True)
            shutil.copytree(original, source)
            count = len([p for p in source.glob("*.xml") if p.name != "register.xml"])
            build = work / "build" / label.replace(" ", "-")
            shutil.rmtree(build, ignore_errors=True)
            for export in arguments.formats:
                # Clean (into an empty folder), then again into the same folder after one document
                # changed: each export's own before and after, whatever ran before it.
                seconds, cpu, megabytes = measure(command(export, source, build))
                change_one_document(source)
                again = measure(command(export, source, build))
                row = (f"| {export} | {label} | {count} | {seconds:.1f} | {cpu:.1f} | {megabytes:.0f} | "
                       f"{1000 * cpu / count:.0f} | {again[0]:.1f} | {again[1]:.1f} | {again[2]:.0f} |")
                print(row, file=sys.stderr, flush=True)
                rows.append(row)
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"`bench/exports.py` on {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average at the end {load}:\n")
    print("| export | TEI | documents | seconds | CPU s | peak MB | CPU ms per document "
          "| one changed: seconds | CPU s | peak MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
