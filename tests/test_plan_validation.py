"""Plan checks: every mistake names the file, the module and step, and the field."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kerne_tui.catalog import Lang
from kerne_tui.plan import PlanError, StepKind, builtin_plans, load_plan

WritePlan = Callable[[str, str], Path]
REPO = Path(__file__).resolve().parent.parent

HEADER = """\
title = "Prøveplan"
language = "da"

[[modules]]
title = "Start"
"""


def toml_value(value: object) -> str:
    """A Python value as TOML (enough for strings, numbers, booleans and lists of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def step(**fields: object) -> str:
    """One ``[[modules.steps]]`` table: a valid text step, changed by *fields*.

    A field given as None is left out.
    """
    values: dict[str, object] = {
        "id": "ideer",
        "kind": "text",
        "title": "Idéer",
        "prompt": "Hvad er vi her for?",
        "minutes": 5,
    }
    values.update(fields)
    lines = [f"{key} = {toml_value(value)}" for key, value in values.items() if value is not None]
    return "\n[[modules.steps]]\n" + "\n".join(lines) + "\n"


def problems(path: Path, lang: Lang = "da") -> list[str]:
    """The messages load_plan gives for *path* (it must fail)."""
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return caught.value.messages(lang)


def only(messages: list[str], field: str) -> str:
    """The one message about *field*."""
    found = [m for m in messages if f"'{field}'" in m]
    assert len(found) == 1, messages
    return found[0]


def test_a_valid_plan_loads_with_ids_derived_from_position(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(id=None) + step(id=None, title="Mere"), "plan.toml")
    plan = load_plan(path)
    assert [s.id for s in plan.steps] == ["m1-s1", "m1-s2"]
    assert plan.steps[0].kind is StepKind.TEXT


def test_unknown_kind_is_named_with_the_allowed_kinds(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step() + step(id="b", kind="tekst", title="Stem"), "plan.toml")
    message = only(problems(path), "kind")
    assert str(path) in message
    assert 'modul 1 "Start", trin 2 "Stem"' in message
    assert "'tekst'" in message
    assert "info, discuss, text" in message


def test_missing_prompt_is_reported(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(prompt=None), "plan.toml")
    message = only(problems(path), "prompt")
    assert str(path) in message
    assert 'modul 1 "Start", trin 1 "Idéer"' in message
    assert "mangler" in message


@pytest.mark.parametrize("minutes", [0, -3])
def test_minutes_must_be_positive(write_plan: WritePlan, minutes: int) -> None:
    path = write_plan(HEADER + step(minutes=minutes), "plan.toml")
    message = only(problems(path), "minutes")
    assert str(path) in message
    assert 'modul 1 "Start", trin 1 "Idéer"' in message
    assert "større end 0" in message


def test_vote_over_a_step_that_does_not_exist_is_reported(write_plan: WritePlan) -> None:
    vote = step(id="stem", kind="vote", title="Stem", options_from="findes-ikke")
    path = write_plan(HEADER + step() + vote, "plan.toml")
    message = only(problems(path), "options_from")
    assert str(path) in message
    assert 'modul 1 "Start", trin 2 "Stem"' in message
    assert "'findes-ikke', som ikke findes" in message


def test_vote_over_a_later_step_is_reported(write_plan: WritePlan) -> None:
    vote = step(id="stem", kind="vote", title="Stem", options_from="senere")
    path = write_plan(HEADER + vote + step(id="senere", title="Senere"), "plan.toml")
    message = only(problems(path), "options_from")
    assert str(path) in message
    assert 'modul 1 "Start", trin 1 "Stem"' in message
    assert "'senere', som først kommer senere" in message


def test_vote_over_itself_counts_as_a_later_step(write_plan: WritePlan) -> None:
    vote = step(id="stem", kind="vote", title="Stem", options_from="stem")
    path = write_plan(HEADER + vote, "plan.toml")
    assert "først kommer senere" in only(problems(path), "options_from")


def test_vote_over_a_step_without_text_is_reported(write_plan: WritePlan) -> None:
    scale = step(id="skala", kind="scale", title="Skala", statements=["Godt"])
    vote = step(id="stem", kind="vote", title="Stem", options_from="skala")
    path = write_plan(HEADER + scale + vote, "plan.toml")
    assert "ikke samler tekst" in only(problems(path), "options_from")


def test_fewer_than_one_dot_is_reported(write_plan: WritePlan) -> None:
    vote = step(id="stem", kind="vote", title="Stem", options=["A", "B"], dots=0)
    path = write_plan(HEADER + vote, "plan.toml")
    message = only(problems(path), "dots")
    assert str(path) in message
    assert 'modul 1 "Start", trin 1 "Stem"' in message
    assert "mindst 1, men er 0" in message


def test_scale_without_statements_is_reported(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(kind="scale", title="Skala"), "plan.toml")
    message = only(problems(path), "statements")
    assert str(path) in message
    assert 'modul 1 "Start", trin 1 "Skala"' in message
    assert "mindst ét udsagn" in message


def test_duplicate_step_ids_are_reported_at_the_second_use(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step() + step(title="Igen"), "plan.toml")
    message = only(problems(path), "id")
    assert str(path) in message
    assert 'modul 1 "Start", trin 2 "Igen"' in message
    assert "'ideer' bruges allerede" in message


def test_a_typo_in_a_key_suggests_the_right_one_in_danish(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(minutes=None, minuts=5), "plan.toml")
    message = only(problems(path), "minuts")
    assert str(path) in message
    assert 'modul 1 "Start", trin 1 "Idéer"' in message
    assert "Mente du 'minutes'?" in message


def test_a_typo_in_a_key_suggests_the_right_one_in_english(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(minutes=None, minuts=5), "plan.toml")
    message = only(problems(path, "en"), "minuts")
    assert 'module 1 "Start", step 1 "Idéer"' in message
    assert "Did you mean 'minutes'?" in message


def test_an_unknown_key_far_from_any_lists_what_is_allowed(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(farve="rød"), "plan.toml")
    message = only(problems(path), "farve")
    assert "Mente du" not in message
    assert "Tilladte felter her: id, kind, title, prompt, minutes" in message


def test_a_key_of_another_kind_is_reported(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(dots=3), "plan.toml")
    assert "hører ikke til trintypen 'text'" in only(problems(path), "dots")


def test_a_step_that_collects_objections_says_so(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan(HEADER + step(open_questions=True), "plan.toml"))
    assert plan.steps[0].open_questions
    plain = load_plan(write_plan(HEADER + step(), "plain.toml"))
    assert not plain.steps[0].open_questions


def test_open_questions_must_be_true_or_false_and_only_on_written_steps(
    write_plan: WritePlan,
) -> None:
    wrong = write_plan(HEADER + step(open_questions="ja"), "plan.toml")
    assert "open_questions" in only(problems(wrong), "open_questions")
    vote = step(kind="vote", options=["A", "B"], open_questions=True)
    assert "hører ikke til trintypen 'vote'" in only(
        problems(write_plan(HEADER + vote, "vote.toml")), "open_questions"
    )


def test_an_actions_step_can_name_how_we_will_see_that_it_worked(write_plan: WritePlan) -> None:
    label = "Hvordan kan vi se, at det er sket?"
    plan = load_plan(write_plan(HEADER + step(kind="actions", evidence_label=label), "plan.toml"))
    assert plan.steps[0].evidence_label == label
    text = write_plan(HEADER + step(evidence_label=label), "text.toml")
    assert "hører ikke til trintypen 'text'" in only(problems(text), "evidence_label")


def test_wrong_type_says_what_was_expected_and_found(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(minutes="fem"), "plan.toml")
    message = only(problems(path), "minutes")
    assert str(path) in message
    assert 'modul 1 "Start", trin 1 "Idéer"' in message
    assert "skal være et tal, men er tekst" in message


def test_a_module_that_is_not_a_list_of_tables_is_reported(write_plan: WritePlan) -> None:
    path = write_plan('title = "Plan"\n[modules]\ntitle = "Start"\n', "plan.toml")
    message = only(problems(path), "modules")
    assert "øverst i filen" in message
    assert "en liste af tabeller" in message


def test_an_empty_plan_names_the_missing_title_and_modules(write_plan: WritePlan) -> None:
    path = write_plan("", "plan.toml")
    messages = problems(path)
    assert all(str(path) in m and "øverst i filen" in m for m in messages)
    assert "mangler" in only(messages, "title")
    assert "ingen moduler" in only(messages, "modules")


def test_a_module_without_steps_is_reported(write_plan: WritePlan) -> None:
    path = write_plan(HEADER, "plan.toml")
    message = only(problems(path), "steps")
    assert 'modul 1 "Start"' in message
    assert "ingen trin" in message


def test_a_file_that_is_not_toml_names_the_line(write_plan: WritePlan) -> None:
    path = write_plan('title = "Plan"\n\n[[modules]\ntitle = "x"\n', "plan.toml")
    (message,) = problems(path)
    assert str(path) in message
    assert "ikke gyldig TOML i linje 3" in message


def test_a_file_that_does_not_exist_is_named(tmp_path: Path) -> None:
    path = tmp_path / "findes-ikke.toml"
    (message,) = problems(path)
    assert message == f"Planen findes ikke: {path}"


def test_a_language_other_than_danish_or_english_is_reported(write_plan: WritePlan) -> None:
    path = write_plan(HEADER.replace('"da"', '"de"') + step(), "plan.toml")
    message = only(problems(path), "language")
    assert str(path) in message
    assert "øverst i filen" in message
    assert "'de' kendes ikke. Tilladt: da, en" in message


def test_every_problem_is_reported_not_only_the_first(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(kind="tekst", prompt=None, minutes=0), "plan.toml")
    messages = problems(path)
    for field in ("kind", "prompt", "minutes"):
        assert only(messages, field)


def test_a_title_with_any_characters_is_named_intact(write_plan: WritePlan) -> None:
    title = "Plan | trin=2, {navn}"
    path = write_plan(HEADER + step(title=title, prompt=None), "plan.toml")
    assert f'trin 1 "{title}"' in only(problems(path), "prompt")


def test_a_value_that_looks_like_a_catalog_key_is_shown_as_written(
    write_plan: WritePlan,
) -> None:
    path = write_plan(HEADER + step(kind="type.string"), "plan.toml")
    assert "trintypen 'type.string' kendes ikke" in only(problems(path), "kind")


def test_messages_are_in_english_when_asked(write_plan: WritePlan) -> None:
    path = write_plan(HEADER + step(prompt=None), "plan.toml")
    message = only(problems(path, "en"), "prompt")
    assert message == (
        f'{path}: module 1 "Start", step 1 "Idéer", field \'prompt\': is missing (it is required)'
    )


def run_validate(*paths: str) -> subprocess.CompletedProcess[str]:
    """``kerne validate`` in a fresh interpreter, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "kerne_tui", "validate", *paths],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={"KERNE_LANG": "en", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_validate_command_fails_without_a_traceback(write_plan: WritePlan) -> None:
    broken = write_plan(HEADER + step(kind="tekst"), "plan.toml")
    missing = broken.with_name("missing.toml")
    result = run_validate(str(broken), str(missing))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{broken}: module 1" in result.stderr
    assert f"The plan does not exist: {missing}" in result.stderr
    assert "2 plans have mistakes." in result.stderr


def test_validate_says_one_plan_and_one_module_in_the_singular(write_plan: WritePlan) -> None:
    good = write_plan(HEADER + step(), "god.toml")
    broken = write_plan(HEADER + step(kind="tekst"), "plan.toml")
    result = run_validate(str(good), str(broken))
    assert f"{good}: valid (1 module, 1 step, 5 minutes)" in result.stdout
    assert "1 plan has mistakes." in result.stderr


def test_validate_command_passes_on_the_shipped_plans() -> None:
    shipped = [str(path) for path in builtin_plans()]
    assert shipped, "no plans in sessions/"
    result = run_validate(*shipped)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": valid (") == len(shipped)


def test_workplace_and_overall_task_are_read_and_kept_in_the_plan(write_plan: WritePlan) -> None:
    top = 'workplace = "Børnehuset Solsikken"\noverall_task = "Vi skaber trivsel og læring."\n'
    plan = load_plan(write_plan(top + HEADER + step(), "plan.toml"))
    assert plan.workplace == "Børnehuset Solsikken"
    assert plan.overall_task == "Vi skaber trivsel og læring."
    # The session keeps the plan as parsed, so an archive carries both fields.
    assert plan.raw["workplace"] == "Børnehuset Solsikken"


def test_a_workplace_that_is_not_text_is_named(write_plan: WritePlan) -> None:
    path = write_plan("workplace = 42\n" + HEADER + step(), "plan.toml")
    assert "'workplace'" in only(problems(path), "workplace")
