"""Does a TEI file still hold every word of its transcript?

The TEI is written back in the transcript's conventions (``teikit export text``)
and compared with the transcript word by word, white space folded. Each
difference is located in the transcript, where an editor can look it up.

The comparison is a patience diff: words that occur once in both texts anchor
the alignment, and only the stretches between anchors are aligned word by word,
so that long and repetitive transcripts are compared in about linear time.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from teikit.convert.source import decode_transcript
from teikit.errors import InputError
from teikit.tei import TEI_NS, parse

_WORD = re.compile(r"\S+")
# Stretches without an anchor are aligned word by word up to this many word pairs (difflib is
# quadratic); a longer one is reported as one difference.
_ALIGNED_PAIRS = 4_000_000
MAX_TRANSCRIPT_MB = 32


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
    line, line_start, counted = 1, 0, 0
    for match in _WORD.finditer(text):
        newlines = text.count("\n", counted, match.start())
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, match.start()) + 1
        counted = match.start()
        found.append(Word(match.group(), line, match.start() - line_start + 1))
    return found


Opcode = tuple[str, int, int, int, int]


def _unique_anchors(a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of words found exactly once in a[alo:ahi] and in b[blo:bhi], in the longest
    order both texts agree on (patience sorting)."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
    # Longest increasing subsequence of the b positions, in O(n log n).
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        place = bisect.bisect_left(tails, j)
        if place == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[place] = j
            tail_index[place] = index
        previous[index] = tail_index[place - 1] if place else -1
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib-style opcodes (equal, replace, delete, insert) turning ``a`` into ``b``."""
    result: list[Opcode] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        head = alo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo, blo = alo + 1, blo + 1
        if alo > head:
            result.append(("equal", head, alo, blo - (alo - head), blo))
        tail = 0
        while alo < ahi - tail and blo < bhi - tail and a[ahi - tail - 1] == b[bhi - tail - 1]:
            tail += 1
        if tail:
            result.append(("equal", ahi - tail, ahi, bhi - tail, bhi))
            ahi, bhi = ahi - tail, bhi - tail
        if alo == ahi or blo == bhi:
            if alo < ahi or blo < bhi:
                result.append(("delete" if blo == bhi else "insert", alo, ahi, blo, bhi))
            continue
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            edges = [(alo, blo), *((i + 1, j + 1) for i, j in anchors)]
            ends = [*anchors, (ahi, bhi)]
            for (i, j), (start_a, start_b) in zip(ends, edges, strict=True):
                stack.append((start_a, i, start_b, j))
            result += [("equal", i, i + 1, j, j + 1) for i, j in anchors]
        elif (ahi - alo) * (bhi - blo) <= _ALIGNED_PAIRS:
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            result += [(t, i1 + alo, i2 + alo, j1 + blo, j2 + blo) for t, i1, i2, j1, j2 in matcher.get_opcodes()]
        else:
            result.append(("replace", alo, ahi, blo, bhi))
    result.sort(key=lambda op: (op[1], op[3], op[0] != "equal"))
    merged: list[Opcode] = []
    for op in result:
        if op[0] == "equal" or not merged or merged[-1][0] == "equal":
            merged.append(op)
        else:
            _, i1, _, j1, _ = merged[-1]
            merged[-1] = ("replace", i1, op[2], j1, op[4])
    return merged


def compare(transcript: str, exported: str) -> list[Difference]:
    """Where ``exported`` departs from ``transcript``, white space folded, located in the transcript."""
    expected, found = words(transcript), words(exported)
    differences = []
    for tag, i1, i2, j1, j2 in _opcodes([w.text for w in expected], [w.text for w in found]):
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


def project_of(document: Path) -> Path:
    """The project a TEI file belongs to: the folder that holds its folder (``tei/`` beside ``seeds/``)."""
    return document.resolve().parent.parent


def check_recorded(document: Path, transcript: Path) -> None:
    """Refuse a recorded transcript that lies outside the TEI file's project.

    The path comes from inside the TEI file, which may come from anyone: it must not make
    `check` read /etc/passwd or a device. A transcript named with --against is the user's choice.
    """
    project = project_of(document)
    resolved = transcript.resolve()
    if not resolved.is_relative_to(project):
        raise InputError(
            document,
            f"records its transcript as {transcript}, which is outside the project {project}; "
            "check only reads transcripts inside the project: name the transcript with --against",
        )


def read_checked(transcript: Path, max_mb: int = MAX_TRANSCRIPT_MB) -> str:
    """The text of a transcript for `check`: a regular file of at most ``max_mb`` megabytes."""
    try:
        status = os.stat(transcript)
    except OSError as exc:
        raise InputError(transcript, f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file (a device, pipe or socket)"
        raise InputError(transcript, f"is {kind}; a transcript is a text file")
    limit = max_mb * 1_000_000
    if status.st_size > limit:
        raise InputError(
            transcript,
            f"is {status.st_size / 1e6:.0f} MB, more than the {max_mb} MB `check` reads; "
            f"raise the limit with --max-size {int(status.st_size / 1e6) + 1}",
        )
    try:
        with open(transcript, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(transcript, f"cannot be read: {exc.strerror}") from None
    if len(data) > limit:
        raise InputError(transcript, f"grew beyond {max_mb} MB while being read; raise the limit with --max-size")
    return decode_transcript(transcript, data)
