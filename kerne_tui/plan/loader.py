"""Read a TOML session plan and check every field, reporting all mistakes with their place."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kerne_tui.catalog import Lang
from kerne_tui.plan.bounds import MAX_MINUTES, MAX_MODULES, MAX_STEPS, TooDeep, cleaned, one_line
from kerne_tui.plan.checks import (
    EVERY_KIND_KEY,
    KIND_CHECKS,
    MATRIX_LABELS,
    References,
)
from kerne_tui.plan.model import (
    LOWEST_MIN_ANSWERS,
    MIN_ANSWERS,
    Module,
    Plan,
    Show,
    Step,
    StepKind,
)
from kerne_tui.plan.problems import Checker, PlanError, PlanProblem, encode_place
from kerne_tui.plan.shape import MAX_DEPTH, MAX_PLAN_BYTES, shape_problem

__all__ = ["PlanError", "PlanProblem", "load_plan", "plan_from_data"]

_TOP_KEYS = (
    "title",
    "language",
    "description",
    "start",
    "parking_lot",
    "limits",
    "workplace",
    "overall_task",
    "end",
    "modules",
    "page_seconds",
)
LIMIT_KEYS = ("devices_per_address", "new_devices_per_minute")
"""The keys of a plan's ``[limits]`` table: phones per network address (docs/trust.md)."""
MAX_LIMIT = 10_000
"""The highest limit a plan may set: a whole conference behind one router."""
_MODULE_KEYS = ("title", "focus", "steps")
_COMMON_STEP_KEYS = ("id", "kind", "title", "prompt", "minutes", "notes", "show", "min_answers")
TOP_KEYS = _TOP_KEYS
"""The keys a plan may have at its top (the editor's plan form shows them)."""
MODULE_KEYS = _MODULE_KEYS
COMMON_STEP_KEYS = _COMMON_STEP_KEYS
"""The keys every step may have; its kind's ``KIND_CHECKS`` entry names the rest."""
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_START_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def load_plan(path: str | Path) -> Plan:
    """Read and check the plan at *path*; raises :class:`PlanError` with every problem."""
    shown = str(path)
    file = Path(path)
    if not file.is_file():
        raise PlanError(shown, text_key="plan.not_found", text_values={"path": shown})
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_PLAN_BYTES + 1)
        if len(raw) > MAX_PLAN_BYTES:
            raise PlanError(
                shown, text_key="plan.shape.too_big", text_values={"path": shown, "limit": "512 KB"}
            )
        # Line ends as reading in text mode gives them (a plan saved on Windows reads the same).
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(
            shown, text_key="plan.not_readable", text_values={"path": shown, "reason": str(error)}
        ) from None
    shape = shape_problem(text)
    if shape is not None:
        values = {"path": shown, "line": shape.line, "limit": shape.limit}
        raise PlanError(shown, text_key=shape.key, text_values=values)
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


def _check_limits(check: Checker, table: object) -> None:
    """The ``[limits]`` table, if the plan has one: known keys, whole numbers in range."""
    if table is None:
        return
    place = encode_place("hostile.limits.place")
    if not isinstance(table, dict):
        check.wrong_type(encode_place("plan.place.top"), "limits", "type.table", table)
        return
    check.unknown_keys(place, table, LIMIT_KEYS)
    for name in LIMIT_KEYS:
        value = table.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
            check.add(place, name, "hostile.limits.bad", value=value, maximum=MAX_LIMIT)


def plan_from_data(data: Mapping[str, Any], source: str) -> Plan:
    """Check the parsed TOML *data* (from *source*) and build the plan.

    Every text in it is cleaned first (no control characters, escapes or bidi overrides), so
    the plan kept in the session file and the archive holds only the cleaned texts.
    """
    try:
        data = cleaned(data)
    except TooDeep:
        raise PlanError(
            source,
            text_key="plan.shape.deep",
            text_values={"path": source, "line": "?", "limit": MAX_DEPTH},
        ) from None
    check = Checker(source)
    top = encode_place("plan.place.top")
    check.unknown_keys(top, data, _TOP_KEYS)
    title = check.text(top, data, "title", required=True)
    description = check.text(top, data, "description", required=False)
    workplace = check.text(top, data, "workplace", required=False)
    overall_task = check.text(top, data, "overall_task", required=False)
    language: Lang = "da"
    raw_language = data.get("language", "da")
    if raw_language == "en":
        language = "en"
    elif raw_language != "da":
        check.add(top, "language", "plan.err.language", value=raw_language)
    _check_limits(check, data.get("limits"))
    start = check.text(top, data, "start", required=False)
    if start and not _START_PATTERN.match(start):
        check.add(top, "start", "plan.err.start", value=start)
        start = ""
    end = check.text(top, data, "end", required=False)
    if end and not _START_PATTERN.match(end):
        check.add(top, "end", "plan.err.start", value=end)
        end = ""
    parking_lot = check.boolean(top, data, "parking_lot")
    page_seconds = check.integer(top, data, "page_seconds", 8)
    raw_modules = data.get("modules", [])
    if not isinstance(raw_modules, list) or not all(isinstance(m, dict) for m in raw_modules):
        check.wrong_type(top, "modules", "type.list_of_tables", raw_modules)
        raw_modules = []
    if not raw_modules and "modules" not in [p.field for p in check.problems]:
        check.add(top, "modules", "plan.err.no_modules")
    steps_in_all = sum(len(m.get("steps", [])) for m in raw_modules if isinstance(m, dict))
    if len(raw_modules) > MAX_MODULES:
        check.add(top, "modules", "plan.err.too_many", maximum=MAX_MODULES, count=len(raw_modules))
        raw_modules = []
    elif steps_in_all > MAX_STEPS:
        check.add(top, "modules", "plan.err.too_many_steps", maximum=MAX_STEPS, count=steps_in_all)
        raw_modules = []

    planned_ids = _planned_ids(raw_modules)
    seen_ids: dict[str, int] = {}
    step_kinds: dict[str, StepKind] = {}
    modules: list[Module] = []
    position = 0
    for m_index, raw_module in enumerate(raw_modules, start=1):
        mtitle_raw = raw_module.get("title", "")
        mtitle = one_line(mtitle_raw) if isinstance(mtitle_raw, str) else ""
        mplace = encode_place("plan.place.module", m=m_index, title=mtitle)
        check.unknown_keys(mplace, raw_module, _MODULE_KEYS)
        module_title = check.text(mplace, raw_module, "title", required=True)
        focus = check.text(mplace, raw_module, "focus", required=False)
        raw_steps = raw_module.get("steps", [])
        if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
            check.wrong_type(mplace, "steps", "type.list_of_tables", raw_steps)
            raw_steps = []
        elif not raw_steps:
            check.add(mplace, "steps", "plan.err.no_steps")
        steps: list[Step] = []
        for s_index, raw_step in enumerate(raw_steps, start=1):
            stitle_raw = raw_step.get("title", "")
            stitle = one_line(stitle_raw) if isinstance(stitle_raw, str) else ""
            splace = encode_place(
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
                if step.parking and not parking_lot:
                    check.add(splace, "parking", "plan.err.parking_off")
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
        parking_lot=parking_lot,
        workplace=workplace,
        overall_task=overall_task,
        end=end,
        page_seconds=page_seconds,
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
    check: Checker,
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
    rules = KIND_CHECKS[kind] if kind else None
    allowed = _COMMON_STEP_KEYS + (rules.keys if rules else EVERY_KIND_KEY)
    for name in raw:
        if name in allowed:
            continue
        if kind and name in EVERY_KIND_KEY:
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
    show = rules.show if rules else Show.REVEAL
    if show_value is not None:
        if show_value in ("live", "reveal"):
            show = Show(show_value)
        else:
            check.add(place, "show", "plan.err.show", value=show_value)
    min_answers = _check_min_answers(check, place, raw)
    if kind is None or rules is None:
        return None
    own = rules.fields(check, place, raw, References(position, planned_ids, earlier))
    return Step(
        id=step_id,
        kind=kind,
        title=title,
        prompt=prompt,
        minutes=minutes,
        notes=notes,
        show=show,
        min_answers=min_answers,
        max_length=check.integer(place, raw, "max_length", rules.max_length),
        max_per_person=check.integer(place, raw, "max_per_person", rules.max_per_person),
        options=own.options,
        options_from=own.options_from,
        dots=check.integer(place, raw, "dots", 3),
        max_per_option=check.integer(place, raw, "max_per_option", 0),
        statements=own.statements,
        low_label=check.text(place, raw, "low_label", required=False),
        high_label=check.text(place, raw, "high_label", required=False),
        multiple=check.boolean(place, raw, "multiple"),
        top=check.integer(place, raw, "top", 3),
        open_questions=check.boolean(place, raw, "open_questions"),
        evidence_label=check.text(place, raw, "evidence_label", required=False),
        max_words=check.integer(place, raw, "max_words", 3),
        stop_words=own.stop_words,
        parking=raw.get("parking") is True,
        show_overall_task=raw.get("show_overall_task") is True,
        open_ends=raw.get("open_ends") is True,
        budget=check.integer(place, raw, "budget", 100),
        **{name: check.text(place, raw, name, required=False) for name in MATRIX_LABELS},
        compare_with=own.compare_with,
        actions_from=own.actions_from,
    )


def _check_min_answers(check: Checker, place: str, raw: Mapping[str, Any]) -> int:
    """The step's anonymity threshold: the default, more, or down to the lowest with a reason."""
    value = raw.get("min_answers")
    if isinstance(value, int) and not isinstance(value, bool) and value < LOWEST_MIN_ANSWERS:
        check.add(
            place, "min_answers", "plan.err.min_answers", least=LOWEST_MIN_ANSWERS, value=value
        )
        return MIN_ANSWERS
    return check.integer(place, raw, "min_answers", MIN_ANSWERS)


def _check_minutes(check: Checker, place: str, raw: Mapping[str, Any]) -> float:
    if "minutes" not in raw:
        check.add(place, "minutes", "plan.err.missing")
        return 1.0
    value = raw["minutes"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        check.wrong_type(place, "minutes", "type.number", value)
        return 1.0
    if math.isfinite(value) and value <= 0:
        check.add(place, "minutes", "plan.err.positive", value=value)
        return 1.0
    if not math.isfinite(value) or value > MAX_MINUTES:
        check.add(place, "minutes", "plan.err.minutes", value=value, maximum=MAX_MINUTES)
        return 1.0
    return float(value)
