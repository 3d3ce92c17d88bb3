"""RELAX NG validation with lxml (libxml2), the grammar specialised to the documents at hand."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from teikit.errors import InputError
from teikit.validate import cache
from teikit.validate.cache import digest
from teikit.validate.findings import Finding
from teikit.validate.locate import where
from teikit.validate.rng_prune import Vocabulary, prunable, prune
from teikit.validate.wellformed import Document
from teikit.xmlfile import hardened_parser

_EXPECTING = re.compile(r"Expecting (?:an )?element (\S+), got (\S+)")
_NOTHING = re.compile(r"Expecting an element (\S+), got nothing")
_WRONG_NAMESPACE = re.compile(r"Element (\S+) has wrong namespace: expecting (\S+)")
_INVALID_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")
# Errors that libxml2 repeats on every ancestor of the element at fault.
_ECHOES = frozenset({"RELAXNG_ERR_CONTENTVALID", "RELAXNG_ERR_EXTRACONTENT"})


def _pruned(path: Path, grammar: etree._Element, used: Vocabulary) -> bytes | None:
    """The pruned grammar, from the cache when the same grammar was pruned to the same names."""

    def build() -> tuple[bytes | None, list[Path]]:
        pruned = prune(grammar, used)
        return (etree.tostring(pruned) if pruned is not None else None), [path]

    return cache.pickled("rng", path, [digest(used.key().encode())], build)


class RngValidator:
    """Checks documents against one RELAX NG grammar (XML syntax).

    With ``used``, the names of every element and attribute the documents may contain, the grammar
    is first pruned to them (see ``rng_prune``): the same verdicts, in a fraction of the time.
    """

    def __init__(self, path: Path, used: Vocabulary | None = None) -> None:
        self.path = path
        self.rule = path.name
        if not path.is_file():
            raise InputError(path, "no such RELAX NG file" if not path.exists() else "is not a file")
        try:
            grammar = etree.parse(str(path), hardened_parser())
        except etree.XMLSyntaxError as error:
            raise InputError(path, f"this RELAX NG grammar is not well-formed XML: {error.msg}", *error.position) from None
        if used is not None and prunable(grammar.getroot()):
            pruned = _pruned(path, grammar.getroot(), used)
            if pruned is not None:
                grammar = etree.fromstring(pruned, hardened_parser()).getroottree()
        try:
            self.schema = etree.RelaxNG(grammar)
        except etree.RelaxNGParseError as error:
            entry = error.error_log.last_error if error.error_log else None
            line = entry.line if entry is not None and entry.line > 0 else 1
            raise InputError(path, f"this RELAX NG grammar cannot be used: {error}", line) from None

    def check(self, document: Document) -> list[Finding]:
        if self.schema.validate(document.tree):
            return []
        entries = list(self.schema.error_log)
        paths = [entry.path or "" for entry in entries]
        findings = []
        for entry, path in zip(entries, paths):
            if entry.type_name in _ECHOES and any(other != path and other.startswith(path + "/") for other in paths):
                continue
            if entry.type_name == "RELAXNG_ERR_EXTRACONTENT" and any(
                e.type_name == "RELAXNG_ERR_ELEMWRONG" and e.line == entry.line for e in entries
            ):
                continue
            element = self._element(document, path)
            line, column = document.position(element) if element is not None else (max(entry.line, 1), 1)
            findings.append(Finding(str(document.path), line, column, "error", self._message(entry.message, element), self.rule))
        return findings

    @staticmethod
    def _element(document: Document, path: str) -> etree._Element | None:
        try:
            found = document.tree.xpath(path) if path else []
        except etree.XPathError:
            return None
        return found[0] if found and isinstance(found[0], etree._Element) else None

    def _message(self, message: str, element: etree._Element | None) -> str:
        subject = where(element) if element is not None else "the document"
        schema = self.rule
        if found := _NOTHING.search(message):
            return f"{subject} lacks <{found.group(1)}>, which {schema} requires there"
        if found := _EXPECTING.search(message):
            return f"{subject} stands where {schema} expects <{found.group(1)}>"
        if message.startswith("Did not expect element"):
            return f"{subject} is not allowed there by {schema}"
        if found := _EXTRA.search(message):
            return f"{subject} has content that {schema} does not allow there: {found.group(2)}"
        if found := _INVALID_ATTRIBUTE.search(message):
            return f"{subject} has @{found.group(1)}, which {schema} does not allow there or whose value it rejects"
        if "failed to validate attributes" in message:
            return (
                f"{subject} has attributes that {schema} does not accept: a required one is missing, or one is "
                "not allowed or has a wrong value"
            )
        if "failed to validate content" in message:
            return f"{subject} has content that {schema} does not allow"
        if found := _WRONG_NAMESPACE.search(message):
            return f"{subject} is in the wrong namespace: {schema} expects {found.group(2)}"
        if message.startswith("Expecting a namespace for element"):
            return f"{subject} is in no namespace, but {schema} expects one (TEI's is http://www.tei-c.org/ns/1.0)"
        return f"{subject}: {message}"
