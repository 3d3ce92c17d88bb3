"""Typst source to PDF with the typst package: bundled fonts (and the user's, when named) only, so the
same source gives the same bytes.

Each source is typeset in a process of its own, killed when it runs out of time: Typst is a
programming language, and although TEI text reaches it only as string literals, a document that is
merely huge (one paragraph of a million words, a table of a hundred thousand cells) could keep the
compiler busy for hours. The process also gives its memory back when it ends.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# PDF/A-2a keeps the book readable in an archive (fonts embedded, tagged, no
# outside resources); PDF/UA-1 makes it readable with a screen reader. The
# bundled compiler accepts the two together; PDF/A-4 would need PDF 2.0, which
# PDF/UA-1 forbids.
PDF_STANDARDS = ("a-2a", "ua-1")

# A 100-document book (800 pages) takes Typst under a minute on a slow machine.
DEFAULT_TIMEOUT = 600.0

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@dataclass
class Typeset:
    pdf: bytes
    warnings: list[str]
    exported: object = None  # what a part of a book typeset in parts tells the others (edition.typ's part-export)
    # A book typeset in parts is not held: its PDF is this file, of this many pages.
    file: Path | None = None
    count: int | None = None

    @property
    def pages(self) -> int:
        return self.count if self.count is not None else len(_PAGE.findall(self.pdf))


class TypesetError(Exception):
    """Typst refused the source, or did not finish in time; the message says why."""


def typeset(source: str, *, font_paths: Sequence[Path] = (), timeout: float = DEFAULT_TIMEOUT,
            inputs: dict[str, str] | None = None, export: bool = False) -> Typeset:
    """Compile ``source`` to PDF in a process of its own, with Typst's warnings (each in one line);
    ``inputs`` are Typst's ``sys.inputs``; with ``export``, also the value of the source's
    ``<teikit-part>`` metadata, queried from the same compilation."""
    command = [sys.executable, "-m", "teikit.printing.typeset", *(str(Path(p).resolve()) for p in font_paths)]
    job = json.dumps({"source": source, "inputs": inputs or {}, "export": export}).encode("utf-8")
    try:
        done = subprocess.run(command, input=job, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise TypesetError(
            f"typesetting took more than {timeout:g} s and was stopped; print it in smaller parts "
            "(one offprint per document), or allow more time with --timeout"
        ) from None
    report = _report(done.stderr)
    if done.returncode != 0 or "error" in report:
        raise TypesetError(report.get("error") or f"the Typst process ended with status {done.returncode}")
    return Typeset(done.stdout, report.get("warnings", []), report.get("exported"))


def _report(stderr: bytes) -> dict:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        return {"error": " ".join(" ".join(lines).split())[:500]}


def _compile(source: bytes, font_paths: Sequence[str], inputs: dict[str, str], export: bool) -> tuple[bytes, list[str], object]:
    import typst  # only the worker process loads the compiler

    with tempfile.TemporaryDirectory(prefix="teikit-typst-") as folder:
        # The package's query cannot read a source given as bytes: the source goes into a file of its own.
        main = Path(folder) / "book.typ"
        main.write_bytes(source)
        try:
            compiler = typst.Compiler(main if export else source, root=folder, font_paths=list(font_paths),
                                      ignore_system_fonts=True, sys_inputs=inputs)
            pdf, warnings = compiler.compile_with_warnings(format="pdf", pdf_standards=list(PDF_STANDARDS))
            # The query lays out the same source with the same inputs: Typst's cache answers it from the compilation.
            exported = json.loads(compiler.query("<teikit-part>", field="value", one=True)) if export else None
        except typst.TypstError as exc:
            raise TypesetError(" ".join(exc.message.split())) from None
    return pdf, [" ".join(w.message.split()) for w in warnings], exported


def _worker(font_paths: Sequence[str]) -> int:
    """Typeset the job on stdin (JSON: source, inputs, export): the PDF to stdout, a JSON line (warnings
    and what was exported, or the error) to stderr."""
    from teikit.processes import die_with_parent

    die_with_parent()  # a build killed with kill -9 leaves no Typst typesetting on for nobody
    job = json.loads(sys.stdin.buffer.read())
    try:
        pdf, warnings, exported = _compile(job["source"].encode("utf-8"), font_paths, job["inputs"], job["export"])
    except TypesetError as problem:
        print(json.dumps({"error": str(problem)}), file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pdf)
    print(json.dumps({"warnings": warnings, "exported": exported}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(_worker(sys.argv[1:]))
