"""Running every file through the validators of a plan, in this process or in several."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from teikit import xmlfile
from teikit.executors import Executor, map_items
from teikit.validate import wellformed
from teikit.validate.engines import Plan, Validator
from teikit.validate.findings import Finding
from teikit.validate.rng_prune import Vocabulary
from teikit.validate.verdicts import Verdicts, file_digest


@dataclass
class FileResult:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None  # the file could not be read at all
    digest: str | None = None  # of the bytes checked
    dependencies: dict[str, str | None] | None = None  # files the checks read, by digest; None: unknown
    cached: bool = False  # the verdict came from the cache

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
        data = xmlfile.read_bytes(path)
    except xmlfile.Unreadable as unreadable:
        return FileResult(path, problem=unreadable.problem.message)
    digest = hashlib.sha256(data).hexdigest()
    document = wellformed.parse(path, data)
    if isinstance(document, Finding):
        return FileResult(path, [document], digest=digest, dependencies={})
    found: list[Finding] = []
    for validator in validators:
        found += validator.check(document)
    unique = list(dict.fromkeys(found))  # two engines may report one thing in the same words
    dependencies = (
        {str(p): _dependency_digest(p) for p in sorted(document.dependencies)} if document.cacheable else None
    )
    return FileResult(path, sorted(unique, key=lambda f: (f.line, f.column)), digest=digest, dependencies=dependencies)


_digests: dict[tuple, str | None] = {}


def _dependency_digest(path: Path) -> str | None:
    """The digest of a file many documents read (the register), hashed once per version of it."""
    try:
        status = os.stat(path)
        key = (path, status.st_mtime_ns, status.st_size, status.st_ino, status.st_ctime_ns)
    except OSError:
        return None
    if key not in _digests:
        _digests[key] = file_digest(path)
    return _digests[key]


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
    for found in map_items(_vocabulary_of, files, Executor(jobs=jobs if len(files) > jobs else 1)):
        used |= found
    return Plan(plan.xsd, plan.rng, plan.schematron, plan.phase, plan.edition, used)


# Each process's validators, by plan: inherited through fork(), or built by the process on first use.
_built: dict[Plan, list[Validator]] = {}


def _validators_for(plan: Plan) -> list[Validator]:
    if plan not in _built:
        _built[plan] = plan.build()
    return _built[plan]


def check_path(plan: Plan, path: Path) -> FileResult:
    """The picklable work for one file: what workers (local or on a cluster) run."""
    return check_file(path, _validators_for(plan))


def run(
    files: list[Path],
    plan: Plan,
    executor: Executor = Executor(),
    verdicts: Verdicts | None = None,
) -> Iterator[FileResult]:
    """One result per file, in the order of ``files``.

    Files whose verdict is in ``verdicts`` are not checked again; the others are checked by
    ``executor`` (forked local workers share the validators already built; with Saxon running in this
    process, they start afresh and build their own). The validators are built here, before any file
    is checked, so that a broken schema (InputError) stops the run at once; when every verdict comes
    from the cache (whose key holds the schemas' bytes, so they were built before), not at all.
    """
    kept: dict[int, FileResult] = {}
    if verdicts is not None:
        for index, path in enumerate(files):
            found = verdicts.lookup(path)
            if found is not None:
                kept[index] = FileResult(path, found[0], digest=found[1], cached=True)
    if len(kept) < len(files) or not files:
        _built[plan] = plan.build()
    return _results(files, plan, executor, verdicts, kept)


def _results(files, plan, executor, verdicts, kept) -> Iterator[FileResult]:
    from teikit.validate.schematron import saxon_started

    remaining = [path for index, path in enumerate(files) if index not in kept]
    remote = executor.kind != "local"
    work = functools.partial(check_path, plan)
    items = [path.absolute() for path in remaining] if remote else remaining
    checked = map_items(work, items, replace(executor, fork=not saxon_started())) if remaining else iter(())
    for index, path in enumerate(files):
        if index in kept:
            yield kept[index]
            continue
        result = next(checked)
        if remote:
            result = _as_given(result, path)
        if verdicts is not None and result.digest and result.dependencies is not None:
            verdicts.store(path, result.digest, result.findings, result.dependencies)
        yield result
    if verdicts is not None:
        verdicts.flush()


def _as_given(result: FileResult, path: Path) -> FileResult:
    """A result from a worker that was given the absolute path, with the path as the user wrote it."""
    findings = [dataclasses.replace(f, path=str(path)) if f.path == str(result.path) else f for f in result.findings]
    return dataclasses.replace(result, path=path, findings=findings)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
