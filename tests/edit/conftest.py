"""Fixtures of the editor's tests: a copy of the edition to edit, the editor served, a real Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from teikit.edit.actions import Point, text_nodes
from tests.conftest import ROOT, SEEDS, TEI_FOLDER
# The web tests' Chromium fixture, launched as they launch it.
# The web tests' Chromium (a fixture), launched as they launch it.
from tests.web.conftest import browser

PARIS = "1990-11-19-paris-gorbachev-bush.xml"
MOSCOW = "1990-11-08-moscow-gorbachev-baker.xml"
HELSINKI = "1990-09-09-helsinki-bush-gorbachev.xml"


def copy_edition(target: Path, git: bool = False) -> Path:
    """tei/ and seeds/ copied under ``target`` (the documents point at their transcripts in ../seeds)."""
    shutil.copytree(TEI_FOLDER, target / "tei")
    shutil.copytree(SEEDS, target / "seeds")
    if git:
        for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=Set Up", "-c", "user.email=setup@localhost",
                                                        "commit", "-qm", "The edition as converted"]):
            subprocess.run(["git", "-C", str(target), *command], check=True, capture_output=True)
    return target / "tei"


def find(root, words: str, within: str = "p", skip: int = 0) -> tuple[Point, Point]:
    """The points around the ``skip``-th occurrence of ``words`` in a text node directly inside ``within``."""
    for number, (owner, kind) in enumerate(text_nodes(root)):
        container = owner if kind == "text" else owner.getparent()
        value = owner.text if kind == "text" else owner.tail
        if container.tag.endswith("}" + within) and container.xpath("ancestor::*[local-name()='text']"):
            for match in re.finditer(re.escape(words), value):
                if skip == 0:
                    return Point(number, match.start()), Point(number, match.end())
                skip -= 1
    raise AssertionError(f"“{words}” not found in a <{within}>")


__all__ = ["HELSINKI", "MOSCOW", "PARIS", "ROOT", "browser", "copy_edition", "find"]
