"""`validate --rng` reports every error jing reports, message by message, in words: what is wrong
with a value, xml:id and xml:lang with their prefix, a repeated xml:id as a duplicate, a column;
never libxml2's own wording."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import need

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Probes with several errors each, and the broken fixtures that are well-formed XML.
PROBES = sorted((FIXTURES / "rng").glob("*.xml")) + [
    path for path in sorted((FIXTURES / "invalid").glob("*.xml"))
    if path.stem not in {"bare-ampersand", "mismatched-tags", "non-utf8-bytes", "truncated", "undefined-entity", "xxe",
                         "entity-bomb"}
]
JING_LINE = re.compile(r"^.*?:(\d+):(\d+): error: (.*)$", re.M)
LIBXML2_WORDING = re.compile(r"Expecting an element|got nothing|failed to validate|Did not expect|Invalid attribute|"
                             r"has extra content|Expecting element")


def gist(message: str) -> tuple[str, str]:
    """What kind of error jing reports, and about which element or attribute."""
    if message.startswith("text not allowed"):
        return "text", ""
    if found := re.match(r'value of attribute "([^"]+)" is invalid', message):
        return "value", found.group(1)
    if found := re.match(r'ID "([^"]+)" has already been defined', message):
        return "duplicate", found.group(1)
    if found := re.match(r'attribute "([^"]+)" not allowed', message):
        return "attribute", found.group(1)
    if found := re.match(r'element "([^"]+)" (?:not allowed|incomplete)', message):
        return "element", found.group(1)
    if found := re.match(r'element "[^"]+" missing required attribute "([^"]+)"', message):
        return "required", found.group(1)
    return "other", message


def our_gist(message: str) -> tuple[str, str]:
    if found := re.search(r'@(\S+)="([^"]*)" is a duplicate', message):
        return "duplicate", found.group(2)
    if found := re.search(r'@(\S+)="[^"]*" is not ', message):
        return "value", found.group(1)
    if found := re.search(r"lacks @(\S+), which", message):
        return "required", found.group(1)
    if found := re.search(r"@(\S+) is not allowed on", message):
        return "attribute", found.group(1)
    if found := re.match(r"<(\S+)> at \S+ (?:is not allowed|is incomplete|lacks|stands where|is in (?:no|the wrong) namespace)",
                         message):
        return "element", found.group(1)
    if re.match(r"<\S+> at \S+ has text that", message):
        return "text", ""
    return "other", message


@pytest.fixture(scope="module")
def jing(tei_p5) -> dict[str, list[str]]:
    need(shutil.which("jing") is not None, "jing is not installed (apt-get install jing; it needs Java)")
    result = subprocess.run(["jing", str(tei_p5 / "relaxng" / "tei_all.rng"), *map(str, PROBES)],
                            capture_output=True, text=True, timeout=600)
    found: dict[str, list[str]] = {path.name: [] for path in PROBES}
    for line in result.stdout.splitlines():
        if (match := JING_LINE.match(line)) and not match.group(3).startswith("first occurrence of ID"):
            found[Path(line.split(":", 1)[0]).name].append(match.group(3))
    return found


@pytest.fixture(scope="module")
def ours(tei_p5, cache) -> dict[str, list[dict]]:
    from click.testing import CliRunner

    from teikit.cli import main

    with pytest.MonkeyPatch.context() as env:
        env.setenv("TEIKIT_CACHE_DIR", str(cache))
        result = CliRunner().invoke(main, ["validate", "--format", "json", "--rng", str(tei_p5 / "relaxng" / "tei_all.rng"),
                                           *map(str, PROBES)])
    files = json.loads(result.stdout)["files"]
    return {Path(entry["path"]).name: [f for f in entry["findings"] if f["rule"] == "tei_all.rng"] for entry in files}


def test_the_probes_have_errors_of_every_kind(jing):
    kinds = {gist(message)[0] for messages in jing.values() for message in messages}
    assert {"value", "duplicate", "attribute", "element"} <= kinds
    assert max(len(messages) for messages in jing.values()) >= 10


@pytest.mark.parametrize("path", PROBES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_error_jing_reports_is_reported_in_words(jing, ours, path):
    theirs = sorted(gist(message) for message in jing[path.name])
    mine = [finding["message"] for finding in ours[path.name]]
    assert sorted(our_gist(message) for message in mine) == theirs, "\n".join(mine)
    for finding in ours[path.name]:
        assert not LIBXML2_WORDING.search(finding["message"]), finding["message"]
        assert finding["column"] >= 1


def test_value_messages_say_what_would_do(ours):
    messages = [f["message"] for f in ours["values-ids-and-elements.xml"]]
    assert ('<supplied> at /TEI/text/body/p[1]/supplied: @cert="maybe" is not one of high, medium, low, unknown, '
            "nor a number") in messages
    assert '<p> at /TEI/text/body/p[2]: @xml:id="a1" is a duplicate: <p> at line 12 has it first' in messages
    assert '<p> at /TEI/text/body/p[3]: @xml:id="9x" is not an XML name without colons (a letter or _ first)' in messages
    assert any(m.startswith('<p> at /TEI/text/body/p[3]: @xml:lang="not a lang" is not') for m in messages)
    assert any('@when="1990/11/19" is not an ISO date (YYYY-MM-DD)' in m for m in messages)
    assert "<p> at /TEI/text/body/p[4]: @style-hint is not allowed on <p>" in messages
    columns = {f["line"]: f["column"] for f in ours["values-ids-and-elements.xml"]}
    assert columns[12] == 26, "the column of the element at fault"


def test_a_missing_element_is_named_once_not_as_every_sibling_after_it(ours, jing):
    assert [f["message"] for f in ours["missing-title.xml"]] == [
        "<respStmt> at /TEI/teiHeader/fileDesc/titleStmt/respStmt[1] is not allowed yet: <titleStmt> lacks <title> "
        "before it, which tei_all.rng requires"]
    assert [f["message"] for f in ours["missing-publication-statement.xml"]] == [
        "<seriesStmt> at /TEI/teiHeader/fileDesc/seriesStmt is not allowed yet: <fileDesc> lacks <publicationStmt> "
        "before it, which tei_all.rng requires"]
    assert len(jing["missing-title.xml"]) == 1


def test_errors_after_the_first_in_an_element_are_found(ours):
    found = [(f["line"], f["message"]) for f in ours["errors-after-the-first.xml"]]
    assert (12, '<supplied> at /TEI/text/body/p[1]/supplied: @cert="maybe" is not one of high, medium, low, unknown, '
                "nor a number") in found, "after <bogus> in the same paragraph"
    assert (12, "<other> at /TEI/text/body/p[1]/other is not allowed there by tei_all.rng") in found
    assert [line for line, message in found if "is a duplicate" in message] == [15, 15]
