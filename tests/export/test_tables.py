"""Tables: one row per turn, valid under Frictionless, the rows' words those of export text."""

from __future__ import annotations

import csv
import json

import pytest

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
