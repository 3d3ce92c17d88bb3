"""How `teikit convert` grows with the size of a transcript, on the inputs that once made it quadratic.

    .venv/bin/python bench/convert_speed.py                  # 64, 128, 256, 512 KB
    .venv/bin/python bench/convert_speed.py --sizes 16 32

Each row converts one transcript (teikit.convert.transcript.convert, the command's core): a single
line after an unclosed "[" (a 518 KB one took more than 40 s), the same with words, many "**"
openers without a closer, an article's unclosed quotation marks, and a long record of ordinary
turns. Linear time shows as seconds that double when the size doubles. Each cell gives the wall-clock
seconds and, in parentheses, the CPU seconds of the conversion (the machine's load shows in their gap).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit.convert.register import Register  # noqa: E402
from teikit.convert.transcript import convert  # noqa: E402


def cases(size: int) -> dict[str, str]:
    return {
        'unclosed "[" then one long token': "Bush: [" + "x" * size + "\n",
        'unclosed "[" then words': "Bush: Hello.\n\nKohl: [" + "word " * (size // 5) + "\n",
        '"**" openers without a closer': "Bush: " + "**a " * (size // 4) + "\n",
        "article, unclosed quotation marks": "== H ==\n" + '"a ' * (size // 3) + "\n",
        "record of short turns": "".join(f"Bush: Point {n}.\n\nKohl: Yes.\n\n" for n in range(size // 30)),
        "court: Q and A, then examination lines": "Q Why?\nA So.\n" * (size // 24)
        + "".join(f"BY MR. SMITH:\nQ Point {n}?\nA Yes.\n" for n in range(size // 60)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 128, 256, 512], help="kilobytes")
    arguments = parser.parse_args()
    register = Register.load(ROOT / "tei" / "register.xml")
    rows: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for size in arguments.sizes:
            for name, text in cases(size * 1000).items():
                source = folder / "transcript.txt"
                source.write_text(text, encoding="utf-8")
                started, cpu = time.perf_counter(), time.process_time()
                convert(source, folder, register)
                wall, cpu = time.perf_counter() - started, time.process_time() - cpu
                rows.setdefault(name, []).append(f"{wall:.2f} s ({cpu:.2f} s CPU)")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| case | " + " | ".join(f"{size} KB" for size in arguments.sizes) + " |")
    print("|---|" + "---:|" * len(arguments.sizes))
    for name, cells in rows.items():
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
