"""RELAX NG validation with lxml (libxml2), the grammar specialised to the documents at hand."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from teikit.errors import InputError
from teikit.tei import XML_NS, remove_keeping_text
from teikit.validate import cache
from teikit.validate.cache import digest
from teikit.validate.findings import Finding
from teikit.validate.locate import where
from teikit.validate.rng_attributes import Attributes, duplicate, written
from teikit.validate.rng_prune import RNG_NS, Vocabulary, prunable, prune
from teikit.validate.wellformed import Document
from teikit.xmlfile import hardened_parser

_EXPECTING = re.compile(r"Expecting (?:an )?element (\S+), got (\S+)")
_NOTHING = re.compile(r"Expecting an element (\S*), got nothing")
_WRONG_NAMESPACE = re.compile(r"Element (\S+) has wrong namespace: expecting (\S+)")
_INVALID_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")
# Errors that libxml2 repeats on every ancestor of the element at fault.
_ECHOES = frozenset({"RELAXNG_ERR_CONTENTVALID", "RELAXNG_ERR_EXTRACONTENT"})
_XML_ID = f"{{{XML_NS}}}id"
# Each pass takes out at least one error; a document with more is reported up to here.
_PASSES = 200


def _attributes_at_fault(message: str) -> bool:
    return bool(_INVALID_ATTRIBUTE.search(message)) or "failed to validate attributes" in message


def _pruned(path: Path, grammar: etree._Element, used: Vocabulary) -> bytes | None:
    """The pruned grammar, from the cache when the same grammar was pruned to the same names."""

    def build() -> tuple[bytes | None, list[Path]]:
        pruned = prune(grammar, used)
        return (etree.tostring(pruned) if pruned is not None else None), [path]

    return cache.pickled("rng", path, [digest(used.key().encode())], build)


class _Repair:
    """A copy of a document being mended error by error, and what was reported of it."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.work = copy.deepcopy(document.tree)
        self.original = dict(zip(self.work.iter(), document.tree.iter()))
        self.ids: dict[str, etree._Element] = {}
        for element in document.tree.iter(etree.Element):
            if element.get(_XML_ID) is not None:
                self.ids.setdefault(element.get(_XML_ID), element)
        self.findings: list[Finding] = []
        self.reported: set[tuple[etree._Element | None, str]] = set()
        self.emptied: set[etree._Element] = set()  # lost a child here: their content errors are ours
        self.inserted: set[etree._Element] = set()  # put in for a missing required element


class RngValidator:
    """Checks documents against one RELAX NG grammar (XML syntax).

    With ``used``, the names of every element and attribute the documents may contain, the grammar
    is first pruned to them (see ``rng_prune``): the same verdicts, in a fraction of the time.
    """

    def __init__(self, path: Path, used: Vocabulary | None = None) -> None:
        self.path = path
        self.rule = path.name
        if not path.is_file():
            raise InputError(path, "no such RELAX NG file" if not path.exists() else "is not a file")
        try:
            grammar = etree.parse(str(path), hardened_parser())
        except etree.XMLSyntaxError as error:
            raise InputError(path, f"this RELAX NG grammar is not well-formed XML: {error.msg}", *error.position) from None
        # Element names of the whole grammar: one pruned away because what it requires is absent
        # from the documents is incomplete, not unknown.
        self.declared = frozenset(e.get("name") for e in grammar.iter(f"{{{RNG_NS}}}element") if e.get("name"))
        if used is not None and prunable(grammar.getroot()):
            pruned = _pruned(path, grammar.getroot(), used)
            if pruned is not None:
                grammar = etree.fromstring(pruned, hardened_parser()).getroottree()
        try:
            self.schema = etree.RelaxNG(grammar)
            self.attributes = Attributes(grammar.getroot())
        except etree.RelaxNGParseError as error:
            entry = error.error_log.last_error if error.error_log else None
            line = entry.line if entry is not None and entry.line > 0 else 1
            raise InputError(path, f"this RELAX NG grammar cannot be used: {error}", line) from None

    def check(self, document: Document) -> list[Finding]:
        if self.schema.validate(document.tree):
            return []
        # libxml2 stops checking an element's content at its first error, and its attributes at the
        # first it rejects. Each error found is mended in a copy (the element or attribute at fault
        # taken out, a missing element put in), which is checked again: every error of the document
        # is found, as jing finds them.
        repair = _Repair(document)
        for _ in range(_PASSES):
            if self.schema.validate(repair.work):
                break
            if not self._next_pass(repair):
                break
        findings, reported = repair.findings, repair.reported
        if self.attributes.typed_id(_XML_ID):
            # Elements taken out for another error were not checked for a repeated xml:id.
            for element in document.tree.iter(etree.Element):
                first = repair.ids.get(element.get(_XML_ID, ""))
                if first is not None and first is not element:
                    self._report(document, element, f"{where(element)}: {duplicate(element.get(_XML_ID), first)}",
                                 findings, reported)
        findings.sort(key=lambda finding: (finding.line, finding.column))
        return findings

    def _next_pass(self, repair: _Repair) -> bool:
        """Reports the errors of one validation of the copy and mends each; False if none could be."""
        document, work = repair.document, repair.work
        entries = list(self.schema.error_log)
        paths = [entry.path or "" for entry in entries]
        progress = False
        for entry, path in zip(entries, paths):
            if entry.type_name in _ECHOES and any(other != path and other.startswith(path + "/") for other in paths):
                continue
            if entry.type_name == "RELAXNG_ERR_EXTRACONTENT" and any(
                e.type_name == "RELAXNG_ERR_ELEMWRONG" and e.line == entry.line for e in entries
            ):
                continue
            element = self._element(work, path)
            if element is not None and element.getparent() is None and element is not work.getroot():
                continue  # taken out earlier in this pass
            if element is not None and any(e in repair.inserted for e in (element, *element.iterancestors())):
                continue  # an element put in to stand for a missing one: its own content is not the document's
            source = repair.original.get(element) if element is not None else None
            if source is not None and _attributes_at_fault(entry.message):
                problems = self.attributes.problems(source, repair.ids)
                if problems:
                    for problem in problems:
                        self._report(document, source, f"{where(source)}: {problem.message}", repair.findings, repair.reported)
                        name = next((n for n in list(element.attrib) if written(n, element) == problem.name), None)
                        if name is not None:
                            del element.attrib[name]
                            progress = True
                    continue
            if entry.type_name == "RELAXNG_ERR_TEXTWRONG" and element is not None:
                self._report(document, source, f"{where(source) if source is not None else 'the document'} has text "
                             f"that {self.rule} does not allow there", repair.findings, repair.reported, entry.line)
                element.text = None
                for child in element:
                    child.tail = None
                progress = True
                continue
            if entry.type_name == "RELAXNG_ERR_ELEMWRONG" and element is not None and element is not work.getroot():
                missing = self._missing_before(work, element)
                if missing is not None:
                    parent = etree.QName(element.getparent()).localname
                    self._report(document, source, f"{where(source)} is not allowed yet: <{parent}> lacks "
                                 f"<{etree.QName(missing).localname}> before it, which {self.rule} requires",
                                 repair.findings, repair.reported)
                    repair.inserted.add(missing)
                    progress = True
                    continue
            if element is not None and element in repair.emptied and not _attributes_at_fault(entry.message):
                pass  # a consequence of a child taken out, not an error of the document
            else:
                self._report(document, source, self._message(entry.message, source), repair.findings, repair.reported,
                             fallback_line=entry.line)
            if element is None or element is work.getroot():
                return progress
            parent = element.getparent()
            remove_keeping_text(element)
            repair.emptied.add(parent)
            progress = True
        return progress

    def _missing_before(self, work: etree._ElementTree, element: etree._Element) -> etree._Element | None:
        """An empty element that, put before ``element``, makes it allowed where it stands (it is then
        not misplaced: a required element before it is missing); None if none does."""
        parent = element.getparent()
        # Only where the parent, cut short before the element, is incomplete: then something required is missing.
        later = [element, *element.itersiblings()]
        for node in later:
            parent.remove(node)
        self.schema.validate(work)
        incomplete = any(self._element(work, e.path or "") is parent for e in self.schema.error_log)
        parent.extend(later)
        if not incomplete:
            return None
        for name in self.attributes.children(parent.tag):
            if name == element.tag:
                continue
            candidate = etree.Element(name)
            element.addprevious(candidate)
            self.schema.validate(work)
            if not any(e.type_name == "RELAXNG_ERR_ELEMWRONG" and self._element(work, e.path or "") in (element, candidate)
                       for e in self.schema.error_log):
                return candidate
            parent.remove(candidate)
        return None

    def _report(self, document, element, message, findings, reported, fallback_line: int = 1) -> None:
        if (element, message) in reported:
            return
        reported.add((element, message))
        line, column = document.position(element) if element is not None else (max(fallback_line, 1), 1)
        findings.append(Finding(str(document.path), line, column, "error", message, self.rule))

    @staticmethod
    def _element(tree: etree._ElementTree, path: str) -> etree._Element | None:
        try:
            found = tree.xpath(path) if path else []
        except etree.XPathError:
            return None
        return found[0] if found and isinstance(found[0], etree._Element) else None

    def _message(self, message: str, element: etree._Element | None) -> str:
        subject = where(element) if element is not None else "the document"
        schema = self.rule
        if found := _NOTHING.search(message):
            if not found.group(1):
                return f"{subject} is incomplete: {schema} requires more elements in it"
            return f"{subject} lacks <{found.group(1)}>, which {schema} requires there"
        if found := _EXPECTING.search(message):
            return f"{subject} stands where {schema} expects <{found.group(1)}>"
        if message.startswith("Did not expect element"):
            if element is not None and etree.QName(element).localname in self.declared \
                    and not self.attributes.declares(element.tag):
                return f"{subject} is incomplete: {schema} requires elements in it that it lacks"
            return f"{subject} is not allowed there by {schema}"
        if found := _EXTRA.search(message):
            return f"{subject} has content that {schema} does not allow there: {found.group(2)}"
        if found := _INVALID_ATTRIBUTE.search(message):
            return f"{subject} has @{found.group(1)}, which {schema} does not allow there or whose value it rejects"
        if "failed to validate attributes" in message:
            return (
                f"{subject} has attributes that {schema} does not accept: a required one is missing, or one is "
                "not allowed or has a wrong value"
            )
        if "failed to validate content" in message:
            return f"{subject} has content that {schema} does not allow"
        if found := _WRONG_NAMESPACE.search(message):
            return f"{subject} is in the wrong namespace: {schema} expects {found.group(2)}"
        if message.startswith("Expecting a namespace for element"):
            return f"{subject} is in no namespace, but {schema} expects one (TEI's is http://www.tei-c.org/ns/1.0)"
        return f"{subject}: {message}"
