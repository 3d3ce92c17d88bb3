"""teikit.server: the ASGI runner every server of teikit uses."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from teikit.errors import InputError
from teikit.server import bind, running

APP = Starlette(routes=[Route("/", lambda request: PlainTextResponse("served"))])


def test_running_serves_on_a_free_loopback_port_and_stops():
    with running(APP) as url:
        assert url.startswith("http://127.0.0.1:")
        assert urllib.request.urlopen(url, timeout=5).read() == b"served"
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


def test_a_burst_of_connections_is_queued_not_reset():
    with running(APP) as url, ThreadPoolExecutor(50) as pool:
        bodies = list(pool.map(lambda _: urllib.request.urlopen(url, timeout=20).read(), range(200)))
    assert bodies == [b"served"] * 200


def test_a_port_in_use_names_the_fix():
    taken = bind("127.0.0.1", 0)
    port = taken.getsockname()[1]
    try:
        with pytest.raises(InputError) as raised:
            bind("127.0.0.1", port)
        assert "choose another port with --port" in str(raised.value)
    finally:
        taken.close()


def test_serve_announces_its_address_and_stops_on_sigterm():
    script = textwrap.dedent("""
        import sys
        from tests.test_server import APP
        from teikit.server import serve
        serve(APP, "127.0.0.1", 0, lambda url: print(url, flush=True))
        print("stopped", flush=True)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert urllib.request.urlopen(url, timeout=5).read() == b"served"
        process.terminate()
        assert process.wait(10) == 0
        assert process.stdout.read().strip() == "stopped"
    finally:
        process.kill()
