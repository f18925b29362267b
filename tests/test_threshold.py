"""The anonymity threshold in the plan, the report, the CSV and the archive.

Five phones by default: with four the counts of a vote and a word cloud are held back in the
report (Markdown and HTML), in the CSV's value cells and in the archive's zip; with five they
show. A plan may go down to three, never lower, and may ask for more.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support import FakeClock, data_folder, open_workshop

from kerne_tui.archive import read_record, render_report, write_archive
from kerne_tui.plan import PlanError, plan_from_data
from kerne_tui.store import EarlierScale, FollowUpRecord
from kerne_tui.workshop import Workshop, compared, results_for

MADE = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def plan_data(**vote: object) -> dict[str, object]:
    """A plan with a dot vote (its keys overridable) and a word cloud, on the defaults."""
    return {
        "title": "Tærskel",
        "language": "da",
        "modules": [
            {
                "title": "Et modul",
                "steps": [
                    {
                        "id": "stemme",
                        "kind": "vote",
                        "title": "Hvad fylder mest?",
                        "prompt": "Sæt din prik.",
                        "minutes": 3,
                        "dots": 1,
                        "options": ["Møder", "Mails"],
                        **vote,
                    },
                    {
                        "id": "ord",
                        "kind": "words",
                        "title": "Ét ord",
                        "prompt": "Hvordan har du det?",
                        "minutes": 2,
                    },
                ],
            }
        ],
    }


async def run(tmp_path: Path, phones: int) -> Workshop:
    """*phones* phones vote for Mails and write "Kaffe"; the session closed."""
    clock = FakeClock()
    plan = plan_from_data(plan_data(), "taerskel.toml")
    async with open_workshop(plan, data_folder(tmp_path), clock) as workshop:
        await workshop.start()
        mails = workshop.options(plan.step("stemme"))[1].id
        for phone in range(phones):
            await workshop.submit(f"phone-{phone}", "stemme", "s", {"dots": {mails: 1}})
        await workshop.next_step()
        for phone in range(phones):
            await workshop.submit(f"phone-{phone}", "ord", "o", {"words": ["Kaffe"]})
        await workshop.close()
    return workshop


def csv_values(text: str) -> list[str]:
    """The value column of a Danish CSV."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    return [row["Tekst eller værdi"] for row in rows]


async def test_four_answers_are_held_back_in_the_report_the_csv_and_the_zip(
    tmp_path: Path,
) -> None:
    workshop = await run(tmp_path, 4)
    record = read_record(workshop.path)
    markdown = render_report(record, "md", generated=MADE, zone=UTC)
    html = render_report(record, "html", generated=MADE, zone=UTC)
    held = "Resultatet vises ikke: kun 4 svarede, og mindst 5 skal svare"
    assert markdown.count(held) == 2  # the vote and the word cloud
    assert html.count(held) == 2
    for report in (markdown, html):
        assert "Mails" not in report.split("Hvad fylder mest?", 2)[-1]
        assert "kaffe" not in report.lower()
    values = csv_values(render_report(record, "csv", generated=MADE, zone=UTC))
    assert values == ["(holdt tilbage: færre end 5 svarede)"] * 8
    zip_path = write_archive(workshop.path, tmp_path / "arkiv", now=MADE, zone=UTC)
    with zipfile.ZipFile(zip_path) as bundle:
        for name in ("report.md", "report.html", "contributions.csv"):
            text = bundle.read(name).decode("utf-8")
            assert "Mails" not in text.split("Hvad fylder mest?", 2)[-1], name
            assert "kaffe" not in text.lower(), name


async def test_five_answers_are_shown_in_the_report_and_the_csv(tmp_path: Path) -> None:
    workshop = await run(tmp_path, 5)
    record = read_record(workshop.path)
    markdown = render_report(record, "md", generated=MADE, zone=UTC)
    assert "Resultatet vises ikke" not in markdown
    assert "| Mails | 5 | 5 |" in markdown
    assert "kaffe" in markdown.lower()
    values = csv_values(render_report(record, "csv", generated=MADE, zone=UTC))
    assert values == ["1 × Mails"] * 5 + ["kaffe"] * 5


def test_the_default_is_five_a_plan_may_ask_for_more_or_go_down_to_three() -> None:
    assert plan_from_data(plan_data(), "p.toml").step("stemme").min_answers == 5
    more = plan_from_data(plan_data(min_answers=10), "p.toml").step("stemme")
    assert (more.min_answers, more.lowered) == (10, False)
    fewer = plan_from_data(plan_data(min_answers=3), "p.toml").step("stemme")
    assert (fewer.min_answers, fewer.lowered) == (3, True)


@pytest.mark.parametrize("value", [0, 1, 2])
def test_below_three_is_refused_in_one_sentence(value: int) -> None:
    with pytest.raises(PlanError) as refused:
        plan_from_data(plan_data(min_answers=value), "p.toml")
    (message,) = refused.value.messages("da")
    assert "min_answers" in message
    assert f"skal være mindst 3, men er {value}" in message
    assert "kan et svar spores til en person" in message


async def test_the_console_says_the_figures_are_held_back_below_five(tmp_path: Path) -> None:
    from kerne_tui.console.lines import answers_head
    from kerne_tui.console.listing import options_for
    from kerne_tui.control import facilitator_view

    clock = FakeClock()
    plan = plan_from_data(plan_data(), "taerskel.toml")
    async with open_workshop(plan, data_folder(tmp_path), clock) as workshop:
        await workshop.start()
        mails = workshop.options(plan.step("stemme"))[1].id
        for phone in range(5):
            if phone == 4:
                view = facilitator_view(workshop, phones=30)
                said = answers_head(view["answers"], "da").plain
                assert "tallene holdes tilbage, til mindst 5 har svaret" in said
                assert options_for(view, "da", None) == []
            await workshop.submit(f"phone-{phone}", "stemme", "s", {"dots": {mails: 1}})
        view = facilitator_view(workshop, phones=30)
        assert "holdes tilbage" not in answers_head(view["answers"], "da").plain
        assert "   5  Mails" in [option.prompt.plain for option in options_for(view, "da", None)]


def follow_up_plan() -> dict[str, object]:
    """A follow-up with one scale compared with the day's ``klarhed``."""
    return {
        "title": "Opfølgning",
        "language": "da",
        "modules": [
            {
                "title": "Et modul",
                "steps": [
                    {
                        "id": "klarhed",
                        "kind": "scale",
                        "title": "Klarhed",
                        "prompt": "Hvor klart?",
                        "minutes": 3,
                        "statements": ["Jeg ved, hvad vi skal"],
                        "compare_with": "klarhed",
                    }
                ],
            }
        ],
    }


def the_day(respondents: int) -> FollowUpRecord:
    """The day's copy with *respondents* phones on its scale (its threshold the default)."""
    scale = EarlierScale(
        step_id="klarhed",
        title="Klarhed",
        statements=("Jeg ved, hvad vi skal",),
        counts=((0, respondents, 0, 0, 0),),
        respondents=respondents,
        min_answers=5,
    )
    return FollowUpRecord(
        source_name="dagen.zip",
        source_sha256="0" * 64,
        source_kind="archive",
        title="Dagen",
        created="2026-11-23T08:00:00.000Z",
        scales=(scale,),
    )


@pytest.mark.parametrize("phones", [4, 5])
async def test_a_compared_scale_shows_each_side_from_five_phones(
    tmp_path: Path, phones: int
) -> None:
    plan = plan_from_data(follow_up_plan(), "opf.toml")
    workshop = Workshop.create(
        plan, data_folder(tmp_path), clock=FakeClock(), follow_up=the_day(phones)
    )
    await workshop.open()
    try:
        await workshop.start()
        for phone in range(phones):
            await workshop.submit(f"phone-{phone}", "klarhed", "k", {"values": {"0": 4}})
        step = plan.step("klarhed")
        results = results_for(step, workshop.contributions("klarhed"), ())
        (row,) = compared(results, workshop.follow_up)
        await workshop.close()
    finally:
        await workshop.shutdown()
    shown = phones >= 5
    assert (row.before_shown, row.after_shown) == (shown, shown)
    assert (row.shift is not None) == shown
    markdown = render_report(read_record(workshop.path), "md", generated=MADE, zone=UTC)
    held = f"for få svar til at vise ({phones} svar, mindst 5)"
    assert (held in markdown) == (not shown)


@pytest.mark.parametrize("phones", [4, 5])
async def test_a_questions_step_s_upvotes_are_held_back_in_the_report_and_csv_below_five(
    tmp_path: Path, phones: int
) -> None:
    data = plan_data()
    data["modules"][0]["steps"] = [  # type: ignore[index]
        {"id": "spoerg", "kind": "questions", "title": "Spørg", "prompt": "Spørg", "minutes": 5}
    ]
    plan = plan_from_data(data, "spoerg.toml")
    async with open_workshop(plan, data_folder(tmp_path), FakeClock()) as workshop:
        await workshop.start()
        first = await workshop.submit("phone-0", "spoerg", "a", {"text": "Budgettet?"})
        await workshop.submit("phone-1", "spoerg", "b", {"text": "Ferien?"})
        for phone in range(2, phones):
            await workshop.submit(f"phone-{phone}", "spoerg", "u", {"upvote": first.id})
        await workshop.close()
    record = read_record(workshop.path)
    markdown = render_report(record, "md", generated=MADE, zone=UTC)
    html = render_report(record, "html", generated=MADE, zone=UTC)
    values = csv_values(render_report(record, "csv", generated=MADE, zone=UTC))
    upvotes = phones - 2
    assert values[:2] == ["Budgettet?", "Ferien?"]  # the questions are words: they stand
    if phones < 5:
        assert "| Ferien? | – |" in markdown and "| Budgettet? | – |" in markdown
        assert markdown.index("Budgettet?") < markdown.index("Ferien?")  # by the alphabet
        assert "Støtten vises ikke: færre end 5 deltog i trinnet." in markdown
        assert "Støtten vises ikke" in html and f"Støtter: {upvotes}" not in html
        assert values[2:] == ["(holdt tilbage: færre end 5 svarede)"] * upvotes
    else:
        assert f"| Budgettet? | {upvotes} |" in markdown
        assert "Støtten vises ikke" not in markdown + html
        assert values[2:] == ["Støtter: Budgettet?"] * upvotes
