"""The archive's times: no clock time finer than the step it belongs to.

A time to the second tells who sent what in a small room: the one late answer stands out, and
a retracted answer sits next to its replacement. So every time in the shared archive (the
session file copy, and through it the reports and the CSV) becomes the moment the step of
that time was opened (the header's creation time, before any step, stays). The order of the
answers stays (the contributions keep their order and
their ids), and so does the step each belongs to; the working session file on the laptop keeps
its exact times.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Mapping
from typing import Any

from kerne_tui.store.layout import CONTRIBUTIONS, LOG, SINGLE, STATE

STEP_OPENINGS = frozenset({"start", "next", "previous", "go_to", "close"})
"""The log's actions that open a step (or close the day): the boundaries times are cut to."""

_TIME_FIELDS = ("at",)
_STATE_TIMES = ("current_since", "started_at", "ended_at")


def _openings(data: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The moments a step was opened (and the day closed), sorted, from the log."""
    found = {
        str(doc["at"])
        for doc in data.get(LOG, {}).values()
        if isinstance(doc, Mapping)
        and doc.get("action") in STEP_OPENINGS
        and isinstance(doc.get("at"), str)
    }
    return sorted(found)


def step_time(moment: str, openings: list[str]) -> str:
    """*moment* cut back to the opening of the step it fell in (the first, before any step).

    Times are ISO 8601 in UTC with the same form everywhere in a session file, so they sort
    as text.
    """
    if not openings:
        return moment
    index = bisect.bisect_right(openings, moment) - 1
    return openings[max(index, 0)]


def with_step_times(data: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """A copy of session *data* whose every time is the opening of its step."""
    openings = _openings(data)
    copied: dict[str, dict[str, Any]] = copy.deepcopy({k: dict(v) for k, v in data.items()})

    def cut(doc: dict[str, Any], name: str) -> None:
        value = doc.get(name)
        if isinstance(value, str) and value:
            doc[name] = step_time(value, openings)

    for table in (CONTRIBUTIONS, LOG):
        for doc in copied.get(table, {}).values():
            if isinstance(doc, dict):
                for name in _TIME_FIELDS:
                    cut(doc, name)
    state = copied.get(STATE, {}).get(SINGLE)
    if isinstance(state, dict):
        for name in _STATE_TIMES:
            cut(state, name)
        for pin in state.get("pins", []) or []:
            if isinstance(pin, dict):
                cut(pin, "at")
    # The header's "created" stays: it is when the facilitator made the file, before any step,
    # and it is how ``kerne sessions`` finds this archive again (archive/status.py).
    return copied
