"""Which validators a run uses: the edition's profile by default, or exactly the schemas named."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from teikit.errors import InputError
from teikit.tei import PROFILE
from teikit.validate.findings import Finding
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

    @property
    def fork_safe(self) -> bool:
        """Saxon must not be inherited through fork(): with Schematron, workers start afresh."""
        return not self.schematron

    def build(self) -> list[Validator]:
        # Imported here: a worker builds only the engines its plan needs.
        validators: list[Validator] = []
        if self.xsd:
            from teikit.validate.xsd import XsdValidator

            validators += [XsdValidator(path, edition=self.edition) for path in self.xsd]
        if self.rng:
            from teikit.validate.rng import RngValidator

            validators += [RngValidator(path, self.vocabulary) for path in self.rng]
        validators += [SchematronValidator(path, self.phase) for path in self.schematron]
        return validators


class SchematronValidator:
    """ISO Schematron compiled to XSLT 3.0 by teikit and run in saxonche."""

    def __init__(self, path: Path, phase: str | None) -> None:
        from teikit.validate.schematron import Schematron

        self.path = path
        self.schematron = Schematron(path, phase)

    def check(self, document: Document) -> list[Finding]:
        try:
            return self.schematron.validate(document.path)
        except InputError as problem:
            return [Finding(str(document.path), problem.line, problem.column, "error", problem.message, self.path.name)]
