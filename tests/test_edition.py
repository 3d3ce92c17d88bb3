"""teikit.edition: which files are the documents, and the header an edition is published under,
with or without a register."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from teikit import xslt
from teikit.edition import TEIKIT_NS, edition_header, find_documents, header_document, register_of
from teikit.errors import InputError
from tests.conftest import NS, TEI_FOLDER, edition_files


def tei(title: str, *, series: str = "", editors: tuple[str, ...] = (), licence: str = "", lang: str = "") -> str:
    series_stmt = f"<seriesStmt><title level='s'>{series}</title></seriesStmt>" if series else ""
    editor = "".join(f"<editor><persName>{e}</persName></editor>" for e in editors)
    availability = f"<availability><licence target='{licence}'>Licensed.</licence></availability>" if licence else ""
    language = f" xml:lang='{lang}'" if lang else ""
    return (
        f"<TEI xmlns='http://www.tei-c.org/ns/1.0'{language}><teiHeader><fileDesc>"
        f"<titleStmt><title>{title}</title>{editor}</titleStmt>"
        f"<publicationStmt><publisher>Press</publisher>{availability}<date when='2001-02-03'/></publicationStmt>"
        f"{series_stmt}<sourceDesc><p>born digital</p></sourceDesc></fileDesc></teiHeader>"
        "<text><body><p>words</p></body></text></TEI>"
    )


def corpus(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_folders_are_searched_below_but_hidden_folders_and_the_register_are_not(tmp_path):
    corpus(tmp_path, {"b.xml": tei("B"), "sub/a.xml": tei("A"), ".git/x.xml": tei("X"), "register.xml": tei("R")})
    assert find_documents([tmp_path]) == [tmp_path / "b.xml", tmp_path / "sub" / "a.xml"]


def test_no_register_beside_the_documents_is_no_register(tmp_path):
    documents = corpus(tmp_path, {"a.xml": tei("A")})
    assert register_of(documents) is None
    assert register_of(edition_files()) == TEI_FOLDER / "register.xml"
    with pytest.raises(InputError, match="no such register"):
        register_of(documents, tmp_path / "missing.xml")


def test_the_register_gives_the_edition_its_header():
    header = edition_header(edition_files(), TEI_FOLDER / "register.xml")
    assert header.title == "Gorbachev and the Americans, 1990: A Digital Edition"
    assert header.editors == ["The teikit editorial team"]
    assert header.licence_target == "https://creativecommons.org/licenses/by/4.0/"
    assert not header.derived


def test_one_document_without_a_register_is_published_under_its_own_title(tmp_path):
    documents = corpus(tmp_path / "tei", {"a.xml": tei("The Tempest", editors=("Ann Editor",), lang="en")})
    header = edition_header(documents)
    assert (header.title, header.editors, header.publisher, header.date) == ("The Tempest", ["Ann Editor"], "Press", "2001-02-03")
    assert header.derived


def test_documents_of_one_series_take_its_title_and_their_common_editors(tmp_path):
    documents = corpus(tmp_path / "tei", {
        "a.xml": tei("A", series="Letters of X", editors=("Ann", "Bob"), licence="https://creativecommons.org/publicdomain/zero/1.0/"),
        "b.xml": tei("B", series="Letters of X", editors=("Bob",), licence="https://creativecommons.org/publicdomain/zero/1.0/"),
    })
    header = edition_header(documents)
    assert (header.title, header.editors) == ("Letters of X", ["Bob"])
    assert header.licence_target == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_documents_that_share_nothing_are_named_by_their_folder_never_by_this_edition(tmp_path):
    documents = corpus(tmp_path / "german-plays", {"a.xml": tei("A"), "b.xml": tei("B")})
    assert edition_header(documents).title == "German plays"
    generic = corpus(tmp_path / "tei", {"a.xml": tei("A"), "b.xml": tei("B")})
    assert edition_header(generic).title == "2 TEI documents"


def test_the_users_title_and_editors_win(tmp_path):
    documents = corpus(tmp_path / "tei", {"a.xml": tei("A", editors=("Ann",))})
    header = edition_header(documents, title="  My   Edition ", editors=["Cy Editor"])
    assert (header.title, header.editors) == ("My Edition", ["Cy Editor"])
    register = tmp_path / "register.xml"
    shutil.copy(TEI_FOLDER / "register.xml", register)
    root = etree.fromstring(header_document(documents, register, title="Renamed", editors=["Di"]))
    assert root.xpath("//tei:seriesStmt/tei:title/text()", namespaces=NS) == ["Renamed"]
    assert root.xpath("//tei:seriesStmt/tei:editor/text()", namespaces=NS) == ["Di"]
    assert root.xpath("//tei:listPerson/tei:person", namespaces=NS), "the register's persons are kept"


def test_a_made_header_reads_like_a_register_and_says_it_was_made(tmp_path):
    documents = corpus(tmp_path / "tei", {"a.xml": tei("A", series="S", editors=("Ann",))})
    data = header_document(documents)
    root = etree.fromstring(data)
    assert root.get(f"{{{TEIKIT_NS}}}derived") == "true"
    assert root.xpath("string(//tei:seriesStmt/tei:title[@level='s'])", namespaces=NS) == "S"
    assert root.xpath("//tei:seriesStmt/tei:editor[@xml:id='editors']/text()", namespaces=NS) == ["Ann"]
    with xslt.processor() as proc:
        sheet = xslt.Stylesheet(proc, Path(__file__).resolve().parents[1] / "xslt" / "export" / "text.xsl")
        assert sheet.parse_text(data) is not None


def test_a_register_that_names_no_edition_asks_for_a_title(tmp_path):
    register = tmp_path / "register.xml"
    register.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader><fileDesc><titleStmt><title/></titleStmt>"
                        "</fileDesc></teiHeader></TEI>")
    with pytest.raises(InputError, match="--title"):
        edition_header([], register)
    assert edition_header([], register, title="Given").title == "Given"
