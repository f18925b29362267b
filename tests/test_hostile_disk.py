"""The session never disagrees with itself when the disk fills: on a real small disk (tmpfs).

A facilitator command whose write fails is undone in memory, so the screen, the phones and
the file still say the same; the facilitator is told what happened and what to do; phones
refused for storage are counted and get a 503 with ``Retry-After``; once space is freed,
everything goes on from where the file says it is.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import tui_support
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from aiohttp.test_utils import TestServer
from support import JOIN_CODE, FakeClock
from tui_support import notices, open_workshop, screen_text, submit, until

from kerne_tui.catalog import t
from kerne_tui.control import ControlCenter
from kerne_tui.plan import Plan
from kerne_tui.rehearsal.addresses import own_addresses_work, phone_address
from kerne_tui.store import StoreWriteError, read_session_data, rows
from kerne_tui.web import make_app
from kerne_tui.web.control import CONSOLE_HEADER
from kerne_tui.workshop import Refused, Workshop
from kerne_tui.workshop.rollback import CommandNotSaved

DISK_BYTES = 2 * 1024 * 1024
CHUNK = 64 * 1024
PHONES_UNTIL_FULL = 200
"""More than one block of the journal holds (a line is some hundred bytes)."""


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


pytestmark = pytest.mark.skipif(not _can_mount(), reason="mounting a tmpfs needs root")


class SmallDisk:
    """A tmpfs of a few MiB, and a filler file that takes what is left of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler.bin"

    def fill(self) -> None:
        """Write the filler until the disk says it is full (bounded by the disk's size)."""
        with self.filler.open("ab", buffering=0) as out:
            for size in (CHUNK, 4096, 512, 64, 8, 1):
                for _ in range(DISK_BYTES // size + 1):
                    try:
                        out.write(b"\0" * size)
                    except OSError as error:
                        assert error.errno == errno.ENOSPC
                        break

    def free(self) -> None:
        """Remove the filler: the disk has room again."""
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A real small disk mounted at a folder of the test's own; unmounted afterwards."""
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


@pytest.fixture
async def on_small_disk(
    plan: Plan, small_disk: SmallDisk, clock: FakeClock
) -> AsyncIterator[Callable[[], Awaitable[Workshop]]]:
    """Make the small plan's session on the small disk (shut down by the test's cleanup)."""
    made: list[Workshop] = []

    async def make() -> Workshop:
        workshop = Workshop.create(plan, small_disk.root, clock=clock, join_code=JOIN_CODE)
        await workshop.open()
        made.append(workshop)
        return workshop

    yield make
    small_disk.free()
    for workshop in made:
        await workshop.shutdown()


def stored_state(workshop: Workshop) -> dict[str, object]:
    state: dict[str, object] = rows(read_session_data(workshop.path), "state")[0]
    return state


async def test_a_step_change_that_cannot_be_written_is_undone_and_said(
    on_small_disk: Callable[[], Awaitable[Workshop]], small_disk: SmallDisk
) -> None:
    workshop = await on_small_disk()
    await workshop.go_to("ideas")
    await workshop.submit("telefon-1", "ideas", "c1", {"text": "Mere tid"})
    small_disk.fill()
    with pytest.raises(StoreWriteError) as failed:
        await workshop.next_step()
    assert workshop.current == "ideas"
    assert stored_state(workshop)["current"] == "ideas"
    assert "ideas" not in workshop.left  # the time it had left is no return point yet
    assert isinstance(failed.value, CommandNotSaved)
    said = t("da", "hostile.write_failed", action=t("da", failed.value.action_key))
    assert said.startswith("Skiftet af trin kunne ikke gemmes") and "frigør plads" in said
    small_disk.free()
    # Phones on the step the screen, the server and the file all show are still heard.
    taken = await workshop.submit("telefon-2", "ideas", "c1", {"text": "Ro på"})
    assert taken.step_id == "ideas"
    assert await workshop.next_step()
    assert stored_state(workshop)["current"] == workshop.current == "pairs"


@pytest.mark.parametrize("command", ["toggle_timer", "extend", "toggle_reveal", "close"])
async def test_every_facilitator_command_is_undone_when_its_write_fails(
    on_small_disk: Callable[[], Awaitable[Workshop]], small_disk: SmallDisk, command: str
) -> None:
    workshop = await on_small_disk()
    await workshop.go_to("ideas")
    before = (
        workshop.status,
        workshop.current,
        workshop.timer.running,
        workshop.seconds_left(),
        set(workshop.revealed),
    )
    small_disk.fill()
    with pytest.raises(StoreWriteError):
        await getattr(workshop, command)()
    after = (
        workshop.status,
        workshop.current,
        workshop.timer.running,
        workshop.seconds_left(),
        set(workshop.revealed),
    )
    assert after == before
    assert workshop.is_open("ideas")


@pytest.mark.skipif(not own_addresses_work(), reason="this machine answers only on 127.0.0.1")
async def test_phones_refused_for_storage_get_retry_after_and_are_counted(
    on_small_disk: Callable[[], Awaitable[Workshop]], small_disk: SmallDisk
) -> None:
    workshop = await on_small_disk()
    await workshop.go_to("ideas", run_timer=False)
    control = ControlCenter(workshop)
    server = TestServer(make_app(workshop, control=control), host="127.0.0.1")
    await server.start_server()
    phones = [
        ClientSession(
            base_url=server.make_url("/"),
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(n), 0)),
            timeout=ClientTimeout(total=10),
        )
        for n in range(6)
    ]
    try:
        for phone in phones:
            await (await phone.get(f"/j/{JOIN_CODE}")).read()
        small_disk.fill()
        for number, phone in enumerate(phones):
            response = await phone.post(
                f"/api/{JOIN_CODE}/contributions",
                json={"step": "ideas", "client_id": f"c{number}", "text": "Tabt?"},
            )
            body = await response.json()
            assert response.status == 503
            assert int(response.headers["Retry-After"]) >= 1
            assert body["error"]["code"] == "storage"
        assert workshop.refused_for_storage == len(phones)
        # The facilitator's view says so too: why, and what lets them in.
        turned = control.view()["turned_away"]
        assert turned["total"] == len(phones)
        assert [c["cause"] for c in turned["causes"]] == ["storage"]
        assert turned["causes"][0]["remedy"] == t("da", "control.turned_away.storage.remedy")
        small_disk.free()
        again = await phones[0].post(
            f"/api/{JOIN_CODE}/contributions",
            json={"step": "ideas", "client_id": "c0", "text": "Tabt?"},
        )
        assert again.status == 201
    finally:
        for phone in phones:
            await phone.close()
        await server.close()


async def test_the_wall_says_at_once_what_failed_and_counts_the_refused_phones(
    small_disk: SmallDisk, tmp_path: Path
) -> None:
    async with open_workshop(small_disk.root / "session") as workshop:
        await workshop.go_to("min-opgave")
        await submit(workshop, "telefon-1", {"text": "Tryghed for familierne"})
        app = tui_support.make_app(workshop, small_disk.root / "session")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            small_disk.fill()
            # A phone's answer is one line appended to the journal, which may still fit in
            # the block the journal has: those are on disk and kept. Then three are refused.
            refused = 0
            for number in range(PHONES_UNTIL_FULL):
                try:
                    await submit(workshop, f"telefon-{number + 2}", {"text": "Tabt?"})
                except Refused:
                    refused += 1
                    if refused == 3:
                        break
            assert refused == 3
            await pilot.press("n")
            said = t("da", "hostile.write_failed", action=t("da", "hostile.action.open"))
            await until(pilot, lambda: said in notices(app))
            await until(pilot, lambda: "3 svar fra telefonerne" in screen_text(app))
            assert workshop.current == "min-opgave"
            assert "Hvad tror jeg, vi laver?" in screen_text(app)
            small_disk.free()
            await pilot.press("n")
            await until(pilot, lambda: workshop.current == "forskelle")
            assert stored_state(workshop)["current"] == "forskelle"


async def test_a_console_command_on_a_full_disk_is_undone_and_said_on_both_screens(
    on_small_disk: Callable[[], Awaitable[Workshop]], small_disk: SmallDisk
) -> None:
    workshop = await on_small_disk()
    await workshop.go_to("ideas", run_timer=False)
    told: list[str] = []
    workshop.subscribe(lambda event: told.append(type(event).__name__))
    control = ControlCenter(workshop)
    server = TestServer(make_app(workshop, control=control), host="127.0.0.1")
    await server.start_server()
    try:
        async with ClientSession(timeout=ClientTimeout(total=10)) as console:
            small_disk.fill()
            response = await console.post(
                f"http://127.0.0.1:{server.port}/control/commands/next",
                headers={CONSOLE_HEADER: control.secret},
            )
            body = await response.json()
        assert response.status == 503
        assert int(response.headers["Retry-After"]) >= 1
        assert body["error"]["message"].startswith("Skiftet af trin kunne ikke gemmes")
        assert workshop.current == "ideas"
        assert "CommandUndone" in told  # what the wall listens for
    finally:
        await server.close()
