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


def _chunks(node):
    """The text of ``node`` in document order, without its tail: element text only (comments and
    processing instructions hold none), and the tails of everything inside it."""
    if not isinstance(node.tag, str):
        return
    if node.text:
        yield node.text
    for child in node:
        yield from _chunks(child)
        if child.tail:
            yield child.tail


def _text(nodes) -> str:
    return "".join("".join(_chunks(n)) + (n.tail or "") for n in nodes)


def _same(a, b) -> bool:
    return a.tag == b.tag and dict(a.attrib) == dict(b.attrib) and "".join(_chunks(a)) == "".join(_chunks(b))


def _unit_elements(text_element, passages) -> list:
    """The source element of each passage (a copy of one element): the next element in document
    order, outside the previous unit, with its name, attributes and text."""
    found, candidates = [], iter(text_element.iter())
    for passage in passages:
        for candidate in candidates:
            if isinstance(candidate.tag, str) and (not found or found[-1] not in candidate.iterancestors()) \
                    and _same(candidate, passage):
                found.append(candidate)
                break
        else:
            raise AssertionError(f"the passage <{passage.tag}> {passage.attrib} is nowhere in the document after the previous unit")
    return found


def _rebuilt(node, units: dict, outside: list) -> str:
    """The text of ``node`` with each unit's text taken from its passage (``units``: element ->
    passage text), every character outside the units collected into ``outside``."""
    if node in units:
        return units[node]
    if not isinstance(node.tag, str):
        return ""
    parts = [node.text or ""]
    outside.append(node.text or "")
    for child in node:
        parts.append(_rebuilt(child, units, outside))
        parts.append(child.tail or "")
        outside.append(child.tail or "")
    return "".join(parts)


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
    passages = []
    for identifier in top:
        response = client.get(f"{base}document", params={"resource": resource, "ref": identifier})
        assert response.status_code == 200
        wrapper = etree.fromstring(response.content).find(f"{DTS}wrapper")
        assert len(wrapper) == 1 and not (wrapper.text or "").strip(), "a reference's passage is its one element"
        passages.append(wrapper[0])
    text = root.find(f"{TEI}text")
    elements = _unit_elements(text, passages)
    outside: list[str] = []
    # The document's text is exactly the passages' texts with, in between, the characters outside
    # every citable unit (headings, front and back matter, text beside the turns, the whitespace
    # between them), each counted once: nothing lost, nothing twice.
    units = {element: _text([passage]) for element, passage in zip(elements, passages)}
    whole = "".join(_chunks(text))
    assert _rebuilt(text, units, outside) == whole
    assert sum(map(len, units.values())) + sum(map(len, outside)) == len(whole)
    # The range from the first unit to the last is that stretch of the document, nothing more, nothing less.
    response = client.get(f"{base}document", params={"resource": resource, "start": top[0], "end": top[-1]})
    assert response.status_code == 200
    span = _text(etree.fromstring(response.content).find(f"{DTS}wrapper"))
    before = _offset(text, elements[0])
    after = _offset(text, elements[-1]) + len("".join(_chunks(elements[-1])))
    assert span == whole[before:after]


def _offset(text_element, element) -> int:
    """Where ``element``'s text starts in the text of ``text_element``."""
    count = 0
    for chunk_owner, chunk in _located(text_element):
        if chunk_owner is element:
            return count
        count += len(chunk)
    raise AssertionError("the element is not in the text")


def _located(node):
    """(element, chunk) pairs: each element first with an empty chunk where it opens, then its text."""
    if not isinstance(node.tag, str):
        return
    yield node, ""
    yield node, node.text or ""
    for child in node:
        yield from _located(child)
        yield node, child.tail or ""


def test_the_corpus_is_all_there():
    assert len([p for p in DOCUMENTS if CORPUS in p.parents]) >= 50
