"""The book holds every word of the edition, in order, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from teikit.printing.book import book_order, read_document
from tests.conftest import NS, TEI_FOLDER, edition_files
from tests.print.reading import (
    find_words,
    page_labels,
    notes,
    pdftotext,
    printed_pages,
    printed_text,
    reading,
    skeleton,
    turns,
    words,
)


def page_labels_index(pdf: Path) -> tuple[int, int]:
    """The pages of the documents: from the one labelled 1 to the index."""
    labels = page_labels(pdf)
    pages = printed_pages(pdf)
    return labels.index("1"), next(i for i, p in enumerate(pages) if p.split()[:3] == ["Index", "of", "persons"])


def documents_in_book_order() -> list[Path]:
    return [d.path for d in book_order(read_document(p) for p in edition_files())]


def opening(hay: str, number: int) -> int:
    """Where document ``number`` opens: its label "Document N · kind" above the title."""
    found = hay.find(skeleton(f"Document {number} ·"))
    assert found >= 0, f"document {number} has no opening in the book"
    return found


def test_every_turn_is_printed_word_for_word_in_order(edition_pdf: Path):
    hay = skeleton(printed_text(edition_pdf))
    for number, document in enumerate(documents_in_book_order(), start=1):
        position = opening(hay, number)
        for sp in turns(document):
            expected = [skeleton(w) for w in words(reading(sp))]
            position, missing = find_words(hay, expected, position)
            assert missing is None, f"{document.name}, turn {sp.get('n')}: {missing!r} is not where it belongs"


def test_no_character_of_a_text_is_missing_or_replaced(edition_pdf: Path):
    """The whole body of each document, headings, datelines and gaps included; notes are checked below."""
    hay = skeleton(printed_text(edition_pdf))
    for number, document in enumerate(documents_in_book_order(), start=1):
        body = etree.parse(str(document)).getroot().find(".//tei:text/tei:body", NS)
        expected = [skeleton(w) for w in words(reading(body))]
        assert expected
        _, missing = find_words(hay, expected, opening(hay, number))
        assert missing is None, f"{document.name}: {missing!r} is missing or changed in the book"


def test_every_translators_note_is_printed_in_full(edition_pdf: Path):
    hay = skeleton(printed_text(edition_pdf))
    found = 0
    for number, document in enumerate(documents_in_book_order(), start=1):
        start = opening(hay, number)
        for note in (n for n in notes(document) if n.get("type") == "translator"):
            _, missing = find_words(hay, [skeleton(w) for w in words(reading(note, skip=()))], start, anchored=False)
            assert missing is None, f"{document.name}, note {note.get('{http://www.w3.org/XML/1998/namespace}id')}: {missing!r}"
            found += 1
    assert found == 3


def test_a_translators_query_is_marked_as_one_at_the_foot_of_its_page(edition_pdf: Path):
    page = next(skeleton(p) for p in printed_pages(edition_pdf) if "Translator’s query: SBSE??" in p)
    assert page.index(skeleton("contacts in the")) < page.index(skeleton("Translator’s query: SBSE?? - Convention on"))


def test_each_document_opens_with_its_title_date_place_and_source_note(edition_pdf: Path):
    pages = [skeleton(page) for page in printed_pages(edition_pdf)]
    paris = next(p for p in pages if skeleton("Document 3 · Record of conversation") in p)
    for expected in (
        "Record of the Main Content of Conversation between Gorbachev and Bush, Paris November 19, 1990",
        "Paris, 19 November 1990",
        "Archive Gorbachev Foundation Archive",
        "Collection Fond 1, opis 1",
        "Translator Svetlana Savranskaya",
        "Published in Sobranie sochinenii, vol. 23, p. 176-181",
        "Held by The National Security Archive, Suite 701",
        "Related Inside the Gorbachev-Bush “Partnership” on the First Gulf War 1990 (9 September 2020)",
    ):
        assert skeleton(expected) in paris, expected
    moscow = next(p for p in pages if skeleton("Document 2 · Record of conversation") in p)
    for expected in (
        "Translator Translated from the Russian (the translator is not named in the source); published by Wilson Center",
        "Collection CWIHP Archives",
        "Original Russian",
        "Baker and Gorbachev discuss public opinion",
    ):
        assert skeleton(expected) in moscow, expected
    # The parts of a source's description are set apart, and an access date known only as a bound
    # is printed in the header's words.
    helsinki = next(p for p in pages if skeleton("Document 1 · Encyclopedia article") in p)
    assert skeleton("Source Helsinki Summit (1990), an article of Wikipedia, https://en.wikipedia.org/wiki/"
                    "Helsinki_Summit_(1990) (accessed not later than 22 November 2026). The revision is not identified"
                    ) in helsinki


def test_the_book_has_its_parts_in_order(edition_pdf: Path):
    """Each part opens a page of its own, in the order of a book."""
    openings = [" ".join(page.split()[:8]) for page in pdftotext(edition_pdf)]
    parts = ["Gorbachev and the Americans, 1990", "Contents", "Editorial principles",
             "Document 1 · Encyclopedia article Helsinki Summit (1990)", "Document 2 · Record of conversation",
             "Document 3 · Record of conversation", "Index of persons", "Index of places", "Omissions and uncertainties",
             "Encoding"]
    pages = [next((i for i, opening in enumerate(openings) if opening.startswith(part)), None) for part in parts]
    assert None not in pages, dict(zip(parts, pages))
    assert pages == sorted(pages)


def test_the_principles_speak_of_the_editing_and_the_encoding_is_an_appendix(edition_pdf: Path):
    pages = [" ".join(page.split()) for page in pdftotext(edition_pdf)]
    start = next(i for i, page in enumerate(pages) if page.startswith("Editorial principles"))
    end = next(i for i, page in enumerate(pages) if i > start and page.startswith("Document 1"))
    principles = " ".join(pages[start:end])
    assert "Words in square brackets are not in the source" in principles
    assert "Documents 2 and 3 are English translations from the Russian" in principles
    assert "Omissions and uncertainties" in principles and "appendix “Encoding”" in principles
    assert "<sp>" not in principles and "@n" not in principles


def test_encoding_paragraphs_that_hold_for_some_documents_name_them(edition_pdf: Path):
    pages = [" ".join(page.split()) for page in pdftotext(edition_pdf)]
    start = next(i for i, page in enumerate(pages) if page.startswith("Encoding"))
    principles = " ".join(pages[start:])
    assert "Each turn of speech is an <sp> numbered in @n" in principles
    assert "(Documents 2 and 3)" in principles
    assert "[cherez zapiatiu]: the Russian wording" in principles


def test_the_typescripts_double_hyphen_prints_as_a_dash_and_the_tei_keeps_it(edition_pdf: Path):
    paris = TEI_FOLDER / "1990-11-19-paris-gorbachev-bush.xml"
    assert "the priorities--are a different issue" in paris.read_text(encoding="utf-8")
    text = skeleton(printed_text(edition_pdf))
    assert skeleton("the priorities\u2014are a different issue") in text
    assert skeleton("created\u2014economic, political, oversight\u2014to ensure this") in text
    pages = printed_pages(edition_pdf)
    first_text, index = page_labels_index(edition_pdf)
    assert not any("--" in page for page in pages[first_text:index])
