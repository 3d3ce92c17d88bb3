"""The collected transcripts and their hand-checked gold agree with each other and with the manifest.

The gold was written by reading each text (tests/corpus/transcripts/README.md); these checks keep a
later edit of a text, a gold file or SOURCES.json from silently putting them out of step. They read
files only: the converter is judged against this gold elsewhere, never used to make it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus" / "transcripts"
MANIFEST = json.loads((CORPUS / "SOURCES.json").read_text(encoding="utf-8"))
ENTRIES = {entry["file"]: entry for entry in MANIFEST}
TEXTS = sorted(CORPUS.glob("*.txt"))
NOT_SPEECH_KINDS = {"stage", "incident", "page", "heading", "footnote", "web-chrome", "header-field", "editorial"}
SPLITS = {"tuning", "held-out"}
# What may stand before a label on its line: indentation and a paragraph number glued to it ("12Kohl:").
LEAD = re.compile(r"^[ \t\u00a0]*(?:\d+\.?[ \t]*)?")


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def gold_of(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


def test_every_transcript_has_gold_and_a_manifest_entry():
    texts = {p.name for p in TEXTS}
    golds = {p.name.removesuffix(".gold.json") + ".txt" for p in CORPUS.glob("*.gold.json")}
    assert texts == golds, f"texts without gold: {texts - golds}; gold without text: {golds - texts}"
    assert texts == set(ENTRIES), f"not in SOURCES.json: {texts - set(ENTRIES)}; listed but missing: {set(ENTRIES) - texts}"
    assert len(MANIFEST) == len(ENTRIES), "a file is listed twice in SOURCES.json"


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"])
def test_manifest_entry_says_where_the_text_comes_from_and_why_it_may_be_used(entry):
    assert entry["kind"] and entry["layout"] and entry["label_forms"]
    assert entry.get("source_url") or all(entry.get(k) for k in ("repository", "path", "commit"))
    assert entry["licence"] and entry["licence_evidence"]
    assert isinstance(entry["excerpt"], bool)
    assert not entry["excerpt"] or entry.get("excerpt_part"), "an excerpt must say which part it is"
    assert entry["split"] in SPLITS
    assert entry["gold"] == entry["file"].removesuffix(".txt") + ".gold.json"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_is_small_utf8(path):
    data = path.read_bytes()
    assert len(data) < 100_000
    data.decode("utf-8")


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_gold_turn_points_at_its_label(path):
    lines, gold = lines_of(path), gold_of(path)
    assert gold["turns"], "a transcript without turns"
    numbers = [turn["line"] for turn in gold["turns"]]
    assert numbers == sorted(set(numbers)), "turns out of order or two on one line"
    for turn in gold["turns"]:
        line = lines[turn["line"] - 1]
        assert line[LEAD.match(line).end():].startswith(turn["label"]), f"line {turn['line']}: {line[:60]!r} does not start with {turn['label']!r}"
        assert turn["label"] in gold["speakers"][turn["speaker"]]["forms"], f"line {turn['line']}: {turn['label']!r} is not a form of {turn['speaker']}"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_printed_form_of_a_speaker_is_used_and_listed(path):
    gold, entry = gold_of(path), ENTRIES[path.name]
    used = {turn["label"] for turn in gold["turns"]}
    forms = {form for speaker in gold["speakers"].values() for form in speaker["forms"]}
    assert forms == used, f"forms never used: {forms - used}"
    assert set(entry["label_forms"]) == forms
    text = path.read_text(encoding="utf-8")
    for form in entry["label_forms"]:
        assert form in text
    for speaker in gold["speakers"].values():
        assert speaker["name"]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_what_is_not_speech_and_the_traps_stand_where_the_gold_says(path):
    lines, gold = lines_of(path), gold_of(path)
    turn_lines = {turn["line"] for turn in gold["turns"]}
    for item in gold["not_speech"]:
        assert item["kind"] in NOT_SPEECH_KINDS
        assert item["text"] in lines[item["line"] - 1], f"line {item['line']} lacks {item['text']!r}"
    for trap in gold["traps"]:
        assert trap["text"] in lines[trap["line"] - 1]
        assert trap["line"] not in turn_lines, f"line {trap['line']} is both a trap and a turn"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_title_and_date_are_stated_with_their_source(path):
    gold = gold_of(path)
    assert gold["title"] is None or gold["title"].strip()
    assert gold["title_source"] and gold["date_source"]
    date = gold["date"]
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    assert date is None or (isinstance(date, str) and iso.match(date)) or (
        isinstance(date, dict) and iso.match(date["notBefore"]) and iso.match(date["notAfter"]))


def test_the_corpus_is_large_and_varied_enough_to_measure_on():
    assert len(TEXTS) >= 30
    forms = {form for entry in MANIFEST for form in entry["label_forms"]}
    assert len(forms) >= 12
    kinds = {entry["kind"] for entry in MANIFEST}
    assert len(kinds) >= 7
    for split in SPLITS:
        part = [entry for entry in MANIFEST if entry["split"] == split]
        assert len(part) >= len(MANIFEST) // 3, f"the {split} split is too small"
        assert len({entry["kind"] for entry in part}) >= 5, f"the {split} split covers too few kinds"
