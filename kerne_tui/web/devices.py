"""Device tokens that kerne issues and can check: one phone, one voice.

A phone's token is a random value followed by a MAC of it under the session's secret, so a
token kerne never issued (an invented ``kerne_device=<hex>``) is told apart from a real one
without keeping a list of them. The MAC is the session's own keyed hash
(:meth:`Workshop.device_key`) of the random value with a prefix of its own, so it is never the
hash that stands for the phone in the session file.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from enum import Enum

NONCE_HEX = 32
"""Hex digits of the random part: 128 bits, so tokens cannot be guessed or collide."""
MAC_HEX = 32
"""Hex digits of the MAC: 128 bits, so forging one is as hard as guessing the secret."""
TOKEN_LENGTH = NONCE_HEX + MAC_HEX
_MAC_PREFIX = "issued-device:"
_HEX = frozenset("0123456789abcdef")
VERIFIED_CACHE = 4_096
"""Issued tokens whose MAC has been verified and is remembered; past this the memory is
emptied and tokens are verified afresh. Only tokens that verified are kept, so an invented
token never takes a place."""


class TokenCheck(Enum):
    """What a device cookie turned out to be."""

    MISSING = "missing"
    """No cookie: a phone that has not joined yet."""
    ISSUED = "issued"
    """A token this session gave out."""
    FOREIGN = "foreign"
    """Something kerne never issued here: invented, edited, or from another session."""


class DeviceTokens:
    """Issues device tokens and checks them, keyed by the session's secret."""

    def __init__(self, keyed_hash: Callable[[str], str]) -> None:
        """*keyed_hash* is the session's HMAC (``workshop.device_key``): text -> hex digits."""
        self._keyed_hash = keyed_hash
        self._verified: set[str] = set()
        """Tokens whose MAC matched: the secret never changes, so neither does the answer."""

    def _mac(self, nonce: str) -> str:
        return self._keyed_hash(_MAC_PREFIX + nonce)[:MAC_HEX]

    def issue(self) -> str:
        """A fresh token for a phone that has none: random value, then its MAC."""
        nonce = secrets.token_hex(NONCE_HEX // 2)
        return nonce + self._mac(nonce)

    def check(self, token: str | None) -> TokenCheck:
        """Whether *token* (a cookie's value, or None) is one this session issued."""
        if not token:
            return TokenCheck.MISSING
        if token in self._verified:
            return TokenCheck.ISSUED
        if len(token) != TOKEN_LENGTH or not _HEX.issuperset(token):
            return TokenCheck.FOREIGN
        nonce, mac = token[:NONCE_HEX], token[NONCE_HEX:]
        if hmac.compare_digest(mac.encode("ascii"), self._mac(nonce).encode("ascii")):
            if len(self._verified) >= VERIFIED_CACHE:
                self._verified.clear()
            self._verified.add(token)
            return TokenCheck.ISSUED
        return TokenCheck.FOREIGN
