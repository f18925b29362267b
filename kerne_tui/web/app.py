"""The phone server: an aiohttp application with thin views over the workshop engine."""

from __future__ import annotations

import asyncio
import functools
import hmac
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import orjson
from aiohttp import web
from multidict import MultiDictProxy

from kerne_tui.catalog import Lang, t
from kerne_tui.plan import Plan, Step, StepKind
from kerne_tui.web.admission import Admission, AdmissionLimits, limits_from_plan
from kerne_tui.web.devices import DeviceTokens
from kerne_tui.web.hosts import HostAllowList
from kerne_tui.web.live import KEEPALIVE, LiveHub, is_close
from kerne_tui.web.pacing import Pacer
from kerne_tui.web.security import (
    SECURITY_HEADERS,
    RateLimiter,
    anonymous_server_logger,
    body_limit_for,
    origin_of,
    same_origin,
    set_device_cookie,
)
from kerne_tui.web.trust import KEEPALIVE_TIMEOUT, TRUST, Trust, device_guard, host_guard
from kerne_tui.workshop import Contribution, Refused, Workshop, normalise_join_code

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent

WORKSHOP = web.AppKey("workshop", Workshop)
HUB = web.AppKey("hub", LiveHub)
LIMITER = web.AppKey("limiter", RateLimiter)
TEMPLATES = web.AppKey("templates", jinja2.Environment)
STATIC = web.AppKey("static", dict[str, bytes])
ORIGINS = web.AppKey("origins", frozenset[str])
KEEPALIVE_AFTER = web.AppKey("keepalive", float)
MAX_BODY = web.AppKey("max_body", int)
PACER = web.AppKey("pacer", Pacer)
KEEPALIVE_SECONDS = 15.0
"""Idle seconds before a stream sends a comment, so proxies and phones keep it open."""
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RETRY_AFTER_SECONDS = 1
STORAGE_RETRY_AFTER = 5
"""Seconds a phone waits before it sends again when the laptop could not save its answer."""
CODE_SHOWN = 12
"""Characters of an unknown join code that are echoed back to the person who typed it."""

_STATUS_FOR_REFUSAL = {
    "closed": 409,
    "not_started": 409,
    "wrong_kind": 409,
    "invalid": 422,
    "cap": 422,
    "not_found": 404,
    "storage": 503,
}


_STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def make_app(
    workshop: Workshop,
    *,
    limiter: RateLimiter | None = None,
    public_url: str | None = None,
    keepalive: float = KEEPALIVE_SECONDS,
    limits: AdmissionLimits | None = None,
    trust_proxy: bool = False,
    hosts: HostAllowList | None = None,
    keepalive_timeout: float = KEEPALIVE_TIMEOUT,
) -> web.Application:
    """Build the phone server for *workshop* (one app per session).

    *public_url* is the address phones use when it is not this machine's own (a proxy or a
    tunnel); forms posted from it are accepted as same-site.
    """
    limit = body_limit(workshop.plan)
    app = web.Application(
        client_max_size=limit,
        middlewares=[host_guard, device_guard, _guard],
        handler_args={
            "access_log": None,
            "logger": anonymous_server_logger(),
            "keepalive_timeout": keepalive_timeout,
        },
    )
    app[TRUST] = Trust(
        tokens=DeviceTokens(workshop.device_key),
        join_code=workshop.join_code,
        lang=workshop.plan.language,
        refuse=_refuse_page,
        admission=Admission(limits or limits_from_plan(workshop.plan.raw)),
        hosts=hosts or HostAllowList.for_server(public_url=public_url),
        trust_forwarded=trust_proxy and public_url is not None,
    )
    app[WORKSHOP] = workshop
    app[MAX_BODY] = limit
    hub = LiveHub(workshop, lambda: live_state(workshop))
    app[HUB] = hub
    app[LIMITER] = limiter or RateLimiter()
    app[PACER] = Pacer()
    origin = origin_of(public_url) if public_url else None
    app[ORIGINS] = frozenset({origin} if origin else ())
    app[KEEPALIVE_AFTER] = keepalive
    app[TEMPLATES] = templates()
    app[STATIC] = {
        path.name: path.read_bytes() for path in (HERE / "static").iterdir() if path.is_file()
    }
    app.on_shutdown.append(_close_streams)
    app.add_routes(
        [
            web.get("/", join_page),
            web.get("/join", join_redirect),
            web.get("/static/{name}", static_file),
            web.get("/j/{code}", step_page),
            web.get("/j/{code}/fragment", step_fragment),
            web.post("/j/{code}/send", form_submit),
            web.post("/j/{code}/retract/{cid}", form_retract),
            web.get("/api/{code}/state", api_state),
            web.post("/api/{code}/contributions", api_submit),
            web.delete("/api/{code}/contributions/{cid}", api_retract),
            web.get("/api/{code}/events", api_events),
        ]
    )
    return app


@functools.cache
def templates() -> jinja2.Environment:
    """The page templates, HTML-escaping every value; compiled once per process."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def body_limit(plan: Plan) -> int:
    """Bytes one request may carry for *plan* (8 KiB unless its answers may be very long)."""
    longest = max((step.max_length for step in plan.steps if step.kind.takes_input), default=0)
    return body_limit_for(longest)


async def _close_streams(app: web.Application) -> None:
    app[HUB].close()


# --- state as the phones see it ---------------------------------------------------------


def lang_of(request: web.Request) -> Lang:
    """The plan's language: the phones speak what the workshop speaks."""
    return request.app[WORKSHOP].plan.language


def step_json(workshop: Workshop, step: Step) -> dict[str, Any]:
    """The public description of a step, as the API documents it."""
    data: dict[str, Any] = {
        "id": step.id,
        "kind": step.kind.value,
        "title": step.title,
        "prompt": step.prompt,
        "open": workshop.is_open(step.id),
        "seconds_left": round(workshop.seconds_left()),
        "running": workshop.timer.running,
    }
    kind = step.kind
    if kind in (StepKind.TEXT, StepKind.SENTENCE, StepKind.ACTIONS):
        data["max_length"] = step.max_length
        data["max_per_person"] = step.max_per_person
    if kind in (StepKind.VOTE, StepKind.CHOICE, StepKind.RANK):
        data["options"] = [{"id": o.id, "label": o.label} for o in workshop.options(step)]
    if kind is StepKind.VOTE:
        data["dots"] = step.dots
        data["max_per_option"] = step.max_per_option
    if kind is StepKind.CHOICE:
        data["multiple"] = step.multiple
    if kind is StepKind.RANK:
        data["top"] = min(step.top, len(data["options"]))
    if kind is StepKind.SCALE:
        lang = workshop.plan.language
        data["statements"] = list(step.statements)
        data["low_label"] = step.low_label or t(lang, "web.scale.low")
        data["high_label"] = step.high_label or t(lang, "web.scale.high")
    return data


def contribution_json(contribution: Contribution) -> dict[str, Any]:
    """A phone's own contribution, as it may see it again."""
    data: dict[str, Any] = {
        "id": contribution.id,
        "step": contribution.step_id,
        "kind": contribution.kind.value,
        "at": contribution.at,
    }
    kind = contribution.kind
    if kind.is_textual:
        data["text"] = contribution.text
    elif kind is StepKind.VOTE:
        data["dots"] = contribution.dots
    elif kind is StepKind.SCALE:
        data["values"] = contribution.values
    elif kind is StepKind.CHOICE:
        data["choices"] = list(contribution.choices)
    elif kind is StepKind.RANK:
        data["ranking"] = list(contribution.ranking)
    elif kind is StepKind.ACTIONS:
        data.update(what=contribution.what, who=contribution.who, when=contribution.when)
    return data


def module_json(workshop: Workshop) -> dict[str, Any] | None:
    """Which module the open step belongs to."""
    if workshop.current is None:
        return None
    index, module = workshop.plan.module_of(workshop.current)
    return {
        "index": index + 1,
        "count": len(workshop.plan.modules),
        "title": module.title,
        "focus": module.focus,
    }


def full_state(workshop: Workshop, token: str | None, version: int = 0) -> dict[str, Any]:
    """``GET /api/<code>/state``: the open step and this phone's own contributions to it."""
    step = workshop.step if workshop.status == "running" else None
    pinned = workshop.pinned
    return {
        "code": workshop.join_code,
        "status": workshop.status,
        "version": version,
        "language": workshop.plan.language,
        "module": module_json(workshop),
        "step": step_json(workshop, step) if step else None,
        "pinned": pinned.text if pinned else None,
        "mine": [contribution_json(c) for c in workshop.mine(token)] if token and step else [],
    }


def live_state(workshop: Workshop) -> dict[str, Any]:
    """The small message every phone gets when the step or its timer changes."""
    return {
        "status": workshop.status,
        "step": workshop.current if workshop.status == "running" else None,
        "open": workshop.is_open(),
        "seconds_left": round(workshop.seconds_left()),
        "running": workshop.timer.running,
    }


# --- middleware: errors, limits, headers ------------------------------------------------


def _status_for(refusal: Refused) -> int:
    """The HTTP status that fits a refusal (422 for a reason this table does not know yet)."""
    return _STATUS_FOR_REFUSAL.get(refusal.code, 422)


def error_json(status: int, code: str, message: str) -> web.Response:
    """The API's error shape: ``{"error": {"code", "message"}}``."""
    return _json({"error": {"code": code, "message": message}}, status=status)


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=orjson.dumps(data), status=status, content_type="application/json")


def _wants_json(request: web.Request) -> bool:
    return request.path.startswith("/api/")


@web.middleware
async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Device token, cross-site, flood and size checks, clear errors and hardened headers."""
    lang = lang_of(request)
    token = request.get("device")
    fresh_token = token if request.get("fresh_device") else None
    if request.method in UNSAFE_METHODS:
        await request.app[PACER].turn()
    refusal = _refusal_before_handling(request, lang, fresh=fresh_token is not None)
    response = refusal if refusal is not None else await _handle(request, handler, lang)
    if not response.prepared:
        _harden(response)
        if fresh_token is not None:
            set_device_cookie(response, fresh_token)
    return response


def _refusal_before_handling(
    request: web.Request, lang: Lang, *, fresh: bool
) -> web.Response | None:
    if request.method not in UNSAFE_METHODS:
        return None
    allowed: frozenset[str] = request.app[ORIGINS]
    if not same_origin(request, allowed):
        return _refuse_page(request, 403, "forbidden", t(lang, "web.error.forbidden"))
    # A phone is its cookie; without one, requests are counted by address (in memory only),
    # so dropping the cookie is no way around the limit.
    key = request["device"] if not fresh else f"address:{request['address']}"
    if not request.app[LIMITER].allow(key):
        response = _refuse_page(request, 429, "rate_limited", t(lang, "web.error.rate"))
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    length = request.content_length
    if length is not None and length > request.app[MAX_BODY]:
        return _refuse_page(request, 413, "too_large", t(lang, "web.error.too_large"))
    return None


async def _handle(request: web.Request, handler: Handler, lang: Lang) -> web.StreamResponse:
    try:
        return await handler(request)
    except ConnectionResetError:
        # The phone hung up while its request was still arriving or its answer was being
        # written (a weak signal at the back of the room, a locked screen): nobody waits for
        # an answer, so this is no error for the facilitator's log.
        return web.Response(status=400)
    except web.HTTPRequestEntityTooLarge:
        return _refuse_page(request, 413, "too_large", t(lang, "web.error.too_large"))
    except web.HTTPMethodNotAllowed:
        return _refuse_page(request, 405, "method", t(lang, "web.error.method"))
    except web.HTTPNotFound:
        return _refuse_page(request, 404, "not_found", t(lang, "web.not_found"))
    except web.HTTPException as http:
        if http.status >= 400:
            message = t(lang, "web.error.malformed")
            return _refuse_page(request, http.status, "http", message)
        raise
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("the phone server failed on %s %s", request.method, request.path)
        return _refuse_page(request, 500, "server", t(lang, "web.error.server"))


def _harden(response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    response.headers.setdefault("Cache-Control", "no-store")


def _refuse_page(request: web.Request, status: int, code: str, message: str) -> web.Response:
    if _wants_json(request):
        return error_json(status, code, message)
    return render(request, "message.html", {"message": message}, status=status)


def _see_other(location: str) -> web.Response:
    """A 303 redirect, returned (not raised) so that it gets the headers and the cookie."""
    return web.Response(status=303, headers={"Location": location})


# --- pages ------------------------------------------------------------------------------


def render(
    request: web.Request, name: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    """Render a template in the plan's language."""
    workshop = request.app[WORKSHOP]
    lang = workshop.plan.language

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    html = request.app[TEMPLATES].get_template(name).render(lang=lang, t=tr, **context)
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=status)


def _shown_code(text: str) -> str:
    """The letters and digits of a typed code, short: safe to echo and to put in a path."""
    return "".join(c for c in normalise_join_code(text) if c.isascii() and c.isalnum())[:CODE_SHOWN]


def _workshop_for(request: web.Request) -> Workshop:
    workshop = request.app[WORKSHOP]
    if normalise_join_code(request.match_info["code"]) != workshop.join_code:
        raise _UnknownCode(_shown_code(request.match_info["code"]))
    return workshop


class _UnknownCode(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _unknown_code(request: web.Request, error: _UnknownCode) -> web.Response:
    lang = lang_of(request)
    message = t(lang, "web.unknown_code", code=error.code)
    if _wants_json(request):
        return error_json(404, "unknown_code", message)
    return render(request, "join.html", {"error": message, "code": error.code}, status=404)


def _code_view(handler: Handler) -> Handler:
    async def view(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except _UnknownCode as error:
            return _unknown_code(request, error)

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


async def join_page(request: web.Request) -> web.StreamResponse:
    """``/``: a field to type the join code."""
    return render(request, "join.html", {"error": None, "code": ""})


async def join_redirect(request: web.Request) -> web.StreamResponse:
    """``/join?code=...``: the join form's target; any case, spaces ignored."""
    code = _shown_code(request.query.get("code", ""))
    return _see_other(f"/j/{code}" if code else "/")


async def static_file(request: web.Request) -> web.StreamResponse:
    """The page's own script and stylesheet (nothing is fetched from elsewhere)."""
    name = request.match_info["name"]
    body = request.app[STATIC].get(name)
    if body is None:
        raise web.HTTPNotFound()
    content_type = _STATIC_TYPES.get(Path(name).suffix, "application/octet-stream")
    return web.Response(
        body=body, content_type=content_type, charset="utf-8", headers={"Cache-Control": "no-cache"}
    )


def form_token(workshop: Workshop, token: str) -> str:
    """The hidden field that proves a form was served to this phone by this session."""
    return workshop.device_key(f"form:{token}")


def _page_context(request: web.Request, workshop: Workshop, **extra: Any) -> dict[str, Any]:
    token = request["device"]
    state = full_state(workshop, token, request.app[HUB].version)
    step = workshop.step
    context = {
        "state": state,
        "step": state["step"],
        "code": workshop.join_code,
        "client_id": uuid.uuid4().hex,
        "csrf": form_token(workshop, token),
        "error": None,
        "sent": request.query.get("sent") == "1",
        "retracted": request.query.get("retracted") == "1",
        "draft": {},
        "placed": sum(sum(m.get("dots", {}).values()) for m in state["mine"])
        if step and step.kind is StepKind.VOTE
        else 0,
    }
    context.update(extra)
    return context


@_code_view
async def step_page(request: web.Request) -> web.StreamResponse:
    """``/j/<code>``: the participant page, complete without JavaScript."""
    workshop = _workshop_for(request)
    return render(request, "step.html", _page_context(request, workshop))


@_code_view
async def step_fragment(request: web.Request) -> web.StreamResponse:
    """The page's main part alone, for the script to swap in when the step changes."""
    workshop = _workshop_for(request)
    return render(request, "fragment.html", _page_context(request, workshop))


Form = MultiDictProxy[Any]


def payload_from_form(form: Form, kind: str) -> dict[str, Any]:
    """Turn the no-script form's fields into the API's payload for *kind*."""
    if kind in ("text", "sentence"):
        return {"text": _field(form, "text")}
    if kind == "actions":
        return {k: _field(form, k) for k in ("what", "who", "when")}
    if kind == "vote":
        return {
            "dots": {
                name[4:]: _int(value)
                for name, value in _text_items(form)
                if name.startswith("dot:") and value.strip()
            }
        }
    if kind == "scale":
        return {
            "values": {
                name[2:]: _int(value) for name, value in _text_items(form) if name.startswith("v:")
            }
        }
    if kind == "choice":
        return {"choices": [v for v in form.getall("choice", []) if isinstance(v, str)]}
    if kind == "rank":
        places = sorted(
            (_int(name[5:]), value)
            for name, value in _text_items(form)
            if name.startswith("rank:") and value
        )
        return {"ranking": [option for _, option in places]}
    return {}


def _field(form: Form, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _text_items(form: Form) -> Iterable[tuple[str, str]]:
    # A multipart form may carry files; no field of ours is a file, so they are ignored.
    return ((name, value) for name, value in form.items() if isinstance(value, str))


def _int(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        return -1


def _draft(form: Form) -> dict[str, Any]:
    """What the person had filled in, to put back into the form when it is refused.

    Each field's first value by its name; ``choices`` has every ticked choice of a multiple one.
    """
    draft: dict[str, Any] = {}
    for name, value in _text_items(form):
        draft.setdefault(name, value)
    draft["choices"] = [v for v in form.getall("choice", []) if isinstance(v, str)]
    return draft


def _form_token_refused(request: web.Request, workshop: Workshop, form: Form) -> bool:
    # Forms without the field still pass (the Origin check has already run); a wrong one fails.
    supplied = form.get("csrf")
    if supplied is None:
        return False
    expected = form_token(workshop, request["device"])
    return not (
        isinstance(supplied, str) and hmac.compare_digest(supplied.encode(), expected.encode())
    )


def _forbidden(request: web.Request) -> web.Response:
    return _refuse_page(request, 403, "forbidden", t(lang_of(request), "web.error.forbidden"))


@_code_view
async def form_submit(request: web.Request) -> web.StreamResponse:
    """The no-script submit: POST, then redirect back to the page (or show why not)."""
    workshop = _workshop_for(request)
    form = await request.post()
    if _form_token_refused(request, workshop, form):
        return _forbidden(request)
    step_id = _field(form, "step")
    step = workshop.plan.step(step_id) if step_id in {s.id for s in workshop.plan.steps} else None
    payload = payload_from_form(form, step.kind.value if step else "")
    client_id = _field(form, "client_id") or uuid.uuid4().hex
    try:
        await workshop.submit(request["device"], step_id, client_id, payload)
    except Refused as refusal:
        context = _page_context(
            request, workshop, error=refusal.message(workshop.plan.language), draft=_draft(form)
        )
        page = render(request, "step.html", context, status=_status_for(refusal))
        if refusal.code == "storage":
            page.headers["Retry-After"] = str(STORAGE_RETRY_AFTER)
        return page
    return _see_other(f"/j/{workshop.join_code}?sent=1#svar")


@_code_view
async def form_retract(request: web.Request) -> web.StreamResponse:
    """The no-script retract: POST, then redirect back to the page."""
    workshop = _workshop_for(request)
    form = await request.post()
    if _form_token_refused(request, workshop, form):
        return _forbidden(request)
    try:
        await workshop.retract(request["device"], request.match_info["cid"])
    except Refused as refusal:
        context = _page_context(request, workshop, error=refusal.message(workshop.plan.language))
        return render(request, "step.html", context, status=_status_for(refusal))
    return _see_other(f"/j/{workshop.join_code}?retracted=1")


# --- the JSON API -----------------------------------------------------------------------


@_code_view
async def api_state(request: web.Request) -> web.StreamResponse:
    """``GET /api/<code>/state``: the open step and this phone's own contributions to it."""
    workshop = _workshop_for(request)
    return _json(full_state(workshop, request["device"], request.app[HUB].version))


@_code_view
async def api_submit(request: web.Request) -> web.StreamResponse:
    """``POST /api/<code>/contributions``: 201 with the id once it is on disk."""
    workshop = _workshop_for(request)
    lang = workshop.plan.language
    if request.content_type != "application/json":
        return error_json(415, "media_type", t(lang, "web.error.media"))
    raw = await request.read()
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return error_json(400, "malformed", t(lang, "web.error.malformed"))
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("step"), str)
        or not isinstance(body.get("client_id"), str)
        or not body["client_id"]
    ):
        return error_json(400, "malformed", t(lang, "web.error.malformed"))
    try:
        contribution = await workshop.submit(
            request["device"], body["step"], body["client_id"], body
        )
    except Refused as refusal:
        refused = error_json(_status_for(refusal), refusal.code, refusal.message(lang))
        if refusal.code == "storage":
            refused.headers["Retry-After"] = str(STORAGE_RETRY_AFTER)
        return refused
    return _json({"id": contribution.id}, status=201)


@_code_view
async def api_retract(request: web.Request) -> web.StreamResponse:
    """``DELETE /api/<code>/contributions/<id>``: take back one's own contribution."""
    workshop = _workshop_for(request)
    try:
        await workshop.retract(request["device"], request.match_info["cid"])
    except Refused as refusal:
        return error_json(
            _status_for(refusal), refusal.code, refusal.message(workshop.plan.language)
        )
    return web.Response(status=204)


@_code_view
async def api_events(request: web.Request) -> web.StreamResponse:
    """``GET /api/<code>/events``: Server-Sent Events; the first message is the current state."""
    workshop = _workshop_for(request)
    hub = request.app[HUB]
    if hub.full:
        busy = error_json(503, "busy", t(workshop.plan.language, "web.error.busy"))
        busy.headers["Retry-After"] = "5"
        return busy
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
        }
    )
    _harden(response)
    if request["fresh_device"]:
        set_device_cookie(response, request["device"])
    queue = hub.subscribe()
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
