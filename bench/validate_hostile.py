"""How `teikit validate` copes with inputs built to be slow (issue 10): time per size, which must grow linearly.

    .venv/bin/python bench/validate_hostile.py [--sizes 1000 2000 4000 8000]

Rows: one element with N undeclared attributes (each one finding); a prefixDef whose matchPattern
backtracks without end ("(a+)+$") tried on pointers of N characters. Each is a fresh process.
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
TEIKIT = Path(sys.executable).with_name("teikit")
RECORD = ROOT / "tests" / "validate" / "fixtures" / "valid" / "record.xml"


def timed(document: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(TEIKIT), "validate", "--no-cache", str(document)], env=env, capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    arguments = parser.parse_args()
    text = RECORD.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copy(RECORD.with_name("register.xml"), folder / "register.xml")
        env = {**os.environ, "TEIKIT_CACHE_DIR": str(folder / "cache"), "CI": "true"}
        timed(RECORD, env)  # compile the schemas once
        print("| input | N | seconds | ms per unit |")
        print("|---|---:|---:|---:|")
        for size in arguments.sizes:
            crowded = folder / f"attributes-{size}.xml"
            attributes = " ".join(f'a{n}="v"' for n in range(size))
            crowded.write_text(text.replace("<p>Greetings", f"<p {attributes}>Greetings", 1), encoding="utf-8")
            seconds = timed(crowded, env)
            print(f"| element with N undeclared attributes | {size} | {seconds:.2f} | {seconds / size * 1000:.3f} |", flush=True)
        for size in arguments.sizes:
            runaway = folder / f"pattern-{size}.xml"
            runaway.write_text(
                text.replace('matchPattern="([A-Za-z0-9_.-]+)"', 'matchPattern="(a+)+$"')
                .replace('ref="reg:moscow"', f'ref="reg:{"a" * size}b"'),
                encoding="utf-8",
            )
            seconds = timed(runaway, env)
            print(f'| matchPattern="(a+)+$" on a pointer of N characters | {size} | {seconds:.2f} | {seconds / size * 1000:.3f} |',
                  flush=True)


if __name__ == "__main__":
    main()
