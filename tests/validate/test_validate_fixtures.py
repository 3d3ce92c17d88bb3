"""Each broken fixture is reported for its own mistake, at its line, in words an editor understands;
the valid fixtures, the edition in tei/ and what the converter writes pass the profile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from teikit.convert.register import Register
from teikit.convert.transcript import convert

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.xml"))
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
EXPECT = re.compile(rb"Expect: (.*?)\. -->")


def expected(path: Path) -> list[tuple[str, int]]:
    """What the fixture's opening comment says it breaks: ``rule at line N; …``."""
    said = EXPECT.search(path.read_bytes())
    assert said, f"{path.name} does not say what it expects"
    return sorted((rule, int(line)) for rule, line in re.findall(r"([\w-]+) at line (\d+)", said.group(1).decode()))


@pytest.fixture(scope="module")
def reported(cache) -> dict[str, dict]:
    """One run of `teikit validate --format json` over every broken fixture."""
    from click.testing import CliRunner

    from teikit.cli import main

    with pytest.MonkeyPatch.context() as env:
        env.setenv("TEIKIT_CACHE_DIR", str(cache))
        result = CliRunner().invoke(main, ["validate", "--format", "json", str(FIXTURES / "invalid")])
    assert result.exit_code == 1, result.output
    return {Path(entry["path"]).name: entry for entry in json.loads(result.stdout)["files"]}


def test_there_are_at_least_thirty_broken_fixtures():
    assert len(INVALID) >= 30


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_a_broken_fixture_is_reported_for_its_rule_at_its_line(reported, path):
    entry = reported[path.name]
    assert not entry["valid"]
    found = sorted((f["rule"], f["line"]) for f in entry["findings"])
    assert found == expected(path), "\n".join(f["message"] for f in entry["findings"])


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("unknown-element", "<damage> at /TEI/text/body/sp[2]/p[2]/damage is not an element of this edition"),
        ("element-outside-tei-namespace", "<sp> at /TEI/text/body/sp[2] is not in the TEI namespace: it is in no namespace"),
        ("root-outside-tei-namespace", "<TEI> at /TEI is not in the TEI namespace"),
        (
            "dangling-who",
            '<sp> at /TEI/text/body/sp[2] points to speaker "#bakr" but no person has xml:id="bakr" '
            "(add the person to particDesc or fix @who)",
        ),
        (
            "gap-reason-outside-list",
            '<gap> at /TEI/text/body/gap[1] has reason="forgotten", which is not one of the edition\'s values: '
            "omitted, illegible, inaudible, unclear",
        ),
        ("gap-without-reason", "<gap> at /TEI/text/body/gap[1] lacks @reason, which it must have (why text is missing"),
        ("missing-title", "<titleStmt> at /TEI/teiHeader/fileDesc/titleStmt lacks <title>, which must come before <respStmt>"),
        ("missing-revision-description", "<teiHeader> at /TEI/teiHeader lacks <revisionDesc>"),
        ("date-out-of-range", 'has when="1990-11-31", which is not a calendar date written YYYY-MM-DD'),
        ("duplicate-xml-id", 'has xml:id="t1", which <sp> at /TEI/text/body/sp[1] (line 96) already has'),
        ("register-pointer-dangling", 'points to "reg:yeltsin" but the register has no person with xml:id="yeltsin"'),
        ("element-misplaced", "<milestone> at /TEI/text/body/sp[2]/p[2]/milestone is not allowed inside <p> (it belongs in <body> or <div>)"),
        ("truncated", "the file ends before <body> (opened at line 91) is closed"),
        ("non-utf8-bytes", "byte 0xE9 is not UTF-8"),
        ("xxe", 'declares the external entity "xxe" (SYSTEM "file:///etc/passwd")'),
    ],
)
def test_common_mistakes_are_said_in_plain_words(reported, fixture, words):
    messages = [f["message"] for f in reported[f"{fixture}.xml"]["findings"]]
    assert any(words in message for message in messages), messages


def test_findings_name_the_column_of_the_element(reported):
    finding = reported["unknown-element.xml"]["findings"][0]
    line = (FIXTURES / "invalid" / "unknown-element.xml").read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert line[finding["column"] - 1 :].startswith("<damage>")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_a_valid_fixture_passes_the_profile(teikit, path):
    result = teikit("validate", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"


def test_the_edition_passes_the_profile(teikit):
    """`make test` checks the master copy: every file in tei/, the register included, with no finding."""
    result = teikit("validate", "--format", "json", ROOT / "tei")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {Path(f["path"]).name for f in report["files"]} >= {"register.xml"}
    assert len(report["files"]) == len(list((ROOT / "tei").glob("*.xml")))
    assert [f for entry in report["files"] for f in entry["findings"]] == []


TRANSCRIPTS = {
    "labels.txt": "H. KOHL. Welcome.\n\nG. BUSH. Thank you [for coming?].\n\n[H. KOHL.] Let us begin [with the agenda].\n",
    "brackets.txt": (
        "**Conversation between Bush and Gorbachev in Moscow**\n\n---\n\n[...]\n\n"
        "Bush: We [illegible] agree [cherez zapiatiu]. See [the record](https://example.org/r).\n\n"
        "Gorbachev: Yes [SBSE?? - something like that?]. And\n\nthen [Two pages omitted in the original]\n\n"
        "[Subsequent pages omitted in the original.]\n"
    ),
    "article.txt": (
        'The *summit* was "a turning point" for **Gorbachev** in Moscow.\n\n== History ==\nText <https://example.org>.\n\n'
        "=== Before ===\n\n==== Long before ====\nDeep.\n\n===== Detail =====\nMore.\n\n====== Finer ======\nMost.\n"
        "== See also ==\nMalta Summit\nMoscow\n"
    ),
    "plain.txt": "Just some text,\n\ncontinued after a page.\n\n[inaudible] And a new paragraph.\n",
}


@pytest.mark.parametrize("name", sorted(TRANSCRIPTS))
def test_what_the_converter_writes_passes_the_profile(teikit, tmp_path, name):
    (tmp_path / "register.xml").write_bytes((ROOT / "tei" / "register.xml").read_bytes())
    source = tmp_path / name
    source.write_text(TRANSCRIPTS[name], encoding="utf-8")
    conversion = convert(source, tmp_path, Register.load(tmp_path / "register.xml"))
    (tmp_path / conversion.name).write_bytes(conversion.document)
    result = teikit("validate", tmp_path / conversion.name)
    assert result.exit_code == 0, result.output
