"""Running the edition's XSLT 3.0 stylesheets with saxonche (no Java needed).

A stylesheet is compiled once per run and applied to many documents: compiling
costs more than a transform of a small document. Source documents are parsed
by the same processor and passed as nodes, so one document is read once however
many stylesheets use it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode, PyXdmValue

from teikit.errors import InputError
from teikit.tei import parse


def check_safe(path: Path) -> None:
    """Refuse a file Saxon should not parse: not a regular file, not XML, with a DOCTYPE, nested too deep.

    Saxon's parser expands entities, reads external DTDs and has no depth limit; a TEI
    file needs none of that, and a hostile one could use it to hang the build or read
    local files. teikit's untrusting reader looks first.
    """
    parse(path)


@contextmanager
def processor() -> Iterator[PySaxonProcessor]:
    """One Saxon processor for a run (not shared between processes)."""
    with PySaxonProcessor(license=False) as proc:
        yield proc


@contextmanager
def saxon_quiet() -> Iterator[None]:
    """Saxon writes its own report of a failed transform (a stack dump through the stylesheets) to
    the process's standard error; teikit says the one line that matters itself."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Stylesheet:
    """A compiled stylesheet, ready to transform documents."""

    def __init__(self, proc: PySaxonProcessor, path: Path) -> None:
        self._proc = proc
        self.path = path.resolve()
        try:
            self._executable = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(self.path))
        except PySaxonApiError as exc:
            raise InputError(self.path, f"the stylesheet does not compile: {' '.join(str(exc).split())}") from None
        self._executable.set_save_xsl_message(True, None)

    def parse(self, path: Path) -> PyXdmNode:
        check_safe(path)
        try:
            return self._proc.parse_xml(xml_file_name=str(path.resolve()))
        except PySaxonApiError as exc:
            raise InputError(path, f"not well-formed XML: {' '.join(str(exc).split())}") from None

    def parse_text(self, text: bytes | str) -> PyXdmNode:
        """A document teikit made itself (such as the edition's header), parsed for this stylesheet."""
        try:
            return self._proc.parse_xml(xml_text=text.decode("utf-8") if isinstance(text, bytes) else text)
        except PySaxonApiError as exc:
            raise InputError(self.path, f"a document made for it does not parse: {' '.join(str(exc).split())}") from None

    def _prepare(self, params: Mapping[str, object], base_output: Path | None) -> None:
        self._executable.clear_parameters()
        for name, value in params.items():
            if isinstance(value, PyXdmValue):  # a parsed document, passed once rather than re-read by doc()
                item = value
            elif isinstance(value, bool):
                item = self._proc.make_boolean_value(value)
            elif isinstance(value, int):
                item = self._proc.make_integer_value(value)
            else:
                item = self._proc.make_string_value(str(value))
            self._executable.set_parameter(name, item)
        if base_output is not None:
            # xsl:result-document resolves its href against this URI.
            self._executable.set_base_output_uri((base_output.resolve() / "_").as_uri())

    def to_string(
        self, source: PyXdmNode | Path, params: Mapping[str, object] | None = None, base_output: Path | None = None
    ) -> str:
        """Transform ``source`` and return the principal result as text."""
        node = self.parse(source) if isinstance(source, Path) else source
        self._prepare(params or {}, base_output)
        try:
            result = self._executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            raise InputError(self.path, f"transformation failed: {' '.join(str(exc).split())}") from None
        return result or ""

    def to_file(
        self,
        source: PyXdmNode | Path,
        output: Path,
        params: Mapping[str, object] | None = None,
        base_output: Path | None = None,
    ) -> None:
        """Transform ``source`` into ``output`` (and any xsl:result-document beside it)."""
        node = self.parse(source) if isinstance(source, Path) else source
        output.parent.mkdir(parents=True, exist_ok=True)
        self._prepare(params or {}, base_output or output.parent)
        try:
            self._executable.transform_to_file(xdm_node=node, output_file=str(output.resolve()))
        except PySaxonApiError as exc:
            raise InputError(self.path, f"transformation failed: {' '.join(str(exc).split())}") from None

    def messages(self) -> list[str]:
        """What the last transform said with xsl:message."""
        found = self._executable.get_xsl_messages()
        return [str(m) for m in found] if found else []
