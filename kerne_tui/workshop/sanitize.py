"""Participant text cleaning lives in :mod:`kerne_tui.sanitize` (the plan and the store use it
too); the workshop's modules and the screen import it from here as before."""

from __future__ import annotations

from kerne_tui.sanitize import FILLERS, clean_text, has_visible, strip_tags

__all__ = ["FILLERS", "clean_text", "has_visible", "strip_tags"]
