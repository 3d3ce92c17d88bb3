"""Where per-document work runs: in this process, in local worker processes, or on a Dask cluster.

Every build that does the same work for each of many documents maps it through :func:`map_items`:

    from teikit.executors import Executor, map_items
    for result in map_items(check_one, paths, Executor(jobs=4), progress=bar.update):
        ...

``function`` must be picklable (a module-level function, or a ``functools.partial`` of one) and so
must the items and results; on a cluster it runs in the workers' processes, which must have teikit
installed and see the same files (a shared file system or object store), so give them absolute paths.

What every item needs alike (an edition's header, a table of contents) goes in ``shared``: it is
sent to each worker once (scattered to every Dask worker, or handed to each local worker as it
starts) rather than with every item, and ``function(shared, item)`` is called.
Locally ``concurrent.futures`` does the work; beyond one machine, ``dask.distributed`` (the optional
extra ``teikit[dask]``). No scheduling of our own.
"""

from __future__ import annotations

import functools
import multiprocessing
import threading
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
    shared: object = None,
    worker_setup: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``function(item)`` (``function(shared, item)`` when ``shared`` is given) for every item: in
    the items' order, or as each is done when not ``ordered``.

    ``progress`` is called with each result as it arrives. An exception raised by ``function``
    propagates to the caller, as it would in a loop. ``worker_setup`` runs once in each local worker
    process as it starts (never in this process, nor on a cluster, whose workers are not ours).
    """
    items = list(items)
    if executor.kind == "dask":
        results = _on_dask(function, items, executor, ordered, shared)
    elif executor.kind == "local":
        results = _locally(function, items, executor, ordered, shared, worker_setup)
    else:
        raise InputError("--executor", f'"{executor.kind}" is not an executor teikit knows (it knows {", ".join(KINDS)})')
    for result in results:
        if progress is not None:
            progress(result)
        yield result


_worker_shared: object = None
_kept = threading.local()


def kept_for(key: str, make: Callable[[], R]) -> R:
    """What a worker (this process, a local worker process, a Dask worker's thread) made for one
    build, ``make()``, kept while the work it is given is that build's (``key``): compiling a
    stylesheet anew for every document would cost more than transforming it."""
    if getattr(_kept, "key", None) != key:
        _kept.value = make()
        _kept.key = key
    return _kept.value


def _start_local_worker(shared: object, setup: Callable[[], None] | None) -> None:
    global _worker_shared
    _worker_shared = shared
    if setup is not None:
        setup()


def _with_worker_shared(function: Callable, item: object) -> object:
    return function(_worker_shared, item)


def _locally(function, items: list, executor: Executor, ordered: bool, shared, setup) -> Iterator:
    jobs = min(executor.jobs, len(items))
    if jobs <= 1:
        yield from map(function if shared is None else functools.partial(function, shared), items)
        return
    context = multiprocessing.get_context("fork" if executor.fork else "spawn")
    if shared is not None:
        function = functools.partial(_with_worker_shared, function)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_local_worker, initargs=(shared, setup)) as pool:
        if ordered:
            yield from pool.map(function, items, chunksize=max(1, min(32, len(items) // (jobs * 8))))
        else:
            futures = [pool.submit(function, item) for item in items]
            for future in as_completed(futures):
                yield future.result()


def _shared_first(item: object, function: Callable, shared: object) -> object:
    return function(shared, item)


def _on_dask(function, items: list, executor: Executor, ordered: bool, shared) -> Iterator:
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
        if shared is None:
            futures = client.map(function, items, pure=False)
        else:
            # Scattered once to every worker; each task names it and Dask hands it the worker's copy.
            scattered = client.scatter(shared, broadcast=True, hash=False)
            futures = client.map(_shared_first, items, function=function, shared=scattered, pure=False)
        if ordered:
            for future in futures:
                yield future.result()
        else:
            for future in dask_completed(futures):
                yield future.result()
