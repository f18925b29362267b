"""The one place kerne leans on aiohttp beyond its documented surface.

The connection gate (``connections.py``) uses only public parts: a ``web.BaseSite`` of its
own, the server as a protocol factory, ``request.protocol``. What is left is here, so that
``tests/test_aiohttp_seams.py`` can say by name what an aiohttp release changed:

- ``RequestHandler.handle_error(request, status, exc, message)``: aiohttp answers a request
  it could not parse with this method's response and logs the parser's words, which quote
  the request's own headers (a device cookie, a user agent naming the phone). kerne's handler
  says one sentence in the plan's language instead, and logs the kind of error only.
- ``RequestHandler.__slots__``: the handler's class is switched to kerne's subclass after
  the server made it, so that every setting the server passes stays aiohttp's business.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import get_args

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from kerne_tui.catalog import Lang, t

log = logging.getLogger(__name__)

SEAMS = {
    "RequestHandler.handle_error": ("request", "status", "exc", "message"),
}
"""What kerne relies on, and the parameters it relies on them having."""


class _QuietHandler(RequestHandler):
    __slots__ = ()
    lang: Lang = "da"

    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """Answer an unreadable request in one sentence; log its kind, never its words."""
        kind = type(exc).__name__ if exc is not None else "unknown"
        log.warning("a request was refused with %s: %s", status, kind)
        if request.writer.output_size > 0:
            raise ConnectionError("the answer had begun; the connection is closed")
        key = "web.error.server" if status >= 500 else "web.error.malformed"
        response = web.Response(status=status, text=t(self.lang, key), content_type="text/plain")
        response.force_close()
        return response


QUIET_HANDLERS: dict[str, type[_QuietHandler]] = {
    lang: type(f"QuietHandler_{lang}", (_QuietHandler,), {"__slots__": (), "lang": lang})
    for lang in get_args(Lang)
}


def quiet_handler(server: web.Server, lang: Callable[[], Lang]) -> RequestHandler:
    """A request handler from *server* whose refusals of unreadable requests are kerne's."""
    handler = server()
    handler.__class__ = QUIET_HANDLERS[lang()]
    return handler
