"""Admission per network address: how many new phones, page loads, code guesses and streams.

On a workshop Wi-Fi every phone has an address of its own, so one address that brings in a
new device before every answer, loads pages in a tight loop, guesses join codes or opens
hundreds of event streams is one person disrupting the room. These limits are per address
and kept in memory only; a real phone on another address never feels another's flood.

A venue where every phone shares one address (behind a NAT router, or a tunnel that is not
trusted) needs the facilitator to say so: ``devices_per_address`` in the plan's ``[limits]``
table or ``--devices-per-address`` on the command line. The page and stream limits grow with
it, since they are meant per phone.
"""

from __future__ import annotations

import ipaddress
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

DEFAULT_DEVICES_PER_ADDRESS = 5
"""Phones one address may bring in over the whole session. A person with one phone may still
open the page in the QR scanner's own browser, then in the real one, then in a private tab:
three; five leaves room for a borrowed phone or a cleared cookie, and is still a handful."""
DEFAULT_NEW_DEVICES_PER_MINUTE = 3
"""New phones one address may bring in within a minute (the scanner-then-browser case is two)."""
WRONG_CODES_BURST = 10
"""Unknown join codes one address may try at once: a few typos, never the code space."""
WRONG_CODES_PER_MINUTE = 10
"""Unknown codes tried per minute after the burst: about 6.4 million codes take centuries."""
PAGES_PER_SECOND = 2.0
"""Page loads (pages, fragments, state) a phone may keep up: far beyond a person's reloads."""
PAGE_BURST = 40
"""Page loads a phone may make at once (a step change, several tabs, a flaky connection)."""
STREAMS_PER_DEVICE = 4
"""Event streams per phone's worth of address: two tabs, each with a stale stream that the
network has not yet reported gone. Past the cap the oldest stream of the address is ended."""
FORGET_AFTER = 600.0
"""Seconds after which an idle rate bucket is dropped (a full bucket equals no bucket)."""
MAX_ADDRESSES = 50_000
"""Addresses whose buckets are kept at most; past this the idle ones are forgotten first."""
FORWARDED_FOR = "X-Forwarded-For"


class Admitted(Enum):
    """The answer to a new device asking to join."""

    YES = "yes"
    TOO_FAST = "too_fast"
    """Over the new devices per minute of its address: wait a minute."""
    TOO_MANY = "too_many"
    """Its address has brought in as many devices as the session allows."""


@dataclass(frozen=True, slots=True)
class AdmissionLimits:
    """The per-address limits of one session; the defaults fit a room where each phone has
    its own address."""

    devices_per_address: int = DEFAULT_DEVICES_PER_ADDRESS
    new_devices_per_minute: int = DEFAULT_NEW_DEVICES_PER_MINUTE
    wrong_codes_burst: int = WRONG_CODES_BURST
    wrong_codes_per_minute: int = WRONG_CODES_PER_MINUTE
    pages_per_second: float = PAGES_PER_SECOND
    page_burst: int = PAGE_BURST
    streams_per_device: int = STREAMS_PER_DEVICE

    @property
    def phones_per_address(self) -> float:
        """How many phones the facilitator expects behind one address (1 by default)."""
        return max(1.0, self.devices_per_address / DEFAULT_DEVICES_PER_ADDRESS)

    @property
    def streams_per_address(self) -> int:
        """Event streams one address may hold open at once."""
        return max(1, round(self.streams_per_device * self.phones_per_address))

    def with_overrides(
        self,
        *,
        devices_per_address: int | None = None,
        new_devices_per_minute: int | None = None,
    ) -> AdmissionLimits:
        """These limits with the facilitator's settings (None keeps a value as it is).

        Raising the devices per address without saying the rate raises the rate with it: a
        room of 200 behind one router joins within a few minutes.
        """
        limits = self
        if devices_per_address is not None:
            limits = replace(limits, devices_per_address=devices_per_address)
            if new_devices_per_minute is None:
                scaled = round(self.new_devices_per_minute * limits.phones_per_address)
                limits = replace(limits, new_devices_per_minute=max(1, scaled))
        if new_devices_per_minute is not None:
            limits = replace(limits, new_devices_per_minute=new_devices_per_minute)
        return limits


def limits_from_plan(
    raw_plan: Mapping[str, Any], base: AdmissionLimits | None = None
) -> AdmissionLimits:
    """The limits a plan's ``[limits]`` table asks for (the plan loader has checked it)."""
    base = base or AdmissionLimits()
    table = raw_plan.get("limits")
    if not isinstance(table, Mapping):
        return base
    devices = table.get("devices_per_address")
    rate = table.get("new_devices_per_minute")
    return base.with_overrides(
        devices_per_address=devices if isinstance(devices, int) and devices > 0 else None,
        new_devices_per_minute=rate if isinstance(rate, int) and rate > 0 else None,
    )


def client_address(peer: str | None, forwarded_for: str | None, *, trust_forwarded: bool) -> str:
    """The address a request is counted under.

    The connection's peer, unless the facilitator trusts a proxy or tunnel on this computer
    (``--trust-proxy`` with ``--public-url``): then the last address that proxy put in
    ``X-Forwarded-For``. Only a peer on loopback is believed, so a phone on the Wi-Fi that
    writes the header itself gains nothing.
    """
    address = peer or ""
    if not (trust_forwarded and forwarded_for and is_loopback(address)):
        return address
    last = forwarded_for.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return address


def is_loopback(address: str) -> bool:
    """True for an address of this computer's own (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


@dataclass(slots=True)
class _Bucket:
    tokens: float
    last: float


@dataclass(slots=True)
class _Address:
    devices: int = 0
    recent: deque[float] = field(default_factory=deque)
    pages: _Bucket | None = None
    codes: _Bucket | None = None
    seen: float = 0.0


class Admission:
    """Counts, per address, new devices, page loads and wrong join codes."""

    def __init__(
        self, limits: AdmissionLimits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or AdmissionLimits()
        self._clock = clock
        self._addresses: dict[str, _Address] = {}
        self.refused_devices = 0
        """New devices turned away so far (for the console and the tests)."""

    def _entry(self, address: str, now: float) -> _Address:
        entry = self._addresses.get(address)
        if entry is None:
            if len(self._addresses) >= MAX_ADDRESSES:
                self._forget_idle(now)
            entry = self._addresses[address] = _Address()
        entry.seen = now
        return entry

    def _forget_idle(self, now: float) -> None:
        # An address that brought devices in is kept: forgetting it would reset its total.
        idle = [
            key
            for key, entry in self._addresses.items()
            if not entry.devices and now - entry.seen > FORGET_AFTER
        ]
        for key in idle:
            del self._addresses[key]

    def admit_device(self, address: str) -> Admitted:
        """Whether *address* may bring in one more new device now; counts it if so."""
        now = self._clock()
        entry = self._entry(address, now)
        limits = self.limits
        while entry.recent and now - entry.recent[0] >= 60.0:
            entry.recent.popleft()
        if entry.devices >= limits.devices_per_address:
            self.refused_devices += 1
            return Admitted.TOO_MANY
        if len(entry.recent) >= limits.new_devices_per_minute:
            self.refused_devices += 1
            return Admitted.TOO_FAST
        entry.devices += 1
        entry.recent.append(now)
        return Admitted.YES

    def devices_from(self, address: str) -> int:
        """How many devices *address* has brought in."""
        entry = self._addresses.get(address)
        return entry.devices if entry else 0

    def allow_page(self, address: str) -> bool:
        """Take one page load from *address*'s bucket; False when it is empty."""
        now = self._clock()
        entry = self._entry(address, now)
        share = self.limits.phones_per_address
        burst = self.limits.page_burst * share
        rate = self.limits.pages_per_second * share
        if entry.pages is None:
            entry.pages = _Bucket(burst, now)
        return _take(entry.pages, now, burst, rate)

    def allow_code_guess(self, address: str) -> bool:
        """Count one unknown join code from *address*; False once it guesses too often."""
        now = self._clock()
        entry = self._entry(address, now)
        burst, rate = self._code_bucket()
        if entry.codes is None:
            entry.codes = _Bucket(burst, now)
        return _take(entry.codes, now, burst, rate)

    def _code_bucket(self) -> tuple[float, float]:
        """Burst and rate a second of unknown codes per address (more where phones share one:
        a venue behind one router has a few people mistyping at once)."""
        share = self.limits.phones_per_address
        burst = self.limits.wrong_codes_burst * share
        return burst, self.limits.wrong_codes_per_minute * share / 60.0

    def guessing(self, address: str) -> bool:
        """True while *address* has used up its wrong codes (even the right one waits then)."""
        entry = self._addresses.get(address)
        if entry is None or entry.codes is None:
            return False
        now = self._clock()
        burst, rate = self._code_bucket()
        tokens = min(burst, entry.codes.tokens + (now - entry.codes.last) * rate)
        return tokens < 1.0


def _take(bucket: _Bucket, now: float, burst: float, rate: float) -> bool:
    bucket.tokens = min(burst, bucket.tokens + (now - bucket.last) * rate)
    bucket.last = now
    if bucket.tokens < 1.0:
        return False
    bucket.tokens -= 1.0
    return True


class StreamCap:
    """Event streams per address: past the cap, the address's oldest stream is ended.

    Ending the oldest instead of refusing the newest means a phone is never shut out by its
    own streams that the network has not yet reported gone, while a client that opens
    thousands only churns its own.
    """

    def __init__(self, per_address: int) -> None:
        self.per_address = per_address
        self._open: dict[str, deque[Callable[[], None]]] = {}
        self.ended = 0
        """Streams ended to keep an address under its cap."""

    def open(self, address: str, end: Callable[[], None]) -> Callable[[], None]:
        """Register a stream; *end* stops it if it must make room. Returns its release."""
        streams = self._open.setdefault(address, deque())
        while len(streams) >= self.per_address:
            oldest = streams.popleft()
            self.ended += 1
            oldest()
        streams.append(end)

        def release() -> None:
            current = self._open.get(address)
            if current is None:
                return
            try:
                current.remove(end)
            except ValueError:
                return
            if not current:
                del self._open[address]

        return release

    def count(self, address: str) -> int:
        """Streams *address* holds open."""
        return len(self._open.get(address, ()))
