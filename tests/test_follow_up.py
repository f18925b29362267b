"""A follow-up builds on the day: what it copies, what it refuses, and the two sides compared."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from support import FakeClock
from support.follow_up import (
    DAY_AGREEMENTS,
    DAY_EVIDENCE,
    DAY_PINS,
    SESSIONS,
    run_day,
    shipped,
)

from kerne_tui.archive import read_earlier, read_record, render_report, write_archive
from kerne_tui.catalog import t
from kerne_tui.cli import main
from kerne_tui.plan import PlanError, StepKind, plan_from_data
from kerne_tui.rehearsal import Crowd, plan_answers
from kerne_tui.store import FollowUpRecord, LayoutError, SessionHeader
from kerne_tui.workshop import FollowUpError, Refused, Workshop, compared, results_for


@pytest.fixture
async def day(tmp_path: Path, clock: FakeClock) -> Path:
    """The day's session file (kerneopgaven-kort), closed."""
    return await run_day(tmp_path / "day", clock)


@pytest.fixture
def day_zip(day: Path, tmp_path: Path) -> Path:
    """The day's archive, as a workplace keeps it."""
    return write_archive(day, tmp_path / "archives")


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- what is copied ---------------------------------------------------------------------


async def test_the_follow_up_copies_the_sentence_agreements_and_scales_from_the_archive(
    day_zip: Path,
) -> None:
    record = read_earlier(day_zip, shipped("opfoelgning"))
    assert [pin.text for pin in record.pins] == list(DAY_PINS)
    assert record.pinned is not None and record.pinned.text == DAY_PINS[-1]
    assert record.source_name == day_zip.name and record.source_kind == "archive"
    assert len(record.source_sha256) == 64
    assert record.title == shipped("kerneopgaven-kort").title
    actions = record.actions("handlinger")
    assert actions is not None
    assert [(a.what, a.who, a.when) for a in actions.actions] == list(DAY_AGREEMENTS)
    assert [a.evidence for a in actions.actions] == list(DAY_EVIDENCE)
    klarhed = record.scale("klarhed")
    assert klarhed is not None and klarhed.respondents == 5
    # statement 1: answers 2, 2, 3, 1
    assert klarhed.counts[0] == (1, 3, 1, 0, 0)


async def test_a_session_file_works_as_well_as_an_archive(day: Path) -> None:
    record = read_earlier(day, shipped("opfoelgning"))
    assert record.source_kind == "session"
    assert record.scale("samarbejde") is not None


async def test_the_follow_up_stands_on_its_own_once_the_earlier_file_is_gone(
    day_zip: Path, data_dir: Path, clock: FakeClock
) -> None:
    plan = shipped("opfoelgning")
    record = read_earlier(day_zip, plan)
    workshop = Workshop.create(plan, data_dir, clock=clock, follow_up=record)
    workshop.store.release()
    day_zip.unlink()
    reread = read_record(workshop.path)
    assert reread.session_header.follow_up == record
    review = plan.step("aftalerne")
    assert [o.label for o in reread.options(review)] == [a[0] for a in DAY_AGREEMENTS]


def test_the_follow_up_record_survives_the_session_file_layout(day_zip: Path) -> None:
    record = read_earlier(day_zip, shipped("opfoelgning"))
    header = SessionHeader(title="x", follow_up=record)
    assert SessionHeader.from_doc(header.to_doc()).follow_up == record


def test_an_agreement_s_evidence_is_written_only_where_given(day_zip: Path) -> None:
    record = read_earlier(day_zip, shipped("opfoelgning"))
    written = record.to_doc()["action_steps"][0]["actions"]
    assert [a.get("evidence") for a in written] == [*DAY_EVIDENCE[:2], None]
    # A follow-up made before agreements had evidence reads as it was.
    for agreement in written:
        agreement.pop("evidence", None)
    doc = {**record.to_doc(), "action_steps": [{"step_id": "handlinger", "actions": written}]}
    older = FollowUpRecord.from_doc(doc)
    assert [a.evidence for a in older.action_steps[0].actions] == ["", "", ""]


def test_a_damaged_follow_up_field_is_named() -> None:
    doc = SessionHeader(title="x").to_doc()
    doc["follow_up"] = {"source_name": "a", "scales": [{"statements": ["a"], "counts": [[1]]}]}
    with pytest.raises(LayoutError, match="counts"):
        FollowUpRecord.from_doc(doc["follow_up"])


# --- the follow-up running --------------------------------------------------------------


async def test_phones_review_the_day_s_agreements_and_the_scale_is_compared(
    day_zip: Path, data_dir: Path, clock: FakeClock
) -> None:
    plan = shipped("opfoelgning")
    workshop = Workshop.create(plan, data_dir, clock=clock, follow_up=read_earlier(day_zip, plan))
    await workshop.open()
    try:
        await workshop.go_to("aftalerne")
        review = plan.step("aftalerne")
        ids = [o.id for o in workshop.options(review)]
        statuses = [("done", "under_way", "dropped"), ("done", "not_started", "dropped")]
        for phone, given in enumerate([*statuses, statuses[0]]):
            payload = {
                "statuses": dict(zip(ids, given, strict=True)),
                "comments": {ids[2]: "Forældremødet blev aflyst"} if phone == 0 else {},
            }
            await workshop.submit(f"p{phone}", review.id, "r", payload)
        results = results_for(
            review,
            workshop.contributions(review.id, include_invisible=True),
            workshop.options(review),
        )
        first, second, third = results.reviews
        assert (first.what, first.who, first.when) == DAY_AGREEMENTS[0]
        assert first.counts == (3, 0, 0, 0)
        assert second.counts == (0, 2, 1, 0)
        assert third.counts == (0, 0, 0, 3)
        assert third.comments == ("Forældremødet blev aflyst",)

        await workshop.go_to("klarhed")
        for phone in range(5):
            values = {"0": 4, "1": 3, "2": 5}
            await workshop.submit(f"p{phone}", "klarhed", "k", {"values": values})
        klarhed = plan.step("klarhed")
        now = results_for(klarhed, workshop.contributions("klarhed"), ())
        rows = compared(now, workshop.follow_up)
        assert rows[0].before.counts == (1, 3, 1, 0, 0)
        assert rows[0].after.counts == (0, 0, 0, 5, 0)
        assert rows[0].shift == pytest.approx(4 - 2.0)
    finally:
        await workshop.shutdown()


async def test_a_review_refuses_an_unknown_status_and_an_empty_answer(
    day_zip: Path, data_dir: Path, clock: FakeClock
) -> None:
    plan = shipped("opfoelgning")
    workshop = Workshop.create(plan, data_dir, clock=clock, follow_up=read_earlier(day_zip, plan))
    await workshop.open()
    try:
        await workshop.go_to("aftalerne")
        first = workshop.options(plan.step("aftalerne"))[0].id
        with pytest.raises(Refused) as wrong:
            await workshop.submit("p", "aftalerne", "1", {"statuses": {first: "maybe"}})
        assert (
            wrong.value.message("da")
            == "Vælg en status: gjort, i gang, ikke begyndt eller opgivet."
        )
        with pytest.raises(Refused) as empty:
            await workshop.submit("p", "aftalerne", "2", {"statuses": {}})
        assert empty.value.key == "refuse.review_none"
    finally:
        await workshop.shutdown()


async def test_too_few_answers_on_the_day_hide_that_side(
    tmp_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    day = await run_day(tmp_path / "day", clock)
    record = read_earlier(day, shipped("opfoelgning"))
    klarhed = record.scale("klarhed")
    assert klarhed is not None
    thin = replace(record, scales=(replace(klarhed, respondents=2),))
    step = shipped("opfoelgning").step("klarhed")
    rows = compared(results_for(step, (), ()), thin)
    assert rows and not rows[0].before_shown and rows[0].shift is None


# --- what is refused ----------------------------------------------------------------------


def test_a_plan_that_builds_on_the_day_says_what_is_missing_without_follow_up(
    data_dir: Path,
) -> None:
    with pytest.raises(FollowUpError) as missing:
        Workshop.create(shipped("opfoelgning"), data_dir)
    assert missing.value.message("da") == (
        "Planen »Opfølgning på kerneopgaven« bygger på en tidligere session (trinnene klarhed, "
        "samarbejde, aftalerne): start den med --follow-up og sessionsfilen eller arkivet fra "
        "dagen."
    )
    assert files_in(data_dir) == []


def test_a_missing_earlier_session_is_named(tmp_path: Path) -> None:
    with pytest.raises(FollowUpError) as error:
        read_earlier(tmp_path / "ingen.zip", shipped("opfoelgning"))
    assert error.value.message("en") == (
        f"The earlier session does not exist: {tmp_path / 'ingen.zip'}. Nothing was written."
    )


def test_a_folder_given_as_the_earlier_session_is_called_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FollowUpError) as error:
        read_earlier(tmp_path, shipped("opfoelgning"))
    assert error.value.message("da").startswith(f"{tmp_path} er en mappe; --follow-up skal have")


def test_a_damaged_earlier_session_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "dagen.json"
    broken.write_text('{"session": {"1": {"format": "kerne-session-1"', encoding="utf-8")
    with pytest.raises(FollowUpError) as error:
        read_earlier(broken, shipped("opfoelgning"))
    message = error.value.message("da")
    assert message.startswith(f"Den tidligere session {broken} kan ikke læses som en kerne-session")
    assert message.endswith("Intet er skrevet.")


async def test_an_earlier_session_of_another_plan_is_named(
    tmp_path: Path, clock: FakeClock
) -> None:
    other = await run_day(tmp_path / "other", clock, "faelles-fagligt-afsaet")
    with pytest.raises(FollowUpError) as error:
        read_earlier(other, shipped("opfoelgning"))
    # faelles-fagligt-afsaet has an actions step "handlinger" but none of the scales.
    assert error.value.key == "followup.lacking"
    assert "klarhed" in error.value.message("en")


async def test_an_earlier_session_with_none_of_the_steps_is_of_another_plan(
    tmp_path: Path, clock: FakeClock
) -> None:
    day = await run_day(tmp_path / "day", clock)
    follow_up = plan_from_data(
        {
            "title": "Opfølgning på noget andet",
            "modules": [
                {
                    "title": "M",
                    "steps": [
                        {
                            "id": "gennemgang",
                            "kind": "review",
                            "title": "Aftaler",
                            "prompt": "Status?",
                            "minutes": 3,
                            "actions_from": "aftaler-om-frokost",
                        }
                    ],
                }
            ],
        },
        "andet.toml",
    )
    with pytest.raises(FollowUpError) as error:
        read_earlier(day, follow_up)
    assert error.value.message("da") == (
        f"{day} er en session af planen »{read_record(day).plan.title}«, som ikke har nogen af "
        "de trin, opfølgningen bygger på (aftaler-om-frokost). Intet er skrevet."
    )


async def test_a_tampered_archive_is_refused_with_what_changed(day_zip: Path) -> None:
    with zipfile.ZipFile(day_zip) as bundle:
        members = {name: bundle.read(name) for name in bundle.namelist()}
    session_name = next(n for n in members if n.endswith(".json") and n != "manifest.json")
    data = orjson.loads(members[session_name])
    doc = next(iter(data["contributions"].values()))
    doc["what"] = doc.get("what", "") + " (rettet bagefter)"
    members[session_name] = orjson.dumps(data)
    with zipfile.ZipFile(day_zip, "w") as bundle:
        for name, payload in members.items():
            bundle.writestr(name, payload)
    with pytest.raises(FollowUpError) as error:
        read_earlier(day_zip, shipped("opfoelgning"))
    message = error.value.message("en")
    assert message.startswith(f"The archive {day_zip} does not match its manifest")
    assert session_name in message


async def test_an_earlier_session_lacking_a_compared_step_is_named(
    tmp_path: Path, clock: FakeClock
) -> None:
    day = await run_day(tmp_path / "day", clock)
    plan = shipped("opfoelgning")
    raw = dict(plan.raw)
    modules = [dict(m) for m in raw["modules"]]  # type: ignore[union-attr]
    steps = [dict(s) for s in modules[0]["steps"]]
    steps[1]["compare_with"] = "tryghed"
    modules[0]["steps"] = steps
    raw["modules"] = modules
    with pytest.raises(FollowUpError) as error:
        read_earlier(day, plan_from_data(raw, "opfoelgning.toml"))
    assert error.value.message("en") == (
        f'{day} (the plan "{read_record(day).plan.title}") has no step "tryghed", which the '
        'step "klarhed" of this plan builds on. Nothing was written.'
    )


async def test_statements_that_differ_from_the_day_s_are_named(
    tmp_path: Path, clock: FakeClock
) -> None:
    day = await run_day(tmp_path / "day", clock)
    plan = shipped("opfoelgning")
    raw = dict(plan.raw)
    modules = [dict(m) for m in raw["modules"]]  # type: ignore[union-attr]
    steps = [dict(s) for s in modules[0]["steps"]]
    statements = list(steps[1]["statements"])
    statements[1] = "Mine kolleger forstår kerneopgaven."
    steps[1]["statements"] = statements
    modules[0]["steps"] = steps
    raw["modules"] = modules
    with pytest.raises(FollowUpError) as error:
        read_earlier(day, plan_from_data(raw, "opfoelgning.toml"))
    assert error.value.message("da") == (
        "Udsagn 2 i trinnet »klarhed« er »Mine kolleger forstår kerneopgaven.«, men i "
        f"»klarhed« i {day} er det »Mine kolleger vil beskrive kerneopgaven på samme måde som "
        "jeg.«; udsagnene skal være ens for at kunne sammenlignes. Intet er skrevet."
    )


# --- the plan fields ----------------------------------------------------------------------


def _one_step(**fields: object) -> dict[str, object]:
    step = {"id": "s", "title": "T", "prompt": "P", "minutes": 2, **fields}
    return {"title": "Plan", "modules": [{"title": "M", "steps": [step]}]}


def test_a_review_without_actions_from_is_reported() -> None:
    with pytest.raises(PlanError) as error:
        plan_from_data(_one_step(kind="review"), "p.toml")
    assert "'actions_from': mangler (skal angives)" in error.value.messages("da")[0]


def test_compare_with_must_be_a_step_id() -> None:
    with pytest.raises(PlanError) as error:
        plan_from_data(_one_step(kind="scale", statements=["a"], compare_with="Klar hed"), "p.toml")
    assert "'compare_with'" in error.value.messages("en")[0]


def test_compare_with_belongs_to_scales_only() -> None:
    with pytest.raises(PlanError) as error:
        plan_from_data(_one_step(kind="text", compare_with="klarhed"), "p.toml")
    assert error.value.problems[0].key == "plan.err.not_for_kind"


def test_a_valid_review_and_compared_scale_load() -> None:
    plan = plan_from_data(
        _one_step(kind="scale", statements=["a"], compare_with="klarhed"), "p.toml"
    )
    assert plan.steps[0].compare_with == "klarhed"
    assert plan.builds_on_earlier == plan.steps
    review = plan_from_data(_one_step(kind="review", actions_from="handlinger"), "p.toml")
    assert review.steps[0].kind is StepKind.REVIEW and review.steps[0].actions_from == "handlinger"


def test_the_missing_sentence_is_one_sentence_in_both_languages() -> None:
    for lang in ("da", "en"):
        text = t(lang, "followup.missing", plan="P", steps="a, b")
        assert text.count(". ") == 0 and text.endswith(".")


# --- rehearsal phones -------------------------------------------------------------------


def test_a_simulated_phone_gives_every_agreement_a_status() -> None:
    step = {
        "id": "aftalerne",
        "kind": "review",
        "max_length": 20,
        "agreements": [{"id": f"c{n}", "what": f"Aftale {n}"} for n in range(4)],
    }
    crowd = Crowd(3, "seed")
    answers = [plan_answers(step, "da", phone, crowd) for phone in range(3)]
    for (payload,) in answers:
        assert set(payload["statuses"]) == {"c0", "c1", "c2", "c3"}
        assert set(payload["statuses"].values()) <= {"done", "under_way", "not_started", "dropped"}
        assert all(len(text) <= 20 for text in payload["comments"].values())
    assert answers == [plan_answers(step, "da", phone, crowd) for phone in range(3)]
    assert plan_answers({**step, "agreements": []}, "da", 0, crowd) == []


# --- the report -------------------------------------------------------------------------


async def test_the_report_shows_the_day_even_when_today_has_too_few_or_no_answers(
    day_zip: Path, data_dir: Path, clock: FakeClock
) -> None:
    plan = shipped("opfoelgning")
    workshop = Workshop.create(plan, data_dir, clock=clock, follow_up=read_earlier(day_zip, plan))
    await workshop.open()
    try:
        await workshop.go_to("klarhed")
        for phone in range(2):
            await workshop.submit(f"p{phone}", "klarhed", "k", {"values": {"0": 5, "1": 5, "2": 5}})
        await workshop.close()
    finally:
        await workshop.shutdown()
    record = read_record(workshop.path)
    markdown = render_report(record, "md", generated=clock.now())
    klarhed = "| Jeg kan forklare vores kerneopgave i én sætning. | Dagen | 1 | 3 | 1 | 0 | 0 | 5 |"
    assert klarhed in markdown
    assert "|  | Nu | – | – | – | – | – | – | – |  |" in markdown
    assert "Nu: for få svar til at vise (2 svar, mindst 5)." in markdown
    # Nobody answered samarbejde today: the day's answers are still there.
    assert "| Vi har fælles mål for det arbejde, vi gør sammen. | Dagen |" in markdown
    assert "Nu: for få svar til at vise (0 svar, mindst 5)." in markdown
    assert "| 0 | 0 | 0 | 0 | 2 |" not in markdown  # the two answers of today stay hidden


def test_validate_says_which_steps_build_on_the_day(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KERNE_LANG", "da")
    assert main(["validate", str(SESSIONS / "opfoelgning.toml")]) == 0
    out = capsys.readouterr().out
    assert "gyldig (3 moduler, 10 trin, 45 minutter)" in out
    assert "klarhed → klarhed, samarbejde → samarbejde, aftalerne → handlinger" in out
