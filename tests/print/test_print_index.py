"""The index of persons: every speaker, with the pages of their turns; every person named."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tests.conftest import NS, TEI_FOLDER, edition_files
from tests.print.reading import page_labels, printed_pages

REGISTER = etree.parse(str(TEI_FOLDER / "register.xml")).getroot()


def surname(register_id: str) -> str:
    person = REGISTER.xpath("//tei:person[@xml:id=$id]", namespaces=NS, id=register_id)[0]
    return " ".join(person.find("tei:persName[@type='reg']/tei:surname", NS).text.split())


def expand(runs: str) -> set[str]:
    """ "3, 5–7" → {"3", "5", "6", "7"} """
    pages: set[str] = set()
    for run in runs.split(","):
        first, _, last = run.strip().partition("–")
        pages |= {str(n) for n in range(int(first), int(last or first) + 1)}
    return pages


def index_text(pdf: Path) -> str:
    pages = printed_pages(pdf)
    start = next(i for i, p in enumerate(pages) if p.split()[:3] == ["Index", "of", "persons"])
    end = next(i for i, p in enumerate(pages) if p.split()[:3] == ["Omissions", "and", "uncertainties"])
    return " ".join(" ".join(pages[start:end]).split())


def speakers() -> dict[str, set[str]]:
    """Register id → the labels printed for that speaker's turns."""
    labels: dict[str, set[str]] = {}
    for document in edition_files():
        root = etree.parse(str(document)).getroot()
        for sp in root.findall(".//tei:sp", NS):
            person = root.xpath("//tei:particDesc//tei:person[@xml:id=$id]", namespaces=NS, id=sp.get("who")[1:])[0]
            label = " ".join("".join(sp.find("tei:speaker", NS).itertext()).split())
            labels.setdefault(person.get("sameAs").removeprefix("reg:"), set()).add(label)
    return labels


def turn_numbers(register_id: str) -> set[str]:
    numbers = set()
    for document in edition_files():
        root = etree.parse(str(document)).getroot()
        for sp in root.findall(".//tei:sp", NS):
            person = root.xpath("//tei:particDesc//tei:person[@xml:id=$id]", namespaces=NS, id=sp.get("who")[1:])[0]
            if person.get("sameAs") == f"reg:{register_id}":
                numbers.add(sp.get("n"))
    return numbers


def test_the_index_names_every_speaker_with_the_pages_and_numbers_of_their_turns(edition_pdf: Path):
    index = index_text(edition_pdf)
    pages = printed_pages(edition_pdf)
    labels = page_labels(edition_pdf)
    last_text_page = next(i for i, p in enumerate(pages) if p.split()[:3] == ["Index", "of", "persons"])
    for register_id, speaker_labels in speakers().items():
        entry = re.search(re.escape(surname(register_id)) + r",[^—]*— speaks ((?:[0-9–]+ \(t\. [0-9, ]+\),? ?)+)", index)
        assert entry, f"the index has no entry with the turns of {register_id}"
        listed = expand(re.sub(r" \(t\. [0-9, ]+\)", "", entry[1]).rstrip(", "))
        numbers = {n for group in re.findall(r"\(t\. ([0-9, ]+)\)", entry[1]) for n in group.split(", ")}
        assert turn_numbers(register_id) <= numbers, f"{register_id}: turns {turn_numbers(register_id) - numbers} not in the index"
        holding = {labels[i] for i, page in enumerate(pages[:last_text_page]) if labels[i].isdigit()
                   and any(label in page for label in speaker_labels)}
        assert holding, f"no page shows a turn of {register_id}"
        assert holding <= listed, f"{register_id}: turns on pages {sorted(holding - listed)} are not in the index"


def test_the_index_names_everyone_the_texts_name(edition_pdf: Path):
    index = index_text(edition_pdf)
    named = {ref.removeprefix("reg:") for document in edition_files()
             for ref in etree.parse(str(document)).xpath("//tei:body//tei:persName/@ref", namespaces=NS)}
    assert len(named) > 10
    for register_id in named:
        assert re.search(re.escape(surname(register_id)) + r",[^—]*— .*?named [0-9]", index), register_id


def test_the_index_is_in_alphabetical_order_with_dates_and_cyrillic_names(edition_pdf: Path):
    index = index_text(edition_pdf)
    order = [index.find(f"{name},") for name in ("Baker", "Brezhnev", "Bush", "Carter", "Gorbachev", "Pérez de Cuéllar", "Reagan", "Yeltsin")]
    assert -1 not in order and order == sorted(order)
    assert "Gorbachev, Mikhail (Михаил Сергеевич Горбачёв), 1931–2022" in index
    assert "Baker, James A., b. 1930, Secretary of State" in index
