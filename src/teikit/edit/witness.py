"""The witness's words: what `teikit check` compares with the transcript, without the editors' additions.

The editors add words of their own (a supplied word, a correction, a note), always marked as
theirs; everything else in the text is the witness. The words are those of `teikit export text`
(xslt/export/text.xsl) on the document with the editors' additions taken out, compared word for
word by teikit.check, so the editor refuses exactly what `teikit check` would report.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from teikit.check import Difference, compare
from teikit.edit.actions import EDITORS, remove_keeping_tail
from teikit.export.text import STYLESHEET
from teikit.tei import TEI_NS
from teikit.xslt import Stylesheet

# The editors' own words: supplied by them, their corrections (the witness's reading stays in
# <sic>), their notes.
_ADDITIONS = (
    f"//tei:text//tei:supplied[@resp='{EDITORS}'] | //tei:text//tei:corr[parent::tei:choice/tei:sic]"
    " | //tei:text//tei:note[@type='editorial']"
)


def without_additions(root: etree._Element) -> etree._Element:
    """A copy of the document with the editors' additions taken out."""
    witness = copy.deepcopy(root)
    for element in witness.xpath(_ADDITIONS, namespaces={"tei": TEI_NS}):
        remove_keeping_tail(element)
    return witness


class Witness:
    """The export stylesheet compiled once, for the words of any number of documents."""

    def __init__(self, proc) -> None:
        self._sheet = Stylesheet(proc, STYLESHEET)

    def words(self, root: etree._Element) -> str:
        text = etree.tostring(without_additions(root), encoding="unicode")
        return self._sheet.to_string(self._sheet.parse_text(text))

    def changes(self, before: str, after: etree._Element) -> list[Difference]:
        """How the witness's words of ``after`` depart from ``before`` (words of the same document)."""
        return compare(before, self.words(after))


def describe(differences: list[Difference], path: Path) -> str:
    first = differences[0]
    more = f" (and {len(differences) - 1} more)" if len(differences) > 1 else ""
    return (f"the action would change the witness's words, which only markup may touch: at word "
            f"{first.line}:{first.column} of {path.name} expected “{first.expected}” found “{first.found}”{more}")
