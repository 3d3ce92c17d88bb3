"""Errors that reach the user as one line: ``file:line:col: error: what is wrong``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """A problem with something the user gave us, located as precisely as we can."""

    path: Path | str
    message: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"
