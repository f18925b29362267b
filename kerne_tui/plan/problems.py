"""A plan's mistakes and the checker that collects them, each with the place it was found."""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.bounds import (
    INTEGER_BOUNDS,
    MAX_LIST,
    MAX_PLAN_TEXT,
    MULTILINE_FIELDS,
    one_line,
)

_TYPE_VALUES = ("expected", "actual")


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """One mistake in a plan file, with where it is."""

    path: str
    place: str
    field: str
    key: str
    values: tuple[tuple[str, object], ...] = ()

    @property
    def position(self) -> tuple[int | None, int | None]:
        """The module and step (counted from 1) it is in; None for a level above them."""
        _, values = _decode_place(self.place)
        module, step = values.get("m"), values.get("s")
        return (
            module if isinstance(module, int) else None,
            step if isinstance(step, int) else None,
        )

    def message(self, lang: Lang) -> str:
        """The whole sentence for a person, in *lang*."""
        place_key, place_values = _decode_place(self.place)
        place = t(lang, place_key, **place_values)
        # Only the type names are catalog keys; any other value is the user's own text.
        values = {
            name: t(lang, str(value)) if name in _TYPE_VALUES else value
            for name, value in self.values
        }
        problem = t(lang, self.key, **values)
        return t(lang, "plan.error", path=self.path, place=place, field=self.field, problem=problem)


class PlanError(Exception):
    """A plan file that cannot be used; carries every problem found."""

    def __init__(
        self,
        path: str,
        problems: list[PlanProblem] | None = None,
        *,
        text: str = "",
        text_key: str = "",
        text_values: Mapping[str, object] | None = None,
    ) -> None:
        self.path = path
        self.problems = problems or []
        self.text_key = text_key
        self.text_values = dict(text_values or {})
        super().__init__(text or self.messages("en")[0])

    def messages(self, lang: Lang) -> list[str]:
        """Every problem as a sentence in *lang*."""
        if self.text_key:
            return [t(lang, self.text_key, **self.text_values)]
        return [problem.message(lang) for problem in self.problems]


def encode_place(key: str, **values: object) -> str:
    """A place as one string (JSON, so titles may hold any character)."""
    return json.dumps([key, values], ensure_ascii=False)


def _decode_place(place: str) -> tuple[str, dict[str, object]]:
    key, values = json.loads(place)
    return str(key), dict(values)


class Checker:
    """Walks the parsed TOML and collects problems instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[PlanProblem] = []

    def add(self, place: str, field: str, key: str, **values: object) -> None:
        self.problems.append(PlanProblem(self.path, place, field, key, tuple(values.items())))

    def unknown_keys(self, place: str, table: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
        for name in table:
            if name not in allowed:
                self.unknown_key(place, name, allowed)

    def unknown_key(self, place: str, name: str, allowed: tuple[str, ...]) -> None:
        """Report a key that is not allowed, suggesting the nearest allowed one for a typo."""
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.7)
        if close:
            self.add(
                place,
                name,
                "plan.err.unknown_key_hint",
                suggestion=close[0],
                allowed=", ".join(allowed),
            )
        else:
            self.add(place, name, "plan.err.unknown_key", allowed=", ".join(allowed))

    def text(self, place: str, table: Mapping[str, Any], name: str, *, required: bool) -> str:
        if name not in table:
            if required:
                self.add(place, name, "plan.err.missing")
            return ""
        value = table[name]
        if not isinstance(value, str):
            self.wrong_type(place, name, "type.string", value)
            return ""
        if required and not value.strip():
            self.add(place, name, "plan.err.empty_text")
        if len(value) > MAX_PLAN_TEXT:
            self.add(place, name, "plan.err.too_long", maximum=MAX_PLAN_TEXT, length=len(value))
            return ""
        return (value if name in MULTILINE_FIELDS else one_line(value)).strip()

    def integer(self, place: str, table: Mapping[str, Any], name: str, default: int) -> int:
        """A whole-number field within its bounds (:data:`INTEGER_BOUNDS`), or its default."""
        if name not in table:
            return default
        value = table[name]
        minimum, maximum = INTEGER_BOUNDS[name]
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(place, name, "type.integer", value)
            return default
        if value < minimum:
            self.add(place, name, "plan.err.min_int", minimum=minimum, value=value)
            return default
        if value > maximum:
            self.add(place, name, "plan.err.max_int", maximum=maximum, value=value)
            return default
        return value

    def boolean(self, place: str, table: Mapping[str, Any], name: str) -> bool:
        value = table.get(name, False)
        if not isinstance(value, bool):
            self.wrong_type(place, name, "type.boolean", value)
            return False
        return value

    def strings(
        self, place: str, table: Mapping[str, Any], name: str, maximum: int = MAX_LIST
    ) -> tuple[str, ...]:
        """A list of one-line texts, at most *maximum* of them, none too long."""
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.wrong_type(place, name, "type.list_of_strings", value)
            return ()
        if len(value) > maximum:
            self.add(place, name, "plan.err.too_many", maximum=maximum, count=len(value))
            value = value[:maximum]  # checked on as the first ones, so nothing else is said
        longest = max((len(item) for item in value), default=0)
        if longest > MAX_PLAN_TEXT:
            self.add(place, name, "plan.err.too_long", maximum=MAX_PLAN_TEXT, length=longest)
            return ()
        return tuple(one_line(item).strip() for item in value if item.strip())

    def wrong_type(self, place: str, name: str, expected: str, value: object) -> None:
        self.problems.append(
            PlanProblem(
                self.path,
                place,
                name,
                "plan.err.type",
                (("expected", expected), ("actual", _type_key(value))),
            )
        )


def _type_key(value: object) -> str:
    if isinstance(value, bool):
        return "type.boolean"
    if isinstance(value, int):
        return "type.integer"
    if isinstance(value, float):
        return "type.number"
    if isinstance(value, str):
        return "type.string"
    if isinstance(value, list):
        return "type.list"
    return "type.table"
