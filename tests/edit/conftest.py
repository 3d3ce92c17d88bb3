"""Fixtures of the editor's tests: a copy of the edition to edit, the editor served, a real Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from teikit.edit.actions import Point, text_nodes
from tests.conftest import ROOT, SEEDS, TEI_FOLDER, need

# The web tests' Chromium fixture, launched as they launch it.
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, installed

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


@pytest.fixture(scope="module")
def browser():
    """Chromium launched as the web tests launch it, for one module: Playwright's sync API runs one
    instance at a time, and the web tests start theirs after these."""
    need(CHROMIUM.exists() and shutil.which("chromium") is not None,
         "Chromium not found at /usr/bin/chromium: install Debian's package (apt-get install chromium) or run `make test`")
    need(installed("playwright"), "playwright is not installed: pip install -e '.[test]'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


__all__ = ["HELSINKI", "MOSCOW", "PARIS", "ROOT", "copy_edition", "find"]
