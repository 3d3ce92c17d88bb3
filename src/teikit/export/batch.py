"""What every export shares: the documents and the edition's header, one compiled stylesheet
applied to each document in turn, and a bad document reported without stopping the others."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from saxonche import PySaxonProcessor, PyXdmNode

from teikit.edition import edition_header, header_document, register_of
from teikit.errors import InputError
from teikit.resources import XSLT_FOLDER
from teikit.tei import parse
from teikit.xslt import Stylesheet, processor

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterator[T]]

EXPORT_STYLESHEETS = XSLT_FOLDER / "export"


def no_progress(items: Iterable[T], length: int, label: str) -> Iterator[T]:
    yield from items


@dataclass
class Edition:
    """The documents of one export run, and the header they are published under."""

    documents: list[Path]
    register: Path | None
    header: bytes  # teikit.edition.header_document: the register, or a header made from the documents
    title: str
    editors: list[str]
    base_url: str = ""
    # Documents that could not be read: left out of the edition, reported with what each export wrote.
    rejected: list[InputError] = field(default_factory=list)
    names: dict[Path, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.names = unique_names(self.documents)

    def name(self, document: Path) -> str:
        """The document's name in every export: its file name without .xml, numbered when two
        documents of the edition (from different folders) share one, so no output overwrites another."""
        return self.names[document]

    @classmethod
    def of(
        cls, documents: Sequence[Path], register: Path | None = None, *, title: str | None = None,
        editors: Sequence[str] = (), base_url: str = "",
    ) -> Edition:
        readable, rejected = [], []
        for document in documents:
            try:
                parse(document)
            except InputError as problem:
                rejected.append(problem)
                continue
            readable.append(document)
        if not readable:
            raise rejected[0]
        documents = readable
        found = register_of(documents, register)
        header = edition_header(documents, found, title=title, editors=editors)
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        return cls(
            documents=list(documents), register=found,
            header=header_document(documents, found, title=title, editors=editors),
            title=header.title, editors=header.editors, base_url=base_url, rejected=rejected,
        )


@dataclass
class Outcome:
    """What an export wrote, and the documents it could not."""

    written: list[Path] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)


class Run:
    """One stylesheet compiled once, applied to the documents of an edition."""

    def __init__(self, proc: PySaxonProcessor, stylesheet: str, edition: Edition) -> None:
        self.edition = edition
        self.stylesheet = Stylesheet(proc, EXPORT_STYLESHEETS / stylesheet)
        self.header = self.stylesheet.parse_text(edition.header)

    def params(self, document: Path | None, more: Mapping[str, object] | None = None) -> dict[str, object]:
        params: dict[str, object] = {"register": self.header, "base-url": self.edition.base_url}
        if document is not None:
            params["stem"] = self.edition.name(document)
        params.update(more or {})
        return params

    def parse(self, document: Path) -> PyXdmNode:
        return self.stylesheet.parse(document)

    def to_string(self, source: PyXdmNode, document: Path | None, params: Mapping[str, object] | None = None,
                  base_output: Path | None = None) -> str:
        """Transform, blaming the document (not the stylesheet) when it fails."""
        try:
            return self.stylesheet.to_string(source, self.params(document, params), base_output)
        except InputError as problem:
            if document is None or Path(problem.path) != self.stylesheet.path:
                raise
            raise InputError(document, _plain(problem.message)) from None


@contextmanager
def run(stylesheet: str, edition: Edition) -> Iterator[Run]:
    with processor() as proc:
        yield Run(proc, stylesheet, edition)


def _plain(message: str) -> str:
    """Saxon's words for a failed transform, without its location in teikit's stylesheet."""
    message = re.sub(r"\s*(at|in) \S+\.xsl\S*", "", message)
    return f"{message}; the document could not be exported"


def unique_names(documents: Sequence[Path]) -> dict[Path, str]:
    """Each document's stem; a stem already taken gets -2, -3, … in the documents' order."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for document in documents:
        name, n = document.stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{document.stem}-{n}"
        taken.add(name.casefold())
        names[document] = name
    return names


def slug(stem: str) -> str:
    """A name made only of lower-case letters, digits, '-', '_' and '.' (Frictionless resource names, xar paths)."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-")
    return cleaned or "document"
