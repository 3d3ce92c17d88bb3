"""Speed of the DTS server: the index build, and navigation and document requests at 1, 10 and 50
concurrent clients, on loopback.

    .venv/bin/python bench/make_corpus.py --docs 1000 --out build/corpus
    .venv/bin/python bench/dts.py build/corpus [--seconds 3] [--workers 2] [--database build/dts-index.sqlite]

Clients are asyncio tasks, each with its own kept-alive connection, running requests back to back for
--seconds, picking from 400 URLs ("repeated": the server answers them again from what it kept), or
each URL asked once ("new": navigation by every top-level unit of every document, shuffled). The server is uvicorn in a separate process (teikit serve --dts), as it is deployed.
Latency on a shared machine depends on the CPU the other processes leave; the server's own CPU time
per request (its worker processes included) does much less, and is printed beside it.
--database reuses (and updates) an index instead of timing a build from scratch.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httptools
import psutil

from teikit.dts.index import Index


def _build(corpus: Path, database: Path, fresh: bool) -> None:
    if fresh:
        database.unlink(missing_ok=True)
    started, cpu = time.perf_counter(), time.process_time()
    problems = Index(database, [corpus]).build()
    full, full_cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    Index(database, [corpus]).build()
    again = time.perf_counter() - started
    # One document changed (its time stamp: the index goes by it), so that it alone is read again.
    changed = sorted(corpus.rglob("*.xml"))[len(problems)]
    stamp = os.stat(changed).st_mtime_ns + 1_000_000_000
    os.utime(changed, ns=(stamp, stamp))
    started = time.perf_counter()
    Index(database, [corpus]).build()
    one = time.perf_counter() - started
    what = "for the corpus from scratch" if fresh else "to bring the given index up to date"
    print(f"index build: {full:.1f} s ({full_cpu:.1f} s of CPU) {what} ({len(problems)} unreadable), "
          f"{again:.2f} s when nothing changed, {one:.2f} s after one document changed")


def _cpu(server: psutil.Process) -> float:
    """CPU seconds the server and its workers have used so far."""
    total = 0.0
    for process in [server, *server.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


class _Connection:
    """One kept-alive HTTP/1.1 connection asking GETs one after another, its answers parsed by
    httptools (uvicorn's parser): httpx spent more CPU per request than the server, and on two cores
    the load generator's CPU is the server's too."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.address = (parts.hostname, parts.port)
        self.host = parts.netloc.encode()
        self.parser = httptools.HttpResponseParser(self)
        self.complete = False

    def on_message_complete(self) -> None:
        self.complete = True

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(*self.address)

    async def get(self, url: str) -> int:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        self.writer.write(b"GET " + target.encode() + b" HTTP/1.1\r\nHost: " + self.host + b"\r\n\r\n")
        self.complete = False
        while not self.complete:
            data = await self.reader.read(1 << 16)
            if not data:
                raise ConnectionError(f"the server closed the connection while answering {url}")
            self.parser.feed_data(data)
        return self.parser.get_status_code()

    def close(self) -> None:
        self.writer.close()


async def _client(base: str, urls, until: float, times: list[float], rng: random.Random):
    connection = _Connection(base)
    await connection.open()
    try:
        while time.perf_counter() < until:
            url = rng.choice(urls) if isinstance(urls, list) else next(urls, None)
            if url is None:
                break
            started = time.perf_counter()
            status = await connection.get(url)
            times.append(time.perf_counter() - started)
            assert status == 200, (url, status)
    finally:
        connection.close()


async def _load(base: str, urls, clients: int, seconds: float) -> tuple[int, float, float, float]:
    times: list[float] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(*(_client(base, urls, until, times, random.Random(n)) for n in range(clients)))
    quantiles = statistics.quantiles(times, n=100)
    return len(times), len(times) / seconds, quantiles[49] * 1000, quantiles[98] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database", type=Path, help="an index to reuse (made when missing)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        database = options.database.resolve() if options.database else Path(scratch) / "dts-index.sqlite"
        site = database.parent / "web"  # teikit serve keeps the index beside the site
        _build(options.corpus, database, fresh=options.database is None)
        started = time.perf_counter()
        server = subprocess.Popen([str(Path(sys.executable).with_name("teikit")), "serve", str(site), "--dts", "--tei", str(options.corpus),
                                   "--port", "0", "--workers", str(options.workers)], stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            wall = time.perf_counter() - started
            used = psutil.Process(server.pid).cpu_times()
            # The CPU time is what the start costs; the wall time also holds the waits for a busy CPU.
            print(f"server start (index up to date): {wall:.2f} s, {used.user + used.system:.2f} s of CPU")
            base = line.split(" at ", 1)[1].split(" ", 1)[0]
            index = Index(database, [options.corpus])
            resources = [r.id for r in index.resources()]
            rng = random.Random(1)
            sample = rng.sample(resources, min(200, len(resources)))
            firsts = {r: [u.identifier for u in index.units(r, "") if u.level == 1][:10] for r in sample}
            navigation = [f"{base}navigation?resource={r}&down=1" for r in sample] + [
                f"{base}navigation?resource={r}&ref={firsts[r][0]}&down=-1" for r in sample if firsts[r]]
            document = [f"{base}document?resource={r}&ref={rng.choice(firsts[r])}" for r in sample if firsts[r]]
            fresh = [f"{base}navigation?resource={r}&ref={u.identifier}&down=1"
                     for r in resources for u in index.units(r, "") if u.level == 1]
            rng.shuffle(fresh)
            new = iter(fresh)
            time.sleep(1 if options.workers > 1 else 0)  # the workers import and open the index
            watched = psutil.Process(server.pid)
            print(f"load average before: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
            print(f"{options.workers} worker(s)\n| requests | clients | req/s | p50 ms | p99 ms | server CPU ms/request |\n|---|---|---|---|---|---|")
            for name, urls in (("navigation, repeated", navigation), ("navigation, new", new), ("document", document)):
                for clients in (1, 10, 50):
                    before = _cpu(watched)
                    count, rate, p50, p99 = asyncio.run(_load(base, urls, clients, options.seconds))
                    cpu = (_cpu(watched) - before) / count * 1000
                    print(f"| {name} | {clients} | {rate:.0f} | {p50:.1f} | {p99:.1f} | {cpu:.2f} |", flush=True)
            print(f"load average after: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
