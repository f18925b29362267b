"""Catalog entries for the tui area: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
