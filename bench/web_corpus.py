"""A synthetic edition for benchmarks: N documents made from those in tei/, each its own.

Every copy gets its own file name, date (one day after another from 1 January 1985)
and title, so that the documents sort, index and link as distinct texts; the text,
turns, notes and names are those of its model.

    python bench/web_corpus.py 1000 /tmp/corpus
"""

from __future__ import annotations

import argparse
import datetime
import shutil
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": TEI[1:-1]}


def make_corpus(count: int, folder: Path) -> list[Path]:
    """Write ``count`` documents and the register into ``folder``; return the documents."""
    models = sorted(p for p in (ROOT / "tei").glob("*.xml") if p.name != "register.xml")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "tei" / "register.xml", folder / "register.xml")
    trees = [etree.parse(str(model)) for model in models]
    written = []
    start = datetime.date(1985, 1, 1)
    for number in range(count):
        tree = trees[number % len(trees)]
        copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
        day = (start + datetime.timedelta(days=number)).isoformat()
        for date in copy.xpath("//tei:profileDesc/tei:creation/tei:date | //tei:profileDesc/tei:settingDesc/tei:setting/tei:date", namespaces=NS):
            date.set("when", day)
        for title in copy.xpath("//tei:titleStmt/tei:title[@type='main']", namespaces=NS):
            title.text = f"{title.text} (synthetic copy {number + 1})"
        path = folder / f"{day}-synthetic-{number + 1:04d}-{models[number % len(models)].stem[11:]}.xml"
        copy.write(str(path), xml_declaration=True, encoding="UTF-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    arguments = parser.parse_args()
    documents = make_corpus(arguments.count, arguments.folder)
    print(f"{len(documents)} documents in {arguments.folder}")


if __name__ == "__main__":
    main()
