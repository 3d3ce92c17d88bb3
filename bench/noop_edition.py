"""How long `make edition` takes when nothing changed (issue 15: under 1 s).

    .venv/bin/python bench/noop_edition.py            # 10 runs after one full build

A clone of the repository's committed state in a temporary folder, with this checkout's .venv
linked in (so that nothing is installed: its pyproject.toml is dated before .venv/.installed, and
teikit runs from the code the venv was installed from, this checkout's). One full `make edition`
first, then `make edition` again --runs times: wall-clock seconds (median and slowest) and the CPU
seconds of make and everything it ran, and whether make ran any step (it must not).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"


def timed_make(clone: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and output of one `make edition` in ``clone``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(["make", "edition"], cwd=clone, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"make edition failed in {clone}:\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    arguments = parser.parse_args()
    installed = VENV / ".installed"
    if not installed.is_file():
        sys.exit(f"{installed} is missing: run `make edition` (or `make test`) here once first")
    with tempfile.TemporaryDirectory(prefix="teikit-noop-") as scratch:
        clone = Path(scratch) / "teikit"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        (clone / ".venv").symlink_to(VENV)
        stamp = installed.stat().st_mtime - 60
        os.utime(clone / "pyproject.toml", (stamp, stamp))
        first, first_cpu, _ = timed_make(clone)
        walls, cpus, ran = [], [], []
        for _ in range(arguments.runs):
            wall, cpu, output = timed_make(clone)
            walls.append(wall)
            cpus.append(cpu)
            ran += [line for line in output.splitlines() if "Nothing to be done" not in line]
    print(f"`bench/noop_edition.py` on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}: "
          f"the full build {first:.1f} s ({first_cpu:.1f} CPU s); with nothing changed, {arguments.runs} runs: "
          f"median {statistics.median(walls):.2f} s, slowest {max(walls):.2f} s, "
          f"CPU {statistics.median(cpus):.2f} s; steps run: {len(ran)}")
    for line in ran:
        print(f"  ran: {line}")


if __name__ == "__main__":
    main()
