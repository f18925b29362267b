"""The facilitator's own view, without a server: pairing codes, remote tokens, runtime files."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from kerne_tui.control import (
    PairingRefusal,
    PairingRefused,
    Pairings,
    RuntimeInfo,
    Surface,
    find_running,
    running_sessions,
)
from kerne_tui.control.pairing import CODE_SECONDS, GUESSES_PER_MINUTE, guesser_key
from kerne_tui.control.runtime import (
    NoRunningSession,
    published,
    read_runtime,
    runtime_folder,
    write_runtime,
)


class Ticking:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticking() -> Ticking:
    return Ticking()


@pytest.fixture
def pairings(ticking: Ticking) -> Pairings:
    return Pairings(monotonic=ticking, stamp=lambda: "09:00")


def test_a_code_pairs_one_phone_and_gives_it_a_token_that_verifies(pairings: Pairings) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    remote, token = pairings.redeem(offer.code, "10.0.0.5")
    assert pairings.verify(token) == remote
    assert remote.number == 1
    assert len(token) >= 40


def test_a_code_is_good_only_once(pairings: Pairings) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    pairings.redeem(offer.code, "10.0.0.5")
    with pytest.raises(PairingRefused) as refused:
        pairings.redeem(offer.code, "10.0.0.6")
    assert refused.value.reason is PairingRefusal.USED
    assert len(pairings.remotes) == 1


def test_a_code_typed_in_lower_case_with_its_dash_is_accepted(pairings: Pairings) -> None:
    offer = pairings.new_offer(Surface.WALL)
    typed = f" {offer.code[:3].lower()}-{offer.code[3:].lower()} "
    remote, _ = pairings.redeem(typed, "10.0.0.5")
    assert remote.offered_on is Surface.WALL


def test_a_code_expires_after_its_minutes(pairings: Pairings, ticking: Ticking) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    ticking.now += CODE_SECONDS + 1
    with pytest.raises(PairingRefused) as refused:
        pairings.redeem(offer.code, "10.0.0.5")
    assert refused.value.reason is PairingRefusal.EXPIRED
    assert pairings.remotes == []


def test_a_new_code_withdraws_the_one_before(pairings: Pairings) -> None:
    first = pairings.new_offer(Surface.CONSOLE)
    pairings.new_offer(Surface.CONSOLE)
    with pytest.raises(PairingRefused):
        pairings.redeem(first.code, "10.0.0.5")


def test_wrong_guesses_from_one_address_are_rate_limited(
    pairings: Pairings, ticking: Ticking
) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    for _ in range(GUESSES_PER_MINUTE):
        with pytest.raises(PairingRefused):
            pairings.redeem("AAAAAA", "10.0.0.9")
    with pytest.raises(PairingRefused) as refused:
        pairings.redeem(offer.code, "10.0.0.9")
    assert refused.value.reason is PairingRefusal.RATE_LIMITED
    # Another address is not held up, and the guesser may try again a minute later.
    ticking.now += 61
    remote, _ = pairings.redeem(offer.code, "10.0.0.9")
    assert remote.number == 1


def test_guessing_from_many_addresses_leaves_the_code_on_offer_and_is_counted(
    pairings: Pairings,
) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    for n in range(200):
        with pytest.raises(PairingRefused):
            pairings.redeem("AAAAAA", f"10.0.{n}.1")
    assert pairings.current_offer() == offer
    assert pairings.wrong_guesses == 200
    remote, _ = pairings.redeem(offer.code, "10.0.250.5")
    assert remote.number == 1


def test_an_ipv6_guesser_is_counted_by_its_network() -> None:
    assert guesser_key("2001:db8:1:2::5") == guesser_key("2001:db8:1:2:ffff::9")
    assert guesser_key("2001:db8:1:2::5") != guesser_key("2001:db8:1:3::5")
    assert guesser_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert guesser_key("192.0.2.7") == "192.0.2.7"


def test_a_wrong_or_missing_token_verifies_as_nobody(pairings: Pairings) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    _, token = pairings.redeem(offer.code, "10.0.0.5")
    assert pairings.verify(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert pairings.verify("") is None
    assert pairings.verify(None) is None


def test_a_revoked_remote_is_refused_at_once(pairings: Pairings) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    remote, token = pairings.redeem(offer.code, "10.0.0.5")
    assert pairings.revoke(remote.id) == remote
    assert pairings.verify(token) is None
    assert pairings.revoke(remote.id) is None


def test_only_the_tokens_hash_is_kept(pairings: Pairings) -> None:
    offer = pairings.new_offer(Surface.CONSOLE)
    remote, token = pairings.redeem(offer.code, "10.0.0.5")
    assert token not in repr(remote)
    assert token.encode() != remote.token_hash


# --- the runtime file ---------------------------------------------------------------------


def _listening() -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    return server


def _info(port: int, session: str = "2026-11-23-plan-KERNE.json", **changes: object) -> RuntimeInfo:
    fields: dict[str, object] = {
        "port": port,
        "secret": "s3cret",
        "pid": os.getpid(),
        "session": session,
        "title": "Prøve",
        "join_url": "http://10.0.0.2:8321/j/KERNE",
        "started": "2026-11-23T09:00:00+00:00",
    }
    fields.update(changes)
    return RuntimeInfo(**fields)  # type: ignore[arg-type]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_runtime_file_is_readable_by_the_user_only(data_dir: Path) -> None:
    path = write_runtime(data_dir, _info(1))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_runtime(path) == _info(1)


def test_the_runtime_file_is_removed_when_the_session_stops(data_dir: Path) -> None:
    with published(
        data_dir,
        port=1,
        secret="s",
        session=data_dir / "x-KERNE.json",
        title="t",
        join_url="u",
    ) as path:
        assert path.exists()
    assert not path.exists()


def test_the_latest_running_session_is_found(data_dir: Path) -> None:
    server = _listening()
    try:
        port = server.getsockname()[1]
        write_runtime(data_dir, _info(port, "a-AAAAA.json", started="2026-11-23T08:00:00+00:00"))
        write_runtime(data_dir, _info(port, "b-BBBBB.json", started="2026-11-23T09:00:00+00:00"))
        assert find_running(data_dir).session == "b-BBBBB.json"
        assert find_running(data_dir, "aaaaa").session == "a-AAAAA.json"
        with pytest.raises(NoRunningSession):
            find_running(data_dir, "CCCCC")
    finally:
        server.close()


def test_a_file_whose_port_does_not_answer_is_stale(data_dir: Path) -> None:
    server = _listening()
    port = server.getsockname()[1]
    server.close()
    write_runtime(data_dir, _info(port))
    assert running_sessions(data_dir) == []
    with pytest.raises(NoRunningSession):
        find_running(data_dir)


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX")
def test_a_file_left_by_a_process_that_is_gone_is_stale_and_removed(data_dir: Path) -> None:
    server = _listening()
    try:
        # A pid far above any in use on this machine: no such process.
        path = write_runtime(data_dir, _info(server.getsockname()[1], pid=2**22 + 12345))
        assert running_sessions(data_dir) == []
        assert not path.exists()
    finally:
        server.close()


def test_a_damaged_runtime_file_is_passed_over(data_dir: Path) -> None:
    folder = runtime_folder(data_dir)
    folder.mkdir()
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    assert running_sessions(data_dir) == []
