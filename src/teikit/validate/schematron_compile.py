"""Compiling ISO Schematron (ISO/IEC 19757-3) to an XSLT 3.0 stylesheet for saxonche.

The stylesheet visits every node of a document once, in document order, in one
mode. Each rule is a template rule; priorities follow the order of patterns and
of rules within them, and each template hands the node on with ``xsl:next-match``,
so every pattern sees every node while, within one pattern, only the first rule
whose context matches fires (as the standard requires). A failed assert or a
successful report adds an array to the result: the number of the check (see
``CompiledSchema.checks``), the node it is about (Python reads its line from
Saxon) and the message with ``value-of``/``name`` evaluated.

Expressions from the schema are copied verbatim into attributes of XSLT
elements built with lxml; each such element is marked with where it came from,
so that a Saxon compile error can be reported at the line of the schema.

Before compiling, ``sch:include`` and ``sch:extends/@href`` are written out,
abstract patterns are instantiated from their ``sch:param`` values, and the
phase (``defaultPhase``, a named phase or ``#ALL``) chooses the patterns.
Variables of the schema and of the phase are global; a pattern's are computed
once per document from its root and bound in each of its rules; a rule's are
local. A dynamic error inside a rule (a bad cast, say) is caught with
``xsl:try`` and reported as a finding of that rule. Not supported, with a
clear error: ``pattern/@documents``, and query bindings other than the XSLT
and XPath ones.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

from lxml import etree

from teikit.errors import InputError
from teikit.tei import XML_NS, parse

SCH = "http://purl.oclc.org/dsdl/schematron"
SCHEMATRON_1_5 = "http://www.ascc.net/xml/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
OWN = "urn:teikit:schematron"  # names the generated stylesheet keeps to itself
ENTRY = f"{{{OWN}}}validate"  # the named template that validates the global context item

MODERN_BINDINGS = frozenset({"xslt2", "xslt3", "xpath2", "xpath3", "xpath31"})
# The ISO default binding is XSLT 1.0; XSLT 3.0's backwards-compatible mode gives XPath 1.0's semantics.
XPATH1_BINDINGS = frozenset({"xslt", "xpath"})
WARNING_ROLES = frozenset({"warning", "warn", "info", "information"})

_MODE = f"Q{{{OWN}}}check"
_FIRED = f"Q{{{OWN}}}fired"
_MESSAGE = f"Q{{{OWN}}}message"
_SUBJECT = f"Q{{{OWN}}}subject"
_INTEGER = "Q{http://www.w3.org/2001/XMLSchema}integer"
_STRING = "Q{http://www.w3.org/2001/XMLSchema}string"
_ERR = "Q{http://www.w3.org/2005/xqt-errors}"
_SOURCE_MARK = f"{{{OWN}}}source"
_XML_BASE = f"{{{XML_NS}}}base"
# Bound by the usual Schematron implementations (the ISO skeleton, SchXslt) whether declared or not; many
# schemas, FRUS's among them, use xs: without an <ns>.
_CUSTOMARY_NAMESPACES = {
    "xs": "http://www.w3.org/2001/XMLSchema",
    "fn": "http://www.w3.org/2005/xpath-functions",
    "map": "http://www.w3.org/2005/xpath-functions/map",
    "array": "http://www.w3.org/2005/xpath-functions/array",
    "math": "http://www.w3.org/2005/xpath-functions/math",
}
_NAME = re.compile(r"^[^\W\d][\w.\-]*(?::[^\W\d][\w.\-]*)?$")
_EXPRESSION_ATTRIBUTES = ("context", "test", "select", "path", "value", "subject")
_SAXON_ERROR = re.compile(r"on line (\d+) column \d+ of [^\n]*?:\s*(.*)", re.DOTALL)


def sch(name: str) -> str:
    return f"{{{SCH}}}{name}"


def xsl(name: str) -> str:
    return f"{{{XSL}}}{name}"


@dataclass(frozen=True)
class Check:
    """What the stylesheet reports under one number."""

    rule: str  # the id a finding carries
    severity: str  # "error" or "warning"
    kind: str  # "assert", "report", or "error" when the rule itself could not be evaluated
    expression: str  # the test (said when an assertion has no text of its own), or the rule's context


@dataclass
class CompiledSchema:
    stylesheet: bytes
    checks: list[Check]
    sources: list[Path]  # the schema and every file it includes


def compile_schematron(schema: Path, phase: str | None = None) -> CompiledSchema:
    """Compile ``schema`` (with its inclusions, for ``phase``) to XSLT 3.0, or raise an InputError."""
    schema = schema.resolve()
    sources = [schema]
    root = _load(schema)
    _resolve_inclusions(root, sources, [(schema, "")])
    return _Compiler(schema, root, sources).compile(phase)


def explain_compile_error(stylesheet: Path, saxon_message: str) -> InputError:
    """Turn Saxon's first complaint about a generated stylesheet into an error at the schema's own line."""
    first = saxon_message.strip().split("\nError")[0]
    found = _SAXON_ERROR.search(first)
    detail = " ".join((found.group(2) if found else first).split())
    tree = etree.parse(str(stylesheet))
    element = tree.getroot()
    if found:
        line = int(found.group(1))
        for candidate in tree.getroot().iter(etree.Element):
            if candidate.sourceline is not None and candidate.sourceline <= line:
                element = candidate
    marked = next((e for e in element.iterancestors() if e.get(_SOURCE_MARK)), None)
    if element.get(_SOURCE_MARK):
        marked = element
    if marked is None:
        return InputError(_origin(tree.getroot()), f"the Schematron does not compile: {detail}")
    line_text, what = marked.get(_SOURCE_MARK).split(" ", 1)
    origin, line = _origin(marked), int(line_text)
    if "/@" not in what:
        return InputError(origin, f"the XSLT in <{what}> does not compile: {detail}", line)
    name, attribute = what.split("/@")
    written = next(
        (
            e.get(attribute)
            for e in parse(origin).getroot().iter(sch(name))
            if e.sourceline == line and e.get(attribute) is not None
        ),
        None,
    )
    if written is None:
        return InputError(origin, f"the XPath in <{name} {attribute}=…> does not compile: {detail}", line)
    expression = " ".join(written.split())
    if len(expression) > 80:
        expression = expression[:79] + "…"
    return InputError(origin, f'the XPath in <{name} {attribute}="{expression}"> does not compile: {detail}', line)


def _origin(element: etree._Element) -> Path:
    base = element.base or ""
    if base.startswith("file:"):
        return Path(url2pathname(urlparse(base).path))
    return Path(base)


def _fail(element: etree._Element, message: str) -> InputError:
    return InputError(_origin(element), message, element.sourceline or 1)


def _load(schema: Path) -> etree._Element:
    root = parse(schema).getroot()
    if root.tag == sch("schema"):
        return root
    name = etree.QName(root)
    if name.namespace == SCHEMATRON_1_5:
        raise _fail(
            root, f"is Schematron 1.5 ({SCHEMATRON_1_5}); teikit reads ISO Schematron: use the namespace {SCH}"
        )
    raise _fail(
        root,
        f"is not an ISO Schematron schema: its root element is <{name.localname}>"
        + (f" in {name.namespace}" if name.namespace else " in no namespace")
        + f", expected <schema> in {SCH}",
    )


def _resolve_inclusions(element: etree._Element, sources: list[Path], chain: list[tuple[Path, str]]) -> None:
    """Replace ``sch:include`` by the element it points to and ``sch:extends/@href`` by that element's children."""
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        if child.tag == sch("include") or (child.tag == sch("extends") and child.get("href") is not None):
            parent = child.getparent()
            position = parent.index(child)
            replacements = _fetch(child, sources, chain)
            parent.remove(child)
            for offset, replacement in enumerate(replacements):
                parent.insert(position + offset, replacement)
        else:
            _resolve_inclusions(child, sources, chain)


def _fetch(link: etree._Element, sources: list[Path], chain: list[tuple[Path, str]]) -> list[etree._Element]:
    href = link.get("href", "")
    kind = etree.QName(link).localname
    if not href:
        raise _fail(link, f"<{kind}> needs an href")
    address = urlparse(urljoin(_origin(link).resolve().as_uri(), href))
    if address.scheme != "file":
        raise _fail(link, f'<{kind} href="{href}">: only local files can be included')
    target_file = Path(url2pathname(address.path))
    fragment = address.fragment
    if (target_file, fragment) in chain:
        steps = [*chain, (target_file, fragment)]
        loop = " → ".join(f"{path.name}#{part}" if part else path.name for path, part in steps)
        raise _fail(link, f"<{kind}> includes itself: {loop}")
    if not target_file.is_file():
        raise _fail(link, f'<{kind} href="{href}">: no such file {target_file}')
    sources.append(target_file)
    target = parse(target_file).getroot()
    if fragment:
        found = target.xpath("//*[@id = $id or @xml:id = $id]", id=fragment)
        if not found:
            raise _fail(link, f'<{kind} href="{href}">: {target_file.name} has no element with id "{fragment}"')
        target = found[0]
    _resolve_inclusions(target, sources, [*chain, (target_file, fragment)])
    if link.tag == sch("include") and target.tag != sch("schema"):
        parts = [target]
    else:
        parts = [child for child in target if isinstance(child.tag, str)]
    for part in parts:
        part.set(_XML_BASE, target_file.as_uri())
        part.tail = None
    return parts


def _is_true(element: etree._Element, attribute: str) -> bool:
    return element.get(attribute, "").strip() == "true"


def _namespace(element: etree._Element) -> str:
    return etree.QName(element).namespace or ""


def _instantiate(instance: etree._Element, abstract: etree._Element) -> etree._Element:
    """An abstract pattern with the instance's parameters written into its expressions."""
    values: dict[str, str] = {}
    for param in instance.iterchildren(sch("param")):
        name, value = param.get("name"), param.get("value")
        if not name or value is None:
            raise _fail(param, "<param> needs a name and a value")
        values[name] = value
    pattern = copy.deepcopy(abstract)
    pattern.set(_XML_BASE, _origin(abstract).as_uri())
    for attribute in ("abstract", "id"):
        pattern.attrib.pop(attribute, None)
    for name, value in instance.attrib.items():
        if name != "is-a":
            pattern.set(name, value)
    if not values:
        return pattern
    # One pass, longest names first, and a name ends where an XML name could not go on: $a leaves $ab alone,
    # and a value that itself mentions $b is not filled in again.
    names = "|".join(re.escape(name) for name in sorted(values, key=len, reverse=True))
    reference = re.compile(rf"\$({names})(?![\w.\-])")
    for element in pattern.iter(f"{{{SCH}}}*"):
        for attribute in _EXPRESSION_ATTRIBUTES:
            text = element.get(attribute)
            if text is not None and "$" in text:
                element.set(attribute, reference.sub(lambda found: values[found.group(1)], text))
    return pattern


class _Compiler:
    def __init__(self, schema: Path, root: etree._Element, sources: list[Path]) -> None:
        self.schema = schema
        self.root = root
        self.sources = sources
        self.checks: list[Check] = []
        binding = (root.get("queryBinding") or "xslt").strip().lower()
        if binding not in MODERN_BINDINGS | XPATH1_BINDINGS:
            raise _fail(
                root,
                f'queryBinding "{binding}" is not supported: teikit runs the bindings xslt3, xslt2, xpath31, '
                "xpath3, xpath2, and xslt or xpath (XPath 1.0)",
            )
        self.xpath1 = binding in XPATH1_BINDINGS
        self.diagnostics = {d.get("id"): d for d in root.iter(sch("diagnostic")) if d.get("id")}
        self.stylesheet = etree.Element(xsl("stylesheet"), nsmap=self._namespaces())
        self.stylesheet.set("version", "3.0")
        self.stylesheet.set("exclude-result-prefixes", "#all")
        # Relative URIs in the schema (doc(), xsl:include) keep resolving against the schema's folder.
        self.stylesheet.set(_XML_BASE, schema.as_uri())

    def compile(self, phase: str | None) -> CompiledSchema:
        patterns = self._concrete_patterns()
        active, phase_element = self._active(patterns, phase)
        self._pass_through()
        self._global_lets(phase_element)
        for index, pattern in enumerate(active):
            self._pattern_lets(index, pattern)
        self._element("mode", {"name": _MODE, "on-no-match": "deep-skip"})
        # deep-skip still walks into a document node's children: this rule stops it visiting the root twice.
        self._element("template", {"match": "document-node()", "mode": _MODE, "priority": "0"})
        entry = self._element("template", {"name": f"Q{{{OWN}}}validate"})
        self._element("apply-templates", {"select": "descendant-or-self::node() ! (., @*)", "mode": _MODE}, entry)
        rules = [
            (index, pattern, rule)
            for index, pattern in enumerate(active)
            for rule in pattern.iterchildren(sch("rule"))
            if not _is_true(rule, "abstract")
        ]
        for order, (index, pattern, rule) in enumerate(rules):
            self._rule(index, pattern, rule, priority=len(rules) - order)
        stylesheet = etree.tostring(self.stylesheet, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return CompiledSchema(stylesheet, self.checks, self.sources)

    # The schema as a whole

    def _namespaces(self) -> dict[str, str]:
        namespaces = {prefix: uri for prefix, uri in self.root.nsmap.items() if prefix and prefix != "xml"}
        declared: dict[str, str] = {}
        for ns in self.root.iter(sch("ns")):
            prefix, uri = ns.get("prefix"), ns.get("uri")
            if not prefix or uri is None:
                raise _fail(ns, "<ns> needs a prefix and a uri")
            if prefix == "xml":
                if uri != XML_NS:
                    raise _fail(ns, f"the prefix xml is bound to {XML_NS} and cannot be redeclared")
                continue
            if declared.get(prefix, uri) != uri:
                raise _fail(ns, f'the prefix "{prefix}" is declared twice, for {declared[prefix]} and for {uri}')
            declared[prefix] = uri
        namespaces.update(declared)
        for prefix, uri in _CUSTOMARY_NAMESPACES.items():
            namespaces.setdefault(prefix, uri)
        if namespaces.get("xsl", XSL) != XSL:
            raise _fail(self.root, f"the prefix xsl must stand for {XSL}")
        namespaces["xsl"] = XSL
        own = "teikit"
        while own in namespaces:
            own += "_"
        namespaces[own] = OWN
        return namespaces

    def _concrete_patterns(self) -> list[etree._Element]:
        abstract = {p.get("id"): p for p in self.root.iterchildren(sch("pattern")) if _is_true(p, "abstract")}
        patterns = []
        for pattern in list(self.root.iterchildren(sch("pattern"))):
            if _is_true(pattern, "abstract"):
                if not pattern.get("id"):
                    raise _fail(pattern, "an abstract <pattern> needs an id")
                continue
            if pattern.get("documents") is not None:
                raise _fail(pattern, "<pattern documents=…> (checking other documents) is not supported")
            template_id = pattern.get("is-a")
            if template_id is not None:
                if template_id not in abstract:
                    raise _fail(pattern, f'is-a="{template_id}": there is no abstract pattern with that id')
                instance = _instantiate(pattern, abstract[template_id])
                pattern.addnext(instance)
                pattern.getparent().remove(pattern)
                pattern = instance
            patterns.append(pattern)
        self.abstract_rules = {
            rule.get("id"): rule
            for rule in self.root.iter(sch("rule"))
            if rule.get("id") and (_is_true(rule, "abstract") or rule.getparent().tag == sch("rules"))
        }
        return patterns

    def _active(
        self, patterns: list[etree._Element], phase: str | None
    ) -> tuple[list[etree._Element], etree._Element | None]:
        phases = {p.get("id"): p for p in self.root.iterchildren(sch("phase")) if p.get("id")}
        name = phase or self.root.get("defaultPhase")
        if name == "#DEFAULT":
            name = self.root.get("defaultPhase")
        if name is None or name == "#ALL":
            return patterns, None
        if name not in phases:
            known = ", ".join(sorted(phases)) or "none"
            raise InputError(self.schema, f'has no phase "{name}" (its phases: {known}; or #ALL for every pattern)')
        by_id = {p.get("id") for p in patterns if p.get("id")}
        wanted = set()
        for active in phases[name].iterchildren(sch("active")):
            pattern_id = active.get("pattern")
            if pattern_id not in by_id:
                raise _fail(active, f'phase "{name}" activates pattern "{pattern_id}", which does not exist')
            wanted.add(pattern_id)
        return [p for p in patterns if p.get("id") in wanted], phases[name]

    def _pass_through(self) -> None:
        """XSLT (functions, keys, templates) and foreign data elements at the top of the schema."""
        imports = []
        for child in self.root:
            if not isinstance(child.tag, str) or _namespace(child) in (SCH, ""):
                continue
            if child.tag == xsl("import"):
                imports.append(child)
            else:
                self._graft(self.stylesheet, child)
        for position, child in enumerate(imports):
            self._graft(self.stylesheet, child)
            self.stylesheet.insert(position, self.stylesheet[-1])

    def _global_lets(self, phase: etree._Element | None) -> None:
        phase_lets = list(phase.iterchildren(sch("let"))) if phase is not None else []
        overridden = {let.get("name") for let in phase_lets}
        for let in self.root.iterchildren(sch("let")):
            if let.get("name") not in overridden:
                self._let(self.stylesheet, let)
        for let in phase_lets:
            self._let(self.stylesheet, let)

    def _pattern_lets(self, index: int, pattern: etree._Element) -> None:
        """A pattern's variables, computed once per document from its root, in one map."""
        lets = list(pattern.iterchildren(sch("let")))
        if not lets:
            return
        holder = self._element("variable", {"name": f"Q{{{OWN}}}pattern-{index}", "as": "map(*)"})
        for let in lets:
            self._let(holder, let)
        entries = self._element("map", {}, holder)
        for let in lets:
            self._element("map-entry", {"key": f"'{let.get('name')}'", "select": f"${let.get('name')}"}, entries)

    # One rule

    def _rule(self, index: int, pattern: etree._Element, rule: etree._Element, priority: int) -> None:
        context = rule.get("context")
        if not context:
            raise _fail(rule, "a <rule> needs a context (or abstract=\"true\" and an id)")
        items = self._rule_items(rule, pattern, [])
        template = self._element(
            "template", {"match": context, "mode": _MODE, "priority": str(priority)}, mark=(rule, "rule/@context")
        )
        self._element("param", {"name": _FIRED, "as": _INTEGER, "select": "-1"}, template)
        if any(item.tag in (sch("assert"), sch("report")) for item in items):
            unfired = self._element("if", {"test": f"${_FIRED} ne {index}"}, template)
            attempt = self._element("try", {}, unfired)
            for let in pattern.iterchildren(sch("let")):
                name = let.get("name")
                lookup = f"$Q{{{OWN}}}pattern-{index}('{name}')"
                self._element("variable", {"name": name, "select": lookup}, attempt)
            role = rule.get("role") or pattern.get("role")
            identity = rule.get("id") or pattern.get("id") or "schematron"
            for item in items:
                if item.tag == sch("let"):
                    self._let(attempt, item)
                elif item.tag in (sch("assert"), sch("report")):
                    self._assertion(attempt, item, rule, role, identity)
                else:
                    self._graft(attempt, item)
            failure = self._element("catch", {}, attempt)
            self.checks.append(Check(identity, "error", "error", context))
            self._element(
                "sequence",
                {"select": f"[{len(self.checks) - 1}, ., string(${_ERR}code) || ': ' || ${_ERR}description]"},
                failure,
            )
        onwards = self._element("next-match", {}, template)
        self._element("with-param", {"name": _FIRED, "select": str(index)}, onwards)

    def _rule_items(self, rule: etree._Element, pattern: etree._Element, seen: list[str]) -> list[etree._Element]:
        """The rule's lets, asserts, reports and XSLT instructions, with ``sch:extends`` written out."""
        items: list[etree._Element] = []
        for child in rule:
            if not isinstance(child.tag, str):
                continue
            if child.tag == sch("extends"):
                target = child.get("rule", "")
                if target in seen:
                    raise _fail(child, f'<extends rule="{target}"> extends itself: {" → ".join([*seen, target])}')
                abstract = next(
                    (r for r in pattern.iter(sch("rule")) if r.get("id") == target and _is_true(r, "abstract")),
                    self.abstract_rules.get(target),
                )
                if abstract is None:
                    raise _fail(child, f'<extends rule="{target}">: there is no abstract rule with that id')
                items.extend(self._rule_items(abstract, pattern, [*seen, target]))
            elif child.tag in (sch("let"), sch("assert"), sch("report")) or _namespace(child) == XSL:
                items.append(child)
        return items

    def _assertion(
        self,
        parent: etree._Element,
        assertion: etree._Element,
        rule: etree._Element,
        rule_role: str | None,
        identity: str,
    ) -> None:
        kind = etree.QName(assertion).localname
        test = assertion.get("test")
        if not test:
            raise _fail(assertion, f"<{kind}> needs a test")
        role = (assertion.get("role") or rule_role or assertion.get("flag") or "").strip().lower()
        severity = "warning" if role in WARNING_ROLES else "error"
        self.checks.append(Check(assertion.get("id") or identity, severity, kind, test))
        what = (assertion, f"{kind}/@test")
        if kind == "assert":
            choice = self._element("choose", {}, parent)
            self._element("when", {"test": test}, choice, mark=what)
            fired = self._element("otherwise", {}, choice)
        else:
            fired = self._element("if", {"test": test}, parent, mark=what)
        message = self._element("variable", {"name": _MESSAGE, "as": _STRING}, fired)
        words = self._element("value-of", {}, message)
        self._words(words, assertion)
        for reference in (assertion.get("diagnostics") or "").split():
            diagnostic = self.diagnostics.get(reference)
            if diagnostic is None:
                raise _fail(assertion, f'diagnostics="{reference}": there is no <diagnostic> with that id')
            self._element("text", {}, words).text = " "
            self._words(words, diagnostic)
        located = "."
        # ISO 2016's subject: the node a finding is about, when it is not the rule's context.
        subject = next((e for e in (assertion, rule) if e.get("subject")), None)
        if subject is not None:
            what = (subject, f"{etree.QName(subject).localname}/@subject")
            self._element("variable", {"name": _SUBJECT, "select": subject.get("subject")}, fired, mark=what)
            located = f"(${_SUBJECT}[. instance of node()], .)[1]"
        finding = f"[{len(self.checks) - 1}, {located}, normalize-space(${_MESSAGE})]"
        self._element("sequence", {"select": finding}, fired)

    def _words(self, target: etree._Element, source: etree._Element) -> None:
        """The text of an assertion or diagnostic, with value-of and name evaluated."""
        if source.text:
            self._element("text", {}, target).text = source.text
        for child in source:
            if isinstance(child.tag, str):
                if child.tag == sch("value-of"):
                    select = child.get("select")
                    if not select:
                        raise _fail(child, "<value-of> needs a select")
                    self._element("value-of", {"select": select}, target, mark=(child, "value-of/@select"))
                elif child.tag == sch("name"):
                    path = child.get("path")
                    if path:
                        each = self._element("for-each", {"select": path}, target, mark=(child, "name/@path"))
                        self._element("value-of", {"select": "name()"}, each)
                    else:
                        self._element("value-of", {"select": "name()"}, target)
                elif _namespace(child) == XSL:
                    self._graft(target, child)
                else:
                    self._words(target, child)  # emph, dir, span, foreign markup: their words count
            if child.tail:
                self._element("text", {}, target).text = child.tail

    def _let(self, parent: etree._Element, let: etree._Element) -> None:
        name = let.get("name", "")
        if not _NAME.match(name):
            raise _fail(let, f'<let name="{name}">: a variable needs an XML name')
        variable = self._element("variable", {"name": name}, parent, mark=(let, "let/@value"))
        if let.get("as"):
            variable.set("as", let.get("as"))
        if let.get("value") is not None:
            variable.set("select", let.get("value"))
            return
        # A let without @value holds its content: copied as literal result elements, braces kept literal.
        variable.text = let.text
        for child in let:
            literal = copy.deepcopy(child)
            for element in literal.iter(etree.Element):
                if _namespace(element) != XSL:
                    for attribute, value in element.attrib.items():
                        element.set(attribute, value.replace("{", "{{").replace("}", "}}"))
            variable.append(literal)

    def _graft(self, parent: etree._Element, element: etree._Element) -> None:
        """Copy an XSLT or foreign element with every namespace in scope where it was written.

        Prefixes used only inside XPath expressions would otherwise be lost with the ancestors that declared them.
        """
        copied = etree.SubElement(parent, element.tag, nsmap=element.nsmap)
        for attribute, value in element.attrib.items():
            copied.set(attribute, value)
        # Relative URIs inside it (document(''), doc(), href) resolve against the file it came from.
        copied.set(_XML_BASE, _origin(element).resolve().as_uri())
        if _namespace(element) == XSL:
            copied.set(_SOURCE_MARK, f"{element.sourceline or 1} xsl:{etree.QName(element).localname}")
        copied.text = element.text
        for child in element:
            copied.append(copy.deepcopy(child))

    def _element(
        self,
        name: str,
        attributes: dict[str, str],
        parent: etree._Element | None = None,
        mark: tuple[etree._Element, str] | None = None,
    ) -> etree._Element:
        element = etree.SubElement(self.stylesheet if parent is None else parent, xsl(name), attributes)
        if mark is not None:
            source, what = mark
            element.set(_SOURCE_MARK, f"{source.sourceline or 1} {what}")
            origin = _origin(source)
            if origin != self.schema:
                element.set(_XML_BASE, origin.as_uri())
            if self.xpath1 and name != "template":  # the template's own parameter is typed XPath 3
                element.set("version", "1.0")
        return element


@dataclass
class ResolvedRule:
    """One rule of a resolved schema, as the fast checks read it."""

    context: str
    lets: list[tuple[str, str | None]]  # name and value (None: a let with content)
    checks: list[tuple[str, str]]  # ("assert" or "report", test)
    xslt: bool  # holds XSLT instructions, which only Saxon can run
    pattern_lets: bool  # its pattern has variables of its own


@dataclass
class ResolvedSchema:
    namespaces: dict[str, str]
    xpath1: bool  # the XPath 1.0 binding
    global_lets: bool
    foreign: bool  # XSLT (functions, keys) at the top of the schema
    rules: list[list[ResolvedRule]]  # per active pattern, its rules in order


def resolve_schematron(schema: Path, phase: str | None = None) -> ResolvedSchema:
    """The active rules of ``schema`` for ``phase``, inclusions, abstract patterns and extends written out."""
    schema = schema.resolve()
    root = _load(schema)
    _resolve_inclusions(root, [schema], [(schema, "")])
    compiler = _Compiler(schema, root, [schema])
    active, phase_element = compiler._active(compiler._concrete_patterns(), phase)
    namespaces = {p: u for p, u in compiler._namespaces().items() if u != OWN}
    patterns = []
    for pattern in active:
        rules = []
        for rule in pattern.iterchildren(sch("rule")):
            if _is_true(rule, "abstract"):
                continue
            items = compiler._rule_items(rule, pattern, [])
            rules.append(ResolvedRule(
                context=rule.get("context") or "",
                lets=[(i.get("name", ""), i.get("value")) for i in items if i.tag == sch("let")],
                checks=[(etree.QName(i).localname, i.get("test") or "") for i in items if i.tag in (sch("assert"), sch("report"))],
                xslt=any(_namespace(i) == XSL for i in items),
                pattern_lets=any(True for _ in pattern.iterchildren(sch("let"))),
            ))
        patterns.append(rules)
    global_lets = any(True for _ in root.iterchildren(sch("let"))) or (
        phase_element is not None and any(True for _ in phase_element.iterchildren(sch("let")))
    )
    foreign = any(isinstance(c.tag, str) and _namespace(c) not in (SCH, "") for c in root)
    return ResolvedSchema(namespaces, compiler.xpath1, global_lets, foreign, patterns)
