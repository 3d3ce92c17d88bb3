"""docs/validate.md shows what `teikit validate` really prints (regenerate: cog -r -I docs docs/validate.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_validate_page_matches_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "-I", "docs", "docs/validate.md"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"docs/validate.md drifted; run `cog -r -I docs docs/validate.md`\n{result.stdout}{result.stderr}"


def test_the_pre_commit_hook_runs_the_command_on_xml_files():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: teikit-validate" in hooks
    assert "entry: teikit validate" in hooks
    assert "files: \\.xml$" in hooks
