"""JSON Schemas written from the structures of the DTS 1.0 specification (its tables of required
properties and types), for validating every response the tests receive."""

from __future__ import annotations

import jsonschema

_URI = {"type": "string", "minLength": 1}
_LANG_VALUE = {"type": "array", "items": {"type": "object", "required": ["lang", "value"],
                                          "properties": {"lang": {"type": "string", "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"},
                                                         "value": {"type": "string"}}}}
METADATA = {"type": "object", "additionalProperties": {"anyOf": [
    {"type": ["number", "string", "boolean"]}, _LANG_VALUE, {"type": "array", "items": {"type": "string"}}]}}
PAGINATION = {"type": "object", "required": ["@id", "@type", "first", "last"],
              "properties": {"@id": _URI, "@type": {"const": "Pagination"}, "first": _URI, "previous": _URI,
                             "next": _URI, "last": _URI}}
CITE_STRUCTURE = {"type": "object", "required": ["citeType"],
                  "properties": {"citeType": {"type": "string"}, "citeStructure": {"type": "array", "items": {"$ref": "#/$defs/cite"}}}}
CITATION_TREE = {"type": "object", "required": ["@type"],
                 "properties": {"@type": {"const": "CitationTree"}, "identifier": {"type": "string"},
                                "description": {"type": "string"},
                                "citeStructure": {"type": "array", "items": {"$ref": "#/$defs/cite"}}}}
_DEFS = {"cite": CITE_STRUCTURE, "tree": CITATION_TREE, "metadata": METADATA, "pagination": PAGINATION}
RESOURCE = {"type": "object", "required": ["@id", "@type", "collection", "navigation", "document", "citationTrees"],
            "properties": {"@id": _URI, "@type": {"const": "Resource"}, "title": {"type": "string"},
                           "collection": _URI, "navigation": _URI, "document": _URI,
                           "mediaTypes": {"type": "array", "items": {"type": "string"}},
                           "dublinCore": {"$ref": "#/$defs/metadata"},
                           "citationTrees": {"type": "array", "items": {"$ref": "#/$defs/tree"}}}}
MEMBER_COLLECTION = {"type": "object", "required": ["@id", "@type", "title", "totalParents", "totalChildren", "collection"],
                     "properties": {"@type": {"const": "Collection"}, "totalParents": {"type": "integer", "minimum": 0},
                                    "totalChildren": {"type": "integer", "minimum": 0}}}
MEMBER_RESOURCE = {"allOf": [RESOURCE, {"required": ["title", "totalParents"]}]}
ENTRY = {"type": "object", "required": ["@context", "@id", "@type", "dtsVersion", "collection", "navigation", "document"],
         "properties": {"@type": {"const": "EntryPoint"}, "dtsVersion": {"const": "1.0"}}}
COLLECTION = {"$defs": _DEFS, "type": "object",
              "required": ["@context", "@id", "@type", "dtsVersion", "title", "totalParents", "collection"],
              "properties": {"@type": {"enum": ["Collection", "Resource"]}, "dtsVersion": {"const": "1.0"},
                             "totalParents": {"type": "integer"}, "totalChildren": {"type": "integer"},
                             "member": {"type": "array", "items": {"anyOf": [MEMBER_COLLECTION, MEMBER_RESOURCE]}},
                             "dublinCore": {"$ref": "#/$defs/metadata"}, "view": {"$ref": "#/$defs/pagination"}},
              "allOf": [{"if": {"properties": {"@type": {"const": "Collection"}}}, "then": {"required": ["totalChildren"]}},
                        {"if": {"properties": {"@type": {"const": "Resource"}}}, "then": RESOURCE}]}
CITABLE_UNIT = {"type": "object", "required": ["identifier", "@type", "level", "parent"],
                "properties": {"identifier": {"type": "string"}, "@type": {"const": "CitableUnit"},
                               "level": {"type": "integer", "minimum": 1}, "parent": {"type": ["string", "null"]},
                               "citeType": {"type": "string"}, "dublinCore": {"$ref": "#/$defs/metadata"}}}
NAVIGATION = {"$defs": {**_DEFS, "unit": CITABLE_UNIT}, "type": "object",
              "required": ["@context", "@id", "@type", "dtsVersion", "resource"],
              "properties": {"@type": {"const": "Navigation"}, "dtsVersion": {"const": "1.0"}, "resource": RESOURCE,
                             "ref": {"$ref": "#/$defs/unit"}, "start": {"$ref": "#/$defs/unit"}, "end": {"$ref": "#/$defs/unit"},
                             "member": {"type": "array", "items": {"$ref": "#/$defs/unit"}},
                             "view": {"$ref": "#/$defs/pagination"}}}
ERROR = {"type": "object", "required": ["status", "title", "detail"],
         "properties": {"status": {"enum": [400, 404]}, "detail": {"type": "string", "minLength": 5}}}


def check(schema: dict, answer: dict) -> dict:
    jsonschema.validate(answer, schema, cls=jsonschema.Draft202012Validator)
    return answer
