"""The projector themes: high contrast, light for a lit room and dark for a dim one."""

from __future__ import annotations

from textual.theme import Theme

LIGHT_THEME = Theme(
    name="kerne-light",
    primary="#0a3d91",
    secondary="#00205b",
    accent="#0a3d91",
    warning="#8a4b00",
    error="#b00020",
    success="#006b2e",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#e4e4e4",
    dark=False,
)
"""Black on white with dark accents: what a washed-out projector still shows."""

DARK_THEME = Theme(
    name="kerne-dark",
    primary="#ffd400",
    secondary="#7fd4ff",
    accent="#ffd400",
    warning="#ffb000",
    error="#ff6b6b",
    success="#5ce08a",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#2a2a2a",
    dark=True,
)
"""White on black with bright accents, for a dark room."""
