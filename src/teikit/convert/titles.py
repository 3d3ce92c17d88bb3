"""The document's own title and date, from the lines before its first turn.

A transcript names itself in a heading ("Memorandum of Conversation", "PRESS BRIEFING BY /
MIKE MCCURRY", "Exchange With Reporters at the University of New Orleans"), in the metadata
of the page it was copied from (a YAML ``title:``, a wiki page name), or in the citation a
site prints under it ("Ronald Reagan, Informal Exchange With Reporters Online by …"). Each
line before the first turn is weighed as a heading: its words name a kind of document, it is
set as a title (capitals, title case), it is short and it stands early; a sentence, a date, a
bracketed publication line or a web page's navigation is no title.

The date is the first full date after the title (a dateline), else the first before it
(a release line, a running head), else one in a date field or the page's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from teikit.convert.dates import FoundDate, document_date, find_dates
from teikit.convert.speakers import TITLES

KINDS = frozenset(
    """memorandum memcon conversation conversations transcript transcripts telephone telcon briefing briefings
    exchange remarks conference hearing hearings interview interviews record minutes statement meeting
    meetings session debate testimony discussion dialogue talks proceedings argument colloquy availability
    gaggle stakeout roundtable""".split()
)
_SMALL = frozenset("a an and the of in on at by for to with from between prior his her their its de".split())
_YAML = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_WIKI_PAGE = re.compile(r"^Page:(?P<title>.+?)\.(?:pdf|djvu|tiff?)/\d+$")
_CITATION = re.compile(r"^[^,\n]{3,60}, (?P<title>[^\n]{3,200}?) Online by [^\n]*American Presidency Project")
_NUMBERED = re.compile(r"^\d{1,4}\.\s+(?=[A-Z])")
_MARKER = re.compile(r"(?<=[a-z)\]’”])\d{1,2}$")
_CHROME = re.compile(
    r"^(?:view header|print(?: this document)?|share|bookmark and share|advertisement|skip to (?:main )?content|"
    r"menu|search|home|back to top|close|email|tweet|subscribe|sign in|log in|donate.*|"
    r"(?:the )?white house|office of the press secretary|for immediate release.*|news transcript(?: from\b.*)?|"
    r"press operations.*|(?:the )?briefing room|[^\n]*\bdonation\b[^\n]*|"
    r"pdf|epub|mobi|kindle|download(?: (?:pdf|epub))?|page images|immagini della pagina|"
    r".*\bprevious\b.*\bnext\b.*|.*\bnext\b.*\bprevious\b.*|page \d{1,5}\b.*|"
    # A row of a site's links ("SPEAKERS CONTENTS INSERTS", "PREV PAGE TOP OF DOC"): no word of it is the document's.
    r"(?:speakers|contents|inserts|index|home|search|menu|prev(?:ious)?|next|page|top of doc)"
    r"(?:\s+(?:speakers|contents|inserts|index|home|search|menu|prev(?:ious)?|next|page|top of doc))+)$",
    re.I,
)


@dataclass(frozen=True)
class Title:
    text: str
    line: int
    source: str  # where it was found, said in the header


def front_matter(text: str) -> dict[str, tuple[str, int]]:
    """The ``key: value`` fields of a YAML front matter block opening ``text``, with their lines."""
    match = _YAML.match(text)
    if not match:
        return {}
    fields: dict[str, tuple[str, int]] = {}
    key = None
    for number, line in enumerate(match["body"].split("\n"), start=2):
        found = re.match(r"^(?P<key>[A-Za-z_][\w-]*):\s*(?P<value>.*)$", line)
        if found:
            key = found["key"]
            fields[key] = (found["value"], number)
        elif key and line.startswith((" ", "\t")):
            value, start = fields[key]
            fields[key] = (value + "\n" + line, start)
    return {k: (_yaml_scalar(v), n) for k, (v, n) in fields.items()}


def _yaml_scalar(value: str) -> str:
    """A plain or quoted YAML scalar as text (folded lines joined, escapes of double quotes read)."""
    value = value.strip()
    if value[:1] == '"' and value.endswith('"'):
        body = value[1:-1]
        body = re.sub(r"\\\n\s*\\?", "", body)  # an escaped line end joins the lines
        body = body.replace("\\_", "\u00a0").replace('\\"', '"').replace("\\\\", "\\")
        return " ".join(body.split())
    if value[:1] == "'" and value.endswith("'"):
        return " ".join(value[1:-1].replace("''", "'").split())
    return " ".join(value.split())


def _clean(line: str) -> str:
    text = _NUMBERED.sub("", line.strip())
    text = _MARKER.sub("", text)
    return " ".join(text.split())


def _is_candidate(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    if not words or len(words) > 30 or len(text) > 250:
        return False
    if text[:1] in "[(<-*#|" or "://" in text or re.match(r"\d[\d–-]*\s", text) or text.endswith((".", "?", "!", ":", ";", ",")):
        return False
    if _CHROME.match(text) or re.fullmatch(r"[\d:.\sAPMEDSTapmedst]+", text):
        return False
    if re.fullmatch(r"(?P<banner>.{8,}?)\s+(?P=banner)", text):  # a logo's words twice: the page's banner
        return False
    if re.search(r"\b(?:index|contents)$", text, re.I):  # the heading of the list of topics, not of the document
        return False
    found = find_dates(text)
    if found and found[0].end - found[0].start >= len(text) * 0.6:
        return False
    return True


def _kinds(text: str) -> int:
    """How many words of ``text`` name a kind of document."""
    return sum(1 for w in re.findall(r"[^\W\d_][\w'’.-]*", text) if w.casefold().rstrip(".") in KINDS)


def _score(text: str, index: int) -> float:
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    kinds = _kinds(text)
    capitalised = [w for w in words if w.casefold() not in _SMALL]
    titled = sum(1 for w in capitalised if w[:1].isupper()) / max(1, len(capitalised))
    if titled < 0.6:
        return -1
    # A clock time belongs to a dateline run into the heading, not to a title.
    timed = 2 if _CLOCK.search(text) else 0
    return 3 * min(kinds, 2) + min(len(words), 12) / 4 - 0.1 * index - timed


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b|[ap]\.m\.)", re.I)
# A line of the page that says the document follows: headings above it are the page's own.
_BEGINS = re.compile(r"\((?:begin|start of) (?:transcript|text)\)|news transcript from\b.*", re.I)


def _run_in(text: str) -> str:
    """A heading that a repost ran into its dateline ("DoD News Briefing Secretary of Defense Donald H.
    Rumsfeld Monday, October 22, 2001 - 1:25 p.m. EDT"): the heading before the briefer and the date.
    Only a dateline with its clock time is cut off: a title may hold a date of its own."""
    found = find_dates(text)
    if not found or found[0].start == 0 or not _CLOCK.search(text, found[0].end):
        return text
    words = text[: found[0].start].split()
    kinds = [i for i, w in enumerate(words) if w.casefold().strip(".,;:-") in KINDS]
    if kinds and kinds[-1] + 1 < len(words) and words[kinds[-1] + 1].casefold().rstrip(".") in TITLES:
        words = words[: kinds[-1] + 1]  # the briefer, named with a title after the kind of document
    return " ".join(words).rstrip(" ,;:-–—")


def _headings(lines: list[str], first: int) -> list[tuple[str, int]]:
    """Heading candidates: each line, and runs of lines in capitals joined ("PRESS BRIEFING BY" /
    "MIKE MCCURRY"), with the number of their first line."""
    found: list[tuple[str, int]] = []
    number = 0
    while number < len(lines):
        text = _clean(lines[number])
        letters = [c for c in text if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            run, last = [text], number
            follow = number + 1
            while follow < len(lines) and follow <= last + 2:
                nxt = _clean(lines[follow])
                if not nxt:
                    follow += 1
                    continue
                nxt_letters = [c for c in nxt if c.isalpha()]
                # A dateline or a parenthesised note under a heading in capitals is not part of it.
                if nxt.startswith("(") or (find_dates(nxt) and not _is_candidate(nxt)):
                    break
                if nxt_letters and all(c.isupper() for c in nxt_letters) and len(nxt.split()) <= 6:
                    run.append(nxt.lstrip("- ").strip())
                    last = follow
                    follow += 1
                    continue
                break
            # The issuer above the heading ("U.S. DEPARTMENT OF STATE" / "DAILY PRESS BRIEFING") is not its title.
            named = [i for i, part in enumerate(run) if _kinds(part)]
            skip = named[0] if named else 0
            if len(run) - skip > 1:
                found.append((" ".join(run[skip:]), first + number + skip))
        if text:
            found.append((text, first + number))
        number += 1
    return found


def find_title(text: str, opening_lines: int) -> Title | None:
    """The title the document gives itself, from the lines before line ``opening_lines`` (its first
    turn) and from its citation."""
    fields = front_matter(text)
    if "title" in fields and fields["title"][0]:
        value, line = fields["title"]
        return Title(value, line, "the title: field of the page's front matter")
    lines = text.split("\n")
    start = 0
    yaml = _YAML.match(text)
    if yaml:
        start = yaml.group().count("\n")
    head = lines[start : max(start, min(opening_lines - 1, 60))]
    if head:
        wiki = _WIKI_PAGE.match(head[0].strip()) if start == 0 else None
        if wiki:
            return Title(" ".join(wiki["title"].split()), 1, "line 1, the name of the wiki page the text was copied from")
    # Where a repost says the transcript begins, the document's own heading is looked for below that line.
    begins = [n for n, line in enumerate(head) if _BEGINS.fullmatch(line.strip())]
    best = _best_heading(head[begins[-1] + 1 :], start + begins[-1] + 1) if begins else None
    if best is not None and _kinds(best[1]):
        marker = start + begins[-1] + 1
        return Title(best[1], best[2], f"line {best[2]}, the heading below line {marker}, which says the "
                     "transcript begins there (the headings above it are the page's)")
    best = _best_heading(head, start)
    if best is not None and best[0] >= 3:
        return Title(best[1], best[2], f"line {best[2]}, the document's heading")
    for number, line in enumerate(lines, start=1):
        cited = _CITATION.match(line.strip())
        if cited:
            return Title(" ".join(cited["title"].split()), number, f"line {number}, the citation the site prints")
    if best is not None:
        return Title(best[1], best[2], f"line {best[2]}, the document's heading")
    return None


def _best_heading(head: list[str], start: int) -> tuple[float, str, int] | None:
    """(score, text, line) of the line of ``head`` (its first line is line ``start`` + 1) that is most
    like a title, with a score above 0."""
    best: tuple[float, str, int] | None = None
    for candidate, line in _headings(head, start + 1):
        candidate = _run_in(candidate)
        if not _is_candidate(candidate):
            continue
        score = _score(candidate, line - start - 1)
        if score > 0 and (best is None or score > best[0]):
            best = (score, candidate, line)
    return best


def find_date(text: str, opening_lines: int, title: Title | None) -> tuple[FoundDate, str, int] | None:
    """The document's date: (the date, its text, its line)."""
    fields = front_matter(text)
    if "date" in fields:
        value, line = fields["date"]
        found = document_date(value)
        if found:
            return found, value[found.start : found.end], line
    lines = text.split("\n")[: max(opening_lines - 1, 0)]  # the lines before the first turn
    after = title.line if title and title.line <= len(lines) else 0
    order = list(range(after, len(lines))) + list(range(0, after))
    days_found: list[tuple[FoundDate, str, int]] = []
    for number in order:
        line = lines[number]
        if re.match(r"^\s*(?:\w+:)?\s*(?:date|dated)\b", line, re.I) is None and _letter_date(line):
            continue
        if _stamp_date(line):
            continue
        days = find_dates(line)
        if days:
            days_found.append((days[0], line[days[0].start : days[0].end], number + 1))
    if days_found:
        first = days_found[0]
        # A site's posting stamp above the transcript's own dateline ("September 07, 2001 11:10 PM EDT"
        # over "Thursday, September 6, 2001"): the date whose weekday agrees with the calendar is the document's.
        named = [d for d in days_found if d[2] > first[2] and _weekday_agrees(lines[d[2] - 1], d[0])]
        if named and not _weekday_agrees(lines[first[2] - 1], first[0]) and named[0][0].when != first[0].when:
            return named[0]
        return first
    # No date above the first turn: a line further on that says when the words were spoken
    # ("Spoken on July 23, 1969, 1:02 a.m. UTC", "Recorded March 3, 1975").
    for number, line in enumerate(text.split("\n"), start=1):
        for said in _SPOKEN.finditer(line):
            days = [d for d in find_dates(line[said.end() :]) if d.start == 0]
            if days:
                found = days[0]
                return found, line[said.end() : said.end() + found.end], number
    for number in order:
        line = lines[number].strip()
        partial = find_dates(line, partial=True)
        if partial and partial[0].when is None and partial[0].end - partial[0].start >= len(line) * 0.6:
            if re.search(r"[a-z]", line[partial[0].start : partial[0].end], re.I):  # a month, not a bare year
                return partial[0], line[partial[0].start : partial[0].end], number + 1
    return None


_SPOKEN = re.compile(r"\b(?:spoken|recorded|taped|broadcast|aired|held|conducted)\s+(?:on\s+)?", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_agrees(line: str, found: FoundDate) -> bool:
    """The line names the weekday of the day it dates."""
    if not found.when:
        return False
    day = date.fromisoformat(found.when).weekday()
    return re.search(rf"\b{_WEEKDAYS[day]}\b", line[: found.end], re.I) is not None


def _stamp_date(line: str) -> bool:
    """An archive's declassification stamp ("Sanitized Copy Approved for Release 2012/11/14") dates
    the release, not the document."""
    return bool(re.search(r"\bdeclassif|\bapproved for release\b", line, re.I))


def _letter_date(line: str) -> bool:
    """A date cited in passing ("letters dated 2 August 1990") is not the document's."""
    return bool(re.search(r"\b(?:letters?|note|cable|telegram|message)s?\b[^.]*\bdated\b", line, re.I))
