"""A large book typeset in parts, each part one Typst run, merged into one tagged PDF.

Typst holds the layout of a whole document in memory (about 1 MB a page for the book), so one run
of an 800-page book needs GBs. The book's Typst source (book.xsl's, the same as for one run) is cut
where it already breaks pages: the front matter; the documents, in groups of a bounded size; the
back matter (indexes, ledger, encoding). The groups are typeset in order, each with the page number
it starts at and how many pages came before it (the running heads alternate with the book's pages).
Each exports where its parts open and its marks (edition.typ's ``part-export``); the back matter is
typeset from those marks, the front matter's contents from where the parts open. A part that opens
on a right-hand page after an odd number of pages gets the blank page one run would have made.

Links into another part leave their run as ``teikit-goto:PART/PAGE/X/Y`` URIs; the merge makes them
links within the book. The merge (teikit.printing.merge) keeps one structure tree (the parts' elements under one Document,
their ParentTree entries renumbered with the pages' and annotations' StructParents), the outlines,
the page labels, and the first part's metadata, language and viewer preferences.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from lxml import etree

from teikit.files import atomic_file
from teikit.printing.typeset import Typeset, TypesetError

# The documents of one part: about 120 pages of the synthetic corpus' book, some 350 MB of Typst.
PART_MB = 0.5
# The marks (turns, names, places, ledger entries) one run of the back matter cites: a part of the
# documents cites some 1,000 to 3,000, and one run of the back matter held about 20 KB of Typst per
# mark (the index of the 100-document book, some 40,000 marks: 767 MB).
BACK_RECORDS = 15_000

# Lines book.xsl writes at the joints of the book.
_MAIN = '#part-end()\n#pagebreak(to: "odd", weak: true)\n#set page(numbering: "1")\n#counter(page).update(1)\n'
_BACK = "\n#part([Index of persons]"
_CONTENTS = "\n#contents()\n"
# The arguments of a document's opening that the contents print, each on a line of its own, before
# its source note's rows.
_SOURCE_ROWS = "\n  source: (\n"
_ENTRY_ARGUMENT = re.compile(r"^  (number|title|dated): (.*),$", re.M)
# A part of the back matter: its title is literal text in book.xsl.
_BACK_PART = re.compile(r"^#part\((\[[^\]\n]*\])", re.M)
_TP = "urn:teikit:print"

Run = Callable[[str, dict[str, str], bool], Typeset]


@dataclass
class Book:
    """The book's source in the pieces it is typeset from; the documents' sources stay in files
    (book.xsl's part="document", one file each), read a part at a time."""

    prelude: str  # edition.typ and the book's settings
    front: str  # title page, imprint, contents, principles
    documents: list[Path]  # each document's source, in the order of the book
    back: str  # indexes, ledger, encoding

    @classmethod
    def of(cls, frame: str, documents: list[Path]) -> Book:
        """The book of ``frame`` (book.xsl's part="frame": the book without its documents) and the documents."""
        main = frame.index(_MAIN)
        back = frame.index(_BACK, main) + 1
        start = frame.index("\n#title-page(") + 1
        return cls(frame[:start], frame[start:main], documents, frame[back:])

    def write(self, path: Path) -> None:
        """The one-run source of the book (what book.xsl's part="whole" writes), into ``path``."""
        with atomic_file(path) as out:
            out.write((self.prelude + self.front + _MAIN + "\n").encode("utf-8"))
            for document in self.documents:
                with document.open("rb") as source:
                    shutil.copyfileobj(source, out)
            out.write(self.back.encode("utf-8"))


class Summaries:
    """The documents' summaries (book.xsl's part="summary"), gathered in the order of the book into
    the one file its part="frame" reads. Each person and place is kept at its first document only,
    and each paragraph of the declarations there too, with the numbers of all the documents that
    have it: the book describes each from its first mention, so the later ones would change
    nothing, and without them the file grows with the book's persons and places, not its mentions."""

    def __init__(self) -> None:
        self.book = etree.Element(f"{{{_TP}}}book", nsmap={"tp": _TP})
        self._first: dict[tuple[str, ...], etree._Element] = {}

    def add(self, summary: str) -> None:
        for document in etree.fromstring(summary.encode("utf-8")):
            for item in list(document):
                kind = etree.QName(item).localname
                if kind == "declaration":
                    for paragraph in list(item):
                        first = self._first.setdefault((kind, item.get("name"), paragraph.get("text")), paragraph)
                        if first is not paragraph:
                            first.set("numbers", f"{first.get('numbers')} {paragraph.get('numbers')}")
                            item.remove(paragraph)
                    key = (kind, item.get("name"))
                else:
                    key = (kind, item.get("key"))
                if self._first.setdefault(key, item) is not item and not len(item):
                    document.remove(item)
            self.book.append(document)

    def write(self, path: Path) -> None:
        path.write_bytes(etree.tostring(self.book, xml_declaration=True, encoding="UTF-8"))


def groups(sizes: Sequence[int], limit: int) -> list[range]:
    """Consecutive documents in groups of at most ``limit`` bytes (a larger document alone)."""
    found: list[range] = []
    start, total = 0, 0
    for i, size in enumerate(sizes):
        if i > start and total + size > limit:
            found.append(range(start, i))
            start, total = i, 0
        total += size
    found.append(range(start, len(sizes)))
    return found


def typeset_in_parts(book: Book, sizes: Sequence[int], limit: int, run: Run, output: Path) -> Typeset:
    """Typeset ``book`` (its documents of ``sizes`` bytes of TEI) in parts of ``limit`` bytes, its back
    matter in runs that cite at most BACK_RECORDS marks each, into the PDF ``output``."""
    if len(book.documents) != len(sizes):
        raise ValueError(f"the book has {len(book.documents)} documents, {len(sizes)} were given")
    with tempfile.TemporaryDirectory(prefix="teikit-parts-") as folder:
        return _typeset_in_parts(book, sizes, limit, run, Path(folder), output)


def _typeset_in_parts(book: Book, sizes: Sequence[int], limit: int, run: Run, folder: Path, output: Path) -> Typeset:
    warnings: list[str] = []

    def typeset(name: str, text: str, inputs: dict[str, str]) -> Typeset:
        result = run(text, {"teikit-part": name, **inputs}, True)
        (folder / f"{name}.pdf").write_bytes(result.pdf)  # each part's PDF is left on disk, not held
        warnings.extend(w for w in result.warnings if w not in warnings)
        result.pdf = b""
        return result

    def numbered(first_page: int) -> str:
        return f'#set page(numbering: "1")\n#counter(page).update({first_page})\n'

    entries: list[dict] = []
    heads: list[dict[str, str]] = []  # the contents' entries: number, title and date of each part
    records: list[Path] = []  # each part's marks, left on disk until the back matter sorts them
    pages = 0
    order: list[str] = []
    for number, group in enumerate(groups(sizes, limit)):
        name = f"documents-{number}"
        sources = [book.documents[i].read_text(encoding="utf-8") for i in group]
        heads += [dict(_ENTRY_ARGUMENT.findall(d[:d.index(_SOURCE_ROWS)])) for d in sources]
        part = "".join(sources)
        del sources
        exported = typeset(name, book.prelude + numbered(pages + 1) + part + "\n#part-export()\n",
                           {"teikit-page-offset": str(pages)}).exported
        entries += exported["entries"]
        records.append(folder / f"{name}.records.json")
        records[-1].write_text(json.dumps(exported["records"]), encoding="utf-8")
        pages = exported["last-page"]
        order.append(name)
    for number, (source, cited) in enumerate(_back_runs(book.back, records, BACK_RECORDS, folder)):
        if source.startswith("#part(") and pages % 2:  # a part opens on a right-hand page
            order.append(_blank(typeset, f"blank-before-back-{number}", book.prelude, numbered(pages + 1)))
            pages += 1
        name = f"back-{number}"
        exported = typeset(name, book.prelude + numbered(pages + 1) + source + "\n#part-export()\n",
                           {"teikit-page-offset": str(pages), "teikit-records": cited.read_text(encoding="utf-8")}).exported
        entries += exported["entries"]
        pages = exported["last-page"]
        order.append(name)

    heads += [{"number": "none", "title": title, "dated": "none"} for title in _BACK_PART.findall(book.back)]
    if len(heads) != len(entries):
        raise ValueError(f"the parts opened {len(entries)} times, the book has {len(heads)} parts")
    outside = "".join(f"(number: {h['number']}, title: {h['title']}, dated: {h['dated']}, page: {json.dumps(e['page'])}, "
                      f"dest: {json.dumps(e['dest'])}),\n" for h, e in zip(heads, entries))
    front_source = book.prelude + book.front.replace(_CONTENTS, f"\n#contents(outside: (\n{outside}))\n", 1)
    front = typeset("front", front_source + "\n#part-export()\n", {}).exported
    front_pages = _pages(folder / "front.pdf")
    order[:0] = ["front"] + ([_blank(typeset, "blank-after-front", book.prelude, f"#counter(page).update({front['last-page'] + 1})\n")]
                             if front_pages % 2 else [])
    return Typeset(b"", warnings, file=output, count=_merged([(name, folder / f"{name}.pdf") for name in order], output))


# The back matter's parts (book.xsl's index.xsl, ledger.xsl, front.xsl), each opening with #part(.
_BACK_PARTS = re.compile(r"^(?=#part\()", re.M)
_RUNNING = re.compile(r"^#part\(\[[^\]\n]*\], running: (\[[^\]\n]*\])\)", re.M)
_INDEX = re.compile(r"^#(person|place)-index\(\(\n", re.M)
_KEY = re.compile(r'^  \("((?:[^"\\]|\\.)*)"')


def _back_runs(back: str, records: Sequence[Path], budget: int, folder: Path) -> list[tuple[str, Path]]:
    """The back matter as the sources of Typst runs, each with the marks it cites (a JSON file, in
    edition.typ's book-records form): an index or the ledger that cites more than ``budget`` marks
    goes on in the next run, on a new page, under its running head (``part-continued``), so that no
    run holds the marks of the whole book."""
    kinds = ("speaks", "named", "places", "ledger")
    # A row of the ledger's table costs Typst some 85 KB (11,700 rows in one run: 1 GB), an index's
    # citation far less: the ledger goes on in the next run after a fifth as many marks.
    ledger_budget = max(budget // 5, 1)
    counts: dict[tuple[str, str], int] = {}
    spoken: dict[str, int] = {}  # each person's turns: their entry cites them first, then where they are named
    ledger = 0
    for path in records:
        found = json.loads(path.read_text(encoding="utf-8"))
        for turn in found["speaks"]:
            for who in turn["who"]:
                counts["person", who] = counts.get(("person", who), 0) + 1
                spoken[who] = spoken.get(who, 0) + 1
        for kind, index in (("named", "person"), ("places", "place")):
            for mark in found[kind]:
                counts[index, mark["key"]] = counts.get((index, mark["key"]), 0) + 1
        ledger += len(found["ledger"])

    runs: list[tuple[str, dict]] = []  # source, and what it cites: marks of an index, a share of the ledger
    # (index, key): the runs that print its entry, each with the end of its share of the entry's marks
    # (the turns first, then the mentions, in the order of the book). An entry that cites more marks
    # than a run may goes on in the next, under its heading "(continued)", as a book's index does at
    # the top of a page: else the entry of the person named most would grow with the book.
    shares: dict[tuple[str, str], list[list]] = {}
    for piece in (p for p in _BACK_PARTS.split(back) if p):
        running = _RUNNING.match(piece)
        continued = f"#part-end()\n#pagebreak(weak: true)\n#part-continued({running[1] if running else '[]'})\n"
        index = _INDEX.search(piece)
        if index is not None:
            end = piece.index("\n))\n", index.end() - 1) + 1
            lines = piece[index.end():end].splitlines(keepends=True)
            head, tail = piece[:index.end()], piece[end:]
            entries: list[str] = []  # the entries of the run being laid out
            going_on = None  # the literal key of the entry it goes on with
            cited = 0

            def close() -> None:
                nonlocal entries, going_on, cited
                opening = head if not runs or runs[-1][1].get("index") != index[1] else continued + f"#{index[1]}-index((\n"
                closing = tail if going_on is None else tail.replace("))", f"), continuing: \"{going_on}\")", 1)
                runs.append((opening + "".join(entries) + closing, {"index": index[1]}))
                entries, going_on, cited = [], None, 0

            for line in lines:
                literal = _KEY.match(line)[1]
                key = (index[1], re.sub(r"\\(.)", r"\1", literal))
                weight = counts.get(key, 0)
                if entries and cited + weight > budget:
                    close()
                shares[key] = []
                taken = 0
                while weight - taken > budget:
                    entries.append(line)
                    taken += budget
                    shares[key].append([taken, len(runs)])
                    close()
                    going_on = literal
                entries.append(line)
                shares[key].append([math.inf, len(runs)])
                cited += weight - taken
            close()
        elif "\n#ledger()" in piece:
            rows = range(0, max(ledger, 1), ledger_budget)
            runs += [(piece if i == 0 else continued + "#ledger()\n", {"ledger": first}) for i, first in enumerate(rows)]
        else:
            runs.append((piece, {}))

    # The marks are read once more, part by part, each run's going straight to files of its own (one
    # per kind of mark), which then make its JSON.
    wanted = {"person": ("speaks", "named"), "place": ("places",)}
    spilled = [{kind: tempfile.TemporaryFile(dir=folder) for kind in
                (wanted[wants["index"]] if "index" in wants else ("ledger",) if "ledger" in wants else ())}
               for _, wants in runs]
    written = [dict.fromkeys(files, 0) for files in spilled]

    def put(number: int, kind: str, marks: Iterable[dict]) -> None:
        for mark in marks:
            spilled[number][kind].write((b"," if written[number][kind] else b"") + json.dumps(mark).encode("utf-8"))
            written[number][kind] += 1

    ledger_runs = [number for number, (_, wants) in enumerate(runs) if "ledger" in wants]
    cited_so_far: dict[tuple[str, str, str], int] = {}  # of an entry's marks of each kind, how many went to its runs
    last_pages: dict[str, tuple] = {}  # the pages of each person's last turn so far

    def run_of(key: tuple[str, str], at: int, pages: tuple | None = None) -> int:
        """The run that prints the mark ``at`` of ``key``'s entry (its turns come in order, its mentions
        between them, group by group). A share ends on a page of turns, not inside it: the index
        prints a page's turns as one citation, 9 (t. 1, 3), so a turn on the pages of the one before
        goes where that one went."""
        found = shares[key]
        if pages is not None and at and pages == last_pages.get(key[1]):
            share = next(share for share in found if at - 1 < share[0])
            for later in found[found.index(share):]:
                later[0] = max(later[0], at + 1)
            return share[1]
        return next(run for end, run in found if at < end)

    def cite(key: tuple[str, str], kind: str, pages: tuple | None = None) -> int:
        """The run that prints this mark of ``kind`` of ``key``'s entry, the marks of each kind coming in the order of the book."""
        so_far = cited_so_far.get((*key, kind), 0)
        cited_so_far[(*key, kind)] = so_far + 1
        return run_of(key, so_far + (spoken.get(key[1], 0) if kind == "named" else 0), pages)

    seen_ledger = 0
    previous = ""  # the document of the ledger's last mark so far
    for path in records:
        found = json.loads(path.read_text(encoding="utf-8"))
        for turn in found["speaks"]:
            # A turn goes to each run that prints one of its speakers' entries, naming only those.
            speakers: dict[int, list[str]] = {}
            for who in turn["who"]:
                if ("person", who) in shares:
                    pages = (turn["first"], turn["last"])
                    speakers.setdefault(cite(("person", who), "speaks", pages), []).append(who)
                    last_pages[who] = pages
            for number in sorted(speakers):
                put(number, "speaks", [{**turn, "who": speakers[number]}])
        for kind, index in (("named", "person"), ("places", "place")):
            for mark in found[kind]:
                if (index, mark["key"]) in shares:
                    put(cite((index, mark["key"]), kind), kind, [mark])
        for i, mark in enumerate(found["ledger"], start=seen_ledger):
            if i % ledger_budget == 0 and i:
                # The run goes on with the document the one before ended in: no heading row for it again.
                number = ledger_runs[i // ledger_budget]
                runs[number] = (runs[number][0].replace("#ledger()\n", f"#ledger(continuing: {json.dumps(previous, ensure_ascii=False)})\n", 1),
                                runs[number][1])
            put(ledger_runs[i // ledger_budget], "ledger", [mark])
            previous = mark["key"]["document"]
        seen_ledger += len(found["ledger"])
        del found
    made = []
    for number, ((source, _), files) in enumerate(zip(runs, spilled)):
        made.append((source, folder / f"back-{number}.records.json"))
        with made[-1][1].open("wb") as out:
            out.write(b"{")
            for i, kind in enumerate(kinds):
                out.write(b'%s"%s": [' % (b", " if i else b"", kind.encode()))
                if kind in files:
                    files[kind].seek(0)
                    shutil.copyfileobj(files[kind], out)
                    files[kind].close()
                out.write(b"]")
            out.write(b"}")
    return made


def _blank(typeset: Callable[[str, str, dict[str, str]], Typeset], name: str, prelude: str, numbering: str) -> str:
    """The blank page one run leaves before a part that opens on a right-hand page: neither head nor folio."""
    typeset(name, prelude + "#set page(header: none, footer: none)\n" + numbering + "\n#part-export()\n", {})
    return name


def _pages(pdf: Path) -> int:
    with pikepdf.open(pdf) as opened:
        return len(opened.pages)


def _merged(parts: Sequence[tuple[str, Path]], output: Path) -> int:
    """The parts merged into ``output`` in a process of its own (which gives its memory back when it
    ends); the number of its pages."""
    command = [sys.executable, "-m", "teikit.printing.merge", str(output), *(f"{name}={path}" for name, path in parts)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise TypesetError(f"the parts of the book could not be merged: {lines[-1] if lines else done.returncode}")
    return int(done.stdout)
