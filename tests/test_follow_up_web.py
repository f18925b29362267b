"""The follow-up end to end: the day archived, the follow-up started on the zip, phones over HTTP.

The day plan runs with scale answers and agreements and is archived; ``opfoelgning`` is opened
from that zip the way ``kerne run --follow-up`` opens it; phones on a real server (127.0.0.1)
see the day's agreements at the review step and answer the compared scale again; the report
shows each agreement and, for the compared scale, the day's and the new answers side by side.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from aiohttp import ClientSession, CookieJar, TCPConnector
from aiohttp.test_utils import TestServer
from support import FakeClock
from support.follow_up import DAY_AGREEMENTS, DAY_EVIDENCE, DAY_PINS, run_day, shipped

from kerne_tui.archive import read_earlier, read_record, render_report, write_archive
from kerne_tui.hosting import open_workshop
from kerne_tui.rehearsal import simulate_phones
from kerne_tui.rehearsal.addresses import phone_address
from kerne_tui.settings import Settings
from kerne_tui.web import make_app, phone_server
from kerne_tui.web.security import RateLimiter
from kerne_tui.workshop import Workshop

TIMEOUT = 60
REPORTED = datetime(2026, 12, 21, 10, 0, tzinfo=UTC)


@pytest.fixture
async def day_zip(tmp_path: Path) -> Path:
    """The day (kerneopgaven-kort) run and archived, as the workplace keeps it."""
    day = await run_day(tmp_path / "day", FakeClock())
    return write_archive(day, tmp_path / "archives")


@pytest.fixture
async def follow_up(day_zip: Path, tmp_path: Path) -> AsyncIterator[Workshop]:
    """``opfoelgning`` opened from the zip through the command line's own opening."""
    settings = Settings(
        data_dir=tmp_path / "data",
        host="127.0.0.1",
        port=0,
        plan="opfoelgning",
        follow_up=str(day_zip),
    )
    workshop = open_workshop(settings, "da")
    await workshop.open()
    try:
        yield workshop
    finally:
        await workshop.shutdown()


@pytest.fixture
async def server(follow_up: Workshop) -> AsyncIterator[TestServer]:
    running = TestServer(make_app(follow_up, limiter=RateLimiter(burst=1000.0)), host="127.0.0.1")
    await running.start_server()
    try:
        yield running
    finally:
        await running.close()


@pytest.fixture
async def phones(server: TestServer) -> AsyncIterator[list[ClientSession]]:
    base = server.make_url("/")
    # Each phone on its own loopback address, as each phone on the Wi-Fi has its own.
    made = [
        ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(n), 0)),
            headers={"Origin": str(base.origin())},
        )
        for n in range(6)
    ]
    try:
        yield made
    finally:
        for session in made:
            await session.close()


class AnswerForm(HTMLParser):
    """The named inputs of the page's answer form."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.fields: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and attributes.get("id") == "answer":
            self.inside = True
        elif self.inside and tag == "input" and attributes.get("name"):
            self.fields.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


async def test_the_follow_up_builds_on_the_archived_day_from_the_phones_to_the_report(
    follow_up: Workshop, phones: list[ClientSession]
) -> None:
    code = follow_up.join_code
    await follow_up.go_to("aftalerne", run_timer=False)

    # A phone at the review step sees the day's agreements, with what, who and when.
    state = await (await phones[0].get(f"/api/{code}/state")).json()
    step = state["step"]
    assert step["kind"] == "review"
    seen = [(a["what"], a["who"], a["when"]) for a in step["agreements"]]
    assert seen == list(DAY_AGREEMENTS)
    assert [a["evidence"] for a in step["agreements"]] == list(DAY_EVIDENCE)
    assert [s["label"] for s in step["statuses"]] == ["Gjort", "I gang", "Ikke begyndt", "Opgivet"]
    ids = [a["id"] for a in step["agreements"]]

    # Five phones review, so that the counts reach the threshold of five.
    given = [
        ("done", "under_way", "not_started"),
        ("done", "done", "dropped"),
        ("done", "under_way", "not_started"),
        ("under_way", "done", "not_started"),
    ]
    for phone, statuses in zip(phones, given, strict=False):
        answer = {
            "step": "aftalerne",
            "client_id": "r1",
            "statuses": dict(zip(ids, statuses, strict=True)),
            "comments": {ids[2]: "Forældremødet blev aflyst"} if statuses[2] == "dropped" else {},
        }
        response = await phone.post(f"/api/{code}/contributions", json=answer)
        assert response.status == 201, await response.text()

    # A phone without JavaScript sends the page's own form.
    page = await phones[4].get(f"/j/{code}")
    text = await page.text()
    assert all(what in text for what, _, _ in DAY_AGREEMENTS)
    assert f"Sådan ser vi, at det virkede: {DAY_EVIDENCE[0]}" in text
    assert text.count("Sådan ser vi, at det virkede:") == 2  # the third agreement has none
    form = AnswerForm()
    form.feed(text)
    sent: list[tuple[str, str]] = []
    for found in form.fields:
        name, kind = found["name"], found.get("type", "text")
        if kind == "hidden" or (kind == "radio" and found["value"] == "under_way"):
            sent.append((name, found["value"]))
    response = await phones[4].post(f"/j/{code}/send", data=sent, allow_redirects=False)
    assert response.status == 303
    assert len(follow_up.contributions("aftalerne")) == 5

    # The compared scale answered again.
    await follow_up.go_to("klarhed", run_timer=False)
    for phone in phones:
        answer = {"step": "klarhed", "client_id": "k1", "values": {"0": 4, "1": 3, "2": 5}}
        response = await phone.post(f"/api/{code}/contributions", json=answer)
        assert response.status == 201, await response.text()
    await follow_up.close()

    record = read_record(follow_up.path)
    markdown = render_report(record, "md", generated=REPORTED)
    html = render_report(record, "html", generated=REPORTED)
    for (what, who, when), evidence in zip(DAY_AGREEMENTS, DAY_EVIDENCE, strict=True):
        assert f"| {what} | {who} | {when} | {evidence} |" in markdown
        assert what in html
    assert "| Sådan ser vi, at det virkede | Gjort |" in markdown
    assert f"Sådan ser vi, at det virkede: {DAY_EVIDENCE[1]}" in html
    # The first agreement: three phones said done, two under way.
    what, who, when = DAY_AGREEMENTS[0]
    assert f"| {what} | {who} | {when} | {DAY_EVIDENCE[0]} | 3 | 2 | 0 | 0 |" in markdown
    assert "Forældremødet blev aflyst" in markdown
    # Statement 1 on the day: 2, 2, 3, 1, 2; now six times 4.
    statement = "Jeg kan forklare vores kerneopgave i én sætning."
    assert f"| {statement} | Dagen | 1 | 3 | 1 | 0 | 0 | 5 | 2,0 |  |" in markdown
    assert "|  | Nu | 0 | 0 | 0 | 6 | 0 | 6 | 4,0 | +2,0 |" in markdown
    assert "Dagen" in html and "+2,0" in html
    assert DAY_PINS[-1] in markdown and DAY_PINS[-1] in html
    csv_text = render_report(record, "csv", generated=REPORTED)
    rows = csv_text.splitlines()
    assert rows[0].lstrip("\ufeff").startswith("Session;Id;")
    assert any(r.startswith("tidligere;") and DAY_AGREEMENTS[1][0] in r for r in rows)
    assert any(r.startswith("tidligere;") and "1: 1, 2: 3, 3: 1, 4: 0, 5: 0" in r for r in rows)
    assert sum(r.startswith("ny;") for r in rows) == 5 + 6


async def test_phones_see_the_day_s_sentence_until_the_follow_up_pins_its_own(
    follow_up: Workshop, phones: list[ClientSession]
) -> None:
    code = follow_up.join_code
    await follow_up.go_to("aftalerne", run_timer=False)
    state = await (await phones[0].get(f"/api/{code}/state")).json()
    assert state["pinned"] is None
    assert state["pinned_earlier"] == DAY_PINS[-1]
    page = await (await phones[0].get(f"/j/{code}")).text()
    assert "Vores sætning fra dagen" in page and DAY_PINS[-1] in page

    await follow_up.pin("Vi skaber trygge rammer, hver dag.")
    state = await (await phones[0].get(f"/api/{code}/state")).json()
    assert state["pinned"] == "Vi skaber trygge rammer, hver dag."
    assert state["pinned_earlier"] is None
    page = await (await phones[0].get(f"/j/{code}")).text()
    assert "Vores sætning fra dagen" not in page and DAY_PINS[-1] not in page


# --- the command line -----------------------------------------------------------------------


def kerne(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KERNE_LANG": "da", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "kerne_tui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=TIMEOUT,
        check=False,
    )


def test_serve_names_a_missing_earlier_session_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = tmp_path / "dagen.zip"
    result = kerne(
        "serve", "opfoelgning", "--follow-up", missing, "--data-dir", data, "--port", "0"
    )
    assert result.returncode != 0
    assert f"Den tidligere session findes ikke: {missing}. Intet er skrevet." in result.stderr
    assert "Traceback" not in result.stderr
    assert not any(data.glob("*.json"))


def test_serve_without_follow_up_says_what_is_missing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = kerne("serve", "opfoelgning", "--data-dir", data, "--port", "0")
    assert result.returncode != 0
    assert "start den med --follow-up og sessionsfilen eller arkivet fra dagen." in result.stderr
    assert not any(data.glob("*.json"))


def test_follow_up_with_resume_is_refused_in_one_sentence(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = kerne("serve", "--resume", "--follow-up", tmp_path / "dagen.zip", "--data-dir", data)
    assert result.returncode == 2
    assert "--follow-up gælder kun en ny session" in result.stderr
    assert "Traceback" not in result.stderr


# --- rehearsal phones -------------------------------------------------------------------------


async def test_rehearsal_phones_answer_the_review_and_the_compared_scale(
    day_zip: Path, tmp_path: Path
) -> None:
    plan = shipped("opfoelgning")
    workshop = Workshop.create(
        plan,
        tmp_path / "demo",
        clock=FakeClock(),
        rehearsal=True,
        speed=3000.0,
        follow_up=read_earlier(day_zip, plan),
    )
    participants = 6
    await workshop.open()
    try:
        async with phone_server(workshop, host="127.0.0.1", port=0) as info:
            room = asyncio.create_task(
                simulate_phones(
                    f"http://127.0.0.1:{info.port}", workshop.join_code, participants, seed=5
                )
            )
            try:
                for step_id in ("aftalerne", "klarhed"):
                    await workshop.go_to(step_id)
                    # All but one or two phones answer (bounded wait).
                    for _ in range(400):
                        if workshop.respondents(step_id) >= participants - 2:
                            break
                        await asyncio.sleep(0.05)
                    assert workshop.respondents(step_id) >= participants - 2
                await workshop.close()
            finally:
                room.cancel()
                await asyncio.gather(room, return_exceptions=True)
        ids = {option.id for option in workshop.options(plan.step("aftalerne"))}
        reviews = workshop.contributions("aftalerne")
        assert all(set(c.statuses) == ids for c in reviews)
        assert len({status for c in reviews for status in c.statuses.values()}) >= 2
    finally:
        await workshop.shutdown()
