"""Pairing the facilitator's phone as a remote: one-time codes and unguessable tokens.

A code is shown on the console (or the wall) and typed or scanned on the facilitator's
phone. It is valid once and for a couple of minutes; wrong guesses are counted per address
(per /64 network for IPv6, where one phone may take many addresses) and limited there, and
counted in all for the console to say that guessing was seen. Guessing never withdraws the
code on offer: a participant cannot keep the facilitator from pairing. Redeeming a code
gives the phone a random token (its remote cookie); only the token's hash is kept, it is
compared in constant time, and revoking a remote forgets it at once.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from kerne_tui.workshop import JOIN_ALPHABET, normalise_join_code

CODE_LENGTH = 6
"""23^6 = 148 million codes, valid for two minutes; at ``GUESSES_PER_MINUTE`` per address, even
a thousand addresses guessing for the whole two minutes find one in 15,000."""
CODE_SECONDS = 120.0
"""How long a pairing code stays valid."""
GUESSES_PER_MINUTE = 5
"""Wrong codes one address may try in a minute."""
IPV6_GUESSER_PREFIX = 64
"""An IPv6 guesser is counted by its /64 network: a phone may take any address in it."""
TOKEN_BYTES = 32


class Surface(StrEnum):
    """Where a facilitator action came from."""

    WALL = "wall"
    CONSOLE = "console"
    REMOTE = "remote"


class PairingRefusal(StrEnum):
    """Why a pairing code was not accepted."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    RATE_LIMITED = "rate_limited"


class PairingRefused(Exception):
    """A pairing code that gives no remote, with the reason."""

    def __init__(self, reason: PairingRefusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PairingOffer:
    """A code on offer: where it was shown and until when (monotonic seconds)."""

    code: str
    offered_on: Surface
    expires: float

    def seconds_left(self, now: float) -> float:
        """Seconds until the code expires (0 once it has)."""
        return max(0.0, self.expires - now)


@dataclass(frozen=True, slots=True)
class Remote:
    """A paired facilitator phone, known by a number and its token's hash; never by device."""

    id: str
    number: int
    paired_at: str
    offered_on: Surface
    token_hash: bytes = field(repr=False)


def shown_code(code: str) -> str:
    """The code as it is shown: two groups of three (``ACD-EFH``)."""
    return f"{code[:3]}-{code[3:]}"


def guesser_key(address: str) -> str:
    """What wrong guesses from *address* are counted under: the address, or its IPv6 /64."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_GUESSER_PREFIX}", strict=False))
    return str(parsed)


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


class Pairings:
    """The pairing code on offer and the paired remotes of one running session."""

    def __init__(
        self,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        stamp: Callable[[], str] | None = None,
        lifetime: float = CODE_SECONDS,
    ) -> None:
        self.monotonic = monotonic
        self._stamp = stamp or (lambda: time.strftime("%H:%M"))
        self.lifetime = lifetime
        self.offer: PairingOffer | None = None
        self._used: set[str] = set()
        """Codes that were redeemed or withdrawn: a second phone sending one is told so."""
        self._expired: set[str] = set()
        self.wrong_guesses = 0
        """Wrong codes tried so far, from any address (the console says guessing was seen)."""
        self._guesses: dict[str, deque[float]] = {}
        self._remotes: dict[str, Remote] = {}
        self._numbers = 0

    @property
    def remotes(self) -> list[Remote]:
        """The paired remotes, in the order they were paired."""
        return list(self._remotes.values())

    def current_offer(self) -> PairingOffer | None:
        """The code on offer, if it has not expired."""
        if self.offer is not None and self.offer.seconds_left(self.monotonic()) <= 0:
            self._expired.add(self.offer.code)
            self.offer = None
        return self.offer

    def new_offer(self, offered_on: Surface) -> PairingOffer:
        """Offer a fresh code (the previous one, if any, is withdrawn)."""
        if self.offer is not None:
            self._used.add(self.offer.code)
        code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(CODE_LENGTH))
        self.offer = PairingOffer(code, offered_on, self.monotonic() + self.lifetime)
        return self.offer

    def withdraw(self) -> None:
        """Take the code on offer back."""
        if self.offer is not None:
            self._used.add(self.offer.code)
        self.offer = None

    def withdraw_code(self, typed: str) -> None:
        """Take back the code on offer if it is *typed*: a newer code (the wall's) stays."""
        code = "".join(c for c in normalise_join_code(typed) if c != "-")
        offer = self.current_offer()
        if offer is not None and hmac.compare_digest(code.encode(), offer.code.encode()):
            self.withdraw()

    def redeem(self, typed: str, guesser: str) -> tuple[Remote, str]:
        """Pair a phone with the code it typed; returns the remote and its secret token.

        *guesser* is what wrong guesses are counted by (the phone's address). A code is good
        once: the second phone to send it is refused, and so is any phone after it expired.
        """
        now = self.monotonic()
        recent = self._guesses.setdefault(guesser_key(guesser), deque())
        while recent and now - recent[0] > 60.0:
            recent.popleft()
        if len(recent) >= GUESSES_PER_MINUTE:
            raise PairingRefused(PairingRefusal.RATE_LIMITED)
        code = "".join(c for c in normalise_join_code(typed) if c != "-")
        offer = self.current_offer()
        if offer is None or not hmac.compare_digest(code.encode(), offer.code.encode()):
            recent.append(now)
            self.wrong_guesses += 1
            if code in self._expired:
                raise PairingRefused(PairingRefusal.EXPIRED)
            if code in self._used:
                raise PairingRefused(PairingRefusal.USED)
            raise PairingRefused(PairingRefusal.UNKNOWN)
        self._used.add(offer.code)
        self.offer = None
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self._numbers += 1
        remote = Remote(
            id=secrets.token_hex(4),
            number=self._numbers,
            paired_at=self._stamp(),
            offered_on=offer.offered_on,
            token_hash=_hash(token),
        )
        self._remotes[remote.id] = remote
        return remote, token

    def verify(self, token: str | None) -> Remote | None:
        """The remote whose token this is, or None; every remote is compared, in constant time."""
        if not token:
            return None
        candidate = _hash(token)
        found = None
        for remote in self._remotes.values():
            if hmac.compare_digest(candidate, remote.token_hash):
                found = remote
        return found

    def revoke(self, remote_id: str) -> Remote | None:
        """Forget a remote: its token is refused from now on."""
        return self._remotes.pop(remote_id, None)
