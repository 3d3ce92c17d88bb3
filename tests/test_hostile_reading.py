"""Every command reads XML through one untrusting reader: a DOCTYPE is refused from the prolog before
any parser opens anything, and nesting beyond the limit is said as such, with the same limit everywhere.

The commands run as processes with a time limit: a parser that opened the FIFO a parameter entity
names would wait for a writer for ever.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from teikit.xmlfile import MAX_DEPTH

ROOT = Path(__file__).resolve().parents[1]
TEIKIT = Path(sys.executable).with_name("teikit")
PARIS = "1990-11-19-paris-gorbachev-bush.xml"

# Each command with the file it reads (relative to a copy of the edition), or None for the document itself.
COMMANDS = {
    "validate": (["validate", "{doc}"], None),
    "build web": (["build", "web", "{doc}", "-o", "site"], None),
    "build print": (["build", "print", "{doc}", "-o", "book"], None),
    "export text": (["export", "text", "{doc}"], None),
    "check": (["check", "{doc}"], None),
    "convert (register)": (["convert", "seeds/001_f551d9c3658c04f1.txt", "--force"], "tei/register.xml"),
    "build web (register)": (["build", "web", "tei/" + PARIS, "-o", "site"], "tei/register.xml"),
}


@pytest.fixture
def edition(tmp_path, monkeypatch) -> Path:
    for folder in ("tei", "seeds", "schema"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: list[str], target: str) -> subprocess.CompletedProcess:
    command = [str(TEIKIT)] + [a.format(doc=target) for a in args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env={**os.environ, "CI": "true"})


def poison(edition: Path, hostile: str | None, text: str) -> tuple[Path, str]:
    """Write ``text`` into the file the command reads; return it and the document to name."""
    target = edition / (hostile or f"tei/{PARIS}")
    target.write_text(text, encoding="utf-8")
    return target, f"tei/{PARIS}"


@pytest.mark.parametrize("name", COMMANDS)
def test_a_parameter_entity_naming_a_fifo_is_never_opened(edition, name):
    args, hostile = COMMANDS[name]
    fifo = edition / "pipe"
    os.mkfifo(fifo)
    target, document = poison(edition, hostile, (
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY % p SYSTEM "{fifo}"> %p;]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n'
    ))
    result = run(args, document)  # would time out if anything opened the FIFO
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{target.relative_to(edition)}:2:1: error: the DOCTYPE declares the external entity" in result.stderr + result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_nesting_deeper_than_the_limit_is_said_as_such(edition, name):
    args, hostile = COMMANDS[name]
    depth = MAX_DEPTH + 20
    target, document = poison(edition, hostile, (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        + "<div>" * depth + "<p>deep</p>" + "</div>" * depth + "\n</body></text></TEI>\n"
    ))
    result = run(args, document)
    assert result.returncode != 0
    output = result.stderr + result.stdout
    assert "Traceback" not in output
    assert f"{target.relative_to(edition)}:2:" in output
    assert f"nested more than {MAX_DEPTH} deep" in output
    assert "not well-formed" not in output


def test_a_fifo_given_as_a_document_is_refused_at_once(edition):
    fifo = edition / "tei" / "pipe.xml"
    os.mkfifo(fifo)
    result = run(["export", "text", "{doc}"], "tei/pipe.xml")
    assert result.returncode == 2
    assert "tei/pipe.xml:1:1: error: is not a regular file" in result.stderr
