"""Which validators a run uses: the edition's profile by default, or exactly the schemas named."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from teikit.errors import InputError
from teikit.tei import PROFILE
from teikit.validate.findings import Finding
from teikit.validate.locate import where
from teikit.validate.rng_prune import Vocabulary
from teikit.validate.wellformed import Document

PROFILE_RULES = PROFILE.with_suffix(".sch")


class Validator(Protocol):
    def check(self, document: Document) -> list[Finding]: ...


@dataclass(frozen=True)
class Plan:
    """What to validate against; small and picklable, so that worker processes can build it too."""

    xsd: tuple[Path, ...] = ()
    rng: tuple[Path, ...] = ()
    schematron: tuple[Path, ...] = ()
    phase: str | None = None
    edition: bool = False
    vocabulary: Vocabulary | None = None  # what the files use, for pruning RELAX NG grammars

    @classmethod
    def profile(cls) -> Plan:
        """The edition's profile: schema/edition.xsd, and schema/edition.sch for what XSD cannot say."""
        return cls(xsd=(PROFILE,), schematron=(PROFILE_RULES,), edition=True)

    @classmethod
    def tei_all(cls, folder: Path) -> tuple[Path, Path]:
        """tei_all's RELAX NG grammar and TEI's Schematron rules in a folder laid out like TEI's releases."""
        grammar, rules = folder / "relaxng" / "tei_all.rng", folder / "schematron" / "tei_all.isosch"
        for needed in (grammar, rules):
            if not needed.is_file():
                raise InputError(folder, f"--tei-all expects {needed.relative_to(folder)} in this folder, and it is not there")
        return grammar, rules

    def build(self) -> list[Validator]:
        """The validators, fast forms first (``teikit.validate.fast``): the full engines start only when a
        document needs them."""
        # Imported here: a worker builds only the engines its plan needs.
        from teikit.validate.fast import FastSchematronValidator, FastXsdValidator

        validators: list[Validator] = [FastXsdValidator(path, edition=self.edition) for path in self.xsd]
        if self.rng:
            from teikit.validate.rng import RngValidator

            validators += [RngValidator(path, self.vocabulary) for path in self.rng]
        validators += [FastSchematronValidator(path, self.phase) for path in self.schematron]
        return validators


class SchematronValidator:
    """ISO Schematron compiled to XSLT 3.0 by teikit and run in saxonche."""

    def __init__(self, path: Path, phase: str | None) -> None:
        from teikit.validate.schematron import Schematron

        self.path = path
        self.schematron = Schematron(path, phase)

    def check(self, document: Document) -> list[Finding]:
        try:
            return _blame_runaway_patterns(document, self.schematron.validate(document.path))
        except InputError as problem:
            return [Finding(str(document.path), problem.line, problem.column, "error", problem.message, self.path.name)]


_RUNAWAY = re.compile(r"Regex backtracking limit exceeded processing (.*?)(?:\\Z)?\. Simplify")


def _blame_runaway_patterns(document: Document, findings: list[Finding]) -> list[Finding]:
    """A regular expression that backtracks without end is the fault of the attribute that holds it (a
    prefixDef's @matchPattern), not of every pointer a rule tried it on: one finding, there."""
    kept: list[Finding] = []
    blamed: set[str] = set()
    for finding in findings:
        found = _RUNAWAY.search(finding.message)
        holder = _holder(document, found.group(1)) if found else None
        if holder is None:
            kept.append(finding)
            continue
        element, name = holder
        if found.group(1) in blamed:
            continue
        blamed.add(found.group(1))
        line, column = document.position(element)
        kept.append(Finding(
            finding.path, line, column, "error",
            f'{where(element)} has {name}="{found.group(1)}", a regular expression that can take exponential time '
            "to match (it repeats a repetition, as (a+)+ does): write it without the nested repetition, such as "
            "([A-Za-z0-9_.-]+)",
            finding.rule,
        ))
    return sorted(kept, key=lambda f: (f.line, f.column))


def _holder(document: Document, pattern: str) -> tuple[object, str] | None:
    for element in document.tree.iter("{*}*"):
        for name, value in element.attrib.items():
            if value == pattern:
                return element, name.rsplit("}", 1)[-1]
    return None
