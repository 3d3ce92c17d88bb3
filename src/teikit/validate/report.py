"""How a run's findings are written: for people, for programs, for CI dashboards, for GitHub Actions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from teikit import xmlfile
from teikit.errors import InputError
from teikit.validate.findings import Finding
from teikit.validate.runner import FileResult

FORMATS = ("text", "json", "junit", "github")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(results: list[FileResult]) -> str:
    """The closing line: ``3 files, 0 errors, 0 warnings``."""
    errors = sum(r.errors + (1 if r.problem else 0) for r in results)
    warnings = sum(r.warnings for r in results)
    return f"{_count(len(results), 'file')}, {_count(errors, 'error')}, {_count(warnings, 'warning')}"


def cache_note(results: list[FileResult]) -> str | None:
    """How many verdicts came from the cache, when any did."""
    cached = sum(1 for r in results if r.cached)
    if not cached:
        return None
    return (f"{cached} of {_count(len(results), 'verdict')} from the cache (files unchanged since they were checked; "
            "--no-cache checks them again)")


def text_lines(result: FileResult) -> Iterable[str]:
    """``file:line:col: error: message [rule]``, one line per finding."""
    for finding in result.findings:
        yield str(finding)


def problem_line(result: FileResult) -> str:
    return f"{result.path}:1:1: error: {result.problem}"


def as_json(results: list[FileResult]) -> str:
    files = [
        {
            "path": str(r.path),
            "valid": r.valid,
            "problem": r.problem,
            "findings": [f.as_json() for f in r.findings],
        }
        for r in results
    ]
    totals = {
        "files": len(results),
        "valid": sum(1 for r in results if r.valid),
        "errors": sum(r.errors + (1 if r.problem else 0) for r in results),
        "warnings": sum(r.warnings for r in results),
    }
    return json.dumps({"files": files, "summary": totals}, indent=2, ensure_ascii=False)


def as_junit(results: list[FileResult]) -> str:
    """JUnit XML, one test case per file: a failure lists the file's findings, an error says it could not be read."""
    failures = sum(1 for r in results if r.problem is None and r.errors)
    errors = sum(1 for r in results if r.problem is not None)
    suites = etree.Element("testsuites", name="teikit validate", tests=str(len(results)),
                           failures=str(failures), errors=str(errors))
    suite = etree.SubElement(suites, "testsuite", name="teikit validate", tests=str(len(results)),
                             failures=str(failures), errors=str(errors), skipped="0")
    for result in results:
        case = etree.SubElement(suite, "testcase", classname="teikit.validate", name=str(result.path), file=str(result.path))
        if result.problem is not None:
            etree.SubElement(case, "error", message=result.problem, type="io").text = problem_line(result)
        elif result.errors:
            first = next(f for f in result.findings if f.severity == "error")
            failure = etree.SubElement(
                case, "failure", message=f"{_count(result.errors, 'error')}: {first.message}", type=first.rule
            )
            failure.text = "\n".join(text_lines(result))
        elif result.warnings:
            etree.SubElement(case, "system-out").text = "\n".join(text_lines(result))
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(result: FileResult) -> Iterable[str]:
    """Workflow commands that GitHub Actions shows as annotations on the lines of the pull request."""
    if result.problem is not None:
        yield f"::error file={_escape_property(str(result.path))},line=1,title=teikit validate::{_escape_data(result.problem)}"
    for finding in result.findings:
        command = "error" if finding.severity == "error" else "warning"
        where = f"file={_escape_property(finding.path)},line={finding.line},col={finding.column}"
        yield f"::{command} {where},title={_escape_property(finding.rule)}::{_escape_data(finding.message)}"


_FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.*) \[(?P<rule>[^\]]+)\]$")


def read_report(path: Path) -> list[FileResult]:
    """The results in a report that ``teikit validate --format json`` or ``--format junit`` wrote."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            report = json.loads(data)
            return [
                FileResult(Path(entry["path"]), [Finding(**finding) for finding in entry["findings"]], entry.get("problem"))
                for entry in report["files"]
            ]
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(path, f"is not a JSON report of teikit validate ({error})") from None
    try:
        root = xmlfile.parse_bytes(data, path)
    except xmlfile.Unreadable as unreadable:
        raise InputError(path, f"is neither a JSON nor a JUnit report: {unreadable.problem.message}",
                         unreadable.problem.line, unreadable.problem.column) from None
    if etree.QName(root).localname not in ("testsuites", "testsuite"):
        raise InputError(path, f"is not a JUnit report of teikit validate (its root is <{etree.QName(root).localname}>)")
    results = []
    for case in root.iter("testcase"):
        name = Path(case.get("name") or case.get("file") or "")
        error = case.find("error")
        if error is not None:
            results.append(FileResult(name, problem=error.get("message")))
            continue
        lines = "\n".join((element.text or "") for element in case if element.tag in ("failure", "system-out"))
        findings = []
        for line in lines.splitlines():
            found = _FINDING.match(line)
            if found:
                findings.append(Finding(found["path"], int(found["line"]), int(found["column"]), found["severity"],
                                        found["message"], found["rule"]))
        results.append(FileResult(name, findings))
    return results


def merge(reports: list[Path]) -> list[FileResult]:
    """The results of several reports (the shards of one run) as one run's: each file once, in path order."""
    merged: dict[str, FileResult] = {}
    for report in reports:
        for result in read_report(report):
            merged[str(result.path)] = result
    return sorted(merged.values(), key=lambda r: r.path)
