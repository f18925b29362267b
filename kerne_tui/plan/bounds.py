"""What a plan may ask of ``serve``: the upper bound of every number and list, and the cleaning
of every text before it reaches a terminal, a page, a file or an archive.

The bounds are the ones docs/plan-format.md names. They keep a plan's numbers where the server
can work with them (a body limit from ``max_length``, a timer from ``minutes``), far above what
any workshop asks for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kerne_tui.plan.model import LOWEST_MIN_ANSWERS
from kerne_tui.sanitize import clean_text

MAX_MINUTES = 600
"""A step's minutes at most: ten hours, longer than any workshop day."""
MAX_TEXT_LENGTH = 5000
"""The most characters ``max_length`` may allow in one contribution (a long page of text)."""
MAX_PLAN_TEXT = 10_000
"""The most characters of one text in a plan (a title, a prompt, notes, an option)."""
MAX_LIST = 50
"""The most options or statements of one step."""
MAX_STOP_WORDS = 500
"""The most stop words of one ``words`` step."""
MAX_MODULES = 50
MAX_STEPS = 300
"""The most modules, and steps in all, of one plan (a long day has about forty steps)."""
MAX_DATA_DEPTH = 64
"""Tables and lists nested at most this deep in a plan read back from a session file."""

INTEGER_BOUNDS: Mapping[str, tuple[int, int]] = {
    "min_answers": (LOWEST_MIN_ANSWERS, 1000),
    "max_length": (10, MAX_TEXT_LENGTH),
    "max_per_person": (1, 100),
    "dots": (1, 100),
    "max_per_option": (0, 100),
    "top": (1, 50),
    "max_words": (1, 10),
    "budget": (1, 1000),
    "page_seconds": (3, 300),
}
"""Each whole-number step field: its lowest and highest value."""

MULTILINE_FIELDS = frozenset({"prompt", "notes", "description", "focus"})
"""Plan texts that may keep their line breaks; every other text is one line."""


class TooDeep(Exception):
    """Plan data nested deeper than :data:`MAX_DATA_DEPTH`."""


def cleaned(data: Any, depth: int = 0) -> Any:
    """*data* with every string (keys too) cleaned as a participant's text is.

    Line breaks are kept here; the loader folds them in one-line fields. Raises
    :class:`TooDeep` past :data:`MAX_DATA_DEPTH`.
    """
    if depth > MAX_DATA_DEPTH:
        raise TooDeep
    if isinstance(data, str):
        return clean_text(data, multiline=True) if not data.isprintable() else data
    if isinstance(data, Mapping):
        return {cleaned(key, depth + 1): cleaned(value, depth + 1) for key, value in data.items()}
    if isinstance(data, list):
        return [cleaned(item, depth + 1) for item in data]
    return data


def one_line(text: str) -> str:
    """A cleaned text folded to one line (its line breaks become spaces)."""
    return clean_text(text, multiline=False) if "\n" in text else text
