"""The pages of the web edition, written by xslt/web/edition.xsl.

A process compiles the stylesheet and parses the register once, then renders
every document it is given: each document's page is written by the stylesheet
and its summary returned. The edition-wide pages are made from the summaries
alone, so no TEI file is read twice.
"""

from __future__ import annotations

from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor

from teikit.errors import InputError
from teikit.resources import XSLT_FOLDER
from teikit.tei import TEI_NS
from teikit.xslt import Stylesheet

STYLESHEET = XSLT_FOLDER / "web" / "edition.xsl"
ASSETS = XSLT_FOLDER / "web" / "assets"
SUMMARY_NS = "urn:teikit:web"


class Renderer:
    """The compiled edition stylesheet and the register, for one process."""

    def __init__(self, proc: PySaxonProcessor, register: Path, base_url: str = "") -> None:
        self._proc = proc
        self._sheet = Stylesheet(proc, STYLESHEET)
        self._register = self._sheet.parse(register)
        if not _is_tei(self._register):
            raise InputError(register, "not a TEI document: the register must be a TEI file with standOff/listPerson and listPlace")
        self._base_url = base_url

    def document(self, source: Path, site: Path) -> str:
        """Write ``source``'s page into ``site``; return the document's summary (XML)."""
        node = self._sheet.parse(source)
        if not _is_tei(node):
            raise InputError(source, f"not a TEI document: its root element must be TEI in the namespace {TEI_NS}")
        params = {"register": self._register, "file": source.stem, "base-url": self._base_url}
        try:
            return self._sheet.to_string(node, params, base_output=site)
        except InputError as problem:
            raise InputError(source, f"could not be published: {problem.message}") from None

    def edition(self, summaries: list[str], site: Path, schema: Path | None) -> None:
        """Write the edition-wide pages into ``site`` from the documents' summaries."""
        # The summaries are complete XML elements written by the stylesheet itself; the
        # envelope only gathers them into one document.
        text = f'<w:summaries xmlns:w="{SUMMARY_NS}">{"".join(summaries)}</w:summaries>'
        try:
            node = self._proc.parse_xml(xml_text=text)
        except PySaxonApiError as exc:
            raise InputError(STYLESHEET, f"the documents' summaries do not parse: {' '.join(str(exc).split())}") from None
        params: dict[str, object] = {"register": self._register, "base-url": self._base_url}
        if schema is not None:
            params["schema"] = self._sheet.parse(schema)
        self._sheet.to_string(node, params, base_output=site)


def _is_tei(node) -> bool:
    return any(child.node_kind == 1 and child.name == f"Q{{{TEI_NS}}}TEI" for child in node.children)


# A worker process of a parallel build keeps its own processor and renderer for its whole life.
_worker: Renderer | None = None


def start_worker(register: Path, base_url: str) -> None:
    global _worker
    _worker = Renderer(PySaxonProcessor(license=False), register, base_url)


def render_in_worker(source: Path, site: Path) -> tuple[str | None, tuple[str, str, int, int] | None]:
    """The summary, or the problem as plain values (InputError does not pickle)."""
    assert _worker is not None, "start_worker runs first"
    try:
        return _worker.document(source, site), None
    except InputError as problem:
        return None, (str(problem.path), problem.message, problem.line, problem.column)
