"""What the editor's page shows of a document: the reading view, the source, and how they map.

The reading view is xslt/edit/reading.xsl, the web edition's rendering with every text node and
element numbered. For each numbered text node the page is also told where its characters are in
the source (in UTF-16 code units, as JavaScript counts), so that a selection in one view can be
shown in the other.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from teikit.check import compare, recorded_transcript
from teikit.convert.source import read_transcript

from teikit.edit import actions
from teikit.edit.source import Source
from teikit.edit.store import REGISTER, Folder, Saved
from teikit.errors import InputError
from teikit.resources import XSLT_FOLDER
from teikit.tei import TEI_NS, XML_ID
from teikit.xslt import Stylesheet

STYLESHEET = XSLT_FOLDER / "edit" / "reading.xsl"
_FOUR_BYTES = re.compile(rb"[\xf0-\xf7]")
NS = {"tei": TEI_NS}


def _utf16_offsets(data: bytes, offsets: list[int]) -> dict[int, int]:
    """UTF-16 positions of byte offsets of UTF-8 ``data``, computed in one pass."""
    found: dict[int, int] = {}
    position, previous = 0, 0
    # Counted by the codecs, in C (a loop over the characters takes seconds on 1 MB); a character
    # beyond the BMP, written in 4 bytes, is two units in UTF-16.
    astral = _FOUR_BYTES.search(data) is not None
    for offset in sorted(set(offsets)):
        chunk = data[previous:offset].decode("utf-8", "replace")
        position += len(chunk.encode("utf-16-le")) // 2 if astral else len(chunk)
        found[offset] = position
        previous = offset
    return found


def _words(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


class View:
    def __init__(self, folder: Folder) -> None:
        self.folder = folder
        self._sheet = Stylesheet(folder.proc, STYLESHEET)
        self._register_node = None
        self._register_entries: list[dict] | None = None
        self._differences: dict[Path, tuple[str, list[dict]]] = {}  # by the witness's words they were found for

    def forget_register(self) -> None:
        self._register_node = None
        self._register_entries = None

    def documents(self) -> list[dict]:
        listed = []
        for name in self.folder.documents():
            try:
                source = self.folder.read(name)
            except Exception:  # noqa: BLE001 - a broken file is listed, and says why when opened
                listed.append({"name": name, "title": name})
                continue
            title = source.root.find(".//tei:titleStmt/tei:title", NS)
            listed.append({"name": name, "title": _words(title) or name})
        return listed

    def version(self, name: str) -> str:
        return self.folder.read(name).hash

    def _register(self):
        if self._register_node is None:
            path = self.folder.root / REGISTER
            self._register_node = self._sheet.parse(path) if path.is_file() else None
        return self._register_node

    def reading(self, source: Source, document=None, turns: tuple[int, int] | None = None) -> str:
        """The reading view of ``source`` (``document``: its bytes parsed already), or of the turns
        numbered ``turns`` (first and last element numbers) and the notes only."""
        node = document if document is not None else self._sheet.parse_text(source.data)
        params: dict[str, object] = {"file": source.path.stem}
        if self._register() is not None:
            params["register"] = self._register()
        if turns is not None:
            params["first"], params["last"] = turns
        return self._sheet.to_string(node, params)

    def state(self, name: str, findings: list | None = None, saved: Saved | None = None) -> dict:
        """What the page shows of the document; ``findings`` when the caller has just validated it;
        ``saved``: the action that saved it, whose changed turns alone are rendered."""
        source = self.folder.read(name)
        patch = saved.patch if saved is not None and saved.hash == source.hash else None
        document = saved.document if saved is not None and saved.hash == source.hash else None
        numbering = source.numbering()
        nodes = numbering.texts
        ranges = [source.text_range(owner, kind) for owner, kind in nodes]
        wanted = [offset for r in ranges if r for offset in r]
        elements = list(numbering.elements)
        element_ranges = [source.element_range(e) for e in elements]
        wanted += [offset for r in element_ranges if r for offset in r]
        utf16 = _utf16_offsets(source.data, wanted)
        texts = []
        for (owner, kind), found in zip(nodes, ranges, strict=True):
            value = owner.text if kind == "text" else owner.tail
            raw = source.data[found[0]:found[1]].decode("utf-8", "replace")
            texts.append([utf16[found[0]], utf16[found[1]], raw == value])
        try:
            findings = [f.as_json() for f in (self.folder.findings(source.path) if findings is None else findings)]
        except Exception as problem:  # noqa: BLE001 - shown beside the document rather than failing the page
            findings = [{"line": 1, "column": 1, "severity": "error", "message": str(problem), "rule": "editor"}]
        findings += self._transcript_differences(source, saved.words if document is not None else None)
        try:
            if patch is not None and patch.render is None:
                reading = ""
            else:
                reading = self.reading(source, document, patch.render if patch is not None else None)
        except Exception as problem:  # noqa: BLE001
            reading = f"<p class='error'>The reading view could not be made: {problem}</p>"
            patch = None
        return {
            "patch": patch.as_json() if patch is not None else None,
            "name": name,
            "hash": source.hash,
            "title": _words(source.root.find(".//tei:titleStmt/tei:title", NS)) or name,
            "source": source.data.decode("utf-8"),
            "reading": reading,
            "texts": texts,
            "elements": [[utf16[r[0]], utf16[r[1]]] for r in element_ranges],
            "findings": findings,
            "participants": [{"id": i, "name": n} for i, n in actions.participants(source.root)],
            "header": actions.header_values(source.root),
            "can": self.folder.can(name),
            "git": self.folder.git is not None,
        }

    def _transcript_differences(self, source: Source, words: str | None = None) -> list[dict]:
        """What `teikit check` would report against the transcript the document records, if it is here
        (``words``: the document's witness's words, when known)."""
        try:
            recorded = recorded_transcript(source.path)
            if recorded is None or not recorded.is_file():
                return []
            transcript = read_transcript(recorded)
        except (InputError, OSError):
            return []
        words = words if words is not None else self.folder.witness.words(source.root)
        known = self._differences.get(source.path)
        if known is not None and known[0] == words + "\0" + transcript:
            return known[1]
        found = self._compared(recorded, transcript, words)
        self._differences[source.path] = (words + "\0" + transcript, found)
        return found

    def _compared(self, recorded: Path, transcript: str, words: str) -> list[dict]:
        if words.split() == transcript.split():
            return []
        return [{"path": str(recorded), "line": d.line, "column": d.column, "severity": "error", "rule": "check",
                 "message": f"the transcript {recorded.name} has “{d.expected}” here, the document “{d.found}”"}
                for d in compare(transcript, words)[:20]]

    def occurrences(self, name: str, words: str) -> list[dict]:
        """Each untagged occurrence of ``words``, with the words around it, for the preview."""
        if not words.strip():
            return []
        source = self.folder.read(name)
        nodes = actions.text_nodes(source.root)
        shown = []
        for node, offset in actions.occurrences(source.root, words):
            owner, kind = nodes[node]
            value = owner.text if kind == "text" else owner.tail
            shown.append({"node": node, "offset": offset,
                          "before": " ".join(value[max(0, offset - 50):offset].split()),
                          "after": " ".join(value[offset + len(words):offset + len(words) + 50].split())})
        return shown

    def register_entries(self) -> list[dict]:
        if self._register_entries is None:
            root = self.folder.register()
            entries = []
            if root is not None:
                for kind, name in (("person", "persName"), ("place", "placeName")):
                    for entry in root.xpath(f".//tei:standOff//tei:{kind}[@xml:id]", namespaces=NS):
                        forms = [_words(n) for n in entry.iterfind(f"tei:{name}", NS)]
                        forms = list(dict.fromkeys(f for f in forms if f))
                        wikidata = entry.find("tei:idno[@type='wikidata']", NS)
                        entries.append({"id": entry.get(XML_ID), "kind": kind, "name": forms[0] if forms else entry.get(XML_ID),
                                        "forms": forms, "wikidata": _words(wikidata)})
            self._register_entries = entries
        return self._register_entries

