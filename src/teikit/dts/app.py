"""The live DTS server: a Starlette application answering the entry, collection, navigation and
document endpoints from the index, to be mounted at ``/api/dts``."""

from __future__ import annotations

from collections import OrderedDict

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from teikit.dts.collections import collections_of
from teikit.dts.errors import PROBLEM_TYPE, DtsError, bad
from teikit.dts.index import Index
from teikit.dts.responses import JSON_LD, TEI_XML, Api, QueryUrls, dumps

_PARAMETERS = {
    "entry": (),
    "collection": ("id", "page", "nav"),
    "navigation": ("resource", "ref", "start", "end", "down", "tree", "page"),
    "document": ("resource", "ref", "start", "end", "tree", "mediaType"),
}
# Larger numbers are no page or depth any document has; refusing them keeps int() cheap.
_MAX_DIGITS = 9
# Bytes of answers kept for asking again (readers and clients go back to the same tables of
# contents and passages); the index does not change while the server runs, so a kept answer stays
# right, and a passage is given again only while its document is unchanged.
CACHE_BYTES = 64 << 20


class _Answers:
    """The last answers given, by the URL asked, up to ``limit`` bytes of them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.kept: OrderedDict[tuple, Response] = OrderedDict()

    def get(self, key: tuple) -> Response | None:
        found = self.kept.get(key)
        if found is not None:
            self.kept.move_to_end(key)
        return found

    def put(self, key: tuple, response: Response) -> None:
        if len(response.body) > self.limit // 16:
            return  # one huge answer would push out many small ones
        self.kept[key] = response
        self.size += len(response.body)
        while self.size > self.limit:
            _, old = self.kept.popitem(last=False)
            self.size -= len(old.body)


def _params(request: Request, endpoint: str) -> dict[str, str]:
    allowed = _PARAMETERS[endpoint]
    given: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed:
            known = ", ".join(allowed) if allowed else "none"
            raise bad(f"unknown parameter {name!r} (the {endpoint} endpoint takes: {known})")
        if name in given:
            raise bad(f"the parameter {name!r} is given twice")
        given[name] = value
    return given


def _integer(params: dict[str, str], name: str) -> int | None:
    value = params.get(name)
    if value is None:
        return None
    text = value.strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits.isdigit() or not digits.isascii() or len(digits) > _MAX_DIGITS:
        raise bad(f"{name} must be a whole number, not {value[:40]!r}")
    return int(text)


def _json(body: dict, status: int = 200, headers: dict | None = None) -> Response:
    return Response(dumps(body), status, headers=headers, media_type=JSON_LD)


async def _error(request: Request, problem: DtsError) -> Response:
    # One handler for every endpoint: each raises DtsError with the status of the spec's tables.
    return Response(problem.body(), problem.status, media_type=PROBLEM_TYPE)


async def _routing_error(request: Request, problem: HTTPException) -> Response:
    # No such endpoint, or a method other than GET: a JSON body too, as for every other error.
    detail = f"no DTS endpoint at {request.url.path}" if problem.status_code == 404 else \
        f"the DTS endpoints answer GET, not {request.method}"
    headers = {"Allow": problem.headers["Allow"]} if problem.headers and "Allow" in problem.headers else None
    return Response(DtsError(problem.status_code, detail).body(), problem.status_code, headers=headers,
                    media_type=PROBLEM_TYPE)


def make_app(index: Index, collections_by: str = "auto", navigation_page: int | None = None,
             collection_page: int | None = None, cache_bytes: int = CACHE_BYTES) -> Starlette:
    """The DTS application over ``index`` (built already); ``cache_bytes`` of JSON answers are kept."""
    collections = collections_of(index, collections_by)
    answers = _Answers(cache_bytes)
    sizes = {k: v for k, v in (("navigation_page", navigation_page), ("collection_page", collection_page)) if v}

    apis: dict[tuple, Api] = {}

    def api(request: Request) -> Api:
        # Templates are absolute, made from the address the client asked at (behind a proxy too);
        # one Api per such address, since working out the address is a good part of a request's time.
        key = (request.url.scheme, request.url.netloc, request.scope.get("root_path", ""))
        if key not in apis:
            if len(apis) > 64:  # a client can name any Host: keep only a few
                apis.clear()
            apis[key] = Api(index, collections, QueryUrls(str(request.url_for("entry"))), **sizes)
        return apis[key]

    def link(request: Request, target: str, relation: str) -> dict:
        return {"Link": f'<{target}>; rel="{relation}"'}

    def kept(endpoint, before=None):
        """``endpoint`` answering a URL asked before with the answer it gave then (a Response holds
        only bytes and headers: giving it again is safe); ``before`` checks a kept answer still holds."""
        async def answer(request: Request) -> Response:
            key = (request.url.scheme, request.url.netloc, request.scope.get("root_path", ""), request.url.path,
                   request.url.query)
            found = answers.get(key)
            if found is None:
                found = endpoint(request)
                answers.put(key, found)
            elif before is not None:
                before(request)
            return found
        return answer

    def unchanged(request: Request) -> None:
        resource = index.resource(request.query_params["resource"])
        if resource is not None:
            Api.check_unchanged(resource)

    def entry(request: Request) -> Response:
        _params(request, "entry")
        return _json(api(request).entry())

    def collection(request: Request) -> Response:
        params = _params(request, "collection")
        return _json(api(request).collection(params.get("id"), _integer(params, "page"), params.get("nav")))

    def navigation(request: Request) -> Response:
        params = _params(request, "navigation")
        here = api(request)
        answer = here.navigation(params.get("resource"), params.get("ref"), params.get("start"), params.get("end"),
                                 _integer(params, "down"), params.get("tree"), _integer(params, "page"),
                                 str(request.url))
        return _json(answer, headers=link(request, here.collection_link(answer["resource"]["@id"]), "collection"))

    def document(request: Request) -> Response:
        params = _params(request, "document")
        here = api(request)
        body = here.document(params.get("resource"), params.get("ref"), params.get("start"), params.get("end"),
                             params.get("tree"), params.get("mediaType"))
        return Response(body, headers=link(request, here.collection_link(params["resource"]), "collection"),
                        media_type=TEI_XML)

    return Starlette(routes=[
        Route("/", kept(entry), name="entry"),
        Route("/collection", kept(collection)),
        Route("/navigation", kept(navigation)),
        Route("/document", kept(document, unchanged)),
    ], exception_handlers={DtsError: _error, HTTPException: _routing_error})
