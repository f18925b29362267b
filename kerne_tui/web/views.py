"""The phone server's views: each reads the request, calls the workshop once, and answers.

Device tokens, limits, headers and the shaping of errors are the middlewares' work
(``middleware.py``); the JSON shapes are in ``shapes.py``, the kinds' forms in ``kinds.py``.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import orjson
from aiohttp import web
from yarl import URL

from kerne_tui.catalog import t
from kerne_tui.plan import StepKind
from kerne_tui.web.errors import (
    UnknownCode,
    error_json,
    forbidden,
    json_response,
    refusal_json,
    status_for,
    with_retry_after,
)
from kerne_tui.web.forms import (
    CLIENT_ID_FIELD,
    STEP_FIELD,
    draft,
    field,
    form_token,
    form_token_refused,
)
from kerne_tui.web.keys import HUB, KEEPALIVE_AFTER, STATIC, WORKSHOP, Route, lang_of, url_for
from kerne_tui.web.kind_forms import upvote_or_text
from kerne_tui.web.kinds import (
    REPEATED_FIELDS,
    TEXT_FIELD,
    UPVOTE_FIELD,
    WEB_KINDS,
    own_count,
    payload_from_form,
)
from kerne_tui.web.live import KEEPALIVE, is_close
from kerne_tui.web.middleware import harden
from kerne_tui.web.render import render
from kerne_tui.web.security import set_device_cookie
from kerne_tui.web.shapes import full_state
from kerne_tui.web.static_files import static_response
from kerne_tui.web.trust import TRUST
from kerne_tui.workshop import Refused, Workshop, normalise_join_code

CODE_SHOWN = 12
"""Characters of an unknown join code that are echoed back to the person who typed it."""


def see_other(location: URL) -> web.Response:
    """A 303 redirect, returned (not raised) so that it gets the headers and the cookie."""
    return web.Response(status=303, headers={"Location": str(location)})


def shown_code(text: str) -> str:
    """The letters and digits of a typed code, short: safe to echo and to put in a path."""
    return "".join(c for c in normalise_join_code(text) if c.isascii() and c.isalnum())[:CODE_SHOWN]


def workshop_for(request: web.Request) -> Workshop:
    """The session whose join code the address names (``UnknownCode`` when it is not ours)."""
    workshop = request.app[WORKSHOP]
    if normalise_join_code(request.match_info["code"]) != workshop.join_code:
        raise UnknownCode(shown_code(request.match_info["code"]))
    return workshop


def page_context(request: web.Request, workshop: Workshop, **extra: Any) -> dict[str, Any]:
    """What the participant page shows this phone: the state, its own answers, its form."""
    token = request["device"]
    state = full_state(workshop, token, request.app[HUB].version)
    step = state["step"]
    kind = WEB_KINDS[StepKind(step["kind"])] if step else None
    context = {
        "state": state,
        "step": step,
        "code": workshop.join_code,
        "client_id": uuid.uuid4().hex,
        "csrf": form_token(workshop, token),
        "error": None,
        "sent": request.query.get("sent") == "1",
        "retracted": request.query.get("retracted") == "1",
        "draft": {},
        "answered": kind.answered(step, state["mine"]) if kind else None,
        "own_count": own_count(state["mine"]),
        "kind_extra": kind.page(state["mine"]) if kind else {},
        "parking_open": request.query.get("parked") == "1",
        "parking_sent": request.query.get("parked") == "1",
        "parking_error": None,
    }
    context.update(extra)
    return context


# --- pages ------------------------------------------------------------------------------


async def join_page(request: web.Request) -> web.StreamResponse:
    """``/``: a field to type the join code."""
    return render(request, "join.html", {"error": None, "code": ""})


async def join_redirect(request: web.Request) -> web.StreamResponse:
    """``/join?code=...``: the join form's target; any case, spaces ignored."""
    code = shown_code(request.query.get("code", ""))
    if not code:
        return see_other(url_for(request, Route.JOIN_PAGE))
    return see_other(url_for(request, Route.STEP_PAGE, code=code))


async def static_file(request: web.Request) -> web.StreamResponse:
    """The page's own scripts, stylesheet and icon (nothing is fetched from elsewhere)."""
    found = request.app[STATIC].get(request.match_info["name"])
    if found is None:
        raise web.HTTPNotFound()
    return static_response(request, found)


async def step_page(request: web.Request) -> web.StreamResponse:
    """``/j/<code>``: the participant page, complete without JavaScript."""
    workshop = workshop_for(request)
    return render(request, "step.html", page_context(request, workshop))


async def step_fragment(request: web.Request) -> web.StreamResponse:
    """The page's main part alone, for the script to swap in when the step changes."""
    workshop = workshop_for(request)
    return render(request, "fragment.html", page_context(request, workshop))


# --- the no-script forms ----------------------------------------------------------------


async def form_submit(request: web.Request) -> web.StreamResponse:
    """The no-script submit: POST, then redirect back to the page (or show why not)."""
    workshop = workshop_for(request)
    form = await request.post()
    if form_token_refused(request, workshop, form):
        return forbidden(request)
    step_id = field(form, STEP_FIELD)
    known = step_id in {s.id for s in workshop.plan.steps}
    payload = payload_from_form(form, workshop.plan.step(step_id).kind if known else None)
    client_id = field(form, CLIENT_ID_FIELD) or uuid.uuid4().hex
    try:
        await workshop.submit(request["device"], step_id, client_id, payload)
    except Refused as refusal:
        message = refusal.message(lang_of(request))
        kept = draft(form, REPEATED_FIELDS)
        context = page_context(request, workshop, error=message, draft=kept)
        refused = render(request, "step.html", context, status=status_for(refusal))
        return with_retry_after(request, refusal, refused)
    page = url_for(request, Route.STEP_PAGE, code=workshop.join_code)
    return see_other(page.with_query(sent="1").with_fragment("svar"))


async def form_retract(request: web.Request) -> web.StreamResponse:
    """The no-script retract: POST, then redirect back to the page."""
    workshop = workshop_for(request)
    form = await request.post()
    if form_token_refused(request, workshop, form):
        return forbidden(request)
    try:
        await workshop.retract(request["device"], request.match_info["cid"])
    except Refused as refusal:
        context = page_context(request, workshop, error=refusal.message(lang_of(request)))
        return render(request, "step.html", context, status=status_for(refusal))
    page = url_for(request, Route.STEP_PAGE, code=workshop.join_code)
    return see_other(page.with_query(retracted="1"))


async def form_park(request: web.Request) -> web.StreamResponse:
    """The no-script parking lot: park a question or upvote one, then back to the page."""
    workshop = workshop_for(request)
    form = await request.post()
    if form_token_refused(request, workshop, form):
        return forbidden(request)
    payload = upvote_or_text(form, {"text": TEXT_FIELD, "upvote": UPVOTE_FIELD})
    client_id = field(form, CLIENT_ID_FIELD) or uuid.uuid4().hex
    try:
        await workshop.park(request["device"], client_id, payload)
    except Refused as refusal:
        message = refusal.message(lang_of(request))
        context = page_context(request, workshop, parking_error=message, parking_open=True)
        return render(request, "step.html", context, status=status_for(refusal))
    page = url_for(request, Route.STEP_PAGE, code=workshop.join_code)
    return see_other(page.with_query(parked="1").with_fragment("parkering"))


# --- the JSON API -----------------------------------------------------------------------


async def api_state(request: web.Request) -> web.StreamResponse:
    """``GET /api/<code>/state``: the open step and this phone's own contributions to it."""
    workshop = workshop_for(request)
    return json_response(full_state(workshop, request["device"], request.app[HUB].version))


async def _json_body(
    request: web.Request, *, fields: tuple[str, ...]
) -> dict[str, Any] | web.Response:
    """A phone's JSON object with *fields* as non-empty text, or the 4xx that says why not."""
    lang = lang_of(request)
    if request.content_type != "application/json":
        return error_json(415, "media_type", t(lang, "web.error.media"))
    try:
        body = orjson.loads(await request.read())
    except orjson.JSONDecodeError:
        return error_json(400, "malformed", t(lang, "web.error.malformed"))
    if not isinstance(body, dict) or not all(isinstance(body.get(name), str) for name in fields):
        return error_json(400, "malformed", t(lang, "web.error.malformed"))
    if not body["client_id"]:
        return error_json(400, "malformed", t(lang, "web.error.malformed"))
    return body


async def api_submit(request: web.Request) -> web.StreamResponse:
    """``POST /api/<code>/contributions``: 201 with the id once it is on disk."""
    workshop = workshop_for(request)
    body = await _json_body(request, fields=("step", "client_id"))
    if isinstance(body, web.Response):
        return body
    try:
        contribution = await workshop.submit(
            request["device"], body["step"], body["client_id"], body
        )
    except Refused as refusal:
        return refusal_json(refusal, request)
    return json_response({"id": contribution.id}, status=201)


async def api_park(request: web.Request) -> web.StreamResponse:
    """``POST /api/<code>/parking``: park a question (or upvote one) at any step; 201 + id."""
    workshop = workshop_for(request)
    body = await _json_body(request, fields=("client_id",))
    if isinstance(body, web.Response):
        return body
    try:
        item = await workshop.park(request["device"], body["client_id"], body)
    except Refused as refusal:
        return refusal_json(refusal, request)
    return json_response({"id": item.id}, status=201)


async def api_retract(request: web.Request) -> web.StreamResponse:
    """``DELETE /api/<code>/contributions/<id>``: take back one's own contribution."""
    workshop = workshop_for(request)
    try:
        await workshop.retract(request["device"], request.match_info["cid"])
    except Refused as refusal:
        return refusal_json(refusal, request)
    return web.Response(status=204)


async def api_events(request: web.Request) -> web.StreamResponse:
    """``GET /api/<code>/events``: Server-Sent Events; the first message is the current state."""
    workshop_for(request)
    hub = request.app[HUB]
    if hub.full:
        busy = error_json(503, "busy", t(lang_of(request), "web.error.busy"))
        busy.headers["Retry-After"] = "5"
        return busy
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
        }
    )
    # The middlewares' headers and cookie come after the view, too late for a stream.
    harden(response)
    if request["fresh_device"]:
        set_device_cookie(response, request["device"])
    queue = hub.subscribe()
    # Past its address's cap, the address's oldest stream ends (admission.StreamCap).
    release = request.app[TRUST].stream_cap.open(request["address"], lambda: hub.end(queue))
    keepalive = request.app[KEEPALIVE_AFTER]
    try:
        await response.prepare(request)
        await response.write(hub.first_message())
        while True:
            try:
                message = await asyncio.wait_for(queue.get(), keepalive)
            except TimeoutError:
                message = KEEPALIVE
            if is_close(message):
                break
            await response.write(message)
    except ConnectionResetError:
        pass  # the phone went away (sleep, network); its browser reconnects by itself
    finally:
        release()
        hub.unsubscribe(queue)
    return response
