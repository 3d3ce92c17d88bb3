"""Where per-document work runs: in this process, in local worker processes, or on a Dask cluster.

Every build that does the same work for each of many documents maps it through :func:`map_items`:

    from teikit.executors import Executor, map_items
    for result in map_items(check_one, paths, Executor(jobs=4), progress=bar.update):
        ...

``function`` must be picklable (a module-level function, or a ``functools.partial`` of one) and so
must the items and results; on a cluster it runs in the workers' processes, which must have teikit
installed and see the same files (a shared file system or object store), so give them absolute paths.
Locally ``concurrent.futures`` does the work; beyond one machine, ``dask.distributed`` (the optional
extra ``teikit[dask]``). No scheduling of our own.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TypeVar

from teikit.errors import InputError

T = TypeVar("T")
R = TypeVar("R")

KINDS = ("local", "dask")


@dataclass(frozen=True)
class Executor:
    """``local`` with ``jobs`` processes (1: this process), or ``dask`` through the scheduler at ``scheduler``."""

    kind: str = "local"
    jobs: int = 1
    scheduler: str | None = None  # tcp://HOST:PORT of a running dask scheduler
    fork: bool = True  # local workers may be forked (False: started afresh, for state that must not be inherited)


def map_items(
    function: Callable[[T], R],
    items: Iterable[T],
    executor: Executor = Executor(),
    *,
    ordered: bool = True,
    progress: Callable[[R], None] | None = None,
) -> Iterator[R]:
    """``function(item)`` for every item: in the items' order, or as each is done when not ``ordered``.

    ``progress`` is called with each result as it arrives. An exception raised by ``function``
    propagates to the caller, as it would in a loop.
    """
    items = list(items)
    if executor.kind == "dask":
        results = _on_dask(function, items, executor, ordered)
    elif executor.kind == "local":
        results = _locally(function, items, executor, ordered)
    else:
        raise InputError("--executor", f'"{executor.kind}" is not an executor teikit knows (it knows {", ".join(KINDS)})')
    for result in results:
        if progress is not None:
            progress(result)
        yield result


def _locally(function, items: list, executor: Executor, ordered: bool) -> Iterator:
    jobs = min(executor.jobs, len(items))
    if jobs <= 1:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork" if executor.fork else "spawn")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        if ordered:
            yield from pool.map(function, items, chunksize=max(1, min(32, len(items) // (jobs * 8))))
        else:
            futures = [pool.submit(function, item) for item in items]
            for future in as_completed(futures):
                yield future.result()


def _on_dask(function, items: list, executor: Executor, ordered: bool) -> Iterator:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise InputError("--executor", "dask is not installed: pip install 'teikit[dask]'") from None
    if not executor.scheduler:
        raise InputError("--executor", "dask needs the address of its scheduler: --scheduler tcp://HOST:PORT")
    try:
        client = Client(executor.scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise InputError(executor.scheduler, f"no dask scheduler answers there ({error})") from None
    with client:
        futures = client.map(function, items, pure=False)
        if ordered:
            for future in futures:
                yield future.result()
        else:
            for future in dask_completed(futures):
                yield future.result()
