"""What a validator reports: one finding per problem, located in its file."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    """A problem (or warning) found in a file, in words a textual editor understands."""

    path: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str
    rule: str  # what raised it: "well-formed", "profile", "rng", a Schematron rule id, …

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"

    def as_json(self) -> dict[str, object]:
        return asdict(self)
