"""Keeping Python's cycle collector out of the room's bursts."""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect what is garbage now and set everything still alive aside from later collections.

    A full collection walks every object the process holds: with 5,000 contributions and the
    projected screen that took 50 to 95 ms (benchmarks/, ``gc.callbacks``), and it came when it
    came, in the middle of a burst too, where it stalled the countdown. What is alive at a calm
    moment (the session just opened, a step just opened) mostly stays alive: the plan, the
    contributions so far, the screen's widgets. Frozen, those are no longer walked, so later
    collections only look at what came since. Collecting first means no garbage is frozen.
    """
    gc.collect()
    gc.freeze()
