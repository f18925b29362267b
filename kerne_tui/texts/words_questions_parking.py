"""Catalog entries for word clouds, questions and the parking lot: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- the kinds' names ------------------------------------------------------------------
    "kind.words": ("Ordsky", "Word cloud"),
    "kind.questions": ("Spørgsmål", "Questions"),
    # --- plan checks -----------------------------------------------------------------------
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
    # --- the wall ---------------------------------------------------------------------------
    "tui.key.parking": ("Parkering", "Parking lot"),
    "tui.key.parking.long": (
        "Vis parkeringspladsen på lærredet, eller svarene igen",
        "Show the parking lot on the screen, or the answers again",
    ),
    "tui.key.answered": ("Besvaret", "Answered"),
    "tui.key.answered.long": (
        "Marker det valgte spørgsmål eller punkt som besvaret (igen: åbn det igen)",
        "Mark the selected question or item as answered (again: open it again)",
    ),
    "tui.key.owner": ("Ejer", "Owner"),
    "tui.key.owner.long": (
        "Giv det valgte spørgsmål eller punkt en ejer, der tager det videre",
        "Give the selected question or item an owner who takes it further",
    ),
    "tui.key.drop": ("Drop", "Drop"),
    "tui.key.drop.long": (
        "Drop det valgte spørgsmål eller punkt (igen: åbn det igen)",
        "Drop the selected question or item (again: open it again)",
    ),
    "tui.owner.title": ("Hvem ejer punktet?", "Who owns the item?"),
    "tui.owner.keys": (
        "Enter: giv punktet ejeren  ·  Esc: fortryd",
        "Enter: give the item this owner  ·  Esc: cancel",
    ),
    "tui.parking.title": ("Parkeringspladsen", "The parking lot"),
    "tui.parking.count": ("{n} punkter, {open} åbne", "{n} items, {open} open"),
    "tui.parking.empty": (
        "Tryk på Parkér et spørgsmål på telefonen",
        "Tap Park a question on your phone",
    ),
    "tui.parking.none": (
        "Planen har ingen parkeringsplads (parking_lot = true øverst i planen).",
        "The plan has no parking lot (parking_lot = true at the top of the plan).",
    ),
    "tui.parking.shown": (
        "Parkeringspladsen vises. Tryk P igen for svarene.",
        "The parking lot is on show. Press P again for the answers.",
    ),
    "tui.words.hidden.one": ("1 skjult ord", "1 hidden word"),
    "tui.words.hidden.many": ("{n} skjulte ord", "{n} hidden words"),
    "tui.questions.votes": ("Støtte", "Votes"),
    "tui.questions.question": ("Spørgsmål", "Question"),
    # --- the phone page -----------------------------------------------------------------------
    "web.words.legend": ("Skriv op til {n} ord", "Write up to {n} words"),
    "web.words.label": ("Ord {n}", "Word {n}"),
    "web.words.hint": (
        "Et ord eller et kort udtryk i hvert felt, højst {limit} tegn.",
        "One word or a short phrase in each field, at most {limit} characters.",
    ),
    "web.questions.ask": ("Dit spørgsmål", "Your question"),
    "web.questions.heading": ("Spørgsmålene indtil nu", "The questions so far"),
    "web.questions.none": ("Ingen spørgsmål endnu.", "No questions yet."),
    "web.questions.votes": ("{n} støtter", "{n} upvotes"),
    "web.questions.upvote": ("Støt", "Upvote"),
    "web.questions.you_upvoted": ("Du støtter", "You upvoted"),
    "web.questions.all_asked": (
        "Du har stillet alle dine spørgsmål. Støt gerne de andres.",
        "You have asked all your questions. Do upvote the others'.",
    ),
    "web.outcome.answered": ("besvaret", "answered"),
    "web.outcome.owner": ("har en ejer", "has an owner"),
    "web.outcome.dropped": ("droppet", "dropped"),
    "web.parking.button": ("Parkér et spørgsmål", "Park a question"),
    "web.parking.help": (
        "Spørgsmål og emner, der er vigtige, men ikke hører til her og nu. Vi vender tilbage "
        "til dem, før dagen slutter.",
        "Questions and topics that matter but do not belong here and now. We come back to "
        "them before the day ends.",
    ),
    "web.parking.label": ("Dit spørgsmål eller emne", "Your question or topic"),
    "web.parking.send": ("Parkér", "Park it"),
    "web.parking.sent": ("Parkeret.", "Parked."),
    "web.parking.heading": ("På parkeringspladsen", "In the parking lot"),
    "web.parking.mine": ("Det har du parkeret og støttet", "What you parked and upvoted"),
    # --- the report ---------------------------------------------------------------------------
    "archive.words.word": ("Ord", "Word"),
    "archive.words.count": ("Telefoner", "Phones"),
    "archive.words.cloud": (
        "Ordsky: jo flere der skrev et ord, jo større står det",
        "Word cloud: the more people wrote a word, the larger it stands",
    ),
    "archive.words.stop_words": (
        "Udeladt som fyldord: {words}.",
        "Left out as filler words: {words}.",
    ),
    "archive.questions.question": ("Spørgsmål", "Question"),
    "archive.questions.votes": ("Støtter", "Upvotes"),
    "archive.questions.outcome": ("Endte som", "Ended as"),
    "archive.value.upvote": ("Støtter: {question}", "Upvotes: {question}"),
    "archive.parking.heading": ("Parkeringspladsen", "The parking lot"),
    "archive.parking.none": (
        "Ingen punkter blev parkeret.",
        "No items were parked.",
    ),
    "archive.parking.still_open.one": (
        "1 punkt blev ikke lukket: det har brug for en ejer.",
        "1 item was not closed: it needs an owner.",
    ),
    "archive.parking.still_open.many": (
        "{n} punkter blev ikke lukket: de har brug for en ejer.",
        "{n} items were not closed: they need an owner.",
    ),
}
