"""How each kind's no-script form becomes the API's payload (the form field names by role).

The names of the fields are the registry's (``web/kinds.py``); these functions read a posted
form with them, so the page without JavaScript sends exactly what the script would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kerne_tui.web.forms import Form, every, number, text_items
from kerne_tui.web.forms import field as first_value

Json = dict[str, Any]
ACTION_FIELDS = ("what", "who", "when", "evidence")


def text_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {"text": first_value(form, fields["text"])}


def actions_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {role: first_value(form, fields[role]) for role in ACTION_FIELDS}


def _keyed(form: Form, prefix: str) -> list[tuple[str, str]]:
    """(key, value) of every field named *prefix* + key."""
    cut = len(prefix)
    return [(name[cut:], value) for name, value in text_items(form) if name.startswith(prefix)]


def vote_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {
        "dots": {key: number(value) for key, value in _keyed(form, fields["dot"]) if value.strip()}
    }


def scale_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {"values": {key: number(value) for key, value in _keyed(form, fields["value"])}}


def choice_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {"choices": every(form, fields["choice"])}


def words_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {"words": [word for word in every(form, fields["word"]) if word.strip()]}


def upvote_or_text(form: Form, fields: Mapping[str, str]) -> Json:
    """A question form: an upvote when it names one, else the question typed."""
    upvote = first_value(form, fields["upvote"])
    return {"upvote": upvote} if upvote else {"text": first_value(form, fields["text"])}


def review_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {
        "statuses": {key: value for key, value in _keyed(form, fields["status"]) if value},
        "comments": {key: value for key, value in _keyed(form, fields["comment"]) if value},
    }


def rank_form(form: Form, fields: Mapping[str, str]) -> Json:
    places = sorted((number(key), value) for key, value in _keyed(form, fields["place"]) if value)
    return {"ranking": [option for _, option in places]}


def points_form(form: Form, fields: Mapping[str, str]) -> Json:
    return {
        "points": {
            key: number(value) for key, value in _keyed(form, fields["points"]) if value.strip()
        }
    }


def matrix_form(form: Form, fields: Mapping[str, str]) -> Json:
    """``[x, y]`` for every option with either axis answered (a missing one is refused)."""
    xs = dict(_keyed(form, fields["x"]))
    ys = dict(_keyed(form, fields["y"]))
    return {
        "placements": {
            key: [number(xs.get(key, "")), number(ys.get(key, ""))]
            for key in dict.fromkeys([*xs, *ys])
            if xs.get(key, "").strip() or ys.get(key, "").strip()
        }
    }
