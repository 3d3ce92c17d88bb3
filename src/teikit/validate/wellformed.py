"""Reading a file as XML for validation, through teikit's one untrusting reader (``teikit.xmlfile``).

Its problems (a DOCTYPE, bytes that are not UTF-8, nesting too deep, a syntax error) become findings
with the rule that names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit import xmlfile
from teikit.validate.findings import Finding
from teikit.validate.locate import Locator


@dataclass
class Document:
    """A well-formed file and its tree, parsed once for every validator."""

    path: Path
    tree: etree._ElementTree
    data: bytes
    _locator: Locator | None = field(default=None, repr=False)
    # Other files the checks read (a register, say): the verdict depends on them too.
    dependencies: set[Path] = field(default_factory=set, repr=False)
    cacheable: bool = field(default=True, repr=False)  # False when a check may have read files it cannot name
    # What several checks ask of the same tree (is there an xml:base?), answered once.
    facts: dict = field(default_factory=dict, repr=False)

    def fact(self, name: str, answer):
        """``answer()``, computed once per document under ``name``."""
        if name not in self.facts:
            self.facts[name] = answer()
        return self.facts[name]

    def position(self, element: etree._Element) -> tuple[int, int]:
        """Line and column of ``element``'s start tag."""
        if self._locator is None:
            self._locator = Locator(self.data.decode(xmlfile.encoding_of(self.data), "replace"), self.tree)
        return self._locator.position(element)


def read(path: Path) -> Document | Finding:
    """The parsed document, or the one finding that says why it is not well-formed XML.

    Raises xmlfile.Unreadable when the file cannot be read at all (missing, not a regular file).
    """
    return parse(path, xmlfile.read_bytes(path))


def parse(path: Path, data: bytes) -> Document | Finding:
    """``data``, the bytes of ``path``, parsed; or the finding that says why it is not well-formed XML."""
    try:
        root = xmlfile.parse_bytes(data, path)
    except xmlfile.Unreadable as unreadable:
        problem = unreadable.problem
        return Finding(str(path), problem.line, problem.column, "error", problem.message, problem.rule)
    return Document(path, root.getroottree(), data)
