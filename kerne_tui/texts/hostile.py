"""Catalog entries for trust in a hostile room: key -> (Danish, English).

What a phone is told when kerne does not believe it (a device token it never issued, too many
new phones from one address, a name that is not this laptop's), and what the facilitator is
told when the session file cannot keep up with the room.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # --- phones ------------------------------------------------------------------------------
    "hostile.device.unknown": (
        "Din telefon er ikke kendt af denne workshop. Genindlæs siden for at deltage.",
        "This workshop does not know your phone. Reload the page to take part.",
    ),
    "hostile.device.too_fast": (
        "Der kommer mange nye telefoner fra samme netværksadresse. Vent et minut, og genindlæs "
        "siden.",
        "Many new phones are coming from the same network address. Wait a minute and reload "
        "the page.",
    ),
    "hostile.device.too_many": (
        "Der deltager allerede så mange telefoner fra din netværksadresse, som workshoppen "
        "tillader. Spørg facilitatoren.",
        "As many phones as the workshop allows already take part from your network address. "
        "Ask the facilitator.",
    ),
    "hostile.code.too_many": (
        "Du har prøvet mange forkerte koder. Vent et minut, og skriv koden fra skærmen igen.",
        "You have tried many wrong codes. Wait a minute and type the code from the screen again.",
    ),
    "hostile.pages.too_many": (
        "Siden hentes meget ofte herfra. Vent et øjeblik, og prøv igen.",
        "The page is being loaded very often from here. Wait a moment and try again.",
    ),
    "hostile.host.refused": (
        "Denne adresse hører ikke til workshoppen. Scan QR-koden på skærmen, eller skriv "
        "adressen derfra.",
        "This address does not belong to the workshop. Scan the QR code on the screen, or type "
        "the address shown there.",
    ),
    # --- the facilitator ---------------------------------------------------------------------
    "hostile.write_failed": (
        "{action} kunne ikke gemmes, så intet er ændret. Disken er måske fuld: frigør plads, "
        "og prøv igen.",
        "{action} could not be saved, so nothing was changed. The disk may be full: free some "
        "space and try again.",
    ),
    "hostile.action.open": ("Skiftet af trin", "The step change"),
    "hostile.action.timer": ("Start eller pause af tiden", "Starting or pausing the timer"),
    "hostile.action.extend": ("Den ekstra tid", "The added time"),
    "hostile.action.reveal": ("Visningen af svarene", "Showing or hiding the answers"),
    "hostile.action.close": ("Afslutningen af workshoppen", "Ending the workshop"),
    "hostile.action.moderate": ("Ændringen af kortet", "The change to the card"),
    "hostile.action.pin": ("Den fastholdte sætning", "The pinned sentence"),
    "hostile.refused_storage": (
        "{n} svar fra telefonerne kunne ikke gemmes (disken). Telefonerne har fået besked om at "
        "prøve igen.",
        "{n} answers from the phones could not be saved (the disk). The phones were told to try "
        "again.",
    ),
    "hostile.clock_jump": (
        "Computeren har sovet i {minutes} min. Nedtællingen følger den rigtige tid.",
        "The computer slept for {minutes} min. The countdown follows the real time.",
    ),
    "hostile.withheld.hidden": ("(skjult af facilitatoren)", "(hidden by the facilitator)"),
    "hostile.withheld.retracted": ("(trukket tilbage)", "(taken back)"),
    # --- the command line --------------------------------------------------------------------
    "cli.help.devices_per_address": (
        "hvor mange telefoner én netværksadresse højst må bringe ind (standard {default}; sæt "
        "højere, når alle deler én adresse bag en router)",
        "how many phones one network address may bring in at most (default {default}; set it "
        "higher when everyone shares one address behind a router)",
    ),
    "cli.help.new_devices_per_minute": (
        "hvor mange nye telefoner én netværksadresse må bringe ind i minuttet (standard {default})",
        "how many new phones one network address may bring in per minute (default {default})",
    ),
    "cli.help.trust_proxy": (
        "stol på X-Forwarded-For fra en proxy eller tunnel på denne computer (kun med "
        "--public-url)",
        "trust X-Forwarded-For from a proxy or tunnel on this computer (only with --public-url)",
    ),
    "hostile.limits.place": ("i tabellen [limits]", "in the [limits] table"),
    "hostile.limits.bad": (
        "skal være et helt tal fra 1 til {maximum}, ikke {value}",
        "must be a whole number from 1 to {maximum}, not {value}",
    ),
}
