"""What the command line was asked to do, read once from argparse and the environment.

A leaf module: it imports nothing of kerne, so every room may read it (the catalog re-exports
:func:`cli_language` from here for the rooms that still import it from there).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

LANGUAGE_VARIABLES = ("KERNE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the command line's language is read from, the first one set winning."""


def cli_language() -> Literal["da", "en"]:
    """The language for the command line: ``KERNE_LANG``, else the locale, else Danish.

    (The catalog's ``Lang``, spelled out: this module imports nothing of kerne.)
    """
    for name in LANGUAGE_VARIABLES:
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "da"
    return "da"


def data_folder(chosen: str | None) -> Path:
    """The folder for session files: *chosen* (--data-dir), KERNE_DATA_DIR or the user's."""
    folder = chosen or os.environ.get("KERNE_DATA_DIR")
    return Path(folder) if folder else default_data_folder()


def default_data_folder() -> Path:
    """kerne's own data folder in the user's data folders (the platform's place for it)."""
    return Path(platformdirs.user_data_dir("kerne", appauthor=False))


@dataclass(frozen=True, slots=True)
class Settings:
    """How to hold one session: ``kerne run``, ``demo`` and ``serve``, as typed on the line."""

    data_dir: Path
    """The folder of the session files (and of the log and the archives)."""
    host: str
    """The address the phone server listens on."""
    port: int
    """The port asked for (the server moves up if it is taken)."""
    public_url: str | None = None
    """The join address to show instead of the one found on the LAN."""
    plan: str | None = None
    """The plan, by path or built-in name; None: the default plan (or resume)."""
    resume: str | None = None
    """None: a new session; "": the newest unfinished one; else the session by name or code."""
    step: str | None = None
    """The step to open first."""
    rehearsal: bool = False
    """A demo: simulated phones answer, and the session file is marked as a rehearsal."""
    participants: int = 0
    """How many simulated phones take part in a rehearsal."""
    speed: float = 1.0
    """How much faster than planned the timer runs (rehearsals only)."""
    timed: bool = False
    """``kerne serve --timed``: the timer runs from the first step."""
    devices_per_address: int | None = None
    """Phones one network address may bring in (None: the plan's, else the default)."""
    new_devices_per_minute: int | None = None
    """New phones one network address may bring in a minute (None: as above)."""
    trust_proxy: bool = False
    """Count requests under the proxy's X-Forwarded-For (with --public-url only)."""
    follow_up: str | None = None
    """``--follow-up EARLIER``: the earlier session file or archive a follow-up builds on."""
    start: str | None = None
    """``--start HH:MM``: the day's start in place of the plan's (a new session keeps it)."""

    @classmethod
    def from_args(cls, args: argparse.Namespace, *, rehearsal: bool = False) -> Settings:
        """The settings of a ``run``, ``demo`` (*rehearsal*) or ``serve`` command line.

        The one place that knows which options a session command may lack: ``demo`` has no
        --resume, only ``demo`` has --participants and --speed, only ``serve`` has --timed.
        """
        given = vars(args)
        return cls(
            data_dir=data_folder(given.get("data_dir")),
            host=args.host,
            port=args.port,
            public_url=args.public_url,
            plan=given.get("plan"),
            resume=given.get("resume"),
            step=args.step,
            rehearsal=rehearsal,
            participants=given.get("participants", 0) if rehearsal else 0,
            speed=given.get("speed", 1.0) if rehearsal else 1.0,
            timed=bool(given.get("timed", False)),
            devices_per_address=given.get("devices_per_address"),
            new_devices_per_minute=given.get("new_devices_per_minute"),
            trust_proxy=bool(given.get("trust_proxy", False)),
            follow_up=given.get("follow_up"),
            start=given.get("start"),
        )

    @property
    def resuming(self) -> bool:
        """True when an earlier session is to be opened again (the plan is then ignored)."""
        return self.resume is not None
