"""An InputError made in a worker (a local process or a Dask worker) reaches the user as itself:
the same file, line, column and words as when the work is done in one process."""

from __future__ import annotations

import copyreg
import functools
import io
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import cloudpickle
import pytest
from tblib import pickling_support

from teikit.errors import InputError
from teikit.executors import Executor, map_items
from teikit.tei import parse
from tests.conftest import TEI_FOLDER, edition_files


@dataclass
class _Located(InputError):
    """A kind of error with a field of its own, as a subclass may add."""

    rule: str = "well-formed"


def _parse_error(tmp_path: Path, name: str, text: str | None) -> InputError:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        parse(path)
    return raised.value


KINDS = {
    "not well-formed": lambda tmp: _parse_error(tmp, "broken.xml", "<TEI>\n  <text>\n</TEI>"),
    "missing file": lambda tmp: _parse_error(tmp, "absent.xml", None),
    "positional, a Path": lambda tmp: InputError(tmp / "a.xml", "not a TEI document", 3, 7),
    "keywords only": lambda tmp: InputError(path="a.xml", message="no <title>", line=12, column=4),
    "defaults": lambda tmp: InputError("--executor", '"threads" is not an executor teikit knows'),
    "a subclass": lambda tmp: _Located(path="a.xml", message="unclosed <p>", line=2, column=9, rule="schema"),
}


class _AsDask(dict):
    """The reducers of Dask's processes, where tblib is installed for every exception: an error
    is sent with its traceback, cause and context."""

    def __missing__(self, kind):
        if issubclass(kind, BaseException):
            return pickling_support.pickle_exception
        if kind is TracebackType:
            return pickling_support.pickle_traceback
        return copyreg.dispatch_table[kind]


def _as_dask(error: BaseException) -> bytes:
    written = io.BytesIO()
    pickler = pickle.Pickler(written)
    pickler.dispatch_table = _AsDask()
    pickler.dump(error)
    return written.getvalue()


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_input_error_pickles_as_itself(kind, tmp_path):
    made = KINDS[kind](tmp_path)
    made.add_note("seen in a worker")
    for dumps in [*(functools.partial(pickle.dumps, protocol=p) for p in range(2, pickle.HIGHEST_PROTOCOL + 1)),
                  cloudpickle.dumps, _as_dask]:
        back = pickle.loads(dumps(made))
        assert type(back) is type(made)
        assert back == made and str(back) == str(made)
        assert back.__notes__ == ["seen in a worker"]


def _root_of(path: Path) -> str:
    return parse(path).getroot().tag


def _refuse_broken(path: Path) -> str:
    if path.name == "broken.xml":
        raise _Located(path=path, message="refused", line=2, column=5, rule="schema")
    return path.name


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])
def test_a_failing_document_raises_its_input_error_through_a_process_pool(fork, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<teiHeader>\n", encoding="utf-8")
    documents = [*edition_files(), broken]
    for work in [_root_of, _refuse_broken]:
        with pytest.raises(InputError) as here:
            list(map(work, documents))
        with pytest.raises(InputError) as there:
            list(map_items(work, documents, Executor(jobs=2, fork=fork)))
        assert type(there.value) is type(here.value)
        assert there.value == here.value and str(there.value) == str(here.value)
        assert (there.value.line, there.value.column) != (1, 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "tei"
    folder.mkdir()
    for document in [*edition_files(), TEI_FOLDER / "register.xml"]:
        shutil.copy(document, folder / document.name)
    (folder / "1991-broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<teiHeader>\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["build", "web"], ["export", "markdown"], ["export", "dts"]])
def test_worker_processes_report_a_bad_document_as_one_process_does(teikit, corpus, tmp_path, command):
    """The three paths that used to send a worker's problem as plain values and rebuild it."""
    one = teikit(*command, corpus, "-o", tmp_path / "one" / "out", "--jobs", "1")
    two = teikit(*command, corpus, "-o", tmp_path / "two" / "out", "--jobs", "2")
    errors = [line for line in one.stderr.splitlines() if ": error: " in line]
    assert [line for line in two.stderr.splitlines() if ": error: " in line] == errors
    assert len(errors) == 1 and errors[0].startswith(f"{corpus / '1991-broken.xml'}:3:"), errors
    assert two.exit_code == one.exit_code != 0
