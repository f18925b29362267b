"""The no-script forms: reading their fields, keeping what was typed, and their token.

Without JavaScript a phone posts a plain form and is sent back to the page (303); a refused
form renders the page again with what the person had typed. Which fields each step kind's
form has is defined in ``kinds.py``.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection, Iterable
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from kerne_tui.workshop import Workshop

Form = MultiDictProxy[Any]
STEP_FIELD = "step"
CLIENT_ID_FIELD = "client_id"
CSRF_FIELD = "csrf"


def field(form: Form, name: str) -> str:
    """The first value of the field *name*, or "" (also for a file where text was expected)."""
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def every(form: Form, name: str) -> list[str]:
    """Every text value of the field *name* (a ticked box of a multiple choice, say)."""
    return [value for value in form.getall(name, []) if isinstance(value, str)]


def text_items(form: Form) -> Iterable[tuple[str, str]]:
    """The form's text fields as (name, value), in the order they were sent."""
    # A multipart form may carry files; no field of ours is a file, so they are ignored.
    return ((name, value) for name, value in form.items() if isinstance(value, str))


def number(value: str) -> int:
    """A typed whole number; -1 for anything else, which the workshop then refuses."""
    try:
        return int(value.strip())
    except ValueError:
        return -1


def draft(form: Form, repeated: Collection[str]) -> dict[str, Any]:
    """What the person had filled in, to put back into the form when it is refused.

    Each field's first value by its name; a *repeated* field (the boxes of a multiple
    choice) has the list of all its values.
    """
    kept: dict[str, Any] = {}
    for name, value in text_items(form):
        kept.setdefault(name, value)
    for name in repeated:
        kept[name] = every(form, name)
    return kept


def form_token(workshop: Workshop, token: str) -> str:
    """The hidden field that proves a form was served to this phone by this session."""
    return workshop.device_key(f"form:{token}")


def form_token_refused(request: web.Request, workshop: Workshop, form: Form) -> bool:
    """True when the form carries no token, or one that is not the one this phone was given.

    Every form kerne serves carries it; a form made on another site cannot know it (a phone
    without a cookie gets a new device there, whose token nobody was shown).
    """
    supplied = form.get(CSRF_FIELD)
    expected = form_token(workshop, request["device"])
    return not (
        isinstance(supplied, str) and hmac.compare_digest(supplied.encode(), expected.encode())
    )
