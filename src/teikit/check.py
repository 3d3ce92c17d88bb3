"""Does a TEI file still hold every word of its transcript?

The TEI is written back in the transcript's conventions (``teikit export text``)
and compared with the transcript word by word, white space folded. Each
difference is located in the transcript, where an editor can look it up.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from teikit.tei import TEI_NS, parse

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Word:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Difference:
    line: int
    column: int
    expected: str
    found: str

    def describe(self, transcript: Path) -> str:
        def shown(words: str) -> str:
            return f'"{words if len(words) <= 120 else words[:117] + "..."}"' if words else "nothing"

        return f"{transcript}:{self.line}:{self.column}: expected {shown(self.expected)} found {shown(self.found)}"


def words(text: str) -> list[Word]:
    found: list[Word] = []
    line, line_start = 1, 0
    for match in _WORD.finditer(text):
        line += text.count("\n", line_start, match.start())
        line_start = match.start()
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(Word(match.group(), line, column))
    return found


def compare(transcript: str, exported: str) -> list[Difference]:
    """Where ``exported`` departs from ``transcript``, white space folded, located in the transcript."""
    expected, found = words(transcript), words(exported)
    matcher = difflib.SequenceMatcher(None, [w.text for w in expected], [w.text for w in found], autojunk=False)
    differences = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        anchor = expected[i1] if i1 < len(expected) else (expected[-1] if expected else Word("", 1, 1))
        differences.append(
            Difference(
                anchor.line,
                anchor.column,
                " ".join(w.text for w in expected[i1:i2]),
                " ".join(w.text for w in found[j1:j2]),
            )
        )
    return differences


def recorded_transcript(document: Path) -> Path | None:
    """The transcript a TEI file says it was converted from (its revisionDesc), if it says so."""
    targets = parse(document).xpath("//tei:revisionDesc/tei:change/tei:ref/@target", namespaces={"tei": TEI_NS})
    return Path(os.path.normpath(document.parent / targets[0])) if targets else None
