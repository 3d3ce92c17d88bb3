"""Checking documents against an ISO Schematron schema with saxonche.

A ``Schematron`` compiles its schema once (the generated XSLT is cached on disk)
and then checks any number of documents with one Saxon processor: each document
is parsed once, by Saxon, with line numbers kept, so a finding points at the
element its rule fired on.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import json
import re
import tempfile
from dataclasses import astuple
from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode, PyXsltExecutable

from teikit import __version__
from teikit.errors import InputError
from teikit.files import write_atomically
from teikit.validate import schematron_compile
from teikit.validate.cache import cache_folder
from teikit.validate.findings import Finding
from teikit.validate.schematron_compile import ENTRY, Check, compile_schematron, explain_compile_error
from teikit.xslt import check_safe, saxon_quiet

# Saxon's parser would otherwise expand entities and read external DTDs; a TEI file needs neither.
_NO_DOCTYPE = "http://saxon.sf.net/feature/parserFeature?uri=http%3A//apache.org/xml/features/disallow-doctype-decl"
_COMPILER_SOURCE = Path(schematron_compile.__file__)
_BACKTRACKING_LIMIT = "http://saxon.sf.net/feature/regexBacktrackingLimit"
BACKTRACKING_LIMIT = 100_000


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Schematron:
    """An ISO Schematron schema, compiled and ready to check documents."""

    def __init__(self, schema: Path, phase: str | None = None) -> None:
        if not schema.is_file():
            raise InputError(schema, "no such Schematron file" if not schema.exists() else "is not a file")
        self.schema = schema
        self.phase = phase
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        global _started
        _started = True
        self._proc = PySaxonProcessor(license=False)
        # A regular expression that backtracks without end (a prefixDef's matchPattern "(a+)+$", say) fails
        # in milliseconds, not minutes; no pattern of a TEI document needs more.
        self._proc.set_configuration_property(_BACKTRACKING_LIMIT, str(BACKTRACKING_LIMIT))
        self._proc.set_configuration_property("l", "on")  # line numbers on every parsed node
        self._proc.set_configuration_property(_NO_DOCTYPE, "true")
        try:
            self.stylesheet, self._checks = self._compiled()
            self._executable = self._executable_for(self.stylesheet)
        except InputError as problem:
            if Path(problem.path) == schema.resolve():
                problem.path = schema  # as the user wrote it
            raise

    def validate(self, document: Path) -> list[Finding]:
        """One finding per failed assert or successful report, in document order."""
        node = self._parse(document)
        self._executable.set_global_context_item(xdm_item=node)
        try:
            result = self._executable.call_template_returning_value(ENTRY)
        except PySaxonApiError as exc:
            detail = " ".join(str(exc).split())
            raise InputError(document, f"the Schematron {self.schema.name} stopped on it: {detail}") from None
        findings: list[Finding] = []
        source: _SourceText | None = None
        for index in range(result.size if result is not None else 0):
            item = result.item_at(index)
            if not item.is_array:
                continue  # something an XSLT instruction passed through from the schema wrote
            number, where, said = item.get_array_value().as_list()
            check = self._checks[number.head.get_atomic_value().integer_value]
            if source is None:
                source = _SourceText(document)
            line, column = source.locate(where.head.get_node_value() if where.head.is_node else node)
            message = _message(check, said.head.string_value)
            findings.append(Finding(str(document), line, column, check.severity, message, check.rule))
        return findings

    def _parse(self, document: Path) -> PyXdmNode:
        if not document.is_file():
            raise InputError(document, "no such file" if not document.exists() else "is not a file")
        try:
            with saxon_quiet():
                return self._proc.parse_xml(xml_file_name=str(document.resolve()))
        except PySaxonApiError as exc:
            check_safe(document)  # lxml says what is wrong, with the line and column
            raise InputError(document, f"Saxon cannot read it: {' '.join(str(exc).split())}") from None

    def _executable_for(self, stylesheet: Path) -> PyXsltExecutable:
        try:
            with saxon_quiet():
                executable = self._proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(stylesheet))
        except PySaxonApiError as exc:
            problem = explain_compile_error(stylesheet, str(exc))
            # Keep only stylesheets Saxon accepts in the cache.
            stylesheet.unlink(missing_ok=True)
            stylesheet.with_suffix(".json").unlink(missing_ok=True)
            raise problem from None
        executable.set_result_as_raw_value(True)  # the arrays themselves, not a serialized tree
        return executable

    def _compiled(self) -> tuple[Path, list[Check]]:
        """The generated stylesheet and its checks, from the cache when nothing it was made from has changed."""
        schema = self.schema.resolve()
        stylesheet, record = _cache_entry(schema, self.phase)
        cached = _read_cache(stylesheet, record)
        if cached is not None:
            return stylesheet, cached
        compiled = compile_schematron(schema, self.phase)
        sources = {str(path): _sha256(path.read_bytes()) for path in compiled.sources}
        data = json.dumps({"checks": [astuple(c) for c in compiled.checks], "sources": sources}).encode()
        try:
            write_atomically(stylesheet, compiled.stylesheet)
            write_atomically(record, data)  # written last: its presence says the entry is complete
        except OSError:
            # No writable cache (a read-only home, say): compile from a folder that lives as long as we do.
            self._scratch = tempfile.TemporaryDirectory(prefix="teikit-schematron-")
            stylesheet = Path(self._scratch.name) / "schematron.xsl"
            write_atomically(stylesheet, compiled.stylesheet)
        return stylesheet, compiled.checks


def _cache_entry(schema: Path, phase: str | None) -> tuple[Path, Path]:
    compiler = _sha256(_COMPILER_SOURCE.read_bytes())
    key = _sha256("\n".join([__version__, compiler, str(schema), phase or "", _sha256(schema.read_bytes())]).encode())
    folder = cache_folder() / "schematron"
    return folder / f"{key}.xsl", folder / f"{key}.json"


def is_compiled(schema: Path, phase: str | None = None) -> bool:
    """Whether Saxon already accepted this schema's stylesheet (it is in the cache), so that compiling can wait."""
    try:
        return _read_cache(*_cache_entry(schema.resolve(), phase)) is not None
    except OSError:
        return False


def saxon_started() -> bool:
    """Whether this process runs Saxon, which must not be inherited through fork()."""
    return _started


_started = False


def _read_cache(stylesheet: Path, record: Path) -> list[Check] | None:
    try:
        data = json.loads(record.read_bytes())
        if not stylesheet.is_file():
            return None
        for path, digest in data["sources"].items():
            if _sha256(Path(path).read_bytes()) != digest:
                return None  # an included file changed
        return [Check(*fields) for fields in data["checks"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _message(check: Check, said: str) -> str:
    expression = " ".join(check.expression.split())
    if check.kind == "error":
        return f"could not evaluate the rule for {expression}: {said}"
    if said:
        return said
    return f"assertion failed: {expression}" if check.kind == "assert" else f"report: {expression}"


class _SourceText:
    """A document's text, to turn the place where Saxon finished reading a node into where the node starts."""

    def __init__(self, path: Path) -> None:
        self.text = _decoded(path)
        self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)] if self.text is not None else []

    def locate(self, node: PyXdmNode) -> tuple[int, int]:
        kind = node.node_kind_str
        if kind == "document":
            return 1, 1
        if kind in ("attribute", "namespace"):
            node = node.get_parent()
        line, column = node.line_number, node.column_number
        while line <= 0 and node.get_parent() is not None:
            node = node.get_parent()
            line, column = node.line_number, node.column_number
        if line <= 0:
            return 1, 1
        end = self._offset(line, column)
        if end is None:
            return line, 1
        # Saxon's position is just past the markup that ended the node: a start tag, or the tag after a text.
        tag = self.text.rfind("<", 0, end)
        if tag < 0:
            return line, 1
        if kind != "text":
            return self._position(tag)
        start = self.text.rfind(">", 0, tag) + 1
        words = start + len(self.text[start:tag]) - len(self.text[start:tag].lstrip())
        return self._position(words if words < tag else start)

    def _offset(self, line: int, column: int) -> int | None:
        if self.text is None or not 1 <= line <= len(self.starts):
            return None
        position = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        units = column - 1  # Saxon counts UTF-16 code units
        while units > 0 and position < end:
            units -= 2 if ord(self.text[position]) > 0xFFFF else 1
            position += 1
        return position

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _decoded(path: Path) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    else:
        declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)", raw)
        encoding = declared.group(1).decode() if declared else "utf-8"
    try:
        text = raw.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
