"""Linked data of the edition: JSON-LD (schema.org) from xslt/export/rdf.xsl, and the same graph
in Turtle through rdflib. The JSON-LD carries its context (shipped as schema-context.jsonld), so
no reader needs the network."""

from __future__ import annotations

import itertools
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

from teikit.errors import InputError
from teikit.export.batch import EXPORT_STYLESHEETS, Edition, Kept, Outcome, Progress, each_document, no_progress, run, slug
from teikit.files import write_atomically

CONTEXT = EXPORT_STYLESHEETS / "schema-context.jsonld"
SHAPES = Path(__file__).with_name("shapes.ttl")


def rdf_base(edition: Edition) -> str:
    """Where the graph's IRIs live: the site's address, else a URN named after the edition."""
    return edition.base_url or f"urn:teikit:{slug(edition.title)}:"


def export_rdf(edition: Edition, output: Path, progress: Progress = no_progress) -> Outcome:
    """``edition.jsonld`` and ``edition.ttl`` in ``output``."""
    import rdflib  # noqa: PLC0415 (rdflib takes a second to import; only this export needs it)

    outcome = Outcome()
    params = {"rdf-base": rdf_base(edition)}
    with run("rdf.xsl", edition) as rdf:
        graph = json.loads(rdf.to_string(rdf.header, None, params))
    nodes = list(graph["@graph"])
    kept = Kept(output, "rdf", edition.reuse)
    for _, made in each_document(edition, "rdf.xsl", [params], progress, "RDF", kept):
        if isinstance(made, InputError):
            outcome.problems.append(made)
        else:
            nodes += json.loads(made[0])["@graph"]
    graph["@graph"] = _merge(nodes)
    data = json.dumps(graph, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    jsonld = output / "edition.jsonld"
    with warnings.catch_warnings():
        # rdflib 7.6's own JSON-LD parser wraps any Graph in a ConjunctiveGraph (plugins/parsers/jsonld.py)
        # and warns that it is deprecated: nothing a caller does avoids it.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning, r"rdflib\.")
        parsed = rdflib.Graph().parse(data=json.dumps(_named_blank_nodes(graph, itertools.count(1))), format="json-ld")
    parsed.bind("schema", "https://schema.org/")
    parsed.bind("wd", "http://www.wikidata.org/entity/")
    turtle = output / "edition.ttl"
    write_atomically(jsonld, data.encode("utf-8"))
    write_atomically(turtle, parsed.serialize(format="turtle").encode("utf-8"))
    outcome.written += [jsonld, turtle]
    kept.prune()
    outcome.reused = kept.taken
    return outcome


def _named_blank_nodes(value: object, numbers: Iterator[int]) -> object:
    """``value`` with an id, _:b1, _:b2, … in the order of the JSON-LD, for every node that has none
    (a contributor known by name only): rdflib would name them at random, and Turtle lists a subject's
    blank nodes in the order of their names, so two exports of the same TEI would differ."""
    if isinstance(value, list):
        return [_named_blank_nodes(item, numbers) for item in value]
    if not isinstance(value, dict):
        return value
    named = {key: item if key == "@context" else _named_blank_nodes(item, numbers) for key, item in value.items()}
    if "@id" not in value and "@value" not in value and "@context" not in value:
        named["@id"] = f"_:b{next(numbers)}"
    return named


def _merge(nodes: list[dict]) -> list[dict]:
    """One node per @id (a person named in many documents), the first value of each property kept."""
    merged: dict[str, dict] = {}
    for node in nodes:
        found = merged.setdefault(node["@id"], {})
        for key, value in node.items():
            found.setdefault(key, value)
    return list(merged.values())
