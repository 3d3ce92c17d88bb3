"""The profile at libxml2's speed: a document the fast checks pass has no finding; any other is explained
by the full engines (xmlschema, Saxon), so the findings are theirs, word for word.

For an XSD 1.1 schema, the fast check is the schema's grammar in XSD 1.0 (the assertions left out,
derived from the schema itself when it is first used) checked by libxml2, and each assertion
translated to XPath 1.0 (``xpath1``) and evaluated on the elements it applies to. For a Schematron
schema, each rule's context and tests are translated the same way; a rule that cannot be translated
sends to Saxon only the documents where its context occurs. The edition's two rules that read the
register (their XPath 3 resolves pointers through another file) have fast forms of their own here,
recognised by their exact text, so that a changed rule is never checked by an outdated form.

The fast checks only ever answer "no finding" or "ask the full engine": a document they pass would
have had no finding from the full engine (tests/validate/test_validate_scale.py compares the two on
every fixture, on mutations of them and on real TEI).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

from elementpath import ElementPathError
from elementpath.regex import translate_pattern
from lxml import etree

from teikit import xmlfile
from teikit.errors import InputError
from teikit.files import regular_status
from teikit.tei import TEI_NS, XML_NS
from teikit.validate.findings import Finding
from teikit.validate.schematron_compile import ResolvedRule, resolve_schematron
from teikit.validate.wellformed import Document
from teikit.validate.xpath1 import CONTEXT, REGEXP_NS, REGEXP_PREFIX, Translator, Untranslatable

XS = "http://www.w3.org/2001/XMLSchema"
VC = "http://www.w3.org/2007/XMLSchema-versioning"
_XS_PREFIX = f"{{{XS}}}"
_STRING_LIKE = frozenset({
    "string", "normalizedString", "token", "language", "Name", "NCName", "ID", "IDREF", "NMTOKEN", "ENTITY", "anyURI",
    "anySimpleType",
})
_COLLAPSED = frozenset({"token", "language", "Name", "NCName", "ID", "IDREF", "NMTOKEN", "ENTITY"})
# Constructs of XSD 1.1 that an XSD 1.0 form would silently drop or read differently.
_XSD11_ONLY = frozenset({"alternative", "openContent", "defaultOpenContent", "override", "assertion"})
# Functions through which an expression reads other files: its verdict then depends on them.
_READS_FILES = re.compile(r"\b(?:doc|doc-available|document|unparsed-text(?:-lines|-available)?|collection|json-doc)\s*\(")


class NoFastPath(Exception):
    """The schema has no fast form: every document goes to the full engine."""


def _holds(expression: etree.XPath, node: etree._Element, **variables: object) -> bool:
    try:
        return bool(expression(node, **variables))
    except etree.XPathError:
        return False  # the full engine says what is wrong


# XSD


OWNERS = "teikit-owners"


@dataclass
class _AssertionCheck:
    owners: str  # the Clark name of the elements the assertion applies to
    failing: etree.XPath | None  # whether any owner in $teikit-owners breaks it; None: see per_owner
    per_owner: etree.XPath | None  # the test, evaluated on each owner with it in $teikit-context

    def holds(self, census: dict[str, list[etree._Element]]) -> bool:
        """Whether the assertion holds on every owner, given the document's owners by name (in document order)."""
        owners = census.get(self.owners)
        if not owners:
            return True
        if self.failing is not None:
            return not _holds(self.failing, owners[0], **{OWNERS: owners})
        if self.per_owner is None:
            return False
        return all(_holds(self.per_owner, owner, **{CONTEXT: owner}) for owner in owners)


def census(document: Document, names: Iterable[str]) -> dict[str, list[etree._Element]]:
    """The elements of each name, in document order, found in one walk of the tree (each XPath ``//name``
    would walk it again), and kept for the other checks of the document."""
    known: dict[str, list[etree._Element]] = document.facts.setdefault("census", {})
    missing = {name: [] for name in names if name not in known}
    if missing:
        for element in document.tree.getroot().iter(*missing):
            missing[element.tag].append(element)
        known.update(missing)
    return known


def _schema_documents(path: Path) -> list[tuple[Path, etree._ElementTree]]:
    """The schema and every local schema document it includes or imports."""
    found: dict[Path, etree._ElementTree] = {}
    pending = [path.resolve()]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        try:
            tree = etree.parse(str(current), xmlfile.hardened_parser())
        except (OSError, etree.XMLSyntaxError) as error:
            raise NoFastPath(f"{current}: {error}") from None
        found[current] = tree
        for link in tree.getroot():
            if link.tag in (f"{_XS_PREFIX}include", f"{_XS_PREFIX}import", f"{_XS_PREFIX}redefine"):
                location = link.get("schemaLocation")
                if location is None:
                    continue
                address = urlparse(urljoin(current.as_uri(), location))
                if address.scheme != "file":
                    raise NoFastPath(f"{location} is not a local file")
                pending.append(Path(url2pathname(address.path)))
    return list(found.items())


def _local_name(qname: str | None) -> str | None:
    return qname.rsplit(":", 1)[-1] if qname else None


def _typed_attributes(documents: list[tuple[Path, etree._ElementTree]]) -> frozenset[str]:
    """Names of the attributes that some declaration gives a type whose values do not compare as strings."""
    bases: dict[str, str | None] = {}
    for _, tree in documents:
        for simple in tree.getroot().iter(f"{_XS_PREFIX}simpleType"):
            if simple.get("name"):
                restriction = simple.find(f"{_XS_PREFIX}restriction")
                bases[simple.get("name")] = _local_name(restriction.get("base")) if restriction is not None else None

    def string_like(name: str | None, seen: frozenset[str] = frozenset()) -> bool:
        if name is None or name in seen:
            return False
        if name in _STRING_LIKE:
            return True
        return name in bases and string_like(bases[name], seen | {name})

    typed = set()
    for _, tree in documents:
        for attribute in tree.getroot().iter(f"{_XS_PREFIX}attribute"):
            name = attribute.get("name")
            if not name:
                continue
            if attribute.get("type") is not None:
                ok = string_like(_local_name(attribute.get("type")))
            else:
                inline = attribute.find(f"{_XS_PREFIX}simpleType")
                restriction = inline.find(f"{_XS_PREFIX}restriction") if inline is not None else None
                ok = inline is None or (restriction is not None and string_like(_local_name(restriction.get("base"))))
            if not ok:
                typed.add(name)
    return frozenset(typed)


def _owner(assertion: etree._Element, target: str | None, qualified: bool) -> tuple[str, str] | None:
    """(namespace, local name) of the elements the assertion applies to; None when that is not plain."""
    complex_type = next(assertion.iterancestors(f"{_XS_PREFIX}complexType"), None)
    if complex_type is None or complex_type.get("name"):
        return None  # a named type: inherited by derived types, reachable by xsi:type
    element = complex_type.getparent()
    if element.tag != f"{_XS_PREFIX}element" or not element.get("name"):
        return None
    global_declaration = element.getparent().tag == f"{_XS_PREFIX}schema"
    form = element.get("form")
    namespaced = global_declaration or form == "qualified" or (form is None and qualified)
    return (target or "") if namespaced else "", element.get("name")


def _value_of(assertion: etree._Element) -> str | None:
    """What $value is on the asserting element, as XPath 1.0 with {} for it; None when not a string."""
    content = assertion.getparent()
    if content.tag not in (f"{_XS_PREFIX}extension", f"{_XS_PREFIX}restriction"):
        return None
    if content.getparent().tag != f"{_XS_PREFIX}simpleContent":
        return None
    base = _local_name(content.get("base"))
    if base == "string":
        return "string({})"
    if base in _COLLAPSED:
        return "normalize-space({})"
    return None


def derive(path: Path) -> tuple[etree.XMLSchema, list[_AssertionCheck]]:
    """The XSD 1.0 grammar of an XSD 1.1 schema, for libxml2, and its assertions as XPath 1.0 checks."""
    documents = _schema_documents(path)
    main = documents[0][1]
    root = main.getroot()
    for _, tree in documents:
        for element in tree.getroot().iter(etree.Element):
            if element.tag.startswith(_XS_PREFIX) and element.tag[len(_XS_PREFIX):] in _XSD11_ONLY:
                raise NoFastPath(f"xs:{element.tag[len(_XS_PREFIX):]} has no XSD 1.0 form")
            if element is not tree.getroot() and any(k.startswith(f"{{{VC}}}") for k in element.attrib):
                raise NoFastPath("conditional inclusion (vc:) below the schema element")
            if element.get("xpathDefaultNamespace") is not None:
                raise NoFastPath("xpathDefaultNamespace")
        if tree is not main and next(tree.getroot().iter(f"{_XS_PREFIX}assert"), None) is not None:
            raise NoFastPath("assertions in an included schema document")
    typed = _typed_attributes(documents)
    target = root.get("targetNamespace")
    qualified = root.get("elementFormDefault") == "qualified"
    grammar = etree.fromstring(etree.tostring(main), xmlfile.hardened_parser(), base_url=str(documents[0][0]))
    checks = []
    originals = list(root.iter(f"{_XS_PREFIX}assert"))
    for original, copy in zip(originals, list(grammar.iter(f"{_XS_PREFIX}assert"))):
        copy.getparent().remove(copy)
        owner = _owner(original, target, qualified)
        if owner is None:
            raise NoFastPath(f"the assertion at line {original.sourceline} is on a named or unusual type")
        checks.append(_assertion_check(original, owner, typed))
    for key in list(grammar.attrib):
        if key.startswith(f"{{{VC}}}"):
            del grammar.attrib[key]
    for link in grammar:
        if link.tag in (f"{_XS_PREFIX}include", f"{_XS_PREFIX}import", f"{_XS_PREFIX}redefine") and link.get("schemaLocation"):
            link.set("schemaLocation", urljoin(documents[0][0].as_uri(), link.get("schemaLocation")))
    try:
        schema = etree.XMLSchema(grammar)
    except etree.XMLSchemaParseError as error:
        raise NoFastPath(f"libxml2 cannot read its XSD 1.0 form: {error}") from None
    return schema, checks


def _assertion_check(assertion: etree._Element, owner: tuple[str, str], typed: frozenset[str]) -> _AssertionCheck:
    namespaces = {p: u for p, u in assertion.nsmap.items() if p}
    namespaces.setdefault("xml", XML_NS)
    clark = f"{{{owner[0]}}}{owner[1]}" if owner[0] else owner[1]
    xpath_namespaces = {**{p: u for p, u in namespaces.items() if p != "xml"}, REGEXP_PREFIX: REGEXP_NS}
    translator = Translator(namespaces, schema_aware=True, typed_attributes=typed, upward=False, value=_value_of(assertion))
    try:
        test, per_owner = translator.test(assertion.get("test") or "")
    except Untranslatable:
        return _AssertionCheck(clark, None, None)
    if per_owner:
        return _AssertionCheck(clark, None, etree.XPath(test, namespaces=xpath_namespaces))
    # The owners in document order, as (//owner) gave them: position() and last() keep their meaning.
    return _AssertionCheck(clark, etree.XPath(f"boolean(${OWNERS}[not({test})])", namespaces=xpath_namespaces), None)


# The elements the register's fast forms ask for, found in the same walk as the assertions' owners.
_FORM_NAMES = (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}prefixDef", f"{{{TEI_NS}}}person")


class FastXsdValidator:
    """An XSD 1.1 schema: libxml2 and XPath 1.0 first, xmlschema for the documents they do not pass."""

    def __init__(self, path: Path, edition: bool = False) -> None:
        self.path = path
        self.edition = edition
        self._full = None
        try:
            self.grammar, self.assertions = derive(path)
        except NoFastPath:
            self.grammar, self.assertions = None, []
            self.full  # a schema that cannot be used stops the run now, as it would without the fast path

    @property
    def full(self):
        if self._full is None:
            from teikit.validate.xsd import XsdValidator

            self._full = XsdValidator(self.path, edition=self.edition)
        return self._full

    def passes(self, document: Document) -> bool:
        if self.grammar is None or not self.grammar.validate(document.tree):
            return False
        owners = census(document, dict.fromkeys([*(check.owners for check in self.assertions), *_FORM_NAMES]))
        return all(check.holds(owners) for check in self.assertions)

    def check(self, document: Document) -> list[Finding]:
        if self.passes(document):
            return []
        try:
            return self.full.check(document)
        except InputError as problem:
            return [Finding(str(document.path), problem.line, problem.column, "error", problem.message, "xsd")]


# Schematron


@dataclass
class _RuleCheck:
    """Whether one rule may fire on a document."""

    context: etree.XPath | None  # None: it may fire anywhere
    tests: list[tuple[etree.XPath, bool]]  # (may-fire expression, evaluated per context node)
    form: Callable[[Document, Callable[[], list]], bool] | None = None
    translated: bool = True
    reads_files: bool = False
    occurs: etree.XPath | None = None  # whether the context matches anything (without making its nodes)
    # The Clark names whose elements (from the census) the whole-document expressions read as
    # $teikit-candidates-N, in place of walking the tree for them (see _candidate_form).
    candidates: tuple[str, ...] = ()

    def may_fire(self, document: Document) -> bool:
        if self.context is None:
            return True
        root = document.tree.getroot()
        if self.form is not None:  # a form finds the context's nodes itself, in fewer walks of the tree
            return self.form(document, lambda: self.context(root))
        variables = self._variables(document)
        if not (len(self.tests) == 1 and not self.tests[0][1]) and not self.occurs(root, **variables):
            return False  # (one test of the whole document walks it as often as this would)
        if not self.translated:
            return True
        fired = False
        nodes = self.context(root) if any(per_node for _, per_node in self.tests) else []
        for expression, per_node in self.tests:
            if per_node:
                fired |= any(_holds(expression, node, **{CONTEXT: node}) for node in nodes if isinstance(node, etree._Element))
                fired |= any(not isinstance(node, etree._Element) for node in nodes)
            else:
                fired |= _holds(expression, root, **variables)
        return fired

    def occurs_in(self, document: Document) -> bool:
        return self.context is None or self.occurs(document.tree.getroot(), **self._variables(document))

    def _variables(self, document: Document) -> dict[str, list[etree._Element]]:
        found = census(document, self.candidates) if self.candidates else {}
        return {f"{CANDIDATES}{n}": found[name] for n, name in enumerate(self.candidates)}


CANDIDATES = "teikit-candidates-"
_NAME = r"(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)"
# //A//B, or //A//B[@c]: B elements (with a c attribute) inside an A.
_INSIDE = re.compile(rf"//{_NAME}//{_NAME}(\[@{_NAME}\])?")


def _candidate_form(context: str, namespaces: dict[str, str]) -> tuple[tuple[str, ...], str] | None:
    """A context of the form //A//B[@c] | ..., read from the census's B elements as $teikit-candidates-N[@c][ancestor::A]:
    the same nodes in the same order, found without the two walks of the tree per alternative that
    libxml2 makes (to every A, then through each A to every B). None for any other form."""
    inner = context[1:-1] if context.startswith("(") and context.endswith(")") and "(" not in context[1:-1] else context
    names: list[str] = []
    alternatives = []
    for alternative in inner.split(" | "):
        found = _INSIDE.fullmatch(alternative)
        if found is None:
            return None
        if any(prefix is not None and prefix not in namespaces for prefix in found.group(1, 3)):
            return None
        clark = f"{{{namespaces[found.group(3)]}}}{found.group(4)}" if found.group(3) else found.group(4)
        ancestor = f"{found.group(1)}:{found.group(2)}" if found.group(1) else found.group(2)
        alternatives.append(f"${CANDIDATES}{len(names)}{found.group(5) or ''}[ancestor::{ancestor}]")
        names.append(clark)
    return tuple(names), " | ".join(alternatives)


def _rule_key(rule: ResolvedRule) -> str:
    text = "\n".join([rule.context, *(f"{n}={v}" for n, v in rule.lets), *(f"{k}:{t}" for k, t in rule.checks)])
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _rule_check(rule: ResolvedRule, translator: Translator, namespaces: dict[str, str]) -> _RuleCheck:
    reads = bool(_READS_FILES.search(" ".join([v or "" for _, v in rule.lets] + [t for _, t in rule.checks]))) or rule.xslt
    try:
        context = translator.pattern(rule.context)
    except Untranslatable:
        return _RuleCheck(None, [], reads_files=reads)
    context_xpath = etree.XPath(context, namespaces=namespaces)
    candidates, whole = _candidate_form(context, namespaces) or ((), context)
    occurs = etree.XPath(f"boolean({whole})", namespaces=namespaces)
    form = _edition_forms().get(_rule_key(rule))
    if form is not None:
        return _RuleCheck(context_xpath, [], form=form, reads_files=False, occurs=occurs)
    if rule.xslt or rule.pattern_lets or any(value is None for _, value in rule.lets):
        return _RuleCheck(context_xpath, [], translated=False, reads_files=reads, occurs=occurs, candidates=candidates)
    lets = dict(rule.lets)
    tests = []
    try:
        for kind, test in rule.checks:
            held, per_node = translator.test(test, lets)
            fires = f"not({held})" if kind == "assert" else held
            if per_node:
                tests.append((etree.XPath(fires, namespaces=namespaces), True))
            else:
                tests.append((etree.XPath(f"boolean(({whole})[{fires}])", namespaces=namespaces), False))
    except Untranslatable:
        return _RuleCheck(context_xpath, [], translated=False, reads_files=reads, occurs=occurs, candidates=candidates)
    return _RuleCheck(context_xpath, tests, reads_files=reads, occurs=occurs, candidates=candidates)


class FastSchematronValidator:
    """An ISO Schematron schema: XPath 1.0 first, Saxon for the documents where a rule may fire."""

    def __init__(self, path: Path, phase: str | None = None) -> None:
        self.path = path
        self.phase = phase
        self._full = None
        self.rules: list[_RuleCheck] | None = None
        try:
            resolved = resolve_schematron(path, phase)
        except InputError:
            resolved = None
        if resolved is not None and not (resolved.xpath1 or resolved.global_lets or resolved.foreign):
            namespaces = {**resolved.namespaces, REGEXP_PREFIX: REGEXP_NS}
            namespaces.pop("xsl", None)
            translator = Translator(resolved.namespaces)
            self.rules = [_rule_check(rule, translator, namespaces) for rules in resolved.rules for rule in rules]
            self._candidates = list(dict.fromkeys(name for rule in self.rules for name in rule.candidates))
        from teikit.validate.schematron import is_compiled

        if self.rules is None or not is_compiled(path, phase):
            self.full  # compile now: a schema Saxon refuses stops the run before any document is read

    @property
    def full(self):
        if self._full is None:
            from teikit.validate.engines import SchematronValidator

            self._full = SchematronValidator(self.path, self.phase)
        return self._full

    def check(self, document: Document) -> list[Finding]:
        if self.rules is not None:
            census(document, self._candidates)  # one walk for every rule's candidates
            fired = False
            for rule in self.rules:  # every rule, so that each records the files it reads
                fired |= rule.may_fire(document)
                if rule.reads_files and rule.occurs_in(document):
                    document.cacheable = False
            if not fired:
                return []
        else:
            document.cacheable = False
        return self.full.check(document)


# The register's rules in schema/edition.sch: pointers resolved through prefixDef into another file.


class _Maybe(Exception):
    """The form cannot tell for sure: let Saxon decide."""


_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")
_SAFE_URI = re.compile(r"^[A-Za-z0-9._~/\-]*$")
_available: dict[tuple, etree._ElementTree | None] = {}
_patterns: dict[str, re.Pattern | None] = {}


def _base_uri(document: Document) -> str:
    return document.fact("base-uri", lambda: document.path.resolve().as_uri())


def _resolve(relative: str, base: str) -> str:
    if not _SAFE_URI.match(relative):
        raise _Maybe()  # resolve-uri() may refuse it
    return urljoin(base, relative)


def _doc(uri: str, document: Document) -> tuple[tuple, etree._ElementTree] | None:
    """The document at ``uri`` as doc() reads it, with a key of its version; None where doc-available() is false."""
    address = urlparse(uri)
    if address.scheme != "file" or address.netloc not in ("", "localhost"):
        raise _Maybe()
    path = Path(url2pathname(address.path))
    document.dependencies.add(path)
    status = regular_status(path)
    if status is None:
        return None
    key = (str(path), status.st_mtime_ns, status.st_size, status.st_ino)  # a string hashes and compares faster
    if key not in _available:
        try:
            _available[key] = xmlfile.read(path).getroottree()
        except xmlfile.Unreadable:
            _available[key] = None
    return None if _available[key] is None else (key, _available[key])


def _compiled(pattern: str) -> re.Pattern:
    if pattern not in _patterns:
        try:
            compiled = re.compile(translate_pattern(pattern, back_references=True, lazy_quantifiers=True))
        except (ElementPathError, ValueError, re.error):
            compiled = None
        if compiled is not None and (compiled.fullmatch("") is not None or unsafe_pattern(pattern)):
            compiled = None
        _patterns[pattern] = compiled
    if _patterns[pattern] is None:
        raise _Maybe()
    return _patterns[pattern]


_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,\d*\})")


def unsafe_pattern(pattern: str) -> bool:
    """Whether a regular expression repeats a repetition, as ``(a+)+`` does: a backtracking engine
    (Saxon's, Python's) may then take exponential time on a string that almost matches."""
    return bool(_NESTED_REPEAT.search(pattern))


def _replace(text: str, pattern: str, replacement: str) -> str:
    """XPath's replace(): $N a group, \\$ and \\\\ escapes."""
    compiled = _compiled(pattern)
    pieces: list[object] = []
    position = 0
    for found in re.finditer(r"\\([$\\])|\$(\d)|[$\\]", replacement):
        pieces.append(replacement[position : found.start()])
        if found.group(1):
            pieces.append(found.group(1))
        elif found.group(2):
            pieces.append(int(found.group(2)))
        else:
            raise _Maybe()  # FORX0004
        position = found.end()
    pieces.append(replacement[position:])

    def substitute(match: re.Match) -> str:
        return "".join(
            p if isinstance(p, str) else (match.group(p) or "" if p <= (compiled.groups or 0) else "") for p in pieces
        )

    return compiled.sub(substitute, text)


_id_index: dict[int, tuple[etree._ElementTree, dict[str, list[etree._Element]]]] = {}


def _ids(tree: etree._ElementTree, value: str) -> list[etree._Element]:
    """id(value, tree): the elements whose xml:id is one of the names in ``value``, in document order."""
    kept = _id_index.get(id(tree))
    if kept is None or kept[0] is not tree:
        index: dict[str, list[etree._Element]] = {}
        for element in tree.iter(etree.Element):
            identifier = element.get(f"{{{XML_NS}}}id")
            if identifier is not None:
                index.setdefault(" ".join(identifier.split()), []).append(element)
        kept = _id_index[id(tree)] = (tree, index)
    found = [element for token in dict.fromkeys(value.split()) for element in kept[1].get(token, [])]
    if any(not _NCNAME.match(e.get(f"{{{XML_NS}}}id").strip()) for e in found):
        raise _Maybe()
    return found  # several are left to Saxon, so their order does not matter here


_DEFINITION = etree.XPath(
    "(ancestor::tei:TEI/tei:teiHeader/tei:encodingDesc/tei:listPrefixDef/tei:prefixDef[@ident = 'reg'])[1]",
    namespaces={"tei": TEI_NS},
)
# With one TEI element in the document, the root, every pointer's ancestor::tei:TEI is the root.
_ROOT_DEFINITION = etree.XPath(
    "(tei:teiHeader/tei:encodingDesc/tei:listPrefixDef/tei:prefixDef[@ident = 'reg'])[1]", namespaces={"tei": TEI_NS}
)
_HAS_BASE = etree.XPath("boolean(//@xml:base)")
_PLACE_NAME = f"{{{TEI_NS}}}placeName"
_TEI = f"{{{TEI_NS}}}TEI"
_PREFIX_DEF = f"{{{TEI_NS}}}prefixDef"


def _has_base(document: Document) -> bool:
    return document.fact("xml:base", lambda: _spells_base(document) and _HAS_BASE(document.tree.getroot()))


def _spells_base(document: Document) -> bool:
    """False when the bytes cannot hold an xml:base attribute: UTF-8 without the name (no other prefix
    may name the xml namespace), told without a walk of the tree."""
    return b"xml:base" in document.data or xmlfile.encoding_of(document.data) not in ("utf-8", "utf-8-sig")


def _register_file(document: Document, context: Callable[[], list]) -> bool:
    try:
        # The rule's context, tei:prefixDef[@ident = 'reg'], in document order.
        nodes = [node for node in census(document, [_PREFIX_DEF])[_PREFIX_DEF] if node.get("ident") == "reg"]
        if nodes and _has_base(document):
            raise _Maybe()
        for node in nodes:
            replacement = node.get("replacementPattern")
            if replacement is None or "#" not in replacement:
                return True
            if _doc(_resolve(replacement.split("#", 1)[0], _base_uri(document)), document) is None:
                return True
        return False
    except _Maybe:
        return True


def _register_pointers(document: Document, context: Callable[[], list]) -> bool:
    root = document.tree.getroot()
    try:
        single_tei = root.tag == _TEI and len(census(document, [_TEI])[_TEI]) == 1
        pointers = _distinct_pointers(document) if single_tei else None
        if pointers == set():
            return False  # the rule has no context node
        if _has_base(document):
            raise _Maybe()
        base = _base_uri(document)
        seen: dict[tuple, bool] = {}
        fired = False
        registers: dict[str, tuple | None] = {}
        if single_tei:  # one definition for all: the distinct pointers are all that matter
            shared_definition = _ROOT_DEFINITION(root)
            for kind, pointer in pointers:
                fired |= _pointer_fires(document, pointer, kind, shared_definition[0] if shared_definition else None,
                                        base, registers)
            return fired
        for node in context():
            pointer = node.get("ref") if node.get("ref") is not None else node.get("sameAs")
            definition = _DEFINITION(node)
            kind = "place" if node.tag == _PLACE_NAME else "person"
            key = (pointer, kind, id(definition[0]) if definition else None)
            if key in seen:
                continue
            seen[key] = _pointer_fires(document, pointer, kind, definition[0] if definition else None, base, registers)
            fired |= seen[key]
        return fired
    except _Maybe:
        return True


_POINTERS = [
    (kind, etree.XPath(expression, namespaces={"tei": TEI_NS}, smart_strings=False))
    for kind, expression in (
        # The attribute as the step, its test as the predicate: libxml2 then tests only the elements
        # that have it (made distinct by a Python set, cheaper than EXSLT's set:distinct).
        ("place", "//tei:placeName/@ref[starts-with(., 'reg:')]"),
        ("person", "//tei:persName/@ref[starts-with(., 'reg:')]"),
    )
]


_PERSON = f"{{{TEI_NS}}}person"


def _distinct_pointers(document: Document) -> set[tuple[str, str]]:
    """(kind, pointer) of every node of the rule's context: (@ref, @sameAs)[1], and place for a placeName."""
    found = {(kind, pointer) for kind, expression in _POINTERS for pointer in expression(document.tree.getroot())}
    for person in census(document, [_PERSON])[_PERSON]:  # few, and found in the assertions' walk
        same_as = person.get("sameAs")
        if same_as is not None and same_as.startswith("reg:"):
            found.add(("person", person.get("ref", same_as)))
    return found


_MAYBE = object()
# What a pointer's target is, by (pointer, @matchPattern, @replacementPattern): the same in every document.
_targets: dict[tuple[str, str, str], str | object] = {}
# Whether a fragment names an entry of another kind, or none, by (version of the register, fragment, kind).
_entries: dict[tuple, bool | object] = {}


def _target(pointer: str, match: str, replacement: str) -> str:
    key = (pointer, match, replacement)
    if key not in _targets:
        try:
            _targets[key] = _replace(pointer.split("reg:", 1)[1] if "reg:" in pointer else "", match, replacement)
        except _Maybe:
            _targets[key] = _MAYBE
    if _targets[key] is _MAYBE:
        raise _Maybe()
    return _targets[key]


def _entry_fires(version: tuple, tree: etree._ElementTree, fragment: str, kind: str) -> bool:
    key = (version, fragment, kind)
    if key not in _entries:
        try:
            entry = _ids(tree, fragment)
            if not entry:
                _entries[key] = True
            elif len(entry) > 1:
                _entries[key] = _MAYBE
            else:
                _entries[key] = etree.QName(entry[0]).localname != kind
        except _Maybe:
            _entries[key] = _MAYBE
    if _entries[key] is _MAYBE:
        raise _Maybe()
    return _entries[key]


def _pointer_fires(document: Document, pointer: str, kind: str, definition, base: str, registers) -> bool:
    if definition is None:
        return False  # $target is '', $file is '': both assertions hold
    match, replacement = definition.get("matchPattern"), definition.get("replacementPattern")
    if match is None or replacement is None:
        raise _Maybe()
    target = _target(pointer, match, replacement)
    if "#" not in target:
        return False
    relative, fragment = target.split("#", 1)
    if relative not in registers:  # read (and its version checked) once per document
        registers[relative] = _doc(_resolve(relative, base), document)
    found = registers[relative]
    if found is None:
        return False  # register-file says the register cannot be read
    return _entry_fires(found[0], found[1], fragment, kind)


_POINTER_TESTS = (
    "$file eq '' or not(doc-available($file)) or exists($entry)",
    "empty($entry) or local-name($entry) eq $kind",
)


@functools.cache
def _edition_forms() -> dict[str, Callable[[Document, list], bool]]:
    """The fast forms, keyed by the text of the rules of schema/edition.sch they stand for."""
    from teikit.validate.engines import PROFILE_RULES

    forms = {}
    try:
        resolved = resolve_schematron(PROFILE_RULES)
    except (InputError, OSError):
        return forms
    for rules in resolved.rules:
        for rule in rules:
            tests = [test for _, test in rule.checks]
            if rule.context == "tei:prefixDef[@ident = 'reg']" and tests == [
                "contains(@replacementPattern, '#') and doc-available($file)"
            ] and dict(rule.lets).get("file") == "resolve-uri(substring-before(@replacementPattern, '#'), base-uri(.))":
                forms[_rule_key(rule)] = _register_file
            elif tests == list(_POINTER_TESTS) and rule.context == (
                "tei:persName[starts-with(@ref, 'reg:')] | tei:placeName[starts-with(@ref, 'reg:')] | "
                "tei:person[starts-with(@sameAs, 'reg:')]"
            ) and dict(rule.lets) == _REGISTER_POINTER_TESTS:
                forms[_rule_key(rule)] = _register_pointers
    return forms


_REGISTER_POINTER_TESTS = {
    "pointer": "(@ref, @sameAs)[1]",
    "path": (
        "string-join(for $e in ancestor-or-self::* return concat('/', local-name($e), if (count($e/../*[local-name() "
        "eq local-name($e)]) gt 1) then concat('[', count($e/preceding-sibling::*[local-name() eq local-name($e)]) + 1, "
        "']') else ''), '')"
    ),
    "definition": "(ancestor::tei:TEI/tei:teiHeader/tei:encodingDesc/tei:listPrefixDef/tei:prefixDef[@ident = 'reg'])[1]",
    "target": (
        "if ($definition) then replace(substring-after($pointer, 'reg:'), $definition/@matchPattern, "
        "$definition/@replacementPattern) else ''"
    ),
    "file": "if (contains($target, '#')) then resolve-uri(substring-before($target, '#'), base-uri(.)) else ''",
    "kind": "if (self::tei:placeName) then 'place' else 'person'",
    "entry": "if ($file ne '' and doc-available($file)) then id(substring-after($target, '#'), doc($file)) else ()",
}


def fast_forms_cover(path: Path, phase: str | None = None) -> list[str]:
    """The rules of a Schematron schema that the fast checks cannot decide, by context (for the tests)."""
    resolved = resolve_schematron(path, phase)
    translator = Translator(resolved.namespaces)
    namespaces = {**resolved.namespaces, REGEXP_PREFIX: REGEXP_NS}
    namespaces.pop("xsl", None)
    missing = []
    for rules in resolved.rules:
        for rule in rules:
            check = _rule_check(rule, translator, namespaces)
            if check.context is None or (check.form is None and not check.translated):
                missing.append(rule.context)
    return missing


def iter_untranslated_assertions(path: Path) -> Iterable[str]:
    """The assertions of an XSD schema that have no XPath 1.0 form (for the tests)."""
    _, checks = derive(path)
    for check in checks:
        if check.failing is None and check.per_owner is None:
            yield check.owners
