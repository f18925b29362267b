"""Catalog entries for word clouds, questions and the parking lot: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- the kinds' names ------------------------------------------------------------------
    "kind.words": ("Ordsky", "Word cloud"),
    "kind.questions": ("Spørgsmål", "Questions"),
    # --- plan checks -----------------------------------------------------------------------
    "plan.err.max_int": (
        "må højst være {maximum}, men er {value}",
        "must be at most {maximum}, but is {value}",
    ),
    "plan.err.parking_off": (
        "viser parkeringspladsen, men planen har ikke parking_lot = true øverst i filen",
        "shows the parking lot, but the plan has no parking_lot = true at the top of the file",
    ),
    # --- refusals --------------------------------------------------------------------------
    "refuse.words_count": (
        "Send højst {limit} ord (du sendte {count}).",
        "Send at most {limit} words (you sent {count}).",
    ),
    "refuse.unknown_question": (
        "Det spørgsmål findes ikke (længere).",
        "That question does not exist (any more).",
    ),
    "refuse.upvoted_already": (
        "Du har allerede støttet det spørgsmål.",
        "You have already upvoted that question.",
    ),
    "refuse.no_parking": (
        "Denne workshop har ingen parkeringsplads.",
        "This workshop has no parking lot.",
    ),
    "refuse.not_a_question": (
        "Det er ikke et spørgsmål eller et parkeret punkt.",
        "That is not a question or a parked item.",
    ),
    "refuse.outcome": (
        "Et punkt lukkes som besvaret, med en ejer eller droppet.",
        "An item is closed as answered, with an owner, or dropped.",
    ),
    "refuse.owner_missing": (
        "Skriv, hvem der ejer punktet.",
        "Write who owns the item.",
    ),
    "refuse.merge_word": (
        "Et ord kan ikke lægges sammen med sig selv.",
        "A word cannot be merged into itself.",
    ),
    # --- outcomes --------------------------------------------------------------------------
    "outcome.open": ("åbent", "open"),
    "outcome.answered": ("besvaret", "answered"),
    "outcome.owner": ("ejer: {owner}", "owner: {owner}"),
    "outcome.dropped": ("droppet", "dropped"),
}
