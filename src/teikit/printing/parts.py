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

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from lxml import etree

from teikit.files import atomic_file
from teikit.printing.typeset import Typeset, TypesetError

# The documents of one part: about 120 pages of the synthetic corpus' book, some 350 MB of Typst.
PART_MB = 0.5
GOTO = "teikit-goto:"

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


def typeset_in_parts(book: Book, sizes: Sequence[int], limit: int, run: Run) -> Typeset:
    """Typeset ``book`` (its documents of ``sizes`` bytes of TEI) in parts of ``limit`` bytes."""
    if len(book.documents) != len(sizes):
        raise ValueError(f"the book has {len(book.documents)} documents, {len(sizes)} were given")
    with tempfile.TemporaryDirectory(prefix="teikit-parts-") as folder:
        return _typeset_in_parts(book, sizes, limit, run, Path(folder))


def _typeset_in_parts(book: Book, sizes: Sequence[int], limit: int, run: Run, folder: Path) -> Typeset:
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
    records: dict[str, list] = {"speaks": [], "named": [], "places": [], "ledger": []}
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
        for kind, found in exported["records"].items():
            records[kind] += found
        pages = exported["last-page"]
        order.append(name)
    if pages % 2:  # the back matter opens on a right-hand page
        order.append(_blank(typeset, "blank-after-documents", book.prelude, numbered(pages + 1)))
        pages += 1
    back = typeset("back", book.prelude + numbered(pages + 1) + book.back + "\n#part-export()\n",
                   {"teikit-records": json.dumps(records)}).exported
    order.append("back")
    entries += back["entries"]

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
    return Typeset(_merged([(name, folder / f"{name}.pdf") for name in order], folder / "book.pdf"), warnings)


def _blank(typeset: Callable[[str, str, dict[str, str]], Typeset], name: str, prelude: str, numbering: str) -> str:
    """The blank page one run leaves before a part that opens on a right-hand page: neither head nor folio."""
    typeset(name, prelude + "#set page(header: none, footer: none)\n" + numbering + "\n#part-export()\n", {})
    return name


def _pages(pdf: Path) -> int:
    with pikepdf.open(pdf) as opened:
        return len(opened.pages)


def _merged(parts: Sequence[tuple[str, Path]], output: Path) -> bytes:
    """The merged PDF, made in a process of its own: qpdf's objects for the whole book (some 0.2 MB a
    page) are not added to the memory Saxon's transform of the book left in this one."""
    command = [sys.executable, "-m", "teikit.printing.parts", str(output), *(f"{name}={path}" for name, path in parts)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise TypesetError(f"the parts of the book could not be merged: {lines[-1] if lines else done.returncode}")
    return output.read_bytes()


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


def _label(labels: dict[int, pikepdf.Object], index: int) -> str:
    start = max(k for k in labels if k <= index)
    style = labels[start]
    n = int(style.get("/St", 1)) + index - start
    kind = str(style.get("/S", ""))
    return {"/D": str(n), "/r": _roman(n), "/R": _roman(n).upper()}.get(kind, str(n))


def _renamed_headers(element: pikepdf.Object, renamed: dict[bytes, pikepdf.String], seen: set) -> None:
    """Table cells name their header cells by ID: a renamed ID is renamed there too."""
    stack = [element]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node or node.objgen in seen:
            continue
        seen.add(node.objgen)
        attributes = node.get("/A")
        for attribute in ([attributes] if isinstance(attributes, pikepdf.Dictionary) else attributes or []):
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array([renamed.get(bytes(h), h) for h in attribute.Headers])
        kids = node.get("/K")
        stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])


def _own_streams(out: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    """qpdf copies a stream's data only when the merged PDF is written, from the part it came from:
    copied now, the part can be closed, and its objects leave memory."""
    for obj in part.objects:
        if isinstance(obj, pikepdf.Stream):
            copied = out.copy_foreign(obj)
            copied.write(obj.read_raw_bytes(), filter=copied.get("/Filter"), decode_parms=copied.get("/DecodeParms"),
                         type_check=False)


def merge(parts: Sequence[tuple[str, Path]], output: Path) -> None:
    """One tagged PDF of the parts' PDFs, in order, written to ``output``; links to ``teikit-goto:``
    part pages made links within it.

    The last part (the back matter: its indexes hold most of the book's links, and so of its
    objects) is the one the others are merged into, so that its objects are never held twice."""
    *before, (last_name, last_path) = parts
    out = pikepdf.open(last_path)
    tree = out.Root.StructTreeRoot
    document = tree.K if isinstance(tree.K, pikepdf.Dictionary) else tree.K[0]
    parents = _number_tree(tree.ParentTree)
    next_key = int(tree.ParentTreeNextKey)
    ids = _name_tree(tree.IDTree) if "/IDTree" in tree else {}
    last_labels = _number_tree(out.Root.PageLabels)
    labels: dict[int, pikepdf.Object] = {}
    outlines = out.Root.get("/Outlines")
    first_page: dict[str, int] = {}
    kids_before: list[pikepdf.Object] = []
    outlines_before: list[tuple[pikepdf.Object, pikepdf.Object, int]] = []
    base = 0  # pages of the parts merged so far, before the last part's
    for number, (name, path) in enumerate(before):
        pdf = pikepdf.open(path)
        first_page[name] = base
        for offset, page in enumerate(pdf.pages):
            out.pages.insert(base + offset, page)
        for page in out.pages[base:base + len(pdf.pages)]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + next_key
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + next_key
        if number == 0:
            # Every part has the book's language, viewer preferences and output intent (the same
            # source sets them); its XMP and document information are the first part's.
            out.Root.Metadata = out.copy_foreign(pdf.Root.Metadata)
            out.trailer.Info = out.copy_foreign(pdf.trailer.Info)
        theirs = pdf.Root.StructTreeRoot
        for key, value in _number_tree(theirs.get("/ParentTree", pikepdf.Dictionary())).items():
            parents[key + next_key] = out.copy_foreign(value)
        next_key += int(theirs.get("/ParentTreeNextKey", 0))
        # A blank page's part has a Document element and nothing in it.
        their_document = theirs.K if isinstance(theirs.K, pikepdf.Dictionary) else theirs.K[0]
        kids = their_document.get("/K", [])
        new_kids = [out.copy_foreign(kid) for kid in (kids if isinstance(kids, pikepdf.Array) else [kids])]
        for copied in new_kids:
            if isinstance(copied, pikepdf.Dictionary):
                copied.P = document
        kids_before += new_kids
        renamed: dict[bytes, pikepdf.String] = {}
        for key, element in (_name_tree(theirs.IDTree) if "/IDTree" in theirs else {}).items():
            copied = out.copy_foreign(element)
            if key in ids:
                new = pikepdf.String(key + f" ({name})".encode())
                renamed[key] = new
                copied.ID = new
                key = bytes(new)
            ids[key] = copied
        if renamed:
            seen: set = set()
            for kid in new_kids:
                _renamed_headers(kid, renamed, seen)
        for role, mapped in theirs.get("/RoleMap", {}).items():
            tree.RoleMap[role] = mapped
        for key, value in _number_tree(pdf.Root.PageLabels).items():
            labels[key + base] = out.copy_foreign(value)
        theirs_outlines = pdf.Root.get("/Outlines")
        if theirs_outlines is not None and "/First" in theirs_outlines:
            outlines_before.append((out.copy_foreign(theirs_outlines.First), out.copy_foreign(theirs_outlines.Last),
                                    max(int(theirs_outlines.get("/Count", 0)), 0)))
        base += len(pdf.pages)
        _own_streams(out, pdf)
        pdf.close()
    first_page[last_name] = base
    for key, value in last_labels.items():
        labels[key + first_page[last_name]] = value
    document.K = pikepdf.Array([*kids_before, *(document.K if isinstance(document.K, pikepdf.Array) else [document.K])])
    if outlines is None:
        outlines = out.Root.Outlines = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines, Count=0))
    chains = [*outlines_before, *([(outlines.First, outlines.Last, max(int(outlines.get("/Count", 0)), 0))]
                                  if "/First" in outlines else [])]
    for (first, last, _), (following, _, _) in zip(chains, chains[1:]):
        last.Next = following
        following.Prev = last
    for first, last, _ in chains:
        item = first
        while True:
            item.Parent = outlines
            if item.objgen == last.objgen:
                break
            item = item.Next
    if chains:
        outlines.First, outlines.Last = chains[0][0], chains[-1][1]
        outlines.Count = sum(count for _, _, count in chains)
    tree.ParentTree = out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(
        [x for key in sorted(parents) for x in (key, parents[key])])))
    tree.ParentTreeNextKey = next_key
    if ids:
        tree.IDTree = out.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(
            [x for key in sorted(ids) for x in (pikepdf.String(key), ids[key])])))
    out.Root.PageLabels = out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(
        [x for key in sorted(labels) for x in (key, labels[key])])))
    for page in out.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = action.get("/URI") if isinstance(action, pikepdf.Dictionary) else None
            if uri is None or not bytes(uri).startswith(GOTO.encode()):
                continue
            goto = _GOTO.match(bytes(uri).decode())
            if goto is None or goto["part"] not in first_page:
                raise TypesetError(f"a link of the book leads nowhere: {bytes(uri).decode()}")
            index = first_page[goto["part"]] + int(goto["page"]) - 1
            target = out.pages[index]
            top = float(target.mediabox[3])
            del annotation.A
            # As Typst aims a link within a run: 10 pt above the point, so that the reader sees the line.
            y = top - max(float(goto["y"]) - 10, 0)
            annotation.Dest = pikepdf.Array([target.obj, pikepdf.Name.XYZ, float(goto["x"]), y, 0])
            annotation.Contents = pikepdf.String(f"page {_label(labels, index)}")
    metadata = out.Root.Metadata.read_bytes()
    out.Root.Metadata.write(re.sub(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>",
                                   f"<xmpTPg:NPages>{len(out.pages)}</xmpTPg:NPages>".encode(), metadata))
    # The XMP stays as Typst wrote it (pikepdf would rewrite it to add the PDF version), but for the page count.
    out.save(output, deterministic_id=True, fix_metadata_version=False)
    out.close()


if __name__ == "__main__":
    from teikit.web.publish import die_with_parent

    die_with_parent()
    merge([(name, Path(path)) for name, path in (a.split("=", 1) for a in sys.argv[2:])], Path(sys.argv[1]))
