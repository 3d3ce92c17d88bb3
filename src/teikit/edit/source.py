"""A TEI file as bytes and tree at once, written back so that only what changed is new.

The tree is lxml's, parsed by teikit's untrusting reader. Beside it, every node inside the root
(element, comment, processing instruction) keeps where its bytes were in the file, and every text
segment (an element's text, a node's tail) keeps its raw bytes and the value they had. Writing the
tree back walks it: an unchanged start tag, end tag or text segment is copied from the original
bytes (character references, quoting, attribute order and white space as they were), and only new
or changed ones are serialised. So a no-op save gives the same bytes, and an action that wraps three
words in <persName> changes those bytes and nothing else.
"""

from __future__ import annotations

import gc
import hashlib
import re
import xml.parsers.expat
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit import xmlfile
from teikit.errors import InputError
from teikit.tei import tag

_TAG_END = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class _Span:
    start: int  # where the node's first byte is
    open_end: int  # just past its start tag (for comments and PIs: past the node)
    close_start: int  # where its end tag starts (== open_end for an empty-element tag)
    end: int  # just past the node
    attributes: tuple[tuple[str, str], ...] = ()
    empty: bool = False  # written as <x/>


@dataclass
class _Text:
    raw: bytes
    value: str


@dataclass
class Numbering:
    """Each element's number and the number of text nodes before it; the non-empty text segments as
    (owner, "text" or "tail"), in document order (teikit.edit.actions.text_nodes)."""

    elements: dict[etree._Element, tuple[int, int]]
    texts: list[tuple[etree._Element, str]]


class Source:
    """The bytes of a TEI file and its tree, with the original bytes of every part."""

    def __init__(self, data: bytes, path: Path | str = "document.xml") -> None:
        self.path = Path(path)
        self.data = data
        self.hash = sha256(data)
        if xmlfile.encoding_of(data) not in ("utf-8", "utf8"):
            raise InputError(self.path, "is not encoded in UTF-8 without a byte-order mark, which the editor writes: "
                             "save it as UTF-8 first")
        try:
            self.root = xmlfile.parse_bytes(data, self.path)
        except xmlfile.Unreadable as unreadable:
            problem = unreadable.problem
            raise InputError(self.path, problem.message, problem.line, problem.column) from None
        self._spans: dict[etree._Element, _Span] = {}
        self._texts: dict[tuple[etree._Element, str], _Text] = {}
        self._numbering: Numbering | None = None
        self.changed: list[etree._Element] = []  # where the last serialize wrote new bytes
        self._snapshot: dict[etree._Element, bytes] = {}
        self._locate()

    # -- where everything was ------------------------------------------------------------------

    def _locate(self) -> None:
        """Byte ranges of every node inside the root, from expat (which reports byte offsets).

        The file has already passed teikit's reader (no DOCTYPE, so no entities to expand), and expat
        sees the same nodes in the same order as lxml's tree walk.
        """
        events: list[tuple[str, int]] = []
        parser = xml.parsers.expat.ParserCreate()
        parser.ordered_attributes = True

        def start(name, attrs):
            events.append(("start", parser.CurrentByteIndex))

        def end(name):
            events.append(("end", parser.CurrentByteIndex))

        def other(*_):
            events.append(("node", parser.CurrentByteIndex))

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CommentHandler = other
        parser.ProcessingInstructionHandler = other
        parser.Parse(self.data, True)
        nodes = iter(self.root.iter())
        stack: list[tuple[etree._Element, _Span]] = []
        depth = 0
        data = self.data
        for kind, offset in events:
            if kind == "node" and depth == 0:
                continue  # the prolog and epilogue are copied whole
            if kind == "end":
                _, span = stack.pop()
                depth -= 1
                if span.empty:
                    span.close_start = span.end = span.open_end
                else:
                    span.close_start = offset
                    span.end = data.index(b">", offset) + 1
                continue
            node = next(nodes)
            if kind == "node":
                finish = b"-->" if data.startswith(b"<!--", offset) else b"?>"
                stop = data.index(finish, offset + 2) + len(finish)
                self._spans[node] = _Span(offset, stop, stop, stop)
                continue
            tag_end = _TAG_END.match(data, offset + 1).end()
            empty = data[tag_end - 2 : tag_end] == b"/>"
            span = _Span(offset, tag_end, tag_end, tag_end, tuple(node.attrib.items()), empty)
            self._spans[node] = span
            stack.append((node, span))
            depth += 1
        for node, span in self._spans.items():
            if isinstance(node.tag, str) and not span.empty:
                children = [c for c in node]
                text_end = self._spans[children[0]].start if children else span.close_start
                self._texts[(node, "text")] = _Text(data[span.open_end : text_end], node.text or "")
            if node is not self.root:
                following = node.getnext()
                parent = node.getparent()
                tail_end = self._spans[following].start if following is not None else self._spans[parent].close_start
                self._texts[(node, "tail")] = _Text(data[span.end : tail_end], node.tail or "")

    def numbering(self) -> Numbering:
        """The numbers of elements and text nodes in document order, as the reading view has them."""
        if self._numbering is None:
            numbering = Numbering({}, [])

            def visit(element: etree._Element) -> None:
                numbering.elements[element] = (len(numbering.elements), len(numbering.texts))
                if element.text:
                    numbering.texts.append((element, "text"))
                for child in element:
                    if isinstance(child.tag, str):
                        visit(child)
                    if child.tail:
                        numbering.texts.append((child, "tail"))

            visit(self.root)
            self._numbering = numbering
        return self._numbering

    def snapshot(self) -> None:
        """Remember the parts of the document (the header's and the text's children: turns,
        paragraphs, sections) as they are, before an action changes the tree: the next serialize
        copies every one still the same as its original bytes whole, with no walk through it."""
        blocks = []
        for container in (self.root.find(tag("teiHeader")), *self.root.iterfind(f"{tag('text')}/*")):
            if container is not None:
                blocks += [child for child in container if isinstance(child.tag, str)]
        self._snapshot = {block: etree.tostring(block, with_tail=False) for block in blocks}

    def original(self, node: etree._Element) -> bool:
        return node in self._spans

    def text_range(self, node: etree._Element, kind: str) -> tuple[int, int] | None:
        """The byte range of an original text segment."""
        span = self._spans.get(node)
        if span is None:
            return None
        if kind == "text":
            if span.empty:
                return None
            return span.open_end, span.open_end + len(self._texts[(node, "text")].raw)
        return span.end, span.end + len(self._texts[(node, "tail")].raw)

    def element_range(self, node: etree._Element) -> tuple[int, int] | None:
        span = self._spans.get(node)
        return (span.start, span.end) if span else None

    # -- writing it back -----------------------------------------------------------------------

    def serialize(self) -> bytes:
        """The file's bytes for the tree as it is now: original bytes wherever nothing changed.

        The object then stands for these new bytes: where each part was written is recorded as it is
        written, so the next action on this version needs no new parse (which, for a 1 MB file, takes
        longer than all the rest of a save).
        """
        root_span = self._spans[self.root]
        # A part whose XML is as it was when its bytes were read is those bytes, unchanged.
        unchanged = {block for block, xml in self._snapshot.items()
                     if block in self._spans and etree.tostring(block, with_tail=False) == xml}
        self._snapshot = {}
        writer = _Writer(self, unchanged)
        # Tens of thousands of small records, none of them cyclic: the cycle collector, run over the
        # whole large tree again and again as they are made, would take most of the time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            writer.add(self.data[: root_span.start])
            writer.element(self.root)
            writer.add(self.data[root_span.end :])
        finally:
            if collecting:
                gc.enable()
        data = b"".join(writer.out)
        self.data, self.hash = data, sha256(data)
        self._spans, self._texts = writer.spans, writer.texts
        self._numbering, self.changed = writer.numbering, writer.changed
        return data

    def _qname(self, node: etree._Element) -> str:
        name = etree.QName(node).localname
        return f"{node.prefix}:{name}" if node.prefix else name

    def _start_tag(self, node: etree._Element, empty: bool) -> bytes:
        span = self._spans.get(node)
        parts = [self._qname(node)]
        if span is not None:
            # The namespace declarations stay as written; attributes follow in the tree's order.
            tag = self.data[span.start : span.open_end].decode()
            parts += re.findall(r"""\sxmlns(?::[\w.-]+)?\s*=\s*(?:"[^"]*"|'[^']*')""", tag)
            parts = [parts[0], *(p.strip() for p in parts[1:])]
        else:
            parent = node.getparent()
            inherited = parent.nsmap if parent is not None else {}
            for prefix, uri in node.nsmap.items():
                if inherited.get(prefix) != uri:
                    parts.append(f'xmlns{":" + prefix if prefix else ""}="{_escape(uri, True)}"')
        for name, value in node.attrib.items():
            parts.append(f'{self._attribute_name(node, name)}="{_escape(value, True)}"')
        return ("<" + " ".join(parts) + ("/>" if empty else ">")).encode()

    def _attribute_name(self, node: etree._Element, name: str) -> str:
        if not name.startswith("{"):
            return name
        qname = etree.QName(name)
        if qname.namespace == "http://www.w3.org/XML/1998/namespace":
            return f"xml:{qname.localname}"
        prefix = next((p for p, uri in node.nsmap.items() if uri == qname.namespace and p), None)
        if prefix is None:
            raise InputError(self.path, f"no prefix is declared for the namespace of attribute {name}")
        return f"{prefix}:{qname.localname}"


class _Writer:
    """Writes a Source's tree back, and records where each part of it lands in the new bytes."""

    def __init__(self, source: Source, unchanged: set[etree._Element] = frozenset()) -> None:
        self.source = source
        self.unchanged = unchanged
        self.data = source.data
        self.out: list[bytes] = []
        self.position = 0
        self.spans: dict[etree._Element, _Span] = {}
        self.texts: dict[tuple[etree._Element, str], _Text] = {}
        # Numbered as it is written, for the next action on these bytes and for the page.
        self.numbering = Numbering({}, [])
        self.changed: list[etree._Element] = []

    def add(self, part: bytes) -> None:
        self.out.append(part)
        self.position += len(part)

    def element(self, node: etree._Element) -> None:
        source, data = self.source, self.data
        span = source._spans.get(node)
        if node in self.unchanged:
            self.copy(node, span)
            return
        start = self.position
        if not isinstance(node.tag, str):  # comment or processing instruction
            if span is None:
                self.changed.append(node.getparent())
            self.add(data[span.start : span.end] if span else etree.tostring(node, with_tail=False))
            self.spans[node] = _Span(start, self.position, self.position, self.position)
            return
        numbering = self.numbering
        numbering.elements[node] = (len(numbering.elements), len(numbering.texts))
        children = list(node)
        has_content = bool(node.text) or bool(children)
        attributes = tuple(node.attrib.items())
        if span is not None and attributes == span.attributes:
            if span.empty and not has_content:
                self.add(data[span.start : span.end])
                self.spans[node] = _Span(start, self.position, self.position, self.position, attributes, True)
                return
            if span.empty:
                self.changed.append(node)
            self.add(data[span.start : span.open_end - 2] + b">" if span.empty else data[span.start : span.open_end])
        else:
            self.changed.append(node)
            self.add(source._start_tag(node, empty=not has_content))
            if not has_content:
                self.spans[node] = _Span(start, self.position, self.position, self.position, attributes, True)
                return
        written = _Span(start, self.position, self.position, self.position, attributes, False)
        self.spans[node] = written
        self.segment(node, "text")
        for child in children:
            self.element(child)
            self.segment(child, "tail")
        written.close_start = self.position
        if span is not None and not span.empty:
            self.add(data[span.close_start : span.end])
        else:
            self.add(f"</{source._qname(node)}>".encode())
        written.end = self.position

    def copy(self, node: etree._Element, span: _Span) -> None:
        """An unchanged part copied whole; where each of its nodes lands (the same place, moved by
        as much as the bytes before it grew or shrank) and their numbers recorded as element() does."""
        shift = self.position - span.start
        self.add(self.data[span.start : span.end])
        spans, texts = self.spans, self.texts
        old_spans, old_texts = self.source._spans, self.source._texts
        elements, numbered = self.numbering.elements, self.numbering.texts

        def visit(x: etree._Element) -> None:
            s = old_spans[x]
            spans[x] = s if not shift else _Span(s.start + shift, s.open_end + shift, s.close_start + shift,
                                                 s.end + shift, s.attributes, s.empty)
            if not isinstance(x.tag, str):
                return
            elements[x] = (len(elements), len(numbered))
            known = old_texts.get((x, "text"))
            if known is not None:
                texts[(x, "text")] = known
                if known.value:
                    numbered.append((x, "text"))
            for child in x:
                visit(child)
                tail = old_texts[(child, "tail")]
                texts[(child, "tail")] = tail
                if tail.value:
                    numbered.append((child, "tail"))

        visit(node)

    def segment(self, node: etree._Element, kind: str) -> None:
        value = (node.text if kind == "text" else node.tail) or ""
        known = self.source._texts.get((node, kind))
        if known is not None and known.value == value:
            raw = known.raw
        else:
            raw = _escape(value).encode() if value else b""
            if known is not None or value:
                self.changed.append(node if kind == "text" else node.getparent())
        if value:
            self.numbering.texts.append((node, kind))
        self.add(raw)
        self.texts[(node, kind)] = _Text(raw, value)


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text.replace("\r", "&#13;")
