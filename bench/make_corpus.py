"""A synthetic corpus of TEI documents for benchmarking `teikit validate`, made from the seeds.

    .venv/bin/python bench/make_corpus.py --docs 1000 --out build/corpus

The three transcripts in seeds/ are converted with teikit, then varied document by document:
speakers renamed, turns (or an article's sections) reordered and repeated, gaps and translator's
notes inserted. Sizes are spread evenly on a logarithmic scale from 5 KB to 1 MB. Every document
is valid against the edition's profile and tei_all; register.xml is copied beside them.
"""

from __future__ import annotations

import argparse
import copy
import math
import random
import shutil
import sys
import tempfile
from pathlib import Path

from lxml import etree

from teikit.convert.register import Register
from teikit.convert.transcript import convert
from teikit.tei import TEI_NS, XML_ID, E, serialize, tag, xml_models

ROOT = Path(__file__).resolve().parents[1]
NS = {"tei": TEI_NS}
SMALLEST, LARGEST = 5_000, 1_000_000
NAMES = [
    "Ivanov", "Petrova", "Smith", "Dubois", "Novak", "Kowalski", "Tanaka", "Okafor", "Lindqvist", "Moreau",
    "Rossi", "Weber", "Haddad", "Silva", "Kim", "Nowak", "Horvat", "Popescu", "Jensen", "Costa",
]  # fmt: skip


def seeds(folder: Path) -> list[etree._ElementTree]:
    """The seeds, converted to TEI in ``folder`` (with the edition's register beside them)."""
    shutil.copy(ROOT / "tei" / "register.xml", folder / "register.xml")
    register = Register.load(folder / "register.xml")
    trees = []
    for source in sorted((ROOT / "seeds").glob("*.txt")):
        conversion = convert(source, folder, register)
        trees.append(etree.fromstring(conversion.document).getroottree())
    return trees


def _rename_speakers(document: etree._Element, rng: random.Random) -> None:
    people = document.findall(".//tei:particDesc//tei:person", NS)
    for person in people:
        old = person.get(XML_ID)
        new_name = rng.choice(NAMES)
        new = f"{new_name.lower()}-{rng.randrange(1000)}"
        person.set(XML_ID, new)
        person.attrib.pop("sameAs", None)
        for idno in person.findall("tei:idno", NS):
            person.remove(idno)
        for name in person.findall("tei:persName", NS):
            name.text = new_name
        for turn in document.iterfind(f".//tei:sp[@who='#{old}']", NS):
            turn.set("who", f"#{new}")
            speaker = turn.find("tei:speaker", NS)
            speaker.clear()
            speaker.text = f"{new_name}:"


def _gap() -> etree._Element:
    return E.gap(E.desc("..."), reason="omitted")


def _note(rng: random.Random) -> etree._Element:
    if rng.random() < 0.5:
        return E.note(E.foreign("tak skazat'", {"{http://www.w3.org/XML/1998/namespace}lang": "ru-Latn"}), type="translator")
    return E.note("sic?? - or something like that?", type="translator", cert="low")


def _vary_record(document: etree._Element, body: etree._Element, target: int, rng: random.Random) -> None:
    turns = body.findall("tei:sp", NS)
    for turn in turns:
        body.remove(turn)
    size = len(etree.tostring(document))
    number = 0
    while size < target or number == 0:
        turn = copy.deepcopy(rng.choice(turns))
        number += 1
        turn.set(XML_ID, f"t{number}")
        turn.set("n", str(number))
        if rng.random() < 0.15:
            body.append(_gap())
        paragraphs = turn.findall("tei:p", NS)
        if paragraphs and rng.random() < 0.2:
            paragraphs[-1].append(_note(rng))
        body.append(turn)
        size += len(etree.tostring(turn))


def _vary_article(document: etree._Element, body: etree._Element, target: int, rng: random.Random) -> None:
    sections = body.findall("tei:div", NS)
    for section in sections:
        body.remove(section)
    size = len(etree.tostring(document))
    number = 0
    while size < target or number == 0:
        section = copy.deepcopy(rng.choice(sections))
        number += 1
        for div in section.iter(tag("div")):
            div.set(XML_ID, f"{div.get(XML_ID)}-{number}")
        for paragraph in section.iter(tag("p")):
            if rng.random() < 0.1:
                paragraph.append(E.gap(E.desc("illegible"), reason="illegible"))
        body.append(section)
        size += len(etree.tostring(section))


def _number_notes(document: etree._Element) -> None:
    for number, note in enumerate(document.iterfind(".//tei:text//tei:note[@type='translator']", NS), start=1):
        note.set(XML_ID, f"n{number}")


def _shrink(body: etree._Element, target: int, document: etree._Element) -> None:
    """Drop trailing blocks until the document is near its (small) target size."""
    blocks = [child for child in body if child.tag in (tag("sp"), tag("div"), tag("p"))]
    while len(blocks) > 1 and len(etree.tostring(document)) > target:
        body.remove(blocks.pop())


def synthesise(seed: etree._ElementTree, target: int, rng: random.Random) -> etree._Element:
    document = copy.deepcopy(seed.getroot())
    body = document.find(".//tei:body", NS)
    if body.find("tei:sp", NS) is not None:
        _rename_speakers(document, rng)
        _vary_record(document, body, target, rng)
    elif body.find("tei:div", NS) is not None:
        _vary_article(document, body, target, rng)
    _shrink(body, target, document)
    _number_notes(document)
    return document


def make_corpus(count: int, folder: Path, seed: int = 1990) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as scratch:
        originals = seeds(Path(scratch))
    shutil.copy(ROOT / "tei" / "register.xml", folder / "register.xml")
    files = []
    for number in range(count):
        target = int(math.exp(rng.uniform(math.log(SMALLEST), math.log(LARGEST))))
        document = synthesise(rng.choice(originals), target, rng)
        path = folder / f"doc-{number:04d}.xml"
        path.write_bytes(serialize(document, xml_models(path)))
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="how many documents (default: 1000)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "corpus", help="folder to write them to")
    parser.add_argument("--seed", type=int, default=1990, help="random seed, for a reproducible corpus")
    arguments = parser.parse_args()
    if arguments.out.exists():
        shutil.rmtree(arguments.out)
    files = make_corpus(arguments.docs, arguments.out, arguments.seed)
    sizes = sorted(path.stat().st_size for path in files)
    print(
        f"{len(files)} documents in {arguments.out}: {sum(sizes) / 1e6:.1f} MB, "
        f"{sizes[0] / 1e3:.0f} KB to {sizes[-1] / 1e6:.2f} MB (median {sizes[len(sizes) // 2] / 1e3:.0f} KB)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
