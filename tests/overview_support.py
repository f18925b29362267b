"""Three workplaces run the day over real HTTP, two of them a follow-up; all archived.

Each phone is an aiohttp client on its own loopback address (127.0.0.x) talking to the real
phone server on 127.0.0.1; the facilitator's pins, step changes and the close go through the
engine, as the wall sends them. The follow-ups are opened from the day's zip the way
``kerne run --follow-up`` opens them (``hosting.open_workshop`` with ``Settings.follow_up``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import ClientSession, CookieJar, TCPConnector
from support import FakeClock
from support.follow_up import SESSIONS

from kerne_tui.archive import write_archive
from kerne_tui.hosting import open_workshop
from kerne_tui.plan import load_plan
from kerne_tui.rehearsal.addresses import phone_address
from kerne_tui.settings import Settings
from kerne_tui.web import phone_server
from kerne_tui.workshop import Workshop

OVERALL = "Vi skaber trivsel, læring og udvikling for alle børn i kommunen."
TIMEOUT = 30.0


@dataclass(frozen=True)
class Place:
    """One workplace: what its phones answer on the day and at the follow-up."""

    name: str
    pins: tuple[str, ...]
    phones: int
    klarhed: tuple[int, ...]
    """Each phone's answer to every klarhed statement on the day (cycled over the phones)."""
    agreements: tuple[tuple[str, str, str], ...]
    follow_up_phones: int = 0
    follow_up_klarhed: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    """Each follow-up phone's status for every agreement (cycled)."""
    scale_phones: int | None = None
    """Phones that answer the scales (None: all); fewer than the threshold keeps them hidden."""


@dataclass
class Built:
    """Where the five archives went, and what each workplace's day really answered."""

    folder: Path
    days: dict[str, Path] = field(default_factory=dict)
    follow_ups: dict[str, Path] = field(default_factory=dict)
    sent_klarhed: dict[str, list[tuple[int, int, int, int, int]]] = field(default_factory=dict)
    """Per workplace, the day's true klarhed counts per statement (the test knows them all)."""


def plan_file(folder: Path, shipped: str, workplace: str) -> Path:
    """A shipped plan with the workplace and the overall task added at the top."""
    text = (SESSIONS / f"{shipped}.toml").read_text(encoding="utf-8")
    path = folder / f"{shipped}-{len(workplace)}-{abs(hash(workplace)) % 10_000}.toml"
    path.write_text(
        f'workplace = "{workplace}"\noverall_task = "{OVERALL}"\n{text}', encoding="utf-8"
    )
    return path


def phones_for(base: str, count: int, first: int) -> list[ClientSession]:
    return [
        ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(first + n), 0)),
            headers={"Origin": base.rstrip("/")},
        )
        for n in range(count)
    ]


async def send(
    phones: Sequence[ClientSession], code: str, payloads: Sequence[dict[str, object]]
) -> None:
    """Each phone sends its payload; every one must be acknowledged (on disk)."""

    async def one(phone: ClientSession, payload: dict[str, object]) -> None:
        async with phone.post(f"/api/{code}/contributions", json=payload) as response:
            assert response.status == 201, await response.text()

    await asyncio.wait_for(
        asyncio.gather(*(one(p, b) for p, b in zip(phones, payloads, strict=False))), TIMEOUT
    )


async def run_day(place: Place, folder: Path, first_phone: int, built: Built) -> Path:
    plan = load_plan(plan_file(folder, "kerneopgaven-kort", place.name))
    workshop = Workshop.create(plan, folder / "data", clock=FakeClock())
    await workshop.open()
    try:
        async with phone_server(workshop, host="127.0.0.1", port=0) as info:
            base = f"http://127.0.0.1:{info.port}/"
            phones = phones_for(base, place.phones, first_phone)
            code = workshop.join_code
            try:
                for phone in phones:
                    async with phone.get(f"/api/{code}/state") as response:
                        assert response.status == 200
                await workshop.start()
                for text in place.pins:
                    await workshop.pin(text)
                answering = phones[: place.scale_phones or len(phones)]
                true_counts: list[tuple[int, int, int, int, int]] = []
                for step_id in ("klarhed", "samarbejde"):
                    step = plan.step(step_id)
                    await workshop.go_to(step_id, run_timer=False)
                    values = [place.klarhed[n % len(place.klarhed)] for n in range(len(answering))]
                    await send(
                        answering,
                        code,
                        [
                            {
                                "step": step_id,
                                "client_id": f"{step_id}-{n}",
                                "values": {str(i): v for i in range(len(step.statements))},
                            }
                            for n, v in enumerate(values)
                        ],
                    )
                    if step_id == "klarhed":
                        row = [0, 0, 0, 0, 0]
                        for v in values:
                            row[v - 1] += 1
                        counts = (row[0], row[1], row[2], row[3], row[4])
                        true_counts = [counts] * len(step.statements)
                built.sent_klarhed[place.name] = true_counts
                await workshop.go_to("handlinger", run_timer=False)
                await send(
                    phones,
                    code,
                    [
                        {
                            "step": "handlinger",
                            "client_id": "h",
                            "what": w,
                            "who": who,
                            "when": when,
                        }
                        for w, who, when in place.agreements
                    ],
                )
                await workshop.close()
            finally:
                for phone in phones:
                    await phone.close()
    finally:
        await workshop.shutdown()
    return write_archive(workshop.path, built.folder)


async def run_follow_up(
    place: Place, day_zip: Path, folder: Path, first_phone: int, built: Built
) -> Path:
    settings = Settings(
        data_dir=folder / "data",
        host="127.0.0.1",
        port=0,
        plan=str(plan_file(folder, "opfoelgning", place.name)),
        follow_up=str(day_zip),
    )
    workshop = open_workshop(settings, "da")
    plan = workshop.plan
    await workshop.open()
    try:
        async with phone_server(workshop, host="127.0.0.1", port=0) as info:
            base = f"http://127.0.0.1:{info.port}/"
            phones = phones_for(base, place.follow_up_phones, first_phone)
            code = workshop.join_code
            try:
                for phone in phones:
                    async with phone.get(f"/api/{code}/state") as response:
                        assert response.status == 200
                await workshop.go_to("aftalerne", run_timer=False)
                ids = [o.id for o in workshop.options(plan.step("aftalerne"))]
                await send(
                    phones,
                    code,
                    [
                        {
                            "step": "aftalerne",
                            "client_id": "r",
                            "statuses": {i: place.statuses[n % len(place.statuses)] for i in ids},
                            "comments": {},
                        }
                        for n in range(len(phones))
                    ],
                )
                await workshop.go_to("klarhed", run_timer=False)
                step = plan.step("klarhed")
                await send(
                    phones,
                    code,
                    [
                        {
                            "step": "klarhed",
                            "client_id": "k",
                            "values": {
                                str(i): place.follow_up_klarhed[n % len(place.follow_up_klarhed)]
                                for i in range(len(step.statements))
                            },
                        }
                        for n in range(len(phones))
                    ],
                )
                await workshop.close()
            finally:
                for phone in phones:
                    await phone.close()
    finally:
        await workshop.shutdown()
    return write_archive(workshop.path, built.folder)


async def build(places: Sequence[Place], root: Path) -> Built:
    """Run every day (and follow-up) one after the other; archive each into ``root/zips``."""
    built = Built(folder=root / "zips")
    first = 0
    for place in places:
        work = root / place.name.replace(" ", "-")
        work.mkdir(parents=True)
        built.days[place.name] = await run_day(place, work, first, built)
        first += place.phones
        if place.follow_up_phones:
            built.follow_ups[place.name] = await run_follow_up(
                place, built.days[place.name], work, first, built
            )
            first += place.follow_up_phones
    return built
