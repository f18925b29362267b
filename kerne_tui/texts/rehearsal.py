"""Catalog entries for the rehearsal area: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
