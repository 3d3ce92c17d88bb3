"""The editor's actions: each changes a document's tree in place and says what it did.

A selection arrives as two points, each a text node (numbered in document order, as the reading
view numbers them) and an offset in it. Marking up a selection wraps exactly the nodes between
the two points in a new element: when the points lie in different elements the markup would not
nest, and the action says so instead of wrapping part of the selection. A point at the very start
or end of an element's content is lifted out of it first, so that selecting the whole of a name
and the words around it nests the name inside the new element.

An action never touches the witness's words except through markup; the server checks that
(teikit.edit.witness) and validates the result before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from teikit.tei import TEI_NS, XML_ID, local, tag

EDITORS = "#editors"
NS = {"tei": TEI_NS}


class Refused(Exception):
    """The action cannot be applied; the message says why, in the editor's words."""


@dataclass(frozen=True)
class Point:
    node: int  # the text node's number in document order
    offset: int  # in characters (code points)


def text_nodes(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """Every non-empty text segment in document order, as (owner, "text" or "tail")."""
    found: list[tuple[etree._Element, str]] = []

    def visit(element: etree._Element) -> None:
        if element.text:
            found.append((element, "text"))
        for child in element:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                found.append((child, "tail"))

    visit(root)
    return found


def elements(root: etree._Element) -> list[etree._Element]:
    """Every element in document order, as the reading view numbers them."""
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _segment(parent: etree._Element, k: int) -> str:
    return (parent.text if k == 0 else parent[k - 1].tail) or ""


def _set_segment(parent: etree._Element, k: int, value: str) -> None:
    if k == 0:
        parent.text = value or None
    else:
        parent[k - 1].tail = value or None


def _where(root: etree._Element, point: Point, nodes=None) -> tuple[etree._Element, int, int]:
    """A point as (parent element, segment number, offset): segment 0 is the parent's text, k its
    (k-1)th child's tail. ``nodes`` is text_nodes(root) when the caller has it."""
    nodes = nodes if nodes is not None else text_nodes(root)
    if not 0 <= point.node < len(nodes):
        raise Refused("the selection is no longer in the document: reload it")
    owner, kind = nodes[point.node]
    value = owner.text if kind == "text" else owner.tail
    if not 0 <= point.offset <= len(value):
        raise Refused("the selection is no longer in the document: reload it")
    if kind == "text":
        return owner, 0, point.offset
    parent = owner.getparent()
    return parent, parent.index(owner) + 1, point.offset


def _lift_start(parent: etree._Element, k: int, offset: int) -> tuple[etree._Element, int, int]:
    # At the very start of an element's content: the same place as just before the element.
    while k == 0 and offset == 0 and parent.getparent() is not None and local(parent) not in _BLOCKS:
        grand = parent.getparent()
        k, offset = grand.index(parent), len(_segment(grand, grand.index(parent)))
        parent = grand
    return parent, k, offset


def _lift_end(parent: etree._Element, k: int, offset: int) -> tuple[etree._Element, int, int]:
    while (k == len(parent) and offset == len(_segment(parent, k)) and parent.getparent() is not None
           and local(parent) not in _BLOCKS):
        grand = parent.getparent()
        k, offset = grand.index(parent) + 1, 0
        parent = grand
    return parent, k, offset


# Elements that hold paragraphs or turns: a selection is never lifted out of them.
_BLOCKS = frozenset(["TEI", "text", "body", "div", "sp", "p", "head", "speaker", "item", "quote", "note", "dateline", "opener", "list"])


def selected_range(root: etree._Element, start: Point, end: Point, nodes=None) -> tuple[etree._Element, int, int, int, int]:
    """The selection as one parent and two (segment, offset) positions in it, or Refused with the reason."""
    nodes = nodes if nodes is not None else text_nodes(root)
    p1, k1, o1 = _where(root, start, nodes)
    p2, k2, o2 = _where(root, end, nodes)
    if p1 is p2 and (k1, o1) > (k2, o2):
        p1, k1, o1, p2, k2, o2 = p2, k2, o2, p1, k1, o1
    if p1 is not p2:
        p1, k1, o1 = _lift_start(p1, k1, o1)
        p2, k2, o2 = _lift_end(p2, k2, o2)
    if p1 is not p2:
        inner = p1 if p2 in p1.iterancestors() or p1.getparent() is not None and local(p1) not in _BLOCKS else p2
        raise Refused(
            f"the selection starts in <{local(p1)}> and ends in <{local(p2)}>, so the new markup could not nest: "
            f"select words inside one element, or the whole of the <{local(inner)}> and the words around it")
    if (k1, o1) == (k2, o2):
        raise Refused("nothing is selected: select the words first")
    return p1, k1, o1, k2, o2


def wrap(root: etree._Element, start: Point, end: Point, name: str, attributes: dict[str, str],
         nodes=None) -> etree._Element:
    """Wrap the selection in a new TEI element ``name``; return it."""
    parent, k1, o1, k2, o2 = selected_range(root, start, end, nodes)
    first, last = _segment(parent, k1), _segment(parent, k2)
    element = etree.Element(tag(name))
    for key, value in attributes.items():
        element.set(key, value)
    moved = list(parent)[k1:k2]
    if k1 == k2:
        element.text = first[o1:o2] or None
        after = first[o2:]
    else:
        element.text = first[o1:] or None
        after = last[o2:]
        moved[-1].tail = last[:o2] or None
    _set_segment(parent, k1, first[:o1])
    for child in moved:
        element.append(child)
    parent.insert(k1, element)
    element.tail = after or None
    if not "".join(element.itertext()).strip() and not len(element):
        raise Refused("only white space is selected: select words")
    return element


def unwrap(element: etree._Element) -> None:
    """Remove an element, keeping its content (text and children) in its place."""
    parent = element.getparent()
    index = parent.index(element)
    previous = parent[index - 1] if index else None
    text, tail = element.text or "", element.tail or ""
    if previous is None:
        parent.text = (parent.text or "") + text or None
    else:
        previous.tail = (previous.tail or "") + text or None
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail or None
    elif previous is None:
        parent.text = (parent.text or "") + tail or None
    else:
        previous.tail = (previous.tail or "") + tail or None
    parent.remove(element)


def remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    tail = element.tail or ""
    if index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail or None
    else:
        parent.text = (parent.text or "") + tail or None
    parent.remove(element)


def insert_at(root: etree._Element, point: Point, element: etree._Element, nodes=None) -> None:
    """Insert ``element`` at a point of the text: at the very end of a name or mark, after it."""
    parent, k, offset = _lift_end(*_where(root, point, nodes))
    value = _segment(parent, k)
    _set_segment(parent, k, value[:offset])
    parent.insert(k, element)
    element.tail = value[offset:] or None


def _element(root: etree._Element, number: int, *names: str) -> etree._Element:
    found = elements(root)
    if not 0 <= number < len(found):
        raise Refused("that element is no longer in the document: reload it")
    element = found[number]
    while names and local(element) not in names:
        element = element.getparent()
        if element is None:
            raise Refused(f"choose a {' or '.join(f'<{n}>' for n in names)} first")
    return element


def _point(value) -> Point:
    if isinstance(value, Point):
        return value
    try:
        return Point(int(value[0]), int(value[1]))
    except (TypeError, ValueError, IndexError):
        raise Refused("the selection is missing: select the words first") from None


def _required(params: dict, name: str, what: str) -> str:
    value = str(params.get(name) or "").strip()
    if not value:
        raise Refused(f"{what} is missing")
    return value


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _shown(element: etree._Element) -> str:
    words = " ".join("".join(element.itertext()).split())
    return f"“{words if len(words) <= 60 else words[:57] + '…'}”"


def _tag(root, params) -> str:
    kind = params.get("kind")
    if kind not in ("person", "place"):
        raise Refused('say whether the name is a "person" or a "place"')
    ref = _required(params, "ref", "the register entry")
    if not _ID.match(ref):
        raise Refused(f'"{ref}" is not the xml:id of a register entry')
    name = "persName" if kind == "person" else "placeName"
    element = wrap(root, _point(params.get("start")), _point(params.get("end")), name, {"ref": f"reg:{ref}"},
                   params.get("_nodes"))
    return f"Tagged {_shown(element)} as {kind} reg:{ref}"


def occurrences(root: etree._Element, words: str) -> list[tuple[int, int]]:
    """Where ``words`` occur as whole words in the text, outside names: (text node, offset)."""
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    found = []
    body = root.find(f"{{{TEI_NS}}}text")
    for number, (owner, kind) in enumerate(text_nodes(root)):
        container = owner if kind == "text" else owner.getparent()
        if body is None or not (container is body or body in container.iterancestors()):
            continue
        if local(container) not in _HOLD_NAMES or any(
                local(a) in ("persName", "placeName", "speaker", "note", "gap", "head") for a in container.iterancestors()):
            continue
        value = owner.text if kind == "text" else owner.tail
        found += [(number, m.start()) for m in pattern.finditer(value)]
    return found


# Where the profile lets a name stand (not in headings, labels or notes).
_HOLD_NAMES = frozenset(["p", "quote", "hi", "supplied", "item", "unclear", "sic", "dateline"])


def _tag_all(root, params) -> str:
    words = _required(params, "text", "the words to tag")
    places = occurrences(root, words)
    if not places:
        raise Refused(f"“{words}” does not occur untagged in the text")
    # From the last to the first: the text nodes before a wrapped one stay as they were, numbers included.
    nodes = params.get("_nodes") or text_nodes(root)
    for node, offset in reversed(places):
        _tag(root, {**params, "start": (node, offset), "end": (node, offset + len(words)), "_nodes": nodes})
    return f"Tagged every occurrence of “{words}” ({len(places)}) as {params.get('kind')} reg:{params.get('ref')}"


def _untag(root, params) -> str:
    element = _element(root, int(params.get("element", -1)), "persName", "placeName", "date", "unclear", "choice",
                       "supplied")
    name = local(element)
    if name == "supplied" and element.get("resp") != EDITORS:
        raise Refused("this <supplied> is the translator's, part of the witness: only the editors' own can be removed")
    shown = _shown(element)
    if name == "supplied":
        remove_keeping_tail(element)
        return f"Removed the editors' supplied {shown}"
    if name == "choice":
        sic = element.find(tag("sic"))
        if sic is None:
            raise Refused("this <choice> has no <sic>: remove it in the source")
        for corr in element.findall(tag("corr")):
            remove_keeping_tail(corr)
        unwrap(sic)
        shown = _shown(element)
    unwrap(element)
    return f"Removed <{name}> from {shown}"


def _supplied(root, params) -> str:
    words = _required(params, "text", "the words to supply")
    reason = params.get("reason") or "clarification"
    element = etree.Element(tag("supplied"), reason=reason, resp=EDITORS)
    element.text = words
    insert_at(root, _point(params.get("at") or params.get("end")), element, params.get("_nodes"))
    return f"Supplied {_shown(element)} ({reason})"


def _unclear(root, params) -> str:
    reason = _required(params, "reason", "the reason the reading is unclear")
    element = wrap(root, _point(params.get("start")), _point(params.get("end")), "unclear", {"reason": reason},
                   params.get("_nodes"))
    return f"Marked {_shown(element)} unclear ({reason})"


def _sic(root, params) -> str:
    correction = _required(params, "corr", "the correction")
    choice = wrap(root, _point(params.get("start")), _point(params.get("end")), "choice", {}, params.get("_nodes"))
    sic = etree.SubElement(choice, tag("sic"))
    sic.text, choice.text = choice.text, None
    for child in list(choice)[:-1]:
        sic.append(child)
    corr = etree.SubElement(choice, tag("corr"), resp=EDITORS)
    corr.text = correction
    return f"Corrected {_shown(sic)} to “{correction}” (the witness's reading kept in <sic>)"


def _date(root, params) -> str:
    when = _required(params, "when", "the date (YYYY-MM-DD)")
    if not _ISO_DATE.match(when):
        raise Refused(f"“{when}” is not a date written YYYY-MM-DD")
    element = wrap(root, _point(params.get("start")), _point(params.get("end")), "date", {"when": when},
                   params.get("_nodes"))
    return f"Dated {_shown(element)} {when}"


def _note(root, params) -> str:
    words = _required(params, "text", "the note's text")
    note = etree.Element(tag("note"), type="editorial", resp=EDITORS)
    note.text = words
    insert_at(root, _point(params.get("at") or params.get("end")), note, params.get("_nodes"))
    return f"Added an editors' note {_shown(note)}"


def _note_edit(root, params) -> str:
    note = _editorial_note(root, params)
    words = _required(params, "text", "the note's text")
    for child in list(note):
        note.remove(child)
    note.text = words
    return f"Edited an editors' note: {_shown(note)}"


def _note_remove(root, params) -> str:
    note = _editorial_note(root, params)
    shown = _shown(note)
    remove_keeping_tail(note)
    return f"Removed an editors' note {shown}"


def _editorial_note(root, params) -> etree._Element:
    note = _element(root, int(params.get("element", -1)), "note")
    if note.get("type") != "editorial":
        raise Refused("this note is the translator's, part of the witness: only editors' notes can be changed")
    return note


def participants(root: etree._Element) -> list[tuple[str, str]]:
    """The document's participants as (xml:id, name)."""
    found = []
    for person in root.iterfind("tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person", NS):
        ident = person.get(XML_ID)
        if ident:
            name = person.find("tei:persName", NS)
            found.append((ident, " ".join("".join(name.itertext()).split()) if name is not None else ident))
    return found


def _who(root, params) -> str:
    who = _required(params, "who", "the speaker")
    if who not in {ident for ident, _ in participants(root)}:
        raise Refused(f"“{who}” is not a participant of this document (see its particDesc)")
    return f"#{who}"


def _speaker(root, params) -> str:
    sp = _element(root, int(params.get("element", -1)), "sp")
    who = _who(root, params)
    before = sp.get("who")
    sp.set("who", who)
    return f"Changed the speaker of turn {_turn(sp)} from {before} to {who}"


def _turn(sp: etree._Element) -> str:
    return sp.get("n") or str(sp.getparent().index(sp) + 1)


def _split_number(sp: etree._Element) -> str | None:
    """The number of a turn split off ``sp``: its own and the next free letter (12 → 12a, then 12b),
    so that no later turn changes its number, and citations of them and links to them stay valid."""
    n = sp.get("n") or ""
    match = re.fullmatch(r"([1-9][0-9]*)([a-z]?)", n)
    if match is None:
        return None
    taken = {s.get("n") for s in sp.getparent().iterfind(tag("sp"))}
    for letter in "abcdefghijklmnopqrstuvwxyz"[("abcdefghijklmnopqrstuvwxyz".index(match[2]) + 1) if match[2] else 0:]:
        if match[1] + letter not in taken:
            return match[1] + letter
    raise Refused(f"turn {n} has been split too often: number the turns in the source")


def _split(root, params) -> str:
    """The selected label starts a new turn: it becomes the new turn's speaker, and what follows it
    in the turn goes with it."""
    p, k1, o1, k2, o2 = selected_range(root, _point(params.get("start")), _point(params.get("end")),
                                       params.get("_nodes"))
    sp = p.getparent()
    if local(p) != "p" or sp is None or local(sp) != "sp":
        raise Refused("select the speaker's label inside a paragraph of a turn")
    if k1 != k2:
        raise Refused("select the label's words only (no markup inside it)")
    who = _who(root, params)
    value = _segment(p, k1)
    before, label, after = value[:o1], value[o1:o2], value[o2:]
    if not label.strip():
        raise Refused("select the label (such as “Baker:”)")
    closing = sp[-1].tail
    separator = sp[0].tail
    rest = etree.Element(p.tag)
    rest.text = after.lstrip() or None
    for child in list(p)[k1:]:
        rest.append(child)
    rest.tail = p.tail
    _set_segment(p, k1, before.rstrip() if k1 == 0 else before)
    moving = list(p.itersiblings())
    if not (p.text or "").strip() and not len(p):
        remove_keeping_tail(p)
    new = etree.Element(sp.tag)
    n, number = sp.get("n"), _split_number(sp)
    if number is not None:
        if sp.get(XML_ID) == f"t{n}":
            new.set(XML_ID, f"t{number}")
        new.set("n", number)
    new.set("who", who)
    new.text = sp.text
    speaker = etree.SubElement(new, tag("speaker"))
    speaker.text = label.strip()
    speaker.tail = separator
    if rest.text or len(rest):
        new.append(rest)
    for child in moving:
        new.append(child)
    new[-1].tail = closing
    sp[-1].tail = closing
    new.tail = sp.tail
    sp.tail = _between_turns(sp)
    sp.addnext(new)
    return f"Split turn {_turn(sp)}: “{label.strip()}” starts turn {_turn(new)}"


def _between_turns(sp: etree._Element) -> str | None:
    previous = sp.getprevious()
    return previous.tail if previous is not None and previous.tail and not previous.tail.strip() else sp.tail


def _merge(root, params) -> str:
    """A wrongly recognised label goes back into the text: the turn joins the one before it."""
    sp = _element(root, int(params.get("element", -1)), "sp")
    previous = sp.getprevious()
    if previous is None or local(previous) != "sp":
        raise Refused("this turn follows no other turn to merge into")
    speaker = sp.find(tag("speaker"))
    if speaker is None:
        raise Refused("this turn has no label to put back into the text")
    if len(speaker):
        raise Refused("this turn's label holds markup (such as <supplied>): remove it first")
    label = speaker.text or ""
    first = speaker.getnext()
    if first is not None and local(first) == "p":
        first.text = label + " " + (first.text or "")
        remove_keeping_tail(speaker)
        sp.text = None
    else:
        speaker.tag = tag("p")
        first = speaker
    _keep_anchor(root, sp, first)
    number = _turn(sp)
    separator = previous[0].tail
    closing = previous[-1].tail
    previous[-1].tail = separator
    for child in list(sp):
        previous.append(child)
    previous[-1].tail = closing
    previous.tail = sp.tail
    sp.getparent().remove(sp)
    return f"Merged turn {number} (label “{label.strip()}”) into turn {_turn(previous)}"


def _keep_anchor(root: etree._Element, sp: etree._Element, paragraph: etree._Element) -> None:
    """An anchor where the merged turn began, with its xml:id and number, so that a link to it (#t13)
    or a citation of it still leads to its words."""
    n = sp.get("n") or ""
    numbered = re.fullmatch(r"[1-9][0-9]*[a-z]?", n) is not None
    ident = sp.get(XML_ID) or (f"t{n}" if numbered else None)
    if ident is None or root.xpath("count(//*[@xml:id = $id])", id=ident) > (1 if sp.get(XML_ID) == ident else 0):
        return  # nothing cited it by a name of its own, or the name leads elsewhere already
    anchor = etree.Element(tag("anchor"))
    anchor.set(XML_ID, ident)
    anchor.set("type", "merged-turn")
    if numbered:
        anchor.set("n", n)
    anchor.set("resp", EDITORS)
    anchor.tail, paragraph.text = paragraph.text, None
    paragraph.insert(0, anchor)
    if sp.get(XML_ID) == ident:
        del sp.attrib[XML_ID]  # the id is the anchor's now, and stays unique while both are in the tree


def _pb(root, params) -> str:
    pb = _element(root, int(params.get("element", -1)), "pb")
    # A number the transcript printed is the witness's (the check refuses changing it); one the
    # editors give is marked as theirs.
    theirs = "n" not in pb.attrib or pb.get("resp") == EDITORS
    for name in ("n", "facs"):
        value = str(params.get(name) or "").strip()
        if value:
            pb.set(name, value)
        elif name in pb.attrib:
            del pb.attrib[name]
    if theirs and "n" in pb.attrib:
        pb.set("resp", EDITORS)
    elif pb.get("resp") == EDITORS and "n" not in pb.attrib:
        del pb.attrib["resp"]
    said = ", ".join(f'{n}="{pb.get(n)}"' for n in ("n", "facs") if pb.get(n)) or "no number or facsimile"
    return f"Set a page break: {said}"


HEADER_FIELDS = {
    "title": "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main']",
    "date": "tei:teiHeader/tei:profileDesc/tei:creation/tei:date",
    "summary": "tei:teiHeader/tei:profileDesc/tei:abstract/tei:p",
    "source-title": "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type='source']/tei:title",
    "source-date": "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type='source']/tei:date",
}


def header_values(root: etree._Element) -> dict[str, str]:
    values = {}
    for field, path in HEADER_FIELDS.items():
        found = root.xpath(path, namespaces=NS)
        if found:
            element = found[0]
            values[field] = element.get("when") if field.endswith("date") and element.get("when") else \
                " ".join("".join(element.itertext()).split())
    return values


def _header(root, params) -> str:
    field = params.get("field")
    if field not in HEADER_FIELDS:
        raise Refused(f"the header has no field “{field}” the editor can set")
    value = _required(params, "value", f"the new {field}")
    found = root.xpath(HEADER_FIELDS[field], namespaces=NS)
    if not found:
        raise Refused(f"this document's header has no {field} to edit")
    element = found[0]
    if field.endswith("date"):
        if not _ISO_DATE.match(value):
            raise Refused(f"“{value}” is not a date written YYYY-MM-DD")
        element.set("when", value)
    else:
        if len(element):
            raise Refused(f"the {field} holds markup: edit it in the source")
        element.text = value
        if field == "summary":
            element.getparent().set("resp", EDITORS)
    return f"Set the header's {field} to “{value if len(value) <= 60 else value[:57] + '…'}”"


ACTIONS = {
    "tag": _tag,
    "tag-all": _tag_all,
    "untag": _untag,
    "supplied": _supplied,
    "unclear": _unclear,
    "sic": _sic,
    "date": _date,
    "note": _note,
    "note-edit": _note_edit,
    "note-remove": _note_remove,
    "speaker": _speaker,
    "split": _split,
    "merge": _merge,
    "pb": _pb,
    "header": _header,
}


def apply(root: etree._Element, name: str, params: dict, nodes=None) -> str:
    """Apply the action ``name`` to the tree; return what it did, in words for the revisionDesc.
    ``nodes`` is text_nodes(root), when the caller has it already."""
    action = ACTIONS.get(name)
    if action is None:
        raise Refused(f"there is no action “{name}”")
    # "_nodes" is the server's own, never the request's.
    return action(root, {**{k: v for k, v in params.items() if k != "_nodes"}, "_nodes": nodes})
