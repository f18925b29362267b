"""``kerne run`` beside a session that runs on without its wall (the runtime file's view).

The running session is this test's own process with a listening port on 127.0.0.1, as the
runtime file describes it; the whole handover in real terminals is ``test_lost_terminal.py``.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kerne_tui.control.runtime import RuntimeInfo, write_runtime
from kerne_tui.settings import Settings
from kerne_tui.takeover import ended, running_session_first
from kerne_tui.user_errors import UserError


@pytest.fixture
def listening() -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        yield server.getsockname()[1]
    finally:
        server.close()


def _running(data_dir: Path, port: int, *, wall_lost: bool) -> RuntimeInfo:
    info = RuntimeInfo(
        port=port,
        secret="s3cret",
        pid=os.getpid(),
        session=str(data_dir / "2026-12-07-plan-KERNE.json"),
        title="Prøve",
        join_url=f"http://127.0.0.1:{port}/j/KERNE",
        started="2026-12-07T09:00:00+00:00",
        phone_port=port,
        wall_lost=wall_lost,
    )
    write_runtime(data_dir, info)
    return info


def _settings(data_dir: Path, resume: str | None = None) -> Settings:
    return Settings(data_dir=data_dir, host="127.0.0.1", port=0, plan="kerneopgaven", resume=resume)


def _never(question: str) -> str:
    raise AssertionError(f"nothing should have been asked: {question}")


def test_a_new_run_beside_a_session_without_its_wall_says_how_to_take_it_back(
    tmp_path: Path, listening: int
) -> None:
    _running(tmp_path, listening, wall_lost=True)
    with pytest.raises(UserError) as refused:
        running_session_first(_settings(tmp_path), "da", _never)
    assert refused.value.message == (
        "Sessionen »Prøve« kører stadig uden sit lærred "
        f"(proces {os.getpid()}): telefonerne får svar, og tiden går."
    )
    assert refused.value.hint == (
        f"Hent lærredet tilbage hertil med: kerne run --resume --data-dir {tmp_path}"
    )


def test_a_new_run_beside_a_session_with_its_wall_starts_as_before(
    tmp_path: Path, listening: int
) -> None:
    _running(tmp_path, listening, wall_lost=False)
    settings = _settings(tmp_path)
    assert running_session_first(settings, "en", _never) is settings


def test_resume_asks_and_a_no_leaves_the_running_session_alone(
    tmp_path: Path, listening: int
) -> None:
    _running(tmp_path, listening, wall_lost=True)
    asked: list[str] = []

    def no(question: str) -> str:
        asked.append(question)
        return "n"

    assert running_session_first(_settings(tmp_path, ""), "en", no) is None
    assert asked == [
        f"The session “Prøve” is still running (process {os.getpid()}). Bring its wall here? [Y/n] "
    ]
    assert list((tmp_path / ".kerne-control").glob("*.json"))


def test_resume_of_another_session_asks_nothing(tmp_path: Path, listening: int) -> None:
    _running(tmp_path, listening, wall_lost=True)
    settings = _settings(tmp_path, "OTHER")
    assert running_session_first(settings, "da", _never) is settings


def test_a_refused_handover_says_why(
    tmp_path: Path, listening: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The port takes the connection but never answers: one sentence, no traceback."""
    monkeypatch.setattr("kerne_tui.takeover.ASK_SECONDS", 0.2)
    _running(tmp_path, listening, wall_lost=True)
    with pytest.raises(UserError) as refused:
        running_session_first(_settings(tmp_path, ""), "en", lambda question: "y")
    assert refused.value.message.startswith(
        f"The running session (process {os.getpid()}) would not hand over: "
    )
    assert "Ctrl+Q" in refused.value.hint


def test_a_process_that_has_exited_counts_as_ended() -> None:
    assert not ended(os.getpid())
    assert ended(2**22 + 1)  # above Linux's largest pid


def test_resume_with_no_one_to_answer_leaves_the_lock_to_refuse(
    tmp_path: Path, listening: int
) -> None:
    """Started without a terminal to answer on, nothing is handed over behind anyone's back."""
    _running(tmp_path, listening, wall_lost=True)
    settings = _settings(tmp_path, "")

    def nobody(question: str) -> str:
        raise EOFError

    assert running_session_first(settings, "en", nobody) is settings
