"""`teikit validate` as editors and CI meet it: paths, exit status, the four formats, schemas named
on the command line, parallel runs, and schemas that cannot be used."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+) \[(?P<rule>[\w.-]+)\]$")


def test_without_paths_it_validates_the_tei_folder(teikit, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = teikit("validate")
    assert result.exit_code == 0, result.output
    count = len(list((ROOT / "tei").glob("*.xml")))
    assert result.stdout == f"{count} files, 0 errors, 0 warnings\n"


def test_text_findings_are_one_line_each_then_a_summary(teikit):
    result = teikit("validate", VALID / "record.xml", INVALID / "dangling-who.xml", INVALID / "gap-without-reason.xml")
    assert result.exit_code == 1
    *findings, summary = result.stdout.splitlines()
    assert summary == "3 files, 2 errors, 0 warnings"
    parsed = [FINDING.match(line) for line in findings]
    assert all(parsed), findings
    assert [(m["path"], m["line"], m["rule"]) for m in parsed] == [
        (str(INVALID / "dangling-who.xml"), "100", "who-resolves"),
        (str(INVALID / "gap-without-reason.xml"), "95", "missing-attribute"),
    ]


def test_a_folder_is_searched_for_xml_files(teikit, tmp_path):
    (tmp_path / "letters" / "1990").mkdir(parents=True)
    (tmp_path / "letters" / "1990" / "record.xml").write_bytes((VALID / "record.xml").read_bytes())
    (tmp_path / "letters" / "1990" / "register.xml").write_bytes((VALID / "register.xml").read_bytes())
    (tmp_path / "letters" / "notes.txt").write_text("not TEI")
    result = teikit("validate", tmp_path / "letters")
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 files, 0 errors, 0 warnings\n"


def test_a_missing_path_is_an_input_error(teikit, tmp_path):
    result = teikit("validate", VALID / "record.xml", tmp_path / "nowhere.xml")
    assert result.exit_code == 2
    assert f"{tmp_path / 'nowhere.xml'}:1:1: error: no such file or folder" in result.stderr
    assert result.stdout.endswith("2 files, 1 error, 0 warnings\n")


def test_an_empty_folder_is_an_input_error(teikit, tmp_path):
    result = teikit("validate", tmp_path)
    assert result.exit_code == 2
    assert "this folder holds no .xml files to validate" in result.stderr


def test_json_is_for_programs(teikit):
    result = teikit("validate", "--format", "json", VALID / "record.xml", INVALID / "quantity-without-unit.xml")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {"files": 2, "valid": 1, "errors": 1, "warnings": 0}
    broken = report["files"][1]
    assert broken["valid"] is False
    assert broken["findings"] == [
        {
            "path": str(INVALID / "quantity-without-unit.xml"),
            "line": 105,
            "column": 7,
            "severity": "error",
            "message": '<gap> at /TEI/text/body/gap[2] says quantity="3" but not of what '
            '(add unit="page", "line", "word", "paragraph" or "sentence")',
            "rule": "quantity-needs-unit",
        }
    ]
    assert result.stderr.splitlines()[0] == "2 files, 1 error, 0 warnings"


def test_junit_is_for_ci_dashboards(teikit, tmp_path):
    missing = tmp_path / "gone.xml"
    result = teikit("validate", "--format", "junit", VALID / "record.xml", INVALID / "dangling-who.xml", missing)
    assert result.exit_code == 2
    suites = etree.fromstring(result.stdout.encode())
    suite = suites.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert len(cases[str(VALID / "record.xml")]) == 0
    failure = cases[str(INVALID / "dangling-who.xml")].find("failure")
    assert failure.get("type") == "who-resolves"
    assert ":100:7: error: <sp> at /TEI/text/body/sp[2] points to speaker" in failure.text
    assert cases[str(missing)].find("error").get("message") == "no such file or folder"


def test_github_format_annotates_the_lines_of_a_pull_request(teikit):
    result = teikit("validate", "--format", "github", INVALID / "dangling-who.xml", INVALID / "truncated.xml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"::error file={INVALID / 'dangling-who.xml'},line=100,col=7,title=who-resolves::"
        '<sp> at /TEI/text/body/sp[2] points to speaker "#bakr" but no person has xml:id="bakr" '
        "(add the person to particDesc or fix @who)"
    )
    assert lines[1].startswith(f"::error file={INVALID / 'truncated.xml'},line=100,col=7,title=well-formed::")
    assert lines[-1] == "2 files, 2 errors, 0 warnings"


def test_github_annotations_escape_what_would_end_them():
    from teikit.validate.findings import Finding
    from teikit.validate.report import github_lines
    from teikit.validate.runner import FileResult

    finding = Finding("a,b:c.xml", 3, 4, "warning", "50% done\nnext line", "rule")
    assert list(github_lines(FileResult(Path("a,b:c.xml"), [finding]))) == [
        "::warning file=a%2Cb%3Ac.xml,line=3,col=4,title=rule::50%25 done%0Anext line"
    ]


def test_named_schemas_replace_the_profile(teikit, tmp_path):
    """A project with its own schema gets exactly that schema: the edition's rules do not apply."""
    schema = tmp_path / "letters.xsd"
    schema.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0" '
        'elementFormDefault="qualified"><xs:element name="TEI"><xs:complexType><xs:sequence>'
        '<xs:any processContents="skip" maxOccurs="unbounded"/></xs:sequence>'
        '<xs:anyAttribute processContents="skip"/></xs:complexType></xs:element></xs:schema>'
    )
    result = teikit("validate", "--schema", schema, INVALID / "dangling-who.xml")
    assert result.exit_code == 0, result.output
    result = teikit("validate", "--schema", schema, INVALID / "wrong-root.xml")
    assert result.exit_code == 1
    assert "the document starts with <text>, which letters.xsd does not declare as a root element (<TEI>) [root]" in result.stdout


def test_rng_reports_against_the_named_grammar(teikit, tmp_path):
    grammar = tmp_path / "letter.rng"
    grammar.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0"><start>'
        '<element name="TEI"><oneOrMore><element name="p"><text/></element></oneOrMore></element>'
        "</start></grammar>"
    )
    good = tmp_path / "good.xml"
    good.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>One.</p><p>Two.</p></TEI>')
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <p>One.</p>\n  <note>Two.</note>\n</TEI>')
    result = teikit("validate", "--rng", grammar, good, bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:3:3: error: <note> at /TEI/note is not allowed there by letter.rng [letter.rng]",
        "2 files, 1 error, 0 warnings",
    ]


def test_schematron_rules_are_run_with_their_own_messages(teikit, tmp_path):
    rules = tmp_path / "house.sch"
    rules.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">'
        '<ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<pattern><rule context="tei:sp"><assert id="house-speaker-label" test="ends-with(normalize-space(tei:speaker), \':\')">'
        "A speaker label ends with a colon in this house.</assert></rule></pattern></schema>"
    )
    result = teikit("validate", "--schematron", rules, VALID / "record.xml")
    assert result.exit_code == 0, result.output
    labelled = tmp_path / "record.xml"
    labelled.write_text((VALID / "record.xml").read_text(encoding="utf-8").replace("<speaker>Gorbachev:</speaker>", "<speaker>Gorbachev.</speaker>"))
    result = teikit("validate", "--schematron", rules, labelled)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{labelled}:95:7: error: A speaker label ends with a colon in this house. [house-speaker-label]"
    )


def test_a_phase_chooses_which_schematron_rules_run(teikit, tmp_path):
    rules = tmp_path / "phased.sch"
    rules.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">'
        '<ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<phase id="draft"><active pattern="titles"/></phase><phase id="final"><active pattern="titles"/><active pattern="notes"/></phase>'
        '<pattern id="titles"><rule context="tei:titleStmt"><assert id="has-title" test="tei:title">A title.</assert></rule></pattern>'
        '<pattern id="notes"><rule context="tei:body"><assert id="has-notes" test=".//tei:note">The final text has notes.</assert></rule></pattern>'
        "</schema>"
    )
    assert teikit("validate", "--schematron", rules, "--phase", "draft", VALID / "record.xml").exit_code == 0
    result = teikit("validate", "--schematron", rules, "--phase", "final", VALID / "record.xml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].endswith("error: The final text has notes. [has-notes]")


def test_phase_needs_schematron(teikit):
    result = teikit("validate", "--phase", "strict", VALID / "record.xml")
    assert result.exit_code == 2
    assert "--phase chooses a phase of a Schematron" in result.output


def test_tei_all_folder_must_hold_the_schemas(teikit, tmp_path):
    result = teikit("validate", "--tei-all", tmp_path, VALID / "record.xml")
    assert result.exit_code == 2
    assert f"{tmp_path}:1:1: error: --tei-all expects relaxng/tei_all.rng in this folder, and it is not there" in result.stderr


@pytest.mark.parametrize(
    ("option", "name", "text", "words"),
    [
        ("--schema", "broken.xsd", "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element/></xs:schema>", "this XML Schema cannot be used"),
        ("--rng", "broken.rng", "<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><ref name='nowhere'/></start></grammar>", "this RELAX NG grammar cannot be used"),
        ("--rng", "truncated.rng", "<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start>", "this RELAX NG grammar is not well-formed XML"),
    ],
)
def test_a_schema_that_cannot_be_used_stops_the_run(teikit, tmp_path, option, name, text, words):
    schema = tmp_path / name
    schema.write_text(text)
    result = teikit("validate", option, schema, VALID / "record.xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{schema}:") and words in result.stderr


def test_jobs_give_the_same_report_in_the_same_order(teikit):
    files = sorted(INVALID.glob("*.xml"))[:12] + [VALID / "record.xml"]
    alone = teikit("validate", *files)
    together = teikit("validate", "--jobs", "2", *files)
    assert together.exit_code == alone.exit_code == 1
    assert together.stdout == alone.stdout


def test_jobs_with_a_grammar_share_the_pruned_schema(teikit, tmp_path):
    grammar = tmp_path / "letter.rng"
    grammar.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0"><start>'
        '<element name="TEI"><oneOrMore><choice><element name="p"><text/></element><element name="ab"><text/></element>'
        "</choice></oneOrMore></element></start></grammar>"
    )
    for number in range(6):
        (tmp_path / f"{number}.xml").write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>{number}</p></TEI>')
    (tmp_path / "6.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><div/></TEI>')
    result = teikit("validate", "--rng", grammar, "--jobs", "2", *sorted(tmp_path.glob("*.xml")))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / '6.xml'}:1:42: error: <div> at /TEI/div is not allowed there by letter.rng [letter.rng]",
        "7 files, 1 error, 0 warnings",
    ]


def test_every_tei_file_points_editors_to_its_schemas():
    """Oxygen and VS Code validate while editing through these instructions."""
    for path in sorted((ROOT / "tei").glob("*.xml")):
        tree = etree.parse(str(path))
        models = [pi for pi in tree.getroot().itersiblings(preceding=True) if isinstance(pi, etree._ProcessingInstruction)]
        hrefs = {(pi.get("href"), pi.get("schematypens")) for pi in models if pi.target == "xml-model"}
        assert ("../schema/edition.xsd", "http://www.w3.org/2001/XMLSchema") in hrefs, path.name
        assert any(href.endswith("tei_all.rng") and ns == "http://relaxng.org/ns/structure/1.0" for href, ns in hrefs), path.name
