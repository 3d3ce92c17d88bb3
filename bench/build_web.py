"""How long `teikit build web` takes: the edition in tei/, the real TEI of other projects in
tests/corpus/tei (no register), and a synthetic corpus of many documents.

    .venv/bin/python bench/build_web.py              # the edition, and 1,000 documents
    .venv/bin/python bench/build_web.py --documents 200 --repeat 1

Prints a Markdown table (wall-clock seconds; the phases overlap where noted) for docs/web.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from web_corpus import make_corpus

from teikit.web.site import Site, build_site

ROOT = Path(__file__).resolve().parents[1]


def best_of(repeat: int, build) -> Site:
    runs = [build() for _ in range(repeat)]
    return sorted(runs, key=lambda site: site.seconds)[len(runs) // 2]


def row(label: str, site: Site) -> str:
    phases = site.phases
    per_document = phases["document pages"] / site.documents * 1000
    return (
        f"| {label} | {site.documents} | {site.workers} | {site.seconds:.2f} | {phases['reading']:.2f} | "
        f"{phases['document pages']:.2f} ({per_document:.1f} ms a document) | {phases['edition pages']:.2f} | "
        f"{phases['search index']:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="size of the synthetic corpus [1000]")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind; the median is shown [3]")
    arguments = parser.parse_args()
    edition = sorted(p for p in (ROOT / "tei").glob("*.xml") if p.name != "register.xml")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        rows.append(row("the edition (tei/)", best_of(arguments.repeat, lambda: build_site(
            edition, scratch / "edition", ROOT / "tei" / "register.xml"))))
        others = sorted((ROOT / "tests" / "corpus" / "tei").rglob("*.xml"))
        if others:
            rows.append(row("other projects' TEI (tests/corpus/tei), no register", best_of(
                arguments.repeat, lambda: build_site(others, scratch / "others"))))
        corpus = make_corpus(arguments.documents, scratch / "corpus")
        register = scratch / "corpus" / "register.xml"
        for jobs in sorted({1, os.cpu_count() or 1}, reverse=True):
            site = best_of(arguments.repeat, lambda: build_site(corpus, scratch / "corpus-site", register, jobs=jobs))
            rows.append(row(f"synthetic corpus, {jobs} process{'es' if jobs > 1 else ''}", site))
    print(f"`bench/build_web.py` on {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"median of {arguments.repeat} builds:\n")
    print("| build | documents | processes | total (s) | reading and copying (s) | document pages (s) | edition pages (s) | search index (s) |")
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    print("\n".join(rows))
    print("\nThe search index is built while the edition pages are written; the total is wall-clock time.")


if __name__ == "__main__":
    main()
