"""`teikit convert` as a user meets it: names, reports, bad input, and never overwriting an editor's work."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ERROR_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): error: .+$")

RECORD = """**Memorandum of Conversation between Kohl and Bush, Camp David, February 24, 1990**

Bush: Welcome to Camp David.

Kohl: Thank you. I am glad to be here.
"""


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copy(ROOT / "tei" / "register.xml", folder)
    return folder


def test_converts_a_folder_into_named_tei_files(teikit, seeds_copy, edition):
    result = teikit("convert", seeds_copy, "-o", edition)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in edition.glob("19*.xml")) == [
        "1990-09-09-helsinki-bush-gorbachev.xml",
        "1990-11-08-moscow-gorbachev-baker.xml",
        "1990-11-19-paris-gorbachev-bush.xml",
    ]
    assert "→" in result.stdout and "37 turns" in result.stdout
    assert result.stderr.strip().endswith("3 sources: 3 written, 0 unchanged, 0 skipped, 0 kept, 0 errors")
    assert not list(edition.glob(".*.tmp")), "no temporary file is left behind"


def test_rerun_leaves_identical_files_unchanged(teikit, seeds_copy, edition):
    teikit("convert", seeds_copy, "-o", edition)
    before = {p: p.stat().st_mtime_ns for p in edition.glob("*.xml")}
    result = teikit("convert", seeds_copy, "-o", edition)
    assert result.exit_code == 0
    assert "3 unchanged" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in edition.glob("*.xml")} == before


def test_an_edited_tei_file_is_never_overwritten_silently(teikit, seeds_copy, edition):
    teikit("convert", seeds_copy, "-o", edition)
    target = edition / "1990-11-19-paris-gorbachev-bush.xml"
    enriched = target.read_text(encoding="utf-8").replace(
        "<p>We saw it on television.", '<p>We saw it on <rs type="medium">television</rs>.'
    )
    target.write_text(enriched, encoding="utf-8")

    result = teikit("convert", seeds_copy, "-o", edition)
    assert result.exit_code == 1
    assert f"{target}:1:1: error: not overwritten: it differs from a fresh conversion" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == enriched

    skipped = teikit("convert", seeds_copy, "-o", edition, "--skip-existing")
    assert skipped.exit_code == 0 and target.read_text(encoding="utf-8") == enriched

    forced = teikit("convert", seeds_copy, "-o", edition, "--force")
    assert forced.exit_code == 0 and "<rs " not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n \n", "is empty"),
        ("latin1.txt", "Bush: Gr\u00fc\u00dfe\n".encode("latin-1"), "is not UTF-8 text"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
        ("control.txt", b"Bush: hello\x07\n", "which XML cannot hold"),
    ],
)
def test_bad_input_gets_one_clear_line_and_the_others_still_convert(teikit, tmp_path, edition, name, content, message):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(content)
    good = folder / "record.txt"
    good.write_text(RECORD, encoding="utf-8")

    result = teikit("convert", folder / name, good, "-o", edition)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1
    match = ERROR_LINE.match(errors[0])
    assert match and match["path"] == str(folder / name) and message in errors[0]
    assert "Traceback" not in result.output
    assert [p.name for p in edition.glob("19*.xml")] == ["1990-02-24-camp-david-kohl-bush.xml"]


def test_non_utf8_error_points_at_the_bad_byte(teikit, tmp_path, edition):
    source = tmp_path / "notes.txt"
    source.write_bytes(b"Bush: fine\n\nKohl: na\xefve\n")
    result = teikit("convert", source, "-o", edition)
    assert f"{source}:3:9: error: is not UTF-8 text (byte 0xef)" in result.stderr


def test_missing_file_and_empty_folder(teikit, tmp_path, edition):
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = teikit("convert", tmp_path / "missing.txt", empty, "-o", edition)
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.txt'}:1:1: error: no such file or folder" in result.stderr
    assert f"{empty}:1:1: error: folder has no .txt transcripts to convert" in result.stderr
    assert not list(edition.glob("19*.xml"))


def test_plain_text_is_encoded_with_a_warning(teikit, tmp_path, edition):
    source = tmp_path / "letter.txt"
    source.write_text("Dear Sir,\n\nthank you for your letter of 3 May 1990.\n", encoding="utf-8")
    result = teikit("convert", source, "-o", edition)
    assert result.exit_code == 0
    assert f"{source}:1:1: warning: no structure recognised" in result.stderr
    assert (edition / "letter.xml").exists()


def test_style_option_overrides_recognition(teikit, tmp_path, edition):
    source = tmp_path / "q.txt"
    source.write_text("Q: Who was there?\n\nA: Nobody.\n", encoding="utf-8")
    result = teikit("convert", source, "-o", edition, "--style", "plain")
    assert "plain text" in result.stdout
    assert "<sp" not in (edition / "q.xml").read_text(encoding="utf-8")


def test_json_report_for_programs(teikit, seeds_copy, edition):
    result = teikit("convert", seeds_copy, "-o", edition, "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"]["written"] == 3
    paris = next(r for r in report["results"] if r["source"].endswith("001_f551d9c3658c04f1.txt"))
    assert paris["counts"] == {"turns": 37, "gaps": 2, "supplied": 8, "page breaks": 2}
    assert paris["style"] == "record"


def test_help_has_an_example(teikit):
    result = teikit("convert", "--help")
    assert "Example:" in result.output and "teikit convert seeds/" in result.output
