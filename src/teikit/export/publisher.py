"""A TEI Publisher data package: a .xar (an EXPath package, a zip) with expath-pkg.xml and repo.xml
(from xslt/export/tei-publisher.xsl) and the TEI files, unchanged, under data/, after eeditiones'
tei-publisher-data-template. A TEI Publisher application installs it into its data collection."""

from __future__ import annotations

import zipfile
from pathlib import Path

from teikit.errors import InputError
from teikit.export.batch import Edition, Outcome, run, slug
from teikit.export.revisions import edition_revision
from teikit.files import atomic_file
from teikit.tei import parse

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def package_name(edition: Edition) -> str:
    """The package's abbrev: the edition's name, as TEI Publisher 9 asks for data packages ({app}-data)."""
    return slug(edition.title)[:60].strip("-.") + "-data"


def export_publisher(edition: Edition, output: Path) -> Outcome:
    """``<name>.xar`` in ``output``; a document that does not parse is left out and reported."""
    outcome = Outcome()
    abbrev = package_name(edition)
    revision = edition_revision(edition.documents, edition.register)
    params = {"abbrev": abbrev, "version": revision.version or "0.1"}
    with run("tei-publisher.xsl", edition) as publisher:
        expath = publisher.to_string(publisher.header, None, {**params, "part": "expath"})
        repo = publisher.to_string(publisher.header, None, {**params, "part": "repo"})
    path = output / f"{abbrev}.xar"
    # Streamed into the package one document at a time: held whole, a corpus of 10,000 documents
    # (1.8 GB of TEI) took 2 GB or more.
    with atomic_file(path) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "expath-pkg.xml", expath.encode("utf-8"))
        _add(archive, "repo.xml", repo.encode("utf-8"))
        names: set[str] = set()
        for document in [*edition.documents, *([edition.register] if edition.register else [])]:
            try:
                parse(document)
            except InputError as problem:
                outcome.problems.append(problem)
                continue
            name = document.name
            n = 1
            while name in names:
                n += 1
                name = f"{document.stem}-{n}{document.suffix}"
            names.add(name)
            _add(archive, f"data/{name}", document.read_bytes())
    outcome.written.append(path)
    return outcome


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
