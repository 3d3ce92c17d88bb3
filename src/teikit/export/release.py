"""A citable release of the edition: the TEI, the schema, the PDFs, the EPUB, the tables and the
static site, as a BagIt bag (manifests and checksums that archives verify) with CITATION.cff and
.zenodo.json, and the same bag zipped for upload. Version and date come from the revisionDesc."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from teikit.export.batch import KEPT, Edition, slug
from teikit.export.revisions import edition_revision
from teikit.files import atomic_file
from teikit.web.sources import RELEASE_DOWNLOADS

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# Licences the header may name by URL, as SPDX ids (CITATION.cff) and Zenodo's ids.
LICENCES = {
    "creativecommons.org/licenses/by/4.0": ("CC-BY-4.0", "cc-by-4.0"),
    "creativecommons.org/licenses/by-sa/4.0": ("CC-BY-SA-4.0", "cc-by-sa-4.0"),
    "creativecommons.org/licenses/by-nc/4.0": ("CC-BY-NC-4.0", "cc-by-nc-4.0"),
    "creativecommons.org/licenses/by-nc-sa/4.0": ("CC-BY-NC-SA-4.0", "cc-by-nc-sa-4.0"),
    "creativecommons.org/publicdomain/zero/1.0": ("CC0-1.0", "cc0-1.0"),
    "creativecommons.org/licenses/by/3.0": ("CC-BY-3.0", "cc-by-3.0"),
}


@dataclass
class Release:
    bag: Path
    archive: Path
    version: str
    date: str
    parts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    in_site: list[Path] = field(default_factory=list)


def parts_of(edition: Edition, build: Path) -> dict[str, list[Path]]:
    """What goes into the release, by folder of the bag: what exists of it (an empty list: missing)."""
    schema = (edition.register or edition.documents[0]).resolve().parent.parent / "schema"
    export = build / "export"

    def files(folder: Path, pattern: str) -> list[Path]:
        return sorted(p for p in folder.glob(pattern) if p.is_file()) if folder.is_dir() else []

    return {
        "tei": [*edition.documents, *([edition.register] if edition.register else [])],
        "schema": files(schema, "*"),
        "pdf": files(build / "print", "*.pdf"),
        "epub": files(export / "epub", "*.epub"),
        "tables": [export / "csv"] if (export / "csv" / "datapackage.json").is_file() else [],
        "site": [build / "web"] if (build / "web" / "index.html").is_file() else [],
        **{name: [export / name] for name in ("docx", "markdown", "rdf", "tei-publisher", "text")
           if (export / name).is_dir() and any((export / name).iterdir())},
    }


def make_release(edition: Edition, output: Path, build: Path = Path("build")) -> Release:
    import bagit  # noqa: PLC0415 (only a release needs it)

    revision = edition_revision(edition.documents, edition.register)
    version, date = revision.version or "0.1", revision.date or "2000-01-01"
    name = f"{slug(edition.title)[:60].strip('-.') or 'edition'}-{version}"
    found = parts_of(edition, build)
    release = Release(output / name, output / f"{name}.zip", version, date)
    output.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=output))
    try:
        for part, sources in found.items():
            if part in ("schema", "pdf", "epub", "tables", "site") and not sources:
                release.missing.append(part)
                continue
            release.parts.append(part)
            for source in sources:
                target = scratch / part / (source.name if source.is_file() else "")
                if source.is_dir():
                    shutil.copytree(source, scratch / part, dirs_exist_ok=True, ignore=_not_the_editions(source))
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
        licence = _licence(edition)
        (scratch / "CITATION.cff").write_text(_citation(edition, version, date, licence), encoding="utf-8")
        (scratch / ".zenodo.json").write_text(_zenodo(edition, version, date, licence), encoding="utf-8")
        bagit.make_bag(str(scratch), bag_info={
            "Source-Organization": _publisher(edition) or ", ".join(edition.editors) or edition.title,
            "External-Description": f"{edition.title}, version {version}: TEI, schema, PDFs, EPUB, tables and web edition.",
            "External-Identifier": name,
            "Bagging-Date": date,
            "Version": version,
        }, checksums=["sha256", "sha512"])
        scratch.chmod(0o755)
        _replace_folder(scratch, release.bag)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    with atomic_file(release.archive) as handle:
        _zip(release.bag, handle)
    if found["site"]:
        release.in_site = _offer_in_site(found["site"][0], release)
    return release


def _not_the_editions(folder: Path):
    """What a folder copied into the bag leaves out: what the exports keep for their next run
    (batch.Kept), and in the site the release itself, which a release cannot hold."""
    in_site = {(folder / href).resolve() for _, _, href in RELEASE_DOWNLOADS}

    def ignored(directory: str, names: list[str]) -> set[str]:
        return {name for name in names if name == KEPT or (Path(directory) / name).resolve() in in_site}
    return ignored


def _offer_in_site(site: Path, release: Release) -> list[Path]:
    """Put the zip and the citation where the home page offers them (`teikit build web --with-release`)."""
    sources = {"zip": release.archive, "cff": release.bag / "data" / "CITATION.cff"}
    placed = []
    for kind, _, href in RELEASE_DOWNLOADS:
        with open(sources[kind], "rb") as data, atomic_file(site / href) as handle:
            shutil.copyfileobj(data, handle, 1 << 20)
        placed.append(site / href)
    return placed


def _replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; an old release there is swapped out and removed, never mixed in."""
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def _zip(folder: Path, handle: BinaryIO) -> None:
    """The bag zipped into ``handle`` file by file, each copied in chunks: a release holds the whole
    edition's exports (567 MB for 1,000 synthetic documents), which memory need not."""
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.file_size = path.stat().st_size  # so that zipfile knows, before it starts, whether ZIP64 is needed
            with path.open("rb") as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1 << 20)


def _header_field(edition: Edition, path: str) -> str:
    from lxml import etree

    root = etree.fromstring(edition.header)
    found = root.xpath(path, namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    return " ".join(str(found[0] if isinstance(found[0], str) else "".join(found[0].itertext())).split()) if found else ""


def _publisher(edition: Edition) -> str:
    return _header_field(edition, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher")


def _licence(edition: Edition) -> tuple[str, str] | None:
    target = _header_field(edition, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence/@target")
    key = target.split("://", 1)[-1].rstrip("/")
    return LICENCES.get(key)


def _creators(edition: Edition) -> list[str]:
    return edition.editors or [_publisher(edition) or "Unknown"]


def _citation(edition: Edition, version: str, date: str, licence: tuple[str, str] | None) -> str:
    quoted = json.dumps  # a JSON string is a YAML double-quoted scalar
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this edition, please cite it as below."',
        "type: dataset",
        f"title: {quoted(edition.title, ensure_ascii=False)}",
        f"version: {quoted(version)}",
        f"date-released: {quoted(date)}",
        "authors:",
        *[f"  - name: {quoted(name, ensure_ascii=False)}" for name in _creators(edition)],
    ]
    if licence:
        lines.append(f"license: {licence[0]}")
    if edition.base_url:
        lines.append(f"url: {quoted(edition.base_url)}")
    return "\n".join(lines) + "\n"


def _zenodo(edition: Edition, version: str, date: str, licence: tuple[str, str] | None) -> str:
    record: dict[str, object] = {
        "title": edition.title,
        "version": version,
        "publication_date": date,
        "upload_type": "dataset",
        "description": f"{edition.title}: the TEI documents of the edition, its schema, PDFs, EPUB, data tables and static web edition.",
        "creators": [{"name": name} for name in _creators(edition)],
    }
    if licence:
        record["license"] = {"id": licence[1]}
    if edition.base_url:
        record["related_identifiers"] = [{"identifier": edition.base_url, "relation": "isSupplementTo", "scheme": "url"}]
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"
