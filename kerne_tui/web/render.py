"""Rendering the phone pages: the templates, in the plan's language, with named addresses."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from kerne_tui.catalog import t
from kerne_tui.store import SessionStatus
from kerne_tui.web.keys import ADDRESSES, STATIC, TEMPLATES, Route, lang_of
from kerne_tui.web.kinds import FREE_TEXT_FIELDS, WEB_KINDS

TEMPLATE_FOLDER = Path(__file__).resolve().parent / "templates"
PAGE_SCRIPTS = ("kinds.js", "drafts.js", "app.js")
"""The participant page's scripts from ``static/``, in this order: each uses what the ones
before it define (no build step, and the page's policy takes same-origin scripts only)."""


@functools.cache
def templates() -> jinja2.Environment:
    """The page templates, HTML-escaping every value; compiled once per process.

    Every page may use ``kinds`` (the registry, keyed by kind), ``free_text_fields``,
    ``Status`` (the session's status values), ``Route`` (the route names) and ``scripts``
    (``PAGE_SCRIPTS``); ``render``
    adds ``t`` (a catalog text in the plan's language), ``url``, ``static`` (a file of
    ``static/`` at its versioned, long-lived address) and ``lang``.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals.update(
        kinds=WEB_KINDS,
        free_text_fields=FREE_TEXT_FIELDS,
        Status=SessionStatus,
        Route=Route,
        scripts=PAGE_SCRIPTS,
    )
    return environment


def render(
    request: web.Request, name: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    """Render a template in the plan's language."""
    lang = lang_of(request)

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    addresses = request.app[ADDRESSES]
    files = request.app[STATIC]

    def static(file: str) -> str:
        return files.versioned(addresses(Route.STATIC_FILE, name=file), file)

    template = request.app[TEMPLATES].get_template(name)
    html = template.render(lang=lang, t=tr, url=addresses, static=static, **context)
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=status)
