"""The open-files limit, what it holds, and a log that cannot flood (no servers started)."""

from __future__ import annotations

import errno
import logging
import types
from pathlib import Path

import orjson
import pytest

from kerne_tui import limits
from kerne_tui.catalog import t
from kerne_tui.limits import FULL_ROOM, capacity_for, capacity_notice, take_open_files
from kerne_tui.logs import MAX_BYTES, FoldingHandler, log_handlers
from kerne_tui.web.refusals import refusal_bytes

INFINITY = -1


def fake_resource(soft: int, hard: int, ceiling: int) -> types.SimpleNamespace:
    """A stand-in for :mod:`resource` that refuses soft limits above *ceiling*, as macOS does."""
    module = types.SimpleNamespace(RLIMIT_NOFILE=7, RLIM_INFINITY=INFINITY, tries=[])
    module.limits = (soft, hard)

    def getrlimit(which: int) -> tuple[int, int]:
        return module.limits

    def setrlimit(which: int, limits: tuple[int, int]) -> None:
        module.tries.append(limits[0])
        if limits[0] > ceiling:
            raise ValueError("current limit exceeds maximum limit")
        module.limits = limits

    module.getrlimit, module.setrlimit = getrlimit, setrlimit
    return module


def test_the_soft_limit_is_raised_to_the_hard_limit() -> None:
    module = fake_resource(1024, 20_000, 1 << 30)
    capacity = take_open_files(module)  # type: ignore[arg-type]
    assert module.limits == (20_000, 20_000)
    assert capacity.before == 1024 and capacity.files == 20_000
    assert capacity.phones >= 2000 and not capacity.short


def test_macos_unlimited_hard_limit_is_tried_downwards_until_accepted() -> None:
    module = fake_resource(256, INFINITY, 10_240)
    capacity = take_open_files(module)  # type: ignore[arg-type]
    assert module.limits[0] == 10_240
    assert module.tries == sorted(module.tries, reverse=True) and module.tries[0] > 10_240
    assert capacity.files == 10_240 and capacity.phones >= FULL_ROOM


def test_a_hard_limit_of_256_holds_fewer_than_a_room_and_says_so_in_the_plans_language() -> None:
    module = fake_resource(256, 256, 1 << 30)
    capacity = take_open_files(module)  # type: ignore[arg-type]
    assert module.tries == []
    assert capacity.short
    assert capacity.connections + capacity.refusals < 256, "files must be left for kerne itself"
    (danish,) = capacity_notice(capacity, "da")
    (english,) = capacity_notice(capacity, "en")
    assert f"{capacity.phones}" in danish and "ulimit -n" in danish and "telefoner" in danish
    assert "phones" in english


def test_windows_without_resource_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "_resource", lambda: None)
    capacity = take_open_files()
    assert not capacity.short
    assert capacity_notice(capacity, "da") == []
    assert capacity_for(100_000).phones > capacity_for(1024).phones


def test_the_refusal_is_json_for_the_api_and_a_page_otherwise() -> None:
    api = refusal_bytes("/api/ABCDE/contributions", "da")
    head, _, body = api.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503") and b"Retry-After: " in head
    assert orjson.loads(body)["error"]["message"] == t("da", "web.full")
    page = refusal_bytes("/j/ABCDE", "en").decode()
    assert "text/html" in page and t("en", "web.full.title") in page


def emit(logger: logging.Logger, count: int, error: Exception) -> None:
    for _ in range(count):
        try:
            raise error
        except OSError:
            logger.exception("socket.accept() out of system resource")


def test_repeats_are_folded_with_their_count_and_expected_errors_lose_the_traceback(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kerne.log"
    (handler,) = log_handlers(path, to_stderr=False)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test.fold")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        emit(logger, 1234, OSError(errno.EMFILE, "Too many open files"))
        assert isinstance(handler, FoldingHandler)
    finally:
        logger.removeHandler(handler)
        handler.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2, lines
    assert "Too many open files" in lines[0] and "Traceback" not in path.read_text()
    assert "repeated 1,233 times in the last minute" in lines[1]


def test_the_log_rotates_at_its_cap(tmp_path: Path) -> None:
    path = tmp_path / "kerne.log"
    (handler,) = log_handlers(path, to_stderr=False)
    logger = logging.getLogger("test.rotate")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(MAX_BYTES // 1000 * 6):
            logger.warning("a different message each time, number %s %s", number, "x" * 900)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.glob("kerne.log*"))
    assert len(files) == 4
    assert all(f.stat().st_size <= MAX_BYTES + 2000 for f in files)


def test_the_screen_and_stderr_get_the_notice_in_the_plans_language() -> None:
    from kerne_tui.hosting import server_notices
    from kerne_tui.web.server import ServerInfo

    def info(capacity: limits.Capacity, language: str) -> ServerInfo:
        return ServerInfo(
            url="http://192.168.1.2:8765/j/KAFFE",
            port=8765,
            bind_host="0.0.0.0",
            lan_found=True,
            port_moved=False,
            hub=None,  # type: ignore[arg-type]
            capacity=capacity,
            language=language,  # type: ignore[arg-type]
        )

    short, roomy = capacity_for(256), capacity_for(20_000)
    assert server_notices(info(short, "en"), 8765, "da") == capacity_notice(short, "en")
    assert server_notices(info(roomy, "da"), 8765, "da") == []
