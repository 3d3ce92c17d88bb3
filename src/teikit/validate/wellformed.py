"""Reading a file as XML without trusting it: no DTD, no entities, no network.

A DOCTYPE is refused before anything parses the file, so an external entity (XXE) never reads a
local file and an entity bomb ("billion laughs") never expands. Bytes that are not UTF-8 are
reported where they are, and the parser's own errors are said in an editor's words.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.tei import hardened_parser
from teikit.validate.findings import Finding
from teikit.validate.locate import Locator

_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# The prolog: XML declaration, comments and processing instructions, then possibly a DOCTYPE.
# Possessive, so that a file without a DOCTYPE is not searched to its end for another "?>".
_DOCTYPE = re.compile(r"^(?:\s+|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE\b", re.S)
_DOCTYPE_BYTES = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE\b", re.S)
_ENTITY = re.compile(r"""<!ENTITY\s+(%\s+)?([^\s>]+)\s+(?:(SYSTEM|PUBLIC)\s+(?:"[^"]*"\s+)?["']([^"']*)["'])?""")
_UNFINISHED = re.compile(r"Premature end of data in tag (\S+) line (\d+)")
_MISMATCH = re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)")
_UNDEFINED_ENTITY = re.compile(r"Entity '([^']+)' not defined")
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")


@dataclass
class Document:
    """A well-formed file and its tree, parsed once for every validator."""

    path: Path
    tree: etree._ElementTree
    data: bytes
    _locator: Locator | None = field(default=None, repr=False)

    def position(self, element: etree._Element) -> tuple[int, int]:
        """Line and column of ``element``'s start tag."""
        if self._locator is None:
            self._locator = Locator(self.data.decode(_encoding(self.data), "replace"), self.tree)
        return self._locator.position(element)


def read(path: Path) -> Document | Finding:
    """The parsed document, or the one finding that says why it is not well-formed XML.

    Raises OSError when the file cannot be read at all.
    """
    data = path.read_bytes()
    problem = _doctype_problem(path, data)
    if problem:
        return problem
    try:
        root = etree.fromstring(data, hardened_parser(), base_url=str(path))
    except etree.XMLSyntaxError as error:
        # libxml2 refuses bytes that are not UTF-8; Python says which bytes, and where.
        encoding = _encoding_problem(path, data)
        if encoding:
            return encoding
        line, column = error.position
        if found := _UNDEFINED_ENTITY.search(error.msg or ""):
            column -= len(found.group(1)) + 2  # libxml2 points past the reference; the editor wants its "&"
        return Finding(str(path), line or 1, max(column, 1), "error", _parse_message(error), "well-formed")
    return Document(path, root.getroottree(), data)


def _encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    declared = _DECLARED_ENCODING.match(data)
    return declared.group(1).decode().lower() if declared else "utf-8"


def _encoding_problem(path: Path, data: bytes) -> Finding | None:
    encoding = _encoding(data)
    if encoding not in ("utf-8", "utf-8-sig", "utf8"):
        return None  # the parser checks other encodings itself
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = data[error.start : error.end].hex(" ").upper()
        return Finding(
            str(path), line, column, "error",
            f"byte 0x{bad} is not UTF-8, which this file must be (it was probably saved as Latin-1 or "
            "Windows-1252: save it again as UTF-8)",
            "encoding",
        )
    return None


def _doctype_problem(path: Path, data: bytes) -> Finding | None:
    encoding = _encoding(data)
    if encoding != "utf-16" and not _DOCTYPE_BYTES.match(data):
        return None  # the usual case, settled without decoding the file
    text = data.decode(encoding, "replace").lstrip("\ufeff")
    found = _DOCTYPE.match(text)
    if not found:
        return None
    start = found.end() - len("<!DOCTYPE")
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    entities = list(_ENTITY.finditer(text, start))
    external = [e for e in entities if e.group(3)]
    if external:
        entity = external[0]
        detail = (
            f'declares the external entity "{entity.group(2)}" ({entity.group(3)} "{entity.group(4)}"), which '
            "would read another file or address into this one; teikit never reads it"
        )
    elif entities:
        detail = (
            f"declares {len(entities)} entit{'y' if len(entities) == 1 else 'ies'} "
            f'("{entities[0].group(2)}"{", …" if len(entities) > 1 else ""}); entities can expand without '
            "limit (an entity bomb), so teikit never expands them"
        )
    else:
        detail = "names a DTD, which teikit does not read"
    return Finding(
        str(path), line, column, "error",
        f"the DOCTYPE {detail}. A TEI file needs no DOCTYPE: remove it and write special characters as "
        "they are (UTF-8) or as character references such as &#160;",
        "no-doctype",
    )


def _parse_message(error: etree.XMLSyntaxError) -> str:
    message = _POSITION_SUFFIX.sub("", error.msg or "")
    if found := _UNFINISHED.search(message):
        return (
            f"the file ends before <{found.group(1)}> (opened at line {found.group(2)}) is closed: it is "
            "probably truncated, or an end tag is missing"
        )
    if found := _MISMATCH.search(message):
        return (
            f"</{found.group(3)}> closes <{found.group(1)}>, opened at line {found.group(2)}: an end tag is "
            f"missing or misspelt"
        )
    if found := _UNDEFINED_ENTITY.search(message):
        return (
            f"&{found.group(1)}; is not an XML entity (XML knows only &amp; &lt; &gt; &quot; &apos;): "
            "write the character itself, or a character reference such as &#160;"
        )
    if message.startswith("xmlParseEntityRef: no name"):
        return 'a bare "&" must be written &amp;'
    if message == "Document is empty":
        return "the file is empty"
    return f"not well-formed XML: {message}"
