"""Running every file through the validators of a plan, in this process or in several."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from teikit import xmlfile
from teikit.validate import wellformed
from teikit.validate.engines import Plan, Validator
from teikit.validate.findings import Finding
from teikit.validate.rng_prune import Vocabulary


@dataclass
class FileResult:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None  # the file could not be read at all

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def valid(self) -> bool:
        return self.problem is None and not self.errors


def check_file(path: Path, validators: list[Validator]) -> FileResult:
    try:
        document = wellformed.read(path)
    except xmlfile.Unreadable as unreadable:
        return FileResult(path, problem=unreadable.problem.message)
    if isinstance(document, Finding):
        return FileResult(path, [document])
    found: list[Finding] = []
    for validator in validators:
        found += validator.check(document)
    unique = list(dict.fromkeys(found))  # two engines may report one thing in the same words
    return FileResult(path, sorted(unique, key=lambda f: (f.line, f.column)))


def _vocabulary_of(path: Path) -> Vocabulary:
    try:
        return Vocabulary.of(path.read_bytes())
    except OSError:
        return Vocabulary()  # reported when the file itself is checked


def with_vocabulary(plan: Plan, files: list[Path], jobs: int = 1) -> Plan:
    """The plan, told which names the files use when it has RELAX NG grammars to prune."""
    if not plan.rng:
        return plan
    used = Vocabulary()
    if jobs > 1 and len(files) > jobs:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for found in pool.map(_vocabulary_of, files, chunksize=_chunk(len(files), jobs)):
                used |= found
    else:
        for path in files:
            used |= _vocabulary_of(path)
    return Plan(plan.xsd, plan.rng, plan.schematron, plan.phase, plan.edition, used)


def _chunk(count: int, jobs: int) -> int:
    return max(1, min(32, count // (jobs * 8)))


# A worker's validators: inherited through fork(), or built by the worker itself.
_validators: list[Validator] = []


def _start_worker(plan: Plan) -> None:
    global _validators
    _validators = plan.build()


def _check_in_worker(path: Path) -> FileResult:
    return check_file(path, _validators)


def run(files: list[Path], plan: Plan, validators: list[Validator], jobs: int) -> Iterator[FileResult]:
    """One result per file, in the order of ``files``.

    ``validators`` are ``plan.build()``, made by the caller (so that a broken schema stops the run
    before any file is read). With ``jobs`` > 1 the files are shared among worker processes: forked
    with the validators already built when that is safe, otherwise started afresh to build their own.
    """
    global _validators
    jobs = min(jobs, len(files))
    if jobs <= 1:
        for path in files:
            yield check_file(path, validators)
        return
    from teikit.validate.schematron import saxon_started

    if not saxon_started():
        _validators = validators
        context, initializer, arguments = multiprocessing.get_context("fork"), None, ()
    else:
        context, initializer, arguments = multiprocessing.get_context("spawn"), _start_worker, (plan,)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=arguments) as pool:
        yield from pool.map(_check_in_worker, files, chunksize=_chunk(len(files), jobs))


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
