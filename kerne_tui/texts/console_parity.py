"""Catalog entries for what the console and the remote do besides the wall's first keys: a
cloud's words, the parking lot, pinning a proposal, phones turned away, coming back after a
restart. key -> (da, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- the rules ---------------------------------------------------------------------------
    "refuse.merge_by_word": (
        "I en ordsky lægges ord sammen ét ad gangen, ikke hele svar: vælg ordet.",
        "In a word cloud words are merged one at a time, not whole answers: pick the word.",
    ),
    "refuse.merge_kind": (
        "Svar af denne slags kan ikke lægges sammen: så ville de forsvinde fra optællingen.",
        "Answers of this kind cannot be merged: they would drop out of the count.",
    ),
    # --- notices of the control commands -------------------------------------------------------
    "control.word.hidden": ("Ordet er skjult i ordskyen.", "The word is hidden from the cloud."),
    "control.word.restored": ("Ordet er tilbage i ordskyen.", "The word is back in the cloud."),
    "control.word.merged": ("Ordene er lagt sammen.", "The words are merged."),
    "control.closed.answered": ("Markeret som besvaret.", "Marked answered."),
    "control.closed.owner": ("Punktet har fået en ejer.", "The item has an owner."),
    "control.closed.dropped": ("Punktet er droppet.", "The item is dropped."),
    "control.closed.open": ("Punktet er åbent igen.", "The item is open again."),
    "control.parking.shown": (
        "Parkeringspladsen vises på lærredet.",
        "The parking lot is on the wall.",
    ),
    "control.parking.hidden": (
        "Lærredet viser svarene igen.",
        "The wall shows the answers again.",
    ),
    # --- phones turned away --------------------------------------------------------------------
    "control.turned_away.per_address": (
        "for mange nye telefoner fra samme netværksadresse",
        "too many new phones from one network address",
    ),
    "control.turned_away.per_address.remedy": (
        "Deler rummet én adresse (fx gæste-wi-fi), så start med --devices-per-address 60 "
        "(eller devices_per_address i planens [limits]).",
        "If the room shares one address (a guest Wi-Fi, say), start with "
        "--devices-per-address 60 (or devices_per_address in the plan's [limits]).",
    ),
    "control.turned_away.full_room": (
        "serveren var fuld (for mange forbindelser)",
        "the server was full (too many connections)",
    ),
    "control.turned_away.full_room.remedy": (
        "Hæv grænsen for åbne filer (ulimit -n 4096), før du starter kerne run.",
        "Raise the open-files limit (ulimit -n 4096) before you start kerne run.",
    ),
    "control.turned_away.storage": (
        "sessionsfilen kunne ikke gemmes",
        "the session file could not be saved",
    ),
    "control.turned_away.storage.remedy": (
        "Frigør plads på disken med datamappen, eller tjek at den kan skrives.",
        "Free space on the disk of the data folder, or check that it is writable.",
    ),
    "control.turned_away.busy": (
        "for mange forespørgsler på én gang fra samme telefon eller adresse",
        "too many requests at once from one phone or address",
    ),
    "control.turned_away.busy.remedy": (
        "Telefonen prøver selv igen. Deler mange telefoner én adresse (én router), så start med "
        "--devices-per-address 60.",
        "The phone tries again by itself. If many phones share one address (one router), start "
        "with --devices-per-address 60.",
    ),
    "control.turned_away.slow_body": (
        "svaret kom for langsomt frem",
        "the answer arrived too slowly",
    ),
    "control.turned_away.slow_body.remedy": (
        "Telefonen prøver selv igen; tjek wi-fi-dækningen, hvis det sker tit.",
        "The phone tries again by itself; check the Wi-Fi coverage if it happens often.",
    ),
    "console.turned_away": (
        "Afvist: {n}. Årsag: {why}. {remedy}",
        "Turned away: {n}. Why: {why}. {remedy}",
    ),
    "console.turned_away.none": ("Ingen telefoner afvist.", "No phones turned away."),
    # --- the console's new keys ----------------------------------------------------------------
    "console.key.answered": ("Besvaret", "Answered"),
    "console.key.answered.long": (
        "Markér det valgte punkt på parkeringspladsen (eller spørgsmålet) som besvaret",
        "Mark the picked parked item (or question) answered",
    ),
    "console.key.owner": ("Ejer", "Owner"),
    "console.key.owner.long": (
        "Giv det valgte punkt en ejer (skriv navnet)",
        "Give the picked item an owner (type the name)",
    ),
    "console.key.drop": ("Drop", "Drop"),
    "console.key.drop.long": ("Drop det valgte punkt", "Drop the picked item"),
    "console.key.parking": ("Parkering", "Parking"),
    "console.key.parking.long": (
        "Vis parkeringspladsen på lærredet i stedet for svarene, eller svarene igen",
        "Show the parking lot on the wall in place of the answers, or the answers again",
    ),
    "console.parking": (
        "Parkeringspladsen: {n} punkter, {open} åbne",
        "The parking lot: {n} items, {open} open",
    ),
    "console.parking.on_wall": ("vises på lærredet", "on the wall"),
    "console.parking.empty": ("Ingen punkter endnu.", "No items yet."),
    "console.words": (
        "Ordene (h skjuler et ord, m lægger det sammen med et andet):",
        "The words (h hides a word, m merges it into another):",
    ),
    "console.word.merged": ("lagt sammen med »{into}«", "merged into “{into}”"),
    "console.pin.nothing": (
        "Et enkelt svar kan ikke fastgøres: vælg et forslag eller dets stemmetal.",
        "A single ballot cannot be pinned: pick a proposal or its total.",
    ),
    "console.pin.tab": (
        "Tab henter det næste forslag (flest stemmer først); Enter fastgør, Escape fortryder.",
        "Tab brings the next proposal (most votes first); Enter pins, Escape cancels.",
    ),
    "console.back": (
        "Forbundet til sessionen igen.",
        "Connected to the session again.",
    ),
    # --- the remote's new parts ---------------------------------------------------------------
    "remote.parking": ("Parkeringspladsen", "The parking lot"),
    "remote.parking.toggle": (
        "Vis parkeringspladsen / svarene på lærredet",
        "Show the parking lot / the answers on the wall",
    ),
    "remote.parking.empty": ("Ingen punkter endnu.", "No items yet."),
    "remote.answered": ("Besvaret", "Answered"),
    "remote.owner": ("Ejer …", "Owner …"),
    "remote.owner.ask": ("Hvem ejer punktet?", "Who owns the item?"),
    "remote.drop": ("Drop", "Drop"),
    "remote.votes": ("{n} støtter", "{n} support"),
    "remote.merge_into": ("Læg sammen med …", "Merge into …"),
    "remote.words": ("Ordene", "The words"),
    "remote.proposals": ("Forslag at fastgøre", "Proposals to pin"),
    "remote.pin": ("Fastgør", "Pin"),
    "remote.dots": ("{n} prikker", "{n} dots"),
    "remote.turned_away": ("Afviste telefoner", "Phones turned away"),
}
