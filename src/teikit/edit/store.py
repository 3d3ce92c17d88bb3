"""The folder being edited: documents read, actions checked and validated, saves atomic and conditional.

Every save is based on a version, the SHA-256 of the file's bytes the editor last saw. The file is
read again under a lock, and the save goes ahead only when its bytes still have that hash: a save
based on a stale version, or on a file another program has changed since, is refused (412), never
written over. The new bytes go to a temporary file beside the document, are validated there (the
profile's Schematron finds the register beside it), synced to disk and renamed over the document,
so that a crash at any moment leaves the old file or the new one.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import subprocess
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.edit import actions
from teikit.edit.actions import EDITORS, Refused
from teikit.edit.source import Source, sha256
from teikit.edit.witness import Witness, describe
from teikit.errors import InputError
from teikit.tei import TEI_NS, XML_ID, tag
from teikit.validate.engines import Plan
from teikit.validate.findings import Finding
from teikit.validate.runner import check_file
from teikit.xslt import processor

REGISTER = "register.xml"
PLACE_TYPES = ("city", "country", "state", "site", "island", "sea")  # the profile's place/@type
_TEMPORARY = re.compile(r"\.[^/]+\.xml\.[A-Za-z0-9_]+\.tmp")
NS = {"tei": TEI_NS}


class Stale(Exception):
    """The file is not the version the save was based on."""

    def __init__(self, current: str) -> None:
        super().__init__("the file has changed since it was loaded")
        self.current = current


class Invalid(Exception):
    """The action would make the file invalid; nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings[:3]))
        self.findings = findings


@dataclass
class Saved:
    hash: str
    description: str
    findings: list[Finding]
    words: str | None = None  # the witness's words of the saved version
    document: object = None  # the saved version parsed by Saxon (for the reading view)
    patch: dict | None = None  # which turns the reading view must render anew (Patch.as_json)


@dataclass
class Patch:
    """What changed in the reading view: the turns numbered ``first``..``last`` (elements, in the
    version the page shows) become the turns ``render`` (in the saved one), and every other text
    node or element numbered n keeps its place with the number n + before (n below the turns'
    first number) or n + after."""

    first: int | None
    last: int | None
    render: tuple[int, int] | None
    elements: tuple[int, int, int]  # threshold, before, after
    texts: tuple[int, int, int]

    def as_json(self) -> dict:
        return {"first": self.first, "last": self.last, "elements": list(self.elements), "texts": list(self.texts)}


# Kinds the web rendering counts through the whole text (ids such as unclear-3, note numbers): an
# action that adds or removes one changes later turns' rendering, and the page is rendered whole.
_COUNTED = tuple(tag(name) for name in ("gap", "note", "supplied", "unclear", "pb", "div", "text"))
_MOST_TURNS_PATCHED = 20


@dataclass
class _Before:
    """What the reading view's patch is computed from: the version the action starts from."""

    numbering: object
    turns: list
    parents: list
    counted: dict


def _counted(root: etree._Element) -> dict:
    text = root.find(tag("text"))
    counts: dict[str, int] = {}
    if text is not None:
        for element in text.iter(*_COUNTED):
            counts[element.tag] = counts.get(element.tag, 0) + 1
    return counts


def _before(source: Source) -> _Before:
    turns = list(source.root.iter(tag("sp")))
    return _Before(source.numbering(), turns, [t.getparent() for t in turns], _counted(source.root))


def _patch(before: _Before, source: Source) -> Patch | None:
    """The turns an action changed, as a patch of the reading view, or None when the page must be
    rendered whole (a change outside the turns, or one that renumbers later turns' notes or marks)."""
    after = source.numbering()
    if _counted(source.root) != before.counted:
        return None
    header = source.root.find(tag("teiHeader"))
    turns = list(source.root.iter(tag("sp")))
    position = {turn: number for number, turn in enumerate(turns)}
    changed = set()
    for node in source.changed:
        if node is None or header is not None and (node is header or header in node.iterancestors()):
            continue
        turn = node if node.tag == tag("sp") else next(node.iterancestors(tag("sp")), None)
        if turn is None:
            return None
        changed.add(position[turn])
    old, new = before.numbering, after
    old_elements, new_elements = len(old.elements), len(new.elements)
    old_texts, new_texts = len(old.texts), len(new.texts)
    if not changed:
        return Patch(None, None, None, (0, new_elements - old_elements, new_elements - old_elements),
                     (0, new_texts - old_texts, new_texts - old_texts))
    a, b = min(changed), max(changed)
    suffix = len(turns) - 1 - b
    first, last = a, len(before.turns) - 1 - suffix
    if (b - a >= _MOST_TURNS_PATCHED or last < first
            or len({t.getparent() for t in turns[a:b + 1]}) != 1 or len(set(before.parents[first:last + 1])) != 1
            or a and before.turns[a - 1] is not turns[a - 1]
            or suffix and before.turns[last + 1] is not turns[b + 1]):
        return None
    e_old, t_old = old.elements[before.turns[first]]
    e_new, t_new = new.elements[turns[a]]
    return Patch(e_old, old.elements[before.turns[last]][0], (e_new, new.elements[turns[b]][0]),
                 (e_old, e_new - e_old, new_elements - old_elements), (t_old, t_new - t_old, new_texts - old_texts))


@dataclass
class _Step:
    before: bytes
    after: bytes
    description: str


@dataclass
class _Session:
    undo: list[_Step] = field(default_factory=list)
    redo: list[_Step] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)  # without git: this session's saves


class Folder:
    """A folder of TEI documents (and perhaps its register.xml) open for editing."""

    def __init__(self, folder: Path, editor: str = "") -> None:
        self.root = folder.resolve()
        if not self.root.is_dir():
            raise InputError(folder, "is not a folder of TEI documents (name the folder, such as tei/)")
        self.editor = editor
        self._lock = threading.Lock()
        self._sessions: dict[str, _Session] = {}
        self._words: dict[str, str] = {}  # the witness's words of a version (by SHA-256) this editor saved
        # The parsed version of each document last read or saved, reused while the file's bytes still
        # have its hash: parsing a 1 MB file with byte offsets costs more than the rest of a save.
        self._parsed: dict[Path, Source] = {}
        self._validators = Plan.profile().build()
        self._proc_context = processor()
        self.proc = self._proc_context.__enter__()
        self.witness = Witness(self.proc)
        self.git = _git_top(self.root)
        self._remove_leftovers()

    def _remove_leftovers(self) -> None:
        """Temporary files of saves that a crash interrupted (the documents themselves are intact)."""
        for leftover in self.root.rglob(".*.xml.*.tmp"):
            if _TEMPORARY.fullmatch(leftover.name) and leftover.is_file():
                leftover.unlink(missing_ok=True)

    def close(self) -> None:
        self._proc_context.__exit__(None, None, None)

    # -- paths ---------------------------------------------------------------------------------

    def documents(self) -> list[str]:
        found = []
        for path in sorted(self.root.rglob("*.xml")):
            relative = path.relative_to(self.root)
            if path.name == REGISTER or any(part.startswith(".") for part in relative.parts):
                continue
            if path.is_file() and not path.is_symlink():
                found.append(relative.as_posix())
        return found

    def path(self, name: str) -> Path:
        """The file ``name`` names inside the folder; a name that leads outside it is refused."""
        if not name or "\\" in name or "\0" in name or name.startswith("/") or any(
                part in ("", ".", "..") or part.startswith(".") for part in name.split("/")):
            raise InputError(name, "is not the name of a document in this folder")
        path = self.root / name
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError(name, "no such document in this folder") from None
        if not resolved.is_relative_to(self.root) or resolved != path or not resolved.is_file():
            raise InputError(name, "is not a document of this folder")
        if resolved.suffix != ".xml":
            raise InputError(name, "is not an XML document")
        return resolved

    def read(self, name: str) -> Source:
        """The document as it is on disk now (its parse reused when its bytes have not changed)."""
        path = self.path(name)
        return self._source(path, path.read_bytes(), keep=True)

    def _source(self, path: Path, data: bytes, keep: bool) -> Source:
        """``data`` parsed; ``keep=False`` takes the parse out of the cache, as an action changes its tree."""
        cached = self._parsed.get(path) if keep else self._parsed.pop(path, None)
        if cached is not None and cached.hash == sha256(data) and cached.data == data:
            return cached
        source = Source(data, path)
        if keep:
            self._parsed[path] = source
        return source

    # -- reading and checking ------------------------------------------------------------------

    def findings(self, path: Path) -> list[Finding]:
        return check_file(path, self._validators).findings

    def register(self) -> etree._Element | None:
        path = self.root / REGISTER
        if not path.is_file():
            return None
        return Source(path.read_bytes(), path).root

    # -- saving --------------------------------------------------------------------------------

    def act(self, name: str, action: str, params: dict, base: str) -> Saved:
        """Apply ``action`` to the document as of version ``base``, check it and save it."""
        path = self.path(name)
        with self._lock:
            source = self._source(path, path.read_bytes(), keep=False)
            if source.hash != base:
                raise Stale(source.hash)
            original = source.data
            before_words = self._words.pop(source.hash, None) or self.witness.words(source.root)
            before = _before(source)
            source.snapshot()
            description = actions.apply(source.root, action, params, before.numbering.texts)
            self._record_change(source.root, description)
            data = source.serialize()
            document = self.witness.parse(data)
            after_words = self.witness.words_of(document)
            differences = self.witness.changes(before_words, after_words)
            if differences:
                raise Refused(describe(differences, path))
            findings = self._write(path, data, base)
            self._words = {source.hash: after_words}
            self._parsed[path] = source  # now the parse of the saved bytes
            self._committed(name, path, original, data, description)
            session = self._sessions.setdefault(name, _Session())
            session.undo.append(_Step(original, data, description))
            session.redo.clear()
            return Saved(source.hash, description, findings, after_words, document, _patch(before, source))

    def undo(self, name: str, base: str) -> Saved:
        return self._step(name, base, undo=True)

    def redo(self, name: str, base: str) -> Saved:
        return self._step(name, base, undo=False)

    def can(self, name: str) -> dict[str, str | None]:
        session = self._sessions.get(name, _Session())
        return {"undo": session.undo[-1].description if session.undo else None,
                "redo": session.redo[-1].description if session.redo else None}

    def _step(self, name: str, base: str, undo: bool) -> Saved:
        path = self.path(name)
        session = self._sessions.setdefault(name, _Session())
        stack, other = (session.undo, session.redo) if undo else (session.redo, session.undo)
        with self._lock:
            if not stack:
                raise Refused(f"there is nothing to {'undo' if undo else 'redo'}")
            current = path.read_bytes()
            if sha256(current) != base:
                raise Stale(sha256(current))
            step = stack[-1]
            expected, target = (step.after, step.before) if undo else (step.before, step.after)
            if current != expected:
                raise Refused("the file is not as this session's last action left it: reload it")
            description = f"{'Undid' if undo else 'Redid'}: {step.description}"
            findings = self._write(path, target, base)
            stack.pop()
            other.append(step)
            self._committed(name, path, current, target, description)
            return Saved(sha256(target), description, findings)

    def add_register_entry(self, kind: str, names: list[str], wikidata: str, base: str | None = None,
                           ident: str = "", place_type: str = "city") -> str:
        """A new person or place in register.xml, with the xml:id ``ident`` (else one made from its
        name) and, for a place, its kind (city, country, …); returns its xml:id."""
        path = self.root / REGISTER
        if not path.is_file():
            raise Refused("this folder has no register.xml to add the entry to")
        names = [" ".join(n.split()) for n in names if n and n.strip()]
        if not names:
            raise Refused("the entry needs a name")
        if wikidata and not re.fullmatch(r"Q[1-9][0-9]*", wikidata):
            raise Refused(f"“{wikidata}” is not a Wikidata item (Q followed by digits)")
        if kind not in ("person", "place"):
            raise Refused('say whether the entry is a "person" or a "place"')
        ident = ident.strip()
        if ident and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", ident):
            raise Refused(f"“{ident}” cannot be an xml:id: start with a letter, then letters, digits, - . or _")
        if kind == "place" and place_type not in PLACE_TYPES:
            raise Refused(f"a place's kind is one of {', '.join(PLACE_TYPES)}, not “{place_type}”")
        with self._lock:
            source = Source(path.read_bytes(), path)
            if base is not None and source.hash != base:
                raise Stale(source.hash)
            listing = source.root.find(f".//{tag('standOff')}/{tag('listPerson' if kind == 'person' else 'listPlace')}")
            if listing is None or not len(listing):
                raise Refused(f"register.xml has no list of {kind}s to add to")
            taken = {e.get(XML_ID) for e in source.root.iter() if isinstance(e.tag, str)}
            if ident in taken:
                raise Refused(f"the register already has an entry {ident}: choose another id")
            ident = ident or _identifier(names[0], taken)
            entry = etree.Element(tag(kind))
            entry.set(XML_ID, ident)
            if kind == "place":
                entry.set("type", place_type)
            name_tag = "persName" if kind == "person" else "placeName"
            last = listing[-1]
            # Laid out like the entry before it.
            entry.text = last.text
            inner = last[0].tail if len(last) else None
            for number, form in enumerate(names):
                element = etree.SubElement(entry, tag(name_tag), type="reg" if number == 0 else "variant")
                element.text = form
                element.tail = inner
            if wikidata:
                idno = etree.SubElement(entry, tag("idno"), type="wikidata")
                idno.text = wikidata
                idno.tail = inner
            entry[-1].tail = last[-1].tail if len(last) else None
            entry.tail = last.tail
            last.tail = listing[-2].tail if len(listing) > 1 else last.tail
            listing.append(entry)
            self._record_change(source.root, f"Added the {kind} {ident} ({names[0]}) to the register")
            original, base = source.data, source.hash
            data = source.serialize()
            self._write(path, data, base)
            self._committed(REGISTER, path, original, data, f"Added the {kind} {ident} to the register")
            return ident

    def _record_change(self, root: etree._Element, description: str) -> None:
        """A revisionDesc/change saying who did what, and when, after the last one (and the
        revisionDesc itself, if the document has none yet)."""
        header = root.find(tag("teiHeader"))
        if header is None:
            return  # the profile says what is missing when it validates
        self._declare_editors(header)
        listing = header.find(tag("revisionDesc"))
        if listing is None:
            indent = _indent_of(header[-1]) if len(header) else "\n"
            listing = etree.SubElement(header, tag("revisionDesc"))
            listing.text = indent + "  "
            previous = listing.getprevious()
            if previous is not None:
                listing.tail, previous.tail = previous.tail, indent
        change = etree.Element(tag("change"), who=EDITORS, when=datetime.date.today().isoformat())
        change.text = description + (f" ({self.editor})" if self.editor else "")
        if len(listing):
            last = listing[-1]
            change.tail = last.tail
            last.tail = listing[-2].tail if len(listing) > 1 else listing.text
        else:
            change.tail = _indent_of(listing)
        listing.append(change)

    def _declare_editors(self, header: etree._Element) -> None:
        """The element that ``who="#editors"`` and ``resp="#editors"`` point to, in the title statement
        of a document that has none yet: the editors named, with what they did."""
        if header.xpath("boolean(//*[@xml:id = $id])", id=EDITORS[1:]):
            return
        statement = header.find(f"{tag('fileDesc')}/{tag('titleStmt')}")
        if statement is None or not len(statement):
            return  # the profile says what is missing when it validates
        responsible = etree.Element(tag("respStmt"))
        inner = _indent_of(statement) + "  "
        responsible.text = inner + "  "
        resp = etree.SubElement(responsible, tag("resp"))
        resp.text, resp.tail = "Markup added with teikit edit by", inner + "  "
        who = etree.SubElement(responsible, tag("name"))
        who.set(XML_ID, EDITORS[1:])
        who.text, who.tail = self.editor or "the editors", inner
        last = statement[-1]
        responsible.tail, last.tail = last.tail, inner
        last.addnext(responsible)

    def _write(self, path: Path, data: bytes, base: str) -> list[Finding]:
        """Validate ``data`` beside ``path`` and, when valid and ``path`` is still ``base``, rename it over."""
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # see _TEMPORARY
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            found = [_renamed(f, path) for f in self.findings(Path(temporary))]
            errors = [f for f in found if f.severity == "error"]
            if errors:
                raise Invalid(errors)
            current = sha256(path.read_bytes())
            if current != base:
                raise Stale(current)
            os.chmod(temporary, os.stat(path).st_mode & 0o777)
            os.replace(temporary, path)
            directory = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
            return found
        finally:
            Path(temporary).unlink(missing_ok=True)

    # -- history -------------------------------------------------------------------------------

    def _committed(self, name: str, path: Path, before: bytes, after: bytes, description: str) -> None:
        if self.git is not None:
            relative = path.relative_to(self.git).as_posix()
            message = f"teikit edit: {description}"
            _run_git(self.git, "add", "--", relative)
            _run_git(self.git, *_identity(self.git, self.editor), "commit", "--quiet", "--no-verify",
                     "-m", message, "--only", "--", relative)
            return
        # The diff is made when the history is shown: on a long file it costs more than the save.
        self._sessions.setdefault(name, _Session()).history.append({
            "id": str(len(self._sessions[name].history) + 1), "author": self.editor or "this session",
            "when": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "what": description, "diff": (name, before, after)})

    def history(self, name: str) -> list[dict]:
        """The document's changes, newest first, each with its diff."""
        path = self.path(name)
        if self.git is None:
            return [{**change, "diff": _diff(*change["diff"])}
                    for change in reversed(self._sessions.get(name, _Session()).history)]
        relative = path.relative_to(self.git).as_posix()
        log = _run_git(self.git, "log", "--max-count=200", "--format=%H%x1f%an%x1f%aI%x1f%s", "--", relative)
        changes = []
        for line in log.splitlines():
            commit, author, when, subject = line.split("\x1f")
            diff = _run_git(self.git, "show", "--format=", "--no-color", commit, "--", relative)
            changes.append({"id": commit, "author": author, "when": when,
                            "what": subject.removeprefix("teikit edit: "), "diff": diff})
        return changes


def _indent_of(element: etree._Element) -> str:
    """The line break and indentation before ``element``'s start tag, as the file has it."""
    previous = element.getprevious()
    space = previous.tail if previous is not None else (element.getparent().text if element.getparent() is not None else "")
    return space if space is not None and not space.strip() else "\n"


def _diff(name: str, before: bytes, after: bytes) -> str:
    return "".join(difflib.unified_diff(
        before.decode("utf-8", "replace").splitlines(True), after.decode("utf-8", "replace").splitlines(True),
        f"a/{name}", f"b/{name}"))


def _renamed(finding: Finding, path: Path) -> Finding:
    return Finding(str(path.name), finding.line, finding.column, finding.severity, finding.message, finding.rule)


def _identifier(name: str, taken: set[str | None]) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    base = (words[-1] if words else "entry")
    if not base[0].isalpha():
        base = "e" + base
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    return ident


def _git_top(folder: Path) -> Path | None:
    try:
        found = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                               capture_output=True, text=True, check=False)
    except OSError:
        return None
    return Path(found.stdout.strip()).resolve() if found.returncode == 0 else None


def _identity(top: Path, editor: str) -> list[str]:
    """Git's author: the user's own configuration, else the editor's name given to `teikit edit`."""
    configured = subprocess.run(["git", "-C", str(top), "config", "user.name"], capture_output=True, text=True,
                                check=False)
    if configured.returncode == 0 and configured.stdout.strip():
        return []
    return ["-c", f"user.name={editor or 'teikit edit'}", "-c", "user.email=teikit-edit@localhost"]


def _run_git(top: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise InputError(top, f"git {args[0] if args[0] != '-c' else 'commit'} failed: {done.stderr.strip()}")
    return done.stdout
