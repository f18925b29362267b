"""Trust in a hostile room, the pure rules: tokens, names, limits per address, invisible texts,
clamped and sleep-aware timers, what the archive withholds, the phones' own addresses.

The same rules are tested over real HTTP from distinct loopback addresses in
``test_hostile_http.py``; here each rule is checked on its own, on clocks moved by hand.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from rich.cells import cell_len
from support import FakeClock, plan_text

from kerne_tui.archive.withheld import withheld_count, without_withheld_texts
from kerne_tui.catalog import CATALOG
from kerne_tui.plan import Option, Plan, PlanError, StepKind, load_plan
from kerne_tui.rehearsal.addresses import (
    phone_address,
)
from kerne_tui.store import read_session_data, rows
from kerne_tui.tui.card_fit import CARD_CELLS, CARD_LINES, fit_card
from kerne_tui.web.admission import (
    Admission,
    AdmissionLimits,
    Admitted,
    StreamCap,
    client_address,
    limits_from_plan,
)
from kerne_tui.web.devices import VERIFIED_CACHE, DeviceTokens, TokenCheck
from kerne_tui.web.hosts import HostAllowList, host_name
from kerne_tui.workshop import Contribution, Refused, Workshop, iso
from kerne_tui.workshop.carried import MAX_CARRIED_OPTIONS, carried_options
from kerne_tui.workshop.sanitize import clean_text, has_visible, strip_tags
from kerne_tui.workshop.timer import StepTimer


class ManualClock:
    """A monotonic clock for the limits that moves only when the test says."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# --- device tokens -------------------------------------------------------------------------


def test_a_token_kerne_issued_is_known_and_an_invented_one_is_not(workshop: Workshop) -> None:
    tokens = DeviceTokens(workshop.device_key)
    issued = tokens.issue()
    assert tokens.check(issued) is TokenCheck.ISSUED
    assert tokens.check("0123456789abcdef0123456789abcdef") is TokenCheck.FOREIGN
    assert tokens.check("a" * 64) is TokenCheck.FOREIGN
    assert tokens.check(None) is TokenCheck.MISSING


def test_a_token_with_one_digit_changed_is_refused(workshop: Workshop) -> None:
    tokens = DeviceTokens(workshop.device_key)
    issued = tokens.issue()
    flipped = issued[:10] + ("0" if issued[10] != "0" else "1") + issued[11:]
    assert tokens.check(flipped) is TokenCheck.FOREIGN


def test_a_token_from_another_session_is_refused(
    workshop: Workshop, plan: Plan, tmp_path: Path
) -> None:
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = Workshop.create(plan, other_dir, join_code="ANDEN")
    from_elsewhere = DeviceTokens(other.device_key).issue()
    assert DeviceTokens(workshop.device_key).check(from_elsewhere) is TokenCheck.FOREIGN
    other.store.release()


def test_a_remembered_token_answers_the_same_and_the_memory_stays_bounded(
    workshop: Workshop,
) -> None:
    tokens = DeviceTokens(workshop.device_key)
    issued = tokens.issue()
    flipped = issued[:40] + ("0" if issued[40] != "0" else "1") + issued[41:]
    for _ in range(3):
        assert tokens.check(issued) is TokenCheck.ISSUED
        assert tokens.check(flipped) is TokenCheck.FOREIGN
    for _ in range(VERIFIED_CACHE + 10):
        assert tokens.check(tokens.issue()) is TokenCheck.ISSUED
    assert len(tokens._verified) <= VERIFIED_CACHE
    assert tokens.check(issued) is TokenCheck.ISSUED
    assert tokens.check(flipped) is TokenCheck.FOREIGN


def test_issued_tokens_are_all_different(workshop: Workshop) -> None:
    tokens = DeviceTokens(workshop.device_key)
    assert len({tokens.issue() for _ in range(500)}) == 500


# --- the Host allow-list -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Example.ORG:8765", "example.org"),
        ("10.0.0.5", "10.0.0.5"),
        ("[::1]:8765", "::1"),
        ("kerne.local.", "kerne.local"),
    ],
)
def test_host_names_are_read_without_port_and_case(header: str, name: str) -> None:
    assert host_name(header) == name


def test_only_kernes_own_names_are_allowed() -> None:
    hosts = HostAllowList.for_server(
        bind_host="0.0.0.0", lan_host="192.168.1.20", public_url="https://kerne.example.dk/x"
    )
    assert hosts.allows("192.168.1.20:8765")
    assert hosts.allows("localhost:8765")
    assert hosts.allows("127.0.0.1:8765")
    assert hosts.allows("[::1]:8765")
    assert hosts.allows("kerne.example.dk")
    assert hosts.allows(f"{socket.gethostname()}.local:8765")
    assert not hosts.allows("evil.example:8765")
    assert not hosts.allows("kerne.example.dk.evil.example")
    assert not hosts.allows("192.168.1.21:8765")


def test_the_address_a_connection_arrived_on_is_our_own() -> None:
    hosts = HostAllowList.for_server(bind_host="0.0.0.0")
    assert hosts.allows("10.20.30.40:8765", arrived_on="10.20.30.40")
    assert not hosts.allows("evil.example:8765", arrived_on="10.20.30.40")


# --- admission of new devices --------------------------------------------------------------


def test_one_address_brings_in_only_a_few_devices_a_minute() -> None:
    clock = ManualClock()
    admission = Admission(AdmissionLimits(), clock)
    answers = [admission.admit_device("127.0.0.2") for _ in range(5)]
    assert answers[:3] == [Admitted.YES] * 3
    assert answers[3:] == [Admitted.TOO_FAST] * 2
    assert admission.admit_device("127.0.0.3") is Admitted.YES


def test_one_address_brings_in_a_handful_of_devices_in_all() -> None:
    clock = ManualClock()
    admission = Admission(AdmissionLimits(), clock)
    admitted = 0
    for _ in range(30):
        if admission.admit_device("127.0.0.2") is Admitted.YES:
            admitted += 1
        clock.now += 61
    assert admitted == AdmissionLimits().devices_per_address
    assert admission.admit_device("127.0.0.2") is Admitted.TOO_MANY


def test_a_venue_behind_one_router_can_let_a_whole_room_in() -> None:
    limits = AdmissionLimits().with_overrides(devices_per_address=200)
    assert limits.new_devices_per_minute >= 100
    admission = Admission(limits, ManualClock())
    assert all(admission.admit_device("10.0.0.1") is Admitted.YES for _ in range(100))
    assert limits.streams_per_address > AdmissionLimits().streams_per_address


def test_the_plan_can_set_the_limits(write_plan: Callable[[str, str], Path]) -> None:
    text = plan_text("small").replace(
        'description = "En lille plan med alle trintyper, til test."',
        'description = "Bag én router."\n\n[limits]\ndevices_per_address = 50\n'
        "new_devices_per_minute = 20",
    )
    plan = load_plan(write_plan(text, "nat.toml"))
    limits = limits_from_plan(plan.raw)
    assert (limits.devices_per_address, limits.new_devices_per_minute) == (50, 20)
    assert limits_from_plan({}) == AdmissionLimits()


def test_bad_limits_in_a_plan_are_named_in_both_languages(
    write_plan: Callable[[str, str], Path],
) -> None:
    text = plan_text("small").replace(
        'description = "En lille plan med alle trintyper, til test."',
        'description = "x"\n\n[limits]\ndevices_per_adress = 3\nnew_devices_per_minute = 0',
    )
    with pytest.raises(PlanError) as error:
        load_plan(write_plan(text, "forkert.toml"))
    danish = error.value.messages("da")
    english = error.value.messages("en")
    assert any("[limits]" in line and "devices_per_adress" in line for line in danish)
    assert any("new_devices_per_minute" in line and "1 til 10000" in line for line in danish)
    assert any("whole number from 1 to 10000" in line for line in english)


def test_wrong_join_codes_meet_a_limit_early_and_it_refills() -> None:
    clock = ManualClock()
    admission = Admission(AdmissionLimits(), clock)
    allowed = sum(admission.allow_code_guess("127.0.0.2") for _ in range(300))
    assert allowed == AdmissionLimits().wrong_codes_burst
    assert admission.guessing("127.0.0.2")
    assert not admission.guessing("127.0.0.3")
    clock.now += 60
    assert admission.allow_code_guess("127.0.0.2")


def test_page_loads_are_limited_per_address() -> None:
    clock = ManualClock()
    admission = Admission(AdmissionLimits(), clock)
    allowed = sum(admission.allow_page("127.0.0.2") for _ in range(1000))
    assert allowed == AdmissionLimits().page_burst
    assert admission.allow_page("127.0.0.3")


# --- the address a request counts under ----------------------------------------------------


def test_a_forwarded_address_counts_only_when_the_facilitator_trusts_the_proxy() -> None:
    assert client_address("127.0.0.1", "203.0.113.9", trust_forwarded=False) == "127.0.0.1"
    assert client_address("127.0.0.1", "198.51.100.1, 203.0.113.9", trust_forwarded=True) == (
        "203.0.113.9"
    )


def test_a_phone_on_the_wifi_cannot_claim_a_forwarded_address() -> None:
    assert client_address("192.168.1.40", "203.0.113.9", trust_forwarded=True) == "192.168.1.40"
    assert client_address("127.0.0.1", "not an address", trust_forwarded=True) == "127.0.0.1"


# --- event streams per address -------------------------------------------------------------


def test_past_the_cap_an_address_loses_its_oldest_stream() -> None:
    cap = StreamCap(per_address=3)
    ended: list[int] = []
    releases = [cap.open("127.0.0.2", lambda n=n: ended.append(n)) for n in range(5)]
    assert ended == [0, 1]
    assert cap.count("127.0.0.2") == 3
    other = cap.open("127.0.0.3", lambda: ended.append(99))
    assert cap.count("127.0.0.3") == 1 and 99 not in ended
    for release in releases:
        release()
    other()
    assert cap.count("127.0.0.2") == 0 and cap.count("127.0.0.3") == 0


# --- texts that show nothing ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",
        "\u2060\u2060",
        "\u3164",
        "\u3164 \u3164",
        "\u115f\u1160",
        "\uffa0",
        "\u2800\u2800",
        "\U000e0068\U000e0065\U000e006a",
        "\u00ad",
        "\ufe0f",
        "\u200b\n\u200d",
        "  \u3000 ",
    ],
)
def test_a_text_that_shows_nothing_comes_back_empty(text: str) -> None:
    assert clean_text(text, multiline=True) == ""
    assert clean_text(text, multiline=False) == ""
    assert not has_visible(text)


@pytest.mark.parametrize("text", ["Børn", "👍", "ok\u200b", "日本", "x\u0301", "1"])
def test_a_text_that_shows_something_is_kept(text: str) -> None:
    assert clean_text(text, multiline=True) == text


def test_tag_characters_are_stripped_everywhere() -> None:
    smuggled = "Mere tid\U000e0049\U000e0047\U000e004e\U000e004f\U000e0052\U000e0045 til børnene"
    assert clean_text(smuggled, multiline=False) == "Mere tid til børnene"
    assert strip_tags("x\U000e0001y") == "xy"


async def test_an_invisible_answer_is_refused_like_an_empty_one(workshop: Workshop) -> None:
    await workshop.go_to("ideas", run_timer=False)
    with pytest.raises(Refused) as refused:
        await workshop.submit("telefon-1", "ideas", "c1", {"text": "\u3164\u200b"})
    assert refused.value.key == "refuse.empty"


# --- timers after resume and sleep ---------------------------------------------------------


def test_a_resumed_deadline_far_ahead_is_clamped_to_the_step(clock: FakeClock) -> None:
    deadline = iso(clock.now() + timedelta(hours=5))
    doc = {"planned": 480.0, "remaining": 18_000.0, "running": True, "deadline": deadline}
    timer = StepTimer.from_doc(clock, doc)
    assert timer.seconds_left() == 480.0


def test_a_resumed_timer_keeps_its_added_minutes(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    clock.advance(290)
    timer.extend(120)
    doc = timer.to_doc()
    assert doc["extended"] == 120
    again = StepTimer.from_doc(clock, doc)
    assert again.seconds_left() == pytest.approx(130)
    assert again.allowed == 420


def test_a_deadline_written_by_a_clock_set_wrong_gets_no_more_than_was_left(
    clock: FakeClock,
) -> None:
    doc = {
        "planned": 480.0,
        "extended": 0.0,
        "remaining": 200.0,
        "running": True,
        "deadline": iso(clock.now() + timedelta(minutes=7)),
    }
    assert StepTimer.from_doc(clock, doc).seconds_left() == 200.0


class SleepingClock(FakeClock):
    """A fake clock with a clock that counts sleep, as Linux's CLOCK_BOOTTIME does."""

    def __init__(self) -> None:
        super().__init__()
        self._boot = 50.0

    def since_boot(self) -> float:
        return self._boot

    def advance(self, seconds: float) -> None:
        super().advance(seconds)
        self._boot += seconds

    def sleep(self, seconds: float) -> None:
        """The laptop is suspended: the monotonic clock stops, the others go on."""
        self._boot += seconds
        self.jump_wall(seconds)


def test_a_sleep_is_noticed_and_the_countdown_follows_real_time() -> None:
    clock = SleepingClock()
    timer = StepTimer.fresh(clock, 600)
    timer.start()
    clock.advance(60)
    clock.sleep(240)
    assert timer.seconds_left() == pytest.approx(300)
    assert timer.sleeps == 1
    assert timer.last_sleep == pytest.approx(240)
    clock.advance(10)
    assert timer.seconds_left() == pytest.approx(290)
    assert timer.sleeps == 1


def test_a_wall_clock_that_jumps_is_no_sleep() -> None:
    clock = SleepingClock()
    timer = StepTimer.fresh(clock, 600)
    timer.start()
    clock.advance(60)
    clock.jump_wall(3600)
    assert timer.seconds_left() == pytest.approx(540)
    clock.jump_wall(-7200)
    assert timer.seconds_left() == pytest.approx(540)
    assert timer.sleeps == 0


def test_a_sleep_longer_than_the_step_closes_it() -> None:
    clock = SleepingClock()
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    clock.sleep(3600)
    assert timer.expired


def test_the_system_clock_counts_sleep_where_the_system_can() -> None:
    from kerne_tui.workshop import SystemClock

    reading = SystemClock().since_boot()
    if hasattr(time, "CLOCK_BOOTTIME"):
        assert reading is not None and reading > 0


async def test_a_workshop_resumed_after_an_edited_deadline_has_its_steps_time(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    await workshop.save_state()
    await workshop.shutdown()
    path = workshop.path
    data = read_session_data(path)
    state = data["state"]
    key = next(iter(state))
    state[key]["timer"]["deadline"] = iso(clock.now() + timedelta(hours=5))
    state[key]["timer"]["remaining"] = 18_000.0
    path.write_bytes(orjson.dumps(data))
    again = Workshop.resume(path, clock=clock)
    try:
        assert again.seconds_left() <= 5 * 60
    finally:
        again.store.release()


# --- what the archive withholds ------------------------------------------------------------


async def test_hidden_and_retracted_words_stay_behind_and_counts_stay(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    kept = await workshop.submit("telefon-1", "ideas", "c1", {"text": "Mere tid sammen"})
    named = await workshop.submit("telefon-2", "ideas", "c1", {"text": "Bent er umulig"})
    taken = await workshop.submit("telefon-3", "ideas", "c1", {"text": "Fortrudt idé"})
    await workshop.toggle_hidden(named.id)
    await workshop.retract("telefon-3", taken.id)
    data = read_session_data(workshop.path)
    shared = without_withheld_texts(data)
    texts = {row["id"]: row for row in rows(shared, "contributions")}
    assert texts[kept.id]["text"] == "Mere tid sammen"
    assert texts[named.id]["text"] == "(skjult af facilitatoren)"
    assert texts[named.id]["withheld"] == "hidden"
    assert texts[taken.id]["text"] == "(trukket tilbage)"
    assert texts[taken.id]["withheld"] == "retracted"
    assert len(texts) == 3
    assert withheld_count(shared) == {"hidden": 1, "retracted": 1}
    raw = repr(shared)
    assert "Bent er umulig" not in raw and "Fortrudt idé" not in raw
    # The session file itself is untouched.
    assert any(row["text"] == "Bent er umulig" for row in rows(data, "contributions"))


# --- the phones' own addresses -------------------------------------------------------------


def test_every_simulated_phone_has_an_address_of_its_own() -> None:
    addresses = [phone_address(i) for i in range(1000)]
    assert len(set(addresses)) == 1000
    assert addresses[0] == "127.0.0.2"
    assert all(a.startswith("127.") and a != "127.0.0.1" for a in addresses)


# --- the texts ------------------------------------------------------------------------------


def test_every_hostile_text_is_in_both_languages() -> None:
    from kerne_tui.texts.hostile import TEXTS

    for key, (da, en) in TEXTS.items():
        assert CATALOG[key] == (da, en)
        assert da.strip() and en.strip() and da != en


# --- a vote over earlier answers offers a sane number of options ----------------------------


def card(number: int, **fields: Any) -> Contribution:
    return Contribution(
        id=f"c{number:05d}",
        step_id="ideas",
        kind=StepKind.TEXT,
        device=f"d{number}",
        client_id="x",
        at="2026-11-23T09:00:00.000Z",
        text=f"Idé {number}",
        **fields,
    )


def test_a_vote_over_thousands_of_answers_offers_at_most_the_cap() -> None:
    stuffed = [card(n) for n in range(5000)]
    options = carried_options(stuffed, {})
    assert len(options) == MAX_CARRIED_OPTIONS
    assert [o.label for o in options[:3]] == ["Idé 0", "Idé 1", "Idé 2"]


def test_only_shown_cards_are_offered_and_merged_weight_comes_first() -> None:
    cards = [card(0, hidden=True), card(1, retracted=True), card(2, merged_into="c00003")]
    cards += [card(n) for n in range(3, 40)]
    options = carried_options(cards, {"c00039": 4}, limit=5)
    ids = [o.id for o in options]
    assert "c00039" in ids
    assert ids == ["c00003", "c00004", "c00005", "c00006", "c00039"]
    assert not {"c00000", "c00001", "c00002"} & set(ids)
    assert len(ids) == 5
    assert carried_options(cards[:5], {}) == tuple(
        Option(id=c.id, label=c.text) for c in cards[3:5]
    )


# --- a card's height on the wall ----------------------------------------------------------


def test_a_card_of_250_lines_is_cut_to_a_few_with_an_ellipsis() -> None:
    shown, cut = fit_card("\n".join(f"linje {n}" for n in range(250)))
    assert cut and shown.endswith("…")
    assert shown.count("\n") < CARD_LINES


def test_a_card_of_wide_characters_is_cut_by_its_width() -> None:
    shown, cut = fit_card("日本語" * 100)
    assert cut
    assert cell_len(shown) <= CARD_CELLS


def test_an_ordinary_card_is_shown_whole() -> None:
    assert fit_card("Mere tid til børnene\nog til hinanden") == (
        "Mere tid til børnene\nog til hinanden",
        False,
    )
