"""Who speaks: which label-shaped openings of a document are speakers, and who each one is.

Decided from the evidence of the whole document, as an archivist reads it:

- what the user said (``--speaker``, ``teikit.toml``) and the names the document gives
  (its title's "between X and Y", its participants list, the edition's register) are certain;
- a label form that recurs, shaped like a name or a role, is a speaker;
- a form used once is a speaker when the document shows the pattern: other speakers are
  certain and it has their shape (``Modrow:`` once between two ``Kohl:`` turns), or it
  carries initials (``J. Baker.``); each such decision is reported as unsure;
- words that name fields, headings or discourse ("Phone:", "SUBJECT:", "OPENING
  STATEMENT:", "Second.") are never speakers, and a sentence ("I want you to know:")
  has no label shape at all.

One person may print under several forms (``Chancellor Kohl:``, ``Ch. Kohl:``, ``KOHL.``;
``Mary Ann Jones:`` then ``MAJ:``; ``QUESTION:`` and ``Q:``): forms are grouped by
surname, by initials and by role, and each person keeps every form.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from teikit.convert.hints import Hints, SpeakerHint, label_key
from teikit.convert.labels import ABBREVIATIONS, PARTICLES, Label, read_label
from teikit.convert.register import Entry, Register
from teikit.convert.source import Paragraph

# Words that name a field, a heading or a part of a document, or open a sentence: a label made
# of them is not a person.
NOT_NAMES = frozenset(
    """subject participants participant date time place location locations phone fax tel telephone email
    e-mail mail web website url link links citation cite summary source sources note notes credits contents
    original language languages from to cc bcc re attachment attachments enclosure enclosures distribution
    classification classified copy copies drafted cleared approved prepared statement statements opening
    closing testimony introduction conclusion conclusions agenda background topic topics item items page
    pages section chapter part article annex appendix table figure session recess adjournment present
    absent attendees also title author authors editor publisher address keywords tags category posted presenter
    presenters
    updated released advertisement transcript transcription record memorandum memo minutes excerpt
    excerpts first second third fourth fifth sixth seventh eighth ninth tenth firstly secondly thirdly
    finally lastly next then however therefore thus moreover furthermore incidentally besides meanwhile
    anyway again yes no well now so ok okay right good fine thanks thank agreed indeed exactly certainly
    absolutely sure true correct please sorry oh ah alright look listen why what who how where when
    yesterday today tomorrow point points result results example examples purpose objective objectives
    issue issues problem problems question-and-answer background briefing overview update updates reference
    references comment comments remarks remark conversation meeting meetings discussion discussions
    signed signature warning caution important attention update follow-up action actions decision
    decisions recommendation recommendations proposal proposals response responses reply message
    messages telegram cable letter letters memcon telcon and or but if the a an in on at for of""".split()
)
# Role words that may stand for a speaker alone ("The President:", "THE WITNESS:", "Q:").
ROLES = frozenset(
    """president vice chairman chairwoman chairperson chair secretary witness court clerk speaker reporter
    senator representative congressman congresswoman ambassador minister chancellor premier king queen
    prince general admiral colonel judge justice counsel attorney prosecutor defendant moderator host
    interviewer interviewee narrator audience voice voices participant unidentified unknown crew translator
    interpreter delegate delegation member members governor mayor commissioner director spokesman spokeswoman
    spokesperson q a question answer questioner respondent student teacher doctor officer operator official
    officials""".split()
)
TITLES = frozenset(
    """the chief mr mrs ms messrs dr prof professor amb ambassador ch chancellor fm foreign minister prime pm
    president vice vp secretary sec general gen senator sen rep representative admiral adm colonel col
    governor gov judge justice chairman chairwoman chair comrade tovarishch herr frau monsieur madame
    mme sir lord lady dame hon honorable honourable rev father cardinal pope king queen prince
    princess sheikh emir deputy assistant state national security adviser advisor mister senior""".split()
)
# A court transcript's line naming who examines the witness from here on: "BY THE PRESIDENT:",
# "CROSS-EXAMINATION BY MR. LAFOLLETTE:".
_EXAMINATION = re.compile(
    r"(?:(?:(?:RE-?)?(?:DIRECT|CROSS)[- ]?|FURTHER |CONTINUED )*EXAMINATION(?: \(CONTINUED\))?\s+)?"
    r"BY\s+(?P<who>[^:]{2,60}?)\s*:",
    re.I,
)
_PAGE_LINE = re.compile(r"[ \t]*\[?Page \d{1,5}\b")
PRESS = frozenset({"q", "question", "questions", "reporter", "reporters", "press", "journalist", "journalists"})
ANSWERS = frozenset({"a", "answer", "answers"})


@dataclass(frozen=True)
class Occurrence:
    """Where a label-shaped opening stands: paragraph, line in it, and line in the source."""

    label: Label
    paragraph: int
    line: int
    source_line: int
    alone: bool = False  # the label is the whole paragraph


@dataclass
class Decision:
    speaker: bool
    certain: bool
    reason: str


_UNDECIDED = Decision(False, True, "")  # a form never decided on (a label alone on its line after a sentence)


@dataclass
class Person:
    """A speaker of the document, with every label form that names them."""

    id: str
    forms: list[str] = field(default_factory=list)  # label names as printed, in order of first use
    entry: Entry | None = None
    hint: SpeakerHint | None = None
    group: bool = False
    role: str | None = None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’-]*", text)


def name_words(label: Label) -> list[str]:
    """The words of a label that may name someone: no titles, initials or particles."""
    words = [w for w in label.words if w.casefold() not in TITLES and w.casefold() not in ABBREVIATIONS]
    words = [w for w in words if w.casefold() not in PARTICLES and not re.fullmatch(r"[A-Z]", w)]
    return words


def _shape(label: Label) -> tuple[str, bool]:
    letters = [c for c in label.name if c.isalpha()]
    return label.terminator, all(c.isupper() for c in letters)


# A qualifier saying in which language the words were spoken or from which they were interpreted
# ("translated from French", "interpretation from Arabic", "spoke in French").
_INTERPRETED = re.compile(r"^(?:translated|translation|interpretation|interpreted|spoke|speaking)\s+(?:from|in)\s", re.I)
# Fields that list who attends: the line above them names who presides ("President: Mr. Mamadou
# Boucabar KANTE (Mali)." over "Present: The representatives of the following States: …", as the UN's
# records print their heading), and is the record's heading, not a turn.
_ATTENDANCE = frozenset({"present", "members", "absent"})
_PRESIDING = re.compile(r"[^!?:;()]*\([^()]+\)\.?\s*")  # "Mr. Mamadou Boucabar KANTE (Mali)."


def _heads_attendance(paragraphs: list[Paragraph], index: int, number: int, label: Label) -> bool:
    """The line at (index, number) names a person with his country, and the line after it opens a
    field listing who attends."""
    lines = paragraphs[index].lines
    if not _PRESIDING.fullmatch(lines[number], label.end):
        return False
    following = lines[number + 1] if number + 1 < len(lines) else None
    if following is None and index + 1 < len(paragraphs):
        following = paragraphs[index + 1].lines[0]
    label = read_label(following) if following else None
    return bool(label and label.terminator == ":" and [w.casefold() for w in label.words] in [[w] for w in _ATTENDANCE])


def _ends_sentence(line: str) -> bool:
    if line.rstrip().endswith(("]", ")")) or _PAGE_LINE.match(line):
        return True  # a page's line ("Page 1533 PREV PAGE TOP OF DOC") is no sentence running on
    stripped = line.rstrip().rstrip("\"'”’»*")
    return not stripped or stripped[-1] in ".!?…:;-—"


class Speakers:
    """Decides which label forms of a document are speakers, and groups them into persons."""

    def __init__(
        self,
        paragraphs: list[Paragraph],
        names: set[str],
        register: Register,
        hints: Hints | None = None,
        text: str = "",
    ) -> None:
        self._register = register
        self._hints = hints or Hints()
        self._names = names  # case-folded words that name participants (title, participants list)
        self.occurrences = self._occurrences(paragraphs)
        self._proper = {w.casefold() for w in re.findall(r"(?<=[a-z,;] )([A-Z][\w'’-]+)", text)}
        self._introduced = self._introduction(paragraphs)
        self.decisions = self._decide()
        # A known speaker's label alone on its line still opens a turn after a line that does not end.
        self.occurrences += [
            o for o in self._loose if (d := self.decisions.get(o.label.key)) is not None and d.speaker and d.certain
        ]
        self.occurrences.sort(key=lambda o: (o.paragraph, o.line))
        self.persons: dict[str, Person] = {}
        self._person_of: dict[str, Person] = {}
        self._by_line: dict[int, Person] = {}  # source line of a court's Q → the counsel or judge examining
        self._guessed: list[tuple[int, str]] = []
        self.headings: set[tuple[int, int]] = set()  # (paragraph, line) of the lines naming an examiner
        self._group(self._examiners(paragraphs))

    # ----- evidence -----

    def _occurrences(self, paragraphs: list[Paragraph]) -> list[Occurrence]:
        found = []
        self._loose: list[Occurrence] = []  # label lines after an unfinished line: taken only for a known form
        for index, paragraph in enumerate(paragraphs):
            previous = ""
            # Inside a block, a label after an unfinished line is more likely a wrapped sentence, unless
            # indentation marks the paragraphs: indented first lines, flush wrapped lines (the Public
            # Papers' layout), where an indented line opens a paragraph even after a line the copy cut short.
            mixed = any(line[:1].isspace() for line in paragraph.lines) and any(
                line[:1] and not line[:1].isspace() for line in paragraph.lines
            )
            for number, line in enumerate(paragraph.lines):
                label = read_label(line)
                indented = line[:1].isspace() and mixed
                if label and _heads_attendance(paragraphs, index, number, label):
                    label = None
                if label:
                    alone = len(paragraph.lines) == 1
                    occurrence = Occurrence(label, index, number, paragraph.line + number, alone)
                    if number == 0 or label.terminator == ":" or _ends_sentence(previous) or indented:
                        found.append(occurrence)
                    elif label.terminator == "\n":
                        self._loose.append(occurrence)
                previous = line
        return found

    def _introduction(self, paragraphs: list[Paragraph]) -> set[str]:
        """Names the text before the first label gives inside its lines ("Secretary of Defense Donald
        H. Rumsfeld and Gen. Richard B. Myers"): a word in capitals after another word, case-folded."""
        first = next((o for o in self.occurrences if o.label.terminator != "\n"), None)  # not a heading line
        lines = [
            line
            for index, paragraph in enumerate(paragraphs)
            for number, line in enumerate(paragraph.lines)
            if first is None or (index, number) < (first.paragraph, first.line)
        ]
        found = re.findall(r"(?<=[\w.,] )([A-Z][\w'’-]+)", "\n".join(lines))
        return {w.casefold() for w in found if w.casefold() not in NOT_NAMES | TITLES | ROLES}

    def _named(self, label: Label) -> bool:
        words = name_words(label) or label.words
        return bool(
            (words and words[-1].casefold() in self._names) or self._register.person_for_label(label.name) is not None
        )

    def _not_a_name(self, label: Label) -> bool:
        words = [w.casefold() for w in label.words]
        if not words:
            return True
        if len(words) > 1:
            words = [w for w in words if len(w) > 1]  # initials
        if all(w in ROLES or w in TITLES for w in words):
            return False
        return any(w in NOT_NAMES for w in words if w not in PARTICLES and (w != "the" or len(words) == 1))

    def _identity_counts(self, labels: dict[str, Label], counts: Counter[str]) -> Counter[str]:
        """How often each form's person speaks, counting every form that prints the same person
        ("Chancellor Kohl:" and "Ch. Kohl:"; "Mary Ann Jones:" and "MAJ:"; "QUESTION:" and "Q")."""
        identity: dict[str, str] = {}
        by_initials: dict[str, str] = {}
        for key, label in labels.items():
            words = {w.casefold() for w in label.words}
            if words and words <= PRESS:
                identity[key] = "press"
                continue
            identity[key] = "name:" + _identity(label).casefold()
            if len(_words(label.name)) >= 2:
                by_initials.setdefault(_initials(label.name).upper(), identity[key])
        for key, label in labels.items():
            if re.fullmatch(r"[A-Z]{2,4}", label.name) and label.name in by_initials:
                identity[key] = by_initials[label.name]
        totals: Counter[str] = Counter()
        for key, count in counts.items():
            totals[identity[key]] += count
        return Counter({key: totals[identity[key]] for key in labels})

    def _decide(self) -> dict[str, Decision]:
        form_counts = Counter(o.label.key for o in self.occurrences)
        labels = {o.label.key: o.label for o in self.occurrences}
        counts = self._identity_counts(labels, form_counts)
        decisions: dict[str, Decision] = {}
        for key, label in labels.items():
            if self._hints.hint_for(label.name):
                decisions[key] = Decision(True, True, "named by the user")
            elif _EXAMINATION.fullmatch(label.text):
                decisions[key] = Decision(False, True, "a line naming who examines the witness")
            elif self._not_a_name(label):
                decisions[key] = Decision(False, True, "a field, heading or sentence word")
            elif label.terminator in (" ", "\n"):
                continue  # decided below, after the forms with punctuation
            elif self._named(label):
                decisions[key] = Decision(True, True, "named in the title, participants or register")
            elif label.terminator == ":" and any(_INTERPRETED.search(q) for q in label.qualifiers):
                # Only what is said is interpreted: "The PRESIDENT (translated from French):" once is a turn.
                decisions[key] = Decision(True, True, "its qualifier says how the speech was interpreted")
            elif label.terminator == ":" and (name_words(label) or [""])[-1].casefold() in self._introduced:
                decisions[key] = Decision(True, True, "named in the lines before the first turn")
            elif counts[key] >= 2 and (
                label.terminator == ":" or _role_like(label) or self._name_evidence(label, counts[key])
            ):
                reason = f"used {counts[key]} times" + ("" if form_counts[key] > 1 else " with its other forms")
                decisions[key] = Decision(True, True, reason)
        certain = [labels[k] for k, d in decisions.items() if d.speaker and d.certain]
        shapes = {_shape(label) for label in certain}
        # Labels printed once each, with a title, role or qualifier, of one shape: the pattern of a
        # short excerpt ("CHIEF JUSTICE ROBERTS:", "MS. JACKSON:", "JUSTICE SOTOMAYOR:").
        # The press's label ("QUESTION:") stands beside them as one more speaker ("MR. BOUCHER:"), and
        # so does a role alone printed in capitals as labels are ("MODERATOR:"; "Chair:" once may be a field).
        def pooled(label: Label) -> bool:
            role = label.terminator == ":" and label.name.isupper() and _role_like(label)
            return _titled(label) or _press(label) or role

        titled: dict[tuple[str, bool], set[str]] = {}
        for key, label in labels.items():
            if key not in decisions and label.terminator in ":." and pooled(label):
                titled.setdefault(_shape(label), set()).add("press" if _press(label) else _identity(label).casefold())
        for key, label in labels.items():
            if key in decisions or label.terminator not in ":." or not pooled(label):
                continue
            if len(titled[_shape(label)]) >= 2 or (_shape(label) in shapes and label.terminator == ":"):
                decisions[key] = Decision(True, False, "titled like the document's other labels")
        qualified_alone = sum(
            1 for o in self.occurrences if o.label.terminator == "\n" and o.alone and o.label.qualifiers
        )
        for key, label in labels.items():
            if key in decisions:
                continue
            if label.terminator == "\n":
                # A label alone on its line, the speech below: a form that recurs, each time as a
                # paragraph of its own, named with a role or in full ("Buzz Aldrin (LMP)").
                alone = all(o.alone for o in self.occurrences if o.label.key == key)
                full = bool(label.qualifiers) or len(name_words(label)) >= 2
                if alone and full and counts[key] >= 2 and not label.name.isupper():
                    decisions[key] = Decision(True, True, f"used {counts[key]} times, each on its own line")
                elif alone and (label.qualifiers or _role_like(label)) and qualified_alone >= 3:
                    decisions[key] = Decision(True, False, "on its own line with a role, like the document's other labels")
                else:
                    decisions[key] = Decision(False, True, "a line of its own")
                continue
            if label.terminator == " ":
                # The press's bare "Q" (no sentence begins with "Q "): in a document with other
                # speakers, or recurring; "A" only beside a "Q".
                questions = any(w.casefold() in PRESS for w in label.words)
                bare_q = counts.get("Q ", 0) >= 2 or (counts.get("Q ", 0) and certain)
                if questions and (counts[key] >= 2 or certain):
                    decisions[key] = Decision(True, counts[key] >= 2, f"the press's Q beside {len(certain)} speakers")
                elif counts[key] >= 2 and bare_q:
                    decisions[key] = Decision(True, True, f"used {counts[key]} times beside the press's Q")
                else:
                    decisions[key] = Decision(False, True, "a letter opening a sentence")
                continue
            initials = bool(re.match(r"(?:[A-Z]\.\s?)+\S", label.name))
            lengths = {len(c.words) for c in certain if _shape(c) == _shape(label)}
            if counts[key] >= 2 and _shape(label) in shapes:
                decisions[key] = Decision(True, True, f"used {counts[key]} times, labelled like {certain[0].text}")
            elif len(label.words) >= 2 and len(label.words) in lengths and label.terminator == ":":
                decisions[key] = Decision(True, False, f"named in full like {certain[0].text}")
            elif len(certain) >= 2 and _shape(label) in shapes and (
                label.terminator == ":" or initials or self._name_evidence(label, counts[key])
            ):
                decisions[key] = Decision(True, False, f"labelled like {certain[0].text}")
            elif initials and certain:
                decisions[key] = Decision(True, False, "printed with initials")
            elif certain and _role_like(label) and label.terminator in {c.terminator for c in certain}:
                decisions[key] = Decision(True, False, f"a role, labelled like {certain[0].text}")
            else:
                decisions[key] = Decision(False, False, "not labelled like the document's speakers")
        return decisions

    def _name_evidence(self, label: Label, count: int) -> bool:
        """A label closed by a full stop is a name when it looks like one beyond its shape."""
        words = name_words(label) or label.words
        if not words:
            return False
        if len(label.words) > 1 and (label.name.isupper() or re.match(r"(?:[A-Z]\.\s?)+", label.name)):
            return True
        if label.name.isupper() and len(words[-1]) > 1:
            return True
        if len(words) >= 2 or any(w.casefold() in TITLES for w in label.words):
            return count >= 2 or words[-1].casefold() in self._proper
        return words[-1].casefold() in self._proper

    def _examiners(self, paragraphs: list[Paragraph]) -> dict[int, Label]:
        """Who asks each ``Q`` of a court transcript: the examiner that the last "BY MR. X:" line (or
        "CROSS-EXAMINATION BY …:") names. Before the first such line, the examination under way is
        the one whose counsel speaks under their own label when the questions stop ("MR. X: That is
        all."). Only in a document that prints such lines: elsewhere Q is the press."""
        headers = []
        for index, paragraph in enumerate(paragraphs):
            for number, line in enumerate(paragraph.lines):
                found = _EXAMINATION.fullmatch(line.strip())
                examiner = read_label(found["who"] + ":") if found else None
                if examiner is not None:
                    headers.append((paragraph.line + number, examiner))
                    self.headings.add((index, number))
        if not headers or self._hints.hint_for("Q"):
            return {}  # no examination printed, or the user said who Q is
        speaking = [o for o in self.occurrences if self.decisions.get(o.label.key, _UNDECIDED).speaker]
        header_lines = [line for line, _ in headers]
        # For each turn, the next one under a label of its own (not Q or A), found from the end once.
        following: list[Occurrence | None] = [None] * len(speaking)
        nearest: Occurrence | None = None
        for position in range(len(speaking) - 1, -1, -1):
            if speaking[position].label.name not in ("Q", "A"):
                nearest = speaking[position]
            following[position] = nearest
        examiners: dict[int, Label] = {}
        for position, occurrence in enumerate(speaking):
            if occurrence.label.name != "Q":
                continue
            last = bisect.bisect_left(header_lines, occurrence.source_line)  # headers stand in source order
            if last:
                examiners[occurrence.source_line] = headers[last - 1][1]
                continue
            after = following[position]
            if after is not None:
                examiners[occurrence.source_line] = after.label
                if not self._guessed:
                    self._guessed.append(
                        (occurrence.source_line, f'"Q" before any "BY …:" line taken as {after.label.text}, '
                         "who speaks when the questions stop")
                    )
        return examiners

    # ----- the decision for one line -----

    def label_at(self, paragraph: int, line: int) -> Label | None:
        return self._at.get((paragraph, line))

    @property
    def _at(self) -> dict[tuple[int, int], Label]:
        cached = getattr(self, "_at_cache", None)
        if cached is None:
            cached = {
                (o.paragraph, o.line): o.label
                for o in self.occurrences
                if self.decisions.get(o.label.key, _UNDECIDED).speaker
            }
            self._at_cache = cached
        return cached

    def unsure(self) -> list[tuple[int, str]]:
        """(source line, message) for every decision the document did not make certain."""
        reported: set[str] = set()
        messages = []
        uses_of = Counter(o.label.key for o in self.occurrences)
        for occurrence in self.occurrences:
            key = occurrence.label.key
            decision = self.decisions[key]
            if decision.certain or key in reported:
                continue
            reported.add(key)
            verdict = "taken as a speaker" if decision.speaker else "not taken as a speaker"
            uses = uses_of[key]
            how = "used once" if uses == 1 else f"used {uses} times"
            messages.append((occurrence.source_line, f'"{occurrence.label.text}" {how}, {verdict} ({decision.reason})'))
        return sorted(messages + self._guessed)

    # ----- who is who -----

    def _group(self, examiners: dict[int, Label]) -> None:
        used = [o for o in self.occurrences if self.decisions[o.label.key].speaker]
        for occurrence in used:
            label = occurrence.label
            examiner = examiners.get(occurrence.source_line)
            if examiner is not None:
                person = self._person_of.get(examiner.key) or self._match(examiner)
                self._person_of.setdefault(examiner.key, person)  # matched once, not at every question
                self._by_line[occurrence.source_line] = person
            elif label.key in self._person_of:
                continue
            elif examiners and label.name == "A":
                person = self._person("witness", role="witness")  # who answers a court's Q
                self._person_of[label.key] = person
            else:
                person = self._match(label)
                self._person_of[label.key] = person
            if label.name not in person.forms:
                person.forms.append(label.name)

    def _match(self, label: Label) -> Person:
        hint = self._hints.hint_for(label.name)
        if hint is not None:
            identifier = hint.id or hint.register or slug(_identity(label) or label.name)
            entry = next((e for e in self._register.persons if e.id == hint.register), None) if hint.register else None
            return self._person(identifier, entry=entry, hint=hint, group=hint.group)
        entry = self._register.person_for_label(label.name)
        if entry is not None:
            return self._person(entry.id, entry=entry)
        identity = _identity(label)
        for person in self.persons.values():
            if person.entry is None and person.hint is None and any(
                _same_person(label, form) for form in person.forms
            ):
                return person
        words = [w.casefold() for w in label.words]
        if words and all(w in PRESS for w in words):
            return self._person("press", group=True, role="press")
        return self._person(slug(identity or label.name))

    def _person(self, identifier: str, **details) -> Person:
        person = self.persons.get(identifier)
        if person is not None:
            return person
        person = Person(identifier, **details)
        self.persons[identifier] = person
        return person

    def person_of(self, label: Label, line: int) -> Person:
        """Who speaks under ``label`` at ``line`` of the source."""
        return self._by_line.get(line) or self._person_of[label.key]


def _titled(label: Label) -> bool:
    """A label with a title, a role or a qualifier: "Mr. Abulhasan (Kuwait):", "JUSTICE SOTOMAYOR:"."""
    words = [w.casefold().rstrip(".") for w in label.words]
    return bool(label.qualifiers) or (len(words) >= 2 and words[0] in TITLES | ROLES | ABBREVIATIONS)


def _press(label: Label) -> bool:
    words = {w.casefold() for w in label.words}
    return bool(words) and words <= PRESS


def _role_like(label: Label) -> bool:
    """A label that names a role or the press ("The PRESIDING OFFICER.", "Translator.", "Reporter.")."""
    words = [w.casefold() for w in label.words if w.casefold() != "the"]
    if not words:
        return False
    if all(w in ROLES or w in TITLES or w in PRESS or w in ANSWERS for w in words):
        return True
    return label.words[0].casefold() == "the" and len(words) <= 3


def _identity(label: Label) -> str:
    """What names a person in a label: the surname, or the role when only titles are printed."""
    words = name_words(label)
    roles = [w for w in label.words if w.casefold() not in {"the", "mr", "mrs", "ms"}]
    if words and any(w.casefold() in ROLES for w in words):
        # A description, not a name: "SENIOR STATE DEPARTMENT OFFICIAL ONE" is not "ONE".
        return " ".join(roles)
    if words:
        return words[-1]
    # Every word of a role: "The Vice President" is not "The President".
    return " ".join(roles) if roles else label.name


def _given(label: Label) -> list[str]:
    """First letters of the given names or initials before the surname ("H. KOHL" → ["h"])."""
    words = label.words[:-1]
    return [w[0].casefold() for w in words if w.casefold() not in TITLES | ABBREVIATIONS | PARTICLES]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w.casefold() not in TITLES and w.casefold() not in PARTICLES)


def _same_person(label: Label, form: str) -> bool:
    """Whether ``label`` and an earlier form ``form`` print the same person."""
    other = read_label(form + ":") or read_label(form + ".")
    if other is None:
        return False
    # "MAJ" for "Mary Ann Jones"
    for short, full in ((label.name, form), (form, label.name)):
        if re.fullmatch(r"[A-Z]{2,4}", short) and len(_words(full)) >= 2 and _initials(full).upper() == short:
            return True
    mine, theirs = name_words(label), name_words(other)
    if mine and theirs:
        if mine[-1].casefold() == theirs[-1].casefold():
            given_mine, given_theirs = _given(label), _given(other)
            return not given_mine or not given_theirs or given_mine[0] == given_theirs[0]
        return False
    words_mine = {w.casefold() for w in label.words} - {"the", "mr", "mrs", "ms"}
    words_theirs = {w.casefold() for w in other.words} - {"the", "mr", "mrs", "ms"}
    if words_mine & PRESS and words_theirs & PRESS:
        return True
    return bool(words_mine) and words_mine == words_theirs


def participants_in(title: str) -> set[str]:
    """Words of the "between X and Y" part of a title, case-folded."""
    match = re.search(r"\bbetween\b(?P<who>.+?\band\b.+)", title, re.I | re.S)
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", match["who"])} if match else set()


def slug(text: str) -> str:
    """A lower-case XML name built from ``text`` ("Geneva Summit (1985)" → "geneva-summit-1985")."""
    value = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"
    return value if value[0].isalpha() else f"x-{value}"


__all__ = ["Label", "Person", "Speakers", "label_key", "participants_in", "read_label", "slug"]
