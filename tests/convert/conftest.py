"""A fresh conversion of the seeds, made once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from teikit.convert.register import Register
from teikit.convert.transcript import convert

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
TEI_FOLDER = ROOT / "tei"

SEED_NAMES = {
    "article": "000_24da951937169157.txt",
    "paris": "001_f551d9c3658c04f1.txt",
    "moscow": "002_19b801232efa4b12.txt",
}


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, Path]:
    """Each seed converted into a temporary edition folder that holds the register."""
    folder = tmp_path_factory.mktemp("tei")
    shutil.copy(TEI_FOLDER / "register.xml", folder / "register.xml")
    register = Register.load(folder / "register.xml")
    paths = {}
    for key, name in SEED_NAMES.items():
        conversion = convert(SEEDS / name, folder, register)
        (folder / conversion.name).write_bytes(conversion.document)
        paths[key] = folder / conversion.name
    return paths


@pytest.fixture(scope="session")
def trees(converted) -> dict[str, etree._ElementTree]:
    return {key: etree.parse(str(path)) for key, path in converted.items()}
