"""The teiHeader: what the transcript says about itself, and how it was encoded."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

from lxml import etree

from teikit import __version__
from teikit.convert import citation, inline
from teikit.convert.draft import STYLES, Draft
from teikit.convert.metadata import bold_body, related_link, source_note_body
from teikit.convert.pagebreaks import break_lines
from teikit.convert.register import PREFIX
from teikit.tei import TEI_NS, XML_ID, XML_LANG, E, append_inline
from teikit.tei import tag as tag_of

Items = list[str | etree._Element]

CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"
LANGUAGES = {"english": "en", "russian": "ru", "german": "de", "french": "fr", "spanish": "es", "chinese": "zh"}


def _prose(text: str) -> Items:
    """Text with ``<name>`` written as ``gi`` and ``@att=value`` as ``att`` and ``val``."""
    items: Items = []
    position = 0
    for match in re.finditer(r"<(?P<gi>\w+)>|@(?P<att>[\w:]+)(?:=(?P<val>[\w-]+))?", text):
        items.append(text[position : match.start()])
        if match["gi"]:
            items.append(E.gi(match["gi"]))
        else:
            items.append(E.att(match["att"]))
            if match["val"]:
                items += ["=", E.val(match["val"])]
        position = match.end()
    items.append(text[position:])
    return items


def _p(text: str) -> etree._Element:
    return append_inline(E.p(), _prose(text))


def _title_statement(draft: Draft, translator: str | None, publisher: str | None) -> etree._Element:
    statement = E.titleStmt(E.title(draft.title, type="main"))
    if translator:
        statement.append(E.respStmt(E.resp("Translated by"), E.persName(translator)))
    elif draft.catalogue and "Original Language" in draft.catalogue.fields:
        language = draft.catalogue.fields["Original Language"].text.strip()
        statement.append(
            E.respStmt(
                E.resp(f"Translated from the {language} (the translator is not named in the source); published by"),
                E.orgName(publisher) if publisher else E.name("an archive not named in the source"),
            )
        )
    statement.append(
        E.respStmt(E.resp("Encoded in TEI by"), E.name(f"teikit {__version__}", {XML_ID: "teikit", "type": "software"}))
    )
    return statement


def _publication_statement(draft: Draft) -> etree._Element:
    register = draft.register
    publisher = register.header_part("tei:fileDesc/tei:publicationStmt/tei:publisher")
    statement = E.publicationStmt(publisher if publisher is not None else E.authority("Not yet published"))
    date = register.header_part("tei:fileDesc/tei:publicationStmt/tei:date")
    if date is not None:
        statement.append(date)
    if draft.style == "article":
        statement.append(
            E.availability(
                E.licence(
                    "The article's text and this encoding are licensed under the Creative Commons "
                    "Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0).",
                    target=CC_BY_SA,
                ),
                status="free",
            )
        )
    else:
        availability = register.header_part("tei:fileDesc/tei:publicationStmt/tei:availability")
        if availability is not None:
            statement.append(availability)
    return statement


def _catalogue_record(draft: Draft, context: inline.Context) -> etree._Element:
    record = draft.catalogue
    assert record is not None
    bibl = E.bibl(type="catalogue-record")
    if record.date is not None:
        bibl.append(E.date(record.date.text.strip(), when=record.when))
    if record.title is not None:
        title = E.title(level="a", rend="bold")
        bibl.append(break_lines(append_inline(title, inline.encode(bold_body(record.title) or "", context))))
    fields = record.fields
    if "Citation" in fields:
        bibl.append(
            append_inline(E.bibl(type="citation"), citation.encode_catalogue_citation(fields["Citation"].text, context))
        )
    if "Credits" in fields:
        bibl.append(append_inline(E.note(type="credits"), inline.encode(fields["Credits"].text, context)))
    if "Original Language" in fields:
        bibl.append(E.note(fields["Original Language"].text.strip(), type="original-language"))
    if "Contents" in fields:
        contents = fields["Contents"].text.strip()
        language = LANGUAGES.get(contents.split()[-1].casefold())
        bibl.append(E.textLang(contents, mainLang=language) if language else E.textLang(contents))
    return bibl


def _trailer(draft: Draft, context: inline.Context) -> Items:
    trailer = draft.trailer
    assert trailer is not None
    parts: Items = []
    if trailer.source_note is not None:
        note = source_note_body(trailer.source_note)
        parts.append(append_inline(E.bibl(type="source-note"), citation.encode(note, context)))
    if trailer.holdings:
        label, organisation, *lines = trailer.holdings
        distributor = E.distributor(label.text.strip(), " ")
        distributor.append(E.orgName(organisation.text.strip()))
        if lines:
            address = E.address(*(append_inline(E.addrLine(), inline.encode(p.text.strip(), context)) for p in lines))
            append_inline(distributor, [" ", address])
        parts.append(distributor)
    if trailer.related:
        link, *rest = trailer.related
        label, target = related_link(link)
        bibl = E.bibl(E.ref(label, target=target))
        if rest:
            title = E.title(level="a", rend="bold")
            append_inline(
                bibl, [" ", break_lines(append_inline(title, inline.encode(bold_body(rest[0]) or "", context)))]
            )
        if len(rest) > 1:
            date = rest[1].text.strip()
            when = citation.find_dates(date)
            append_inline(bibl, [" ", E.date(date, when=when[0].when) if when else E.date(date)])
        parts.append(E.relatedItem(bibl, type="related-article"))
    return parts


def _source_description(draft: Draft) -> etree._Element:
    context = inline.Context(draft.register, names=False, bibliographic=True)
    bibl = E.bibl(E.title(draft.title, level="a"), type="source")
    if (draft.when or draft.date_range) and draft.style == "record":
        bibl.append(E.date(_date_attributes(draft)))
    if draft.encyclopedia:
        append_inline(bibl, [", an article of ", E.title(draft.encyclopedia, level="m")])
    if draft.catalogue:
        bibl.append(_catalogue_record(draft, context))
    if draft.trailer:
        for part in _trailer(draft, context):
            bibl.append(part)
    for note in draft.body.iter(tag_of("note")):
        if note.get("type") == "source":
            # The witness keeps "[Source: …]" where it stands; the header says where the document comes from.
            bibl.append(E.note(note.text, type="source"))
    for note in draft.footnotes:
        if note.is_source:
            # The witness keeps the note at its mark; the header repeats where the document comes from.
            bibl.append(E.note(note.text, type="footnote", n=note.number))
    return E.sourceDesc(bibl)


def _editorial_declaration(draft: Draft) -> etree._Element:
    declaration = E.editorialDecl(
        E.normalization(
            _p(
                "The words of the transcript are kept as received: spelling, punctuation, typographic "
                "quotation marks and slips of the source are neither normalised nor corrected."
            )
        )
    )
    segmentation = [
        "Paragraphs of the transcript are <p>. A blank line in the middle of a sentence marks a page "
        "break of the original and is encoded as <pb> inside the paragraph."
    ]
    if draft.style == "record":
        segmentation.insert(
            0,
            "Each turn of speech is an <sp> numbered in @n, whose <speaker> keeps the label as printed "
            "and whose @who points to the speaker in <particDesc>.",
        )
    if draft.style == "article":
        segmentation = [
            "Each line of the article is a paragraph <p>. Headings marked ==, ===, ==== become nested "
            "<div> elements with a <head>; @type records the level (section, subsection, …). The entries "
            'of the section "See also" are a <list>.'
        ]
    declaration.append(E.segmentation(*(_p(text) for text in segmentation)))
    if draft.style == "article":
        declaration.append(
            E.quotation(
                _p("Quotation marks are kept as text; the words between them are marked with <quote>."),
                marks="all",
            )
        )
    interpretation = []
    for convention in sorted(draft.conventions, key=lambda c: c.key):
        p = E.p(E.mentioned(draft.conventions.example(convention)), ": ", n=convention.key)
        interpretation.append(append_inline(p, _prose(convention.encoding + ".")))
    if draft.catalogue or draft.trailer:
        interpretation.append(
            _p(
                "The archive's description around the transcript (catalogue record, citation, summary, "
                "source note, address of the holding archive) is encoded in the header, not in the text."
            )
        )
    if draft.footnotes:
        repeated = any(note.is_source for note in draft.footnotes)
        interpretation.append(
            _p(
                f"The {len(draft.footnotes)} footnotes printed at the end of the transcript are each a <note> "
                "with @place=foot at its mark in the text, whose @n is the mark as printed"
                + (" (the source note is repeated in <sourceDesc>)." if repeated else ".")
            )
        )
    if draft.register.path is not None:
        interpretation.append(
            _p(
                "Names of persons and places listed in the edition's register are marked with <persName> "
                "and <placeName>, whose @ref points into the register; they were marked automatically from "
                "the register's name forms."
            )
        )
    if draft.title_supplied:
        made = "its speakers" if draft.style == "record" else "its first sentence"
        if draft.style == "article":
            made = "the subject its first sentence names"
        interpretation.append(_p(f"The transcript has no title; the title in the header was made from {made}."))
    elif draft.title_source:
        interpretation.append(_p(f"The title in the header is the transcript's own: {draft.title_source}."))
    if interpretation:
        declaration.append(E.interpretation(*interpretation))
    return declaration


def _references_declaration(draft: Draft) -> etree._Element | None:
    """How the document's passages are cited (DTS, the web edition's anchors): its turns by @n
    and their paragraphs by position; an article's sections, nested, by position."""
    tei = {"tei": TEI_NS}
    if draft.body.find(".//tei:sp", tei) is not None:
        in_divs = draft.body.find("tei:div//tei:sp", tei) is not None
        outside = draft.body.find("tei:sp", tei) is not None
        where = "//body//sp" if in_divs and outside else "//body/div/sp" if in_divs else "//body/sp"
        paragraphs = E.citeStructure(unit="paragraph", match="p", use="position()", delim=".")
        return E.refsDecl(E.citeStructure(paragraphs, unit="turn", match=where, use="@n"))
    depth = max((len(div.xpath("ancestor-or-self::tei:div", namespaces=tei)) for div in draft.body.iter(tag_of("div"))),
                default=0)
    if depth:
        structure = None
        for level in range(depth, 0, -1):
            unit = ("section", "subsection", "subsubsection", "paragraph", "subparagraph")[min(level, 5) - 1]
            element = E.citeStructure(unit=unit, match="//body/div" if level == 1 else "div", use="position()")
            if level > 1:
                element.set("delim", ".")
            if structure is not None:
                element.append(structure)
            structure = element
        return E.refsDecl(structure)
    if draft.body.find("tei:p", tei) is not None:
        return E.refsDecl(E.citeStructure(unit="paragraph", match="//body/p", use="position()"))
    return None


def _relative(path: Path, output: Path) -> str:
    """``path`` as a URI reference from the TEI file ``output``."""
    return Path(os.path.relpath(path.resolve(), output.parent.resolve())).as_posix()


def _encoding_description(draft: Draft, output: Path) -> etree._Element:
    description = E.encodingDesc()
    project = draft.register.header_part("tei:encodingDesc/tei:projectDesc")
    if project is not None:
        description.append(project)
    description.append(_editorial_declaration(draft))
    references = _references_declaration(draft)
    if references is not None:
        description.append(references)
    if draft.register.path is not None:
        description.append(
            E.listPrefixDef(
                E.prefixDef(
                    _p("Persons and places of the edition's register."),
                    ident=PREFIX,
                    matchPattern="([A-Za-z0-9_.-]+)",
                    replacementPattern=f"{_relative(draft.register.path, output)}#$1",
                )
            )
        )
    description.append(E.appInfo(E.application(E.label("teikit"), ident="teikit", version=__version__)))
    return description


def _language_usage(draft: Draft) -> etree._Element:
    translated = draft.catalogue and "Original Language" in draft.catalogue.fields
    translator = _translator(draft)
    if translated:
        language = draft.catalogue.fields["Original Language"].text.strip()
        main = f"English, translated from the {language} original"
    elif translator:
        main = "English, translated (the source does not name the language of the original)"
    else:
        main = "English"
    usage = E.langUsage(E.language(main, ident=draft.language))
    if draft.body.xpath(".//tei:foreign[@xml:lang='ru-Latn']", namespaces={"tei": TEI_NS}):
        usage.append(E.language("Russian in Latin transliteration, in the translator's notes", ident="ru-Latn"))
    return usage


def _translator(draft: Draft) -> str | None:
    note = draft.trailer.source_note if draft.trailer else None
    return citation.translator(source_note_body(note)) if note is not None else None


def _participants(draft: Draft) -> etree._Element:
    people = E.listPerson()
    for participant in draft.participants:
        # A group that speaks as one (the press's "Q" and "QUESTION:") is one personGrp, not
        # several invented people.
        person = (E.personGrp if participant.group else E.person)({XML_ID: participant.id})
        if participant.entry is not None:
            person.set("sameAs", participant.entry.pointer)
            person.append(E.persName(participant.entry.name))
        elif participant.hint is not None and participant.hint.name:
            person.append(E.persName(participant.hint.name))
        elif participant.printed_name:
            person.append(E.persName(participant.printed_name))
        elif participant.role == "press":
            person.append(E.persName("The press"))
        for label in participant.labels:
            person.append(E.persName(label, type="label"))
        if participant.entry is not None and participant.entry.wikidata:
            person.append(E.idno(participant.entry.wikidata, type="wikidata"))
        if participant.turns:
            person.set("role", "speaker")
        people.append(person)
    return E.particDesc(people)


def _date_attributes(draft: Draft) -> dict[str, str]:
    if draft.when:
        return {"when": draft.when}
    assert draft.date_range is not None
    return {"notBefore": draft.date_range[0], "notAfter": draft.date_range[1]}


def _place_name(draft: Draft) -> etree._Element:
    if draft.place_entry is not None:
        return E.placeName(draft.place or draft.place_entry.name, ref=draft.place_entry.pointer)
    return E.placeName(draft.place or "")


def _profile_description(draft: Draft) -> etree._Element:
    profile = E.profileDesc()
    if draft.catalogue and "Summary" in draft.catalogue.fields:
        context = inline.Context(draft.register, names=False)
        profile.append(E.abstract(append_inline(E.p(), inline.encode(draft.catalogue.fields["Summary"].text, context))))
    when = draft.when
    date = E.date(draft.date_text or when or "", _date_attributes(draft)) if when or draft.date_range else None
    if draft.style != "article" and (date is not None or draft.place):
        creation = E.creation()
        append_inline(creation, [date] if date is not None else [])
        if draft.place:
            append_inline(creation, [", " if date is not None else "", _place_name(draft)])
        profile.append(creation)
    profile.append(_language_usage(draft))
    profile.append(E.textClass(E.keywords(E.term(STYLES[draft.style], type="genre"))))
    if draft.participants:
        profile.append(_participants(draft))
    if (draft.style == "article" or draft.place_is_setting) and (date is not None or draft.place):
        setting = E.setting()
        if draft.place:
            setting.append(_place_name(draft))
        if date is not None:
            setting.append(copy.deepcopy(date))  # a record's creation holds the date too: appending would move it
        profile.append(E.settingDesc(setting))
    return profile


def _revision_description(draft: Draft, output: Path) -> etree._Element:
    source = _relative(draft.source, output)
    change = E.change(
        "Converted by teikit ",
        __version__,
        " from the transcript ",
        E.ref(draft.source.name, target=source),
        f" ({STYLES[draft.style]}).",
        who="#teikit",
    )
    date = draft.register.header_part("tei:fileDesc/tei:publicationStmt/tei:date")
    if date is not None and date.get("when"):
        change.set("when", date.get("when"))
    return E.revisionDesc(change)


def build_header(draft: Draft, output: Path) -> etree._Element:
    fields = draft.catalogue.fields if draft.catalogue else {}
    publisher = citation.catalogue_publisher(fields["Citation"].text) if "Citation" in fields else None
    file_description = E.fileDesc(
        _title_statement(draft, _translator(draft), publisher),
        _publication_statement(draft),
    )
    series = draft.register.header_part("tei:fileDesc/tei:seriesStmt")
    if series is not None:
        file_description.append(series)
    file_description.append(_source_description(draft))
    return E.teiHeader(
        file_description,
        _encoding_description(draft, output),
        _profile_description(draft),
        _revision_description(draft, output),
    )


def build_document(draft: Draft, output: Path) -> etree._Element:
    root = E.TEI(build_header(draft, output), {XML_LANG: draft.language})
    # The body moves into the document once: made alone, <text> would be a document of its own to move again.
    etree.SubElement(root, tag_of("text")).append(draft.body)
    return root
