"""For every document of the edition and of the foreign corpus: the references the navigation
endpoint lists are the document's citable units, and its passages keep the document's text."""

from __future__ import annotations

import pytest
from lxml import etree

from teikit.dts.index import resource_ids
from tests.dts.conftest import CORPUS, DOCUMENTS, EDITION

TEI = "{http://www.tei-c.org/ns/1.0}"
DTS = "{https://w3id.org/api/dts#}"
IDS = resource_ids(DOCUMENTS, EDITION.parent)


def _text(nodes) -> str:
    # Comments and processing instructions are no text (lxml's itertext leaves them out too).
    return "".join(("".join(n.itertext()) if isinstance(n.tag, str) else "") + (n.tail or "") for n in nodes)


def _expected_turns(root) -> list[str]:
    """The web edition's turn numbers (@n, else place among the text's turns) and their paragraphs."""
    found = []
    for place, turn in enumerate(root.iterfind(f"{TEI}text//{TEI}sp"), 1):
        number = " ".join((turn.get("n") or "").split()) or str(place)
        found.append(number)
        found += [f"{number}.{k}" for k in range(1, len(turn.findall(f"{TEI}p")) + 1)]
    return found


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(EDITION.parent).as_posix())
def test_references_are_the_citable_units_and_passages_keep_the_text(live, path):
    client, base = live
    resource = IDS[path]
    answer = client.get(f"{base}navigation", params={"resource": resource, "down": "-1"}).json()
    units = list(answer["member"])
    while "next" in answer.get("view", {}):
        answer = client.get(answer["view"]["next"]).json()
        units += answer["member"]
    identifiers = [u["identifier"] for u in units]
    assert len(set(identifiers)) == len(identifiers)
    root = etree.parse(str(path)).getroot()
    if path.parent == EDITION and root.find(f".//{TEI}sp") is not None:
        assert identifiers == _expected_turns(root)
    if not units:
        assert answer["resource"]["citationTrees"] == []
        return
    top = [u["identifier"] for u in units if u["level"] == 1]
    texts = []
    for identifier in top:
        response = client.get(f"{base}document", params={"resource": resource, "ref": identifier})
        assert response.status_code == 200
        texts.append(_text(etree.fromstring(response.content).find(f"{DTS}wrapper")))
    whole = "".join(root.find(f"{TEI}text").itertext())
    response = client.get(f"{base}document", params={"resource": resource, "start": top[0], "end": top[-1]})
    assert response.status_code == 200
    span = _text(etree.fromstring(response.content).find(f"{DTS}wrapper"))
    # The range is one stretch of the document's text, from the first unit's first character to the
    # last one's last, and each unit's passage lies in it, in order, whole.
    assert span in whole
    assert span.startswith(texts[0]) and span.endswith(texts[-1])
    at = 0
    for text in texts:
        found = span.find(text, at)
        assert found >= 0
        at = found + len(text)


def test_the_corpus_is_all_there():
    assert len([p for p in DOCUMENTS if CORPUS in p.parents]) >= 50
