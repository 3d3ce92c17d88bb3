"""The edition on disk: which files are its documents (every TEI file but the register)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from teikit.convert.register import REGISTER_FILE
from teikit.errors import InputError


def find_documents(sources: Sequence[Path]) -> list[Path]:
    """The TEI documents named by ``sources``: files as given, folders as their .xml files but the register."""
    documents: list[Path] = []
    for source in sources:
        if source.is_dir():
            documents += sorted(p for p in source.glob("*.xml") if p.is_file() and p.name != REGISTER_FILE)
        elif source.is_file():
            documents.append(source)
        else:
            raise InputError(source, "no such file or folder")
    return documents


def register_of(documents: Sequence[Path], given: Path | None = None) -> Path:
    """The register a build reads: the one given, else register.xml beside the first document."""
    return given or (documents[0].parent if documents else Path("tei")) / REGISTER_FILE
