"""What the report and the CSV make of merges after a vote, of open questions and of actions.

Each test runs a short session of the engine's test plan (or a plan of its own), reads the
session file back as the archive does, and looks at the Markdown report, the HTML report and
the CSV a person would open.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from support import FakeClock, open_workshop

from kerne_tui.archive import read_record, render_report
from kerne_tui.catalog import t
from kerne_tui.plan import load_plan
from kerne_tui.workshop import Workshop

MADE = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def report(workshop: Workshop, fmt: str) -> str:
    """The report of *workshop*'s session file in *fmt*, as ``kerne report`` writes it."""
    return render_report(read_record(workshop.path), fmt, generated=MADE, zone=UTC)


def csv_rows(workshop: Workshop) -> list[dict[str, str]]:
    """The CSV's rows by the Danish column names."""
    text = report(workshop, "csv").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


async def merged_after_the_vote(workshop: Workshop) -> tuple[str, str]:
    """Three ideas, a vote of five phones over them, then the second merged into the first."""
    await workshop.go_to("ideas")
    kept = await workshop.submit("p1", "ideas", "c1", {"text": "Mere tid"})
    duplicate = await workshop.submit("p2", "ideas", "c2", {"text": "Mere tid!"})
    other = await workshop.submit("p3", "ideas", "c3", {"text": "Ro"})
    await workshop.go_to("dots")
    await workshop.submit("p1", "dots", "v1", {"dots": {duplicate.id: 2, other.id: 1}})
    await workshop.submit("p2", "dots", "v2", {"dots": {kept.id: 1, duplicate.id: 1}})
    await workshop.submit("p3", "dots", "v3", {"dots": {kept.id: 1}})
    # Two more phones, so that the vote has the five answers a count needs to be shown.
    await workshop.submit("p4", "dots", "v4", {"dots": {other.id: 1}})
    await workshop.submit("p5", "dots", "v5", {"dots": {other.id: 1}})
    await workshop.merge(duplicate.id, kept.id)
    await workshop.save_state()
    return kept.id, duplicate.id


# --- dots on a card merged after the vote ---------------------------------------------------


async def test_dots_on_a_card_merged_later_count_in_the_report_for_the_card_it_went_into(
    workshop: Workshop,
) -> None:
    await merged_after_the_vote(workshop)
    markdown = report(workshop, "md")
    section = markdown.split("Prikker", 1)[1]
    # Option, dots, people: 2 + 1 + 1 + 1 dots from all three phones on the kept card.
    assert "| Mere tid | 5 | 3 |" in section
    assert "| Ro | 3 | 3 |" in section
    assert "Mere tid!" not in section.split("###", 1)[0]


async def test_dots_on_a_card_merged_later_are_named_in_the_csv_by_the_card_it_went_into(
    workshop: Workshop,
) -> None:
    await merged_after_the_vote(workshop)
    votes = [
        row["Tekst eller værdi"] for row in csv_rows(workshop) if row["Trin"].endswith("Prikker")
    ]
    assert votes == ["2 × Mere tid; 1 × Ro", "2 × Mere tid", "1 × Mere tid", "1 × Ro", "1 × Ro"]


# --- how we will see that it worked ------------------------------------------------------------


async def test_how_we_will_see_that_it_worked_stands_in_the_report_and_the_csv(
    workshop: Workshop,
) -> None:
    await workshop.go_to("todo")
    evidence = "Møderne slutter til tiden"
    payload = {"what": "Kortere møder", "who": "Mette", "when": "marts", "evidence": evidence}
    await workshop.submit("p1", "todo", "a1", payload)
    await workshop.submit("p2", "todo", "a2", {"what": "Ny tavle"})
    await workshop.save_state()
    markdown = report(workshop, "md")
    heading = t("da", "archive.actions.evidence")
    assert f"| {heading} |" in markdown
    assert f"| Kortere møder | Mette | marts | {evidence} |" in markdown
    assert "| Ny tavle |  |  |  |" in markdown
    html = report(workshop, "html")
    assert f'<td class="evidence">{evidence}</td>' in html
    rows = [
        row["Tekst eller værdi"] for row in csv_rows(workshop) if row["Trin"].endswith("Handlinger")
    ]
    assert rows[0] == f"Kortere møder; hvem: Mette; hvornår: marts; sådan ser vi det: {evidence}"
    assert rows[1] == "Ny tavle"


async def test_a_report_without_that_field_keeps_its_old_columns(workshop: Workshop) -> None:
    await workshop.go_to("todo")
    await workshop.submit("p1", "todo", "a1", {"what": "Ny tavle", "who": "Ali"})
    await workshop.save_state()
    assert t("da", "archive.actions.evidence") not in report(workshop, "md")


# --- open questions ----------------------------------------------------------------------------

OBJECTIONS = """\
title = "Indvendinger"
language = "da"
description = "En plan med et trin, der samler indvendinger."

[[modules]]
title = "Det svære"
focus = "Hvad kan vi ikke stå inde for?"

[[modules.steps]]
id = "mangler"
kind = "text"
title = "Hvad kan du ikke stå inde for?"
prompt = "Skriv det så konkret, du kan."
minutes = 5
open_questions = true

[[modules.steps]]
id = "andet"
kind = "text"
title = "Andre tanker"
prompt = "Hvad ellers?"
minutes = 5
"""


async def test_objections_left_standing_are_the_reports_open_questions(
    write_plan: Callable[[str, str], Path], data_dir: Path, clock: FakeClock
) -> None:
    plan = load_plan(write_plan(OBJECTIONS, "indvendinger.toml"))
    async with open_workshop(plan, data_dir, clock) as workshop:
        await workshop.go_to("mangler")
        await workshop.submit("p1", "mangler", "o1", {"text": "Hvem er 'borgeren' for os?"})
        hidden = await workshop.submit("p2", "mangler", "o2", {"text": "Lederen bestemmer"})
        await workshop.submit("p3", "mangler", "o3", {"text": "Ordet 'altid' er for stærkt"})
        await workshop.toggle_hidden(hidden.id)
        await workshop.go_to("andet")
        await workshop.submit("p1", "andet", "x1", {"text": "Kaffen er god"})
        await workshop.save_state()
        markdown = report(workshop, "md")
        html = report(workshop, "html")
    section = markdown.split("## Åbne spørgsmål", 1)[1].split("\n## ", 1)[0]
    assert "Hvem er 'borgeren' for os?" in section
    assert "Ordet 'altid' er for stærkt" in section
    assert "1.1 Hvad kan du ikke stå inde for?" in section
    assert "Lederen bestemmer" not in section
    assert "Kaffen er god" not in section
    assert t("da", "archive.open.heading") in html
    assert "Ordet &#39;altid&#39; er for stærkt" in html


async def test_a_step_for_objections_without_any_says_none_were_left(
    write_plan: Callable[[str, str], Path], data_dir: Path, clock: FakeClock
) -> None:
    plan = load_plan(write_plan(OBJECTIONS, "indvendinger.toml"))
    async with open_workshop(plan, data_dir, clock) as workshop:
        await workshop.go_to("mangler")
        await workshop.save_state()
        markdown = report(workshop, "md")
    assert "## Åbne spørgsmål" in markdown
    assert t("da", "archive.open.none") in markdown


async def test_a_plan_that_collects_no_objections_has_no_section_for_them(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas")
    await workshop.submit("p1", "ideas", "i1", {"text": "Mere tid"})
    await workshop.save_state()
    assert "Åbne spørgsmål" not in report(workshop, "md")


PARKED = OBJECTIONS.replace(
    'description = "En plan med et trin, der samler indvendinger."\n',
    'description = "En plan med et trin, der samler indvendinger."\nparking_lot = true\n',
)


async def test_the_parking_lots_open_items_join_the_open_questions(
    write_plan: Callable[[str, str], Path], data_dir: Path, clock: FakeClock
) -> None:
    plan = load_plan(write_plan(PARKED, "parkering.toml"))
    async with open_workshop(plan, data_dir, clock) as workshop:
        await workshop.go_to("andet")
        still_open = await workshop.park("p1", "k1", {"text": "Hvornår får vi en ny vagtplan?"})
        closed = await workshop.park("p2", "k2", {"text": "Kaffemaskinen"})
        owned = await workshop.park("p3", "k3", {"text": "Normering på stuerne"})
        await workshop.set_outcome(closed.id, "answered")
        await workshop.set_outcome(owned.id, "owner", owner="Lederen")
        await workshop.save_state()
        markdown = report(workshop, "md")
    section = markdown.split("## Åbne spørgsmål", 1)[1].split("\n## ", 1)[0]
    assert f"{still_open.text} *(Parkeringspladsen)*" in section
    assert "Kaffemaskinen" not in section
    assert "Normering på stuerne" not in section
