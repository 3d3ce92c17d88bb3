"""The DTS 1.0 responses (entry, collection, navigation, document), the same for the live server and
the static export: only the shape of their URLs differs (query parameters, or Level 0 paths)."""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
# What json.dumps(text, ensure_ascii=False) writes for a str, without the encoder made for each call.
from json.encoder import encode_basestring
from urllib.parse import quote

from lxml import etree

from teikit import xmlfile
from teikit.dts.collections import ROOT, Collections
from teikit.dts.errors import DtsError, bad, missing
from teikit.dts.index import Index, Resource
from teikit.dts.passages import span, wrapped

CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
JSON_LD = "application/ld+json"
TEI_XML = "application/tei+xml"
MEDIA_TYPES = [TEI_XML]
NAV_PAGE = 500
COLLECTION_PAGE = 100


class Serialised(list):
    """JSON values serialised already (the navigation members the index keeps as JSON)."""


class RawJSON(str):
    """One JSON value serialised already (a unit the index keeps as JSON, a resource described before)."""


def dumps(answer: dict) -> bytes:
    """``answer`` as JSON (as json.dumps writes it), with its Serialised and RawJSON values spliced in as they are."""
    if not any(isinstance(value, (Serialised, RawJSON)) for value in answer.values()):
        return json.dumps(answer, ensure_ascii=False).encode()
    parts = []
    for name, value in answer.items():
        if isinstance(value, Serialised):
            text = f"[{', '.join(value)}]"
        elif isinstance(value, RawJSON):
            text = value
        elif isinstance(value, str):
            text = encode_basestring(value)
        else:
            text = json.dumps(value, ensure_ascii=False)
        parts.append(f"{encode_basestring(name)}: {text}")
    return f"{{{', '.join(parts)}}}".encode()


def _q(value: str) -> str:
    # What RFC 6570 does to a value: everything but the unreserved characters percent-encoded.
    return quote(value, safe="")


class Urls:
    """The URL templates and URLs of one DTS API."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith("/") else base + "/"


class QueryUrls(Urls):
    """A server's URLs: each endpoint takes its parameters in the query."""

    entry = property(lambda self: self.base)
    collection_template = property(lambda self: f"{self.base}collection{{?id,page,nav}}")
    navigation_template = property(lambda self: f"{self.base}navigation{{?resource,ref,start,end,down,tree,page}}")
    document_template = property(lambda self: f"{self.base}document{{?resource,ref,start,end,tree,mediaType}}")

    def collection_of(self, identifier: str) -> str:
        return f"{self.base}collection?id={_q(identifier)}{{&page,nav}}"

    def navigation_of(self, resource: str) -> str:
        return f"{self.base}navigation?resource={_q(resource)}{{&ref,start,end,down,tree,page}}"

    def document_of(self, resource: str) -> str:
        return f"{self.base}document?resource={_q(resource)}{{&ref,start,end,tree,mediaType}}"

    @staticmethod
    def _query(pairs) -> str:
        given = [f"{name}={_q(str(value))}" for name, value in pairs if value is not None]
        return "?" + "&".join(given) if given else ""

    def collection(self, identifier: str | None, nav: str | None = None, page: int | None = None) -> str:
        return f"{self.base}collection" + self._query([("id", identifier), ("page", page), ("nav", nav)])

    def navigation(self, resource: str, **params) -> str:
        order = ("ref", "start", "end", "down", "tree", "page")
        return f"{self.base}navigation" + self._query([("resource", resource)] + [(k, params.get(k)) for k in order])

    def document(self, resource: str, **params) -> str:
        order = ("ref", "start", "end", "tree", "mediaType")
        return f"{self.base}document" + self._query([("resource", resource)] + [(k, params.get(k)) for k in order])


class PathUrls(Urls):
    """A static site's URLs (the spec's Level 0): every parameter in the path, every response a file."""

    entry = property(lambda self: f"{self.base}index.json")
    collection_template = property(lambda self: f"{self.base}collection{{/id}}{{/nav}}{{;page}}.json")
    navigation_template = property(lambda self: f"{self.base}navigation/{{resource}}{{;tree,down}}{{/ref,start,end}}.json")
    document_template = property(lambda self: f"{self.base}document/{{resource}}{{;tree,mediaType}}{{/ref,start,end}}.xml")

    def collection_of(self, identifier: str) -> str:
        return f"{self.base}collection/{_q(identifier)}{{/nav}}{{;page}}.json"

    def navigation_of(self, resource: str) -> str:
        return f"{self.base}navigation/{_q(resource)}{{;tree,down}}{{/ref,start,end}}.json"

    def document_of(self, resource: str) -> str:
        return f"{self.base}document/{_q(resource)}{{;tree,mediaType}}{{/ref,start,end}}.xml"

    def collection(self, identifier: str | None, nav: str | None = None, page: int | None = None) -> str:
        path = "collection" + (f"/{_q(identifier)}" if identifier else "") + (f"/{nav}" if nav else "")
        return f"{self.base}{path}" + (f";page={page}" if page else "") + ".json"

    @staticmethod
    def _matrix(pairs) -> str:
        return "".join(f";{name}={_q(str(value))}" for name, value in pairs if value is not None)

    def navigation(self, resource: str, **params) -> str:
        refs = [params.get(k) for k in ("ref", "start", "end") if params.get(k) is not None]
        return (f"{self.base}navigation/{_q(resource)}" + self._matrix([("tree", params.get("tree")), ("down", params.get("down"))])
                + "".join(f"/{_q(r)}" for r in refs) + ".json")

    def document(self, resource: str, **params) -> str:
        refs = [params.get(k) for k in ("ref", "start", "end") if params.get(k) is not None]
        return (f"{self.base}document/{_q(resource)}" + self._matrix([("tree", params.get("tree")), ("mediaType", params.get("mediaType"))])
                + "".join(f"/{_q(r)}" for r in refs) + ".xml")


@dataclass
class Api:
    """One DTS API over an index: its responses as Python objects (JSON-LD) and bytes (TEI)."""

    index: Index
    collections: Collections
    urls: Urls
    navigation_page: int = NAV_PAGE
    collection_page: int = COLLECTION_PAGE
    _briefs: dict[str, RawJSON] = field(default_factory=dict, init=False, repr=False, compare=False)
    _links: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    # ---- entry ------------------------------------------------------------------------------

    def entry(self) -> dict:
        return {"@context": CONTEXT, "dtsVersion": VERSION, "@id": self.urls.entry, "@type": "EntryPoint",
                "collection": self.urls.collection_template, "navigation": self.urls.navigation_template,
                "document": self.urls.document_template}

    # ---- collection -------------------------------------------------------------------------

    def _resource_object(self, resource: Resource, full: bool = True) -> dict:
        found = {"@id": resource.id, "@type": "Resource", "title": resource.title}
        if full:
            if resource.description:
                found["description"] = resource.description
            found["totalParents"] = len(self.collections.parents.get(resource.id, []))
            found["totalChildren"] = 0
            found["dublinCore"] = resource.dublin_core
        found["collection"] = self.urls.collection_of(resource.id)
        found["navigation"] = self.urls.navigation_of(resource.id)
        found["document"] = self.urls.document_of(resource.id)
        found["mediaTypes"] = MEDIA_TYPES
        found["citationTrees"] = [_tree_object(tree) for tree in resource.trees]
        return found

    def _collection_object(self, identifier: str) -> dict:
        collection = self.collections.by_id[identifier]
        found = {"@id": identifier, "@type": "Collection", "title": collection.title}
        if collection.description:
            found["description"] = collection.description
        found["totalParents"] = 0 if collection.parent is None else 1
        found["totalChildren"] = len(collection.members)
        found["collection"] = self.urls.collection_template if identifier == ROOT else self.urls.collection_of(identifier)
        return found

    def _member(self, identifier: str) -> dict:
        if self.collections.is_collection(identifier):
            return self._collection_object(identifier)
        return self._resource_object(self.index.resource(identifier))

    def collection(self, identifier: str | None = None, page: int | None = None, nav: str | None = None) -> dict:
        if nav not in (None, "children", "parents"):
            raise bad(f"nav must be children or parents, not {nav!r}")
        if page is not None and page < 1:
            raise bad(f"page must be 1 or more, not {page}")
        wanted = identifier if identifier is not None else ROOT
        if self.collections.is_collection(wanted):
            found = self._collection_object(wanted)
            found["collection"] = self.urls.collection_template
            parent = self.collections.by_id[wanted].parent
            parents = [parent] if parent else []
            children = self.collections.by_id[wanted].members
        else:
            resource = self.index.resource(wanted)
            if resource is None:
                raise missing(f"no collection or resource has the id {wanted!r}")
            found = self._resource_object(resource)
            found["collection"] = self.urls.collection_template
            parents = self.collections.parents.get(wanted, [])
            children = []
        found = {"@context": CONTEXT, "dtsVersion": VERSION, **found}
        members = parents if nav == "parents" else children
        if not members and found["@type"] == "Resource":
            if page not in (None, 1):
                raise missing(f"page {page} does not exist: the response has one page")
            return found
        shown, view = _page(members, page, self.collection_page,
                            lambda number: self.urls.collection(identifier, nav, number))
        found["member"] = [self._member(m) for m in shown]
        if view:
            found["view"] = view
        return found

    # ---- navigation -------------------------------------------------------------------------

    def _brief(self, resource: Resource) -> RawJSON:
        """The resource as a navigation answer shows it, serialised once: it is the same in every one."""
        found = self._briefs.get(resource.id)
        if found is None:
            found = self._briefs[resource.id] = RawJSON(json.dumps(self._resource_object(resource, full=False),
                                                                   ensure_ascii=False))
        return found

    def _resolve(self, resource: str | None, ref, start, end, tree) -> tuple[Resource, str, dict]:
        if not resource:
            raise bad("the resource parameter is required")
        if ref is not None and (start is not None or end is not None):
            raise bad("ref cannot be used with start or end")
        if (start is None) != (end is None):
            raise bad("start and end go together: give both, or neither")
        found = self.index.resource(resource)
        if found is None:
            raise missing(f"no resource has the id {resource!r}")
        trees = {t["identifier"]: t for t in found.trees}
        if tree is not None and tree not in trees:
            raise missing(f"the resource {resource!r} has no citation tree {tree!r}")
        key = tree or ""
        units = {}
        if found.trees:
            for name, value in (("ref", ref), ("start", start), ("end", end)):
                if value is not None:
                    unit = self.index.unit(found.id, key, value)
                    if unit is None:
                        raise missing(f"{name}={value!r} is not a reference of the resource {resource!r}"
                                      + (f" in the tree {tree!r}" if tree else ""))
                    units[name] = unit
            if "start" in units and units["start"].seq > units["end"].seq:
                raise bad(f"start={start!r} comes after end={end!r} in the document")
        return found, key, units

    def navigation(self, resource: str | None = None, ref: str | None = None, start: str | None = None,
                   end: str | None = None, down: int | None = None, tree: str | None = None,
                   page: int | None = None, request_url: str | None = None) -> dict:
        if down is None and ref is None and start is None and end is None:
            if resource:
                raise bad("give ref, start and end, or down: the resource's root itself cannot be navigated")
        if down == 0 and ref is None:
            raise bad("down=0 asks for the siblings of a ref: give ref")
        if down is not None and down < -1:
            raise bad(f"down must be -1 (the whole tree), 0 or more, not {down}")
        if page is not None and page < 1:
            raise bad(f"page must be 1 or more, not {page}")
        found, key, units = self._resolve(resource, ref, start, end, tree)
        params = {"ref": ref, "start": start, "end": end, "down": down, "tree": tree}
        answer = {"@context": CONTEXT, "dtsVersion": VERSION, "@type": "Navigation",
                  "@id": request_url or self.urls.navigation(found.id, **params, page=page),
                  "resource": self._brief(found)}
        for name in ("ref", "start", "end"):
            if name in units:
                answer[name] = RawJSON(units[name].json)
        if down is None and found.trees:
            if page not in (None, 1):
                raise missing(f"page {page} does not exist: the response has one page")
            return answer
        size = self.navigation_page
        offset = ((page or 1) - 1) * size
        if not found.trees:
            total, members = 0, []
        elif "ref" in units:
            unit = units["ref"]
            if down == 0:
                total, members = self.index.members(found.id, key, 0, 1 << 62, None, unit.parent, offset=offset, limit=size)
            else:
                total, members = self.index.members(found.id, key, unit.seq, unit.last,
                                                    None if down == -1 else unit.level + down, offset=offset, limit=size)
        elif "start" in units:
            first, last = units["start"], units["end"]
            deepest = None if down == -1 else max(first.level, last.level) + down
            total, members = self.index.members(found.id, key, first.seq, max(last.last, first.last), deepest,
                                                offset=offset, limit=size)
        else:
            total, members = self.index.members(found.id, key, 0, 1 << 62, None if down == -1 else down,
                                                offset=offset, limit=size)
        view = _view(total, page, size, lambda number: self.urls.navigation(found.id, **params, page=number))
        answer["member"] = Serialised(members)
        if view:
            answer["view"] = view
        return answer

    # ---- document ---------------------------------------------------------------------------

    def document(self, resource: str | None = None, ref: str | None = None, start: str | None = None,
                 end: str | None = None, tree: str | None = None, media_type: str | None = None) -> bytes:
        found, key, units = self._resolve(resource, ref, start, end, tree)
        if media_type is not None and media_type not in MEDIA_TYPES:
            raise missing(f"the resource {found.id!r} is not available as {media_type!r}; it is as {', '.join(MEDIA_TYPES)}")
        self.check_unchanged(found)
        if not units:
            return _raw(str(found.path), found.mtime_ns)
        root = _parsed(str(found.path), found.mtime_ns)
        document = root.getroottree()
        first = units.get("ref") or units["start"]
        last = units.get("ref") or units["end"]
        start_element, end_element = document.xpath(first.xpath)[0], document.xpath(last.xpath)[0]
        return wrapped(span(start_element, end_element))

    @staticmethod
    def check_unchanged(found: Resource) -> None:
        """A 503 when the document is no longer the one the index describes."""
        try:
            status = os.stat(found.path)
        except OSError:
            raise DtsError(503, f"the document of {found.id!r} is gone since the index was built") from None
        if status.st_mtime_ns != found.mtime_ns:
            raise DtsError(503, f"the document of {found.id!r} changed since the index was built; rebuild it")

    def collection_link(self, resource: str) -> str:
        """Where a resource's collection answer is (its Link header), worked out once per resource."""
        found = self._links.get(resource)
        if found is None:
            found = self._links[resource] = self.urls.collection(resource)
        return found


def _tree_object(tree: dict) -> dict:
    found = {"@type": "CitationTree"}
    if tree["identifier"] is not None:
        found["identifier"] = tree["identifier"]
    found["citeStructure"] = tree["citeStructure"]
    return found


def _view(total: int, page: int | None, size: int, url) -> dict | None:
    """The Pagination object of page ``page`` of ``total`` members, ``size`` a page; None when one page holds them all."""
    pages = max(1, -(-total // size))
    if page is not None and page > pages:
        raise missing(f"page {page} does not exist: there {'is' if pages == 1 else 'are'} {pages}")
    if total <= size:
        return None
    number = page or 1
    view = {"@id": url(number), "@type": "Pagination", "first": url(1)}
    if number > 1:
        view["previous"] = url(number - 1)
    if number < pages:
        view["next"] = url(number + 1)
    view["last"] = url(pages)
    return view


def _page(members: list, page: int | None, size: int, url) -> tuple[list, dict | None]:
    view = _view(len(members), page, size, url)
    number = page or 1
    return (members[(number - 1) * size:number * size] if view else members), view


@functools.lru_cache(maxsize=32)
def _raw(path: str, mtime_ns: int) -> bytes:
    return xmlfile.read_bytes(path)


@functools.lru_cache(maxsize=32)
def _parsed(path: str, mtime_ns: int) -> etree._Element:
    return xmlfile.parse_bytes(_raw(path, mtime_ns), path)
