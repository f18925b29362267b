"""Read a TOML session plan and check every field, reporting all mistakes with their place."""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Module, Option, Plan, Show, Step, StepKind

_TOP_KEYS = ("title", "language", "description", "start", "modules")
_MODULE_KEYS = ("title", "focus", "steps")
_COMMON_STEP_KEYS = ("id", "kind", "title", "prompt", "minutes", "notes", "show", "min_answers")
_KIND_KEYS: dict[StepKind, tuple[str, ...]] = {
    StepKind.INFO: (),
    StepKind.DISCUSS: (),
    StepKind.TEXT: ("max_length", "max_per_person"),
    StepKind.SENTENCE: ("max_length", "max_per_person"),
    StepKind.VOTE: ("options", "options_from", "dots", "max_per_option"),
    StepKind.SCALE: ("statements", "low_label", "high_label"),
    StepKind.CHOICE: ("options", "multiple"),
    StepKind.RANK: ("options", "options_from", "top"),
    StepKind.ACTIONS: ("max_length", "max_per_person"),
}
_DEFAULT_MAX_LENGTH = {StepKind.SENTENCE: 200, StepKind.ACTIONS: 300}
_DEFAULT_PER_PERSON = {StepKind.SENTENCE: 2, StepKind.ACTIONS: 10}
_DEFAULT_SHOW = {StepKind.SCALE: Show.LIVE, StepKind.CHOICE: Show.LIVE, StepKind.ACTIONS: Show.LIVE}
_TYPE_VALUES = ("expected", "actual")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_START_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """One mistake in a plan file, with where it is."""

    path: str
    place: str
    field: str
    key: str
    values: tuple[tuple[str, object], ...] = ()

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


def _encode_place(key: str, **values: object) -> str:
    """A place as one string (JSON, so titles may hold any character)."""
    return json.dumps([key, values], ensure_ascii=False)


def _decode_place(place: str) -> tuple[str, dict[str, object]]:
    key, values = json.loads(place)
    return str(key), dict(values)


class _Checker:
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
            self._wrong_type(place, name, "type.string", value)
            return ""
        if required and not value.strip():
            self.add(place, name, "plan.err.empty_text")
        return value.strip()

    def integer(
        self, place: str, table: Mapping[str, Any], name: str, default: int, minimum: int
    ) -> int:
        if name not in table:
            return default
        value = table[name]
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong_type(place, name, "type.integer", value)
            return default
        if value < minimum:
            self.add(place, name, "plan.err.min_int", minimum=minimum, value=value)
            return default
        return value

    def boolean(self, place: str, table: Mapping[str, Any], name: str) -> bool:
        value = table.get(name, False)
        if not isinstance(value, bool):
            self._wrong_type(place, name, "type.boolean", value)
            return False
        return value

    def strings(self, place: str, table: Mapping[str, Any], name: str) -> tuple[str, ...]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self._wrong_type(place, name, "type.list_of_strings", value)
            return ()
        return tuple(item.strip() for item in value if item.strip())

    def _wrong_type(self, place: str, name: str, expected: str, value: object) -> None:
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


def load_plan(path: str | Path) -> Plan:
    """Read and check the plan at *path*; raises :class:`PlanError` with every problem."""
    shown = str(path)
    file = Path(path)
    if not file.is_file():
        raise PlanError(shown, text_key="plan.not_found", text_values={"path": shown})
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(
            shown, text_key="plan.not_readable", text_values={"path": shown, "reason": str(error)}
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_from_message(str(error))
        reason = getattr(error, "msg", None) or str(error).split(" (at ")[0]
        raise PlanError(
            shown,
            text_key="plan.not_toml",
            text_values={"path": shown, "line": line, "reason": reason},
        ) from None
    return plan_from_data(data, shown)


def _line_from_message(message: str) -> str:
    match = re.search(r"line (\d+)", message)
    return match.group(1) if match else "?"


def plan_from_data(data: Mapping[str, Any], source: str) -> Plan:
    """Check the parsed TOML *data* (from *source*) and build the plan."""
    check = _Checker(source)
    top = _encode_place("plan.place.top")
    check.unknown_keys(top, data, _TOP_KEYS)
    title = check.text(top, data, "title", required=True)
    description = check.text(top, data, "description", required=False)
    language: Lang = "da"
    raw_language = data.get("language", "da")
    if raw_language == "en":
        language = "en"
    elif raw_language != "da":
        check.add(top, "language", "plan.err.language", value=raw_language)
    start = check.text(top, data, "start", required=False)
    if start and not _START_PATTERN.match(start):
        check.add(top, "start", "plan.err.start", value=start)
        start = ""
    raw_modules = data.get("modules", [])
    if not isinstance(raw_modules, list) or not all(isinstance(m, dict) for m in raw_modules):
        check._wrong_type(top, "modules", "type.list_of_tables", raw_modules)
        raw_modules = []
    if not raw_modules and "modules" not in [p.field for p in check.problems]:
        check.add(top, "modules", "plan.err.no_modules")

    planned_ids = _planned_ids(raw_modules)
    seen_ids: dict[str, int] = {}
    step_kinds: dict[str, StepKind] = {}
    modules: list[Module] = []
    position = 0
    for m_index, raw_module in enumerate(raw_modules, start=1):
        mtitle_raw = raw_module.get("title", "")
        mtitle = mtitle_raw if isinstance(mtitle_raw, str) else ""
        mplace = _encode_place("plan.place.module", m=m_index, title=mtitle)
        check.unknown_keys(mplace, raw_module, _MODULE_KEYS)
        module_title = check.text(mplace, raw_module, "title", required=True)
        focus = check.text(mplace, raw_module, "focus", required=False)
        raw_steps = raw_module.get("steps", [])
        if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
            check._wrong_type(mplace, "steps", "type.list_of_tables", raw_steps)
            raw_steps = []
        elif not raw_steps:
            check.add(mplace, "steps", "plan.err.no_steps")
        steps: list[Step] = []
        for s_index, raw_step in enumerate(raw_steps, start=1):
            stitle_raw = raw_step.get("title", "")
            stitle = stitle_raw if isinstance(stitle_raw, str) else ""
            splace = _encode_place(
                "plan.place.step", m=m_index, mtitle=mtitle, s=s_index, title=stitle
            )
            step = _check_step(
                check,
                splace,
                raw_step,
                (m_index, s_index, position),
                seen_ids,
                planned_ids,
                step_kinds,
            )
            position += 1
            if step is not None:
                steps.append(step)
                step_kinds[step.id] = step.kind
        modules.append(Module(title=module_title, focus=focus, steps=tuple(steps)))

    if check.problems:
        raise PlanError(source, check.problems)
    return Plan(
        title=title,
        language=language,
        description=description,
        modules=tuple(modules),
        start=start,
        source=source,
        raw=dict(data),
    )


def _derived_id(raw: Mapping[str, Any], m_index: int, s_index: int) -> str:
    """The id a step goes by: its own, or one made from its position."""
    given = raw.get("id")
    if isinstance(given, str) and given.strip():
        return given.strip()
    return f"m{m_index}-s{s_index}"


def _planned_ids(raw_modules: list[Any]) -> dict[str, int]:
    """Every step id in the file with the position of its first use.

    Collected before the steps are checked, so that a reference to a later step can be told
    apart from a reference to a step that does not exist at all.
    """
    ids: dict[str, int] = {}
    position = 0
    for m_index, raw_module in enumerate(raw_modules, start=1):
        raw_steps = raw_module.get("steps", [])
        if not isinstance(raw_steps, list):
            continue
        for s_index, raw_step in enumerate(raw_steps, start=1):
            if isinstance(raw_step, dict):
                ids.setdefault(_derived_id(raw_step, m_index, s_index), position)
            position += 1
    return ids


def _check_step(
    check: _Checker,
    place: str,
    raw: Mapping[str, Any],
    where: tuple[int, int, int],
    seen_ids: dict[str, int],
    planned_ids: Mapping[str, int],
    earlier: dict[str, StepKind],
) -> Step | None:
    m_index, s_index, position = where
    kind_value = raw.get("kind")
    kind: StepKind | None = None
    if kind_value is None:
        check.add(place, "kind", "plan.err.missing")
    elif not isinstance(kind_value, str) or kind_value not in {k.value for k in StepKind}:
        check.add(
            place,
            "kind",
            "plan.err.kind",
            value=kind_value,
            allowed=", ".join(k.value for k in StepKind),
        )
    else:
        kind = StepKind(kind_value)
    every_kind_key = tuple(dict.fromkeys(key for keys in _KIND_KEYS.values() for key in keys))
    allowed = _COMMON_STEP_KEYS + (_KIND_KEYS[kind] if kind else every_kind_key)
    for name in raw:
        if name in allowed:
            continue
        if kind and name in every_kind_key:
            check.add(place, name, "plan.err.not_for_kind", kind=kind.value)
        else:
            check.unknown_key(place, name, allowed)

    step_id = check.text(place, raw, "id", required=False) or f"m{m_index}-s{s_index}"
    if "id" in raw and isinstance(raw["id"], str) and not _ID_PATTERN.match(step_id):
        check.add(place, "id", "plan.err.bad_id", value=step_id)
    if step_id in seen_ids:
        check.add(place, "id", "plan.err.duplicate_id", value=step_id)
    seen_ids[step_id] = position

    title = check.text(place, raw, "title", required=True)
    prompt = check.text(place, raw, "prompt", required=True)
    notes = check.text(place, raw, "notes", required=False)
    minutes = _check_minutes(check, place, raw)
    show_value = raw.get("show")
    show = _DEFAULT_SHOW.get(kind, Show.REVEAL) if kind else Show.REVEAL
    if show_value is not None:
        if show_value in ("live", "reveal"):
            show = Show(show_value)
        else:
            check.add(place, "show", "plan.err.show", value=show_value)
    min_answers = check.integer(place, raw, "min_answers", 3, 1)
    if kind is None:
        return None

    options: tuple[Option, ...] = ()
    options_from: str | None = None
    if kind in (StepKind.VOTE, StepKind.CHOICE, StepKind.RANK):
        labels = check.strings(place, raw, "options")
        options = tuple(Option(id=str(i), label=label) for i, label in enumerate(labels, start=1))
        source = raw.get("options_from")
        if source is not None and not isinstance(source, str):
            check._wrong_type(place, "options_from", "type.string", source)
            source = None
        if kind is StepKind.CHOICE:
            if len(options) < 2:
                check.add(place, "options", "plan.err.options_count", minimum=2)
        elif (source is None) == ("options" not in raw):
            check.add(place, "options", "plan.err.options_or_from")
        elif source is not None:
            options_from = source
            if source not in planned_ids:
                check.add(place, "options_from", "plan.err.ref_missing", value=source)
            elif planned_ids[source] >= position:
                check.add(place, "options_from", "plan.err.ref_later", value=source)
            elif source not in earlier:
                pass  # the earlier step is broken itself and has its own message
            elif not earlier[source].is_textual:
                check.add(place, "options_from", "plan.err.ref_kind", value=source)
        elif len(options) < 2:
            check.add(place, "options", "plan.err.options_count", minimum=2)
    statements: tuple[str, ...] = ()
    if kind is StepKind.SCALE:
        statements = check.strings(place, raw, "statements")
        if not statements and not any(
            p.field == "statements" and p.place == place for p in check.problems
        ):
            check.add(place, "statements", "plan.err.no_statements")
    return Step(
        id=step_id,
        kind=kind,
        title=title,
        prompt=prompt,
        minutes=minutes,
        notes=notes,
        show=show,
        min_answers=min_answers,
        max_length=check.integer(place, raw, "max_length", _DEFAULT_MAX_LENGTH.get(kind, 500), 10),
        max_per_person=check.integer(
            place, raw, "max_per_person", _DEFAULT_PER_PERSON.get(kind, 5), 1
        ),
        options=options,
        options_from=options_from,
        dots=check.integer(place, raw, "dots", 3, 1),
        max_per_option=check.integer(place, raw, "max_per_option", 0, 0),
        statements=statements,
        low_label=check.text(place, raw, "low_label", required=False),
        high_label=check.text(place, raw, "high_label", required=False),
        multiple=check.boolean(place, raw, "multiple"),
        top=check.integer(place, raw, "top", 3, 1),
    )


def _check_minutes(check: _Checker, place: str, raw: Mapping[str, Any]) -> float:
    if "minutes" not in raw:
        check.add(place, "minutes", "plan.err.missing")
        return 1.0
    value = raw["minutes"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        check._wrong_type(place, "minutes", "type.number", value)
        return 1.0
    if value <= 0:
        check.add(place, "minutes", "plan.err.positive", value=value)
        return 1.0
    return float(value)
