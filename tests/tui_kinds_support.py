"""A small plan with a word cloud, questions and the parking lot, and sessions set up on it."""

from __future__ import annotations

from tui_support import FakeClock, submit

from kerne_tui.workshop import Workshop

KINDS_PLAN = """\
title = "Ordsky og spørgsmål på prøve"
language = "da"
description = "En lille plan til skærmtestene af de nye trin."
start = "09:00"
parking_lot = true

[[modules]]
title = "Tjek ind"
focus = "Hvordan møder vi op?"

[[modules.steps]]
id = "tjek-ind"
kind = "words"
title = "Hvordan møder du op?"
prompt = "Skriv et til tre ord."
minutes = 5
show = "reveal"
min_answers = 3
stop_words = ["og"]

[[modules.steps]]
id = "spoergsmaal"
kind = "questions"
title = "Spørgsmål til ledelsen"
prompt = "Hvad vil du spørge direktionen om? Støt de andres spørgsmål."
minutes = 10
min_answers = 3

[[modules.steps]]
id = "gennemgang"
kind = "discuss"
title = "Tilbage til parkeringspladsen"
prompt = "Vi lukker hvert punkt: besvaret, med en ejer eller droppet."
minutes = 6
parking = true
"""

CHECK_IN = [
    ["Nysgerrig", "spændt"],
    ["nysgerrig", "træt"],
    ["Spændt", "nysgerrig", "og"],
    ["skeptisk"],
    ["NYSGERRIG", "håbefuld", "spændt"],
    ["træt", "glad"],
]


async def words_revealed(workshop: Workshop, clock: FakeClock) -> None:
    """Six phones checked in with words; the cloud is revealed."""
    await workshop.go_to("tjek-ind")
    for index, words in enumerate(CHECK_IN):
        clock.advance(5)
        await submit(workshop, f"phone-{index}", {"words": words})
    await workshop.toggle_reveal("tjek-ind")


QUESTIONS = [
    "Hvornår kommer den nye budgetmodel?",
    "Hvem beslutter normeringen næste år?",
    "Kan vi få flere fælles ledermøder på tværs af områderne?",
    "Hvordan følger direktionen op på målene?",
]


async def questions_live(workshop: Workshop, clock: FakeClock) -> None:
    """Four questions with upvotes; the second is answered."""
    await workshop.go_to("spoergsmaal")
    asked = []
    for index, text in enumerate(QUESTIONS):
        clock.advance(4)
        asked.append(await submit(workshop, f"asker-{index}", {"text": text}))
    votes = {1: 4, 3: 2, 0: 1}
    for question, count in votes.items():
        for voter in range(count):
            clock.advance(1)
            await submit(workshop, f"voter-{voter}", {"upvote": asked[question].id})
    await workshop.toggle_answered(asked[0].id)


PARKED = [
    "Hvad sker der med vagtplanen til sommer?",
    "Løn for ekstra timer",
    "Skal vi have nye tablets til dokumentationen?",
]


async def parking_review(workshop: Workshop, clock: FakeClock) -> None:
    """Three parked items through the day, upvoted; the review step is open, one item closed."""
    await workshop.start()
    items = []
    for index, text in enumerate(PARKED):
        clock.advance(30)
        items.append(await workshop.park(f"parker-{index}", f"p{index}", {"text": text}))
    for voter in range(3):
        await workshop.park(f"voter-{voter}", f"v{voter}", {"upvote": items[2].id})
    await workshop.park("voter-0", "v9", {"upvote": items[0].id})
    await workshop.go_to("gennemgang")
    await workshop.set_outcome(items[2].id, "owner", "Lederen")
