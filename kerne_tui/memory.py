"""Keeping Python's cycle collector out of the room's bursts."""

from __future__ import annotations

import gc

THRESHOLDS = (10_000, 20, 100)
"""The cycle collector's thresholds once kerne serves (Python's own are 700, 10, 10).

In the hall (benchmarks/: 2,000 phones with their streams sending at once, the screen
running) the defaults ran 860 young collections, 77 middle and 8 full ones in the burst, the
longest 151 ms, and the slowest loop turns were mostly collection. A young generation of
10,000 allocations is still walked in about a millisecond; a full collection comes after
20 x 100 middle ones, hardly ever inside a burst, and :func:`settle` runs one at each calm
moment anyway."""


def settle() -> None:
    """Collect what is garbage now and set everything still alive aside from later collections.

    A full collection walks every object the process holds: with 5,000 contributions and the
    projected screen that took 50 to 95 ms (benchmarks/, ``gc.callbacks``), and it came when it
    came, in the middle of a burst too, where it stalled the countdown. What is alive at a calm
    moment (the session just opened, a step just opened) mostly stays alive: the plan, the
    contributions so far, the screen's widgets. Frozen, those are no longer walked, so later
    collections only look at what came since. Collecting first means no garbage is frozen.
    From the first call on, the collector runs with :data:`THRESHOLDS`.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
