"""The README's examples and docs/cli.md are what the commands really print (regenerate: make docs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_documents_match_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "-I", "docs", "README.md", "docs/cli.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"docs drifted from the commands; run `make docs`\n{result.stdout}{result.stderr}"


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make edition" in first_block and "make test" in first_block
