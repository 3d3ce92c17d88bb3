"""The editor's web application (Starlette): the page, its assets, and a JSON API over a Folder.

Security, for a server that can write an edition's master files:
- every request carries the session's secret: the one-time token of the printed URL is exchanged
  for an HttpOnly, SameSite=Strict cookie (and dropped from the address bar), or a program sends
  the token in the X-Teikit-Token header;
- the Host header must name this server (127.0.0.1, localhost or the --host given, with its port),
  so a web page that rebinds a domain name to 127.0.0.1 gets nothing;
- a write must come from this server's own page (its Origin header);
- a strict Content-Security-Policy: scripts, styles and requests only from this server;
- document names are resolved inside the folder (teikit.edit.store.Folder.path).
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from teikit.edit import assets
from teikit.edit.actions import Refused
from teikit.edit.store import PLACE_TYPES, REGISTER, Folder, Invalid, Stale
from teikit.edit.view import View
from teikit.errors import InputError

COOKIE = "teikit-edit"
TOKEN_HEADER = "x-teikit-token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'{nonce}; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class Guard:
    """The checks every request passes before the application sees it."""

    def __init__(self, app: ASGIApp, token: str, session: str, hosts: Callable[[int], set[str]]) -> None:
        self.app = app
        self.token = token  # printed once, in the URL
        self.session = session  # the cookie's value
        self.used = False
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        port = (scope.get("server") or ("", 0))[1]
        host = request.headers.get("host", "")
        if host not in self.hosts(port):
            await _error(403, f"this server answers only to {min(self.hosts(port))}, not to the host “{host}”")(
                scope, receive, send)
            return
        if request.method in _WRITE_METHODS and request.headers.get("origin") != f"http://{host}":
            await _error(403, "a change must come from the editor's own page (its Origin)")(scope, receive, send)
            return
        offered = request.query_params.get("token")
        if (request.url.path == "/" and offered is not None and request.method == "GET"
                and not self.used and hmac.compare_digest(offered, self.token)):
            self.used = True
            response = RedirectResponse("/", status_code=303)
            response.set_cookie(COOKIE, self.session, httponly=True, samesite="strict", path="/")
            await _secured(response)(scope, receive, send)
            return
        if not (hmac.compare_digest(request.cookies.get(COOKIE, ""), self.session)
                or hmac.compare_digest(request.headers.get(TOKEN_HEADER, ""), self.token)):
            await _error(401, "open the editor with the address `teikit edit` printed (its token is used once, "
                              "then this browser keeps a cookie); restart `teikit edit` for a new one")(
                scope, receive, send)
            return

        async def secured_send(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in _SECURITY_HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, secured_send)


_SECURITY_HEADERS = {
    "content-security-policy": CSP.format(nonce=""),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "cross-origin-resource-policy": "same-origin",
    "x-frame-options": "DENY",
}


def _secured(response: Response) -> Response:
    for key, value in _SECURITY_HEADERS.items():
        response.headers[key] = value
    return response


def _error(status: int, message: str, **more) -> Response:
    return _secured(JSONResponse({"error": message, **more}, status_code=status))


def _findings(found) -> list[dict]:
    return [f.as_json() for f in found]


def create_app(folder: Folder, token: str | None = None, allowed_host: str | None = None) -> tuple[Guard, str]:
    """The editor's ASGI application for ``folder``, and the one-time token that opens it."""
    token = token or secrets.token_urlsafe(24)
    view = View(folder)

    def hosts(port: int) -> set[str]:
        names = {"127.0.0.1", "localhost", "[::1]"} | ({allowed_host} if allowed_host else set())
        return {f"{name}:{port}" for name in names}

    async def index(request: Request) -> Response:
        # CodeMirror writes its styles into a <style> element: this page's nonce lets it, and nothing else.
        nonce = secrets.token_urlsafe(18)
        return HTMLResponse(assets.page(nonce),
                            headers={"content-security-policy": CSP.format(nonce=f" 'nonce-{nonce}'")})

    async def asset(request: Request) -> Response:
        path = assets.file(request.path_params["name"])
        if path is None:
            return _error(404, "no such file")
        return FileResponse(path)

    async def documents(request: Request) -> Response:
        return JSONResponse({"documents": view.documents(), "register": REGISTER if folder.register() is not None else None})

    def named(request: Request) -> str:
        return request.path_params["name"]

    def about_document(produce):
        """A read-only endpoint answering with what ``produce`` says of the named document."""
        async def endpoint(request: Request) -> Response:
            try:
                return JSONResponse(produce(named(request)))
            except InputError as problem:
                return _error(404, problem.message)
        return endpoint

    document = about_document(view.state)
    version = about_document(lambda name: {"hash": view.version(name)})
    history = about_document(lambda name: {"changes": folder.history(name)})

    async def body(request: Request) -> dict:
        try:
            data = json.loads(await request.body() or b"{}")
        except ValueError:
            raise Refused("the request is not JSON") from None
        if not isinstance(data, dict):
            raise Refused("the request is not a JSON object")
        return data

    def base_of(request: Request) -> str:
        return request.headers.get("if-match", "").strip('"')

    async def saved(request: Request, call) -> Response:
        name = named(request)
        try:
            if not base_of(request):
                return _error(428, "a change must say which version it is based on (If-Match)")
            result = call(name)
        except InputError as problem:
            return _error(404, problem.message)
        except Stale as stale:
            return _error(412, "the file has changed since you loaded it (another window, or another program): "
                               "reload it to see the current version; your change was not saved", current=stale.current)
        except Invalid as invalid:
            return _error(422, "refused: the change would make the file invalid, so nothing was saved: "
                          + invalid.findings[0].message, findings=_findings(invalid.findings))
        except Refused as refused:
            return _error(422, f"refused: {refused}")
        state = view.state(name, result.findings, result)
        state["done"] = result.description
        return JSONResponse(state, headers={"etag": f'"{result.hash}"'})

    async def act(request: Request) -> Response:
        try:
            data = await body(request)
        except Refused as refused:
            return _error(400, str(refused))
        params = data.get("params") if isinstance(data.get("params"), dict) else {}
        return await saved(request, lambda name: folder.act(name, str(data.get("action", "")), params, base_of(request)))

    async def undo(request: Request) -> Response:
        return await saved(request, lambda name: folder.undo(name, base_of(request)))

    async def redo(request: Request) -> Response:
        return await saved(request, lambda name: folder.redo(name, base_of(request)))

    async def preview(request: Request) -> Response:
        try:
            data = await body(request)
            return JSONResponse({"occurrences": view.occurrences(named(request), str(data.get("text", "")))})
        except InputError as problem:
            return _error(404, problem.message)
        except Refused as refused:
            return _error(400, str(refused))

    async def register(request: Request) -> Response:
        return JSONResponse({"entries": view.register_entries(), "place_types": list(PLACE_TYPES)})

    async def add_entry(request: Request) -> Response:
        try:
            data = await body(request)
            names = data.get("names") if isinstance(data.get("names"), list) else []
            ident = folder.add_register_entry(str(data.get("kind", "")), [str(n) for n in names],
                                              str(data.get("wikidata") or "").strip(), ident=str(data.get("id") or ""),
                                              place_type=str(data.get("type") or "city"))
        except Refused as refused:
            return _error(422, f"refused: {refused}")
        except Invalid as invalid:
            return _error(422, "refused: the entry would make register.xml invalid: " + invalid.findings[0].message,
                          findings=_findings(invalid.findings))
        except Stale:
            return _error(412, "register.xml changed while the entry was added: try again")
        view.forget_register()
        return JSONResponse({"id": ident, "entries": view.register_entries()})

    routes = [
        Route("/", index),
        Route("/assets/{name}", asset),
        Route("/api/documents", documents),
        Route("/api/register", register),
        Route("/api/register", add_entry, methods=["POST"]),
        Route("/api/documents/{name:path}/version", version),
        Route("/api/documents/{name:path}/history", history),
        Route("/api/documents/{name:path}/actions", act, methods=["POST"]),
        Route("/api/documents/{name:path}/preview", preview, methods=["POST"]),
        Route("/api/documents/{name:path}/undo", undo, methods=["POST"]),
        Route("/api/documents/{name:path}/redo", redo, methods=["POST"]),
        Route("/api/documents/{name:path}", document),
    ]
    app = Starlette(routes=routes)
    return Guard(app, token, secrets.token_urlsafe(32), hosts), token

