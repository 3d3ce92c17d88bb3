"""Hostile files get a clear error: never a hang, never a read of a local file, never the network."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORD = (FIXTURES / "valid" / "record.xml").read_text(encoding="utf-8")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def with_doctype(doctype: str, reference: str) -> str:
    body = RECORD[len(DECLARATION):].replace("for an hour.", f"for an hour. {reference}")
    return DECLARATION + doctype + body


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "hostile-cache"))


@pytest.mark.parametrize("options", [(), ("--format", "json"), ("--rng", str(FIXTURES / "tiny.rng"))], ids=["profile", "json", "rng"])
def test_an_external_entity_never_reads_the_file(teikit, tmp_path, options):
    secret = tmp_path / "secret.txt"
    secret.write_text("the launch codes are 0000")
    document = tmp_path / "xxe.xml"
    document.write_text(with_doctype(f'<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file://{secret}">]>\n', "&xxe;"))
    result = teikit("validate", *options, document)
    assert result.exit_code == 1
    assert "launch codes" not in result.output
    assert "no-doctype" in result.output and "teikit never reads it" in result.output


def test_a_billion_laughs_is_refused_at_once(tmp_path):
    """Nine levels of ten: 10^9 copies of "lol" if anything expanded them. A separate process with a
    timeout, so that a regression fails the test instead of hanging the suite."""
    levels = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    document = tmp_path / "bomb.xml"
    document.write_text(with_doctype(f'<!DOCTYPE TEI [<!ENTITY lol0 "lol">{levels}]>\n', "&lol9;"))
    result = subprocess.run(
        [str(Path(sys.executable).with_name("teikit")), "validate", str(document)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1, result.stderr
    assert ':2:1: error: the DOCTYPE declares 10 entities ("lol0", …); entities can expand without limit' in result.stdout


def test_a_dtd_on_the_network_is_never_fetched(teikit, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    document = tmp_path / "remote.xml"
    document.write_text(with_doctype(f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/tei.dtd">\n', ""))
    try:
        result = teikit("validate", document)
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()
    assert result.exit_code == 1
    assert f'the DOCTYPE names the DTD "http://127.0.0.1:{port}/tei.dtd", which teikit does not read' in result.stdout


def test_an_entity_from_html_is_explained(teikit, tmp_path):
    document = tmp_path / "nbsp.xml"
    document.write_text(RECORD.replace("Thank you.", "Thank&nbsp;you."))
    result = teikit("validate", document)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{document}:101:17: error: &nbsp; is not an XML entity (XML knows only &amp; &lt; &gt; &quot; &apos;): "
        "write the character itself, or a character reference such as &#160; [well-formed]"
    )


def test_a_file_that_cannot_be_read_is_an_input_error(teikit, tmp_path):
    folder = tmp_path / "locked.xml"
    folder.mkdir()
    document = tmp_path / "record.xml"
    document.write_text(RECORD)
    (tmp_path / "other.xml").symlink_to(tmp_path / "gone.xml")
    result = teikit("validate", document, tmp_path / "other.xml")
    assert result.exit_code == 2
    assert f"{tmp_path / 'other.xml'}:1:1: error: no such file or folder" in result.stderr
