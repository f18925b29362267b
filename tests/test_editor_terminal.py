"""Issue 24's whole edit in a real terminal: `kerne edit kerneopgaven` in tmux at 100x30.

A copy under a new name; the overall wording typed into the plan (the step `kommunens-ord`
shows it without its prompt being touched); one step's minutes changed; one step removed; a
new scale step with two statements; saved. Then the command line in child processes: `kerne
validate solsikken` passes, `kerne plans` lists it with the new length, and `kerne serve
solsikken` serves the new scale step to thirty phones (each from its own loopback address)
and the overall wording on the phone's page, over real HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from support import close_tmux

from kerne_tui.plan import find_plan, load_plan, own_plans_folder
from kerne_tui.rehearsal.addresses import own_addresses_work, phone_address

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(not own_addresses_work(), reason="only 127.0.0.1 answers here"),
]

OVERALL = "Vi skaber trivsel, udvikling og læring for alle børn og unge."
STATEMENTS = ["Vi taler om kerneopgaven hver uge.", "Jeg ved, hvad der forventes af mig."]
PHONES = 30
WAIT = ClientTimeout(total=15)


class Pane:
    """A tmux pane on a private server, read and typed into like a person would."""

    def __init__(self, socket: Path, name: str) -> None:
        self.socket = socket
        self.name = name

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return result.stdout

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.2)  # a person's pace: each key lands on the screen it was meant for

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)
        time.sleep(0.1)

    def wait_for(self, found: Callable[[str], bool], seconds: float = 20.0) -> str:
        deadline = time.monotonic() + seconds
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if found(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"the screen never showed it; last screen:\n{text}")


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[tuple[Pane, Path, Path]]:
    """`kerne edit kerneopgaven` in a 100x30 tmux pane; (pane, data folder, exit-code file)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    data = tmp_path / "data"
    exit_file = tmp_path / "exit-code"
    socket = tmp_path / "tmux.sock"  # a private server: other tmux sessions are left alone
    command = (
        f"TERM=xterm-256color KERNE_LANG=da {sys.executable} -m kerne_tui edit kerneopgaven "
        f"--data-dir {data}; echo $? > {exit_file}"
    )
    size = ["-x", "100", "-y", "30"]
    subprocess.run(
        ["tmux", "-S", str(socket), "new-session", "-d", "-s", "edit", *size, command],
        check=True,
        timeout=10,
    )
    try:
        yield Pane(socket, "edit"), data, exit_file
    finally:
        close_tmux(socket)


def kerne(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kerne_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "KERNE_LANG": "da"},
        check=False,
    )


@contextlib.asynccontextmanager
async def served(data: Path, step: str) -> AsyncIterator[tuple[str, str]]:
    """``kerne serve solsikken --step STEP`` on 127.0.0.1; (base address, join code)."""
    command = [sys.executable, "-m", "kerne_tui", "serve", "solsikken", "--step", step]
    command += ["--port", "0", "--host", "127.0.0.1", "--data-dir", str(data)]
    log = data / f"serve-{step}.log"
    with open(log, "ab") as errors:
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=errors
        )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode().strip()
        assert line.startswith("JOIN "), log.read_text(errors="replace")
        base, code = line.removeprefix("JOIN ").split("/j/")
        yield base.replace("0.0.0.0", "127.0.0.1"), code
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            process.kill()
            await process.wait()


def phone(base: str, index: int) -> ClientSession:
    return ClientSession(
        base_url=base,
        cookie_jar=CookieJar(unsafe=True),
        connector=TCPConnector(local_addr=(phone_address(index), 0)),
        headers={"Origin": base},
        timeout=WAIT,
    )


def test_the_whole_edit_in_a_real_terminal_then_validate_plans_and_serve(
    pane: tuple[Pane, Path, Path],
) -> None:
    screen, data, exit_file = pane
    builtin = find_plan("kerneopgaven")
    assert builtin is not None
    original = builtin.read_bytes()
    before = load_plan(builtin)

    # A built-in plan: the editor asks for the name of our own copy.
    screen.wait_for(lambda text: "Din egen kopi" in text)
    screen.type("solsikken")
    screen.keys("Enter")
    screen.wait_for(lambda text: "solsikken · Styrk samarbejdet" in text)

    # The plan's facts: the overall wording (title, workplace, then the overall wording).
    screen.keys("i")
    screen.wait_for(lambda text: "Planens oplysninger" in text)
    time.sleep(0.5)
    screen.keys("Tab", "Tab")
    screen.type(OVERALL)
    screen.keys("Escape")
    screen.wait_for(lambda text: "Modul 1:" in text)

    # The first step's minutes: 10 -> 15 (id, title, prompt, then minutes).
    screen.keys("Enter")
    screen.wait_for(lambda text: "Trin: Velkommen" in text)
    time.sleep(0.5)
    screen.keys("Tab", "Tab", "Tab", "End", "BSpace", "BSpace")
    screen.type("15")
    screen.wait_for(lambda text: "15" in text)
    screen.keys("Escape")
    screen.wait_for(lambda text: "15 min" in text and "Modul 1:" in text)

    # Remove the second step (tjek-ind), then add a scale step after the first.
    screen.keys("Down", "x")
    screen.wait_for(lambda text: "Slettet" in text)
    screen.keys("Up", "a")
    screen.wait_for(lambda text: "Hvilken type trin?" in text)
    screen.keys(*["Down"] * 5, "Enter")
    screen.wait_for(lambda text: "Trin: Skala 1-5" in text)
    time.sleep(0.5)  # the new form takes the focus once it is drawn
    # id, title, prompt, minutes, notes, show, min_answers, then the statements.
    screen.keys(*["Tab"] * 7, "Home", "C-k")  # the placeholder statement, gone
    screen.type(STATEMENTS[0])
    screen.keys("Enter")
    screen.type(STATEMENTS[1])
    screen.keys("Escape")
    screen.wait_for(lambda text: "Skala 1-5" in text and "Modul 1:" in text)

    screen.keys("C-s")
    screen.wait_for(lambda text: "Gemt:" in text)
    screen.keys("C-q")
    for _ in range(100):
        if exit_file.exists() and exit_file.read_text().strip():
            break
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "0"
    assert builtin.read_bytes() == original  # the built-in plan is never written

    saved = own_plans_folder(data) / "solsikken.toml"
    plan = load_plan(saved)
    assert plan.overall_task == OVERALL
    assert plan.step("velkommen").minutes == 15
    assert not plan.has_step("tjek-ind")
    scale = plan.steps[1]
    assert (scale.id, scale.kind.value, scale.statements) == ("scale", "scale", tuple(STATEMENTS))
    assert plan.step("kommunens-ord").prompt == before.step("kommunens-ord").prompt
    assert plan.minutes == before.minutes + 5 - 5 + 5

    validated = kerne("validate", "solsikken", "--data-dir", str(data))
    assert validated.returncode == 0, validated.stderr
    assert "solsikken: gyldig" in validated.stdout
    listed = kerne("plans", "--data-dir", str(data))
    [row] = [line for line in listed.stdout.splitlines() if line.startswith("solsikken ")]
    assert f"{plan.minutes:g} min" in row and "egen" in row

    asyncio.run(_serve_to_phones(data))


async def _serve_to_phones(data: Path) -> None:
    async with served(data, "scale") as (base, code):
        phones = [phone(base, index) for index in range(PHONES)]
        try:

            async def answer(index: int, session: ClientSession) -> int:
                async with session.get(f"/j/{code}") as page:
                    assert page.status == 200
                async with session.get(f"/api/{code}/state") as response:
                    step = (await response.json())["step"]
                assert step["kind"] == "scale" and step["statements"] == STATEMENTS
                body = {
                    "step": "scale",
                    "client_id": f"p{index}",
                    "values": {"0": 1 + index % 5, "1": 5 - index % 5},
                }
                async with session.post(f"/api/{code}/contributions", json=body) as sent:
                    return sent.status

            statuses = await asyncio.gather(*(answer(i, s) for i, s in enumerate(phones)))
            assert statuses == [201] * PHONES
        finally:
            for session in phones:
                await session.close()
    async with served(data, "kommunens-ord") as (base, code):
        session = phone(base, 0)
        try:
            async with session.get(f"/j/{code}") as page:
                html = await page.text()
            assert 'id="overall-task"' in html and OVERALL in html
            async with session.get(f"/api/{code}/state") as response:
                step = (await response.json())["step"]
            assert step["overall_task"] == OVERALL
        finally:
            await session.close()


def test_a_draft_with_a_problem_is_refused_by_validate_and_run_in_the_editors_words(
    tmp_path: Path,
) -> None:
    from kerne_tui.editor.checks import check
    from kerne_tui.editor.files import copy_path, open_document, save_document

    builtin = find_plan("kerneopgaven-kort")
    assert builtin is not None
    draft = copy_path(tmp_path, "kladde")
    document = open_document(builtin, "da")
    document.set_step(0, 1, "minutes", "otte")
    save_document(document, draft)
    [problem] = check(document.data(), str(draft)).problems
    shown = problem.message("da")  # what the editor shows beside the field

    validated = kerne("validate", "kladde", "--data-dir", str(tmp_path))
    assert validated.returncode == 1
    assert validated.stderr.splitlines()[0] == shown
    ran = kerne("run", "kladde", "--data-dir", str(tmp_path))
    assert ran.returncode == 2
    assert f"  {shown}" in ran.stderr.splitlines()
    assert not list(tmp_path.glob("*.json"))  # no session was started


def test_kerne_edit_says_in_one_sentence_what_it_cannot_open(tmp_path: Path) -> None:
    missing = kerne("edit", "findes-ikke", "--data-dir", str(tmp_path))
    assert missing.returncode == 2
    assert missing.stderr.startswith("fejl: ") and "Traceback" not in missing.stderr
    assert "findes-ikke" in missing.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "x"\n[[modules]\n', encoding="utf-8")
    refused = kerne("edit", str(broken), "--data-dir", str(tmp_path))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "ikke gyldig TOML i linje" in refused.stderr
    assert broken.read_text(encoding="utf-8") == 'title = "x"\n[[modules]\n'
    folder = own_plans_folder(tmp_path)
    folder.mkdir(parents=True)
    shutil.copyfile(tmp_path / "broken.toml", folder / "kerneopgaven.toml")
    both = kerne("edit", "kerneopgaven", "--data-dir", str(tmp_path))
    assert both.returncode == 2
    assert "både blandt de indbyggede planer og dine egne" in both.stderr
