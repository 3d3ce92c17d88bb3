"""XSD 1.1 validation with xmlschema: the schema built once and kept in the cache."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import xmlschema

from teikit.errors import InputError
from teikit.validate import cache
from teikit.validate.findings import Finding
from teikit.validate.wellformed import Document
from teikit.validate.xsd_messages import XsdMessages


def _build(path: Path) -> tuple[xmlschema.XMLSchemaBase, list[Path]]:
    try:
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
        for error in self.schema.iter_errors(document.tree):
            findings += self.messages.findings(document, error)
        return findings
