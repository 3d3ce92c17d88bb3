"""How `teikit check`'s comparison grows with the size of a transcript, on the inputs that once made it quadratic.

    .venv/bin/python bench/check.py                  # 50, 100, 200, 400 KB
    .venv/bin/python bench/check.py --sizes 20 40

Each row compares a transcript with its written-back text (teikit.check.compare, the
command's core): a long repetitive text with scattered changes (difflib took 211 s on
200 KB of it), a repetitive text without a single unique word, and a text with every
line changed. Linear time shows as seconds that double when the size doubles.
"""

from __future__ import annotations

import argparse
import time

from teikit.check import compare

SENTENCE = "Bush: the cat sat on the mat and the dog sat on the log.\n"


def cases(kilobytes: int) -> dict[str, tuple[str, str]]:
    repetitive = SENTENCE * (kilobytes * 1000 // len(SENTENCE))
    lines = repetitive.splitlines(keepends=True)
    every_line = "".join(f"{line.rstrip()} {n}\n" for n, line in enumerate(lines))
    return {
        "repetitive, 1 change in 100 lines": (repetitive, repetitive.replace("dog", "fox", len(lines) // 100)),
        "repetitive, no unique word, one dropped": (repetitive, repetitive.replace("log.", "", 1)),
        "every line changed": (repetitive, every_line),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400], help="kilobytes")
    arguments = parser.parse_args()
    print("| case | " + " | ".join(f"{size} KB" for size in arguments.sizes) + " |")
    print("|---|" + "---:|" * len(arguments.sizes))
    rows: dict[str, list[str]] = {}
    for size in arguments.sizes:
        for name, (transcript, exported) in cases(size).items():
            started = time.perf_counter()
            compare(transcript, exported)
            rows.setdefault(name, []).append(f"{time.perf_counter() - started:.2f} s")
    for name, cells in rows.items():
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
