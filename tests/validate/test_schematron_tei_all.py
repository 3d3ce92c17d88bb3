"""TEI's own Schematron (tei_all.isosch, P5 4.12.0) through teikit's compiler: the edition passes, and
purpose-built fixtures each report the TEI rule they break, in the rule's own words, at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate.findings import Finding
from teikit.validate.schematron import Schematron

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schematron" / "tei"


@pytest.fixture(scope="module")
def tei_all_schematron(tei_p5: Path, tmp_path_factory) -> Schematron:
    """tei_all.isosch compiled once for the module, into a cache of its own."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TEIKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return Schematron(tei_p5 / "schematron" / "tei_all.isosch")


def position_of(path: Path, markup: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column where ``markup`` starts in ``path`` for the n-th time."""
    found = [
        (number, line.index(markup) + 1)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if markup in line
    ]
    assert len(found) >= occurrence, f"{markup!r} is not in {path.name} {occurrence} times"
    return found[occurrence - 1]


def expected(fixture: str, markup: str, severity: str, message: str, rule: str, occurrence: int = 1) -> Finding:
    path = FIXTURES / fixture
    line, column = position_of(path, markup, occurrence)
    return Finding(str(path), line, column, severity, message, rule)


@pytest.mark.parametrize(
    "document", sorted(p for p in (ROOT / "tei").glob("*.xml")), ids=lambda p: p.name
)
def test_the_edition_meets_teis_own_constraints(tei_all_schematron, document):
    findings = tei_all_schematron.validate(document)
    assert findings == [], "\n".join(map(str, findings))


VIOLATIONS = [
    (
        "p-in-l.xml",
        "<p>and the fruit",
        "error",
        "Abstract model violation: Metrical lines (<l> elements) may not contain higher-level structural elements "
        "such as <div>, <p>, or <ab>, unless <p> is a child of <figure> or <note>, or is a descendant of "
        "<floatingText>.",
        "tei_all-p-abstractModel-structure-p-in-l-constraint-rule-12",
    ),
    (
        # The rule's report compares with current(): the inner line is not a copy quoted in a note.
        "l-in-l.xml",
        "<l>and the fruit",
        "error",
        "Abstract model violation: Metrical lines (<l> elements) may not contain <l> or <lg> elements.",
        "tei_all-l-abstractModel-structure-l-in-l-constraint-rule-21",
    ),
    (
        "spanto-backwards.xml",
        "<addSpan",
        "error",
        "The element indicated by @spanTo (#end-of-addition) must follow the current <addSpan> element.",
        "tei_all-att.spanning-spanTo-spanTo-points-to-following-constraint-rule-7",
    ),
    (
        "spanto-nowhere.xml",
        "<delSpan",
        "error",
        "The element indicated by @spanTo (#no-such-anchor) must follow the current <delSpan> element.",
        "tei_all-att.spanning-spanTo-spanTo-points-to-following-constraint-rule-7",
    ),
    (
        "calendar-empty.xml",
        "<date",
        "error",
        "@calendar indicates one or more systems or calendars to which the date represented by the content of "
        "this element belongs, but this <date> element has no textual content.",
        "tei_all-att.calendarSystem-calendar-calendar_attr_on_empty_element-constraint-rule-10",
    ),
    (
        "relateditem-target-and-content.xml",
        "<relatedItem",
        "error",
        "If the @target attribute on relatedItem is used, the relatedItem element must be empty.",
        "tei_all-relatedItem-targetorcontent1-constraint-rule-20",
    ),
    (
        "subst-without-del.xml",
        "<subst>",
        "error",
        "<subst> must have at least one child <add> and at least one child <del> or <surplus>.",
        "tei_all-subst-substContents1-constraint-rule-49",
    ),
    (
        # The rule's context is the attribute tei:rt/@from: <name/> names the attribute, the line is its element's.
        "rt-from-without-to.xml",
        "<rt ",
        "error",
        "When @from is present, the @to attribute of <from> is required.",
        "tei_all-rt-from-rt-from-constraint-rule-15",
    ),
    (
        "shift-without-new.xml",
        "<shift",
        "warning",
        'The @new attribute should always be supplied; use the special value "normal" to indicate that the '
        "feature concerned ceases to be remarkable at this point.",
        "tei_all-shift-shiftNew-constraint-rule-29",
    ),
]


@pytest.mark.parametrize("fixture, markup, severity, message, rule", VIOLATIONS, ids=[v[0] for v in VIOLATIONS])
def test_a_broken_tei_rule_is_reported_in_its_own_words_at_its_element(
    tei_all_schematron, fixture, markup, severity, message, rule
):
    findings = tei_all_schematron.validate(FIXTURES / fixture)
    assert findings == [expected(fixture, markup, severity, message, rule)]


def test_both_rules_of_a_two_rule_pattern_fire_and_a_rule_role_makes_a_warning(tei_all_schematron):
    fixture = "element-references.xml"
    assert tei_all_schematron.validate(FIXTURES / fixture) == [
        # The pattern has no id, and neither have its rules.
        expected(
            fixture,
            '<elementRef key="l" minOccurs',
            "error",
            "An element reference is not repeatable when part of a schema specification (and thus this "
            "<elementRef> should not have @minOccurs or @maxOccurs).",
            "schematron",
        ),
        expected(
            fixture,
            '<elementRef key="l" source',
            "error",
            "An element reference within a content model must refer to a locally defined element specification "
            "(and thus this <elementRef> should not have @source).",
            "schematron",
        ),
        # role="warn" stands on the rule (context dataSpec/content), not on the report.
        expected(
            fixture,
            "<content>",
            "warning",
            "A datatype specification should not refer to an element or a class.",
            "tei_all-dataSpec-no_elements_in_data_content-constraint-rule-71",
            occurrence=2,
        ),
    ]


def test_a_value_that_breaks_a_rules_xpath_is_a_finding_not_a_crash(tei_all_schematron):
    fixture = "path-points.xml"
    rule = "tei_all-path-pathmustnotbeclosed-constraint-rule-42"
    closed, unreadable = tei_all_schematron.validate(FIXTURES / fixture)
    assert closed == expected(
        fixture,
        '<path points="10,10',
        "error",
        "The first and last elements of this path are the same. To specify a closed polygon, use the <zone> "
        "element rather than the <path> element.",
        rule,
    )
    line, column = position_of(FIXTURES / fixture, '<path points="north')
    assert (unreadable.line, unreadable.column, unreadable.rule) == (line, column, rule)
    assert unreadable.message.startswith("could not evaluate the rule for tei:path[@points]: err:FORG0001")
