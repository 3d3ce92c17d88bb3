"""The TEI namespace, safe parsing, and a serializer that never touches mixed content."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from teikit import xmlfile
from teikit.errors import InputError
from teikit.resources import SCHEMA_FOLDER

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})

TEI_ALL_RNG = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
PROFILE = SCHEMA_FOLDER / "edition.xsd"


def xml_models(document: Path) -> list[str]:
    """``<?xml-model?>`` instructions so that Oxygen or VS Code validate ``document`` while editing:
    the edition's profile (XSD 1.1 and its Schematron rules), and conformance with tei_all
    (RELAX NG and TEI's Schematron)."""
    folder = document.resolve().parent
    # A project laid out like this repository (schema/ beside tei/) points at its own copy, which
    # travels with it; elsewhere at the profile teikit carries.
    beside = folder.parent / "schema" / PROFILE.name
    schema = beside if beside.is_file() else PROFILE
    profile = Path(os.path.relpath(schema, folder)).as_posix()
    rules = Path(os.path.relpath(schema.with_suffix(".sch"), folder)).as_posix()
    return [
        f'href="{profile}" type="application/xml" schematypens="http://www.w3.org/2001/XMLSchema"',
        f'href="{rules}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
        f'href="{TEI_ALL_RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
        f'href="{TEI_ALL_RNG}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
    ]


# Elements whose content is other elements only. Indenting anywhere else would
# put white space into running text (between two <hi>s, say) and change it.
_CONTAINERS = frozenset(
    """TEI teiHeader fileDesc titleStmt respStmt editionStmt publicationStmt availability
    seriesStmt sourceDesc listBibl profileDesc langUsage particDesc listPerson person
    settingDesc setting abstract textClass keywords encodingDesc editorialDecl
    interpretation normalization quotation segmentation correction punctuation
    projectDesc appInfo application listPrefixDef revisionDesc listChange text front back
    body div sp list opener standOff listPlace place location relatedItem address
    classDecl taxonomy category bibl""".split()
)


def tag(name: str) -> str:
    """The Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{name}"


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def parse(path: Path) -> etree._ElementTree:
    """Parse an XML file safely (see teikit.xmlfile), or raise an InputError that says what is wrong with it."""
    try:
        return xmlfile.read(path).getroottree()
    except xmlfile.Unreadable as unreadable:
        problem = unreadable.problem
        message = problem.message
        if problem.rule == "well-formed" and not message.startswith("not well-formed"):
            message = f"not well-formed XML: {message}"
        raise InputError(path, message, problem.line, problem.column) from None


def reading_text(element: etree._Element) -> str:
    """The words of an element as a reader sees them, white space folded.

    A line or page break separates words (``Paris<lb/>November`` reads "Paris November").
    """
    breaks = (tag("lb"), tag("pb"))

    def walk(node: etree._Element):
        yield " " if node.tag in breaks else (node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                yield from walk(child)
            yield child.tail or ""

    return " ".join("".join(walk(element)).split())


def append_inline(parent: etree._Element, items: Iterable[str | etree._Element]) -> etree._Element:
    """Append text and elements to ``parent`` as mixed content, in order."""
    for item in items:
        if isinstance(item, str):
            if not item:
                continue
            # lxml counts children one by one: len(parent) here made long paragraphs quadratic.
            last = next(parent.iterchildren(reversed=True), None)
            if last is not None:
                last.tail = (last.tail or "") + item
            else:
                parent.text = (parent.text or "") + item
        else:
            parent.append(item)
    return parent


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _indent(element: etree._Element, level: int) -> None:
    if local(element) not in _CONTAINERS or not len(element) or not _blank(element.text):
        return
    if any(not _blank(child.tail) for child in element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level


def serialize(root: etree._Element, models: Iterable[str]) -> bytes:
    """Serialize a TEI document with its ``<?xml-model?>`` instructions, indented where that is safe."""
    _indent(root, 0)
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    for model in models:
        head += f"<?xml-model {model}?>\n".encode()
    return head + etree.tostring(root, encoding="UTF-8") + b"\n"


def remove_keeping_text(element: etree._Element) -> None:
    """Takes ``element`` out of its parent, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
