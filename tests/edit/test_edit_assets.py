"""The committed bundle is the one its sources build, and an installed teikit carries it."""

from __future__ import annotations

import hashlib
import re
import tomllib

from teikit.edit import assets
from tests.conftest import ROOT

EDITOR = ROOT / "editor"


def sources_hash() -> str:
    """As editor/build.mjs computes it."""
    files = ["build.mjs", "package.json", "package-lock.json", *(f"src/{p.name}" for p in sorted((EDITOR / "src").iterdir()))]
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0")
        digest.update((EDITOR / name).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def test_the_committed_bundle_is_built_from_the_current_sources():
    first_line = (EDITOR / "dist" / "editor.js").read_text(encoding="utf-8").split("\n", 1)[0]
    recorded = re.fullmatch(r"/\* teikit edit; sources sha256: ([0-9a-f]{64}) \*/", first_line)
    assert recorded, "editor/dist/editor.js does not record its sources: run `make editor-assets`"
    assert recorded.group(1) == sources_hash(), "editor/src changed since the bundle was built: run `make editor-assets`"
    assert (EDITOR / "dist" / "editor.css").read_bytes() == (EDITOR / "src" / "editor.css").read_bytes()


def test_the_bundle_is_packaged():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"]["teikit.edit.assets"] == "editor/dist"
    assert {"teikit.edit", "teikit.edit.assets", "teikit.stylesheets.edit"} <= set(setuptools["packages"])
    for name in assets.FILES:
        assert (assets.folder() / name).is_file()
    assert assets.file("../pyproject.toml") is None
