"""The parts of a book, each a PDF of Typst's, merged into one tagged PDF without holding the book.

Each part is read twice with pikepdf, one part at a time: first for what the book must know before
it writes any (pages, labels, outline, IDs, structure), then to write its objects at once, their
references renumbered. The book's own objects (catalog, page tree, structure root, Document,
outline root) are written last; what grows with the book (the page tree's and Document's kids, the
ParentTree, the cross-reference table) waits in temporary files. Links into another part, left by
their run as ``teikit-goto:PART/PAGE/X/Y`` URIs, become links within the book. No library writes
a PDF as it reads its parts: pikepdf (qpdf) holds the whole book it writes.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pikepdf

from teikit.files import atomic_file
from teikit.printing.typeset import TypesetError

# What a part's run writes for a link into another part (edition.typ): the merge makes it a link
# within the book.
GOTO = "teikit-goto:"
_GOTO = re.compile(rf"^{GOTO}(?P<part>[^/]+)/(?P<page>\d+)/(?P<x>[-\d.e]+)/(?P<y>[-\d.e]+)$")

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


class _Labels:
    """The book's page labels, each page's found by bisection: a link's description names the page it
    leads to, and the back matter's links are most of the book's (a search through every label for
    each made the merge quadratic in pages)."""

    def __init__(self, labels: list[tuple[int, bytes, str, int]]) -> None:
        self.labels = sorted(labels)
        self.starts = [label[0] for label in self.labels]

    def printed(self, index: int) -> str:
        at = bisect.bisect_right(self.starts, index) - 1
        if at < 0:
            raise TypesetError(f"page {index + 1} of the book has no page label")
        start, _, kind, first = self.labels[at]
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
    labels = _Labels([label for part in surveyed for label in part.labels])
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


def _repage(page: pikepdf.Dictionary, keys: int, parts: dict[str, _Part], labels: _Labels, targets: list[int]) -> None:
    """A page's StructParents offset by the ParentTree keys of the parts before it; so its links' (when
    they are part of it, not objects of their own)."""
    if "/StructParents" in page:
        page.StructParents = int(page.StructParents) + keys
    for annotation in page.get("/Annots", []):
        if not annotation.is_indirect:
            _relink(annotation, keys, parts, labels, targets)


def _relink(annotation: pikepdf.Dictionary, keys: int, parts: dict[str, _Part], labels: _Labels, targets: list[int]) -> None:
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
    annotation.Contents = pikepdf.String(f"page {labels.printed(part.first_page + page)}")


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
    from teikit.processes import die_with_parent

    die_with_parent()
    print(merge([(name, Path(path)) for name, path in (a.split("=", 1) for a in sys.argv[2:])], Path(sys.argv[1])))
