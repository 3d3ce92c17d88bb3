"""Compiled schemas kept between runs, so that a second run starts fast.

An entry is keyed by what it was made from (content hashes, teikit's version, the engine's
version) and records every file it depends on, so a changed include invalidates it too.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from teikit import __version__
from teikit.files import write_atomically

T = TypeVar("T")


def cache_folder() -> Path:
    """$TEIKIT_CACHE_DIR, else $XDG_CACHE_HOME/teikit, else ~/.cache/teikit."""
    if os.environ.get("TEIKIT_CACHE_DIR"):
        return Path(os.environ["TEIKIT_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "teikit"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fingerprints(files: Iterable[Path]) -> dict[str, str]:
    return {str(path): digest(path.read_bytes()) for path in files}


def pickled(kind: str, source: Path, key: Iterable[str], build: Callable[[], tuple[T, list[Path]]]) -> T:
    """``build()``'s result for ``source``, from the cache when none of its files changed.

    ``build`` returns the object and every file it was made from.
    """
    name = digest("\n".join([__version__, str(source.resolve()), digest(source.read_bytes()), *key]).encode())
    entry = cache_folder() / kind / f"{name}.pickle"
    try:
        files, value = pickle.loads(entry.read_bytes())
        if _fingerprints(Path(f) for f in files) == files:
            return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # no entry yet, or one from another version: build it again
    value, sources = build()
    try:
        write_atomically(entry, pickle.dumps((_fingerprints(sources), value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache only costs speed
    return value
