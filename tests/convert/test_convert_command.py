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


def test_a_transcript_named_like_the_register_never_replaces_it(teikit, tmp_path, edition):
    source = tmp_path / "register.txt"
    source.write_text("Just a note without date or speakers.\n", encoding="utf-8")
    register = (edition / "register.xml").read_bytes()
    result = teikit("convert", source, "-o", edition, "--force")
    assert result.exit_code == 2
    assert f"{source}:1:1: error: would be written to {edition / 'register.xml'}, which is the edition's register" in (
        result.stderr
    )
    assert (edition / "register.xml").read_bytes() == register


def test_two_transcripts_of_one_meeting_never_replace_each_other(teikit, tmp_path, edition):
    first, second = tmp_path / "part1.txt", tmp_path / "part2.txt"
    first.write_text(RECORD, encoding="utf-8")
    second.write_text(RECORD.replace("I am glad to be here.", "Shall we go on?"), encoding="utf-8")
    teikit("convert", first, "-o", edition)
    result = teikit("convert", second, "-o", edition, "--force")
    assert result.exit_code == 0, result.output
    assert "holds the conversion of another transcript" in result.stderr
    named = edition / "1990-02-24-camp-david-kohl-bush.xml"
    assert "I am glad to be here." in named.read_text(encoding="utf-8")
    assert "Shall we go on?" in (edition / "1990-02-24-camp-david-kohl-bush-2.xml").read_text(encoding="utf-8")
    again = teikit("convert", first, second, "-o", edition)
    assert again.exit_code == 0 and "2 unchanged" in again.stderr


def test_force_keeps_the_file_mode(teikit, tmp_path, edition):
    source = tmp_path / "record.txt"
    source.write_text(RECORD, encoding="utf-8")
    teikit("convert", source, "-o", edition)
    target = edition / "1990-02-24-camp-david-kohl-bush.xml"
    target.write_text(target.read_text(encoding="utf-8").replace("Welcome", "Hello"), encoding="utf-8")
    target.chmod(0o664)
    assert teikit("convert", source, "-o", edition, "--force").exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o664 and "Welcome" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("errno_name", "words"),
    [
        ("ENOSPC", "the disk is full"),
        ("EROFS", "the file system is read-only"),
        ("EACCES", "permission denied"),
        ("EPERM", "the file or its folder may not be changed"),
    ],
)
def test_a_write_that_fails_gets_one_line_and_the_others_are_converted(
    teikit, tmp_path, edition, monkeypatch, errno_name, words
):
    import errno
    import os

    from teikit.commands import convert as command

    sources = []
    for name, speaker in (("a.txt", "Kohl"), ("b.txt", "Mitterrand")):
        sources.append(tmp_path / name)
        sources[-1].write_text(RECORD.replace("Kohl", speaker), encoding="utf-8")
    real = command.write_atomically

    def failing(path, data):
        if "mitterrand" in path.name:
            raise OSError(getattr(errno, errno_name), os.strerror(getattr(errno, errno_name)))
        real(path, data)

    monkeypatch.setattr(command, "write_atomically", failing)
    result = teikit("convert", *sources, "-o", edition)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "cannot be written: " + words in errors[0] and "mitterrand" in errors[0]
    assert "Traceback" not in result.output
    assert (edition / "1990-02-24-camp-david-kohl-bush.xml").is_file()


def test_a_target_that_is_a_folder_gets_one_line(teikit, tmp_path, edition):
    source = tmp_path / "record.txt"
    source.write_text(RECORD, encoding="utf-8")
    (edition / "1990-02-24-camp-david-kohl-bush.xml").mkdir()
    result = teikit("convert", source, "-o", edition)
    assert result.exit_code == 2
    assert "cannot be written: it is a folder" in result.stderr and "Traceback" not in result.output


def test_an_output_folder_that_is_a_file_gets_one_line(teikit, tmp_path):
    source = tmp_path / "record.txt"
    source.write_text(RECORD, encoding="utf-8")
    (tmp_path / "out").write_text("", encoding="utf-8")
    result = teikit("convert", source, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr


def test_temporary_files_of_a_killed_run_are_cleaned_up(teikit, tmp_path, edition):
    stale = edition / ".1990-02-24-camp-david-kohl-bush.xml.k3j2h1.tmp"
    stale.write_bytes(b"<TEI")
    other = edition / "notes.tmp"
    other.write_text("not ours", encoding="utf-8")
    source = tmp_path / "record.txt"
    source.write_text(RECORD, encoding="utf-8")
    assert teikit("convert", source, "-o", edition).exit_code == 0
    assert not stale.exists() and other.exists()


def test_kill_9_during_convert_leaves_no_temporary_file_after_the_next_run(tmp_path, edition):
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):
        (folder / f"t{number:02d}.txt").write_text(RECORD.replace("Kohl", f"Speaker{number}") * 30, "utf-8")
    command = [str(Path(sys.executable).with_name("teikit")), "convert", str(folder), "-o", str(edition)]
    process = subprocess.Popen([*command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    subprocess.run(command, capture_output=True, check=False, timeout=120)
    assert not list(edition.glob(".*.tmp"))


def test_the_command_reports_speakers_and_unsure_decisions(teikit, tmp_path, edition):
    source = tmp_path / "talk.txt"
    source.write_text(
        "Kohl: We must talk.\n\nBush: Yes.\n\nKohl: Good.\n\nModrow: I object.\n\nKohl: Noted.\n\nBush: Fine.\n",
        encoding="utf-8",
    )
    result = teikit("convert", source, "-o", edition)
    assert result.exit_code == 0
    assert '  kohl: 3 turns as "Kohl"' in result.stdout and '  modrow: 1 turn as "Modrow"' in result.stdout
    assert f'{source}:7:1: warning: "Modrow:" used once, taken as a speaker' in result.stderr


def test_speaker_option_and_teikit_toml(teikit, tmp_path, edition):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "one.txt").write_text("Chair: Order.\n\nWitness: Here.\n", encoding="utf-8")
    plain = teikit("convert", folder / "one.txt", "-o", edition)
    assert "plain text" in plain.stdout
    named = teikit("convert", folder / "one.txt", "-o", edition, "--speaker", "Chair", "--speaker", "Witness", "--force")
    assert "2 turns" in named.stdout and "chair: 1 turn" in named.stdout
    (folder / "teikit.toml").write_text(
        '[[convert.speakers]]\nlabels = ["Chair"]\nid = "fulbright"\nname = "J. William Fulbright"\n'
        '[[convert.speakers]]\nlabels = ["Witness"]\nid = "rusk"\n',
        encoding="utf-8",
    )
    configured = teikit("convert", folder / "one.txt", "-o", edition, "--force")
    assert "fulbright: 1 turn" in configured.stdout and "rusk: 1 turn" in configured.stdout
    tei = next(edition.glob("one*.xml")).read_text(encoding="utf-8")
    assert '<person xml:id="fulbright" role="speaker">' in tei and "J. William Fulbright" in tei


def test_a_broken_teikit_toml_gets_one_line(teikit, tmp_path, edition):
    (tmp_path / "teikit.toml").write_text("[[convert.speakers]\nlabels = 1\n", encoding="utf-8")
    (tmp_path / "one.txt").write_text(RECORD, encoding="utf-8")
    result = teikit("convert", tmp_path / "one.txt", "-o", edition)
    assert result.exit_code == 2
    assert f"{tmp_path / 'teikit.toml'}:1:" in result.stderr and "is not valid TOML" in result.stderr
