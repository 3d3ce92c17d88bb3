"""Speed of the DTS server: the index build, and navigation and document requests at 1, 10 and 50
concurrent clients, on loopback.

    .venv/bin/python bench/make_corpus.py --docs 1000 --out build/corpus
    .venv/bin/python bench/dts.py build/corpus [--seconds 3]

Clients are asyncio tasks sharing one httpx connection pool; each runs requests back to back for
--seconds. The server is uvicorn in a separate process (teikit serve --dts), as it is deployed.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from teikit.dts.index import Index


def _build(corpus: Path, database: Path) -> None:
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    problems = Index(database, [corpus]).build()
    full = time.perf_counter() - started
    started = time.perf_counter()
    Index(database, [corpus]).build()
    again = time.perf_counter() - started
    print(f"index build: {full:.1f} s for the corpus ({len(problems)} unreadable), {again:.2f} s when nothing changed")


async def _client(client: httpx.AsyncClient, urls: list[str], until: float, times: list[float], rng: random.Random):
    while time.perf_counter() < until:
        url = rng.choice(urls)
        started = time.perf_counter()
        response = await client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)


async def _load(urls: list[str], clients: int, seconds: float) -> tuple[float, float, float]:
    times: list[float] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        until = time.perf_counter() + seconds
        await asyncio.gather(*(_client(client, urls, until, times, random.Random(n)) for n in range(clients)))
    quantiles = statistics.quantiles(times, n=100)
    return len(times) / seconds, quantiles[49] * 1000, quantiles[98] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "web"
        _build(options.corpus, Path(scratch) / "dts-index.sqlite")
        started = time.perf_counter()
        server = subprocess.Popen([str(Path(sys.executable).with_name("teikit")), "serve", str(site), "--dts", "--tei", str(options.corpus),
                                   "--port", "0"], stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            print(f"server start (index up to date): {time.perf_counter() - started:.2f} s")
            base = line.split(" at ", 1)[1].split(" ", 1)[0]
            index = Index(Path(scratch) / "dts-index.sqlite", [options.corpus])
            resources = [r.id for r in index.resources()]
            rng = random.Random(1)
            sample = rng.sample(resources, min(200, len(resources)))
            firsts = {r: [u.identifier for u in index.units(r, "") if u.level == 1][:10] for r in sample}
            navigation = [f"{base}navigation?resource={r}&down=1" for r in sample] + [
                f"{base}navigation?resource={r}&ref={firsts[r][0]}&down=-1" for r in sample if firsts[r]]
            document = [f"{base}document?resource={r}&ref={rng.choice(firsts[r])}" for r in sample if firsts[r]]
            print("| requests | clients | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|")
            for name, urls in (("navigation", navigation), ("document", document)):
                for clients in (1, 10, 50):
                    rate, p50, p99 = asyncio.run(_load(urls, clients, options.seconds))
                    print(f"| {name} | {clients} | {rate:.0f} | {p50:.1f} | {p99:.1f} |")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
