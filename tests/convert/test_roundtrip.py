"""Nothing lost: the TEI written back equals the transcript, and the archive's metadata is all in the header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from teikit.check import compare
from teikit.export.text import export_texts
from teikit.tei import reading_text

ROOT = Path(__file__).resolve().parents[2]
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SEEDS = {
    "article": "000_24da951937169157.txt",
    "paris": "001_f551d9c3658c04f1.txt",
    "moscow": "002_19b801232efa4b12.txt",
}

# Where the document itself begins and ends in each transcript (its title to its last turn or section).
STRETCH = {
    "article": ("The Helsinki Summit was a private", "Media related to 1990 Helsinki summit at Wikimedia Commons"),
    "paris": ("**Record of the Main Content of Conversation", "end this evening with a friendly dinner."),
    "moscow": ("CONTENTS OF A CONVERSATION", "[Subsequent pages omitted in the original.]"),
}


def fold(text: str) -> str:
    return " ".join(text.split())


def stretch(text: str, key: str) -> str:
    start, end = STRETCH[key]
    folded = fold(text)
    return folded[folded.index(start) : folded.index(end) + len(end)]


@pytest.fixture(scope="module")
def exported(converted) -> dict[str, str]:
    keys = list(converted)
    return dict(zip(keys, export_texts([converted[k] for k in keys])))


@pytest.mark.parametrize("key", list(SEEDS))
def test_body_written_back_equals_the_transcript(key, exported):
    seed = (ROOT / "seeds" / SEEDS[key]).read_text(encoding="utf-8")
    assert stretch(exported[key], key) == stretch(seed, key)


@pytest.mark.parametrize("key", list(SEEDS))
def test_whole_transcript_comes_back_with_its_metadata_blocks(key, exported):
    seed = (ROOT / "seeds" / SEEDS[key]).read_text(encoding="utf-8")
    assert compare(seed, exported[key]) == []
    assert fold(exported[key]) == fold(seed)


@pytest.mark.parametrize("key", list(SEEDS))
def test_the_master_copy_in_tei_still_holds_every_word(key, converted):
    """tei/ may be enriched by editors; it must still write back to its transcript."""
    master = ROOT / "tei" / converted[key].name
    seed = (ROOT / "seeds" / SEEDS[key]).read_text(encoding="utf-8")
    assert compare(seed, export_texts([master])[0]) == []


def _header_text(path: Path) -> str:
    header = etree.parse(str(path)).find("tei:teiHeader", NS)
    return reading_text(header)


MOSCOW_VALUES = [
    "November 8, 1990",
    "Record of a Conversation between M. S. Gorbachev and the US Secretary of State, J. Baker in Moscow",
    '"Record of a Conversation between M. S. Gorbachev and the US Secretary of State, J. Baker in Moscow", '
    "November 8, 1990, Wilson Center Digital Archive, CWIHP Archives.",
    "Baker and Gorbachev discuss public opinion of the recent improvement in relations between the Soviet Union "
    "and the United States, as well as Saddam Hussein's recent invasion of Kuwait.",
    "This document was made possible with support from Leon Levy Foundation",
    "Russian",
    "Translation - English",
]
PARIS_VALUES = [
    "Gorbachev Foundation Archive, Fond 1, opis 1. Published in Sobranie sochinenii, vol. 23, p. 176-181. "
    "Translated by Svetlana Savranskaya.",
    "This document is from the holdings of:",
    "The National Security Archive",
    "Suite 701, Gelman Library, The George Washington University",
    "2130 H Street, NW, Washington, D.C., 20037",
    "Phone: 202/994-7000, Fax: 202/994-7005, nsarchiv@gwu.edu",
    "Read related article:",
    "Inside the Gorbachev-Bush “Partnership” on the First Gulf War 1990",
    "2020-09-09",
]


@pytest.mark.parametrize(("key", "values"), [("moscow", MOSCOW_VALUES), ("paris", PARIS_VALUES)])
def test_every_metadata_value_is_verbatim_in_the_header(key, values, converted):
    header = _header_text(converted[key])
    for value in values:
        assert value in header, value


def test_urls_of_the_metadata_blocks_are_kept(converted):
    moscow = etree.parse(str(converted["moscow"]))
    assert "https://wilson-center-digital-archive.dvincitest.com/document/118933" in moscow.xpath(
        "//tei:teiHeader//tei:ptr/@target", namespaces=NS
    )
    paris = etree.parse(str(converted["paris"]))
    targets = paris.xpath("//tei:teiHeader//tei:ref/@target", namespaces=NS)
    assert "mailto:nsarchiv@gwu.edu" in targets and "#" in targets


def test_no_markdown_survives_as_text(converted):
    for path in converted.values():
        texts = etree.parse(str(path)).xpath("//text()")
        assert not [t for t in texts if re.search(r"\*|\]\(|^=+ | =+$", t)], path.name
