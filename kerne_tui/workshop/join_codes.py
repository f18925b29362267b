"""Join codes: the short code a participant types on a phone to find the session."""

from __future__ import annotations

import secrets

JOIN_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
"""Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B)."""
JOIN_CODE_LENGTH = 5


def new_join_code() -> str:
    """A short random join code."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """The code as typed on a phone, made comparable (case and spaces ignored)."""
    return "".join(text.split()).upper()
