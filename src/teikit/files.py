"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def regular_status(path: Path) -> os.stat_result | None:
    """What the file system says of a regular file without reading it; None when there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def file_system_now(folder: Path) -> int:
    """The time a file written now in ``folder`` is given (nanoseconds, rounded down to the second).

    A file whose modification time is not older than this may be written again within the same
    tick and keep its time and size (it is "racily clean", as git says): a build that trusts
    sizes and times reads such a file again next time. Taken from the file system, not Python's
    clock: a file's times come from the kernel's coarse clock, which lags the fine one by up to a
    tick. Rounded down to the second because the files read may live on a file system that keeps
    times to the second only."""
    with tempfile.TemporaryFile(dir=folder) as probe:
        return os.fstat(probe.fileno()).st_mtime_ns // 1_000_000_000 * 1_000_000_000


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The rename is atomic on POSIX, so an interrupted run leaves either the old
    file or the new one, never a truncated mix. A file replaced keeps its mode.
    """
    with atomic_file(path) as handle:
        handle.write(data)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path`` through bit by bit (a table too large to hold whole), put in place
    as :func:`write_atomically` does when the block ends, and removed when it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# What a failed write means for the user, and what to do about it, by errno.
_REASONS = {
    errno.ENOSPC: "the disk is full; free some space and run the command again",
    errno.EDQUOT: "the disk quota is exhausted; free some space and run the command again",
    errno.EROFS: "the file system is read-only; choose another output folder with -o",
    errno.EACCES: "permission denied; make the folder writable or choose another with -o",
    errno.EPERM: "the file or its folder may not be changed (immutable?); check its attributes (lsattr)",
    errno.EISDIR: "it is a folder; move the folder away or choose another output folder with -o",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another output folder with -o",
}


def why_not_written(exc: OSError) -> str:
    """The reason a write failed, in words a user can act on (the system's own words for a rarer one)."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def reuse(previous: Path | str, staging: Path | str, name: str) -> bool:
    """Put the previous version's file ``name`` (relative to its folder) into ``staging``; False
    when it is not there (or is not a regular file: a link could lead out of the folder)."""
    old = os.path.join(previous, name)
    try:
        if not stat.S_ISREG(os.lstat(old).st_mode):
            return False
    except OSError:
        return False
    link_or_copy(old, os.path.join(staging, name))
    return True


def link_or_copy(old: str | Path, new: str | Path) -> None:
    try:
        os.link(old, new)  # a version is never written again once published: sharing its file is safe
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(old, new)
