"""Compiled schemas are kept between runs, and a schema that changed is compiled again."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema

from teikit.tei import PROFILE

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORD = FIXTURES / "valid" / "record.xml"
BROKEN = FIXTURES / "invalid" / "gap-without-reason.xml"  # explained by xmlschema, which a valid file never needs


def test_a_second_run_uses_the_compiled_profile(teikit, tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path))
    assert teikit("validate", BROKEN).exit_code == 1
    assert list((tmp_path / "xsd").glob("*.pickle"))

    def no_build(*args, **kwargs):
        raise AssertionError("the profile was built again")

    monkeypatch.setattr(xmlschema, "XMLSchema11", no_build)
    result = teikit("validate", RECORD, BROKEN)
    assert result.exit_code == 1
    assert "lacks @reason, which it must have (why text is missing" in result.stdout


def test_a_changed_schema_is_compiled_again(teikit, tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))
    schema = tmp_path / "edition.xsd"
    schema.write_text(PROFILE.read_text(encoding="utf-8"))
    assert teikit("validate", "--schema", schema, RECORD).exit_code == 0
    schema.write_text(PROFILE.read_text(encoding="utf-8").replace('<xs:enumeration value="identification"/>', ""))
    result = teikit("validate", "--schema", schema, RECORD)
    assert result.exit_code == 1
    assert 'has reason="identification", which is not one of the values edition.xsd allows: clarification' in result.stdout


def test_the_cache_lives_under_xdg_cache_home(teikit, tmp_path, monkeypatch):
    monkeypatch.delenv("TEIKIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert teikit("validate", BROKEN).exit_code == 1
    assert list((tmp_path / "teikit" / "xsd").glob("*.pickle"))


def test_a_pruned_grammar_is_kept_for_the_same_names(teikit, tmp_path, monkeypatch, tei_p5):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path))
    grammar = tei_p5 / "relaxng" / "tei_all.rng"
    assert teikit("validate", "--rng", grammar, RECORD).exit_code == 0
    kept = list((tmp_path / "rng").glob("*.pickle"))
    assert len(kept) == 1

    from teikit.validate import rng

    def no_prune(*args):
        raise AssertionError("the grammar was pruned again")

    monkeypatch.setattr(rng, "prune", no_prune)
    assert teikit("validate", "--rng", grammar, RECORD).exit_code == 0


def test_a_cache_that_cannot_be_written_only_costs_time(teikit, tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(blocked))
    result = teikit("validate", RECORD)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_profile_runs_with_its_schematron_in_workers(teikit, tmp_path, monkeypatch, jobs):
    """Workers that need Saxon start afresh (spawn) and find the compiled schemas in the cache."""
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path))
    files = [FIXTURES / "invalid" / "register-pointer-dangling.xml", FIXTURES / "invalid" / "dangling-who.xml", RECORD]
    result = teikit("validate", "--jobs", jobs, *files)
    assert result.exit_code == 1
    rules = [line.rsplit("[", 1)[-1] for line in result.stdout.splitlines()[:-1]]
    assert rules == ["register-pointer-resolves]", "who-resolves]"]
