"""Reading an XML file without trusting it: every command reads TEI through here.

Only regular files are read (a FIFO or a device would hang the run), and a DOCTYPE is refused from
the prolog, before any parser sees the file: with no DOCTYPE there is nothing for a parser to open,
no external entity (XXE), no parameter entity naming /dev/urandom, no entity bomb. The bytes are
parsed from memory with libxml2's limits on, and every problem is said in an editor's words with
its line and column, the same in every command.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

# libxml2's own limit without XML_PARSE_HUGE; Saxon, which has none, only sees files that passed it.
MAX_DEPTH = 256

_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# The prolog: XML declaration, comments and processing instructions, then possibly a DOCTYPE.
# Possessive, so that a file without a DOCTYPE is not searched to its end for another "?>".
_DOCTYPE = re.compile(r"^(?:\s+|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE\b", re.S)
_DOCTYPE_BYTES = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE\b", re.S)
_ENTITY = re.compile(r"""<!ENTITY\s+(%\s+)?([^\s>]+)\s+(?:(SYSTEM|PUBLIC)\s+(?:"[^"]*"\s+)?["']([^"']*)["'])?""")
_EXTERNAL_DTD = re.compile(r"""<!DOCTYPE\s+[^\s\[>]+\s+(SYSTEM|PUBLIC)\s+(?:(?:"[^"]*"|'[^']*')\s+)?["']([^"']*)["']""")
_UNFINISHED = re.compile(r"Premature end of data in tag (\S+) line (\d+)")
_MISMATCH = re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)")
_UNDEFINED_ENTITY = re.compile(r"Entity '([^']+)' not defined")
_TOO_DEEP = re.compile(r"Excessive depth in document")
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be read as XML, and where."""

    line: int
    column: int
    message: str
    rule: str  # "well-formed", "encoding", "no-doctype", "depth" or "unreadable"


class Unreadable(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def hardened_parser() -> etree.XMLParser:
    """No DTDs, no entities, no network: a hostile file can neither hang us nor read a local file."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,
        remove_blank_text=False,
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; raise Unreadable for anything else (a FIFO, a device, a folder)."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can see what it is.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise Unreadable(Problem(1, 1, "no such file", "unreadable")) from None
    except IsADirectoryError:
        raise Unreadable(Problem(1, 1, "is a folder, not a file", "unreadable")) from None
    except OSError as exc:
        raise Unreadable(Problem(1, 1, f"cannot be read ({exc.strerror})", "unreadable")) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unreadable(Problem(1, 1, "is not a regular file (a device, pipe or socket); name a file", "unreadable"))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise Unreadable(Problem(1, 1, f"cannot be read ({exc.strerror})", "unreadable")) from None
    finally:
        os.close(fd)


def parse_bytes(data: bytes, path: Path | str) -> etree._Element:
    """The root element of ``data``; raise Unreadable with the one problem that says why not."""
    problem = doctype_problem(data)
    if problem:
        raise Unreadable(problem)
    try:
        return etree.fromstring(data, hardened_parser(), base_url=str(path))
    except etree.XMLSyntaxError as error:
        problem = _syntax_problem(data, error)
    # Raised outside the handler, so that lxml's error (whose log does not pickle) is not in the
    # context of the user's error: Dask's workers send an error with its context (tblib).
    raise Unreadable(problem)


def read(path: Path) -> etree._Element:
    """The root element of the XML file ``path``, read as :func:`read_bytes` and :func:`parse_bytes` do."""
    return parse_bytes(read_bytes(path), path)


def encoding_of(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    declared = _DECLARED_ENCODING.match(data)
    return declared.group(1).decode().lower() if declared else "utf-8"


def doctype_problem(data: bytes) -> Problem | None:
    """The DOCTYPE at the head of ``data``, if there is one, said as a problem."""
    encoding = encoding_of(data)
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
    elif dtd := _EXTERNAL_DTD.match(text, start):
        detail = f'names the DTD "{dtd.group(2)}", which teikit does not read'
    elif entities:
        detail = (
            f"declares {len(entities)} entit{'y' if len(entities) == 1 else 'ies'} "
            f'("{entities[0].group(2)}"{", …" if len(entities) > 1 else ""}); entities can expand without '
            "limit (an entity bomb), so teikit never expands them"
        )
    else:
        detail = "names a DTD, which teikit does not read"
    return Problem(
        line, column,
        f"the DOCTYPE {detail}. A TEI file needs no DOCTYPE: remove it and write special characters as "
        "they are (UTF-8) or as character references such as &#160;",
        "no-doctype",
    )


def _encoding_problem(data: bytes) -> Problem | None:
    if encoding_of(data) not in ("utf-8", "utf-8-sig", "utf8"):
        return None  # the parser checks other encodings itself
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = data[error.start : error.end].hex(" ").upper()
        return Problem(
            line, column,
            f"byte 0x{bad} is not UTF-8, which this file must be (it was probably saved as Latin-1 or "
            "Windows-1252: save it again as UTF-8)",
            "encoding",
        )
    return None


def _syntax_problem(data: bytes, error: etree.XMLSyntaxError) -> Problem:
    # libxml2 refuses bytes that are not UTF-8; Python says which bytes, and where.
    encoding = _encoding_problem(data)
    if encoding:
        return encoding
    line, column = error.position
    message = _POSITION_SUFFIX.sub("", error.msg or "")
    if _TOO_DEEP.search(message):
        return Problem(
            line or 1, max(column, 1),
            f"elements are nested more than {MAX_DEPTH} deep here, deeper than teikit reads (a limit that "
            "protects the machine from hostile files); no TEI text needs such depth: flatten the nesting",
            "depth",
        )
    if found := _UNDEFINED_ENTITY.search(message):
        column -= len(found.group(1)) + 2  # libxml2 points past the reference; the editor wants its "&"
    return Problem(line or 1, max(column, 1), _parse_message(message), "well-formed")


def _parse_message(message: str) -> str:
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
