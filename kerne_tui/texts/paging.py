"""The wall at a room's size: pages of answers, their turning, the spotlight (issue 22)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "paging.page": ("side {page} af {pages}", "page {page} of {pages}"),
    "paging.turning": ("bladrer hvert {seconds}. sekund", "turns every {seconds} seconds"),
    "paging.held": ("står stille (b)", "held (b)"),
    "paging.join": ("Deltag: {url} · kode {code}", "Join: {url} · code {code}"),
    "paging.spotlight": ("I fokus", "In the spotlight"),
    "tui.key.page_next": ("Næste side", "Next page"),
    "tui.key.page_next.long": (
        "Vis næste side af svarene",
        "Show the next page of the answers",
    ),
    "tui.key.page_previous": ("Forrige side", "Previous page"),
    "tui.key.page_previous.long": (
        "Vis forrige side af svarene",
        "Show the previous page of the answers",
    ),
    "tui.key.page_hold": ("Bladring", "Paging"),
    "tui.key.page_hold.long": (
        "Stop siderne i at bladre af sig selv, eller lad dem bladre igen",
        "Stop the pages turning by themselves, or let them turn again",
    ),
    "tui.key.spotlight": ("Fokus", "Spotlight"),
    "tui.key.spotlight.long": (
        "Vis det valgte svar alene og stort, eller alle svarene igen",
        "Show the selected answer alone and large, or all the answers again",
    ),
    "tui.paging.held": (
        "Siderne står stille. Tryk b for at bladre igen.",
        "The pages are held. Press b to let them turn again.",
    ),
    "tui.paging.turning": (
        "Siderne bladrer af sig selv igen.",
        "The pages turn by themselves again.",
    ),
    "tui.spotlight.nothing": (
        "Vælg først et svar med ↓, og tryk så l.",
        "Select an answer with ↓ first, then press l.",
    ),
    "control.paging.held": (
        "Siderne på væggen står stille.",
        "The pages on the wall are held.",
    ),
    "control.paging.turning": (
        "Siderne på væggen bladrer af sig selv igen.",
        "The pages on the wall turn by themselves again.",
    ),
    "control.spotlight.on": (
        "Svaret vises alene på væggen.",
        "The answer is shown alone on the wall.",
    ),
    "control.spotlight.off": (
        "Væggen viser alle svarene igen.",
        "The wall shows all the answers again.",
    ),
    "control.spotlight.unknown": (
        "Det svar findes ikke på trinnet, der vises.",
        "That answer is not on the step on show.",
    ),
    "console.wall": ("Væggen:", "The wall:"),
    "console.key.spotlight.long": (
        "Vis det markerede svar alene og stort på væggen, eller alle svarene igen",
        "Show the highlighted answer alone and large on the wall, or all the answers again",
    ),
    "remote.page_next": ("Side frem ›", "Page on ›"),
    "remote.page_previous": ("‹ Side før", "‹ Page before"),
    "remote.page_hold": ("Stop / fortsæt bladring", "Hold / resume the pages"),
    "remote.paging.held": ("står stille", "held"),
    "remote.spotlight": ("Fokus", "Spotlight"),
    "remote.spotlight.off": ("Alle svar", "All answers"),
}
