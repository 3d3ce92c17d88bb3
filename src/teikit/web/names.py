"""The names of a site's pages, safe by construction.

A page is named after its TEI file, but a file name is the user's (or an attacker's): it may hold
``%2F``, ``..``, spaces, letters of any script, or repeat a name from another folder. A page name
is therefore a slug of ASCII letters, digits, ``-`` and ``_`` only, never one of the edition's own
pages, and unique: two files of the same name in different folders take their folder's name too.
Nothing else reaches a path or an ``xsl:result-document`` (whose ``href`` the stylesheet checks
again against the same pattern).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

# The edition-wide pages: a document of the same name takes a suffix instead.
EDITION_PAGES = ("index", "people", "places", "omissions", "principles", "search")
# What a page name may be; xslt/web/common.xsl refuses any other href with the same pattern.
SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,99}")


def slug(text: str) -> str:
    """``Lessing: Emilia Galotti (1772)`` → ``Lessing-Emilia-Galotti-1772``; never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text).strip("-_")
    return words[:80].rstrip("-") or "document"


def page_names(documents: Sequence[Path]) -> list[str]:
    """A page name for each document, in the order given: unique, case-insensitively too (a site
    copied to a Mac or Windows must not lose a page), and none an edition page's."""
    names = [slug(path.stem) for path in documents]
    clashes = Counter(name.lower() for name in names)
    for index, path in enumerate(documents):
        if clashes[names[index].lower()] > 1 and path.parent.name:
            names[index] = f"{slug(path.parent.name)}-{names[index]}"
    # The register's copy is tei/register.xml, beside the documents' copies.
    taken: set[str] = {*EDITION_PAGES, "register"}
    unique: list[str] = []
    for name in names:
        candidate, number = name, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{name}-{number}"
        taken.add(candidate.lower())
        unique.append(candidate)
    return unique


def inside(folder: Path, relative: str) -> Path:
    """``folder/relative``, refused (ValueError) when it would resolve outside ``folder``."""
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ValueError(f"{relative} would be written outside {folder}")
    return target
