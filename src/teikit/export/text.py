"""TEI back to the transcript's conventions (the stylesheet is xslt/export/text.xsl)."""

from __future__ import annotations

from pathlib import Path

from teikit.resources import XSLT_FOLDER
from teikit.xslt import Stylesheet, processor

STYLESHEET = XSLT_FOLDER / "export" / "text.xsl"


def export_texts(documents: list[Path]) -> list[str]:
    """Each TEI document written back as a transcript, compiling the stylesheet once."""
    with processor() as proc:
        stylesheet = Stylesheet(proc, STYLESHEET)
        return [stylesheet.to_string(document) for document in documents]


def export_text(document: Path) -> str:
    return export_texts([document])[0]
