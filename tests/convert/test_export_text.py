"""`teikit export text` on TEI that teikit did not write: the real corpus of other projects
(tests/corpus/tei), every word of each file's text in plain readable text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "tei"
FILES = sorted(CORPUS.rglob("*.xml"))
TEI = "http://www.tei-c.org/ns/1.0"


def _tag(name: str) -> str:
    return f"{{{TEI}}}{name}"


def reading_words(path: Path) -> set[str]:
    """The words of a file's outermost text elements, read independently of the stylesheet: one
    reading of each choice (reg, corr or expan first), the lemma of each apparatus, all else."""
    pieces: list[str] = []

    def walk(element) -> None:
        if not isinstance(element.tag, str):
            return
        children = [c for c in element if isinstance(c.tag, str)]
        if element.tag == _tag("choice"):
            preferred = [c for c in children if c.tag in (_tag("reg"), _tag("corr"), _tag("expan"), _tag("choice"))]
            for child in (preferred or children)[:1]:
                walk(child)
            return
        if element.tag == _tag("app"):
            lemma = [c for c in children if c.tag == _tag("lem")] or [
                c for c in children if c.tag in (_tag("rdg"), _tag("rdgGrp"))
            ]
            for child in lemma[:1]:
                walk(child)
            return
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(" " + (child.tail or ""))

    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    for text in root.xpath("//t:text[not(ancestor::t:text)]", namespaces={"t": TEI}):
        walk(text)
    return {word for piece in pieces for word in re.findall(r"\w+", piece)}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, teikit_module) -> dict[Path, str]:
    folder = tmp_path_factory.mktemp("text")
    result = teikit_module("export", "text", *FILES, "-o", folder)
    assert result.exit_code == 0, result.output
    written = {}
    for line in result.stderr.splitlines():
        source, _, target = line.partition(" → ")
        written[Path(source)] = Path(target).read_text(encoding="utf-8")
    return written


@pytest.fixture(scope="module")
def teikit_module():
    from click.testing import CliRunner

    from teikit.cli import main

    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(CORPUS).as_posix() for p in FILES])
def test_every_word_of_the_text_is_exported(exported, path):
    text = exported[path]
    flat = "".join(text.split())
    missing = sorted(word for word in reading_words(path) if word not in flat)
    assert not missing, missing[:20]


def test_the_plain_text_is_readable(exported):
    spoken = exported[CORPUS / "tei-p5-tests" / "testspoken.xml"]
    assert "B: passing truck you what" not in spoken and "[passing truck]" in spoken
    play = exported[next(p for p in FILES if p.name == "menander-dyskolos.xml")]
    assert re.search(r"^5 Τὸν ἀγρὸν", play, re.M), "verse lines keep their numbers"
    assert not re.search(r"[ \t]{2,}", play), "white space is folded"


def test_a_bad_file_gets_one_line_and_the_good_ones_are_written(teikit, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", encoding="utf-8")
    good = CORPUS / "tei-p5-tests" / "testbasic.xml"
    result = teikit("export", "text", broken, good, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if ": error: " in line][0].startswith(f"{broken}:1:")
    assert (tmp_path / "out" / "testbasic.txt").is_file() and "Traceback" not in result.output


def test_help_says_the_exit_status(teikit):
    assert "2 when a document could not be" in teikit("export", "text", "--help").output
