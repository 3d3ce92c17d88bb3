"""Errors that reach the user as one line: ``file:line:col: error: what is wrong``."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
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

    def at(self, path: Path | str) -> InputError:
        """The same problem, named by ``path`` (the name the user gave for the file a worker read by another)."""
        return replace(self, path=path)

    def __reduce__(self):
        # Exception's own __reduce__ rebuilds an error from its positional arguments only, so one
        # made with keywords could not be unpickled: workers (local processes, Dask) send them whole.
        return type(self), tuple(getattr(self, f.name) for f in fields(self) if f.init), self.__dict__
