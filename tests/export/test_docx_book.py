"""The edition's DOCX, joined from the documents' DOCX (teikit.export.docx_book), reads as the book
pandoc makes of the whole edition's Markdown at once, and no id in it is taken twice."""

from __future__ import annotations

import base64
import collections
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from teikit.errors import InputError
from teikit.export.batch import Edition, each_document, run
from teikit.export.docx_book import Book
from tests.export.conftest import foreign_documents

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# A 1×1 PNG, for parts with an image.
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082")).decode()


def read_back(path: Path) -> tuple[list[str], list[str]]:
    """The words of a DOCX as docx2python reads them, in order, and its footnotes' words (without the
    marks and numbers docx2python writes for footnotes: Word's numbers, not the text's)."""
    from docx2python import docx2python

    with docx2python(path) as content:
        text, notes = content.text, content.footnotes
    flat: list[str] = []

    def walk(item) -> None:
        if isinstance(item, list):
            for child in item:
                walk(child)
        else:
            flat.append(item)

    walk(notes)
    marks = r"----footnote\d+----|footnote\d+\)|<a href=\"[^\"]*\">|</a>"  # and links' targets, written as HTML
    return re.findall(r"\w+", re.sub(marks, " ", text)), re.findall(r"\w+", re.sub(marks, " ", " ".join(flat)))


def whole_book(sources: list[Path], target: Path, base_url: str = "") -> Path:
    """What pandoc makes of the whole edition's Markdown in one run: what the edition's DOCX was
    before it was joined, and how it must still read."""
    import pypandoc

    edition = Edition.of(sources, base_url=base_url)
    with run("docx.xsl", edition) as docx:
        parts = [docx.to_string(docx.header, None)]
    for _, made in each_document(edition, "docx.xsl", [{"in-book": True, "title-heading": True}]):
        if not isinstance(made, InputError):
            parts.append(made[0])
    pypandoc.convert_text("\n\n".join(parts), "docx", format="markdown-smart", outputfile=str(target), sandbox=True)
    return target


def style_counts(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode()
    return {**collections.Counter(re.findall(r'<w:pStyle w:val="(Heading\d|Title|Author)"', body)),
            "small caps": body.count("<w:smallCaps"), "footnotes": body.count("<w:footnoteReference")}


@pytest.mark.parametrize("corpus", ["edition", "foreign"])
def test_the_joined_docx_reads_as_pandoc_s_book_of_the_whole_edition(corpus, edition_exports, edition_documents,
                                                                    foreign_exports, tmp_path):
    if corpus == "edition":  # as conftest exports it
        exports, sources, base_url = edition_exports, edition_documents, "https://edition.example.org/"
    else:
        exports, sources, base_url = foreign_exports, foreign_documents(), ""
    joined = exports["docx"] / "edition.docx"
    reference = whole_book(sources, tmp_path / "whole.docx", base_url)
    words, notes = read_back(joined)
    expected_words, expected_notes = read_back(reference)
    assert len(words) > 1000 and words == expected_words
    assert len(notes) > 100 and notes == expected_notes
    counts = style_counts(joined)
    assert counts == style_counts(reference) and counts["Heading1"] >= 3 and counts["small caps"] >= 50


def ids_of(path: Path) -> list[str]:
    """What is wrong with the ids of a DOCX: each footnote, bookmark, relationship and list must be
    defined once and every reference to one must find it."""
    problems = []
    with zipfile.ZipFile(path) as archive:
        def xml(name):
            return etree.fromstring(archive.read(name))

        document, notes, numbering = xml("word/document.xml"), xml("word/footnotes.xml"), xml("word/numbering.xml")
        styles = {s.get(W + "styleId") for s in xml("word/styles.xml").iter(W + "style")}
        relationships = {name: [r.get("Id") for r in xml(name)] for name in
                         ("word/_rels/document.xml.rels", "word/_rels/footnotes.xml.rels")}
        members = set(archive.namelist())
        media = {r.get("Target") for name in relationships for r in xml(name) if r.get("TargetMode") != "External"
                 and r.get("Target", "").startswith("media/")}
        types = xml("[Content_Types].xml")
    trees = (document, notes)
    footnotes = [n.get(W + "id") for n in notes.iter(W + "footnote")]
    references = [r.get(W + "id") for r in document.iter(W + "footnoteReference")]
    starts = [b.get(W + "id") for t in trees for b in t.iter(W + "bookmarkStart")]
    ends = [b.get(W + "id") for t in trees for b in t.iter(W + "bookmarkEnd")]
    names = [b.get(W + "name") for t in trees for b in t.iter(W + "bookmarkStart")]
    anchors = {h.get(W + "anchor") for t in trees for h in t.iter(W + "hyperlink")} - {None}
    nums = [n.get(W + "numId") for n in numbering.iter(W + "num")]
    abstracts = [a.get(W + "abstractNumId") for a in numbering.iter(W + "abstractNum")]
    nsids = [a.find(W + "nsid").get(W + "val") for a in numbering.iter(W + "abstractNum")]
    drawings = [d.get("id") for d in document.iter("{*}docPr")]
    for what, values in (("footnote", footnotes), ("footnote reference", references), ("bookmark id", starts),
                         ("bookmark name", names), ("numId", nums), ("abstractNumId", abstracts), ("nsid", nsids),
                         ("drawing id", drawings), *relationships.items()):
        twice = [v for v, n in collections.Counter(values).items() if n > 1]
        if twice:
            problems.append(f"{what} twice: {twice[:3]}")
    if set(references) != {f for f in footnotes if int(f) > 0}:
        problems.append("footnotes and their references differ")
    if sorted(starts) != sorted(ends):
        problems.append("a bookmark not closed")
    if [n for n in names if len(n) > 40 or not n[:1].isalpha()]:
        problems.append("a bookmark name Word refuses")
    if anchors - set(names):
        problems.append(f"links to no bookmark: {sorted(anchors - set(names))[:3]}")
    for tree, name in zip(trees, relationships):
        used = {v for e in tree.iter() for a, v in e.attrib.items() if a.startswith(R)}
        if used - set(relationships[name]):
            problems.append(f"relationships missing from {name}: {sorted(used - set(relationships[name]))[:3]}")
    if {e.get(W + "val") for t in trees for e in t.iter(W + "numId")} - set(nums):
        problems.append("a list without its numbering")
    if {n.find(W + "abstractNumId").get(W + "val") for n in numbering.iter(W + "num")} - set(abstracts):
        problems.append("a numbering without its definition")
    if {e.get(W + "val") for t in trees for e in t.iter(W + "pStyle", W + "rStyle")} - styles:
        problems.append("a style used and not defined")
    if {f"word/{m}" for m in media} - members:
        problems.append("an image missing")
    extensions = {d.get("Extension").lower() for d in types.iter("{*}Default")}
    named = {o.get("PartName") for o in types.iter("{*}Override")}
    if [m for m in media if f"/word/{m}" not in named and m.rsplit(".", 1)[-1].lower() not in extensions]:
        problems.append("an image's content type missing")
    return problems


def test_no_id_of_the_joined_docx_is_taken_twice(edition_exports, foreign_exports):
    for exports in (edition_exports, foreign_exports):
        assert ids_of(exports["docx"] / "edition.docx") == []


def test_parts_with_images_links_lists_and_notes_are_joined_whole(tmp_path):
    """What the edition's documents do not use yet (images) and what they do, in parts pandoc writes."""
    import pypandoc

    def part(n: int) -> bytes:
        markdown = (f"---\ntitle: Part {n}\nauthor: Someone\ndate: 1990\n---\n\n## Source\n\n"
                    f"Text {n} with a [link](https://example.org/{n}) and a note.[^a]\n\n"
                    f"![Figure {n}](data:image/png;base64,{PNG})\n\n1. first {n}\n2. second {n}\n\n"
                    f"[Back to the source](#source)\n\n[^a]: Note {n} [with a link](https://example.org/note{n}).\n")
        target = tmp_path / f"part{n}.docx"
        pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(target))
        return target.read_bytes()

    front = tmp_path / "front.docx"
    pypandoc.convert_text("---\ntitle: The Book\nauthor: The Editors\n---\n", "docx", format="markdown", outputfile=str(front))
    book = tmp_path / "book.docx"
    with book.open("wb") as handle:
        joined = Book(front.read_bytes(), handle)
        for n in (1, 2, 3):
            joined.add(part(n), f"part-{n}-title")
        joined.close()
    assert ids_of(book) == []
    words, notes = read_back(book)
    text = " ".join(words)
    assert text.startswith("The Book The Editors Part 1 Source Text 1")
    assert all(f"Part {n} Source Text {n} with a link and a note" in text and f"1 first {n} 2 second {n}" in text
               for n in (1, 2, 3))
    assert "Someone" not in text  # a part's own front (author, date) is not the book's
    assert " ".join(notes).split() == ["Note", "1", "with", "a", "link", "Note", "2", "with", "a", "link",
                                       "Note", "3", "with", "a", "link"]
    from docx2python import docx2python

    with docx2python(book) as content:
        assert len(content.images) == 3
    with zipfile.ZipFile(book) as archive:
        body = archive.read("word/document.xml").decode()
        targets = archive.read("word/_rels/document.xml.rels").decode()
        footnote_targets = archive.read("word/_rels/footnotes.xml.rels").decode()
        numbering = archive.read("word/numbering.xml").decode()
    assert all(f"https://example.org/{n}" in targets and f"https://example.org/note{n}" in footnote_targets
               for n in (1, 2, 3))
    # Each part's "Source" is a bookmark of its own, and each part's link back goes to its own.
    assert re.findall(r'w:anchor="([^"]+)"', body) == ["source", "source-1", "source-2"]
    assert body.count('w:val="Heading1"') == 3
    # Three numbered lists that restart (three w:num), sharing one definition as pandoc's whole book does.
    assert numbering.count("<w:num ") == 1 + 3
