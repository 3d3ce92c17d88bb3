"""How fast teikit's Schematron runs TEI's tei_all.isosch over the edition: a cold start (nothing cached) and a
warm start (the compiled schema taken from the cache), each in a fresh process, then documents per second.

    .venv/bin/python bench/schematron.py [--copies 300] [--schema ../shared/tei-p5/schematron/tei_all.isosch]

The documents are the files in tei/ plus ``--copies`` copies of them, so that the rate is not all start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCHEMA = ROOT.parent / "shared" / "tei-p5" / "schematron" / "tei_all.isosch"


def measure(schema: Path, documents: list[Path]) -> dict[str, float]:
    """Run in the child process: time the start (imports, compile or cache, Saxon) and the validation."""
    started = time.perf_counter()
    from teikit.validate.schematron import Schematron

    schematron = Schematron(schema)
    ready = time.perf_counter()
    findings = sum(len(schematron.validate(document)) for document in documents)
    done = time.perf_counter()
    return {"start": ready - started, "validate": done - ready, "documents": len(documents), "findings": findings}


def run(schema: Path, folder: Path, cache: Path) -> dict[str, float]:
    environment = dict(os.environ, TEIKIT_CACHE_DIR=str(cache))
    command = [sys.executable, __file__, "--measure", "--schema", str(schema), "--folder", str(folder)]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    parser.add_argument("--copies", type=int, default=300, help="extra copies of the tei/ files to validate")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure(options.schema, sorted(options.folder.glob("*.xml")))))
        return
    if not options.schema.is_file():
        sys.exit(f"{options.schema}: not found (TEI P5's schematron/tei_all.isosch; pass --schema)")
    edition = sorted((ROOT / "tei").glob("*.xml"))
    with tempfile.TemporaryDirectory(prefix="teikit-bench-") as scratch:
        folder, cache = Path(scratch) / "documents", Path(scratch) / "cache"
        folder.mkdir()
        for document in edition:
            shutil.copy(document, folder / document.name)
        for copy in range(options.copies):
            source = edition[copy % len(edition)]
            shutil.copy(source, folder / f"copy-{copy:05d}-{source.name}")
        print(f"{options.schema.name} over {len(edition)} edition files + {options.copies} copies")
        for label in ("cold (nothing cached)", "warm (compiled schema cached)"):
            timing = run(options.schema, folder, cache)
            rate = timing["documents"] / timing["validate"]
            print(
                f"{label:31} start {timing['start']:6.3f} s   {timing['documents']} documents in "
                f"{timing['validate']:6.2f} s = {rate:5.0f} docs/s   ({timing['findings']} findings)"
            )


if __name__ == "__main__":
    main()
