"""Catalog entries for a full room: open-files limits, refusals, storage: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "limits.short": (
        "Denne computer kan kun holde omkring {phones} telefoner ad gangen (den tillader {files} "
        "åbne filer). Flere får at vide, at der er fuldt, og prøver igen af sig selv.",
        "This computer can only hold about {phones} phones at a time (it allows {files} open "
        "files). More are told that it is full and try again by themselves.",
    ),
    "limits.short.hint": (
        "Før et stort rum: afslut kerne, skriv ulimit -n 10240 i den samme terminal, og start "
        "kerne igen.",
        "Before a large room: quit kerne, type ulimit -n 10240 in the same terminal and start "
        "kerne again.",
    ),
    "web.full.title": ("Fuldt lige nu", "Full right now"),
    "web.full": (
        "Der er fuldt lige nu. Vent et øjeblik, og prøv igen. Var du ved at sende, så gå tilbage: "
        "det, du skrev, står der stadig.",
        "It is full right now. Wait a moment and try again. If you were sending, go back: what "
        "you wrote is still there.",
    ),
    "web.full.retrying": (
        "Der er fuldt lige nu – prøver igen om {seconds} sekunder. Det, du skrev, er gemt.",
        "Full right now – trying again in {seconds} seconds. What you wrote is kept.",
    ),
    "web.busy.title": ("Et øjeblik", "One moment"),
    "web.busy": (
        "Din telefon har mange forespørgsler i gang på én gang. Vent et øjeblik, og prøv igen: "
        "det, du skrev, står der stadig.",
        "Your phone has many requests under way at once. Wait a moment and try again: what you "
        "wrote is still there.",
    ),
    "web.busy.retrying": (
        "Din telefon har travlt – prøver igen om {seconds} sekunder. Det, du skrev, er gemt.",
        "Your phone is busy – trying again in {seconds} seconds. What you wrote is kept.",
    ),
    "web.error.slow_body": (
        "Svaret nåede ikke frem i tide. Prøv igen: det, du skrev, står der stadig.",
        "The answer did not arrive in time. Try again: what you wrote is still there.",
    ),
}
