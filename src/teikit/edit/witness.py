"""The witness's words: what `teikit check` compares with the transcript.

They are the words of `teikit export text` (xslt/export/text.xsl), which leaves out the editors'
own additions (a word they supplied, their correction beside the witness's <sic>, their notes), so
the editor refuses exactly the change `teikit check` would report.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from saxonche import PyXdmNode

from teikit.check import Difference, compare
from teikit.export.text import STYLESHEET
from teikit.xslt import Stylesheet


class Witness:
    """The export stylesheet compiled once, for the words of any number of documents."""

    def __init__(self, proc) -> None:
        self.proc = proc
        self._sheet = Stylesheet(proc, STYLESHEET)

    def words(self, root: etree._Element) -> str:
        return self.words_of(self.parse(etree.tostring(root)))

    def parse(self, data: bytes) -> PyXdmNode:
        """A document's bytes parsed once, for its words and for the reading view."""
        return self._sheet.parse_text(data)

    def words_of(self, document: PyXdmNode) -> str:
        return self._sheet.to_string(document)

    def changes(self, before: str, words: str) -> list[Difference]:
        """How the witness's words ``words`` depart from ``before`` (words of the same document)."""
        if words == before or words.split() == before.split():
            return []  # the usual case, settled without a diff (which is slow on long, repetitive texts)
        return compare(before, words)


def describe(differences: list[Difference], path: Path) -> str:
    first = differences[0]
    more = f" (and {len(differences) - 1} more)" if len(differences) > 1 else ""
    return (f"the action would change the witness's words, which only markup may touch: in {path.name} "
            f"“{first.expected}” would become “{first.found or 'nothing'}”{more}")
