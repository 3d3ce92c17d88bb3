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

from teikit.errors import InputError
from teikit.export.batch import Edition, Outcome, Progress, each_document, no_progress, run, slug
from teikit.files import write_atomically

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
    """Write turns, documents, persons and places (and one table of turns per document) into ``output``."""
    outcome = Outcome()
    turns: list[dict] = []
    documents: list[dict] = []
    entries: dict[str, dict[str, dict]] = {"persons": {}, "places": {}}
    by_document: list[tuple[str, list[dict]]] = []
    with run("tables.xsl", edition) as tables:
        header_rows = json.loads(tables.to_string(tables.header, None))
    _merge(entries, header_rows["entries"])
    for document, made in each_document(edition, "tables.xsl", progress=progress, label="Tables"):
        if isinstance(made, InputError):
            outcome.problems.append(made)
            continue
        rows = json.loads(made[0])
        turns += rows["turns"]
        documents.append(rows["document"])
        by_document.append((edition.name(document), rows["turns"]))
        _merge(entries, rows["entries"])

    suffix = "." + table_format
    tables_written = {
        "turns": (TURNS, turns),
        "documents": (DOCUMENTS, documents),
        "persons": (ENTRIES, list(entries["persons"].values())),
        "places": (ENTRIES, list(entries["places"].values())),
    }
    resources = []
    for name, (columns, rows) in tables_written.items():
        path = output / f"{name}{suffix}"
        write_atomically(path, _serialise(columns, rows, table_format))
        outcome.written.append(path)
        resources.append(_resource(name, path.name, columns, table_format, name))
    for stem, rows in by_document:
        path = output / "by-document" / f"{stem}{suffix}"
        write_atomically(path, _serialise(TURNS, rows, table_format))
        outcome.written.append(path)
        resources.append(_resource(f"turns-{slug(stem)}", f"by-document/{path.name}", TURNS, table_format, "turns"))
    package = {
        "name": slug(edition.title)[:100] or "edition",
        "title": edition.title,
        "description": "The edition's turns of speech (one row each), documents, persons and places, exported by teikit from its TEI.",
        **({"contributors": [{"title": e, "roles": ["editor"]} for e in edition.editors]} if edition.editors else {}),
        "resources": _unique_names(resources),
    }
    descriptor = output / "datapackage.json"
    write_atomically(descriptor, (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    outcome.written.append(descriptor)
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


def _serialise(columns: list[Column], rows: list[dict], table_format: str) -> bytes:
    names = [name for name, _, _ in columns]
    if table_format == "json":
        return (json.dumps([{n: row.get(n, _empty(t)) for n, t, _ in columns} for row in rows],
                           indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter="\t" if table_format == "tsv" else ",", lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return buffer.getvalue().encode("utf-8")


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
