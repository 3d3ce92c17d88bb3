"""teikit's ISO Schematron compiler, feature by feature, on small schemas written for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate.findings import Finding
from teikit.validate.schematron import Schematron

SCHEMA = 'xmlns="http://purl.oclc.org/dsdl/schematron"'


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(folder: Path, schema: str, document: str, phase: str | None = None) -> list[Finding]:
    return Schematron(write(folder, "rules.sch", schema), phase).validate(write(folder, "doc.xml", document))


def said(findings: list[Finding]) -> list[tuple[int, str, str, str]]:
    """What a user reads of each finding: line, severity, message, rule."""
    return [(f.line, f.severity, f.message, f.rule) for f in findings]


LETTER = """<letter>
  <from ref="#ada">Ada</from>
  <to ref="#charles">Charles</to>
  <item n="1">Engine</item>
  <item n="2">Notes</item>
  <item>Tables</item>
</letter>
"""


def test_assert_and_report_speak_in_their_own_words(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="letters">
        <rule context="letter">
          <assert test="count(item) = 2">A <name/> holds
            two items, not <value-of select="count(item)"/>:
            <emph>check</emph> <span class="x">the</span> <dir value="ltr">list</dir>.</assert>
          <report test="from/@ref = '#ada'" id="from-ada">Written by <value-of select="from"/>
            to <name path="to"/> <value-of select="to/@ref"/>.</report>
        </rule>
      </pattern>
    </schema>"""
    assert said(check(tmp_path, schema, LETTER)) == [
        (1, "error", "A letter holds two items, not 3: check the list.", "letters"),
        (1, "error", "Written by Ada to to #charles.", "from-ada"),
    ]


def test_within_a_pattern_the_first_matching_rule_wins_but_every_pattern_sees_each_node(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt3">
      <pattern id="numbered">
        <rule context="item[@n = '1']"><report test="true()">first rule</report></rule>
        <rule context="item[@n]"><report test="true()">second rule</report></rule>
        <rule context="item"><report test="true()">third rule</report></rule>
      </pattern>
      <pattern id="any">
        <rule context="item"><report test="true()">other pattern</report></rule>
      </pattern>
    </schema>"""
    assert [(f.line, f.message) for f in check(tmp_path, schema, LETTER)] == [
        (4, "first rule"),
        (4, "other pattern"),
        (5, "second rule"),
        (5, "other pattern"),
        (6, "third rule"),
        (6, "other pattern"),
    ]


def test_a_rule_without_assertions_still_takes_its_nodes_from_later_rules(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="p">
        <rule context="item[@n]"/>
        <rule context="item"><assert test="@n">an item needs a number</assert></rule>
      </pattern>
    </schema>"""
    assert [f.line for f in check(tmp_path, schema, LETTER)] == [6]


def test_variables_of_schema_pattern_and_rule_and_one_holding_markup(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <let name="people" value="//(from|to)/@ref"/>
      <let name="limit" value="1"/>
      <pattern id="p">
        <!-- a pattern's variable is computed from the document's root, whatever the rule's context -->
        <let name="items" value="count(//item)"/>
        <let name="numbered" value="count(//item[@n]) * $limit"/>
        <rule context="item[not(@n)]">
          <let name="limit" value="2"/>
          <let name="kinds"><kind xmlns="">Engine</kind><kind xmlns="">Notes</kind></let>
          <report test="true()">item of <value-of select="$items"/>, <value-of select="$numbered"/> numbered,
            limit <value-of select="$limit"/>, <value-of select="count($people)"/> people,
            known: <value-of select="string-join($kinds//kind, '/')"/>.</report>
        </rule>
      </pattern>
    </schema>"""
    assert [f.message for f in check(tmp_path, schema, LETTER)] == [
        "item of 3, 2 numbered, limit 2, 2 people, known: Engine/Notes."
    ]


def test_current_in_an_assertion_is_the_rules_context_node(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="unique">
        <rule context="item">
          <assert test="count(//item[. = current()]) = 1">"<value-of select="."/>" twice</assert>
        </rule>
      </pattern>
    </schema>"""
    document = "<list>\n<item>a</item>\n<item>b</item>\n<item>a</item>\n</list>"
    assert [(f.line, f.message) for f in check(tmp_path, schema, document)] == [(2, '"a" twice'), (4, '"a" twice')]


def test_role_makes_a_warning_from_the_assertion_its_rule_or_its_pattern(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="own">
        <rule context="letter">
          <report test="true()" role="warning">assert says warning</report>
          <report test="true()" role="information">assert says information</report>
          <report test="true()" role="nonfatal">assert says nonfatal</report>
          <report test="true()" flag="warning">flag says warning</report>
          <report test="true()">nothing said</report>
        </rule>
      </pattern>
      <pattern id="by-rule">
        <rule context="letter" role="warn">
          <report test="true()">rule says warn</report>
          <report test="true()" role="error">rule says warn, assert says error</report>
        </rule>
      </pattern>
      <pattern id="by-pattern" role="info">
        <rule context="letter"><report test="true()">pattern says info</report></rule>
      </pattern>
    </schema>"""
    assert [(f.message, f.severity) for f in check(tmp_path, schema, LETTER)] == [
        ("assert says warning", "warning"),
        ("assert says information", "warning"),
        ("assert says nonfatal", "error"),
        ("flag says warning", "warning"),
        ("nothing said", "error"),
        ("rule says warn", "warning"),
        ("rule says warn, assert says error", "error"),
        ("pattern says info", "warning"),
    ]


def test_a_finding_names_the_assertion_else_its_rule_else_its_pattern(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="pattern-id">
        <rule context="letter" id="rule-id">
          <report test="true()" id="assert-id">a</report>
          <report test="true()">b</report>
        </rule>
        <rule context="from"><report test="true()">c</report></rule>
      </pattern>
      <pattern>
        <rule context="to"><report test="true()">d</report></rule>
      </pattern>
    </schema>"""
    assert [(f.message, f.rule) for f in check(tmp_path, schema, LETTER)] == [
        ("a", "assert-id"),
        ("b", "rule-id"),
        ("c", "pattern-id"),
        ("d", "schematron"),
    ]


def test_diagnostics_follow_the_message_in_the_rules_context(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="p">
        <rule context="item[not(@n)]">
          <let name="position" value="count(preceding-sibling::item) + 1"/>
          <assert test="@n" diagnostics="which how">An item needs a number.</assert>
        </rule>
      </pattern>
      <diagnostics>
        <diagnostic id="which">Item <value-of select="$position"/> ("<value-of select="."/>") has none.</diagnostic>
        <diagnostic id="how">Add <emph>n="<value-of select="$position"/>"</emph>.</diagnostic>
      </diagnostics>
    </schema>"""
    assert [f.message for f in check(tmp_path, schema, LETTER)] == [
        'An item needs a number. Item 3 ("Tables") has none. Add n="3".'
    ]


PHASED = f"""<schema {SCHEMA} queryBinding="xslt2" defaultPhase="quick">
  <let name="who" value="'schema'"/>
  <phase id="quick"><active pattern="senders"/></phase>
  <phase id="full">
    <let name="who" value="'phase'"/>
    <active pattern="senders"/>
    <active pattern="items"/>
  </phase>
  <pattern id="senders">
    <rule context="from"><report test="true()">sender (<value-of select="$who"/>)</report></rule>
  </pattern>
  <pattern id="items"><rule context="item[1]"><report test="true()">items</report></rule></pattern>
  <pattern id="others"><rule context="to"><report test="true()">recipient</report></rule></pattern>
</schema>"""


@pytest.mark.parametrize(
    "phase, messages",
    [
        (None, ["sender (schema)"]),
        ("#DEFAULT", ["sender (schema)"]),
        ("full", ["sender (phase)", "items"]),
        ("#ALL", ["sender (schema)", "recipient", "items"]),
    ],
)
def test_a_phase_chooses_the_patterns_and_may_set_variables(tmp_path, phase, messages):
    assert [f.message for f in check(tmp_path, PHASED, LETTER, phase)] == messages


def test_abstract_rules_lend_their_assertions_to_rules_that_extend_them(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <rules>
        <rule id="has-ref"><assert test="@ref">a <name/> needs a ref</assert></rule>
      </rules>
      <pattern id="people">
        <rule abstract="true" id="named">
          <extends rule="has-ref"/>
          <assert test="normalize-space()">a <name/> needs a name</assert>
        </rule>
        <rule context="from"><extends rule="named"/></rule>
        <rule context="to">
          <extends rule="named"/>
          <report test="true()">recipient</report>
        </rule>
      </pattern>
    </schema>"""
    document = "<letter>\n<from>Ada</from>\n<to ref='#c'></to>\n</letter>"
    assert [(f.line, f.message) for f in check(tmp_path, schema, document)] == [
        (2, "a from needs a ref"),
        (3, "a to needs a name"),
        (3, "recipient"),
    ]


def test_an_abstract_pattern_is_filled_in_by_each_instance(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern abstract="true" id="counted">
        <rule context="$parent">
          <let name="n" value="count($child)"/>
          <assert test="$n = $children">a <name/> needs $children <value-of select="'$child'"/>, not
            <value-of select="$n"/></assert>
        </rule>
      </pattern>
      <pattern is-a="counted" id="items-in-letter">
        <param name="parent" value="letter"/>
        <param name="child" value="item"/>
        <param name="children" value="2"/>
      </pattern>
      <pattern is-a="counted" id="senders" role="warning">
        <param name="parent" value="letter"/>
        <param name="child" value="from"/>
        <param name="children" value="1"/>
      </pattern>
    </schema>"""
    document = "<letter><from/><from/><item/></letter>"
    assert [(f.message, f.rule, f.severity) for f in check(tmp_path, schema, document)] == [
        ("a letter needs $children item, not 1", "items-in-letter", "error"),
        ("a letter needs $children from, not 2", "senders", "warning"),
    ]


def test_includes_resolve_against_the_file_that_names_them(tmp_path):
    write(
        tmp_path,
        "parts/people.sch",
        f"""<pattern {SCHEMA} id="people">
          <include href="rules/sender.sch"/>
        </pattern>""",
    )
    write(tmp_path, "parts/rules/sender.sch", f'<rule {SCHEMA} context="from"><report test="1">sender</report></rule>')
    write(
        tmp_path,
        "shared.sch",
        f"""<schema {SCHEMA} queryBinding="xslt2">
          <ns prefix="x" uri="urn:x"/>
          <let name="greeting" value="'hello'"/>
          <pattern id="shared">
            <rule context="to"><report test="true()"><value-of select="$greeting"/></report></rule>
          </pattern>
        </schema>""",
    )
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <extends href="shared.sch"/>
      <include href="parts/people.sch"/>
      <pattern id="library"><include href="library.sch#numbered"/></pattern>
    </schema>"""
    write(
        tmp_path,
        "library.sch",
        f"""<library {SCHEMA}>
          <rule id="numbered" context="item[@n]"><report test="true()">numbered</report></rule>
          <rule id="unused" context="item"><report test="true()">never</report></rule>
        </library>""",
    )
    # In document order: <from> (line 2), <to>, then the numbered items.
    assert [f.message for f in check(tmp_path, schema, LETTER)] == ["sender", "hello", "numbered", "numbered"]


def test_xslt_functions_keys_and_data_pass_through_and_find_files_beside_the_schema(tmp_path):
    write(tmp_path, "people.xml", "<people><person id='ada'/></people>")
    write(
        tmp_path,
        "helpers.xsl",
        """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
            xmlns:h="urn:helpers">
          <xsl:function name="h:shout"><xsl:param name="s"/><xsl:sequence select="upper-case($s)"/></xsl:function>
        </xsl:stylesheet>""",
    )
    schema = f"""<schema {SCHEMA} queryBinding="xslt3" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:h="urn:helpers">
      <ns prefix="h" uri="urn:helpers"/>
      <xsl:include href="helpers.xsl"/>
      <xsl:key name="by-n" match="item" use="@n"/>
      <h:numerals><h:numeral value="1">I</h:numeral><h:numeral value="2">II</h:numeral></h:numerals>
      <xsl:function name="h:roman">
        <xsl:param name="n"/>
        <xsl:sequence select="document('')//h:numeral[@value = $n]/string()"/>
      </xsl:function>
      <let name="people" value="doc('people.xml')//person/@id"/>
      <pattern id="p">
        <rule context="item[@n]">
          <report test="key('by-n', @n)">item <value-of select="h:roman(@n)"/>: <value-of select="h:shout(.)"/></report>
        </rule>
        <rule context="from">
          <assert test="substring(@ref, 2) = $people">unknown <value-of select="@ref"/></assert>
        </rule>
        <rule context="to">
          <assert test="substring(@ref, 2) = $people">unknown <value-of select="@ref"/></assert>
        </rule>
      </pattern>
    </schema>"""
    assert [f.message for f in check(tmp_path, schema, LETTER)] == [
        "unknown #charles",
        "item I: ENGINE",
        "item II: NOTES",
    ]


def test_attribute_and_text_contexts_point_at_their_element_and_their_words(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="refs"><rule context="@ref"><assert test="starts-with(., '#')">bad ref</assert></rule></pattern>
      <pattern id="words">
        <rule context="text()[contains(., 'TODO')]"><report test="true()">todo</report></rule>
      </pattern>
    </schema>"""
    document = '<letter>\n  <p>Fine</p>\n  <p>Ends\n    here\n  <hi\n     ref="ada">x</hi> TODO later</p>\n</letter>'
    assert [(f.line, f.column, f.message) for f in check(tmp_path, schema, document)] == [
        (5, 3, "bad ref"),  # the <hi> whose start tag holds the attribute
        (6, 23, "todo"),  # the words of the text node, not where Saxon finished reading it
    ]


def test_a_subject_moves_the_finding_to_another_node(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="p">
        <rule context="letter" subject="to">
          <assert test="count(item) = 2" subject="item[last()]">too many items</assert>
          <assert test="to = 'Ada'">wrong recipient</assert>
        </rule>
      </pattern>
    </schema>"""
    assert [(f.line, f.message) for f in check(tmp_path, schema, LETTER)] == [
        (6, "too many items"),
        (3, "wrong recipient"),
    ]


def test_an_assertion_without_words_says_its_test(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <pattern id="p"><rule context="letter"><assert test="count(item)
         = 2"/><report test="from"/></rule></pattern>
    </schema>"""
    assert [f.message for f in check(tmp_path, schema, LETTER)] == ["assertion failed: count(item) = 2", "report: from"]


@pytest.mark.parametrize("binding", ['queryBinding="xslt"', ""])
def test_the_xslt1_binding_and_no_binding_evaluate_xpath_1(tmp_path, binding):
    schema = f"""<schema {SCHEMA} {binding}>
      <pattern id="p"><rule context="letter">
        <report test="string(item) = 'Engine'">first item <value-of select="item"/></report>
      </rule></pattern>
    </schema>"""
    assert [f.message for f in check(tmp_path, schema, LETTER)] == ["first item Engine"]


def test_an_error_while_evaluating_a_rule_is_a_finding_and_other_rules_still_run(tmp_path):
    schema = f"""<schema {SCHEMA} queryBinding="xslt2">
      <ns prefix="xs" uri="http://www.w3.org/2001/XMLSchema"/>
      <pattern id="numbers"><rule context="item[@n]">
        <assert test="xs:integer(@n) gt 0">positive</assert>
      </rule></pattern>
      <pattern id="strings"><rule context="letter">
        <report test="string(item) = 'x'">never: several items</report>
      </rule></pattern>
      <pattern id="names"><rule context="from"><report test="true()">sender</report></rule></pattern>
    </schema>"""
    document = '<letter>\n<from/>\n<item n="one"/>\n<item n="2"/>\n</letter>'
    findings = check(tmp_path, schema, document)
    assert [(f.line, f.rule) for f in findings] == [(1, "strings"), (2, "names"), (3, "numbers")]
    assert findings[0].message.startswith("could not evaluate the rule for letter: err:XPTY0004")
    assert findings[2].message.startswith("could not evaluate the rule for item[@n]: err:FORG0001")


def test_one_schematron_checks_many_documents_each_on_its_own(tmp_path):
    schematron = Schematron(
        write(
            tmp_path,
            "rules.sch",
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern><let name="total" value="count(//item)"/>
                <rule context="letter"><assert test="$total = 1"><value-of select="$total"/> items</assert></rule>
              </pattern>
            </schema>""",
        )
    )
    results = []
    for count in range(4):
        document = write(tmp_path, f"letter{count}.xml", "<letter>" + "<item/>" * count + "</letter>")
        results.append([(f.path, f.message) for f in schematron.validate(document)])
    assert results == [
        [(str(tmp_path / "letter0.xml"), "0 items")],
        [],
        [(str(tmp_path / "letter2.xml"), "2 items")],
        [(str(tmp_path / "letter3.xml"), "3 items")],
    ]
