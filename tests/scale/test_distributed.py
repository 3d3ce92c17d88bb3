"""The per-document work of `build web`, the exports and the DTS index on a Dask cluster gives what
a local run gives, byte for byte, bad documents reported the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TEI_FOLDER, edition_files, need
from teikit.dts.static import INDEX, KEPT
from tests.dts.test_static import _rows
from tests.web.test_incremental import _same_site

EXPORTS = ["markdown", "csv", "epub", "docx", "rdf"]


@pytest.fixture(scope="module")
def scheduler():
    """One cluster for the module: two worker processes on 127.0.0.1, a thread each."""
    try:
        from dask.distributed import LocalCluster
    except ImportError:
        need(False, "dask is not installed (pip install 'teikit[dask]')")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The edition's documents and register, a file that is not XML and one that is not TEI."""
    folder = tmp_path_factory.mktemp("corpus") / "tei"
    folder.mkdir()
    for document in [*edition_files(), TEI_FOLDER / "register.xml"]:
        shutil.copy(document, folder / document.name)
    (folder / "1991-broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    (folder / "1992-not-tei.xml").write_text("<html><body>Not TEI.</body></html>", encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def test_build_web_on_dask_equals_a_local_build(teikit, scheduler, corpus, tmp_path):
    local = teikit("build", "web", corpus, "-o", tmp_path / "local" / "web", "--downloads", tmp_path / "none")
    remote = teikit("build", "web", corpus, "-o", tmp_path / "remote" / "web", "--downloads", tmp_path / "none",
                    "--executor", "dask", "--scheduler", scheduler)
    assert remote.exit_code == local.exit_code == 1  # the two bad files are left out, named
    assert _errors(remote.stderr) == _errors(local.stderr)
    assert len(_errors(local.stderr)) == 2
    assert "3 documents" in remote.stdout
    _same_site(tmp_path / "remote" / "web", tmp_path / "local" / "web")


@pytest.mark.parametrize("export", EXPORTS)
def test_an_export_on_dask_equals_a_local_export(teikit, scheduler, corpus, tmp_path, export):
    local = teikit("export", export, corpus, "-o", tmp_path / "local")
    remote = teikit("export", export, corpus, "-o", tmp_path / "remote", "--executor", "dask", "--scheduler", scheduler)
    assert remote.exit_code == local.exit_code
    assert _errors(remote.stderr) == _errors(local.stderr)
    assert len(_errors(local.stderr)) == 2, local.stderr
    made = _files(tmp_path / "local")
    assert made and _files(tmp_path / "remote") == made


def test_the_dts_index_read_on_dask_equals_a_local_one(teikit, scheduler, corpus, tmp_path):
    local = teikit("export", "dts", corpus, "-o", tmp_path / "local" / "dts", "--base-url", "/dts/")
    remote = teikit("export", "dts", corpus, "-o", tmp_path / "remote" / "dts", "--base-url", "/dts/",
                    "--executor", "dask", "--scheduler", scheduler)
    assert remote.exit_code == local.exit_code == 2
    assert _errors(remote.stderr) == _errors(local.stderr)
    made = _files(tmp_path / "local" / "dts")
    # The index by its rows: it also says when it was brought up to date, which differs between runs.
    index = f"{KEPT}/{INDEX}"
    assert len(made) > 100 and index in made
    assert {k: v for k, v in _files(tmp_path / "remote" / "dts").items() if k != index} == \
        {k: v for k, v in made.items() if k != index}
    assert _rows(tmp_path / "remote" / "dts") == _rows(tmp_path / "local" / "dts")


@pytest.mark.parametrize("command", [["build", "web"], ["export", "markdown"], ["export", "dts"]])
def test_dask_without_a_scheduler_is_one_line_and_exit_2(teikit, corpus, tmp_path, command):
    result = teikit(*command, corpus, "-o", tmp_path / "out", "--executor", "dask")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip() and ": warning: " not in line]
    assert len(lines) == 1 and ("--scheduler tcp://HOST:PORT" in lines[0] or "dask is not installed" in lines[0]), lines
