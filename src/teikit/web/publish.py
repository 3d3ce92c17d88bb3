"""Putting a finished build in place so that no crash, not even ``kill -9``, leaves it torn.

The output (``build/web``, ``build/print``) is a symbolic link to a complete version beside it
(``build/.web-site-…``, ``build/.print-version-…``). A build writes a new version in
``build/.web-building-…``, renames it to a version name when it is whole, and replaces the link by a
new one with one ``rename``: readers see the old output or the new one, never half of one (never old
PDFs beside new ones), and never nothing. Whatever a killed build left behind (its building folder, a
link not yet swapped, versions no longer shown) is removed by the next build, which holds a lock on
the output meanwhile, so that two builds never clean up under each other. The version the link
pointed to before stays until that next build, for readers still on it. Each command that publishes
this way has its ``Kind``: its marker file and the words of its messages.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from teikit.errors import InputError


@dataclass(frozen=True)
class Kind:
    """What one command publishes."""

    command: str  # as the user types it, for messages
    what: str  # what the output is, in messages
    version: str  # the word in the version folders' names
    # A file that marks a version as built by this command, and so safe to replace (None: the
    # output holds only what the command wrote, and ``owned`` says what that is).
    marker: str | None = None
    # Files an earlier teikit wrote straight into a real output folder, before versions existed:
    # a folder holding nothing else is taken as such a build and replaced.
    owned: tuple[str, ...] = ()


WEB = Kind("teikit build web", "site", "site", ".teikit-web")
PRINT = Kind("teikit build print", "print edition", "version", owned=("*.pdf", "*.typ"))
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def building_prefix(output: Path) -> str:
    return f".{output.name}-building-"


def _version_prefix(output: Path, kind: Kind = WEB) -> str:
    return f".{output.name}-{kind.version}-"


def _link_prefix(output: Path) -> str:
    return f".{output.name}-link-"


def current_version(output: Path, kind: Kind = WEB) -> Path | None:
    """The version folder the output's link points to, when it is one of ours."""
    if not output.is_symlink():
        return None
    target = Path(os.readlink(output))
    if target.parent != Path(".") or not target.name.startswith(_version_prefix(output, kind)):
        return None
    return output.parent / target.name


def check_output(output: Path, kind: Kind = WEB) -> None:
    """Refuse to replace what teikit did not build."""
    if output.is_symlink():
        if current_version(output, kind) is None:
            raise InputError(output, "is a link teikit did not make; choose another folder with -o, or remove the link")
        return
    if output.exists() and not output.is_dir():
        raise InputError(output, "is a file, not a folder; choose another folder with -o")
    if not output.is_dir() or (kind.marker and (output / kind.marker).exists()):
        return
    for entry in output.iterdir():
        if entry.is_file() and not entry.is_symlink() and any(entry.match(p) for p in kind.owned):
            continue
        if not kind.owned:
            raise InputError(output, "exists and was not built by teikit; choose another folder with -o, or empty it")
        what = "a folder" if entry.is_dir() else "not a file teikit writes there"
        raise InputError(entry, f"is {what}, and `{kind.command}` replaces {output} whole; "
                                "move it away, or choose another folder with -o")


@contextmanager
def locked(output: Path, kind: Kind = WEB) -> Iterator[None]:
    """Hold the output for one build; a second build of the same output at the same time is refused."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock = output.parent / f".{output.name}.lock"
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(output, f"another `{kind.command}` is writing this {kind.what}; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_leftovers(output: Path, kind: Kind = WEB) -> None:
    """Remove what earlier builds left beside the output: building folders of killed builds, links
    never swapped in, and every version but the one shown. Call it holding the lock."""
    remove(leftovers(output, kind))


def leftovers(output: Path, kind: Kind = WEB) -> list[Path]:
    """What :func:`clean_leftovers` removes, listed before a build makes its own folder there."""
    shown = current_version(output, kind)
    prefixes = (building_prefix(output), _version_prefix(output, kind), _link_prefix(output),
                f".{output.name}-pages-", f".{output.name}-old-")
    return [leftover for leftover in output.parent.iterdir() if leftover.name.startswith(prefixes) and leftover != shown]


def remove(paths: list[Path]) -> None:
    for leftover in paths:
        if leftover.is_symlink() or not leftover.is_dir():
            leftover.unlink(missing_ok=True)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def new_building_folder(output: Path) -> Path:
    folder = output.parent / f"{building_prefix(output)}{secrets.token_hex(6)}"
    folder.mkdir(mode=0o755)
    return folder


def put_in_place(staging: Path, output: Path, kind: Kind = WEB) -> Path:
    """Make the finished ``staging`` the output in one atomic step; return its version folder."""
    if kind.marker:
        (staging / kind.marker).write_text(f"A {kind.what} built by `{kind.command}`; the next build replaces it.\n")
    version = output.parent / f"{_version_prefix(output, kind)}{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    staging.rename(version)
    link = output.parent / f"{_link_prefix(output)}{secrets.token_hex(6)}"
    link.symlink_to(version.name, target_is_directory=True)
    if output.is_dir() and not output.is_symlink():
        # An output built before versions existed is a real folder, which rename() cannot replace by
        # a link; exchanging the two keeps an output there throughout.
        _exchange(link, output)
        shutil.rmtree(link, ignore_errors=True)
    else:
        os.replace(link, output)
    return version


def _exchange(first: Path, second: Path) -> None:
    # The interpreter's own libc, as for prctl (teikit.processes): ctypes.util.find_library would run ldconfig.
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None and renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return
    # Without renameat2 (not Linux, or an old kernel) there is a moment without a site, once.
    retired = second.with_name(f"{_link_prefix(second)}{secrets.token_hex(6)}-old")
    second.rename(retired)
    os.replace(first, second)
    shutil.rmtree(retired, ignore_errors=True)
