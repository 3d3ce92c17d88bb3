"""The index the server reads: brought up to date by reading only the documents that changed,
answering navigation without the documents, and citing by the header's citeStructure when
`teikit convert` wrote one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from lxml import etree

import teikit.edition
import teikit.tei
from teikit import server
from teikit.commands.serve import site_app
from teikit.convert.register import Register
from teikit.convert.transcript import convert
from teikit.dts.app import make_app
from teikit.dts.collections import ROOT, collections_of
from teikit.dts.index import Index
from tests.dts.conftest import CORPUS, EDITION
from tests.dts.test_corpus import _expected_turns

TEI = "{http://www.tei-c.org/ns/1.0}"
PARIS = "1990-11-19-paris-gorbachev-bush"
MOSCOW = "1990-11-08-moscow-gorbachev-baker"
HELSINKI = "1990-09-09-helsinki-bush-gorbachev"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEIKIT = str(Path(sys.executable).with_name("teikit"))


@pytest.fixture
def corpus(tmp_path):
    """A corpus of its own (the edition and a few foreign documents), to change under the index."""
    folder = tmp_path / "tei"
    folder.mkdir()
    for path in sorted(EDITION.glob("*.xml")):
        if path.name != "register.xml":
            shutil.copy(path, folder / path.name)
    for path in sorted(CORPUS.glob("dracor/*.xml"))[:2]:
        shutil.copy(path, folder / path.name)
    _age(*folder.glob("*.xml"))
    return folder


def _age(*paths: Path) -> None:
    """Files written an hour ago: the index trusts the size and time of a file older than the
    update that read it (a file as recent may be written again in the same tick)."""
    for path in paths:
        os.utime(path, (time.time() - 3600, time.time() - 3600))


@pytest.fixture
def parsed(monkeypatch):
    """The names of the documents the index parses (teikit.tei.parse is how it reads one, for its
    rows and for the edition's title alike)."""
    names: list[str] = []
    real = teikit.tei.parse

    def parse(path, *args, **kwargs):
        names.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(teikit.tei, "parse", parse)
    monkeypatch.setattr(teikit.edition, "parse", parse)
    return names


def _identifiers(index: Index, resource: str) -> list[str]:
    return [unit.identifier for unit in index.units(resource, "")]


def test_the_index_reads_again_only_the_documents_that_changed(corpus, tmp_path, parsed):
    database = tmp_path / "index.sqlite"
    assert Index(database, [corpus]).build() == []
    everything = sorted(p.name for p in corpus.glob("*.xml"))
    assert sorted(parsed) == everything
    before = {p.stem: _identifiers(Index(database, [corpus]), p.stem) for p in corpus.glob("*.xml")}

    parsed.clear()
    assert Index(database, [corpus]).build() == []
    assert parsed == [], "nothing changed: nothing is read"

    # One turn more in one document: only it is read, and the index shows the new turn.
    paris = corpus / f"{PARIS}.xml"
    tree = etree.parse(str(paris))
    last = tree.findall(f".//{TEI}body//{TEI}sp")[-1]
    added = etree.fromstring(etree.tostring(last))
    added.set("n", "999")
    last.addnext(added)
    tree.write(str(paris), xml_declaration=True, encoding="UTF-8")
    _age(paris)
    assert Index(database, [corpus]).build() == []
    assert parsed == [paris.name]
    index = Index(database, [corpus])
    assert _identifiers(index, PARIS)[-len(added.findall(f"{TEI}p")) - 1] == "999"
    assert {stem: _identifiers(index, stem) for stem in before if stem != PARIS} == \
        {stem: ids for stem, ids in before.items() if stem != PARIS}
    # The corpus's title (it has no register) still is the one its documents' headers make.
    assert index.title() == teikit.edition.edition_header(sorted(corpus.glob("*.xml"))).title

    # A document removed is forgotten, one added is read, and nothing else.
    parsed.clear()
    gone = sorted(corpus.glob("*.xml"))[-1]
    gone.rename(tmp_path / gone.name)
    shutil.copy(sorted(CORPUS.glob("perseus/*.xml"))[0], corpus / "added.xml")
    assert Index(database, [corpus]).build() == []
    assert parsed == ["added.xml"]
    index = Index(database, [corpus])
    assert index.resource(gone.stem) is None and index.resource("added") is not None


def test_a_document_written_again_as_it_was_read_keeping_its_size_and_time_is_read_again(corpus, tmp_path, parsed):
    """Git's "racily clean" file: written in the same second as the index read it, then again with
    the same size, its time put back. Trusting size and time would keep the old text."""
    database = tmp_path / "index.sqlite"
    paris = corpus / f"{PARIS}.xml"
    shutil.copy(EDITION / f"{PARIS}.xml", paris)  # written now
    assert Index(database, [corpus]).build() == []
    written = os.stat(paris)
    text = paris.read_bytes()
    changed = text.replace(b'n="1"', b'n="Z"', 1)
    assert changed != text and len(changed) == len(text)
    paris.write_bytes(changed)
    os.utime(paris, ns=(written.st_atime_ns, written.st_mtime_ns))
    parsed.clear()
    assert Index(database, [corpus]).build() == []
    assert parsed == [paris.name]
    assert "Z" in _identifiers(Index(database, [corpus]), PARIS)


def test_navigation_and_collections_are_answered_without_the_documents(corpus, tmp_path, parsed):
    database = tmp_path / "index.sqlite"
    assert Index(database, [corpus]).build() == []
    resources = [r.id for r in Index(database, [corpus]).resources()]
    parsed.clear()
    # The documents gone: a server started on the index still navigates all of them.
    corpus.rename(tmp_path / "elsewhere")
    app = site_app(None, make_app(Index(database, [corpus])))
    with server.running(app) as address, httpx.Client(base_url=f"{address}api/dts/", timeout=30) as client:
        assert client.get("collection").status_code == 200
        for resource in resources:
            assert client.get("collection", params={"id": resource}).status_code == 200
            whole = client.get("navigation", params={"resource": resource, "down": "-1"})
            assert whole.status_code == 200
            for unit in whole.json()["member"][:3]:
                answer = client.get("navigation", params={"resource": resource, "ref": unit["identifier"], "down": "1"})
                assert answer.status_code == 200
        passage = client.get("document", params={"resource": PARIS, "ref": "2"})
        assert passage.status_code == 503 and "is gone since the index was built" in passage.json()["detail"]
    assert parsed == []


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The Paris record converted afresh by `teikit convert`'s converter."""
    folder = tmp_path_factory.mktemp("converted")
    shutil.copy(EDITION / "register.xml", folder / "register.xml")
    conversion = convert(SEEDS / "001_f551d9c3658c04f1.txt", folder, Register.load(folder / "register.xml"))
    (folder / conversion.name).write_bytes(conversion.document)
    return folder / conversion.name


def test_convert_writes_a_cite_structure_the_profile_admits(converted):
    root = etree.parse(str(converted)).getroot()
    turn = root.find(f"{TEI}teiHeader/{TEI}encodingDesc/{TEI}refsDecl/{TEI}citeStructure")
    assert turn is not None, "the header declares how passages are cited"
    assert (turn.get("unit"), turn.get("use")) == ("turn", "@n")
    assert turn.find(f"{TEI}citeStructure").get("unit") == "paragraph"
    checked = subprocess.run([TEIKIT, "validate", str(converted)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_headers_cite_structure_makes_the_tree_and_the_web_turn_numbers_are_the_references(converted, tmp_path):
    index = Index(tmp_path / "index.sqlite", [converted])
    assert index.build() == []
    root = etree.parse(str(converted)).getroot()
    resource = next(index.resources())
    assert resource.trees[0]["citeStructure"][0]["citeType"] == "turn"
    assert _identifiers(index, resource.id) == _expected_turns(root)

    # What the header says wins over what the structure suggests: name the units otherwise there,
    # and the citation tree and every unit follow it.
    for element in root.iter(f"{TEI}citeStructure"):
        element.set("unit", {"turn": "speech", "paragraph": "passage"}[element.get("unit")])
    renamed = tmp_path / "renamed" / converted.name
    renamed.parent.mkdir()
    renamed.write_bytes(etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8"))
    index = Index(tmp_path / "renamed.sqlite", [renamed])
    assert index.build() == []
    resource = next(index.resources())
    structure = resource.trees[0]["citeStructure"][0]
    assert structure["citeType"] == "speech" and structure["citeStructure"][0]["citeType"] == "passage"
    units = index.units(resource.id, "")
    assert {u.cite_type for u in units} == {"speech", "passage"}
    assert [u.identifier for u in units] == _expected_turns(root)


def test_collections_by_kind_for_the_edition_and_by_folder_for_a_foreign_corpus(tmp_path):
    edition = Index(tmp_path / "edition.sqlite", [EDITION])
    assert edition.build() == []
    kinds = collections_of(edition, "auto")  # every edition document names its genre: by kind
    titles = {kinds.by_id[c].title: sorted(kinds.by_id[c].members) for c in kinds.by_id[ROOT].members}
    assert titles == {"Records of conversation": [MOSCOW, PARIS], "Encyclopedia articles": [HELSINKI]}

    foreign = Index(tmp_path / "corpus.sqlite", [CORPUS])
    assert foreign.build() == []
    folders = collections_of(foreign, "auto")  # the foreign documents name none: by folder
    named = {folders.by_id[c].title.lower().replace(" ", "-"): c for c in folders.by_id[ROOT].members}
    assert set(named) == {p.name for p in CORPUS.iterdir() if p.is_dir()}
    for resource in foreign.resources():
        assert folders.parents[resource.id] == [named[resource.path.parent.name]]
    # --collections-by kind on that corpus: one collection of the documents that name no kind.
    other = collections_of(foreign, "kind")
    assert [other.by_id[c].title for c in other.by_id[ROOT].members] == ["Other documents"]


def test_a_second_declared_tree_is_navigated_and_cited_by_its_name(converted, tmp_path):
    root = etree.parse(str(converted)).getroot()
    declared = root.find(f"{TEI}teiHeader/{TEI}encodingDesc/{TEI}refsDecl")
    paragraphs = etree.fromstring(f'<refsDecl xmlns="{TEI[1:-1]}" n="paragraphs">'
                                  '<citeStructure unit="paragraph" match="//body//p" use="position()"/></refsDecl>')
    declared.addnext(paragraphs)
    document = tmp_path / "tei" / converted.name
    document.parent.mkdir()
    document.write_bytes(etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8"))
    index = Index(tmp_path / "index.sqlite", [document.parent])
    assert index.build() == []
    resource = document.stem
    body = [p for p in root.find(f"{TEI}text/{TEI}body").iter(f"{TEI}p")]
    with server.running(site_app(None, make_app(index))) as address, \
            httpx.Client(base_url=f"{address}api/dts/", timeout=30) as client:
        trees = client.get("collection", params={"id": resource}).json()["citationTrees"]
        assert [t.get("identifier") for t in trees] == [None, "paragraphs"], "the first declared tree is the default"
        named = client.get("navigation", params={"resource": resource, "tree": "paragraphs", "down": "1"}).json()
        assert [m["identifier"] for m in named["member"]] == [str(n) for n in range(1, len(body) + 1)]
        assert {m["citeType"] for m in named["member"]} == {"paragraph"}
        default = client.get("navigation", params={"resource": resource, "down": "1"}).json()
        assert {m["citeType"] for m in default["member"]} == {"turn"}
        passage = client.get("document", params={"resource": resource, "tree": "paragraphs", "ref": "3"})
        assert passage.status_code == 200
        cited = etree.fromstring(passage.content).find("{https://w3id.org/api/dts#}wrapper")[0]
        assert cited.tag == f"{TEI}p" and "".join(cited.itertext()) == "".join(body[2].itertext())


def _texts(root, path: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in root.iterfind(path)]


@pytest.mark.parametrize("path", [EDITION / f"{PARIS}.xml", sorted(CORPUS.glob("dracor/*.xml"))[0]], ids=lambda p: p.stem)
def test_a_resource_carries_the_dublin_core_of_its_header(live, path):
    client, base = live
    root = etree.parse(str(path)).getroot()
    header = f"{TEI}teiHeader/{TEI}fileDesc"
    resource = client.get(f"{base}collection", params={"id": path.stem}).json()
    core = resource["dublinCore"]
    assert core["title"][0]["value"] == resource["title"] == _texts(root, f"{header}/{TEI}titleStmt/{TEI}title")[0]
    assert [c["value"] for c in core.get("creator", [])] == _texts(root, f"{header}/{TEI}titleStmt/{TEI}author")
    # The languages the header declares, else the one the text is in.
    languages = [e.get("ident") for e in root.iterfind(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}langUsage/{TEI}language")] \
        or [root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    assert core["language"] == languages and core["language"]
    licence = root.find(f"{header}/{TEI}publicationStmt/{TEI}availability/{TEI}licence")
    if licence is not None and licence.get("target", "").startswith("http"):
        assert core["license"] == licence.get("target")
    assert core["source"] and core["source"][0]["value"] in " ".join(_texts(root, f"{header}/{TEI}sourceDesc"))
    assert resource["citationTrees"] and resource["citationTrees"][0]["@type"] == "CitationTree"


def _expected_sections(element, prefix: str = "") -> list[str]:
    """An article's divisions, nested: each by its @n, else its place among its siblings."""
    found = []
    for place, div in enumerate(element.findall(f"{TEI}div"), 1):
        identifier = prefix + (" ".join((div.get("n") or "").split()) or str(place))
        found += [identifier] + _expected_sections(div, identifier + ".")
    return found


def test_an_article_is_cited_by_its_nested_divisions(live):
    client, base = live
    root = etree.parse(str(EDITION / f"{HELSINKI}.xml")).getroot()
    expected = _expected_sections(root.find(f"{TEI}text/{TEI}body"))
    assert any("." in e for e in expected), "the article has nested sections"
    answer = client.get(f"{base}navigation", params={"resource": HELSINKI, "down": "-1"}).json()
    assert [m["identifier"] for m in answer["member"]] == expected
    assert {m["level"] for m in answer["member"]} == {1, 2}
    assert all(m["parent"] == (m["identifier"].rsplit(".", 1)[0] if "." in m["identifier"] else None) for m in answer["member"])
