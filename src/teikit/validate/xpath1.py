"""XPath 2/3 tests of XSD assertions and Schematron rules, written as XPath 1.0 for libxml2 when they can be.

Saxon and elementpath take tens of milliseconds a document where libxml2's XPath takes a fraction of
one: the validator asks libxml2 first whether a rule can fail at all, and asks the full engines
only about the documents where it might. So a translation must never say "holds" where XPath 2
would say otherwise; anything it cannot translate with the same meaning raises ``Untranslatable``,
and the rule is then left to the full engine.

What translates: paths (downward axes; upward and sideways ones where the caller allows), name and
kind tests, predicates, ``|`` and ``(a, b)`` of nodes, ``and``/``or``/``not``, general comparisons
of strings and of nodes by their string values, ``eq``/``ne`` between single items, ``exists``,
``empty``, ``count``, the string functions of XPath 1.0 (and ``ends-with``, ``matches``), and
``every``/``some`` over nodes at the top of a test. Comparisons of typed values (numbers, dates,
attributes the schema types so) are not translated: their XPath 2 meaning differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from elementpath import ElementPathError
from elementpath.collations import UNICODE_CODEPOINT_COLLATION
from elementpath.regex import translate_pattern
from elementpath.xpath31 import XPath31Parser

REGEXP_NS = "http://exslt.org/regular-expressions"
REGEXP_PREFIX = "teikit-re"
CONTEXT = "teikit-context"  # the variable that holds the context of a quantified test


class Untranslatable(Exception):
    """This expression has no XPath 1.0 form with the same meaning (the reason is the message)."""


@dataclass(frozen=True)
class Translated:
    text: str
    kind: str  # "nodes", "atoms" (nodes standing for their string values), "string", "number", "boolean"
    single: bool = False  # at most one item
    attribute: str | None = None  # the attribute these nodes are, when known
    unordered: bool = False  # a union written with ",": order and duplicates differ from XPath 2's
    filtered: object = None  # a predicate still to apply to a union of steps, once it has its path


@dataclass(frozen=True)
class Scope:
    """Where a subexpression stands."""

    context: str | None = None  # the XPath 1.0 text for the context item, when it is not "."
    in_predicate: bool = False
    dot: Translated | None = None  # what "." is inside a predicate (None: an element or unknown)
    variables: dict[str, Translated] = field(default_factory=dict)  # quantified variables
    lets: dict[str, object] = field(default_factory=dict)  # let variables: parsed tokens


_ELEMENT_AXES = {
    "child": "child", "descendant": "descendant", "descendant-or-self": "descendant-or-self", "self": "self",
}
_UPWARD_AXES = {
    "parent": "parent", "ancestor": "ancestor", "ancestor-or-self": "ancestor-or-self",
    "following-sibling": "following-sibling", "preceding-sibling": "preceding-sibling",
    "following": "following", "preceding": "preceding",
}
_KIND_TESTS = {"node", "text", "comment"}
_STRING_FUNCTIONS = {
    "starts-with": 2, "contains": 2, "substring-before": 2, "substring-after": 2, "translate": 3,
}
_STRING_LIKE_TYPES = frozenset({
    "string", "normalizedString", "token", "language", "Name", "NCName", "ID", "IDREF", "NMTOKEN", "ENTITY", "anyURI",
})


def literal(text: str) -> str:
    """A string as an XPath 1.0 literal (which has no escapes: quotes of both kinds need concat)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


class Translator:
    """Translates the tests of one schema: its namespace prefixes, and what it types.

    ``schema_aware``: the tests of XSD assertions see typed values; comparisons are then translated
    only where both sides are strings (attributes outside ``typed_attributes``, literals, functions).
    ``upward``: whether axes that leave the context's subtree may be used (not in XSD assertions,
    whose tree is the asserting element's).
    """

    def __init__(
        self,
        namespaces: dict[str, str],
        *,
        schema_aware: bool = False,
        typed_attributes: frozenset[str] = frozenset(),
        upward: bool = True,
        value: str | None = None,
    ) -> None:
        """``value``: what $value is, as XPath 1.0 with {} for the context (an assertion on simple content)."""
        self.namespaces = {prefix: uri for prefix, uri in namespaces.items() if prefix}
        # The code-point collation, as XPath's default: the process's locale may be one Python cannot name (Saxon sets it).
        self.parser = XPath31Parser(namespaces=self.namespaces, default_collation=UNICODE_CODEPOINT_COLLATION)
        self.schema_aware = schema_aware
        self.typed_attributes = typed_attributes
        self.upward = upward
        self.value = value
        self.uses_context = False

    def parse(self, expression: str) -> object:
        try:
            return self.parser.parse(expression)
        except (ElementPathError, SyntaxError, ValueError, TypeError) as error:
            raise Untranslatable(f"cannot parse {expression!r}: {error}") from None

    def test(self, expression: str, lets: dict[str, str] | None = None) -> tuple[str, bool]:
        """The XPath 1.0 boolean for ``expression``, and whether it needs the context in ``$teikit-context``."""
        self.uses_context = False
        parsed_lets = {name: self.parse(value) for name, value in (lets or {}).items()}
        found = self._translate(self.parse(expression), Scope(lets=parsed_lets))
        return self._boolean(found), self.uses_context

    def nodes(self, expression: str) -> str:
        """The XPath 1.0 node-set for ``expression`` (a rule's context, say)."""
        found = self._translate(self.parse(expression), Scope())
        if found.kind != "nodes":
            raise Untranslatable(f"{expression!r} does not select nodes")
        return found.text

    def pattern(self, pattern: str) -> str:
        """The nodes an XSLT match pattern matches, as an XPath 1.0 expression from the root.

        A relative pattern P matches exactly the nodes of //P (libxml2 walks that as one descendant
        axis); an absolute one, those it selects.
        """
        texts = []
        for alternative in _union_members(self.parse(pattern)):
            absolute = alternative.symbol in ("/", "//") and len(alternative) <= 1
            scope = Scope() if absolute else Scope(context="/")
            found = self._translate(alternative, scope)
            if found.kind != "nodes":
                raise Untranslatable(f"{pattern!r} is not a pattern of nodes")
            texts.append(found.text)
        return " | ".join(texts)

    # Expressions

    def _boolean(self, found: Translated) -> str:
        if found.kind == "boolean":
            return found.text
        if found.kind in ("nodes", "string", "number"):
            return f"boolean({found.text})"
        raise Untranslatable("the effective boolean value of a sequence of strings")

    def _translate(self, token: object, scope: Scope) -> Translated:
        symbol = token.symbol
        method = _HANDLERS.get(symbol)
        if method is not None:
            return method(self, token, scope)
        if symbol in _ELEMENT_AXES or symbol in _UPWARD_AXES or symbol in ("(name)", ":", "*", "@", ".", "..") or symbol in _KIND_TESTS:
            return self._path_start(self._step(token, scope), scope, token)
        raise Untranslatable(f"{symbol!r} has no XPath 1.0 translation here")

    def _path_start(self, step: Translated, scope: Scope, token: object) -> Translated:
        if scope.context is None:
            return step
        if scope.context == "/":  # a pattern's first step, anywhere in the document
            if step.text == ".":
                raise Untranslatable("the context item of a pattern")
            return replace(step, text="//" + step.text)
        if step.text == ".":
            return replace(step, text=scope.context)
        return replace(step, text=f"{scope.context}/{step.text}")

    def _step(self, token: object, scope: Scope) -> Translated:
        """One location step, relative to the nodes before it."""
        symbol = token.symbol
        if symbol == ".":
            if scope.context is not None:
                return Translated(".", "nodes", True)
            dot = scope.dot or Translated(".", "nodes", True)
            return replace(dot, text=".", single=True)
        if symbol == "..":
            if not self.upward:
                raise Untranslatable("the parent axis leaves an assertion's tree")
            return Translated("..", "nodes", True)
        if symbol == "@":
            name = self._name_test(token[0])
            return Translated(f"@{name}", "nodes", name != "*", attribute=name)
        if symbol in ("(name)", ":", "*"):
            return Translated(self._name_test(token), "nodes")
        if symbol in _KIND_TESTS:
            if len(token):
                raise Untranslatable(f"{symbol}() with an argument")
            return Translated(f"{symbol}()", "nodes")
        if symbol in _ELEMENT_AXES or symbol in _UPWARD_AXES:
            if symbol in _UPWARD_AXES and not self.upward:
                raise Untranslatable(f"the {symbol} axis leaves an assertion's tree")
            inner = token[0]
            test = f"{inner.symbol}()" if inner.symbol in _KIND_TESTS and not len(inner) else self._name_test(inner)
            return Translated(f"{symbol}::{test}", "nodes", symbol in ("self", "parent"))
        if symbol == "[":
            base = self._step(token[0], scope)
            return self._filter(base, token[1], scope)
        raise Untranslatable(f"{symbol!r} is not a location step XPath 1.0 knows")

    def _name_test(self, token: object) -> str:
        if token.symbol == "(name)":
            return token.value
        if token.symbol == "*" and not len(token):
            return "*"
        if token.symbol == ":":
            prefix, local = token[0], token[1]
            if prefix.symbol != "(name)" or prefix.value not in self.namespaces and prefix.value != "xml":
                raise Untranslatable("a name test with an unknown or wildcard prefix")
            if local.symbol == "*":
                return f"{prefix.value}:*"
            if local.symbol != "(name)":
                raise Untranslatable("an unusual name test")
            return f"{prefix.value}:{local.value}"
        raise Untranslatable(f"{token.symbol!r} is not a name test")

    def _filter(self, base: Translated, predicate: object, scope: Scope) -> Translated:
        if base.kind != "nodes":
            raise Untranslatable("a predicate on something other than nodes")
        if predicate.symbol == "(integer)":
            if base.unordered:
                raise Untranslatable("a position in a sequence made with ','")
            return replace(base, text=f"{_parenthesised(base.text)}[{predicate.value}]", single=True)
        inner = Scope(in_predicate=True, dot=base if base.attribute else None, lets={})
        found = self._translate(predicate, inner)
        if found.kind == "number":
            raise Untranslatable("a computed position")
        if found.kind == "atoms":
            raise Untranslatable("a predicate that is a sequence of strings")
        text = found.text if found.kind in ("boolean", "nodes") else f"boolean({found.text})"
        return replace(base, text=f"{_parenthesised(base.text)}[{text}]")

    # Handlers, one per symbol

    def _slash(self, token: object, scope: Scope) -> Translated:
        if len(token) == 0:
            if not self.upward:
                raise Untranslatable("the root of an assertion's tree")
            return Translated("/", "nodes", True)
        if len(token) == 1:
            if not self.upward:
                raise Untranslatable("an absolute path in an assertion")
            step = self._relative(token[0], scope)
            if " | " in step.text:
                raise Untranslatable("an absolute path to a union of steps")
            return replace(step, text="/" + step.text)
        left = self._translate(token[0], scope)
        if left.kind != "nodes":
            raise Untranslatable("a path from something other than nodes")
        right = token[1]
        if right.symbol == "string" and not len(right):
            return replace(left, kind="atoms")
        return self._joined(left, "/", self._relative(right, scope), scope)

    def _slash_slash(self, token: object, scope: Scope) -> Translated:
        if len(token) == 1:
            if not self.upward:
                raise Untranslatable("an absolute path in an assertion")
            step = self._relative(token[0], scope)
            if " | " in step.text:
                raise Untranslatable("an absolute path to a union of steps")
            return replace(step, text="//" + step.text, single=False)
        left = self._translate(token[0], scope)
        if left.kind != "nodes":
            raise Untranslatable("a path from something other than nodes")
        return replace(self._joined(left, "//", self._relative(token[1], scope), scope), single=False)

    def _joined(self, left: Translated, separator: str, step: Translated, scope: Scope) -> Translated:
        """``left`` followed by ``step``; a union of steps is distributed over the path (XPath 1.0 has no ``a/(b|c)``)."""
        base = _parenthesised(left.text)
        if " | " not in step.text:
            return Translated(f"{base}{separator}{step.text}", "nodes", left.single and step.single,
                              attribute=step.attribute)
        union = Translated(
            "(" + " | ".join(f"{base}{separator}{part}" for part in step.text.split(" | ")) + ")", "nodes",
            attribute=step.attribute, unordered=step.unordered,
        )
        return self._filter(union, step.filtered, scope) if step.filtered is not None else union

    def _relative(self, token: object, scope: Scope) -> Translated:
        """The right-hand side of a path: a step, or a parenthesised union of steps (filtered or not)."""
        if token.symbol == "[" and token[0].symbol == "(":
            return replace(self._relative(token[0], scope), filtered=token[1])
        if token.symbol == "(" and len(token) == 1:
            inner = token[0]
            members = list(_sequence_members(inner)) if inner.symbol in (",", "|") else [inner]
            steps = [self._step(member, scope) for member in members]
            if any(s.kind != "nodes" for s in steps) or any(" | " in s.text for s in steps):
                raise Untranslatable("an unusual step")
            attributes = {s.attribute for s in steps}
            return Translated(" | ".join(s.text for s in steps), "nodes", False,
                              attribute=attributes.pop() if len(attributes) == 1 else None,
                              unordered=inner.symbol == ",")
        if token.symbol in ("/", "//") and len(token) == 2:
            return self._translate(token, Scope(in_predicate=scope.in_predicate, lets={}))
        return self._step(token, scope)

    def _predicate(self, token: object, scope: Scope) -> Translated:
        base = self._translate(token[0], scope)
        return self._filter(base, token[1], scope)

    def _parenthesis(self, token: object, scope: Scope) -> Translated:
        if not len(token):
            raise Untranslatable("the empty sequence")
        inner = token[0]
        if inner.symbol == ",":
            members = [self._translate(member, scope) for member in _sequence_members(inner)]
            if any(m.kind != "nodes" for m in members):
                raise Untranslatable("a sequence of other things than nodes")
            attributes = {m.attribute for m in members}
            return Translated(
                "(" + " | ".join(m.text for m in members) + ")", "nodes",
                attribute=attributes.pop() if len(attributes) == 1 else None, unordered=True,
            )
        found = self._translate(inner, scope)
        return replace(found, text=f"({found.text})")

    def _union(self, token: object, scope: Scope) -> Translated:
        left, right = self._translate(token[0], scope), self._translate(token[1], scope)
        if left.kind != "nodes" or right.kind != "nodes":
            raise Untranslatable("a union of other things than nodes")
        return Translated(f"{left.text} | {right.text}", "nodes")

    def _string_literal(self, token: object, scope: Scope) -> Translated:
        return Translated(literal(token.value), "string", True)

    def _integer(self, token: object, scope: Scope) -> Translated:
        return Translated(str(token.value), "number", True)

    def _variable(self, token: object, scope: Scope) -> Translated:
        name = token.value
        if name in scope.variables:
            return scope.variables[name]
        if name in scope.lets:
            if scope.in_predicate:
                raise Untranslatable(f"${name} inside a predicate, where the context has changed")
            found = self._translate(scope.lets[name], replace(scope, lets={k: v for k, v in scope.lets.items() if k != name}))
            return replace(found, text=f"({found.text})")
        if name == "value" and self.value is not None and not scope.in_predicate:
            return Translated(self.value.format(self._context_text(scope)), "string", True)
        raise Untranslatable(f"${name} is not known here")

    def _logical(self, token: object, scope: Scope) -> Translated:
        left, right = self._translate(token[0], scope), self._translate(token[1], scope)
        return Translated(f"({self._boolean(left)}) {token.symbol} ({self._boolean(right)})", "boolean", True)

    def _general_comparison(self, token: object, scope: Scope) -> Translated:
        left, right = self._comparable(token[0], scope), self._comparable(token[1], scope)
        return Translated(f"{left.text} {token.symbol} {right.text}", "boolean", True)

    def _value_comparison(self, token: object, scope: Scope) -> Translated:
        left, right = self._comparable(token[0], scope), self._comparable(token[1], scope)
        if not (left.single and right.single):
            raise Untranslatable(f"{token.symbol} between sequences")
        operator = "=" if token.symbol == "eq" else "!="
        return Translated(f"{left.text} {operator} {right.text}", "boolean", True)

    def _comparable(self, token: object, scope: Scope) -> Translated:
        """An operand of a comparison that compares as a string in XPath 2 and in XPath 1.0."""
        found = self._translate(token, scope)
        if found.kind == "string":
            return found
        if found.kind in ("nodes", "atoms"):
            if self.schema_aware:
                name = found.attribute
                if name is None or name == "*" or _local(name) in self.typed_attributes:
                    raise Untranslatable("a comparison of values the schema may type")
            return replace(found, text=_parenthesised(found.text))
        raise Untranslatable("a comparison of numbers or booleans")

    def _quantified(self, token: object, scope: Scope) -> Translated:
        if scope.in_predicate or scope.context is not None or len(token) != 3:
            raise Untranslatable("a quantified expression inside another expression")
        variable, domain, condition = token[0], token[1], token[2]
        if domain.symbol == "distinct-values" and len(domain) == 1:
            domain = domain[0]  # the same members, as far as every and some can tell
        found = self._translate(domain, scope)
        if found.kind not in ("nodes", "atoms"):
            raise Untranslatable("a quantified expression over other things than nodes")
        self.uses_context = True
        item = replace(found, text=".", single=True)
        inner = Scope(context=f"${CONTEXT}", variables={variable.value: item}, lets=scope.lets)
        held = self._boolean(self._translate(condition, inner))
        base = _parenthesised(found.text) if not found.text.startswith("(") else found.text
        if token.symbol == "every":
            return Translated(f"not({base}[not({held})])", "boolean", True)
        return Translated(f"boolean({base}[{held}])", "boolean", True)

    def _function(self, token: object, scope: Scope) -> Translated:
        name = token.symbol
        arguments = list(token)
        if name in ("true", "false") and not arguments:
            return Translated(f"{name}()", "boolean", True)
        if name in ("not", "boolean") and len(arguments) == 1:
            return Translated(f"{name}({self._boolean(self._translate(arguments[0], scope))})", "boolean", True)
        if name in ("exists", "empty") and len(arguments) == 1:
            found = self._translate(arguments[0], scope)
            if found.kind not in ("nodes", "atoms"):
                raise Untranslatable(f"{name}() of other things than nodes")
            return Translated(f"boolean({found.text})" if name == "exists" else f"not({found.text})", "boolean", True)
        if name == "count" and len(arguments) == 1:
            found = self._translate(arguments[0], scope)
            if found.kind not in ("nodes",) or found.unordered:
                raise Untranslatable("count() of other things than nodes")
            return Translated(f"count({found.text})", "number", True)
        if name in ("local-name", "name"):
            if not arguments:
                return Translated(f"{name}({self._context_text(scope)})", "string", True)
            found = self._translate(arguments[0], scope)
            if found.kind != "nodes" or not found.single:
                raise Untranslatable(f"{name}() of several nodes")
            return Translated(f"{name}({found.text})", "string", True)
        if name in ("string", "normalize-space", "string-length") and len(arguments) <= 1:
            text = self._string_argument(arguments[0], scope) if arguments else self._context_text(scope)
            return Translated(f"{name}({text})", "number" if name == "string-length" else "string", True)
        if name == "substring" and len(arguments) in (2, 3):
            text = self._string_argument(arguments[0], scope)
            numbers = [self._number(argument, scope) for argument in arguments[1:]]
            return Translated(f"substring({', '.join([text, *numbers])})", "string", True)
        if name in _STRING_FUNCTIONS and len(arguments) == _STRING_FUNCTIONS[name]:
            texts = [self._string_argument(argument, scope) for argument in arguments]
            kind = "boolean" if name in ("starts-with", "contains") else "string"
            return Translated(f"{name}({', '.join(texts)})", kind, True)
        if name == "ends-with" and len(arguments) == 2:
            text, end = (self._string_argument(argument, scope) for argument in arguments)
            return Translated(f"(substring({text}, string-length({text}) - string-length({end}) + 1) = {end})", "boolean", True)
        if name == "concat" and len(arguments) >= 2:
            return Translated(f"concat({', '.join(self._string_argument(a, scope) for a in arguments)})", "string", True)
        if name == "matches" and len(arguments) in (2, 3):
            return self._matches(arguments, scope)
        raise Untranslatable(f"{name}() has no XPath 1.0 translation")

    def _matches(self, arguments: list, scope: Scope) -> Translated:
        text = self._string_argument(arguments[0], scope)
        if arguments[1].symbol != "(string)" or (len(arguments) == 3 and arguments[2].symbol != "(string)"):
            raise Untranslatable("matches() with a computed pattern")
        flags = arguments[2].value if len(arguments) == 3 else ""
        if flags not in ("", "i"):
            raise Untranslatable(f"matches() with the flags {flags!r}")
        try:
            python = translate_pattern(arguments[1].value, back_references=True, lazy_quantifiers=True)
        except (ElementPathError, ValueError) as error:
            raise Untranslatable(f"the pattern {arguments[1].value!r}: {error}") from None
        return Translated(f"{REGEXP_PREFIX}:test({text}, {literal(python)}, {literal(flags)})", "boolean", True)

    def _context_text(self, scope: Scope) -> str:
        if scope.context and scope.context.startswith("/"):
            raise Untranslatable("the context item of a pattern")
        return scope.context or "."

    def _string_argument(self, token: object, scope: Scope) -> str:
        found = self._translate(token, scope)
        if found.kind in ("string", "number") or found.kind in ("nodes", "atoms") and found.single:
            if found.kind == "number":
                raise Untranslatable("a number given where a string is expected")
            return found.text
        raise Untranslatable("a string argument that may be several items")

    def _number(self, token: object, scope: Scope) -> str:
        found = self._translate(token, scope)
        if found.kind != "number":
            raise Untranslatable("a number argument that is not a number")
        return found.text


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _parenthesised(text: str) -> str:
    return f"({text})" if " | " in text and not (text.startswith("(") and text.endswith(")")) else text


def _sequence_members(token: object):
    if token.symbol in (",", "|"):
        for child in token:
            yield from _sequence_members(child)
    else:
        yield token


def _union_members(token: object):
    if token.symbol == "|" or token.symbol == "union":
        for child in token:
            yield from _union_members(child)
    elif token.symbol == "(" and len(token) == 1 and token[0].symbol == "|":
        yield from _union_members(token[0])
    else:
        yield token


_HANDLERS = {
    "/": Translator._slash,
    "//": Translator._slash_slash,
    "[": Translator._predicate,
    "(": Translator._parenthesis,
    "|": Translator._union,
    "union": Translator._union,
    "(string)": Translator._string_literal,
    "(integer)": Translator._integer,
    "$": Translator._variable,
    "and": Translator._logical,
    "or": Translator._logical,
    "=": Translator._general_comparison,
    "!=": Translator._general_comparison,
    "eq": Translator._value_comparison,
    "ne": Translator._value_comparison,
    "every": Translator._quantified,
    "some": Translator._quantified,
}
for _name in (
    "true", "false", "not", "boolean", "exists", "empty", "count", "local-name", "name", "string", "normalize-space",
    "string-length", "substring", "starts-with", "contains", "substring-before", "substring-after", "translate",
    "ends-with", "concat", "matches",
):
    _HANDLERS[_name] = Translator._function
