"""An installed teikit (a wheel, as pre-commit installs it) carries every stylesheet and schema."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_folder_of_stylesheets_and_schemas_is_packaged():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages, mapping = set(setuptools["packages"]), setuptools["package-dir"]
    patterns = {pattern.removeprefix("*") for pattern in setuptools["package-data"]["*"]}
    for package, folder in mapping.items():
        if not package:
            continue
        for directory in [ROOT / folder, *(p for p in (ROOT / folder).rglob("*") if p.is_dir())]:
            name = ".".join([package, *directory.relative_to(ROOT / folder).parts])
            assert name in packages, f"{directory} is not packaged: add {name} to [tool.setuptools] packages"
            for file in (p for p in directory.iterdir() if p.is_file()):
                assert file.suffix in patterns, f"{file} would be left out of the wheel: add *{file.suffix}"
