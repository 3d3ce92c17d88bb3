"""Dates as transcripts write them, and their ISO 8601 form for ``@when``."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    when: str


def _iso(match: re.Match[str]) -> str | None:
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return datetime.date(int(match["year"]), number, int(match["day"])).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every full calendar date in ``text``, in order, without overlaps."""
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            when = _iso(match)
            if when and not any(f.start < match.end() and match.start() < f.end for f in found):
                found.append(FoundDate(match.start(), match.end(), when))
    return sorted(found, key=lambda f: f.start)


def whole_date(text: str) -> str | None:
    """The ISO date when ``text`` is nothing but a date, else None."""
    dates = find_dates(text.strip())
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(text.strip()):
        return dates[0].when
    return None
