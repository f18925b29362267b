"""The points and matrix kinds: plan checks, payload checks, tallies, the engine, rehearsal, report.

Their phone server and phone page are in ``test_points_matrix_web.py`` and
``test_points_matrix_browser.py``; the wall in ``test_points_matrix_screen.py``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support import FakeClock, load_test_plan, new_workshop

from kerne_tui.archive import read_record, render_report
from kerne_tui.catalog import t
from kerne_tui.plan import Option, PlanError, Step, StepKind, load_plan
from kerne_tui.rehearsal.answers import Crowd, plan_answers
from kerne_tui.store import read_session_data, rows
from kerne_tui.workshop import Contribution, Refused, Workshop, results_for
from kerne_tui.workshop.kinds import spec_for

OPTIONS = (Option("1", "Tid med borgeren"), Option("2", "Dokumentation"), Option("3", "Møder"))
MADE = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def points_step(**fields: Any) -> Step:
    return Step(id="s", kind=StepKind.POINTS, title="Fordel", prompt="Fordel", minutes=1, **fields)


def matrix_step(**fields: Any) -> Step:
    base: dict[str, Any] = {"x_label": "Indsats", "y_label": "Betydning"}
    return Step(
        id="s",
        kind=StepKind.MATRIX,
        title="Matrix",
        prompt="Placér",
        minutes=1,
        **(base | fields),
    )


def refused(step: Step, payload: Any) -> str:
    with pytest.raises(Refused) as caught:
        spec_for(step.kind).check(step, payload, OPTIONS)
    return caught.value.key


def answer(kind: StepKind, device: str, **fields: Any) -> Contribution:
    return Contribution(
        id=f"c-{device}",
        step_id="s",
        kind=kind,
        device=device,
        client_id="k",
        at="2026-11-23T09:00:00.000Z",
        **fields,
    )


# --- points: the payload ---------------------------------------------------------------------


def test_points_within_the_budget_are_taken_without_the_zeros() -> None:
    fields = spec_for(StepKind.POINTS).check(
        points_step(), {"points": {"1": 60, "2": 0, "3": 40}}, OPTIONS
    )
    assert fields == {"points": {"1": 60, "3": 40}}


def test_points_need_not_use_the_whole_budget() -> None:
    fields = spec_for(StepKind.POINTS).check(points_step(budget=10), {"points": {"2": 3}}, OPTIONS)
    assert fields == {"points": {"2": 3}}


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        ({"points": {"1": 60, "2": 41}}, "refuse.points_over"),
        ({"points": {"1": 10**12}}, "refuse.points_over"),
        ({"points": {"1": -5, "2": 50}}, "refuse.points_value"),
        ({"points": {"1": 2.5}}, "refuse.points_value"),
        ({"points": {"1": "40"}}, "refuse.points_value"),
        ({"points": {"1": True}}, "refuse.points_value"),
        ({"points": {"1": None}}, "refuse.points_value"),
        ({"points": {"9": 10}}, "refuse.unknown_option"),
        ({"points": {"1": 0, "2": 0}}, "refuse.points_none"),
        ({"points": {}}, "refuse.points_none"),
        ({"points": [40, 60]}, "refuse.wrong_kind"),
        ({"points": "alle til 1"}, "refuse.wrong_kind"),
        ({"dots": {"1": 1}}, "refuse.wrong_kind"),
        ({"points": {str(n): 1 for n in range(10_000)}}, "refuse.unknown_option"),
    ],
)
def test_points_off_the_rules_are_refused_with_their_reason(payload: Any, key: str) -> None:
    assert refused(points_step(), payload) == key


def test_over_the_budget_says_the_budget_and_what_was_given() -> None:
    with pytest.raises(Refused) as caught:
        spec_for(StepKind.POINTS).check(points_step(), {"points": {"1": 70, "2": 40}}, OPTIONS)
    assert caught.value.message("da") == "For mange point: du har 100 i alt og har givet 110."
    assert caught.value.message("en") == "Too many points: you have 100 in all and gave 110."


def test_points_are_shared_out_once_per_phone() -> None:
    spec = spec_for(StepKind.POINTS)
    first = answer(StepKind.POINTS, "a", points={"1": 100})
    spec.check_caps(points_step(), [], {"points": {"1": 100}})
    with pytest.raises(Refused) as caught:
        spec.check_caps(points_step(), [first], {"points": {"2": 1}})
    assert caught.value.key == "refuse.already_answered"


def test_points_tally_as_bars_sorted_by_points_with_the_people_behind_them() -> None:
    given = [
        answer(StepKind.POINTS, "a", points={"1": 20, "3": 80}),
        answer(StepKind.POINTS, "b", points={"3": 50, "2": 50}),
        answer(StepKind.POINTS, "c", points={"1": 100}),
    ]
    results = results_for(points_step(min_answers=1), given, OPTIONS)
    assert [(bar.label, bar.value, bar.people) for bar in results.bars] == [
        ("Møder", 130, 2),
        ("Tid med borgeren", 120, 2),
        ("Dokumentation", 50, 1),
    ]
    assert results.count == 3


# --- matrix: the payload ---------------------------------------------------------------------


def test_a_placement_of_every_option_is_taken_as_pairs() -> None:
    fields = spec_for(StepKind.MATRIX).check(
        matrix_step(), {"placements": {"1": [1, 5], "2": [5, 1], "3": [3, 3]}}, OPTIONS
    )
    assert fields == {"placements": {"1": (1, 5), "2": (5, 1), "3": (3, 3)}}


@pytest.mark.parametrize(
    ("placements", "key"),
    [
        ({"1": [0, 3], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": [3, 6], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": [3, -1], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": [2.5, 3], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": ["3", "3"], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": [True, 3], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": [3], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": [3, 3, 3], "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": {"x": 3, "y": 3}, "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": None, "2": [1, 1], "3": [1, 1]}, "refuse.matrix_value"),
        ({"1": [3, 3], "2": [1, 1]}, "refuse.matrix_missing"),
        ({}, "refuse.matrix_missing"),
        ({"1": [3, 3], "2": [1, 1], "3": [1, 1], "4": [2, 2]}, "refuse.unknown_option"),
    ],
)
def test_placements_off_the_grid_or_the_options_are_refused(placements: Any, key: str) -> None:
    assert refused(matrix_step(), {"placements": placements}) == key


@pytest.mark.parametrize("payload", [{"placements": [[1, 1]]}, {"placements": "1,1"}, {}])
def test_placements_of_the_wrong_shape_are_refused(payload: Any) -> None:
    assert refused(matrix_step(), payload) == "refuse.wrong_kind"


def test_a_matrix_without_options_says_so() -> None:
    with pytest.raises(Refused) as caught:
        spec_for(StepKind.MATRIX).check(matrix_step(), {"placements": {}}, ())
    assert caught.value.key == "refuse.no_options"


def test_the_matrix_tally_gives_each_option_its_average_and_spread() -> None:
    given = [
        answer(StepKind.MATRIX, "a", placements={"1": (1, 5), "2": (4, 2), "3": (3, 3)}),
        answer(StepKind.MATRIX, "b", placements={"1": (2, 5), "2": (5, 2), "3": (3, 3)}),
        answer(StepKind.MATRIX, "c", placements={"1": (3, 5), "2": (5, 2), "3": (3, 3)}),
    ]
    results = results_for(matrix_step(min_answers=1), given, OPTIONS)
    first, second, third = results.placements
    assert (first.label, first.answers, first.x, first.y) == ("Tid med borgeren", 3, 2.0, 5.0)
    assert first.x_spread == pytest.approx((2 / 3) ** 0.5)
    assert first.y_spread == 0
    assert (second.x, second.y) == (pytest.approx(14 / 3), 2.0)
    assert (third.x, third.y, third.x_spread, third.y_spread) == (3.0, 3.0, 0.0, 0.0)


def test_an_option_nobody_placed_is_listed_without_a_place() -> None:
    given = [answer(StepKind.MATRIX, "a", placements={"1": (1, 5)})]
    results = results_for(matrix_step(min_answers=1), given, OPTIONS)
    assert [p.answers for p in results.placements] == [1, 0, 0]
    assert results.placements[1].x == 0.0


def test_new_contribution_fields_survive_the_session_file() -> None:
    made = (
        answer(StepKind.MATRIX, "a", placements={"1": (1, 5)}, points={}),
        answer(StepKind.POINTS, "b", points={"1": 30}),
    )
    for contribution in made:
        doc = json.loads(json.dumps(contribution.to_doc()))
        assert Contribution.from_doc(doc) == contribution


# --- the plan file ---------------------------------------------------------------------------

PLAN_HEAD = """\
title = "Prøve"

[[modules]]
title = "Modul"

[[modules.steps]]
id = "ideer"
kind = "text"
title = "Idéer"
prompt = "Skriv."
minutes = 2
"""


def plan_with(tmp_path: Path, step: str) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN_HEAD + "\n[[modules.steps]]\n" + step, encoding="utf-8")
    return path


def problems(tmp_path: Path, step: str, lang: str = "da") -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(plan_with(tmp_path, step))
    return caught.value.messages("da" if lang == "da" else "en")


def test_a_points_step_has_a_budget_of_100_unless_the_plan_says() -> None:
    plan = load_test_plan("points-matrix")
    assert plan.step("fordel").budget == 100
    assert plan.step("fordel-ideer").budget == 10
    assert plan.step("fordel-ideer").options_from == "ideer"


def test_a_matrix_step_keeps_its_axes_and_end_labels() -> None:
    step = load_test_plan("points-matrix").step("matrix")
    assert (step.x_label, step.y_label) == ("Indsats", "Betydning for borgeren")
    assert (step.x_low_label, step.y_high_label) == ("lille indsats", "stor betydning")
    assert len(step.options) == 5


def test_a_budget_over_the_limit_is_named_with_file_step_and_field(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        'id = "p"\nkind = "points"\ntitle = "Point"\nprompt = "Fordel."\nminutes = 2\n'
        'options = ["A", "B"]\nbudget = 5000\n',
    )
    assert len(found) == 1
    assert "plan.toml" in found[0] and "Point" in found[0] and "budget" in found[0]
    assert "højst være 1000" in found[0]


@pytest.mark.parametrize("budget", ["0", '"hundrede"', "true"])
def test_a_budget_that_is_no_whole_number_from_1_is_refused(tmp_path: Path, budget: str) -> None:
    found = problems(
        tmp_path,
        'id = "p"\nkind = "points"\ntitle = "Point"\nprompt = "Fordel."\nminutes = 2\n'
        f'options = ["A", "B"]\nbudget = {budget}\n',
    )
    assert any("budget" in message for message in found)


def test_a_matrix_without_its_axes_is_refused_with_both_named(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        'id = "m"\nkind = "matrix"\ntitle = "Matrix"\nprompt = "Placér."\nminutes = 2\n'
        'options = ["A", "B"]\ny_label = " "\n',
        lang="en",
    )
    assert len(found) == 2
    assert any("x_label" in message and "missing" in message for message in found)
    assert any("y_label" in message for message in found)


def test_a_matrix_with_too_many_fixed_options_is_refused(tmp_path: Path) -> None:
    options = ", ".join(f'"Forslag {n}"' for n in range(13))
    found = problems(
        tmp_path,
        'id = "m"\nkind = "matrix"\ntitle = "Matrix"\nprompt = "Placér."\nminutes = 2\n'
        f'options = [{options}]\nx_label = "Indsats"\ny_label = "Betydning"\n',
    )
    assert len(found) == 1 and "højst have 12 valgmuligheder (der er 13)" in found[0]


def test_new_kinds_carry_forward_only_from_text_steps(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        'id = "p"\nkind = "points"\ntitle = "Point"\nprompt = "Fordel."\nminutes = 2\n'
        'options = ["A", "B"]\n\n[[modules.steps]]\n'
        'id = "m"\nkind = "matrix"\ntitle = "Matrix"\nprompt = "Placér."\nminutes = 2\n'
        'options_from = "p"\nx_label = "Indsats"\ny_label = "Betydning"\n',
    )
    assert len(found) == 1 and "options_from" in found[0] and "'p'" in found[0]


def test_fields_of_one_new_kind_are_refused_on_the_other(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        'id = "p"\nkind = "points"\ntitle = "Point"\nprompt = "Fordel."\nminutes = 2\n'
        'options = ["A", "B"]\nx_label = "Indsats"\n',
    )
    assert len(found) == 1 and "x_label" in found[0] and "points" in found[0]


# --- through the engine ----------------------------------------------------------------------


@pytest.fixture
async def session(tmp_path: Path) -> Any:
    workshop = new_workshop(load_test_plan("points-matrix"), tmp_path, FakeClock())
    await workshop.open()
    await workshop.start()
    try:
        yield workshop
    finally:
        await workshop.shutdown()


async def carried_forward(workshop: Workshop) -> list[str]:
    for n, text in enumerate(["Fast pausetid", "Færre møder", "Makkerpar"]):
        await workshop.submit(f"writer-{n}", "ideer", f"i{n}", {"text": text})
    return [c.id for c in workshop.contributions("ideer")]


async def test_carried_forward_options_take_points_and_placements(session: Workshop) -> None:
    ideas = await carried_forward(session)
    await session.go_to("fordel-ideer", run_timer=False)
    made = await session.submit("p1", "fordel-ideer", "a", {"points": {ideas[0]: 7, ideas[2]: 3}})
    assert made.points == {ideas[0]: 7, ideas[2]: 3}
    with pytest.raises(Refused) as caught:
        await session.submit("p2", "fordel-ideer", "b", {"points": {ideas[0]: 11}})
    assert caught.value.key == "refuse.points_over"
    await session.go_to("matrix-ideer", run_timer=False)
    placed = {ideas[0]: [1, 5], ideas[1]: [4, 4], ideas[2]: [2, 2]}
    made = await session.submit("p1", "matrix-ideer", "c", {"placements": placed})
    assert made.placements == {key: (x, y) for key, (x, y) in placed.items()}


async def test_a_refused_answer_stores_nothing(session: Workshop) -> None:
    await session.go_to("matrix", run_timer=False)
    options = [o.id for o in session.options(session.plan.step("matrix"))]
    hostile = [
        {"placements": {options[0]: [9, 9]}},
        {"placements": {key: [1, 1] for key in options} | {"x": [1, 1]}},
        {"placements": {options[0]: [1, 1]}},
        {"points": {options[0]: 1}},
    ]
    for n, payload in enumerate(hostile):
        with pytest.raises(Refused):
            await session.submit("p1", "matrix", f"h{n}", payload)
    assert list(session.contributions("matrix", include_invisible=True)) == []
    await session.save_state()
    assert rows(read_session_data(session.path), "contributions") == []


# --- rehearsal phones ------------------------------------------------------------------------


def api_step(step: Step, options: tuple[Option, ...]) -> dict[str, Any]:
    """The step as the state API shows it, enough for the simulated phones."""
    return {
        "id": step.id,
        "kind": step.kind.value,
        "title": step.title,
        "options": [{"id": o.id, "label": o.label} for o in options],
        "budget": step.budget,
    }


@pytest.mark.parametrize("budget", [1, 10, 100, 1000])
def test_rehearsal_phones_share_out_points_the_rules_allow(budget: int) -> None:
    step = points_step(budget=budget, min_answers=1)
    crowd = Crowd(12, "seed")
    sent = [
        p for phone in range(12) for p in plan_answers(api_step(step, OPTIONS), "da", phone, crowd)
    ]
    assert len(sent) >= 10  # a couple sit it out
    for payload in sent:
        spec_for(StepKind.POINTS).check(step, payload, OPTIONS)
    spent = [sum(payload["points"].values()) for payload in sent]
    assert max(spent) == budget
    results = results_for(
        step,
        [answer(StepKind.POINTS, str(n), points=p["points"]) for n, p in enumerate(sent)],
        OPTIONS,
    )
    assert results.bars[0].value > results.bars[-1].value  # a favourite, not an even spread


def test_rehearsal_phones_place_every_option_near_where_the_room_does() -> None:
    step = matrix_step(min_answers=1)
    crowd = Crowd(12, "seed")
    sent = [
        p for phone in range(12) for p in plan_answers(api_step(step, OPTIONS), "en", phone, crowd)
    ]
    for payload in sent:
        spec_for(StepKind.MATRIX).check(step, payload, OPTIONS)
    results = results_for(
        step,
        [
            answer(
                StepKind.MATRIX,
                str(n),
                placements={k: tuple(v) for k, v in p["placements"].items()},
            )
            for n, p in enumerate(sent)
        ],
        OPTIONS,
    )
    # Clustered but not unanimous: every option has a spread, and none is spread over the grid.
    assert all(0 < p.x_spread < 1.5 and 0 < p.y_spread < 1.5 for p in results.placements)


# --- the report ------------------------------------------------------------------------------


async def finished_session(tmp_path: Path) -> Path:
    clock = FakeClock()
    workshop = new_workshop(load_test_plan("points-matrix"), tmp_path, clock)
    await workshop.open()
    try:
        await workshop.start()
        await workshop.go_to("fordel", run_timer=False)
        options = [o.id for o in workshop.options(workshop.plan.step("fordel"))]
        for n, shares in enumerate([(50, 10, 10, 30), (60, 0, 20, 20), (40, 20, 0, 40)]):
            points = {o: p for o, p in zip(options, shares, strict=True) if p}
            await workshop.submit(f"p{n}", "fordel", f"f{n}", {"points": points})
        await workshop.go_to("matrix", run_timer=False)
        options = [o.id for o in workshop.options(workshop.plan.step("matrix"))]
        grids = [
            [(1, 5), (2, 4), (4, 2), (3, 4), (5, 1)],
            [(2, 5), (1, 4), (5, 2), (3, 5), (4, 1)],
            [(1, 4), (2, 3), (5, 3), (4, 4), (5, 2)],
        ]
        for n, grid in enumerate(grids):
            placed = {o: list(xy) for o, xy in zip(options, grid, strict=True)}
            await workshop.submit(f"p{n}", "matrix", f"m{n}", {"placements": placed})
        await workshop.close()
        return workshop.path
    finally:
        await workshop.shutdown()


async def test_the_markdown_report_gives_totals_averages_and_placements(tmp_path: Path) -> None:
    record = read_record(await finished_session(tmp_path))
    text = render_report(record, "md", generated=MADE, zone=UTC)
    assert "| Tid med borgeren | 150 | 50,0 | 3 |" in text
    assert "| Møder | 30 | 10,0 | 2 |" in text
    assert t("da", "archive.points.rule", budget=100) in text
    assert (
        "| 1 | Fast pausetid | 3 | 1,3 ± 0,5 | 4,7 ± 0,5 | stor betydning, lille indsats |" in text
    )
    assert (
        "| 3 | Ny tjekliste | 3 | 4,7 ± 0,5 | 2,3 ± 0,5 | lille betydning, stor indsats |" in text
    )


async def test_the_html_report_draws_the_bars_and_the_grid(tmp_path: Path) -> None:
    record = read_record(await finished_session(tmp_path))
    page = render_report(record, "html", generated=MADE, zone=UTC)
    matrix = page.split('class="step kind-matrix"', 1)[1].split("</article>", 1)[0]
    assert matrix.count("<circle ") == 5 and matrix.count("<ellipse ") == 5
    assert "stor betydning · lille indsats" in matrix  # a quadrant named in its corner
    assert "1,3 ± 0,5" in matrix
    points = page.split('class="step kind-points"', 1)[1].split("</article>", 1)[0]
    assert (
        points.index("Tid med borgeren") < points.index("Faglig sparring") < points.index("Møder")
    )
    assert "50,0" in points


async def test_the_csv_has_each_phone_s_points_and_placements(tmp_path: Path) -> None:
    record = read_record(await finished_session(tmp_path))
    text = render_report(record, "csv", generated=MADE, zone=UTC)
    assert "50 point til Tid med borgeren; 10 point til Dokumentation" in text
    assert "Fast pausetid: Indsats 1, Betydning for borgeren 5" in text
