"""How often `teikit convert` reads a real transcript right: speakers, title and date, against hand-checked gold.

    .venv/bin/python bench/convert_accuracy.py                 # every file of tests/corpus/transcripts
    .venv/bin/python bench/convert_accuracy.py --split tuning  # one half only
    .venv/bin/python bench/convert_accuracy.py --format json

Each transcript is converted as a user would (no --speaker, no teikit.toml) and compared with its
gold (tests/corpus/transcripts/README.md says how the gold was made):

- a gold turn is right when the converter starts a turn at its line and gives it to the speaker
  that stands for the gold speaker (the converter's ids are its own: each is matched with the gold
  speaker most of its turns belong to, and a gold speaker split over two ids counts right only
  under the one with most turns). Turns the converter starts where the gold has none count
  against it: the share is right / (gold turns + turns invented);
- a gold speaker is right when every one of its turns is right;
- the title is right when it equals the gold title, white space and case folded (the gold writes
  "PRESS BRIEFING BY / MIKE MCCURRY" as "Press Briefing by Mike McCurry"), and, where the gold has
  none, when the converter says it made the title itself;
- the date is right when @when (or @notBefore/@notAfter) equals the gold's, or both have none.

The corpus is split: "tuning" files may be read while improving the converter, "held-out" files
only measure it. The two splits are reported apart, and overall.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit.convert.register import Register  # noqa: E402
from teikit.convert.transcript import convert  # noqa: E402
from teikit.errors import InputError  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "transcripts"


def fold(text: str | None) -> str:
    return " ".join((text or "").split())


def score_turns(gold: list[dict], found: list[tuple[int, str, str]]) -> tuple[int, int, int, int, int]:
    """(right, gold turns, turns invented, speakers with every turn right, speakers)."""
    mine = {line: who for line, _, who in found}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for turn in gold:
        if turn["line"] in mine:
            votes[mine[turn["line"]]][turn["speaker"]] += 1
    meaning = {who: counts.most_common(1)[0][0] for who, counts in votes.items()}
    # One gold speaker under two of the converter's ids: only the id with most of its turns is right.
    main: dict[str, str] = {}
    for who, speaker in meaning.items():
        if speaker not in main or votes[who][speaker] > votes[main[speaker]][speaker]:
            main[speaker] = who
    wrong: set[str] = set()
    right = 0
    for turn in gold:
        if (
            turn["line"] in mine
            and meaning.get(mine[turn["line"]]) == turn["speaker"]
            and main[turn["speaker"]] == mine[turn["line"]]
        ):
            right += 1
        else:
            wrong.add(turn["speaker"])
    gold_lines = {turn["line"] for turn in gold}
    invented = sum(1 for line in mine if line not in gold_lines)
    speakers = {turn["speaker"] for turn in gold}
    return right, len(gold), invented, len(speakers - wrong), len(speakers)


def date_of(draft) -> object:
    if draft.when:
        return draft.when
    if draft.date_range:
        return {"notBefore": draft.date_range[0], "notAfter": draft.date_range[1]}
    return None


def measure(entry: dict, scratch: Path) -> dict:
    gold = json.loads((CORPUS / entry["gold"]).read_text(encoding="utf-8"))
    try:
        conversion = convert(CORPUS / entry["file"], scratch, Register.empty())
    except InputError as problem:
        return {"file": entry["file"], "split": entry["split"], "error": str(problem)}
    draft = conversion.draft
    right, total, invented, speakers_right, speakers = score_turns(gold["turns"], draft.turn_lines)
    if gold["title"] is None:
        title_right = draft.title_supplied
    else:
        title_right = not draft.title_supplied and fold(draft.title).casefold() == fold(gold["title"]).casefold()
    return {
        "file": entry["file"],
        "split": entry["split"],
        "turns_right": right,
        "turns": total,
        "turns_invented": invented,
        "speakers_right": speakers_right,
        "speakers": speakers,
        "title_right": title_right,
        "title": draft.title,
        "gold_title": gold["title"],
        "date_right": date_of(draft) == gold["date"],
        "date": date_of(draft),
        "gold_date": gold["date"],
    }


def share(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} %" if total else "–"


def summary(rows: list[dict]) -> dict:
    measured = [r for r in rows if "error" not in r]
    right = sum(r["turns_right"] for r in measured)
    total = sum(r["turns"] + r["turns_invented"] for r in measured)
    return {
        "files": len(rows),
        "errors": len(rows) - len(measured),
        "turns_right": right,
        "turns_counted": total,
        "turns": share(right, total),
        "files_all_turns_right": sum(
            1 for r in measured if r["turns_right"] == r["turns"] and not r["turns_invented"]
        ),
        "speakers_right": sum(r["speakers_right"] for r in measured),
        "speakers_counted": sum(r["speakers"] for r in measured),
        "speakers": share(sum(r["speakers_right"] for r in measured), sum(r["speakers"] for r in measured)),
        "titles": share(sum(r["title_right"] for r in measured), len(rows)),
        "dates": share(sum(r["date_right"] for r in measured), len(rows)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["tuning", "held-out"], default=None)
    parser.add_argument("--format", choices=["markdown", "json"], default="markdown")
    arguments = parser.parse_args()
    entries = json.loads((CORPUS / "SOURCES.json").read_text(encoding="utf-8"))
    entries = [e for e in entries if arguments.split in (None, e["split"])]
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(entry, Path(scratch)) for entry in entries]
    splits = {name: summary([r for r in rows if r["split"] == name]) for name in ("tuning", "held-out")}
    splits = {name: s for name, s in splits.items() if s["files"]}
    if arguments.format == "json":
        print(json.dumps({"files": rows, "splits": splits, "overall": summary(rows)}, indent=2, ensure_ascii=False))
        return
    print("| file | split | turns right | invented | speakers right | title | date |")
    print("|---|---|---:|---:|---:|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['file']} | {r['split']} | error: {r['error']} | | | | |")
            continue
        print(
            f"| {r['file']} | {r['split']} | {r['turns_right']}/{r['turns']} | {r['turns_invented']} | "
            f"{r['speakers_right']}/{r['speakers']} | {'right' if r['title_right'] else 'wrong'} | "
            f"{'right' if r['date_right'] else 'wrong'} |"
        )
    print()
    print("| split | files | turns right | files with every turn right | speakers right | titles right | dates right |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, s in [*splits.items(), ("overall", summary(rows))]:
        print(
            f"| {name} | {s['files']} | {s['turns']} ({s['turns_right']}/{s['turns_counted']}) | "
            f"{s['files_all_turns_right']} | {s['speakers']} ({s['speakers_right']}/{s['speakers_counted']}) | "
            f"{s['titles']} | {s['dates']} |"
        )


if __name__ == "__main__":
    main()
