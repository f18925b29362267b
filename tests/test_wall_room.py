"""Issue 22's measure in a real terminal: a full room's answers reach the wall in tmux.

`kerne run` in a tmux pane of 100x30 and of 80x24. Thirty phones, each from its own loopback
address (127.0.0.2, ...), send three answers each over real HTTP to a hidden text step; the
facilitator reveals them with `r`. The test reads the pane (capture-pane) until every one of
the ninety answers has been on it whole (its first and its last word on the same capture),
while the wall turns its pages by itself at the plan's default pace. Then a scale step with
three statements of about a hundred characters shows each statement whole.

The figures (answers seen, seconds) go to the log of the test run and to
``test-artifacts/wall-room-<size>.txt`` for the closing note.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from support import close_tmux
from test_tui_terminal import ADDRESS, Pane
from tui_support import ARTIFACTS

from kerne_tui.rehearsal.addresses import own_addresses_work, phone_address

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(not own_addresses_work(), reason="this machine answers only on 127.0.0.1"),
]

PHONES = 30
EACH = 3
DEADLINE = 90.0
"""Seconds within which every answer must have been on the wall (issue 22)."""
STATEMENTS = [
    "A01 Jeg kan forklare vores kerneopgave for en ny kollega på under et minut og uden "
    "papirer Z01",
    "A02 Når vi har travlt, hjælper kerneopgaven mig med at vælge, hvad der skal gøres først Z02",
    "A03 Vi taler om kerneopgaven på vores møder, også når dagsordenen er fuld af drift "
    "og økonomi Z03",
]
PLAN = f"""\
title = "Et fuldt lokale"
language = "da"
description = "Tredive telefoner på væggen."

[[modules]]
title = "Alle svar skal ses"
focus = "Hver for sig først, så sammen."

[[modules.steps]]
id = "svar"
kind = "text"
title = "Hvad er vi her for?"
prompt = "Skriv op til tre svar."
minutes = 10
show = "reveal"
min_answers = 3
max_per_person = 3

[[modules.steps]]
id = "skala"
kind = "scale"
title = "Hvor enige er vi?"
prompt = "Sæt et tal ved hvert udsagn."
minutes = 5
min_answers = 3
statements = [{", ".join(f'"{s}"' for s in STATEMENTS)}]
"""


def answer(number: int) -> str:
    """Answer *number*: about sixty characters, numbered at both ends."""
    return f"S{number:02d} vi skaber trygge rammer for borgerne hver dag E{number:02d}"


def whole_on(text: str) -> set[int]:
    """The numbers of the answers whose first and last word are both on *text*."""
    starts = {int(m) for m in re.findall(r"S(\d\d) vi", text)}
    ends = {int(m) for m in re.findall(r"dag E(\d\d)", text)}
    return starts & ends


async def room(base: str, code: str, step: str, payloads: list[list[dict[str, object]]]) -> None:
    """Each phone, from its own loopback address, sends its payloads to *step* over HTTP."""
    wait = ClientTimeout(total=20)

    async def phone(index: int, sends: list[dict[str, object]]) -> None:
        async with ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(index), 0)),
            headers={"Origin": base},
            timeout=wait,
        ) as session:
            async with session.get(f"/api/{code}/state") as response:
                assert response.status == 200, await response.text()
            for n, payload in enumerate(sends):
                body = {"step": step, "client_id": f"{step}-{index}-{n}", **payload}
                async with session.post(f"/api/{code}/contributions", json=body) as response:
                    assert response.status == 201, await response.text()

    await asyncio.gather(*(phone(i, sends) for i, sends in enumerate(payloads)))


@pytest.fixture(params=[(100, 30), (80, 24)], ids=["100x30", "80x24"])
def wall(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Pane, str]]:
    """`kerne run` in a tmux pane of the size asked for; (pane, "WxH")."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    width, height = request.param
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    socket = tmp_path / "tmux.sock"  # a private server: other tmux sessions are left alone
    # COLUMNS and LINES as the test run's terminal had them would override the pane's size.
    command = (
        f"env -u COLUMNS -u LINES TERM=xterm-256color {sys.executable} -m kerne_tui run {plan} "
        f"--port 0 --host 127.0.0.1 --data-dir {tmp_path / 'data'}"
    )
    subprocess.run(
        [
            *("tmux", "-S", str(socket), "new-session", "-d", "-s", "kerne"),
            *("-x", str(width), "-y", str(height), command),
        ],
        check=True,
        timeout=10,
    )
    pane = Pane(socket, "kerne")
    try:
        yield pane, f"{width}x{height}"
    finally:
        close_tmux(socket)


def test_every_answer_of_thirty_phones_reaches_the_wall_in_a_real_terminal(
    wall: tuple[Pane, str],
) -> None:
    pane, size = wall
    found = ADDRESS.search(pane.wait_for(lambda text: ADDRESS.search(text) is not None))
    assert found is not None
    base, code = found.group(0).split("/j/")
    pane.keys("Space")
    pane.wait_for(lambda text: "0 har svaret" in text)

    payloads = [[{"text": answer(p * EACH + n)} for n in range(EACH)] for p in range(PHONES)]
    asyncio.run(room(base, code, "svar", payloads))
    pane.wait_for(lambda text: f"{PHONES} har svaret" in text)
    assert not whole_on(pane.text()), "hidden answers were on the wall before the reveal"

    pane.keys("r")
    began = time.monotonic()
    seen: set[int] = set()
    pages = 0
    for _ in range(int(DEADLINE / 0.2)):  # bounded in count and in time
        text = pane.text()
        seen |= whole_on(text)
        counted = re.search(r"side \d+ af (\d+)", text)
        pages = int(counted.group(1)) if counted else pages
        if len(seen) == PHONES * EACH or time.monotonic() - began > DEADLINE:
            break
        if pages and not (ARTIFACTS / f"wall-room-{size}-page.txt").exists():
            (ARTIFACTS / f"wall-room-{size}-page.txt").write_text(text, encoding="utf-8")
        time.sleep(0.2)
    seconds = time.monotonic() - began
    note = f"{size}: {len(seen)} of {PHONES * EACH} answers seen whole in {seconds:.1f} s"
    note += f" ({pages} pages, turning by themselves)\n"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"wall-room-{size}.txt").write_text(note, encoding="utf-8")
    print(note)
    assert seen == set(range(PHONES * EACH)), note
    assert seconds <= DEADLINE, note

    # The scale step: each long statement whole on the wall (pages turn by themselves).
    pane.keys("n")
    pane.wait_for(lambda text: "Hvor enige er vi?" in text)
    values = [[{"values": {str(i): 1 + (p + i) % 5 for i in range(3)}}] for p in range(PHONES)]
    asyncio.run(room(base, code, "skala", values))
    statements: set[str] = set()
    for _ in range(int(DEADLINE / 0.2)):
        flat = " ".join(line.strip() for line in pane.text().splitlines())
        statements |= {s[:3] for s in STATEMENTS if s[:3] in flat and "Z" + s[1:3] in flat}
        if len(statements) == len(STATEMENTS):
            break
        time.sleep(0.2)
    assert statements == {"A01", "A02", "A03"}, pane.text()
