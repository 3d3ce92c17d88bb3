"""`teikit check` and `teikit export text`: finding any word the TEI lost or changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARIS = "1990-11-19-paris-gorbachev-bush.xml"
SEED = ROOT / "seeds" / "001_f551d9c3658c04f1.txt"


def test_the_edition_matches_its_transcripts(teikit):
    documents = sorted(str(p) for p in (ROOT / "tei").glob("19*.xml"))
    result = teikit("check", *documents)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.count(": matches ") == 3


def test_a_changed_word_is_reported_at_its_line(teikit, tmp_path):
    edited = tmp_path / PARIS
    text = (ROOT / "tei" / PARIS).read_text(encoding="utf-8")
    edited.write_text(text.replace("We saw it on television.", "We saw it on TV."), encoding="utf-8")
    result = teikit("check", edited, "--against", SEED)
    assert result.exit_code == 1
    line = next(
        n
        for n, text in enumerate(SEED.read_text(encoding="utf-8").splitlines(), 1)
        if "We saw it on television" in text
    )
    assert result.stdout.strip() == f'{SEED}:{line}:20: expected "television." found "TV."'


def test_a_dropped_bracket_is_reported(teikit, tmp_path):
    edited = tmp_path / PARIS
    text = (ROOT / "tei" / PARIS).read_text(encoding="utf-8")
    edited.write_text(text.replace('<supplied reason="clarification">system</supplied>', "system"), encoding="utf-8")
    result = teikit("check", edited, "--against", SEED, "--format", "json")
    assert result.exit_code == 1
    differences = json.loads(result.stdout)[0]["differences"]
    assert [(d["expected"], d["found"]) for d in differences] == [("[system]", "system")]


def test_the_recorded_transcript_is_found_from_the_tei(teikit, tmp_path):
    copy = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", copy)
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    result = teikit("check", copy / PARIS)
    assert result.exit_code == 0
    assert f"matches {tmp_path / 'seeds' / SEED.name}" in result.stderr


def test_export_text_writes_the_transcript_back(teikit, tmp_path):
    result = teikit("export", "text", ROOT / "tei" / PARIS)
    assert result.exit_code == 0
    assert result.stdout.split() == SEED.read_text(encoding="utf-8").split()
    out = tmp_path / "out"
    many = teikit("export", "text", *sorted((ROOT / "tei").glob("19*.xml")), "-o", out)
    assert many.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "1990-09-09-helsinki-bush-gorbachev.txt",
        "1990-11-08-moscow-gorbachev-baker.txt",
        "1990-11-19-paris-gorbachev-bush.txt",
    ]


def test_unreadable_tei_gets_one_error_line(teikit, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    result = teikit("check", broken, "--against", SEED)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:1:")
    assert "error: not well-formed XML" in result.stderr and "Traceback" not in result.output


def test_a_doctype_is_refused_before_any_entity_is_read(teikit, tmp_path):
    hostile = tmp_path / "xxe.xml"
    hostile.write_text(
        '<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>&secret;</p></body></text></TEI>",
        encoding="utf-8",
    )
    result = teikit("export", "text", hostile)
    assert result.exit_code == 2
    assert "DOCTYPE" in result.stderr and "root:" not in result.output


def _recording(tmp_path: Path, target: str) -> Path:
    """The Paris record in a project of its own, its revisionDesc pointing at ``target``."""
    (tmp_path / "tei").mkdir(exist_ok=True)
    document = tmp_path / "tei" / PARIS
    text = (ROOT / "tei" / PARIS).read_text(encoding="utf-8")
    document.write_text(text.replace('target="../seeds/001_f551d9c3658c04f1.txt"', f'target="{target}"'), "utf-8")
    return document


def test_a_recorded_transcript_outside_the_project_is_not_read(teikit, tmp_path):
    for target in ("/etc/passwd", "/dev/zero", "../../../../../../../../etc/hostname"):
        result = teikit("check", _recording(tmp_path, target), "--format", "json")
        assert result.exit_code == 2
        assert "outside the project" in result.output and "--against" in result.output
        assert "root:" not in result.output


def test_a_recorded_transcript_must_be_a_regular_file(teikit, tmp_path):
    import os

    (tmp_path / "seeds").mkdir()
    os.mkfifo(tmp_path / "seeds" / "pipe.txt")
    result = teikit("check", _recording(tmp_path, "../seeds/pipe.txt"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'seeds' / 'pipe.txt'}:1:1: error: is not a regular file" in result.stderr


def test_a_transcript_beyond_the_size_limit_is_refused_with_the_way_through(teikit, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes() * 60)
    result = teikit("check", ROOT / "tei" / PARIS, "--against", big, "--max-size", "1")
    assert result.exit_code == 2
    assert "more than the 1 MB `check` reads; raise the limit with --max-size 2" in result.stderr


def test_other_documents_are_still_checked_after_a_bad_one(teikit, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI", encoding="utf-8")
    result = teikit("check", broken, ROOT / "tei" / PARIS)
    assert result.exit_code == 2
    assert result.stderr.count(": error: ") == 1 and f"{PARIS}: matches" in result.stderr


def test_a_long_repetitive_transcript_is_compared_quickly_and_exactly():
    """200 KB of a repeated sentence, 40 words changed: difflib took minutes on this."""
    from teikit.check import compare

    transcript = "Bush: the cat sat on the mat and the dog sat on the log.\n" * 3500
    changed = transcript.replace("dog", "fox", 40)
    differences = compare(transcript, changed)
    assert len(differences) == 40
    assert [(d.line, d.column, d.expected, d.found) for d in differences[:2]] == [
        (1, 38, "dog", "fox"),
        (2, 38, "dog", "fox"),
    ]
    assert compare(transcript, transcript) == []
    assert compare(transcript, transcript[: -len("log.\n")])[-1].expected == "log."
