"""A careless or hostile plan never crashes kerne: ``kerne validate`` refuses in one sentence what
``kerne serve`` could not work with, and no text of a plan reaches a terminal or a file raw.

Every test runs the real command (``python -m kerne_tui``) as a subprocess on a plan written
to the real disk.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import pytest
from test_archive_cli import environment, kerne
from test_hostile_archive_files import MEMORY_LIMIT_KB, kerne_measured, one_sentence

TIMEOUT = 60.0
ESCAPES = ("\x1b", "\u202e", "\x07", "\x9b")
HEADER = 'title = "Plan"\n\n[[modules]]\ntitle = "Start"\n\n'


def step(kind: str = "text", **fields: object) -> str:
    """One step as TOML: an id, a kind, a title, a prompt, minutes 5 unless given."""
    values: dict[str, object] = {"title": "Trin", "prompt": "Skriv", "minutes": 5, **fields}
    lines = [f"kind = {_toml(kind)}"] + [
        f"{name} = {_toml(value)}" for name, value in values.items()
    ]
    return "[[modules.steps]]\n" + "\n".join(lines) + "\n\n"


def _toml(value: object) -> str:
    if isinstance(value, str) and value.startswith("="):
        return value[1:]  # written as it stands: nan, inf, 1e308
    return json.dumps(value)  # TOML reads JSON's escapes (\u001b) in a basic string


def validate(tmp_path: Path, text: str) -> str:
    """``kerne validate`` on *text* in English: the one sentence it said, checked for a refusal."""
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    done = kerne("validate", plan, lang="en")
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[-1] == "error: 1 plan has mistakes."
    return "\n".join(lines[:-1])


@pytest.mark.parametrize("minutes", ["=nan", "=inf", "=-inf", "=1e308", 9223372036854775807])
def test_minutes_serve_could_not_count_down_are_refused(tmp_path: Path, minutes: object) -> None:
    said = validate(tmp_path, HEADER + step(minutes=minutes))
    assert said.count("\n") == 0, "one sentence"
    assert "field 'minutes': must be a number above 0 and at most 600 (ten hours)" in said


@pytest.mark.parametrize("minutes", ["=nan", 9223372036854775807])
def test_serve_refuses_such_a_plan_before_it_starts(tmp_path: Path, minutes: object) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(HEADER + step(minutes=minutes), encoding="utf-8")
    done = kerne(
        "serve", plan, "--host", "127.0.0.1", "--port", "0", "--data-dir", tmp_path / "d", lang="en"
    )
    assert done.returncode == 2 and "JOIN" not in done.stdout
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "error: 1 plan has mistakes.",
        f'  {plan}: module 1 "Start", step 1 "Trin", field \'minutes\': must be a number above 0 '
        f"and at most 600 (ten hours), but is {str(minutes).lstrip('=')}",
    ]


def test_a_body_limit_of_gigabytes_is_refused(tmp_path: Path) -> None:
    said = validate(tmp_path, HEADER + step(max_length=1000000000))
    assert said.endswith("field 'max_length': must be at most 5000, but is 1000000000")


def test_every_number_and_list_has_an_upper_limit(tmp_path: Path) -> None:
    options = [f"Mulighed {n}" for n in range(51)]
    text = (
        HEADER
        + step("text", max_per_person=1000)
        + step("vote", options=["a", "b"], dots=1000, max_per_option=1000, min_answers=100000)
        + step("rank", options=["a", "b"], top=1000)
        + step("points", options=["a", "b"], budget=1000000)
        + step("choice", options=options)
        + step("words", max_words=11)
    )
    said = validate(tmp_path, text)
    for field, limit in [
        ("max_per_person", "at most 100"),
        ("dots", "at most 100"),
        ("max_per_option", "at most 100"),
        ("min_answers", "at most 1000"),
        ("top", "at most 50"),
        ("budget", "at most 1000,"),
        ("options", "may have at most 50, but has 51"),
        ("max_words", "at most 10"),
    ]:
        assert f"field '{field}': " in said and limit in said, (field, said)
    assert said.count("\n") == 7, "one sentence each"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEADER + "x = " + "[" * 50_000 + "]" * 50_000,
            "line 6 nests lists or tables more than 16",
        ),
        (HEADER + "x = " + "{a = " * 5_000 + "1" + "}" * 5_000, "line 6 nests lists or tables"),
        ("a" + ".b" * 20_000 + " = 1\n", "line 1 has a key of more than 8 parts"),
        ('"' + "k" * 200 + '" = 1\n', "line 1 has a key longer than 100 characters"),
        ('title = "' + "x" * 600_000 + '"\n', "is too big to be a plan (over 512 KB)"),
    ],
    ids=["arrays-50000", "inline-tables-5000", "dotted-key-20000", "long-key", "600-KB"],
)
def test_a_plan_the_parser_would_choke_on_is_refused_before_parsing(
    tmp_path: Path, text: str, expected: str
) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    ran = kerne_measured("validate", plan, cwd=tmp_path)
    said = one_sentence(ran)
    assert ran.returncode == 1
    assert said.startswith(f"{plan}: {expected}") or said.startswith(f"{plan} {expected}"), said
    assert said.endswith("error: 1 plan has mistakes.")
    assert ran.peak_kb < MEMORY_LIMIT_KB, f"peak {ran.peak_kb} KB"


ESCAPED_TITLE = "\\u001b]0;KAPRET\\u0007Vores \\u202emøde\\u001b[2K\\r"
"""A title that sets the terminal's title, turns the text around and wipes the line (TOML)."""
RAW_TITLE = "\x1b]0;KAPRET\x07Vores \u202emøde\x1b[2K\r"
"""The same title as Python has it (``step`` writes it in TOML's escapes)."""


def test_validate_never_prints_a_plan_s_escapes(tmp_path: Path) -> None:
    text = f'title = "{ESCAPED_TITLE}"\n\n[[modules]]\ntitle = "{ESCAPED_TITLE}"\n\n'
    said = validate(tmp_path, text + step(kind=f"{RAW_TITLE}text"))
    assert "field 'kind': the step kind 'Vores møde" in said
    for escape in ESCAPES:
        assert escape not in said


async def test_a_plan_s_escapes_reach_neither_the_session_file_nor_sessions_nor_the_report(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        f'title = "{ESCAPED_TITLE}"\n\n[[modules]]\ntitle = "M"\n\n' + step(title=RAW_TITLE),
        encoding="utf-8",
    )
    data = tmp_path / "data"
    await serve_once(plan, data)
    session = next(data.glob("*.json"))
    stored = session.read_text(encoding="utf-8")
    listed = kerne("sessions", "--data-dir", data, lang="en")
    report = kerne("report", session.stem, "--format", "md", "--data-dir", data, lang="en")
    written = Path(report.stdout.strip()).read_text(encoding="utf-8")
    assert "Vores møde" in stored and "Vores møde" in listed.stdout and "Vores møde" in written
    for escape in ESCAPES:
        for shown in (stored, listed.stdout, listed.stderr, written):
            assert escape not in shown and json.dumps(escape)[1:-1] not in shown, repr(escape)


def test_sessions_cleans_a_title_written_raw_by_another_program(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text('title = "Dag"\n\n[[modules]]\ntitle = "M"\n\n' + step(), encoding="utf-8")
    data = tmp_path / "data"
    asyncio.run(serve_once(plan, data))
    session = next(data.glob("*.json"))
    stored = json.loads(session.read_bytes())
    stored["session"]["1"]["title"] = "\x1b]0;KAPRET\x07Rå \u202etitel\x1b[2K\r"
    session.write_text(json.dumps(stored), encoding="utf-8")
    listed = kerne("sessions", "--data-dir", data, lang="en")
    assert "Rå titel" in listed.stdout
    for escape in ESCAPES:
        assert escape not in listed.stdout + listed.stderr


async def serve_once(plan: Path, data_dir: Path) -> None:
    """``kerne serve PLAN`` until it says JOIN, then SIGTERM: the session file is on disk."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kerne_tui",
        "serve",
        str(plan),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data-dir",
        str(data_dir),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=environment(),
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), TIMEOUT)).decode("utf-8")
        assert line.startswith("JOIN "), line
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()
