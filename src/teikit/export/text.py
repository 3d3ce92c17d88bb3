"""TEI back to the transcript's conventions (the stylesheet is xslt/export/text.xsl).

A TEI file that teikit converted comes back as its transcript; any other TEI comes
back as plain readable text, every word of its ``text`` in document order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from teikit.errors import InputError
from teikit.resources import XSLT_FOLDER
from teikit.xslt import Stylesheet, processor

STYLESHEET = XSLT_FOLDER / "export" / "text.xsl"


def export_each(documents: list[Path]) -> Iterator[tuple[Path, str | InputError]]:
    """Each TEI document and its text, or the problem that kept it from being written back.

    The stylesheet is compiled once; a document that cannot be read or transformed does not
    stop the others.
    """
    with processor() as proc:
        stylesheet = Stylesheet(proc, STYLESHEET)
        for document in documents:
            try:
                node = stylesheet.parse(document)
                yield document, stylesheet.to_string(node)
            except InputError as problem:
                if Path(problem.path) == stylesheet.path:
                    problem = InputError(document, problem.message)
                yield document, problem


def export_texts(documents: list[Path]) -> list[str]:
    """Each TEI document written back as a transcript; raises the first document's problem."""
    texts = []
    for _, result in export_each(documents):
        if isinstance(result, InputError):
            raise result
        texts.append(result)
    return texts


def export_text(document: Path) -> str:
    return export_texts([document])[0]
