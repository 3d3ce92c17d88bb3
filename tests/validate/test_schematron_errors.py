"""A schema or a document teikit cannot use is one InputError line that names the file and, where it can, the
line to fix; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.errors import InputError
from teikit.validate.schematron import Schematron

SCHEMA = 'xmlns="http://purl.oclc.org/dsdl/schematron"'
GOOD_RULES = f"""<schema {SCHEMA} queryBinding="xslt2">
  <pattern id="p"><rule context="letter"><assert test="to">a letter needs a recipient</assert></rule></pattern>
</schema>"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))


def refusal(schema: Path, phase: str | None = None) -> str:
    with pytest.raises(InputError) as raised:
        Schematron(schema, phase)
    text = str(raised.value)
    assert "\n" not in text and "Traceback" not in text
    return text


def written(folder: Path, text: str, name: str = "rules.sch") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("<schema><pattern>\n</schema>", 2, "not well-formed XML"),
        (
            '<grammar xmlns="http://relaxng.org/ns/structure/1.0"/>',
            1,
            "is not an ISO Schematron schema: its root element is <grammar> in http://relaxng.org/ns/structure/1.0",
        ),
        ('<schema xmlns="http://www.ascc.net/xml/schematron"/>', 1, "is Schematron 1.5"),
        (f'<schema {SCHEMA} queryBinding="stx"/>', 1, 'queryBinding "stx" is not supported'),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p">
                <rule context="letter">
                  <assert test="count(to) = ">one recipient</assert>
                </rule>
              </pattern>
            </schema>""",
            4,
            'the XPath in <assert test="count(to) ="> does not compile: XPST0003',
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p">
                <rule context="letter[">
                  <assert test="to">one recipient</assert>
                </rule>
              </pattern>
            </schema>""",
            3,
            'the XPath in <rule context="letter["> does not compile',
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p">
                <rule context="letter">
                  <report test="to">to <value-of select="nosuch:name(to)"/></report>
                </rule>
              </pattern>
            </schema>""",
            4,
            "Namespace prefix 'nosuch' has not been declared",
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p">
                <rule context="letter"><extends rule="missing"/></rule>
              </pattern>
            </schema>""",
            3,
            '<extends rule="missing">: there is no abstract rule with that id',
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p">
                <rule context="letter">
                  <assert test="to" diagnostics="gone">one recipient</assert>
                </rule>
              </pattern>
            </schema>""",
            4,
            'diagnostics="gone": there is no <diagnostic> with that id',
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern is-a="nothing" id="p"/>
            </schema>""",
            2,
            'is-a="nothing": there is no abstract pattern with that id',
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <include href="parts/missing.sch"/>
            </schema>""",
            2,
            '<include href="parts/missing.sch">: no such file',
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p">
                <include href="rules.sch"/>
              </pattern>
            </schema>""",
            3,
            "<include> includes itself: rules.sch → rules.sch",
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p"><rule><assert test="to">one recipient</assert></rule></pattern>
            </schema>""",
            2,
            "a <rule> needs a context",
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt3" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:f="urn:f">
              <xsl:function name="f:twice">
                <xsl:param name="s"/>
                <xsl:sequence select="$s || || $s"/>
              </xsl:function>
              <pattern id="p"><rule context="to"><assert test="f:twice(.)">twice</assert></rule></pattern>
            </schema>""",
            3,
            "the XSLT in <xsl:function> does not compile: XPST0003",
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
              <ns prefix="tei" uri="http://www.tei-c.org/ns/2.0"/>
            </schema>""",
            3,
            'the prefix "tei" is declared twice, for http://www.tei-c.org/ns/1.0 and for http://www.tei-c.org/ns/2.0',
        ),
        (
            f"""<schema {SCHEMA} queryBinding="xslt2">
              <pattern id="p" documents="doc('other.xml')">
                <rule context="to"><assert test=".">x</assert></rule>
              </pattern>
            </schema>""",
            2,
            "<pattern documents=…> (checking other documents) is not supported",
        ),
    ],
    ids=[
        "not-xml",
        "relax-ng",
        "schematron-1.5",
        "query-binding",
        "assert-xpath",
        "context-xpath",
        "value-of-prefix",
        "extends",
        "diagnostic",
        "is-a",
        "include-missing",
        "include-loop",
        "no-context",
        "xslt-function",
        "namespace-twice",
        "documents",
    ],
)
def test_an_unusable_schema_is_one_line_naming_the_file_and_line(tmp_path, text, line, words):
    schema = written(tmp_path, text)
    message = refusal(schema)
    assert message.startswith(f"{schema}:{line}:")
    assert words in message


def test_an_error_in_an_included_file_names_that_file(tmp_path):
    part = written(
        tmp_path,
        f"""<pattern {SCHEMA} id="people">
  <rule context="from">
    <assert test="@ref = ">a sender needs a ref</assert>
  </rule>
</pattern>""",
        "people.sch",
    )
    schema = written(tmp_path, f'<schema {SCHEMA} queryBinding="xslt2"><include href="people.sch"/></schema>')
    assert refusal(schema).startswith(f"{part}:3:1: error: the XPath in <assert test=\"@ref =\">")


def test_a_broken_schema_is_not_cached(tmp_path):
    schema = written(tmp_path, GOOD_RULES.replace('test="to"', 'test="to["'))
    refusal(schema)
    assert not list((tmp_path / "cache").rglob("*.xsl"))


def test_a_phase_that_does_not_exist_is_named_with_the_ones_that_do(tmp_path):
    schema = written(
        tmp_path,
        f"""<schema {SCHEMA} queryBinding="xslt2">
          <phase id="quick"><active pattern="p"/></phase>
          <phase id="full"><active pattern="p"/></phase>
          <pattern id="p"><rule context="letter"><assert test="to">recipient</assert></rule></pattern>
        </schema>""",
    )
    assert refusal(schema, "slow") == (
        f'{schema}:1:1: error: has no phase "slow" (its phases: full, quick; or #ALL for every pattern)'
    )


def test_a_missing_schema_is_named(tmp_path):
    assert refusal(tmp_path / "nowhere.sch") == f"{tmp_path / 'nowhere.sch'}:1:1: error: no such Schematron file"


@pytest.mark.parametrize(
    "text, message",
    [
        ("<letter>\n<to>Ada</to>\n</lettre>", "not well-formed XML"),
        ('<!DOCTYPE letter [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<letter><to>&x;</to></letter>', "DOCTYPE"),
    ],
    ids=["not-well-formed", "doctype"],
)
def test_a_document_saxon_must_not_read_is_refused_with_its_place(tmp_path, text, message):
    schematron = Schematron(written(tmp_path, GOOD_RULES))
    document = written(tmp_path, text, "letter.xml")
    with pytest.raises(InputError) as raised:
        schematron.validate(document)
    assert str(raised.value).startswith(f"{document}:")
    assert message in str(raised.value)
    assert "root:" not in str(raised.value)  # the entity is named, never read
