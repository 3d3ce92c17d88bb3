"""Tables: one row per turn, valid under Frictionless, the rows' words those of export text."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import etree

from tests.export.conftest import foreign_documents, foreign_name, unkept, witness_text, witness_words, words


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_frictionless_finds_the_data_package_valid(edition_exports):
    from frictionless import validate

    report = validate(edition_exports["csv"] / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_the_data_package_describes_every_column(edition_exports):
    package = json.loads((edition_exports["csv"] / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        header = next(csv.reader((edition_exports["csv"] / resource["path"]).open(encoding="utf-8")))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        assert all(f["description"] for f in fields)


def test_the_rows_joined_are_the_words_of_export_text(edition_exports, edition_documents):
    rows = read(edition_exports["csv"] / "turns.csv")
    for document, expected in witness_words(edition_documents, labels=True).items():
        joined = " ".join(f"{r['label']} {r['text']}" for r in rows if r["document"] == document.stem)
        assert words(witness_text(joined)) == expected, document.name


def test_a_turn_row_says_who_speaks_where_and_links_to_the_turn(edition_exports):
    rows = [r for r in read(edition_exports["csv"] / "turns.csv") if r["document"] == "1990-11-19-paris-gorbachev-bush"]
    turn = next(r for r in rows if r["turn"] == "5")
    assert turn["kind"] == "turn"
    assert turn["permalink"] == "https://edition.example.org/1990-11-19-paris-gorbachev-bush.html#t5"
    assert (turn["speaker"], turn["speaker_name"], turn["label"]) == ("bush", "George H. W. Bush", "Bush:")
    assert turn["date"] == "1990-11-19" and turn["place"] == "Paris"
    assert turn["persons"] == "yeltsin" and turn["supplied"] == "1"
    assert turn["text"].startswith("And what would Yeltsin's place in this [system] be?")
    assert [r["seq"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]


def test_persons_carry_wikidata_ids_and_their_turns(edition_exports):
    persons = {r["id"]: r for r in read(edition_exports["csv"] / "persons.csv")}
    assert persons["gorbachev"]["wikidata"] == "Q30487"
    assert int(persons["bush"]["turns"]) > 0
    assert "1990-11-19-paris-gorbachev-bush" in persons["bush"]["documents"].split()
    documents = read(edition_exports["csv"] / "documents.csv")
    assert len(documents) == 3 and all((edition_exports["csv"] / "by-document" / f"{d['document']}.csv").is_file()
                                       for d in documents)


@pytest.mark.parametrize("table_format", ["tsv", "json"])
def test_tsv_and_json_tables_are_valid_too(teikit, tmp_path, table_format):
    from frictionless import validate

    result = teikit("export", table_format, "tei/1990-11-08-moscow-gorbachev-baker.xml", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_foreign_tables_keep_every_word(foreign_exports):
    rows = read(foreign_exports["csv"] / "turns.csv")
    for document, expected in witness_words(foreign_documents(), labels=True).items():
        joined = " ".join(f"{r['label']} {r['text']}" for r in rows if r["document"] == foreign_name(document))
        assert not unkept(expected, words(witness_text(joined))), foreign_name(document)


@pytest.mark.parametrize("table_format", ["csv", "json"])
def test_tables_stopped_half_way_are_left_as_they_were(teikit, tmp_path, monkeypatch, table_format):
    """The turns are written as they are made: a run stopped after one document leaves the tables of the
    run before, whole, and no part of its own."""
    from teikit.export import tables

    output = tmp_path / table_format
    assert teikit("export", table_format, "tei/", "-o", output).exit_code == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    made = tables.each_document

    def stopped(*args, **kwargs):
        for number, item in enumerate(made(*args, **kwargs)):
            if number == 1:
                raise RuntimeError("stopped")
            yield item

    monkeypatch.setattr(tables, "each_document", stopped)
    with pytest.raises(RuntimeError, match="stopped"):
        teikit("export", table_format, "tei/", "-o", output, "--clean")
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


# ----- the documents table, row by row, against the TEI read here with lxml -----

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ISO = re.compile(r"-?\d{4}(-\d\d(-\d\d)?)?")


def folded(element, joiner: str = "") -> str:
    return " ".join(joiner.join(element.itertext()).split()) if element is not None else ""


def first(root, *paths: str):
    """The first element found by the first of ``paths`` that finds one (the header's order of preference)."""
    for path in paths:
        found = root.find(path.replace("t:", TEI))
        if found is not None:
            return found
    return None


def header_row(path: Path, name: str, base_url: str) -> dict[str, str]:
    """What documents.csv must say of a document, read from its TEI as docs/exports.md describes the columns."""
    root = etree.parse(str(path)).getroot()
    titles = root.findall(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
    title = next((t for t in [*(t for t in titles if t.get("type") == "main"), *(t for t in titles if t.get("type") is None),
                              *titles] if folded(t, " ")), None)
    date = first(root, "t:teiHeader/t:profileDesc/t:creation//t:date", "t:teiHeader/t:profileDesc/t:settingDesc//t:date",
                 "t:teiHeader/t:fileDesc/t:sourceDesc//t:bibl/t:date",
                 "t:teiHeader/t:fileDesc/t:sourceDesc//t:biblStruct//t:imprint/t:date")
    iso = ""
    if date is not None:
        candidates = [date.get(a) for a in ("when", "when-iso", "notBefore", "from")] + [folded(date)]
        iso = next((" ".join(c.split()) for c in candidates if c and ISO.fullmatch(" ".join(c.split()))), "")
    place = first(root, "t:teiHeader/t:profileDesc/t:creation//t:placeName", "t:teiHeader/t:profileDesc/t:settingDesc//t:placeName",
                  "t:teiHeader/t:profileDesc/t:settingDesc//t:name[@type='place']")
    licence = root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}publicationStmt/{TEI}availability/{TEI}licence")
    turns = [e for e in root.iterfind(f"{TEI}text//*") if e.tag in (f"{TEI}sp", f"{TEI}u")]
    speakers = {re.sub(r"^.*[#:]", "", who) for turn in turns for who in (turn.get("who") or "").split()}
    languages = [root.find(f"{TEI}text").get(XML_LANG) if root.find(f"{TEI}text") is not None else None, root.get(XML_LANG),
                 *(e.get("ident") for e in root.iterfind(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}langUsage/{TEI}language"))]
    return {
        "document": name,
        "title": folded(title, " ") or name,
        "date": iso,
        "date_as_written": folded(date) or iso,
        "place": folded(place),
        "language": next((" ".join(v.split()) for v in languages if v and v.strip()), ""),
        "turns": str(len(turns)),
        "speakers": str(len(speakers)),
        "licence": (licence.get("target") or folded(licence)) if licence is not None else "",
        "tei": f"{name}.xml",
        "page": f"{base_url}{quote(name)}.html",
    }


@pytest.mark.parametrize("corpus", ["edition", "foreign"])
def test_each_row_of_the_documents_table_is_its_tei_header(corpus, edition_exports, foreign_exports, edition_documents):
    if corpus == "edition":
        exports, base_url = edition_exports, "https://edition.example.org/"
        names = {document: document.stem for document in edition_documents}
    else:
        exports, base_url = foreign_exports, ""
        names = {document: foreign_name(document) for document in foreign_documents()}
    rows = read(exports["csv"] / "documents.csv")
    by_name = {row["document"]: row for row in rows}
    assert len(by_name) == len(rows)  # one row per document
    log = (exports["csv"].parent / "csv.log").read_text(encoding="utf-8")
    refused = {document for document in names if f"{document}:" in log}
    assert set(by_name) == {name for document, name in names.items() if document not in refused}
    assert len(rows) >= (3 if corpus == "edition" else 50)
    turns = read(exports["csv"] / "turns.csv")
    for document, name in names.items():
        if document in refused:
            continue
        row = by_name[name]
        expected = header_row(document, name, base_url)
        if not expected["language"]:  # the document gives none: the edition's, or English
            expected["language"] = row["language"]
        assert {k: row[k] for k in expected} == expected, name
        # Separated by XML's white space (a no-break space, as in Greek verse, joins two words).
        assert int(row["words"]) == sum(len(re.findall(r"[^ \t\r\n]+", r["text"])) for r in turns if r["document"] == name), name
