"""Corpus scale: the fast checks agree with the full engines, verdicts are cached, runs shard and
merge, the work runs on Dask as it runs here, and hostile inputs stay bounded."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from teikit.executors import Executor, map_items
from teikit.tei import PROFILE
from teikit.validate import wellformed
from teikit.validate.engines import PROFILE_RULES, SchematronValidator
from teikit.validate.fast import FastSchematronValidator, FastXsdValidator, fast_forms_cover, iter_untranslated_assertions
from teikit.validate.xsd import XsdValidator
from tests.conftest import need

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
RECORD = (FIXTURES / "valid" / "record.xml").read_text(encoding="utf-8")
EVERY_FIXTURE = sorted((FIXTURES / "invalid").glob("*.xml")) + sorted((FIXTURES / "valid").glob("*.xml"))

# Small edits of a valid record, each of which a rule of the profile may or may not notice.
MUTATIONS = [
    ('who="#gorbachev"', 'who="#gorbachov"'), ('ref="reg:moscow"', 'ref="reg:baker"'), ('ref="reg:baker"', 'ref="reg:nobody"'),
    ('<gap reason="omitted"', '<gap reason="omitted" quantity="2"'), ('ident="reg"', 'ident="rg"'),
    ('matchPattern="([A-Za-z0-9_.-]+)"', 'matchPattern="x(.*)"'), ('register.xml#$1', 'register.xml$1'),
    ('register.xml#$1', 'elsewhere.xml#$1'), ('<p>Greetings', '<p n="gap">Greetings'), ('Baker</persName>', 'Baker</persName><gi>p</gi>'),
    ('<idno type="wikidata">Q', '<idno type="wikidata">X'), ('who="#teikit"', 'who="#nobody"'), ('xml:lang="en"', 'xml:lang="english"'),
    ('<revisionDesc>', '<revisionDesc resp="#nowhere">'), ('<person ', '<person resp="#teikit" '),
]


@pytest.fixture(scope="module")
def engines():
    return (FastXsdValidator(PROFILE, edition=True), XsdValidator(PROFILE, edition=True),
            FastSchematronValidator(PROFILE_RULES), SchematronValidator(PROFILE_RULES, None))


def variants(tmp_path: Path) -> list[Path]:
    shutil.copy(FIXTURES / "valid" / "register.xml", tmp_path / "register.xml")
    made = []
    for number, (old, new) in enumerate(MUTATIONS):
        assert old in RECORD, old
        path = tmp_path / f"variant-{number}.xml"
        path.write_text(RECORD.replace(old, new, 1), encoding="utf-8")
        made.append(path)
    return made


def test_the_fast_checks_pass_only_what_the_full_engines_pass(engines, tmp_path):
    """Wherever the fast checks find nothing, xmlschema and Saxon find nothing either; and they do not
    send valid documents to the full engines."""
    fast_xsd, full_xsd, fast_rules, full_rules = engines
    documents = [*EVERY_FIXTURE, *variants(tmp_path), *sorted((ROOT / "tei").glob("*.xml"))]
    corpus = ROOT / "tests" / "corpus" / "tei"
    documents += sorted(corpus.rglob("*.xml"))[:40] if corpus.is_dir() else []
    passed = 0
    for path in documents:
        document = wellformed.parse(path, path.read_bytes())
        if not isinstance(document, wellformed.Document):
            continue
        if fast_xsd.passes(document):
            passed += 1
            assert full_xsd.check(document) == [], path.name
        if fast_rules.check(document) == []:
            assert full_rules.check(document) == [], path.name
    assert passed >= 8


def test_every_rule_and_assertion_of_the_profile_has_a_fast_form():
    """A rule without one sends every document where it applies to Saxon: 30 times slower. When this
    fails, translate the rule's XPath into what teikit.validate.xpath1 understands, or give it a form
    in teikit.validate.fast."""
    assert fast_forms_cover(PROFILE_RULES) == []
    assert list(iter_untranslated_assertions(PROFILE)) == []


def _run(teikit, *arguments):
    return teikit("validate", "--format", "json", *arguments)


def test_a_second_run_takes_unchanged_verdicts_from_the_cache(teikit, tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))
    files = variants(tmp_path)
    first = _run(teikit, *files)
    assert "from the cache" not in first.stderr
    second = _run(teikit, *files)
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    assert f"{len(files)} of {len(files)} verdicts from the cache" in second.stderr
    assert "from the cache" not in _run(teikit, "--no-cache", *files).stderr


def test_a_changed_file_or_register_is_checked_again(teikit, tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copy(FIXTURES / "valid" / "register.xml", tmp_path / "register.xml")
    record = tmp_path / "record.xml"
    record.write_text(RECORD, encoding="utf-8")
    assert teikit("validate", record).exit_code == 0
    register = (tmp_path / "register.xml").read_text(encoding="utf-8")
    (tmp_path / "register.xml").write_text(register.replace('xml:id="baker"', 'xml:id="baker-james"'), encoding="utf-8")
    result = teikit("validate", record)
    assert result.exit_code == 1 and "register-pointer-resolves" in result.stdout
    assert "from the cache" not in result.stderr


def test_shards_merge_into_the_report_of_one_run(teikit, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    for path in sorted((FIXTURES / "invalid").glob("*.xml"))[:9]:
        shutil.copy(path, folder / path.name)
    whole = json.loads(_run(teikit, "--no-cache", folder).stdout)
    reports = []
    for part in (1, 2, 3):
        shard = _run(teikit, "--shard", f"{part}/3", folder)
        assert len(json.loads(shard.stdout)["files"]) == 3
        (tmp_path / f"shard-{part}.json").write_text(shard.stdout)
        reports.append(tmp_path / f"shard-{part}.json")
    merged = _run(teikit, "--merge", *reports)
    assert merged.exit_code == 1
    assert json.loads(merged.stdout) == whole
    junit = []
    for part in (1, 2):
        shard = teikit("validate", "--format", "junit", "--shard", f"{part}/2", folder)
        (tmp_path / f"shard-{part}.xml").write_text(shard.stdout)
        junit.append(tmp_path / f"shard-{part}.xml")
    assert json.loads(_run(teikit, "--merge", *junit).stdout) == whole


def test_a_shard_must_be_k_of_n(teikit):
    result = teikit("validate", "--shard", "4/3", FIXTURES / "valid")
    assert result.exit_code == 2 and "is not K/N" in result.output


def _square(number: int) -> int:
    return number * number


def test_executors_map_in_order_or_as_completed():
    seen = []
    assert list(map_items(_square, range(7), Executor(jobs=2), progress=seen.append)) == [n * n for n in range(7)]
    assert seen == [n * n for n in range(7)]
    assert sorted(map_items(_square, range(7), Executor(jobs=2), ordered=False)) == [n * n for n in range(7)]


def test_dask_gives_the_same_report_as_a_local_run(teikit, tmp_path):
    try:
        from dask.distributed import LocalCluster
    except ImportError:
        need(False, "dask is not installed (pip install 'teikit[dask]')")
    files = [*variants(tmp_path), *sorted((FIXTURES / "invalid").glob("*.xml"))[:6]]
    local = _run(teikit, "--no-cache", *files)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        remote = _run(teikit, "--no-cache", "--executor", "dask", "--scheduler", cluster.scheduler_address, *files)
    assert remote.exit_code == local.exit_code == 1
    assert remote.stdout == local.stdout


def test_dask_without_a_scheduler_is_an_input_error(teikit):
    result = teikit("validate", "--no-cache", "--executor", "dask", FIXTURES / "valid" / "record.xml")
    assert result.exit_code == 2
    assert "--scheduler tcp://HOST:PORT" in result.stderr or "dask is not installed" in result.stderr


# Bounded time (bench/hostile.py measures the sizes beyond these)


def test_an_element_with_a_thousand_attributes_is_reported_quickly(teikit, tmp_path):
    attributes = " ".join(f'a{n}="v"' for n in range(1000))
    document = tmp_path / "crowded.xml"
    document.write_text(RECORD.replace("<p>Greetings", f"<p {attributes}>Greetings", 1), encoding="utf-8")
    shutil.copy(FIXTURES / "valid" / "register.xml", tmp_path / "register.xml")
    result = teikit("validate", "--no-cache", document)
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert len([line for line in lines if "[unknown-attribute]" in line]) == 1000
    assert lines[0].endswith("has @a0, which this edition does not use on <p> (it takes @n): remove it [unknown-attribute]")


def test_a_runaway_match_pattern_is_blamed_on_the_prefix_definition(teikit, tmp_path):
    shutil.copy(FIXTURES / "valid" / "register.xml", tmp_path / "register.xml")
    document = tmp_path / "record.xml"
    document.write_text(
        RECORD.replace('matchPattern="([A-Za-z0-9_.-]+)"', 'matchPattern="(a+)+$"')
        .replace('ref="reg:moscow"', 'ref="reg:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"'),
        encoding="utf-8",
    )
    result = teikit("validate", "--no-cache", document)
    line = next(n for n, text in enumerate(RECORD.splitlines(), 1) if "<prefixDef" in text)
    assert result.exit_code == 1
    assert re.match(rf"^{re.escape(str(document))}:{line}:\d+: error: <prefixDef> at .*/prefixDef has "
                    r'matchPattern="\(a\+\)\+\$", a regular expression that can take exponential time', result.stdout)
    assert result.stdout.count("error:") == 1
