"""Contribution ids: short, random and unique within a session."""

from __future__ import annotations

import secrets
from collections.abc import Container


class IdSource:
    """Contribution ids: 12 random hex digits, unpredictable, unique within the session.

    The random bytes are fetched from the system 256 ids at a time: one ``os.urandom`` per
    submit (``secrets.token_hex``) cost 5 % of a submit's time on the event loop (benchmarks/).
    """

    BYTES = 6
    PER_FETCH = 256

    def __init__(self) -> None:
        self._pool = b""
        self._at = 0

    def new(self, taken: Container[str]) -> str:
        """A fresh id that is not among *taken*."""
        while True:
            if self._at >= len(self._pool):
                self._pool = secrets.token_bytes(self.BYTES * self.PER_FETCH)
                self._at = 0
            candidate = self._pool[self._at : self._at + self.BYTES].hex()
            self._at += self.BYTES
            if candidate not in taken:
                return candidate
