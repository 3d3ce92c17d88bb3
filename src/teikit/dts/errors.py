"""The errors of the DTS specification's tables, as HTTP statuses with a JSON body (RFC 9457, problem
details) that says what was wrong with the request."""

from __future__ import annotations

import json

PROBLEM_TYPE = "application/problem+json"
_TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}


class DtsError(Exception):
    """A request DTS answers with an error: 400 for parameters that do not go together, 404 for a
    resource, tree, reference, page or media type that does not exist."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail

    def body(self) -> bytes:
        return json.dumps({"type": "about:blank", "title": _TITLES.get(self.status, "Error"), "status": self.status,
                           "detail": self.detail}, ensure_ascii=False).encode()


def bad(detail: str) -> DtsError:
    return DtsError(400, detail)


def missing(detail: str) -> DtsError:
    return DtsError(404, detail)
