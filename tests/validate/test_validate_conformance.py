"""Everything the profile accepts is conformant TEI, and teikit's RELAX NG verdicts are jing's."""

from __future__ import annotations

import copy
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from xmlschema.validators import XsdElement, XsdGroup

from teikit.tei import PROFILE
from teikit.validate.xsd import load
from teikit.xmlfile import hardened_parser
from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
EVERY_FIXTURE = sorted((FIXTURES / "invalid").glob("*.xml")) + VALID
EDITION = sorted((ROOT / "tei").glob("*.xml"))


def errors(tei_all: etree.RelaxNG) -> str:
    return "; ".join(f"{e.line}: {e.message}" for e in tei_all.error_log)


@pytest.mark.parametrize("path", VALID + EDITION, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_what_the_profile_accepts_is_valid_against_tei_all(tei_all, path):
    assert tei_all.validate(etree.parse(str(path), hardened_parser())), errors(tei_all)


def test_it_also_keeps_tei_s_own_constraints(teikit, tei_p5):
    """tei_all's Schematron (tei_all.isosch) and RELAX NG together, as `--tei-all` runs them."""
    result = teikit("validate", "--tei-all", tei_p5, *VALID, *EDITION)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{len(VALID) + len(EDITION)} files, 0 errors, 0 warnings\n"


def test_tei_all_s_schematron_reports_a_violation_through_the_command(teikit, tei_p5, tmp_path):
    broken = tmp_path / "record.xml"
    broken.write_text(
        (FIXTURES / "valid" / "record.xml").read_text(encoding="utf-8").replace(
            '<date when="2026-11-22">22 November 2026</date>', '<date when="2026-11-22" notBefore="2026-01-01">22 November 2026</date>'
        )
    )
    result = teikit("validate", "--tei-all", tei_p5, broken)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{broken}:18:9: error: The @when attribute cannot be used with any other att.datable.w3c attributes. "
        "[tei_all-att.datable.w3c-att-datable-w3c-when-constraint-rule-2]"
    )


# Conformance of the profile's whole breadth: every element in its least form, every child in
# every parent, every attribute with every listed value. Whatever of that the profile accepts
# must be valid TEI.

SAMPLES = {"isoDate": "1990-11-19", "registerPointer": "reg:moscow", "localPointer": "#teikit", "language": "en"}
BUILTIN_SAMPLES = {"anyURI": "https://example.org/", "positiveInteger": "1", "date": "1990-11-19"}
OVERRIDES = {("sp", "who"): "#gorbachev", ("idno", None): "Q1"}
_ids = itertools.count(1)


def sample(element: str, kind: object) -> Iterator[str]:
    """Values the type admits: each value of a list, else one typical value."""
    while kind is not None:
        if getattr(kind, "enumeration", None):
            yield from (str(v) for v in kind.enumeration)
            return
        name = getattr(kind, "local_name", None)
        if name in SAMPLES:
            yield SAMPLES[name]
            return
        if name == "ID":
            yield f"x{next(_ids)}"
            return
        if name in BUILTIN_SAMPLES:
            yield BUILTIN_SAMPLES[name]
            return
        kind = getattr(kind, "base_type", None)
    yield "x"


def required(group: object) -> list[XsdElement]:
    if not isinstance(group, XsdGroup) or group.min_occurs == 0:
        return []
    particles = [group[0]] if group.model == "choice" else [p for p in group if p.min_occurs > 0]
    found: list[XsdElement] = []
    for particle in particles:
        found += [particle] if isinstance(particle, XsdElement) else required(particle)
    return found


def least(declaration: XsdElement) -> etree._Element:
    """The smallest instance of an element: required attributes and children only."""
    element = etree.Element(declaration.name)
    local = declaration.local_name
    for name, attribute in declaration.attributes.items():
        if name and attribute.use == "required":
            element.set(name, OVERRIDES.get((local, name)) or next(sample(local, attribute.type)))
    kind = declaration.type
    if kind.is_simple() or kind.has_simple_content():
        element.text = OVERRIDES.get((local, None)) or next(sample(local, kind if kind.is_simple() else kind.content))
        return element
    if kind.mixed:
        element.text = "x"
    for child in required(kind.content):
        element.append(least(child))
    return element


@pytest.fixture(scope="module")
def profile():
    return load(PROFILE)


@pytest.fixture(scope="module")
def declarations(profile) -> dict[str, XsdElement]:
    return {c.name: c for c in profile.iter_components(XsdElement) if c.ref is None}


@pytest.fixture(scope="module")
def hosts() -> list[etree._ElementTree]:
    return [etree.parse(str(path), hardened_parser()) for path in VALID]


def variants(hosts, tag: str) -> Iterator[tuple[etree._ElementTree, etree._Element]]:
    """A fresh copy of each host document that has ``tag``, with its first such element."""
    for host in hosts:
        if next(host.getroot().iter(tag), None) is not None:
            copied = copy.deepcopy(host)
            yield copied, next(copied.getroot().iter(tag))


def check(profile, tei_all, document, what: str, accepted: list[str], refused: list[str]) -> bool:
    if not profile.is_valid(document):
        return False
    accepted.append(what)
    if not tei_all.validate(document):
        refused.append(f"{what}: {errors(tei_all)}")
    return True


def test_every_element_in_its_least_form(profile, tei_all, declarations, hosts):
    accepted: list[str] = []
    refused: list[str] = []
    for name, declaration in declarations.items():
        for document, element in variants(hosts, name):
            replacement = least(declaration)
            if element.getparent() is None:
                continue
            element.getparent().replace(element, replacement)
            if check(profile, tei_all, document, f"least <{declaration.local_name}>", accepted, refused):
                break
    assert not refused, refused
    assert len(accepted) >= len(declarations) * 3 // 4


def test_every_child_in_every_parent(profile, tei_all, declarations, hosts):
    accepted: list[str] = []
    refused: list[str] = []
    for name, declaration in declarations.items():
        content = getattr(declaration.type, "content", None)
        children = sorted({e.name for e in content.iter_elements()}) if hasattr(content, "iter_elements") else []
        for child in children:
            for document, parent in variants(hosts, name):
                namesakes = [i for i, c in enumerate(parent) if c.tag == child]
                for position in [namesakes[-1] + 1] if namesakes else [0, len(parent)]:
                    trial = copy.deepcopy(document)
                    target = trial.getroot() if name == trial.getroot().tag else next(trial.getroot().iter(name))
                    target.insert(position, least(declarations[child]))
                    if check(profile, tei_all, trial, f"<{_local(child)}> in <{_local(name)}>", accepted, refused):
                        break
                else:
                    continue
                break
    assert not refused, refused
    assert len(accepted) >= 130


def test_every_attribute_with_every_value(profile, tei_all, declarations, hosts):
    accepted: list[str] = []
    refused: list[str] = []
    for name, declaration in declarations.items():
        for attribute_name, attribute in declaration.attributes.items():
            if not attribute_name or attribute_name.endswith("}id"):
                continue
            local = declaration.local_name
            values = [OVERRIDES[(local, attribute_name)]] if (local, attribute_name) in OVERRIDES else sample(local, attribute.type)
            for value in values:
                for document, element in variants(hosts, name):
                    element.set(attribute_name, value)
                    if check(profile, tei_all, document, f'<{local} {_local(attribute_name)}="{value}">', accepted, refused):
                        break
    assert not refused, refused
    assert len(accepted) >= 80


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


# Verdict agreement with jing (Debian's package), fixture by fixture.

JING_PROBLEM = re.compile(r"^(?P<path>/.+?):\d+:\d+: (?P<kind>error|fatal):", re.M)
EXTERNAL_ENTITY = re.compile(rb'<!ENTITY\s+\S+\s+SYSTEM\s+"file://([^"]+)"')


@pytest.fixture(scope="module")
def jing_verdicts(tei_p5) -> dict[str, bool]:
    """jing's verdict on each fixture. jing stops at the first file that is not well-formed, so it
    runs again from the file after that one."""
    need(shutil.which("jing") is not None, "jing is not installed (apt-get install jing; it needs Java)")
    # jing reports what it finds in an external entity under the entity's own path.
    owner = {
        entity.decode(): str(path) for path in EVERY_FIXTURE for entity in EXTERNAL_ENTITY.findall(path.read_bytes())
    }
    invalid: set[str] = set()
    remaining = list(EVERY_FIXTURE)
    while remaining:
        result = subprocess.run(
            ["jing", str(tei_p5 / "relaxng" / "tei_all.rng"), *map(str, remaining)],
            capture_output=True, text=True, timeout=300,
        )
        problems = list(JING_PROBLEM.finditer(result.stdout + result.stderr))
        invalid |= {owner.get(m.group("path"), m.group("path")) for m in problems}
        fatal = [m.group("path") for m in problems if m.group("kind") == "fatal"]
        remaining = remaining[[str(p) for p in remaining].index(fatal[-1]) + 1 :] if fatal else []
    return {path.name: str(path) not in invalid for path in EVERY_FIXTURE}


def test_jing_has_something_to_disagree_with(jing_verdicts):
    verdicts = set(jing_verdicts.values())
    assert verdicts == {True, False}


@pytest.mark.parametrize("path", EVERY_FIXTURE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rng_gives_jing_s_verdict(teikit, tei_p5, jing_verdicts, path):
    """One file at a time, so the grammar is pruned to that file alone (the hardest case)."""
    result = teikit("validate", "--rng", tei_p5 / "relaxng" / "tei_all.rng", path)
    assert result.exit_code in (0, 1), result.output
    assert (result.exit_code == 0) == jing_verdicts[path.name], result.output


def test_rng_gives_jing_s_verdicts_on_all_fixtures_at_once(teikit, tei_p5, jing_verdicts):
    result = teikit("validate", "--format", "json", "--rng", tei_p5 / "relaxng" / "tei_all.rng", *EVERY_FIXTURE)
    ours = {Path(entry["path"]).name: entry["valid"] for entry in json.loads(result.stdout)["files"]}
    assert ours == jing_verdicts
