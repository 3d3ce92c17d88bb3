"""From a transcript to a TEI document: recognise its style, build its body and header, name it."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.convert import article, footnotes, inline, memo, participants
from teikit.convert.dates import document_date
from teikit.convert.draft import Draft, Participant
from teikit.convert.header import build_document
from teikit.convert.metadata import (
    Catalogue,
    Trailer,
    bold_body,
    find_trailer,
    read_catalogue,
)
from teikit.convert.record import RecordBuilder, is_heading, read_dateline
from teikit.convert.register import Register
from teikit.convert.source import Paragraph, paragraphs, read_transcript
from teikit.convert.titles import Title, find_date, find_title
from teikit.convert.hints import Hints
from teikit.convert.labels import Label, read_label
from teikit.convert.speakers import Speakers, participants_in, slug
from teikit.tei import TEI_NS, XML_ID, serialize, xml_models

NS = {"tei": TEI_NS}
_TITLE_PLACE = re.compile(r"(?:\bin|,)\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)[ \t]*(?:,|\n|$)")
_SUBJECT = re.compile(
    r"(?:The\s)?(?P<name>[A-Z][\w'’.-]*(?:\s(?:[A-Z][\w'’.()-]*|of|the|and|de|von|on))*?)\s"
    r"(?:was|is|were|are|comprised|refers)\b"
)


@dataclass
class Conversion:
    """A converted transcript: its TEI, where it belongs, and what was found in it."""

    source: Path
    name: str
    document: bytes
    draft: Draft

    @property
    def counts(self) -> dict[str, int]:
        body = etree.fromstring(self.document).find("tei:text/tei:body", NS)
        counts = {
            "turns": len(body.findall(".//tei:sp", NS)),
            "sections": len(body.findall(".//tei:div[tei:head]", NS)),
            "gaps": len(body.findall(".//tei:gap", NS)),
            "supplied": len(body.findall(".//tei:supplied", NS)),
            "notes": len(body.findall(".//tei:note", NS)),
            "page breaks": len(body.findall(".//tei:pb", NS)),
        }
        return {key: value for key, value in counts.items() if value}


def _normal(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def _place(text: str, draft: Draft) -> None:
    known = draft.register.place_in(text)
    if known is not None:
        draft.place_entry, draft.place = known
        return
    found = _TITLE_PLACE.search(text)
    if found:
        draft.place = found["place"]


def _document_date(draft: Draft, opening: int, title: Title | None) -> None:
    found = find_date(draft.text, opening, title)
    if found is not None:
        date, text, _ = found
        draft.when, draft.date_text = date.when, text
        draft.date_range = (date.not_before, date.not_after) if not date.when else None


def _date(text: str, draft: Draft) -> None:
    """The document's date from ``text``: a day, or else a month or a year."""
    found = document_date(text)
    if found is None or (draft.date_range and not found.when):
        return
    draft.when, draft.date_text = found.when, text[found.start : found.end]
    draft.date_range = (found.not_before, found.not_after) if not found.when else None


def _participants_in_title(draft: Draft, title: str) -> None:
    """Order speakers as the title names them; those it names give the file its name."""

    def position(participant: Participant) -> int:
        names = [participant.entry.surname] if participant.entry else []
        names += [label.split()[-1] for label in participant.labels]
        found = [m.start() for n in names for m in re.finditer(rf"\b{re.escape(n)}\b", title, re.I)]
        return min(found, default=len(title) + 1)

    draft.participants.sort(key=position)
    draft.named_in_title = sum(1 for p in draft.participants if position(p) <= len(title))


def _memo_fields(draft: Draft, fields: memo.Fields) -> None:
    """What a memorandum's header block says: its subject is the title, its date and place the document's."""
    heading = (
        draft.title_supplied
        or not draft.title
        or memo.is_generic(draft.title)
        or memo.opens_field(draft.title)
        or memo.names_from_outside(draft.title)
    )
    if fields.subject and heading:
        draft.title, draft.title_supplied = " ".join(fields.subject[0].split()), False
        draft.title_source = f"the SUBJECT field of its header block, line {fields.subject[1]}"
    if fields.date:
        _date(fields.date[0], draft)
    if fields.place:
        known = draft.register.place_in(fields.place[0])
        draft.place, draft.place_entry = fields.place[0], known[0] if known else None
        draft.place_is_setting = True


@dataclass
class Record:
    """A transcript read as a record of conversation: the archive's blocks around it, its body, its speakers."""

    catalogue: Catalogue | None
    trailer: Trailer | None
    body: list[Paragraph]  # the body's paragraphs, split where a speaker label opens a line inside one
    speakers: Speakers
    labels: list[Label | None]  # the speaker label opening each paragraph of the body, if any
    title_context: str  # the titles, where "between X and Y" names who takes part
    listed: list[tuple[str, int]] = field(default_factory=list)  # the participants list's names and lines

    @property
    def turns(self) -> int:
        return sum(1 for label in self.labels if label)

    @property
    def first_turn(self) -> int:
        """Index in the body of the first turn."""
        return next((i for i, label in enumerate(self.labels) if label), len(self.body))


def _split_at_labels(paragraphs: list[Paragraph], speakers: Speakers) -> tuple[list[Paragraph], list[Label | None]]:
    """Each paragraph cut where a speaker's label opens one of its lines (one turn a line, or
    text copied from a page), with the label opening each piece."""
    pieces: list[Paragraph] = []
    labels: list[Label | None] = []
    for index, paragraph in enumerate(paragraphs):
        # A line naming who examines is a heading of its own, and so is what follows it.
        headings = [m for n in range(len(paragraph.lines)) if (index, n) in speakers.headings for m in (n, n + 1)]
        starts = sorted(
            {n for n in range(len(paragraph.lines)) if speakers.label_at(index, n)}
            | {n for n in headings if 0 < n < len(paragraph.lines)}
        )
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        for first, end in zip(starts, [*starts[1:], len(paragraph.lines)], strict=True):
            piece = Paragraph(paragraph.lines[first:end], paragraph.line + first, paragraph.form_feed and first == 0)
            pieces.append(piece)
            labels.append(speakers.label_at(index, first))
    return pieces, labels


def read_record(paras: list[Paragraph], register: Register, hints: Hints | None = None) -> Record:
    catalogue = read_catalogue(paras)
    start = catalogue.end if catalogue else 0
    trailer = find_trailer(paras, start)
    body = paras[start : trailer.start if trailer else len(paras)]
    # Titles come before the first label-shaped opening; they tell who takes part.
    opening = list(itertools.takewhile(lambda p: not read_label(p.lines[0]), body))
    titles = [bold_body(catalogue.title) or ""] if catalogue and catalogue.title else []
    title_context = " ".join([*titles, *(p.text for p in opening if is_heading(p))])
    text = "\n\n".join(p.text for p in body)
    # A participants list stands at the head of the document, before the conversation.
    named = participants.listed([p for p in body if p.line <= body[0].line + 60] if body else [])
    # A memorandum's header block (TO:, FROM:) names people too; it stands among the opening's headings.
    block = itertools.takewhile(
        lambda p: not read_label(p.lines[0]) or memo.opens_field(p.lines[0]) or is_heading(p), body
    )
    named += [person for person in memo.read(list(block)).people if person not in named]
    names = participants_in(title_context) | {participants.surname(n).casefold() for n, _ in named}
    speakers = Speakers(body, names, register, hints, text)
    pieces, labels = _split_at_labels(body, speakers)
    return Record(catalogue, trailer, pieces, speakers, labels, title_context, named)


def _warn_chrome(draft: Draft, builder: RecordBuilder) -> None:
    for line, text in builder.chrome:
        draft.warnings.append((line, f'"{text}" is a web page\'s, not the document\'s: kept as fw type="web-page"'))


def _listed_participants(draft: Draft, listed: list[tuple[str, int]]) -> None:
    """Give each speaker the full name the participants list prints, and list those who do not speak."""
    for name, _ in listed:
        key = participants.surname(name).casefold()
        words = {w.casefold().rstrip(".") for w in name.split()}
        match = next(
            (
                p
                for p in draft.participants
                if p.printed_name is None
                and (p.id.casefold() == key or any(label.split()[-1].casefold() in (key, *words) for label in p.labels))
            ),
            None,
        )
        if match is not None:
            match.printed_name = name
            continue
        identifier, number = slug(key), 2
        while any(p.id == identifier for p in draft.participants):
            identifier, number = f"{slug(key)}-{number}", number + 1
        draft.participants.append(Participant(identifier, printed_name=name))


def convert_record(draft: Draft, record: Record, context: inline.Context) -> None:
    draft.catalogue, draft.trailer = record.catalogue, record.trailer
    numbers = [label.number for label in record.labels if label]
    printed = all(numbers) and all(int(a) < int(b) for a, b in itertools.pairwise(numbers))
    builder = RecordBuilder(record.speakers, context, printed_numbers=printed)
    first_turn = record.first_turn
    prologue = record.body[:first_turn]
    builder.prologue(prologue)
    for paragraph, label in zip(record.body[first_turn:], record.labels[first_turn:], strict=True):
        if label:
            builder.turn(paragraph, label)
        else:
            builder.continuation(paragraph)
    draft.body = builder.finish()
    draft.turn_lines = builder.turn_lines
    _warn_chrome(draft, builder)
    certain = {
        record.speakers.person_of(o.label, o.source_line).id
        for o in record.speakers.occurrences
        if record.speakers.decisions[o.label.key].speaker and record.speakers.decisions[o.label.key].certain
    }
    for person in record.speakers.persons.values():
        draft.participants.append(
            Participant(person.id, person.forms, person.entry, builder.turns[person.id], person.group, person.role,
                        person.hint, certain=person.id in certain)
        )
    draft.warnings += record.speakers.unsure()
    fields = memo.read(prologue)
    _listed_participants(draft, record.listed)
    bold = [_normal(bold_body(p) or "") for p in prologue if bold_body(p) is not None]
    catalogue_title = (
        _normal(bold_body(record.catalogue.title) or "") if record.catalogue and record.catalogue.title else ""
    )
    opening = record.body[first_turn].line if first_turn < len(record.body) else len(draft.text.split("\n"))
    found = None
    if catalogue_title:
        draft.title, draft.title_source = catalogue_title, "the archive's catalogue record"
    elif bold:
        draft.title, draft.title_source = bold[0], "the transcript's heading, set in bold"
    else:
        found = find_title(draft.text, opening)
        if found is not None:
            draft.title, draft.title_source = found.text, found.source
    if not draft.title:
        names = " and ".join(p.name for p in draft.participants)
        draft.title, draft.title_supplied = f"Record of conversation between {names}", True
    _memo_fields(draft, fields)
    for place, when in filter(None, (read_dateline(p.text) for p in prologue)):
        known = draft.register.place_in(place)
        draft.place, draft.place_entry = place, known[0] if known else None
        _date(when, draft)
    if draft.when is None and record.catalogue and record.catalogue.when:
        draft.when, draft.date_text = record.catalogue.when, record.catalogue.date.text.strip()
    if draft.when is None and draft.date_range is None:
        _document_date(draft, opening, found)
    if draft.place is None:
        _place(record.title_context, draft)
    _participants_in_title(draft, record.title_context)


def convert_article(draft: Draft, paras: list[Paragraph], context: inline.Context) -> None:
    draft.body = article.build(paras, context)
    lead = next((line.strip() for p in paras for line in p.lines if line.strip()), "")
    subject = _SUBJECT.match(lead)
    _date(lead, draft)
    _place(lead, draft)
    name = subject["name"] if subject else draft.source.stem
    draft.title = f"{name} ({draft.when[:4]})" if draft.when else name
    draft.title_supplied = True
    text = "\n".join(p.text for p in paras)
    if "Wikimedia Commons" in text or re.search(r"^==\s*See also\s*==$", text, re.M):
        draft.encyclopedia = "Wikipedia"
    between = re.search(r"\bbetween\b(.+?\band\b.+?)(?:\bthat\b|\bwho\b|[.;]|$)", lead)
    if between:
        clause = between[1]
        found = [
            (m.start(), e)
            for e in draft.register.persons
            for f in e.forms
            for m in [re.search(rf"\b{re.escape(f)}\b", clause)]
            if m
        ]
        seen: dict[str, Participant] = {}
        for _, entry in sorted(found, key=lambda item: item[0]):
            seen.setdefault(entry.id, Participant(entry.id, [], entry))
        draft.participants = list(seen.values())
        draft.named_in_title = len(draft.participants)


def convert_plain(draft: Draft, paras: list[Paragraph], context: inline.Context) -> None:
    builder = RecordBuilder(None, context)
    for paragraph in paras:
        builder.continuation(paragraph)
    draft.body = builder.finish()
    _warn_chrome(draft, builder)
    first = paras[0].text.strip().split("\n")[0] if paras else ""
    found = find_title(draft.text, 16)
    if found is not None:
        draft.title, draft.title_source = found.text, found.source
    else:
        draft.title = first if len(first) <= 100 else draft.source.stem
        draft.title_supplied = True
    fields = memo.read(paras[:20])
    _memo_fields(draft, fields)
    _listed_participants(draft, participants.listed(paras[:20]) + fields.people)
    if draft.when is None and draft.date_range is None:
        _document_date(draft, 15, found)
    draft.warnings.append((1, "no structure recognised (no speaker labels, no == headings): encoded as plain paragraphs"))


def _file_name(draft: Draft) -> str:
    surnames = [slug(p.entry.surname if p.entry else p.id) for p in draft.participants]
    named = draft.named_in_title
    surnames = surnames[:named][:3] if named else surnames[:2]
    place = [slug(draft.place)] if draft.place else []
    when = draft.when
    if when is None and draft.date_range:
        first, last = draft.date_range
        when = first[:4] if first.endswith("-01-01") and last.endswith("-12-31") else first[:7]
    if when and (place or surnames):
        return "-".join([when, *place, *surnames]) + ".xml"
    return slug(draft.source.stem) + ".xml"


def convert(
    source: Path,
    output_folder: Path,
    register: Register,
    style: str | None = None,
    language: str = "en",
    hints: Hints | None = None,
) -> Conversion:
    """Convert one transcript. Raises InputError for a file that cannot be read as text."""
    text = read_transcript(source)
    paras, notes = footnotes.split(paragraphs(text))
    marks = frozenset(note.mark for note in notes if note.mark.startswith("["))
    draft = _draft(source, text, paras, register, style, language, hints, marks)
    if notes and not footnotes.anchor(draft.body, notes):
        # A note without its mark: the block stays text, where the transcript printed it.
        notes = []
        draft = _draft(source, text, paragraphs(text), register, style, language, hints)
    draft.footnotes = notes
    for number, note in enumerate(draft.body.iter(f"{{{TEI_NS}}}note"), start=1):
        note.set(XML_ID, f"n{number}")
    name = _file_name(draft)
    root = build_document(draft, output_folder / name)
    return Conversion(source, name, serialize(root, xml_models(output_folder / name)), draft)


def _draft(
    source: Path,
    text: str,
    paras: list[Paragraph],
    register: Register,
    style: str | None,
    language: str,
    hints: Hints | None,
    marks: frozenset[str] = frozenset(),
) -> Draft:
    draft = Draft(source=source, style="plain", register=register, body=etree.Element("body"), language=language)
    draft.text = text
    context = inline.Context(register, marks=marks)
    draft.conventions = context.conventions
    if style in (None, "article") and (style == "article" or article.is_article(paras)):
        draft.style = "article"
        context.quotations = True
        convert_article(draft, paras, context)
    else:
        record = read_record(paras, register, hints)
        # One turn is a record when the document names its speaker (a presenter, a participants list).
        named = record.turns == 1 and all(d.certain for d in record.speakers.decisions.values() if d.speaker)
        if style == "record" or (style is None and (record.turns >= 2 or named)):
            draft.style = "record"
            convert_record(draft, record, context)
        else:
            convert_plain(draft, paras, context)
    return draft
