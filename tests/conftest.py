"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEI_FOLDER = ROOT / "tei"
SEEDS = ROOT / "seeds"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}


def need(ready: bool, reason: str) -> None:
    """Skip when a user may lack something; in CI (CI=true) it must be there, so fail instead."""
    if ready:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires this test to run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def tei_p5() -> Path:
    """The official TEI P5 schemas in ../shared/tei-p5 (present in CI)."""
    path = SHARED / "tei-p5"
    need(path.is_dir(), f"{path} not found: the TEI conformance tests need the official schemas from ../shared/tei-p5")
    return path


@pytest.fixture(scope="session")
def tei_all(tei_p5: Path) -> etree.RelaxNG:
    """tei_all.rng loaded once (about 6 s)."""
    return etree.RelaxNG(etree.parse(str(tei_p5 / "relaxng" / "tei_all.rng")))


@pytest.fixture
def teikit():
    """Run the ``teikit`` command as a user would, in the current directory."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def edition_files() -> list[Path]:
    return sorted(p for p in TEI_FOLDER.glob("*.xml") if p.name != "register.xml")
