"""Processes a build starts that end with it: a build killed, even by ``kill -9``, leaves no worker,
Typst run, merge or Pagefind going on for nobody, writing into a folder the next build removes."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Make this process (a worker, Pagefind) end when the build that started it (``parent``, by
    default the process's parent now) is killed, even by ``kill -9``: no orphans keep writing into a
    folder the next build removes. A worker that starts after its build died ends at once."""
    parent = parent or os.getppid()
    if os.getppid() != parent:
        os._exit(1)
    prctl = getattr(ctypes.CDLL(None), "prctl", None)  # the interpreter's own libc: find_library runs ldconfig
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(1)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def run_dying_with_parent(argv: list[str]) -> list[str]:
    """The command line that runs ``argv`` (a program such as Pagefind) so that it dies with us: a
    small Python asks the kernel for it, then becomes the program (the request survives exec). Our
    pid goes with it: were the child to take its parent when it starts, a build killed before then
    would leave it adopted by init, and running. That Python runs bare (-I -S: no site packages,
    no teikit), so it is gone in milliseconds: it waits between the pages and their index."""
    return [sys.executable, "-I", "-S", "-c", _BECOME, str(os.getpid()), *argv]


# The libc of the interpreter itself (CDLL(None)), not one looked for with ctypes.util, which runs
# ldconfig. Where there is no prctl (not Linux) the program is only started.
_BECOME = f"""\
import ctypes, os, sys
parent = int(sys.argv[1])
prctl = getattr(ctypes.CDLL(None), "prctl", None)
if prctl is not None:
    prctl({_PR_SET_PDEATHSIG}, {int(signal.SIGKILL)})
if os.getppid() != parent:
    os._exit(1)
os.execv(sys.argv[2], sys.argv[2:])
"""


@contextmanager
def ended_as_by_ctrl_c() -> Iterator[None]:
    """SIGTERM and SIGHUP end this process as Ctrl-C does, by an exception, so that its ``with`` and
    ``finally`` blocks remove its temporary folders on the way out (by default these signals end it
    at once and leave them, e.g. /tmp/teikit-book-*); its children are stopped as the exception
    passes (subprocess kills the one it waits for). The exit status is the shell's for the signal."""

    def stop(number: int, frame: object) -> None:
        raise SystemExit(128 + number)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
