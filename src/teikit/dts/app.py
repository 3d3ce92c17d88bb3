"""The live DTS server: an ASGI application answering the entry, collection, navigation and
document endpoints from the index, to be mounted at ``/api/dts``."""

from __future__ import annotations

from collections import OrderedDict
from urllib.parse import parse_qsl

from starlette.datastructures import URL
from starlette.responses import RedirectResponse, Response

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


def _params(query: bytes, endpoint: str) -> dict[str, str]:
    allowed = _PARAMETERS[endpoint]
    given: dict[str, str] = {}
    # As Starlette's QueryParams reads a query string, without building the multidict.
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
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


def _problem(status: int, detail: str, headers: dict | None = None) -> Response:
    return Response(DtsError(status, detail).body(), status, headers=headers, media_type=PROBLEM_TYPE)


def _route_path(scope: dict) -> str:
    """The path below where the application is mounted, as Starlette's routing works it out."""
    path, root = scope["path"], scope.get("root_path", "")
    if not root or not path.startswith(root):
        return path
    rest = path[len(root):]
    return rest if not rest or rest[0] == "/" else path


def make_app(index: Index, collections_by: str = "auto", navigation_page: int | None = None,
             collection_page: int | None = None, cache_bytes: int = CACHE_BYTES) -> DtsApp:
    """The DTS application over ``index`` (built already); ``cache_bytes`` of JSON answers are kept."""
    sizes = {k: v for k, v in (("navigation_page", navigation_page), ("collection_page", collection_page)) if v}
    return DtsApp(index, collections_of(index, collections_by), _Answers(cache_bytes), sizes)


class DtsApp:
    """The four endpoints as one ASGI application, to be mounted at /api/dts (by a Starlette Mount,
    or straight from ``teikit serve``'s own dispatch). Its routing is a dictionary lookup, not
    Starlette's router and middleware: those were half of a navigation answer's CPU time, and for
    four fixed paths they did nothing a lookup does not. Requests and responses are Starlette's."""

    _ALLOW = {"Allow": "GET, HEAD"}

    def __init__(self, index: Index, collections, answers: _Answers, sizes: dict) -> None:
        self.index, self.collections, self.answers, self.sizes = index, collections, answers, sizes
        self.apis: dict[tuple, Api] = {}
        self.endpoints = {"/": (self.entry, None), "/collection": (self.collection, None),
                          "/navigation": (self.navigation, None), "/document": (self.document, self.unchanged)}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket":  # no endpoint speaks it: closed, as Starlette's router closes it
            await send({"type": "websocket.close", "code": 1000})
            return
        route = _route_path(scope)
        endpoint = self.endpoints.get(route)
        if endpoint is None:
            response = self._elsewhere(scope, route)
        elif scope["method"] not in ("GET", "HEAD"):
            response = _problem(405, f"the DTS endpoints answer GET, not {scope['method']}", self._ALLOW)
        else:
            response = self._answer(scope, *endpoint)
        await response(scope, receive, send)

    def _answer(self, scope, endpoint, before) -> Response:
        """The answer given before to the same URL (a Response holds only bytes and headers: giving
        it again is safe), or a new one; ``before`` checks a kept answer still holds."""
        host = next((value for name, value in scope["headers"] if name == b"host"), None)
        where = (scope.get("scheme", "http"), host, scope.get("server"), scope.get("root_path", ""))
        key = (*where, scope["path"], scope["query_string"])
        try:
            found = self.answers.get(key)
            if found is None:
                found = endpoint(scope, where)
                self.answers.put(key, found)
            elif before is not None:
                before(scope)
        except DtsError as problem:
            return Response(problem.body(), problem.status, media_type=PROBLEM_TYPE)
        return found

    def _elsewhere(self, scope, route: str) -> Response:
        # As Starlette's router did: the mount point itself and an endpoint's path with a trailing
        # slash are sent on to the endpoint; anything else is no endpoint, with a JSON body as every error.
        if route == "":
            target = scope["path"] + "/"
        elif route != "/" and route.endswith("/") and route.rstrip("/") in self.endpoints:
            target = scope["path"].rstrip("/")
        else:
            return _problem(404, f"no DTS endpoint at {URL(scope=scope).path}")
        return RedirectResponse(str(URL(scope={**scope, "path": target})))

    def api(self, scope, where: tuple) -> Api:
        # Templates are absolute, made from the address the client asked at (behind a proxy too);
        # one Api per such address, since working out the address is a good part of a request's time.
        if where not in self.apis:
            if len(self.apis) > 64:  # a client can name any Host: keep only a few
                self.apis.clear()
            entry = URL(scope={**scope, "path": where[3] + "/", "query_string": b""})
            self.apis[where] = Api(self.index, self.collections, QueryUrls(str(entry)), **self.sizes)
        return self.apis[where]

    @staticmethod
    def _link(target: str, relation: str) -> dict:
        return {"Link": f'<{target}>; rel="{relation}"'}

    def unchanged(self, scope) -> None:
        resource = self.index.resource(_params(scope["query_string"], "document")["resource"])
        if resource is not None:
            Api.check_unchanged(resource)

    def entry(self, scope, where: tuple) -> Response:
        _params(scope["query_string"], "entry")
        return _json(self.api(scope, where).entry())

    def collection(self, scope, where: tuple) -> Response:
        params = _params(scope["query_string"], "collection")
        return _json(self.api(scope, where).collection(params.get("id"), _integer(params, "page"), params.get("nav")))

    def navigation(self, scope, where: tuple) -> Response:
        params = _params(scope["query_string"], "navigation")
        here = self.api(scope, where)
        # The URL asked, as Starlette's URL(scope=scope) writes it, from the entry's: the same but the path's end.
        query = scope["query_string"].decode()
        asked = f"{here.urls.base}navigation?{query}" if query else f"{here.urls.base}navigation"
        answer = here.navigation(params.get("resource"), params.get("ref"), params.get("start"), params.get("end"),
                                 _integer(params, "down"), params.get("tree"), _integer(params, "page"), asked)
        return _json(answer, headers=self._link(here.collection_link(params["resource"]), "collection"))

    def document(self, scope, where: tuple) -> Response:
        params = _params(scope["query_string"], "document")
        here = self.api(scope, where)
        body = here.document(params.get("resource"), params.get("ref"), params.get("start"), params.get("end"),
                             params.get("tree"), params.get("mediaType"))
        return Response(body, headers=self._link(here.collection_link(params["resource"]), "collection"),
                        media_type=TEI_XML)
