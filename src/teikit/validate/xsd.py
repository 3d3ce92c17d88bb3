"""XSD 1.1 validation with xmlschema: the schema built once and kept in the cache."""

from __future__ import annotations

import locale
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import xmlschema
from lxml import etree

from teikit.errors import InputError
from teikit.validate import cache
from teikit.validate.findings import Finding
from teikit.validate.wellformed import Document
from teikit.validate.xsd_messages import XsdMessages


@contextmanager
def _codepoint_collation() -> Iterator[None]:
    """elementpath gives the XPath of assertions the default collation of LC_COLLATE, which Saxon
    sets to C.UTF-8 when it starts. Built under the C locale, assertions compare strings by code
    point, as XPath does by default, whatever ran in the process before."""
    previous = locale.setlocale(locale.LC_COLLATE)
    locale.setlocale(locale.LC_COLLATE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_COLLATE, previous)


def _build(path: Path) -> tuple[xmlschema.XMLSchemaBase, list[Path]]:
    try:
        with _codepoint_collation():
            schema = xmlschema.XMLSchema11(str(path))
    except xmlschema.XMLSchemaException as error:
        detail = " ".join(str(getattr(error, "message", None) or error).split("\n")[0].split())
        raise InputError(path, f"this XML Schema cannot be used: {detail}") from None
    except (OSError, SyntaxError) as error:
        raise InputError(path, f"this XML Schema cannot be read: {error}") from None
    sources = [
        Path(url2pathname(urlparse(s.url).path))
        for s in schema.maps.iter_schemas()
        if s.url and s.url.startswith("file:")
    ]
    return schema, sources


CROWDED = 64  # attributes on one element beyond which undeclared ones are reported before xmlschema runs


def load(path: Path) -> xmlschema.XMLSchemaBase:
    """The built schema, from the cache when neither it nor a file it includes has changed."""
    if not path.is_file():
        raise InputError(path, "no such XML Schema file" if not path.exists() else "is not a file")
    return cache.pickled("xsd", path, [xmlschema.__version__], lambda: _build(path))


class XsdValidator:
    """Checks documents against one XSD 1.1 schema, in plain words."""

    def __init__(self, path: Path, edition: bool = False) -> None:
        self.path = path
        self.schema = load(path)
        self.messages = XsdMessages(self.schema, path.name, edition)

    def check(self, document: Document) -> list[Finding]:
        findings: list[Finding] = []
        said: set[tuple[int, str]] = set()
        restore = self._set_aside_unknown_attributes(document, findings)
        try:
            for error in self.schema.iter_errors(document.tree):
                findings += self.messages.findings(document, error, said)
        finally:
            for element, attributes in restore:
                element.attrib.clear()
                element.attrib.update(attributes)
        return findings

    def _set_aside_unknown_attributes(self, document: Document, findings: list[Finding]) -> list:
        """Report the undeclared attributes of an element with very many, and hide them from xmlschema,
        which writes out all of an element's attributes in each error it makes of one: 4,000 attributes
        took minutes. Returns what to put back."""
        restore = []
        for element in document.tree.iter(etree.Element):
            if len(element.attrib) <= CROWDED:
                continue
            declaration = self.messages._declaration(element)
            if declaration is None or None in declaration.attributes or declaration.attributes.get(None) is not None:
                continue
            extra = [name for name in element.attrib if name not in declaration.attributes]
            if not extra:
                continue
            restore.append((element, list(element.attrib.items())))
            for name in extra:
                findings.append(self.messages._unknown_attribute(document, element, name))
                del element.attrib[name]
        return restore
