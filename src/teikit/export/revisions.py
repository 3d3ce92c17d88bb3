"""The edition's version and date, from the revisionDesc of its header (or of its documents)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit.tei import TEI_NS, parse

_NS = {"tei": TEI_NS}
_DATE = re.compile(r"^\d{4}-\d\d-\d\d")


@dataclass(frozen=True)
class Revision:
    date: str  # YYYY-MM-DD, "" when no header dates anything
    version: str  # the latest change's @n, else the date as YYYY.MM.DD


def latest_revision(roots: Sequence[etree._Element]) -> Revision:
    """The latest dated change in these headers' revisionDesc (publication dates when none is dated)."""
    changes = [
        (change.get("when")[:10], change.get("n", "").strip())
        for root in roots
        for change in root.xpath("tei:teiHeader/tei:revisionDesc//tei:change[@when]", namespaces=_NS)
        if _DATE.match(change.get("when", ""))
    ]
    if not changes:
        changes = [
            (when[:10], "")
            for root in roots
            for when in root.xpath("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date/@when", namespaces=_NS)
            if _DATE.match(when)
        ]
    if not changes:
        return Revision("", "")
    date = max(when for when, _ in changes)
    numbered = [n for when, n in changes if when == date and n]
    return Revision(date, numbered[-1] if numbered else date.replace("-", "."))


def edition_revision(documents: Sequence[Path], register: Path | None) -> Revision:
    """The register's latest change when it has one, else the latest of the documents'."""
    if register is not None:
        found = latest_revision([parse(register).getroot()])
        if found.date:
            return found
    return latest_revision([parse(path).getroot() for path in documents])
