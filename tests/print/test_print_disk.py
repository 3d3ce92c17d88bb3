"""``teikit build print`` on a disk that refuses writes, and killed with ``kill -9``: one line per file it
could not write, never a traceback, and never a mix of old and new PDFs."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from teikit.printing import book
from teikit.web import publish
from tests.conftest import TEI_FOLDER
from tests.web.test_web_hardening import survivors

PARIS = TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml"
MOSCOW = TEI_FOLDER / "1990-11-08-moscow-gorbachev-baker.xml"
TWO = (PARIS, MOSCOW, "--documents-only")


def errors_of(result) -> list[str]:
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def test_a_target_pdf_that_is_a_folder_gets_one_line_naming_it(teikit, tmp_path):
    output = tmp_path / "out"
    (output / "1990-11-19-paris-gorbachev-bush.pdf").mkdir(parents=True)
    (output / "1990-11-19-paris-gorbachev-bush.pdf" / "notes.txt").write_text("mine", encoding="utf-8")
    result = teikit("build", "print", *TWO, "-o", output)
    assert result.exit_code == 2
    assert errors_of(result) == [
        f"{output / '1990-11-19-paris-gorbachev-bush.pdf'}:1:1: error: is a folder, and `teikit build print` "
        f"replaces {output} whole; move it away, or choose another folder with -o"
    ]
    assert (output / "1990-11-19-paris-gorbachev-bush.pdf" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_of_pdfs_from_before_versions_is_replaced(teikit, tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    (output / "edition.pdf").write_bytes(b"%PDF old")
    (output / "gone.pdf").write_bytes(b"%PDF old")
    result = teikit("build", "print", *TWO, "-o", output)
    assert result.exit_code == 0, result.stderr
    assert output.is_symlink()
    assert sorted(p.name for p in output.iterdir() if not p.name.startswith(".")) == ["1990-11-08-moscow-gorbachev-baker.pdf",
                                                         "1990-11-19-paris-gorbachev-bush.pdf"]


@pytest.mark.parametrize(
    ("errno_name", "words"),
    [
        ("ENOSPC", "the disk is full; free some space and run the command again"),
        ("EROFS", "the file system is read-only; choose another output folder with -o"),
        ("EACCES", "permission denied; make the folder writable or choose another with -o"),
        ("EPERM", "the file or its folder may not be changed (immutable?); check its attributes (lsattr)"),
        ("EISDIR", "it is a folder; move the folder away or choose another output folder with -o"),
    ],
)
def test_a_pdf_that_cannot_be_written_gets_one_line_and_the_others_are_printed(
    teikit, tmp_path, monkeypatch, errno_name, words
):
    real = book.write_atomically

    def failing(path, data):
        if "paris" in path.name:
            code = getattr(errno, errno_name)
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(book, "write_atomically", failing)
    output = tmp_path / "out"
    result = teikit("build", "print", *TWO, "-o", output)
    assert result.exit_code == 1
    assert errors_of(result) == [f"{output / '1990-11-19-paris-gorbachev-bush.pdf'}:1:1: error: cannot be written: {words}"]
    assert sorted(p.name for p in output.iterdir() if not p.name.startswith(".")) == ["1990-11-08-moscow-gorbachev-baker.pdf"]
    assert "1 file left out" in result.stderr


def test_when_no_pdf_can_be_written_the_exit_is_2_and_the_old_pdfs_stay(teikit, tmp_path, monkeypatch):
    output = tmp_path / "out"
    assert teikit("build", "print", PARIS, "--documents-only", "-o", output).exit_code == 0
    old = (output / "1990-11-19-paris-gorbachev-bush.pdf").read_bytes()

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(book, "write_atomically", full)
    result = teikit("build", "print", *TWO, "-o", output, "--paper", "a4")
    assert result.exit_code == 2
    assert len(errors_of(result)) == 2
    assert all("cannot be written: the disk is full" in line for line in errors_of(result))
    assert sorted(p.name for p in output.iterdir() if not p.name.startswith(".")) == ["1990-11-19-paris-gorbachev-bush.pdf"]
    assert (output / "1990-11-19-paris-gorbachev-bush.pdf").read_bytes() == old
    assert not [p for p in tmp_path.iterdir() if "-building-" in p.name]


def test_a_read_only_build_folder_gets_one_line(teikit, tmp_path, monkeypatch):
    def read_only(output):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(output.parent))

    monkeypatch.setattr(publish, "new_building_folder", read_only)
    output = tmp_path / "out"
    result = teikit("build", "print", *TWO, "-o", output)
    assert result.exit_code == 2
    assert errors_of(result) == [
        f"{output}:1:1: error: cannot be written: the file system is read-only; choose another output folder with -o"]
    assert not output.exists()


# kill -9 at any moment


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def test_kill_9_at_any_moment_leaves_the_old_pdfs_or_the_new_ones(tmp_path):
    """The builds alternate between A5 and A4, whose PDFs differ: after each kill the folder holds
    every PDF of one of the two, never some of each, and the next run leaves nothing behind."""
    marker = f"TEIKIT_KILL_TEST={uuid.uuid4()}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    output = tmp_path / "build" / "print"
    command = [sys.executable, "-c", "from teikit.cli import main; main()", "build", "print", *map(str, TWO),
               "-o", str(output)]
    sets, durations = {}, {}
    for paper in ("a4", "a5"):
        started = time.perf_counter()
        subprocess.run([*command, "--paper", paper], env=env, check=True, capture_output=True)
        durations[paper] = time.perf_counter() - started
        sets[paper] = pdfs(output)
    assert len(sets["a5"]) == 2 and sets["a4"].keys() == sets["a5"].keys()
    assert all(sets["a4"][name] != sets["a5"][name] for name in sets["a5"])

    rng = random.Random(10)
    shown = "a5"
    for attempt in range(20):
        paper = "a4" if attempt % 2 == 0 else "a5"
        jobs = ["-j", "2"] if attempt % 4 == 3 else []  # with Typst processes at once too
        build = subprocess.Popen([*command, "--paper", paper, *jobs], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, durations[paper] * 1.2))
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert survivors(marker) == {}, f"Typst still at work after kill {attempt + 1}"
        found = pdfs(output)
        assert found in (sets["a4"], sets["a5"]), f"a mix of old and new PDFs after kill {attempt + 1}"
        shown = "a4" if found == sets["a4"] else "a5"
    finished = subprocess.run([*command, "--paper", shown], env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert pdfs(output) == sets[shown]
    beside = sorted(p.name for p in output.parent.iterdir())
    assert [name for name in beside if not name.startswith(".print-version-")] == [".print.lock", "print"], beside
    assert len([name for name in beside if name.startswith(".print-version-")]) <= 2, beside


def test_a_build_stopped_by_sigterm_leaves_no_temporary_folder(tmp_path):
    """SIGTERM (a system shutting down, a CI job cancelled) ends the build as Ctrl-C does: the book's
    temporary folder is removed on the way out, and the PDFs shown stay."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    output = tmp_path / "print"
    command = [sys.executable, "-c", "from teikit.cli import main; main()", "build", "print", str(TEI_FOLDER),
               "-o", str(output), "--edition-only"]
    env = {**os.environ, "TMPDIR": str(scratch)}
    subprocess.run(command, env=env, check=True, capture_output=True)
    shown = pdfs(output)
    build = subprocess.Popen([*command, "--paper", "a4"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(scratch.glob("teikit-book-*")) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.02)
    assert list(scratch.glob("teikit-book-*")), "the build made no temporary folder to remove"
    build.send_signal(signal.SIGTERM)
    code = build.wait(60)
    assert [p.name for p in scratch.iterdir()] == []
    assert code == 128 + signal.SIGTERM
    assert pdfs(output) == shown
