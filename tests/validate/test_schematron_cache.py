"""Compiled schemas are kept on disk, so a second run starts without compiling; any change recompiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate import schematron
from teikit.validate.cache import cache_folder
from teikit.validate.schematron import Schematron

SCHEMA = 'xmlns="http://purl.oclc.org/dsdl/schematron"'


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def rules(tmp_path) -> Path:
    (tmp_path / "recipient.sch").write_text(
        f'<rule {SCHEMA} context="letter"><assert test="to">a letter needs a recipient</assert></rule>',
        encoding="utf-8",
    )
    schema = tmp_path / "rules.sch"
    schema.write_text(
        f"""<schema {SCHEMA} queryBinding="xslt2">
          <phase id="recipients"><active pattern="recipient"/></phase>
          <pattern id="recipient"><include href="recipient.sch"/></pattern>
          <pattern id="sender">
            <rule context="letter"><assert test="from">a letter needs a sender</assert></rule>
          </pattern>
        </schema>""",
        encoding="utf-8",
    )
    return schema


@pytest.fixture
def letter(tmp_path) -> Path:
    path = tmp_path / "letter.xml"
    path.write_text("<letter><body/></letter>", encoding="utf-8")
    return path


def messages(schema: Path, document: Path, phase: str | None = None) -> list[str]:
    return [f.message for f in Schematron(schema, phase).validate(document)]


def not_compiled(*args, **kwargs):
    raise AssertionError("the schema was compiled again")


def test_a_second_start_takes_the_compiled_schema_from_the_cache(cache, rules, letter, monkeypatch):
    first = messages(rules, letter)
    assert len(list(cache.glob("schematron/*.xsl"))) == 1
    monkeypatch.setattr(schematron, "compile_schematron", not_compiled)
    assert messages(rules, letter) == first == ["a letter needs a recipient", "a letter needs a sender"]


def test_each_phase_is_compiled_and_kept_on_its_own(cache, rules, letter):
    assert messages(rules, letter, "recipients") == ["a letter needs a recipient"]
    assert messages(rules, letter) == ["a letter needs a recipient", "a letter needs a sender"]
    assert len(list(cache.glob("schematron/*.xsl"))) == 2


def test_editing_the_schema_compiles_it_again(cache, rules, letter):
    messages(rules, letter)
    rules.write_text(rules.read_text().replace("needs a sender", "wants a sender"), encoding="utf-8")
    assert messages(rules, letter) == ["a letter needs a recipient", "a letter wants a sender"]


def test_editing_an_included_file_compiles_the_schema_again(cache, rules, letter):
    messages(rules, letter)
    included = rules.parent / "recipient.sch"
    included.write_text(included.read_text().replace("needs a recipient", "is addressed to nobody"), encoding="utf-8")
    assert messages(rules, letter) == ["a letter is addressed to nobody", "a letter needs a sender"]


def test_a_damaged_cache_entry_is_rebuilt(cache, rules, letter):
    messages(rules, letter)
    for record in cache.glob("schematron/*.json"):
        record.write_text("{not json", encoding="utf-8")
    assert messages(rules, letter) == ["a letter needs a recipient", "a letter needs a sender"]


def test_without_a_writable_cache_the_schema_still_works(tmp_path, rules, letter, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(blocker / "cache"))
    assert messages(rules, letter) == ["a letter needs a recipient", "a letter needs a sender"]


def test_the_cache_lives_where_the_environment_says(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("TEIKIT_CACHE_DIR", raising=False)
    assert cache_folder() == tmp_path / "home" / ".cache" / "teikit"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "teikit"
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"
