"""Persons and places without an xml:id get ids that depend on the files alone: the same in every
build (one process or several), and following the entry, not the processor, when a register is
reordered."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import TEI_FOLDER, edition_files
from tests.export.conftest import FIXTURES

TEI = "http://www.tei-c.org/ns/1.0"
UNNAMED = ["A stenographer", "A second clerk"]  # register entries given without an xml:id


def _person(name: str) -> etree._Element:
    person = etree.Element(f"{{{TEI}}}person")
    etree.SubElement(person, f"{{{TEI}}}persName").text = name
    return person


def _corpus(folder: Path, reverse: bool = False) -> Path:
    """The edition with two register entries and one document's participant lacking an xml:id;
    ``reverse``: the register's persons in the opposite order."""
    folder.mkdir(parents=True)
    for document in edition_files():
        shutil.copy(document, folder / document.name)
    register = etree.parse(str(TEI_FOLDER / "register.xml"))
    people = register.find(f".//{{{TEI}}}listPerson")
    people.insert(1, _person(UNNAMED[0]))
    people.append(_person(UNNAMED[1]))
    if reverse:
        people[:] = list(reversed(people))
    register.write(str(folder / "register.xml"), xml_declaration=True, encoding="UTF-8")
    spoken = etree.parse(str(FIXTURES / "spoken.xml"))
    spoken.find(f".//{{{TEI}}}listPerson").append(_person("Ein Zwischenrufer"))
    spoken.write(str(folder / "spoken.xml"), xml_declaration=True, encoding="UTF-8")
    return folder


def _tables(teikit, corpus: Path, output: Path, *options: str) -> dict[str, bytes]:
    result = teikit("export", "csv", corpus, "-o", output, *options)
    assert result.exit_code == 0, result.output
    return {p.name: p.read_bytes() for p in sorted(output.glob("*.csv"))}


def _persons(tables: dict[str, bytes]) -> dict[str, dict]:
    return {row["id"]: row for row in csv.DictReader(tables["persons.csv"].decode("utf-8").splitlines())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("ids") / "tei")


def test_entries_without_an_xml_id_are_named_by_where_they_stand(teikit, corpus, tmp_path):
    persons = _persons(_tables(teikit, corpus, tmp_path / "csv"))
    assert persons["register/person[1]"]["name"] == UNNAMED[0]
    assert persons["register/person[2]"]["name"] == UNNAMED[1]
    assert persons["spoken/person[1]"]["name"] == "Ein Zwischenrufer"
    assert persons["spoken/person[1]"]["documents"] == "spoken"
    assert persons["bush"]["name"] == "George H. W. Bush"


def test_two_builds_and_a_build_by_two_workers_give_the_same_ids(teikit, corpus, tmp_path):
    first = _tables(teikit, corpus, tmp_path / "first")
    assert _tables(teikit, corpus, tmp_path / "second") == first
    # generate-id() numbered the documents a worker's processor had read: another share, other ids.
    assert _tables(teikit, corpus, tmp_path / "two", "--jobs", "2") == first


def test_a_reordered_register_keeps_every_entry_with_an_id_and_numbers_the_others_anew(teikit, corpus, tmp_path):
    before = _persons(_tables(teikit, corpus, tmp_path / "before"))
    after = _persons(_tables(teikit, _corpus(tmp_path / "reversed", reverse=True), tmp_path / "after"))
    assert set(after) == set(before)
    placed = {"register/person[1]", "register/person[2]"}
    assert all(after[key] == before[key] for key in set(before) - placed)
    assert [after[key]["name"] for key in sorted(placed)] == list(reversed(UNNAMED))
