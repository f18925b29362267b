"""The built-in plans in sessions/: they load, add up, mirror each other and spell Danish."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kerne_tui.catalog import CATALOG
from kerne_tui.plan import Plan, StepKind, load_plan, plan_from_data

ROOT = Path(__file__).parent.parent
SESSIONS = ROOT / "sessions"
PLAN_FILES = sorted(SESSIONS.glob("*.toml"))
DANISH_FILES = [path for path in PLAN_FILES if not path.name.endswith(".en.toml")]
ENGLISH_FILES = [path for path in PLAN_FILES if path.name.endswith(".en.toml")]
FULL_DAY = "kerneopgaven"
FOLLOW_UP = "opfoelgning"

DURATION = {
    "da": re.compile(r"Varighed: (\d+) minutter\.$"),
    "en": re.compile(r"Duration: (\d+) minutes\.$"),
}

# The seed's OCR breakage, and ASCII stand-ins for æ, ø and å. Every pattern must match
# only a misspelling, never a correct Danish word (see the two guard tests below).
MISSPELLINGS = (
    r"feelles",
    r"\bmal\b",
    r"mgde",
    r"afsaette",
    r"forstaelse",
    r"\bfaelles",
    r"\bmaal",
    r"\bmoede",
    r"foelg",
    r"\baa\b",
    r"soerg",
    r"forstaa",
    r"\blaer",
    r"\bboern",
    r"\bpaa\b",
    r"\bnaar\b",
    r"\bgoer\b",
    r"\bsaetning",
    r"\baendr",
    r"\bhoej",
    r"\btastlinje",
    r"\btrinene\b",
)
KEY_NAMES = re.compile(r"\b(?:enter|escape)\b")
"""A key's name is written as on the key (Enter, Escape), as the wall writes it (case matters)."""
CORRECT_DANISH = (
    "fælles mål møde mødes afsætte afsæt forståelse forstå opfølgning følge på når gør "
    "sætning ændre høj lærer læring børn sørge normal formål optimal minimal Aalborg målestok"
    " tastelinjen tastelinje trinnene trinnet trin"
)
BROKEN_DANISH = (
    "feelles",
    "mal for",
    "mgder",
    "afsaette",
    "forstaelse",
    "faelles",
    "maal",
    "moede",
    "opfoelgning",
    "aa nej",
    "soerge",
    "forstaa",
    "laerer",
    "boern",
    "tastlinjen",
    "trinene",
)

# Keys whose values are identifiers or settings, not text a person reads. Ids are ASCII
# by rule (en-saetning), and file names such as opfoelgning.toml are not content.
NON_TEXT_KEYS = frozenset(
    {"id", "options_from", "compare_with", "actions_from", "kind", "show", "language", "start"}
)


def _names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def _plan(stem: str, language: str = "da") -> Plan:
    suffix = ".en.toml" if language == "en" else ".toml"
    return load_plan(SESSIONS / f"{stem}{suffix}")


def _danish_twin(english: Path) -> Path:
    return english.with_name(english.name.removesuffix(".en.toml") + ".toml")


def _readable_strings(value: object) -> Iterator[str]:
    """Every string of a parsed plan file that is shown to a person."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name not in NON_TEXT_KEYS:
                yield from _readable_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _readable_strings(item)
    elif isinstance(value, str):
        yield value


def _misspellings(text: str) -> list[str]:
    return [pattern for pattern in MISSPELLINGS if re.search(pattern, text, re.IGNORECASE)]


def _shape(plan: Plan) -> list[list[tuple[str, StepKind, float]]]:
    return [[(s.id, s.kind, s.minutes) for s in module.steps] for module in plan.modules]


def test_every_shipped_plan_has_a_danish_and_an_english_file() -> None:
    names = set(_names(PLAN_FILES))
    for stem in ("kerneopgaven", "kerneopgaven-kort", "faelles-fagligt-afsaet", "opfoelgning"):
        assert f"{stem}.toml" in names
        assert f"{stem}.en.toml" in names


@pytest.mark.parametrize("path", PLAN_FILES, ids=_names(PLAN_FILES))
def test_shipped_plan_loads_in_its_language(path: Path) -> None:
    plan = load_plan(path)
    assert plan.steps
    assert plan.language == ("en" if path.name.endswith(".en.toml") else "da")


@pytest.mark.parametrize("path", PLAN_FILES, ids=_names(PLAN_FILES))
def test_description_ends_with_the_planned_duration(path: Path) -> None:
    plan = load_plan(path)
    match = DURATION[plan.language].search(plan.description)
    assert match, f"{path.name}: the description must end with the duration sentence"
    assert int(match.group(1)) == plan.minutes


@pytest.mark.parametrize("path", PLAN_FILES, ids=_names(PLAN_FILES))
def test_every_step_has_an_id_and_facilitator_notes(path: Path) -> None:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    for module in raw["modules"]:
        for step in module["steps"]:
            assert "id" in step, f"{path.name}: a step in {module['title']!r} has no id"
            assert step.get("notes", "").strip(), f"{path.name}: step {step['id']} has no notes"


@pytest.mark.parametrize(
    ("stem", "minutes"),
    [
        ("kerneopgaven", 360),
        ("kerneopgaven-kort", 90),
        ("faelles-fagligt-afsaet", 160),
        ("opfoelgning", 45),
    ],
)
def test_shipped_plan_has_its_planned_length(stem: str, minutes: int) -> None:
    assert _plan(stem).minutes == minutes


def test_full_day_runs_from_nine_to_three() -> None:
    plan = _plan(FULL_DAY)
    assert plan.start == "09:00"
    assert plan.minutes == 6 * 60


def test_full_day_modules_each_have_a_focus_and_a_step_that_takes_input() -> None:
    plan = _plan(FULL_DAY)
    assert len(plan.modules) == 4
    for module in plan.modules:
        assert module.focus, f"module {module.title!r} has no focus"
        assert any(step.kind.takes_input for step in module.steps), module.title


def test_every_step_kind_is_used_by_a_shipped_plan() -> None:
    used = {step.kind for path in PLAN_FILES for step in load_plan(path).steps}
    assert used == set(StepKind)


@pytest.mark.parametrize("path", PLAN_FILES, ids=_names(PLAN_FILES))
def test_a_plan_that_promises_open_questions_in_the_report_collects_them(path: Path) -> None:
    """Notes that say disagreement stands in the report as open questions need a step for it."""
    plan = load_plan(path)
    promise = ("i rapporten som åbne spørgsmål", "in the report as open questions")
    promised = any(words in step.notes for step in plan.steps for words in promise)
    collects = any(step.open_questions for step in plan.steps)
    assert collects or not promised, "the notes promise open questions in the report"


@pytest.mark.parametrize("english", ENGLISH_FILES, ids=_names(ENGLISH_FILES))
def test_english_plan_has_the_ids_kinds_and_minutes_of_its_danish_twin(english: Path) -> None:
    danish = _danish_twin(english)
    assert danish.is_file(), f"{english.name} has no Danish twin"
    da_plan, en_plan = load_plan(danish), load_plan(english)
    assert _shape(en_plan) == _shape(da_plan)
    assert en_plan.start == da_plan.start
    for da_step, en_step in zip(da_plan.steps, en_plan.steps, strict=True):
        assert len(en_step.statements) == len(da_step.statements), en_step.id
        assert len(en_step.options) == len(da_step.options), en_step.id
        assert en_step.options_from == da_step.options_from, en_step.id


@pytest.mark.parametrize("path", DANISH_FILES, ids=_names(DANISH_FILES))
def test_danish_plan_is_written_with_danish_letters(path: Path) -> None:
    text = "\n".join(_readable_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
    for pattern in _misspellings(text):
        found = re.findall(rf"\w*{pattern}\w*", text, re.IGNORECASE)
        pytest.fail(f"{path.name}: {found} looks like broken Danish ({pattern})")
    assert re.search("[æøå]", text), f"{path.name} has no æ, ø or å at all"


def test_danish_texts_of_the_program_spell_danish() -> None:
    """Every Danish string the program shows: no broken Danish, and keys named as on the key."""
    texts = {key: da for key, (da, _en) in CATALOG.items()}
    broken = {key: _misspellings(text) for key, text in texts.items() if _misspellings(text)}
    assert broken == {}
    lower_keys = {key: KEY_NAMES.findall(text) for key, text in texts.items()}
    assert {key: found for key, found in lower_keys.items() if found} == {}


@pytest.mark.parametrize("written", ["tryk enter", "og tryk m igen (escape fortryder)"])
def test_key_name_guard_catches_a_key_in_lower_case(written: str) -> None:
    assert KEY_NAMES.search(written)


def test_key_name_guard_lets_keys_written_as_on_the_key_pass() -> None:
    assert KEY_NAMES.search("tryk Enter · Escape fortryd · esc") is None


def test_spelling_guard_lets_correct_danish_pass() -> None:
    assert _misspellings(CORRECT_DANISH) == []


@pytest.mark.parametrize("broken", BROKEN_DANISH)
def test_spelling_guard_catches_broken_danish(broken: str) -> None:
    assert _misspellings(broken)


@pytest.mark.parametrize("language", ["da", "en"])
def test_follow_up_asks_the_day_s_scale_questions_word_for_word(language: str) -> None:
    day, follow_up = _plan(FULL_DAY, language), _plan(FOLLOW_UP, language)
    for step_id in ("klarhed", "samarbejde"):
        asked, asked_again = day.step(step_id), follow_up.step(step_id)
        assert asked_again.kind is StepKind.SCALE
        assert asked_again.statements == asked.statements
        assert (asked_again.low_label, asked_again.high_label) == (
            asked.low_label,
            asked.high_label,
        )


def test_example_in_the_plan_format_doc_is_a_valid_plan() -> None:
    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    match = re.search(r"```toml\n(.*?)```", text, re.DOTALL)
    assert match, "docs/plan-format.md has no ```toml example"
    plan = plan_from_data(tomllib.loads(match.group(1)), "docs/plan-format.md")
    assert plan.steps
