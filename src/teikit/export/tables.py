"""The edition as data tables: one row per turn, a table of documents, of persons and of places,
as CSV, TSV or JSON, described by a Frictionless data package (``datapackage.json``).

The rows are made by xslt/export/tables.xsl; this module only writes them out and describes them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from teikit.errors import InputError
from teikit.export.batch import Edition, Kept, Outcome, Progress, each_document, no_progress, run, slug
from teikit.files import atomic_file, write_atomically

FORMATS = ("csv", "tsv", "json")
ISO_DATE = r"^(-?\d{4}(-\d\d(-\d\d)?)?)?$"

Column = tuple[str, str, str]  # name, Frictionless type, description

TURNS: list[Column] = [
    ("document", "string", "The document's name: its TEI file name without .xml."),
    ("seq", "integer", "Position of the row in the document, from 1: turns and the text between them in reading order."),
    ("kind", "string", "turn: a turn of speech (sp or u); text: text outside any turn (a heading, narrative, an article's paragraph)."),
    ("date", "string", "When the document was made or spoken, as an ISO date (YYYY, YYYY-MM or YYYY-MM-DD); empty when the header gives none."),
    ("place", "string", "Where the document was made or spoken, as its header names it."),
    ("turn", "string", "The turn's number: its @n, else its position among the turns of the document (empty for text rows)."),
    ("permalink", "string", "The turn's address in the web edition (the document's page, anchor t{turn})."),
    ("speaker", "string", "Who speaks: the ids @who points to (the register's id where the document links the speaker to it), space-separated."),
    ("speaker_name", "string", "The speaker's name, as the register (or the document's list of participants) gives it."),
    ("label", "string", "The speaker's label as printed in the source."),
    ("text", "string", "The turn's words as `teikit export text` writes them (omissions, supplied words and notes in square brackets), white space folded."),
    ("persons", "string", "Persons named in the turn: register or document ids, or the names as written where they point nowhere; separated by '; '."),
    ("places", "string", "Places named in the turn, as for persons."),
    ("gaps", "integer", "Omissions (gap) in the turn."),
    ("supplied", "integer", "Passages supplied by the editor or translator (supplied) in the turn."),
    ("notes", "integer", "Notes in the turn."),
]
DOCUMENTS: list[Column] = [
    ("document", "string", "The document's name: its TEI file name without .xml."),
    ("title", "string", "The document's title (titleStmt/title)."),
    ("date", "string", "When the document was made or spoken, as an ISO date; empty when the header gives none."),
    ("date_as_written", "string", "The date as the header words it."),
    ("place", "string", "Where the document was made or spoken."),
    ("language", "string", "The language of the text (a BCP 47 tag)."),
    ("turns", "integer", "Turns of speech in the document."),
    ("speakers", "integer", "Distinct speakers in the document."),
    ("words", "integer", "Words of the document's export text (white-space separated)."),
    ("licence", "string", "The licence of the document (its URL when the header gives one)."),
    ("tei", "string", "The TEI file."),
    ("page", "string", "The document's page in the web edition."),
]
ENTRIES: list[Column] = [
    ("id", "string", "The id: the register's when the edition has one, else the document's xml:id."),
    ("name", "string", "The name, as the register (or the document) gives it."),
    ("kind", "string", "person, group or organisation (persons); place (places)."),
    ("wikidata", "string", "The Wikidata id (Q…) where the register or the document gives one."),
    ("birth", "string", "Date of birth (persons), as the register gives it."),
    ("death", "string", "Date of death (persons), as the register gives it."),
    ("description", "string", "Occupation or description."),
    ("documents", "string", "The documents that list, name or give a turn to the entry, space-separated."),
    ("turns", "integer", "Turns the person speaks in the edition."),
]


def export_tables(
    edition: Edition, output: Path, table_format: str = "csv", progress: Progress = no_progress
) -> Outcome:
    """Write turns, documents, persons and places (and one table of turns per document) into ``output``.

    The turns are written as each document's are made, never held all at once: the memory needed
    is one document's rows, whatever the size of the edition."""
    outcome = Outcome()
    documents: list[dict] = []
    entries: dict[str, dict[str, dict]] = {"persons": {}, "places": {}}
    suffix = "." + table_format
    resources = [_resource("turns", f"turns{suffix}", TURNS, table_format, "turns")]
    by_document: list[dict] = []
    kept = Kept(output, "tables", edition.reuse)
    with run("tables.xsl", edition) as tables:
        header_rows = json.loads(tables.to_string(tables.header, None))
    _merge(entries, header_rows["entries"])
    turns_path = output / f"turns{suffix}"
    with atomic_file(turns_path) as turns_file:
        turns = _Table(turns_file, TURNS, table_format)
        for document, made in each_document(edition, "tables.xsl", progress=progress, label="Tables", kept=kept):
            if isinstance(made, InputError):
                outcome.problems.append(made)
                continue
            rows = json.loads(made[0])
            turns.write(rows["turns"])
            documents.append(rows["document"])
            _merge(entries, rows["entries"])
            stem = edition.name(document)
            path = output / "by-document" / f"{stem}{suffix}"
            with atomic_file(path) as handle:
                table = _Table(handle, TURNS, table_format)
                table.write(rows["turns"])
                table.close()
            outcome.written.append(path)
            by_document.append(_resource(f"turns-{slug(stem)}", f"by-document/{path.name}", TURNS, table_format, "turns"))
        turns.close()
    outcome.written.insert(0, turns_path)
    for position, (name, (columns, rows)) in enumerate({
        "documents": (DOCUMENTS, documents),
        "persons": (ENTRIES, list(entries["persons"].values())),
        "places": (ENTRIES, list(entries["places"].values())),
    }.items(), start=1):
        path = output / f"{name}{suffix}"
        with atomic_file(path) as handle:
            table = _Table(handle, columns, table_format)
            table.write(rows)
            table.close()
        outcome.written.insert(position, path)
        resources.append(_resource(name, path.name, columns, table_format, name))
    package = {
        "name": slug(edition.title)[:100] or "edition",
        "title": edition.title,
        "description": "The edition's turns of speech (one row each), documents, persons and places, exported by teikit from its TEI.",
        **({"contributors": [{"title": e, "roles": ["editor"]} for e in edition.editors]} if edition.editors else {}),
        "resources": _unique_names(resources + by_document),
    }
    descriptor = output / "datapackage.json"
    write_atomically(descriptor, (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    outcome.written.append(descriptor)
    kept.prune()
    outcome.reused = kept.taken
    return outcome


def _merge(entries: dict[str, dict[str, dict]], rows: Sequence[dict]) -> None:
    """One row per id across documents: the first non-empty value of each column, documents listed, turns added."""
    for row in rows:
        table = entries[row.pop("table")]
        found = table.get(row["id"])
        if found is None:
            table[row["id"]] = row
            continue
        for column, value in row.items():
            if column == "documents":
                names = found[column].split() + [d for d in value.split() if d not in found[column].split()]
                found[column] = " ".join(names)
            elif column == "turns":
                found[column] += value
            elif not found.get(column):
                found[column] = value


class _Table:
    """One table written row by row: CSV or TSV (a header, then a line per row), or a JSON array of
    objects laid out as ``json.dumps(rows, indent=1)`` would lay it out."""

    def __init__(self, handle: BinaryIO, columns: list[Column], table_format: str) -> None:
        self.handle, self.columns, self.format = handle, columns, table_format
        self.rows = 0
        if table_format != "json":
            self.text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
            self.writer = csv.writer(self.text, delimiter="\t" if table_format == "tsv" else ",", lineterminator="\r\n")
            self.writer.writerow([name for name, _, _ in columns])

    def write(self, rows: Sequence[dict]) -> None:
        if self.format != "json":
            self.writer.writerows([_cell(row.get(name)) for name, _, _ in self.columns] for row in rows)
            return
        for row in rows:
            item = json.dumps({n: row.get(n, _empty(t)) for n, t, _ in self.columns}, indent=1, ensure_ascii=False)
            self.handle.write(("[\n" if not self.rows else ",\n").encode() + _indented(item).encode("utf-8"))
            self.rows += 1

    def close(self) -> None:
        """The end of the table (the file itself is closed by its owner)."""
        if self.format == "json":
            self.handle.write(b"\n]\n" if self.rows else b"[]\n")
        else:
            self.text.detach()


def _indented(item: str) -> str:
    return " " + item.replace("\n", "\n ")


def _empty(column_type: str) -> object:
    return None if column_type == "integer" else ""


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _resource(name: str, path: str, columns: list[Column], table_format: str, table: str) -> dict:
    fields = []
    for column, column_type, description in columns:
        described = {"name": column, "type": column_type, "description": description}
        if column == "date":
            described["constraints"] = {"pattern": ISO_DATE}
        fields.append(described)
    schema: dict = {"fields": fields}
    keys = {"turns": ["document", "seq"], "documents": ["document"], "persons": ["id"], "places": ["id"]}
    schema["primaryKey"] = keys[table]
    if table == "turns" and name == "turns":
        schema["foreignKeys"] = [{"fields": "document", "reference": {"resource": "documents", "fields": "document"}}]
    resource = {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": table_format,
        "mediatype": {"csv": "text/csv", "tsv": "text/tab-separated-values", "json": "application/json"}[table_format],
        "encoding": "utf-8",
        "schema": schema,
    }
    if table_format == "tsv":
        resource["format"] = "csv"
        resource["dialect"] = {"delimiter": "\t"}
    return resource


def _unique_names(resources: list[dict]) -> list[dict]:
    seen: set[str] = set()
    for resource in resources:
        name, n = resource["name"], 1
        while name in seen:
            n += 1
            name = f"{resource['name']}-{n}"
        resource["name"] = name
        seen.add(name)
    return resources
