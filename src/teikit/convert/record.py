"""Records of conversation: a title, perhaps a dateline, then turns of speech."""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from teikit.convert import brackets, inline
from teikit.convert.dates import find_dates, whole_date
from teikit.convert.metadata import bold_body
from teikit.convert.pagebreaks import break_lines, ends_sentence
from teikit.convert.source import Paragraph
from teikit.convert.labels import Label
from teikit.convert.speakers import Speakers
from teikit.tei import XML_ID, E, append_inline, tag

_RULE = re.compile(r"-{3,}")
_GAP_ONLY = re.compile(r"\[(?P<content>[^\[\]]+)\]")
_DATELINE = re.compile(r"(?P<place>[A-Z][\w.'’ -]*?),\s+(?P<date>.+)")


_P = tag("p")
_SP = tag("sp")
_SPEAKER = tag("speaker")


def join_across_page(paragraph: etree._Element, rest: etree._Element) -> None:
    """Continue ``paragraph`` with the content of ``rest`` after a page break."""
    append_inline(paragraph, [" ", E.pb()])
    paragraph[-1].tail = rest.text
    for child in list(rest):
        paragraph.append(child)


def gap_only(paragraph: Paragraph) -> str | None:
    """The bracket's content when a paragraph is nothing but a bracket reporting missing text."""
    match = _GAP_ONLY.fullmatch(paragraph.text.strip())
    return match["content"] if match and brackets.is_gap(match["content"]) else None


_SCENE_ONLY = re.compile(r"\[(?P<bracket>[^\[\]]+)\]|\((?P<paren>[^()]+)\)")


def scene_only(paragraph: Paragraph) -> tuple[etree._Element, brackets.Convention] | None:
    """The stage, incident or page break a paragraph is when it holds nothing else
    ("[Laughter]", "(Pointing to the map)", "[Page 312]")."""
    match = _SCENE_ONLY.fullmatch(paragraph.text.strip())
    if not match:
        return None
    if match["bracket"] is not None:
        if brackets.is_gap(match["bracket"]):
            return None
        page = re.fullmatch(r"Page (\d{1,5})", match["bracket"])
        if page:
            return E.pb(n=page[1]), brackets.PAGE
        return brackets.scene(match["bracket"], "[")
    return brackets.scene(match["paren"], "(")


def read_dateline(text: str) -> tuple[str, str] | None:
    """The place and the date of a dateline ("Moscow, 8 November 1990"), if ``text`` is one."""
    match = _DATELINE.fullmatch(text.strip())
    return (match["place"], match["date"]) if match and whole_date(match["date"]) else None


def dateline(text: str, context: inline.Context) -> etree._Element:
    found = read_dateline(text)
    assert found, "only called on a paragraph read as a dateline"
    place, when = found
    known = context.register.place_in(place)
    place_name = E.placeName(place, ref=known[0].pointer) if known else E.placeName(place)
    return E.opener(E.dateline(place_name, ", ", E.date(when, when=whole_date(when))))


def with_dates(items: list[str | etree._Element]) -> list[str | etree._Element]:
    """``items`` with every full date in their text marked as ``date`` with ``@when``."""
    result: list[str | etree._Element] = []
    for item in items:
        if not isinstance(item, str):
            result.append(item)
            continue
        position = 0
        for found in find_dates(item):
            result += [item[position : found.start], E.date(item[found.start : found.end], when=found.when)]
            position = found.end
        result.append(item[position:])
    return result


def heading(text: str, context: inline.Context) -> etree._Element:
    """A title line: bold (``**…**``) or in capitals; its line division is kept with ``lb``."""
    body = bold_body(Paragraph((text,), 0))
    head = E.head(rend="bold") if body is not None else E.head()
    plain = inline.Context(context.register, names=False, conventions=context.conventions, marks=context.marks)
    append_inline(head, with_dates(inline.encode(body if body is not None else text, plain)))
    return break_lines(head)


def is_heading(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    letters = [c for c in text if c.isalpha()]
    return bold_body(paragraph) is not None or (len(letters) >= 3 and all(c.isupper() for c in letters))


# Lines a web page adds around a document: its navigation and advertising, not the document's words.
_WEB_CHROME = re.compile(
    r"(?:view header|print(?: this (?:document|page))?|share(?: this)?|[^\n]*\bbookmark and share|advertisement|"
    r"https?://\S+(?:\s+\S+){0,4}|"
    r"skip to (?:main )?content|back to top|tweet|email this|subscribe|sign in|log in|"
    r"pdf|epub|mobi|download(?: (?:pdf|epub))?|page images|immagini della pagina|"
    r"[^\n]*\bmake a (?:charitable )?donation\b[^\n]*)",
    re.I,
)


def web_chrome(paragraph: Paragraph) -> bool:
    return len(paragraph.lines) == 1 and bool(_WEB_CHROME.fullmatch(paragraph.text.strip()))


def is_topic_heading(paragraph: Paragraph) -> bool:
    """A heading among the turns ("OPENING STATEMENT:", "AFTERNOON SESSION", **Gulf crisis**): one
    short line, bold or in capitals, that does not end a sentence."""
    text = paragraph.text.strip()
    if len(paragraph.lines) != 1 or text[-1:] in ".!?…;," or len(text.split()) > 14:
        return False
    if bold_body(paragraph) is not None:
        return True
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2 and is_heading(paragraph)


class RecordBuilder:
    """Builds the body of a record of conversation from its paragraphs."""

    def __init__(self, speakers: Speakers | None, context: inline.Context, printed_numbers: bool = False) -> None:
        self.speakers = speakers
        self.context = context
        self.body = E.body()
        self.turns: Counter[str] = Counter()
        self.printed_numbers = printed_numbers  # every label carries its paragraph number: @n is that number
        self._sp: etree._Element | None = None
        self._pending_gaps: list[etree._Element] = []
        self._container = self.body  # the body, or the div of the topic heading last met
        self.turn_lines: list[tuple[int, str, str]] = []  # (line of the transcript, label, speaker id)
        self.chrome: list[tuple[int, str]] = []  # (line, text) of what a web page added

    def _paragraph(
        self, paragraph: Paragraph, text: str | None = None, parent: etree._Element | None = None
    ) -> etree._Element:
        lines = (text if text is not None else paragraph.text).split("\n")
        # Made inside its parent: an element made alone is a document of its own, moved when appended.
        p = E.p() if parent is None else etree.SubElement(parent, _P)
        for number, line in enumerate(lines):
            hard = line.endswith("  ") and number < len(lines) - 1
            append_inline(p, inline.encode(line.rstrip() if hard else line, self.context))
            if number < len(lines) - 1:
                append_inline(p, [E.lb()] if hard else ["\n"])
        return p

    def prologue(self, paragraphs: list[Paragraph]) -> None:
        """What precedes the first turn: title lines, a rule, a dateline, omissions, paragraphs."""
        opening = True
        for paragraph in paragraphs:
            text = paragraph.text.strip()
            content = gap_only(paragraph)
            if web_chrome(paragraph):
                self._chrome(paragraph)
            elif content is not None:
                self.body.append(self._gap(content))
            elif opening and text == "---":
                self.body.append(E.milestone(unit="section", rend="rule"))
            elif opening and is_heading(paragraph):
                self.body.append(heading(text, self.context))
            elif opening and read_dateline(text):
                self.body.append(dateline(text, self.context))
            else:
                opening = False
                self.body.append(self._paragraph(paragraph))

    def _gap(self, content: str) -> etree._Element:
        element, convention = brackets.encode(content, self.context.tag)
        self.context.conventions.add(convention, f"[{content}]")
        return element

    def _close_turn(self) -> None:
        if self._sp is not None:
            if self._sp.find(_P) is None:
                self._sp.append(E.p())  # a label with no words after it: TEI's sp needs a paragraph
            for gap in self._pending_gaps:
                self._container.append(gap)
        self._sp, self._pending_gaps = None, []

    def turn(self, paragraph: Paragraph, label: Label) -> None:
        """A paragraph opened by the speaker label ``label``."""
        assert self.speakers is not None, "a record with turns has speakers"
        self._close_turn()
        who = self.speakers.person_of(label, paragraph.line).id
        self.turns[who] += 1
        self.turn_lines.append((paragraph.line, label.text, who))
        number = label.number if self.printed_numbers and label.number else str(sum(self.turns.values()))
        # Made in place: the turn is the container's last child until the next one opens.
        self._sp = etree.SubElement(self._container, _SP, {XML_ID: f"t{number}", "n": number, "who": f"#{who}"})
        speaker = etree.SubElement(self._sp, _SPEAKER)
        if label.number:
            # The number printed before the label is kept where it stood, and is not part of the name.
            printed = E.num(label.number + label.number_stop.rstrip(), type="paragraph")
            printed.tail = label.number_stop[len(label.number_stop.rstrip()) :] or None
            speaker.append(printed)
        if label.supplied:
            speaker.append(E.supplied(label.text, reason="identification"))
            self.context.conventions.add(brackets.SUPPLIED_SPEAKER, f"[{label.text}]")
        else:
            append_inline(speaker, [label.text])
        if paragraph.form_feed:
            self._sp.append(E.pb())
        rest = paragraph.text[label.end :].lstrip()
        if rest:
            self._paragraph(paragraph, rest, self._sp)

    def _chrome(self, paragraph: Paragraph) -> None:
        """Kept, as nothing is lost, but marked as the web page's, not the document's."""
        target = self._sp if self._sp is not None else self._container
        target.append(E.fw(paragraph.text.strip(), type="web-page"))
        self.chrome.append((paragraph.line, paragraph.text.strip()))

    def continuation(self, paragraph: Paragraph) -> None:
        """A paragraph without a label: more of the current turn, or of the text before any turn."""
        if web_chrome(paragraph):
            self._chrome(paragraph)
            return
        scene = scene_only(paragraph)
        if scene is not None:
            element, convention = scene
            self.context.conventions.add(convention, paragraph.text.strip())
            target = self._sp if self._sp is not None else self._container
            for gap in self._pending_gaps:
                target.append(gap)
            self._pending_gaps = []
            target.append(element)
            return
        if is_topic_heading(paragraph):
            self._close_turn()
            self._container = E.div(heading(paragraph.text.strip(), self.context), type="topic")
            self.body.append(self._container)
            return
        content = gap_only(paragraph)
        if content is not None:
            gap = self._gap(content)
            if self._sp is None:
                self._container.append(gap)
            else:
                self._pending_gaps.append(gap)
            return
        target = self._sp if self._sp is not None else self._container
        for gap in self._pending_gaps:
            target.append(gap)
        self._pending_gaps = []
        last = next(target.iterchildren(reversed=True), None)
        if last is not None and last.tag == _P and not ends_sentence("".join(last.itertext())):
            join_across_page(last, self._paragraph(paragraph))
            return
        if paragraph.form_feed:
            target.append(E.pb())
        target.append(self._paragraph(paragraph))

    def finish(self) -> etree._Element:
        self._close_turn()
        return self.body
