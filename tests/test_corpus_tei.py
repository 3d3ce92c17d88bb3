"""The corpus of real TEI files from other projects (tests/corpus/tei) is what its manifest says it is.

Other tests publish every file of this corpus; these checks keep it honest: each file is listed in
SOURCES.json with its provenance, is read by teikit's own XML reader (TEI namespace, no DOCTYPE),
and exercises what the manifest claims, found by XPath in the file itself. The corpus as a whole must
cover every structure the publishing issue names, so a regression in any of them shows.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from teikit import xmlfile

CORPUS = Path(__file__).parent / "corpus" / "tei"
HOSTILE = Path(__file__).parent / "corpus" / "tei-hostile"

TEI = "http://www.tei-c.org/ns/1.0"
NS = {
    "tei": TEI,
    "m": "http://www.w3.org/1998/Math/MathML",
    "svg": "http://www.w3.org/2000/svg",
    "h": "http://www.w3.org/1999/xhtml",
    "xi": "http://www.w3.org/2001/XInclude",
}
# Namespaces with a feature of their own, or that are TEI's (examples) or plumbing (XInclude).
_NAMED = (TEI, NS["m"], NS["svg"], NS["h"], NS["xi"], "http://www.tei-c.org/ns/Examples")
_T = "//tei:text"

# Every feature the manifest may name, as the XPath that finds it.
FEATURES = {
    "sp": f"{_T}//tei:sp",
    "sp-without-speaker": f"{_T}//tei:sp[not(tei:speaker)]",
    "u/@who": f"{_T}//tei:u[@who]",
    "seg": f"{_T}//tei:seg",
    "note": f"{_T}//tei:note",
    "kinesic": f"{_T}//tei:kinesic",
    "vocal": f"{_T}//tei:vocal",
    "incident": f"{_T}//tei:incident",
    "app/lem/rdg": f"{_T}//tei:app[tei:lem][tei:rdg]",
    "choice": f"{_T}//tei:choice",
    "lb": f"{_T}//tei:lb",
    "supplied": f"{_T}//tei:supplied",
    "unclear": f"{_T}//tei:unclear",
    "gap": f"{_T}//tei:gap",
    "expan/abbr": f"{_T}//tei:expan[.//tei:abbr] | {_T}//tei:choice[tei:expan][tei:abbr]",
    "lg/l": f"{_T}//tei:lg/tei:l",
    "entry": f"{_T}//tei:entry | {_T}//tei:entryFree | {_T}//tei:superEntry",
    "msDesc": "//tei:msDesc",
    "facsimile": "//tei:facsimile",
    "group/text": f"{_T}//tei:group/tei:text",
    "front": f"{_T}/tei:front",
    "back": f"{_T}/tei:back",
    "table": f"{_T}//tei:table",
    "list": f"{_T}//tei:list",
    "figure/graphic+figDesc": f"{_T}//tei:figure[tei:graphic][tei:figDesc]",
    "cb": f"{_T}//tei:cb",
    "milestone": f"{_T}//tei:milestone",
    "hi/@rend": f"{_T}//tei:hi[@rend]",
    "foreign": f"{_T}//tei:foreign",
    "del": f"{_T}//tei:del",
    "add": f"{_T}//tei:add",
    "subst": f"{_T}//tei:subst",
    "w": f"{_T}//tei:w",
    "mathml": f"{_T}//m:math",
    "svg": "//svg:svg",
    "xhtml": "//h:*",
    "project-namespace": "//*[namespace-uri() != '' and "
    + " and ".join(f"namespace-uri() != '{uri}'" for uri in _NAMED)
    + "]",
    "xinclude": "//xi:include",
    "respStmt-several-resp": "//tei:teiHeader//tei:respStmt[count(tei:resp) > 1]",
    "several-titles": "//tei:teiHeader/tei:fileDesc/tei:titleStmt[count(tei:title) > 1]",
    "editor/persName": "//tei:teiHeader//tei:editor[tei:persName]",
    "head-only-graphic": f"{_T}//tei:head[tei:graphic][not(*[not(self::tei:graphic)])][not(normalize-space(.))]",
    "correspDesc": "//tei:correspDesc",
    "standOff": "//tei:standOff",
    # None of the header parts an edition-wide page would rather take its persons, editors and dates from.
    "bare-header": "not(//tei:particDesc | //tei:editor | //tei:respStmt | //tei:abstract | //tei:creation/tei:date)",
}
# Han, kana and hangul; a file counts as CJK when its text has at least this many such characters.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\U00020000-\U0002ffff]")
CJK_MINIMUM = 50

# What the corpus must exercise (issue 8), each by at least one file; some by more.
REQUIRED = [name for name in FEATURES if name not in ("w", "xinclude", "standOff", "bare-header")]
REQUIRED_FILES = {"cjk": 2, "bare-header": 3}

MANIFEST_KEYS = {"file", "project", "repository", "path", "commit", "licence", "licence_evidence", "features",
                 "valid_tei_all", "words"}


def outer_texts(root):
    return root.xpath("//tei:text[not(ancestor::tei:text)]", namespaces=NS)


def features_of(root) -> list[str]:
    found = [name for name, path in FEATURES.items() if _found(root.xpath(path, namespaces=NS))]
    text = "".join(element.xpath("string(.)") for element in outer_texts(root))
    if len(_CJK.findall(text)) >= CJK_MINIMUM:
        found.append("cjk")
    return found


def words_of(root) -> int:
    """Whitespace-separated words of the document's text (its outermost text elements)."""
    return sum(len(element.xpath("string(.)").split()) for element in outer_texts(root))


def _found(result) -> bool:
    return result is True or (isinstance(result, list) and bool(result))


def _files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.xml"))


@pytest.fixture(scope="module")
def manifest() -> list[dict]:
    return json.loads((CORPUS / "SOURCES.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents(manifest) -> dict[str, object]:
    """Each listed file, read by teikit's own reader (as every command reads TEI)."""
    return {entry["file"]: xmlfile.read(CORPUS / entry["file"]) for entry in manifest}


def test_the_manifest_lists_every_file_once_and_nothing_else(manifest):
    listed = [entry["file"] for entry in manifest]
    assert [name for name, count in Counter(listed).items() if count > 1] == []
    assert sorted(listed) == _files(CORPUS)


def test_every_file_has_its_provenance(manifest):
    for entry in manifest:
        assert set(entry) == MANIFEST_KEYS, entry["file"]
        for key in ("project", "repository", "path", "licence", "licence_evidence"):
            assert isinstance(entry[key], str) and entry[key].strip(), (entry["file"], key)
        assert re.fullmatch(r"[0-9a-f]{40}", entry["commit"]), entry["file"]
        assert re.fullmatch(r"[a-z0-9-]+/[^/]+\.xml", entry["file"]), entry["file"]
        assert isinstance(entry["valid_tei_all"], bool), entry["file"]
        assert isinstance(entry["words"], int) and entry["words"] >= 0, entry["file"]


def test_every_file_is_teikit_readable_tei_without_doctype(manifest, documents):
    for name, root in documents.items():
        assert root.xpath("namespace-uri(/*)") == TEI, name
        assert root.getroottree().docinfo.doctype == "", name
        assert b"<!DOCTYPE" not in (CORPUS / name).read_bytes()[:4096], name
        assert outer_texts(root), f"{name} has no text"


def test_files_stay_small_enough_to_publish_them_all_quickly(manifest):
    sizes = {entry["file"]: (CORPUS / entry["file"]).stat().st_size for entry in manifest}
    assert max(sizes.values()) < 300 * 1024, max(sizes, key=sizes.get)
    assert sum(sizes.values()) < 6 * 1024 * 1024


def test_the_manifest_says_what_each_file_exercises_and_how_long_it_is(manifest, documents):
    for entry in manifest:
        root = documents[entry["file"]]
        assert sorted(entry["features"]) == sorted(features_of(root)), entry["file"]
        assert entry["words"] == words_of(root), entry["file"]


def test_the_corpus_exercises_every_structure_publishing_must_keep(documents):
    found = {name: features_of(root) for name, root in documents.items()}
    counts = Counter(feature for features in found.values() for feature in features)
    missing = [feature for feature in REQUIRED if counts[feature] < 1]
    assert missing == []
    for feature, minimum in REQUIRED_FILES.items():
        assert counts[feature] >= minimum, (feature, counts[feature])


def test_the_corpus_is_large_and_from_many_projects(manifest):
    assert len(manifest) >= 40
    assert len({entry["project"].split(" (")[0] for entry in manifest}) >= 10
    assert len({entry["repository"] for entry in manifest}) >= 10


def test_hostile_files_are_listed_and_refused_by_teikit():
    entries = json.loads((HOSTILE / "SOURCES.json").read_text(encoding="utf-8"))
    assert sorted(entry["file"] for entry in entries) == _files(HOSTILE)
    for entry in entries:
        assert set(entry) == {"file", "project", "repository", "path", "commit", "licence", "licence_evidence",
                              "refused_as", "why"}, entry["file"]
        with pytest.raises(xmlfile.Unreadable) as refused:
            xmlfile.read(HOSTILE / entry["file"])
        assert refused.value.problem.rule == entry["refused_as"], entry["file"]
