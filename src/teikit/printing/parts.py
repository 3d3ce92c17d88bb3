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
links within the book. The merge keeps one structure tree (the parts' elements under one Document,
their ParentTree entries renumbered with the pages' and annotations' StructParents), the outlines,
the page labels, and the first part's metadata, language and viewer preferences.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pikepdf
from lxml import etree

from teikit.files import atomic_file
from teikit.printing.typeset import Typeset, TypesetError

# The documents of one part: about 120 pages of the synthetic corpus' book, some 350 MB of Typst.
PART_MB = 0.5
GOTO = "teikit-goto:"
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
_GOTO = re.compile(rf"^{GOTO}(?P<part>[^/]+)/(?P<page>\d+)/(?P<x>[-\d.e]+)/(?P<y>[-\d.e]+)$")

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
    ledger = 0
    for path in records:
        found = json.loads(path.read_text(encoding="utf-8"))
        for turn in found["speaks"]:
            for who in turn["who"]:
                counts["person", who] = counts.get(("person", who), 0) + 1
        for kind, index in (("named", "person"), ("places", "place")):
            for mark in found[kind]:
                counts[index, mark["key"]] = counts.get((index, mark["key"]), 0) + 1
        ledger += len(found["ledger"])

    runs: list[tuple[str, dict]] = []  # source, and what it cites: the keys of an index, a share of the ledger
    for piece in (p for p in _BACK_PARTS.split(back) if p):
        running = _RUNNING.match(piece)
        continued = f"#part-end()\n#pagebreak(weak: true)\n#part-continued({running[1] if running else '[]'})\n"
        index = _INDEX.search(piece)
        if index is not None:
            end = piece.index("\n))\n", index.end() - 1) + 1
            lines = piece[index.end():end].splitlines(keepends=True)
            head, tail = piece[:index.end()], piece[end:]
            start, cited = 0, 0
            for i, line in enumerate(lines + [""]):
                key = _KEY.match(line)
                weight = counts.get((index[1], re.sub(r"\\(.)", r"\1", key[1])), 0) if key else 0
                if i == len(lines) or (i > start and cited + weight > budget):
                    keys = {re.sub(r"\\(.)", r"\1", _KEY.match(k)[1]) for k in lines[start:i]}
                    opening = head if start == 0 else continued + f"#{index[1]}-index((\n"
                    runs.append((opening + "".join(lines[start:i]) + tail, {"index": index[1], "keys": keys}))
                    start, cited = i, 0
                cited += weight
        elif "\n#ledger()" in piece:
            shares = range(0, max(ledger, 1), ledger_budget)
            runs += [(piece if i == 0 else continued + "#ledger()\n", {"ledger": first}) for i, first in enumerate(shares)]
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

    runs_of: dict[tuple[str, str], int] = {}  # (index, key): the run that prints its entry
    ledger_runs: list[int] = []  # the runs of the ledger, each a share of its marks
    for number, (_, wants) in enumerate(runs):
        runs_of.update(((wants["index"], key), number) for key in wants.get("keys", ()))
        if "ledger" in wants:
            ledger_runs.append(number)
    seen_ledger = 0
    previous = ""  # the document of the ledger's last mark so far
    for path in records:
        found = json.loads(path.read_text(encoding="utf-8"))
        for turn in found["speaks"]:
            for number in sorted({runs_of[key] for who in turn["who"] if (key := ("person", who)) in runs_of}):
                put(number, "speaks", [turn])
        for kind, index in (("named", "person"), ("places", "place")):
            for mark in found[kind]:
                if (index, mark["key"]) in runs_of:
                    put(runs_of[index, mark["key"]], kind, [mark])
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
    command = [sys.executable, "-m", "teikit.printing.parts", str(output), *(f"{name}={path}" for name, path in parts)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise TypesetError(f"the parts of the book could not be merged: {lines[-1] if lines else done.returncode}")
    return int(done.stdout)


def _tree(node: pikepdf.Object, entries: str, key: Callable) -> dict:
    """A PDF number tree (``entries`` /Nums, ``key`` int) or name tree (/Names, bytes), flattened."""
    found = {}
    pairs = node.get(entries, [])
    for i in range(0, len(pairs), 2):
        found[key(pairs[i])] = pairs[i + 1]
    for kid in node.get("/Kids", []):
        found.update(_tree(kid, entries, key))
    return found


def _number_tree(node: pikepdf.Object) -> dict[int, pikepdf.Object]:
    return _tree(node, "/Nums", int)


def _name_tree(node: pikepdf.Object) -> dict[bytes, pikepdf.Object]:
    return _tree(node, "/Names", bytes)


def _roman(n: int) -> str:
    digits = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
              (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in digits:
        while n >= value:
            out, n = out + letters, n - value
    return out


# An indirect reference in qpdf's unparsed form, never inside a string (qpdf escapes a literal
# string's parentheses, and writes a binary one in hex), or the name that stands for a page of
# another part in a link's destination until the book's page numbers are known.
_REFERENCE = re.compile(rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\s]*>|(\d+) (\d+) R|/teikit-page-(\d+)", re.S)
_NPAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")


@dataclass
class _Part:
    """What the merge must know of a part before it writes any: where its objects go in the book
    (its object n becomes n + offset, but for those the book replaces with its own), its pages,
    labels, outline, IDs and structure."""

    name: str
    path: Path
    offset: int
    size: int  # the part's trailer's /Size: its objects are 1 … size - 1
    first_page: int  # pages of the book before it
    pages: list[int]  # its pages' object numbers
    tops: list[float]  # the top of each page's media box
    replaced: dict[int, str]  # its objects the book's own stand for (catalog, pages, structure root, Document, outlines)
    book: dict[str, int]  # the numbers of the book's own objects, known once every part is surveyed
    dropped: set[int]  # its objects the book does without (number trees, another part's metadata)
    parent_keys: int  # its ParentTreeNextKey
    ids: dict[bytes, int]  # IDTree: ID → element
    outline: tuple[int, int, int] | None  # first and last top-level item, count
    labels: list[tuple[int, bytes, str, int]]  # page index in the book, label dictionary, style, start
    first: dict = field(default_factory=dict)  # of the first part: its catalog's entries, Document's, information, XMP
    rolemap: dict[str, bytes] = field(default_factory=dict)

    def renumbered(self, data: bytes, pages: list[int] = ()) -> bytes:
        def number(found: re.Match) -> bytes:
            if found[3] is not None:
                return b"%d 0 R" % pages[int(found[3])]
            if found[1] is None:
                return found[0]
            if found[2] != b"0":
                raise TypesetError(f"a part of the book has an object of generation {found[2].decode()}")
            n = int(found[1])
            return b"%d 0 R" % (self.book[self.replaced[n]] if n in self.replaced else n + self.offset)

        return _REFERENCE.sub(number, data)


def _objects(node: pikepdf.Object) -> set[int]:
    """The indirect objects of a number or name tree (its nodes)."""
    found = {node.objgen[0]} if node.is_indirect else set()
    for kid in node.get("/Kids", []):
        found |= _objects(kid)
    return found


# What the book's catalog has of its own; it takes the rest from the first part's.
_BOOK_KEYS = ("/Type", "/Pages", "/StructTreeRoot", "/Outlines", "/PageLabels")
_BOOK_OBJECTS = ("catalog", "pages", "structure", "document", "outlines", "parents", "ids", "labels")


def _survey(number: int, name: str, path: Path, offset: int, first_page: int, book: dict[str, int]) -> _Part:
    with pikepdf.open(path) as pdf:
        root, tree = pdf.Root, pdf.Root.StructTreeRoot
        document = tree.K if isinstance(tree.K, pikepdf.Dictionary) else tree.K[0]
        replaced = {root.objgen[0]: "catalog", tree.objgen[0]: "structure", document.objgen[0]: "document"}
        pages_tree = [root.Pages]
        while pages_tree:
            node = pages_tree.pop()
            replaced[node.objgen[0]] = "pages"
            pages_tree += [kid for kid in node.get("/Kids", []) if kid.get("/Type") == pikepdf.Name.Pages]
        dropped: set[int] = set()
        for key in ("/ParentTree", "/IDTree"):
            if key in tree:
                dropped |= _objects(tree[key])
        dropped |= _objects(root.PageLabels)
        outline = None
        if "/Outlines" in root:
            replaced[root.Outlines.objgen[0]] = "outlines"
            if "/First" in root.Outlines:
                outline = (root.Outlines.First.objgen[0], root.Outlines.Last.objgen[0], max(int(root.Outlines.get("/Count", 0)), 0))
        if number:
            # Every part has the book's language, viewer preferences and output intent (the same source
            # sets them); the book's XMP and document information are the first part's.
            for key in ("/Metadata", "/OutputIntents"):
                if key in root and root[key].is_indirect:
                    dropped.add(root[key].objgen[0])
            for intent in root.get("/OutputIntents", []):
                dropped |= {o.objgen[0] for o in (intent, intent.get("/DestOutputProfile")) if o is not None and o.is_indirect}
            if "/Info" in pdf.trailer:
                dropped.add(pdf.trailer.Info.objgen[0])
        part = _Part(name, path, offset, int(pdf.trailer.Size), first_page, [p.obj.objgen[0] for p in pdf.pages],
                     [float(p.mediabox[3]) for p in pdf.pages], replaced, book, dropped,
                     int(tree.get("/ParentTreeNextKey", 0)),
                     {key: element.objgen[0] for key, element in _name_tree(tree.get("/IDTree", pikepdf.Dictionary())).items()},
                     outline, [(key + first_page, value.unparse(), str(value.get("/S", "")), int(value.get("/St", 1)))
                               for key, value in _number_tree(root.PageLabels).items()])
        if number == 0:
            first = {key: root[key].unparse() for key in sorted(root.keys()) if key not in _BOOK_KEYS}
            part.first = {**first, "document": {key: document[key].unparse() for key in sorted(document.keys()) if key not in ("/K", "/P")},
                          "info": pdf.trailer.Info.unparse() if "/Info" in pdf.trailer else None,
                          "metadata": root.Metadata.objgen[0] if "/Metadata" in root else None}
        part.rolemap = {key: value.unparse() for key, value in tree.get("/RoleMap", {}).items()}
        return part


def _label(labels: list[tuple[int, bytes, str, int]], index: int) -> str:
    start, _, kind, first = max(label for label in labels if label[0] <= index)
    n = first + index - start
    return {"/D": str(n), "/r": _roman(n), "/R": _roman(n).upper()}.get(kind, str(n))


class _Writer:
    """A PDF written object by object, in the order of their numbers, so that neither the objects
    nor the cross-reference table are held: its entries go to a file of their own until the end."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.xref = out, tempfile.TemporaryFile()
        self.digest = hashlib.md5()
        self.position = 0
        self.next = 1
        self._put(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _put(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.position += len(data)

    def start(self, number: int) -> None:
        if number != self.next:
            raise TypesetError(f"the merge wrote object {number} where {self.next} was due")
        self.xref.write(b"%010d 00000 n\r\n" % self.position)
        self.next += 1
        self._put(b"%d 0 obj\n" % number)

    def object(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.start(number)
        self.body(body + (b"\nstream\n" + stream + b"\nendstream" if stream is not None else b""))
        self.end()

    def body(self, data: bytes) -> None:
        self._put(data)

    def end(self) -> None:
        self._put(b"\nendobj\n")

    def finish(self, root: int, info: bytes | None) -> None:
        at = self.position
        self._put(b"xref\n0 %d\n0000000000 65535 f\r\n" % self.next)
        self.xref.seek(0)
        shutil.copyfileobj(self.xref, self.out)
        self.xref.close()
        digest = self.digest.hexdigest().encode()
        self.out.write(b"trailer\n<< /Size %d /Root %d 0 R%s /ID [ <%s> <%s> ] >>\nstartxref\n%d\n%%%%EOF\n"
                       % (self.next, root, b" /Info " + info if info else b"", digest, digest, at))


def merge(parts: Sequence[tuple[str, Path]], output: Path) -> int:
    """One tagged PDF of the parts' PDFs, in order, written to ``output``; links to ``teikit-goto:``
    part pages made links within it; the number of its pages.

    The parts are read twice, one at a time: first what the merge must know of each (its pages,
    labels, outline, IDs: little), then each object, written at once with its references
    renumbered. The book's own objects (catalog, pages, structure root and Document, outlines,
    ParentTree, IDTree, page labels) come last; what grows with the book in them (the pages, the
    Document's kids, the ParentTree) waits in temporary files meanwhile. So memory holds one part
    at a time, however long the book."""
    book: dict[str, int] = {}
    surveyed: list[_Part] = []
    offset = pages = 0
    for number, (name, path) in enumerate(parts):
        part = _survey(number, name, path, offset, pages, book)
        surveyed.append(part)
        offset += part.size  # its objects 1 … size - 1, and one for its share of the ParentTree
        pages += len(part.pages)
    book.update({role: offset + 1 + i for i, role in enumerate(_BOOK_OBJECTS)})
    by_name = {part.name: part for part in surveyed}
    labels = [label for part in surveyed for label in part.labels]
    ids: dict[bytes, int] = {}
    renamed: list[dict[bytes, bytes]] = []
    for part in surveyed:
        renamed.append({})
        for key, element in part.ids.items():
            if key in ids:
                renamed[-1][key] = key + f" ({part.name})".encode()
                key = renamed[-1][key]
            ids[key] = element + part.offset
    chains = [(part, part.outline) for part in surveyed if part.outline is not None]
    following = {id(part): (after, outline) for (part, _), (after, outline) in zip(chains, chains[1:])}
    preceding = {id(after): (part, outline) for (part, outline), (after, _) in zip(chains, chains[1:])}
    first = surveyed[0].first

    spilled = {key: tempfile.SpooledTemporaryFile(1 << 20) for key in ("pages", "kids", "parents")}
    with atomic_file(output) as out:
        writer = _Writer(out)
        keys = 0  # ParentTree keys of the parts written so far
        for part, names in zip(surveyed, renamed):
            with pikepdf.open(part.path) as pdf:
                pages_of = {n: i for i, n in enumerate(part.pages)}
                targets: list[int] = []  # the book's page objects this part's links lead to
                for n in range(1, part.size):
                    if n in part.replaced or n in part.dropped:
                        writer.object(n + part.offset, b"null")
                        continue
                    obj = pdf.get_object((n, 0))
                    if n in pages_of:
                        _repage(obj, keys, by_name, labels, targets)
                    elif isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == pikepdf.Name.Link:
                        _relink(obj, keys, by_name, labels, targets)
                    if names and isinstance(obj, pikepdf.Dictionary):
                        _renamed(obj, names)
                    stream = None
                    if isinstance(obj, pikepdf.Stream):
                        if n == first["metadata"] and part is surveyed[0]:
                            xmp = _NPAGES.sub(f"<xmpTPg:NPages>{pages}</xmpTPg:NPages>".encode(), obj.read_bytes())
                            obj.write(xmp)
                        stream = obj.read_raw_bytes()
                        obj.stream_dict.Length = len(stream)
                        body = obj.stream_dict.unparse()
                    else:
                        body = obj.unparse(resolved=True)
                    body = part.renumbered(body, targets)
                    if n == (part.outline or (0, 0))[1] and id(part) in following:
                        after, (after_first, _, _) = following[id(part)]
                        body = body[:-2] + b" /Next %d 0 R >>" % (after_first + after.offset)
                    if n == (part.outline or (0, 0))[0] and id(part) in preceding:
                        before, (_, before_last, _) = preceding[id(part)]
                        body = body[:-2] + b" /Prev %d 0 R >>" % (before_last + before.offset)
                    writer.object(n + part.offset, body, stream)
                theirs = pdf.Root.StructTreeRoot
                entries = [(key, value.unparse()) for key, value in
                           sorted(_number_tree(theirs.get("/ParentTree", pikepdf.Dictionary())).items())]
                # A blank page's part has a Document element and nothing in it.
                document = theirs.K if isinstance(theirs.K, pikepdf.Dictionary) else theirs.K[0]
                kids = document.get("/K", [])
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    spilled["kids"].write(part.renumbered(kid.unparse()) + b" ")
            for key, value in entries:
                spilled["parents"].write(b"%d %s " % (key + keys, part.renumbered(value)))
            writer.object(part.offset + part.size, b"null")  # the number each part keeps for its own use
            keys += part.parent_keys
            for n in part.pages:
                spilled["pages"].write(b"%d 0 R " % (n + part.offset))

        def own(role: str, *pieces: bytes | tempfile.SpooledTemporaryFile) -> None:
            writer.start(book[role])
            for piece in pieces:
                if isinstance(piece, bytes):
                    writer.body(piece)
                    continue
                piece.seek(0)
                while block := piece.read(1 << 20):
                    writer.body(block)
                piece.close()
            writer.end()

        head = surveyed[0]
        catalog = b"".join(b" %s %s" % (key.encode(), head.renumbered(value)) for key, value in first.items()
                           if key.startswith("/"))
        own("catalog", b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /Outlines %d 0 R /PageLabels %d 0 R%s >>"
            % (book["pages"], book["structure"], book["outlines"], book["labels"], catalog))
        own("pages", b"<< /Type /Pages /Count %d /Kids [ " % pages, spilled["pages"], b"] >>")
        rolemap = {key: value for part in reversed(surveyed) for key, value in part.rolemap.items()}
        own("structure", b"<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree %d 0 R /ParentTreeNextKey %d /IDTree %d 0 R"
            b" /RoleMap << %s >> >>" % (book["document"], book["parents"], keys, book["ids"],
                                       b" ".join(b"%s %s" % (key.encode(), value) for key, value in sorted(rolemap.items()))))
        document = b"".join(b" %s %s" % (key.encode(), head.renumbered(value)) for key, value in first["document"].items())
        own("document", b"<<%s /P %d 0 R /K [ " % (document, book["structure"]), spilled["kids"], b"] >>")
        if chains:
            (head_part, (top, _, _)), (tail_part, (_, bottom, _)) = chains[0], chains[-1]
            own("outlines", b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                % (top + head_part.offset, bottom + tail_part.offset, sum(outline[2] for _, outline in chains)))
        else:
            own("outlines", b"<< /Type /Outlines /Count 0 >>")
        own("parents", b"<< /Nums [ ", spilled["parents"], b"] >>")
        own("ids", b"<< /Names [ %s] >>" % b"".join(b"%s %d 0 R " % (pikepdf.String(key).unparse(), element)
                                                    for key, element in sorted(ids.items())))
        own("labels", b"<< /Nums [ %s] >>" % b"".join(b"%d %s " % (key, part_label) for key, part_label in
                                                     _renumbered_labels(surveyed)))
        writer.finish(book["catalog"], head.renumbered(first["info"]) if first["info"] else None)
    return pages


def _renumbered_labels(surveyed: Sequence[_Part]) -> list[tuple[int, bytes]]:
    return sorted((key, part.renumbered(value)) for part in surveyed for key, value, _, _ in part.labels)


def _repage(page: pikepdf.Dictionary, keys: int, parts: dict[str, _Part], labels: list, targets: list[int]) -> None:
    """A page's StructParents offset by the ParentTree keys of the parts before it; so its links' (when
    they are part of it, not objects of their own)."""
    if "/StructParents" in page:
        page.StructParents = int(page.StructParents) + keys
    for annotation in page.get("/Annots", []):
        if not annotation.is_indirect:
            _relink(annotation, keys, parts, labels, targets)


def _relink(annotation: pikepdf.Dictionary, keys: int, parts: dict[str, _Part], labels: list, targets: list[int]) -> None:
    """A link's StructParent offset; a link to ``teikit-goto:`` a part's page made one to the book's page."""
    if "/StructParent" in annotation:
        annotation.StructParent = int(annotation.StructParent) + keys
    action = annotation.get("/A")
    uri = action.get("/URI") if isinstance(action, pikepdf.Dictionary) else None
    if uri is None or not bytes(uri).startswith(GOTO.encode()):
        return
    goto = _GOTO.match(bytes(uri).decode())
    if goto is None or goto["part"] not in parts or not 0 < int(goto["page"]) <= len(parts[goto["part"]].pages):
        raise TypesetError(f"a link of the book leads nowhere: {bytes(uri).decode()}")
    part = parts[goto["part"]]
    page = int(goto["page"]) - 1
    targets.append(part.pages[page] + part.offset)
    del annotation.A
    # As Typst aims a link within a run: 10 pt above the point, so that the reader sees the line.
    y = part.tops[page] - max(float(goto["y"]) - 10, 0)
    annotation.Dest = pikepdf.Array([pikepdf.Name(f"/teikit-page-{len(targets) - 1}"), pikepdf.Name.XYZ, float(goto["x"]), y, 0])
    annotation.Contents = pikepdf.String(f"page {_label(labels, part.first_page + page)}")


def _renamed(element: pikepdf.Dictionary, names: dict[bytes, bytes]) -> None:
    """An ID taken by an earlier part renamed, on its element and where table cells name their header cells."""
    if "/ID" in element and bytes(element.ID) in names:
        element.ID = pikepdf.String(names[bytes(element.ID)])
    attributes = element.get("/A")
    # An attribute object of its own is renamed when it is written, as any object.
    inside = [attributes] if isinstance(attributes, pikepdf.Dictionary) else list(attributes or []) if isinstance(attributes, pikepdf.Array) else []
    for attribute in [element, *(a for a in inside if isinstance(a, pikepdf.Dictionary) and not a.is_indirect)]:
        if "/Headers" in attribute:
            attribute.Headers = pikepdf.Array([pikepdf.String(names.get(bytes(h), bytes(h))) for h in attribute.Headers])


if __name__ == "__main__":
    from teikit.web.publish import die_with_parent

    die_with_parent()
    print(merge([(name, Path(path)) for name, path in (a.split("=", 1) for a in sys.argv[2:])], Path(sys.argv[1])))
