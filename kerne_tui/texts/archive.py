"""Catalog entries for the archive area: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
