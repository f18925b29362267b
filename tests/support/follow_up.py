"""A day session with scale answers, pins and agreements, for the follow-up tests."""

from __future__ import annotations

from pathlib import Path

from kerne_tui.plan import Plan, load_plan
from kerne_tui.workshop import Outcome, Workshop

from .clock import FakeClock

SESSIONS = Path(__file__).resolve().parents[2] / "sessions"
DAY_PINS = (
    "Vi skaber trygge rammer for børns læring.",
    "Sammen skaber vi trygge rammer for børns trivsel og læring.",
)
DAY_AGREEMENTS = (
    ("Fast punkt om kerneopgaven på personalemødet", "Mette", "Fra marts"),
    ("Arbejdsversionen hænges op i personalerummet", "Ali", "Næste uge"),
    ("Vi spørger forældrene, hvad de oplever", "Lone", "Inden sommer"),
)
DAY_EVIDENCE = (
    "Punktet står på dagsordenen hver gang",
    "Alle har læst den inden næste møde",
    "",
)
"""How the day said it would see that each agreement worked (the last one says nothing)."""
DAY_KLARHED = ((2, 1, 3), (2, 2, 3), (3, 1, 4), (1, 2, 2), (2, 3, 3))
"""Five phones' answers to the three klarhed statements on the day (five: the least shown)."""


DAY_OWNED = (
    ("Vikardækning ved kurser", "Mette"),
    ("Hvem svarer på forældremails i ferien?", "Ali"),
)
"""Parked items the day gave an owner, with who took each on."""
DAY_PARKED_OPEN = "Kan vi få en fælles kalender?"
"""A parked item the day left without an outcome: it stands as an open question."""
DAY_OBJECTIONS = (
    "Hvad med de børn, der ikke kommer hver dag?",
    "Hvor er forældrene i sætningen?",
)
"""What the day's objections step ("mangler", ``open_questions = true``) left shown."""


def shipped(name: str) -> Plan:
    """A built-in plan by its file stem (``opfoelgning``, ``kerneopgaven-kort.en``)."""
    return load_plan(SESSIONS / f"{name}.toml")


async def run_day(data_dir: Path, clock: FakeClock, plan_name: str = "kerneopgaven-kort") -> Path:
    """Run the day: two pins, the scales answered, three agreements (two with evidence); closed."""
    plan = shipped(plan_name)
    workshop = Workshop.create(plan, data_dir, clock=clock)
    await workshop.open()
    try:
        await workshop.start()
        for text in DAY_PINS:
            await workshop.pin(text)
        for step in plan.steps:
            if step.kind.value != "scale":
                continue
            await workshop.go_to(step.id)
            for phone, values in enumerate(DAY_KLARHED):
                answers = {str(i): values[i % len(values)] for i in range(len(step.statements))}
                await workshop.submit(f"phone-{phone}", step.id, "a", {"values": answers})
        if plan.parking_lot and plan.has_step("mangler"):
            await leave_open_ends(workshop)
        if plan.has_step("handlinger"):
            await workshop.go_to("handlinger")
            for n, (what, who, when) in enumerate(DAY_AGREEMENTS):
                payload = {"what": what, "who": who, "when": when}
                if DAY_EVIDENCE[n]:
                    payload["evidence"] = DAY_EVIDENCE[n]
                await workshop.submit(f"phone-{n}", "handlinger", f"h{n}", payload)
        await workshop.close()
    finally:
        await workshop.shutdown()
    return workshop.path


async def leave_open_ends(workshop: Workshop) -> None:
    """Park three items, give two an owner; write the objections the day leaves open."""
    for n, (text, owner) in enumerate(DAY_OWNED):
        parked = await workshop.park(f"phone-{n}", f"park-{n}", {"text": text})
        await workshop.set_outcome(parked.id, Outcome.OWNER, owner)
    await workshop.park("phone-9", "park-9", {"text": DAY_PARKED_OPEN})
    await workshop.go_to("mangler")
    for n, text in enumerate(DAY_OBJECTIONS):
        await workshop.submit(f"phone-{n}", "mangler", f"m{n}", {"text": text})
