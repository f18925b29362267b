"""How the phone server says no: a refusal's HTTP status, the error JSON, the refusal page."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

from kerne_tui.catalog import t
from kerne_tui.control import Cause
from kerne_tui.web.keys import TURNED_AWAY, lang_of
from kerne_tui.web.render import render
from kerne_tui.workshop import Refused

STATUS_FOR_REFUSAL = {
    "closed": 409,
    "not_started": 409,
    "wrong_kind": 409,
    "invalid": 422,
    "cap": 422,
    "not_found": 404,
    "storage": 503,
}
"""The HTTP status of each of the workshop's refusal codes (``docs/api.md``, "Errors")."""
STORAGE_RETRY_AFTER = 5
"""Seconds a phone waits before it sends again when the laptop could not save its answer."""


def status_for(refusal: Refused) -> int:
    """The HTTP status that fits a refusal (422 for a reason this table does not know yet)."""
    return STATUS_FOR_REFUSAL.get(refusal.code, 422)


def json_response(data: Any, status: int = 200) -> web.Response:
    """*data* as a JSON answer."""
    return web.Response(body=orjson.dumps(data), status=status, content_type="application/json")


def error_json(status: int, code: str, message: str) -> web.Response:
    """The API's error shape: ``{"error": {"code", "message"}}``."""
    return json_response({"error": {"code": code, "message": message}}, status=status)


def refusal_json(refusal: Refused, request: web.Request) -> web.Response:
    """The API's answer to a refused command, in the plan's language."""
    return with_retry_after(
        request,
        refusal,
        error_json(status_for(refusal), refusal.code, refusal.message(lang_of(request))),
    )


def with_retry_after(
    request: web.Request, refusal: Refused, response: web.Response
) -> web.Response:
    """*response*, saying when to send again where the refusal was the disk's (503, and the
    phone counts as turned away)."""
    if refusal.code == "storage":
        response.headers["Retry-After"] = str(STORAGE_RETRY_AFTER)
        request.app[TURNED_AWAY].record(Cause.STORAGE)
    return response


def wants_json(request: web.Request) -> bool:
    """True for the JSON API, whose errors are JSON; everything else gets a page."""
    return request.path.startswith("/api/")


def refuse_page(request: web.Request, status: int, code: str, message: str) -> web.Response:
    """A refusal as the asker reads it: the error JSON under ``/api/``, else a short page."""
    if wants_json(request):
        return error_json(status, code, message)
    return render(request, "message.html", {"message": message}, status=status)


def forbidden(request: web.Request) -> web.Response:
    """403: posted from another site, or with a form token this phone was not given."""
    return refuse_page(request, 403, "forbidden", t(lang_of(request), "web.error.forbidden"))


class UnknownCode(Exception):
    """The address names a join code that is not this session's."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        """The typed code, shortened to letters and digits (safe to echo)."""


def unknown_code(request: web.Request, error: UnknownCode) -> web.Response:
    """404 for an unknown join code: the join page with a friendly sentence, or the JSON error."""
    message = t(lang_of(request), "web.unknown_code", code=error.code)
    if wants_json(request):
        return error_json(404, "unknown_code", message)
    return render(request, "join.html", {"error": message, "code": error.code}, status=404)
