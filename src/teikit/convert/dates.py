"""Dates as transcripts write them, and their ISO 8601 form for ``@when``.

Where a date stands is found by its words (month and weekday names, day numbers, a
year); what it means is read by ``dateparser``, which knows the many ways of
writing one ("November 19, 1990", "19 Nov 1990", "Friday, December 21, 2001",
"1990-11-19", "11/19/1990", an archive's "1975/10/20", "June 1967"). A run of such
words without a year is no date: a transcript's "on the 21st" names no day we could check.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TOKEN = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|[12]\d{{3}}/(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])|[12]\d{{3}}(?!\d)|{_WEEKDAY}(?![a-z])|{_MONTH}(?![a-z])|"
    r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d))"
)
_SPAN = re.compile(rf"(?<![\w/-]){_TOKEN}(?:(?:,?\s+|,\s*|\s+of\s+|-){_TOKEN})*(?![\w/-])", re.I)
_PARTS = re.compile(rf"{_TOKEN}", re.I)
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    """A date in a text: where it stands and what it means.

    ``when`` is the day (YYYY-MM-DD); a month or a year alone has no ``when`` but the
    first and last day it can be, ``not_before`` and ``not_after``.
    """

    start: int
    end: int
    when: str | None
    not_before: str | None = None
    not_after: str | None = None

    @property
    def attributes(self) -> dict[str, str]:
        if self.when:
            return {"when": self.when}
        return {"notBefore": self.not_before or "", "notAfter": self.not_after or ""}


@functools.cache
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY", "STRICT_PARSING": False},
    )


@functools.lru_cache(maxsize=4096)
def _read(text: str) -> tuple[str, str | None, str | None, str | None] | None:
    """(period, when, not_before, not_after) of a run of date words, or None when it is no date."""
    if not _YEAR.search(text):
        return None
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    date = data.date_obj.date()
    year = _YEAR.search(text)
    if year is None or date.year != int(year.group()):
        return None
    if data.period == "day":
        if not re.search(r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)|\d{4}-\d{2}-\d{2}", text):
            return None
        return "day", date.isoformat(), None, None
    if data.period == "month":
        if not re.search(rf"(?<![a-z]){_MONTH}(?![a-z])", text, re.I):
            return None
        last = calendar.monthrange(date.year, date.month)[1]
        return "month", None, f"{date.year:04d}-{date.month:02d}-01", f"{date.year:04d}-{date.month:02d}-{last:02d}"
    if data.period == "year":
        return "year", None, f"{date.year:04d}-01-01", f"{date.year:04d}-12-31"
    return None


def _in_span(text: str, start: int, end: int, partial: bool) -> list[FoundDate]:
    """The dates within one run of date words: the whole run, or the longest pieces that read."""
    parts = list(_PARTS.finditer(text, start, end))
    found: list[FoundDate] = []
    first = 0
    while first < len(parts):
        for last in range(min(len(parts), first + 8) - 1, first - 1, -1):
            piece = text[parts[first].start() : parts[last].end()]
            read = _read(piece)
            if read and (read[0] == "day" or partial):
                period, when, not_before, not_after = read
                found.append(FoundDate(parts[first].start(), parts[last].end(), when, not_before, not_after))
                first = last + 1
                break
        else:
            first += 1
    return found


def find_dates(text: str, partial: bool = False) -> list[FoundDate]:
    """Every calendar date in ``text``, in order; with ``partial``, months and years alone too."""
    found: list[FoundDate] = []
    for span in _SPAN.finditer(text):
        if _YEAR.search(span.group()):
            found += _in_span(text, span.start(), span.end(), partial)
    return found


def whole_date(text: str) -> str | None:
    """The ISO date when ``text`` is nothing but a date, else None."""
    stripped = text.strip()
    if not _SPAN.fullmatch(stripped):
        return None  # a date alone is one run of date words: a long text is not read through
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(stripped):
        return dates[0].when
    return None


def document_date(text: str) -> FoundDate | None:
    """The first date of ``text``, a day if there is one, else the first month or year."""
    days = find_dates(text)
    if days:
        return days[0]
    partial = find_dates(text, partial=True)
    return partial[0] if partial else None
