"""Running teikit's ASGI applications (the site, DTS, the editor) with uvicorn.

The socket is bound here rather than by uvicorn so that port 0 (any free port) can be announced
before the first request, and so that the listen backlog is ours: a burst of readers is queued,
not reset.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator

import uvicorn
import uvicorn.supervisors

from teikit.errors import InputError

LOOPBACK = "127.0.0.1"
# Connections the kernel queues while every worker is busy.
BACKLOG = 1024


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``; an InputError that names the fix when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets whose proto says TCP,
    # and with Nagle on, a response written as headers then body waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError(f"{host}:{port}", f"cannot listen there ({exc.strerror}); choose another port with --port") from None
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock


def address(sock: socket.socket) -> str:
    """The base URL a client uses to reach ``sock``."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            yield
            # uvicorn raises a caught SIGINT/SIGTERM again once it has shut down gracefully, which
            # would end teikit with a traceback or a signal status; here a signal is a clean stop.
            self._captured_signals.clear()


def _config(app) -> uvicorn.Config:
    # Requests are not logged (a reader's browsing is nobody's business); failures are.
    return uvicorn.Config(app, log_level="warning", access_log=False, backlog=BACKLOG,
                          timeout_graceful_shutdown=2, server_header=False, date_header=True,
                          lifespan="off")


def serve(app, host: str, port: int, announce: Callable[[str], None], workers: int = 1) -> None:
    """Serve ``app`` until Ctrl-C or SIGTERM; ``announce`` is told the address once it listens.

    With ``workers`` > 1, ``app`` is the import string of a factory ("module:function") that each
    worker process calls, all of them accepting on the one socket: Python runs one request at a time
    per process, so this is how a server uses more than one core.
    """
    sock = bind(host, port)
    announce(address(sock))
    try:
        if workers > 1:
            config = _config(app)
            config.workers, config.factory = workers, True
            # uvicorn restarts a worker that has not answered its health check in 5 s, dropping its
            # connections; on a loaded machine a busy worker is slow, not dead.
            config.timeout_worker_healthcheck = 60
            uvicorn.supervisors.Multiprocess(config, sockets=[sock]).run()
        else:
            _Server(_config(app)).run(sockets=[sock])
    finally:
        sock.close()


@contextlib.contextmanager
def running(app, host: str = LOOPBACK, port: int = 0) -> Iterator[str]:
    """``app`` served from a thread for as long as the block runs; yields its base URL (for tests and tools)."""
    sock = bind(host, port)
    server = _Server(_config(app))
    # uvicorn takes signals only in the main thread; here the block's end stops the server.
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the server stopped before it started")
            threading.Event().wait(0.01)
        yield address(sock)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
