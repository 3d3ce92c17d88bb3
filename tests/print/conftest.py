"""The print edition of tei/, built once for the session as a user builds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import main
from tests.conftest import TEI_FOLDER


def build(*args: str) -> tuple[int, dict | None, str]:
    """Run ``teikit build print ARGS --format json``: exit code, the JSON report, and what went to stderr."""
    result = CliRunner().invoke(main, ["build", "print", *map(str, args), "--format", "json"], catch_exceptions=False)
    report = json.loads(result.stdout) if result.exit_code == 0 else None
    return result.exit_code, report, result.stderr


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> tuple[Path, dict]:
    """build/print for tei/ in A5: the folder and the command's JSON report."""
    folder = tmp_path_factory.mktemp("print") / "print"
    code, report, errors = build(TEI_FOLDER, "-o", folder)
    assert code == 0, errors
    return folder, report


@pytest.fixture(scope="session")
def edition_pdf(printed) -> Path:
    return printed[0] / "edition.pdf"
