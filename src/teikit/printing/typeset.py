"""Typst source to PDF with the typst package: bundled fonts only, so the same source gives the same bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass

import typst

# PDF/A-2a keeps the book readable in an archive (fonts embedded, tagged, no
# outside resources); PDF/UA-1 makes it readable with a screen reader. The
# bundled compiler accepts the two together; PDF/A-4 would need PDF 2.0, which
# PDF/UA-1 forbids.
PDF_STANDARDS = ("a-2a", "ua-1")

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@dataclass
class Typeset:
    pdf: bytes
    warnings: list[str]

    @property
    def pages(self) -> int:
        return len(_PAGE.findall(self.pdf))


class TypesetError(Exception):
    """Typst refused the source; the message says why in Typst's words."""


def typeset(source: str) -> Typeset:
    """Compile ``source`` to PDF, with Typst's warnings (each in one line)."""
    try:
        pdf, warnings = typst.compile_with_warnings(
            source.encode("utf-8"), format="pdf", ignore_system_fonts=True, pdf_standards=list(PDF_STANDARDS)
        )
    except typst.TypstError as exc:
        raise TypesetError(" ".join(exc.message.split())) from None
    return Typeset(pdf, [" ".join(w.message.split()) for w in warnings])
