"""Reading a printed PDF back as a reader's tools do, and the TEI words it must hold.

Text comes from poppler's pdftotext, which honours the ActualText Typst writes
for a glyph that stands for other characters (a base letter with a combining
accent, a hyphen); pypdf reads structure and metadata.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

from tests.conftest import NS, need

TEI = "{http://www.tei-c.org/ns/1.0}"
SOFT_HYPHEN = "\xad"
# Page furniture between two words of a turn: running head, folio, line numbers, footnotes.
WINDOW = 3000


@cache
def pdftotext(pdf: Path, *options: str) -> list[str]:
    """The text of each page (a PDF is read once a session; the tests never change one)."""
    need(shutil.which("pdftotext") is not None,
         "pdftotext not found: install poppler-utils (apt-get install poppler-utils) or run `make test`")
    out = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def printed_pages(pdf: Path) -> list[str]:
    """Each page's text in reading order, without the line numbers and signs in the margins."""
    pages = pdftotext(pdf, "-layout")
    pages = [re.sub(r"(?m)^ {0,12}\d{1,3}(?= {2,}\S)", "", page) for page in pages]
    # The margin's double bar (a page break of the original) stands apart from the line's words.
    pages = [re.sub(r"(?m)(^|  )\s*\u2016 *$", "", page) for page in pages]
    # So does a turn's number in the right margin, beside the turn's first line.
    pages = [re.sub(r"(?m) {3,}\d{1,4} *$", "", page) for page in pages]
    # pdftotext sometimes gives a letter with a combining mark twice ("n̈n̈"): Typst maps each glyph
    # of the cluster to the whole of it and wraps them in one ActualText, which pdftotext does not
    # always honour. The PDF holds the cluster once; actual_texts() checks that.
    pages = [re.sub(r"(\w[\u0300-\u036f]+)\1", r"\1", page) for page in pages]
    # A hyphen Typst added at a line's end joins the word again; one at a page's end stays for find_words.
    return [re.sub(SOFT_HYPHEN + r"\n\s*(?=\S)", "", page.rstrip()) for page in pages]


def printed_text(pdf: Path) -> str:
    return "\n".join(printed_pages(pdf))


def skeleton(text: str) -> str:
    """Text without white space, for comparing characters whatever the line breaks."""
    return re.sub(r"\s+", "", text)


def find_words(hay: str, words: list[str], start: int = 0, *, anchored: bool = True) -> tuple[int, str | None]:
    """Find ``words`` in order in the skeleton ``hay``, each whole and close to the one before.

    ``anchored``: the first word, too, is close to ``start``; else it may be anywhere after it.
    Returns the end position and the first word not found (None when all were).
    """
    position = start
    for index, word in enumerate(words):
        limit = position + WINDOW + len(word) if anchored or index > 0 else len(hay)
        found = hay.find(word, position, limit)
        if found >= 0:
            position = found + len(word)
            continue
        # A word hyphenated across a page: its head ends one page, its tail opens the next.
        for cut in range(1, len(word)):
            head = hay.find(word[:cut] + SOFT_HYPHEN, position, position + WINDOW)
            tail = hay.find(word[cut:], head, head + WINDOW) if head >= 0 else -1
            if tail >= 0:
                position = tail + len(word) - cut
                break
        else:
            return position, word
    return position, None


def words(text: str) -> list[str]:
    return text.split()


def reading(element: etree._Element, skip: tuple[str, ...] = ("note",)) -> str:
    """The words of ``element`` as printed: notes go to the foot of the page, supplied words stand in
    brackets, a gap shows its wording."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        name = etree.QName(node).localname
        if name in skip:
            parts.append(" ")
            return
        if name in ("lb", "pb"):
            parts.append(" ")
        parts.append("[" if name == "supplied" else "")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        parts.append("]" if name == "supplied" else "")

    walk(element)
    return dashes(" ".join("".join(parts).split()))


def dashes(text: str) -> str:
    """The typescript's "--" as print sets it: an em dash ("---" stays)."""
    return re.sub(r"(?<!-)--(?!-)", "\u2014", text)


def turns(document: Path) -> list[etree._Element]:
    return etree.parse(str(document)).getroot().findall(".//tei:body//tei:sp", NS)


def notes(document: Path) -> list[etree._Element]:
    return etree.parse(str(document)).getroot().findall(".//tei:body//tei:note", NS)


def page_labels(pdf: Path) -> list[str]:
    return list(PdfReader(pdf).page_labels)


def _marked_content(pdf: Path):
    """Each text-showing operation with the ActualText it is wrapped in (innermost first), page by page."""
    reader = PdfReader(pdf)
    for page in reader.pages:
        replaced: list[str | None] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else None
                replaced.append(str(properties["/ActualText"])
                                if isinstance(properties, DictionaryObject) and "/ActualText" in properties else None)
            elif operator == b"BMC":
                replaced.append(None)
            elif operator == b"EMC" and replaced:
                replaced.pop()
            elif operator in (b"Tj", b"TJ"):
                strings = [operands[0]] if operator == b"Tj" else [o for o in operands[0] if hasattr(o, "original_bytes")]
                yield [r for r in reversed(replaced) if r], [string.original_bytes for string in strings]


def actual_texts(pdf: Path) -> set[str]:
    """The texts the PDF gives for glyphs that stand for something else (clusters, hyphens)."""
    return {texts[0] for texts, _ in _marked_content(pdf) if texts}


Box = tuple[float, float, float, float, str]


@cache
def bbox_lines(pdf: Path) -> list[list[list[Box]]]:
    """Each page's lines as poppler finds them, each line its words: (x min, y min, x max, y max, text),
    in points from the top left."""
    need(shutil.which("pdftotext") is not None,
         "pdftotext not found: install poppler-utils (apt-get install poppler-utils) or run `make test`")
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out.replace(b"<!DOCTYPE", b"<!-- ").replace(b"dtd\">", b"dtd\" -->", 1),
                            etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    xhtml = "{http://www.w3.org/1999/xhtml}"
    return [
        [[(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
          for w in line.iter(f"{xhtml}word")]
         for line in page.iter(f"{xhtml}line")]
        for page in root.iter(f"{xhtml}page")
    ]
