"""Catalog entries for follow-up sessions: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- building on an earlier session ------------------------------------------------
    "followup.missing": (
        "Planen »{plan}« bygger på en tidligere session (trinnene {steps}): start den med "
        "--follow-up og sessionsfilen eller arkivet fra dagen.",
        'The plan "{plan}" builds on an earlier session (the steps {steps}): start it with '
        "--follow-up and the session file or archive from the day.",
    ),
    "followup.validate": (
        "  Bygger på en tidligere session (trin → trin dér): {steps}. Start den med "
        "--follow-up og sessionsfilen eller arkivet fra dagen.",
        "  Builds on an earlier session (step → step there): {steps}. Start it with "
        "--follow-up and the session file or archive from the day.",
    ),
    "followup.earlier_missing": (
        "Den tidligere session findes ikke: {path}. Intet er skrevet.",
        "The earlier session does not exist: {path}. Nothing was written.",
    ),
    "followup.earlier_folder": (
        "{path} er en mappe; --follow-up skal have sessionsfilen eller arkivet (zip) fra dagen. "
        "Intet er skrevet.",
        "{path} is a folder; --follow-up needs the session file or the archive (zip) from the "
        "day. Nothing was written.",
    ),
    "followup.damaged": (
        "Den tidligere session {path} kan ikke læses som en kerne-session ({reason}). "
        "Intet er skrevet.",
        "The earlier session {path} cannot be read as a kerne session ({reason}). "
        "Nothing was written.",
    ),
    "followup.tampered": (
        "Arkivet {path} passer ikke med sit manifest, så opfølgningen bygger ikke på det: "
        "{detail} Intet er skrevet.",
        "The archive {path} does not match its manifest, so the follow-up does not build on "
        "it: {detail} Nothing was written.",
    ),
    "followup.no_session_in_archive": (
        "Arkivet {path} har ingen sessionsfil, som manifestet nævner. Intet er skrevet.",
        "The archive {path} holds no session file named in its manifest. Nothing was written.",
    ),
    "followup.other_plan": (
        "{path} er en session af planen »{title}«, som ikke har nogen af de trin, "
        "opfølgningen bygger på ({steps}). Intet er skrevet.",
        '{path} is a session of the plan "{title}", which has none of the steps the '
        "follow-up builds on ({steps}). Nothing was written.",
    ),
    "followup.lacking": (
        "{path} (planen »{title}«) har intet trin »{earlier}«, som trinnet »{step}« i denne "
        "plan bygger på. Intet er skrevet.",
        '{path} (the plan "{title}") has no step "{earlier}", which the step "{step}" of this '
        "plan builds on. Nothing was written.",
    ),
    "followup.wrong_kind": (
        "Trinnet »{earlier}« i {path} er af typen {kind}, men trinnet »{step}« i denne plan "
        "skal bygge på et trin af typen {wanted}. Intet er skrevet.",
        'The step "{earlier}" in {path} is of the kind {kind}, but the step "{step}" of this '
        "plan must build on a step of the kind {wanted}. Nothing was written.",
    ),
    "followup.statement_differs": (
        "Udsagn {number} i trinnet »{step}« er »{here}«, men i »{earlier}« i {path} er det "
        "»{there}«; udsagnene skal være ens for at kunne sammenlignes. Intet er skrevet.",
        'Statement {number} of the step "{step}" is "{here}", but in "{earlier}" in {path} it '
        'is "{there}"; the statements must be the same to be compared. Nothing was written.',
    ),
    "followup.statement_count": (
        "Trinnet »{step}« har {here} udsagn, men »{earlier}« i {path} har {there}; "
        "udsagnene skal være ens for at kunne sammenlignes. Intet er skrevet.",
        'The step "{step}" has {here} statements, but "{earlier}" in {path} has {there}; '
        "the statements must be the same to be compared. Nothing was written.",
    ),
    # --- the statuses, where they are shown ----------------------------------------------
    "review.status.done": ("Gjort", "Done"),
    "review.status.under_way": ("I gang", "Under way"),
    "review.status.not_started": ("Ikke begyndt", "Not started"),
    "review.status.dropped": ("Opgivet", "Dropped"),
    "review.comment": ("Kommentar (valgfri)", "Comment (optional)"),
    "review.who_when": ("Hvem: {who} · Hvornår: {when}", "Who: {who} · When: {when}"),
    "review.evidence": (
        "Sådan ser vi, at det virkede: {evidence}",
        "How we will see that it worked: {evidence}",
    ),
    "review.none": ("Ingen aftaler fra dagen.", "No agreements from the day."),
    # --- the wall and the report -----------------------------------------------------------
    "followup.pin_band": ("Arbejdsversion fra dagen:", "Working version from the day:"),
    "followup.before": ("Dagen", "The day"),
    "followup.after": ("Nu", "Now"),
    "followup.shift": ("ændring {shift}", "change {shift}"),
    "followup.mean": ("gns. {mean}", "mean {mean}"),
    "followup.day_answers": ("Dagen: {n} svar", "The day: {n} answers"),
    "followup.day_answers.one": ("Dagen: 1 svar", "The day: 1 answer"),
    "followup.too_few_side": (
        "for få svar til at vise ({n} svar, mindst {least})",
        "too few answers to show ({n} answers, at least {least})",
    ),
    "followup.agreement": ("Aftale", "Agreement"),
    "followup.comments": ("{n} kommentarer", "{n} comments"),
    "followup.comments.one": ("1 kommentar", "1 comment"),
    # --- the follow-up's report and CSV ------------------------------------------------------
    "archive.followup.heading": ("Bygger på dagen", "Builds on the day"),
    "archive.followup.source": (
        "Opfølgning på »{title}« fra {date}. Kopieret fra {name} (SHA-256 {sha}).",
        'Follow-up on "{title}" of {date}. Copied from {name} (SHA-256 {sha}).',
    ),
    "archive.followup.pinned": (
        "Arbejdsversionen fra dagen: »{text}«",
        'The working version from the day: "{text}"',
    ),
    "archive.followup.side": ("Hvornår", "When"),
    "archive.followup.change": ("Ændring", "Change"),
    "archive.followup.too_few": (
        "{side}: for få svar til at vise ({n} svar, mindst {least}).",
        "{side}: too few answers to show ({n} answers, at least {least}).",
    ),
    "archive.followup.review.comments": ("Kommentarer", "Comments"),
    "archive.followup.review.rule": (
        "Hver telefon gav hver aftale fra dagen en status og eventuelt en kort kommentar.",
        "Each phone gave each agreement from the day a status and maybe a short comment.",
    ),
    "archive.csv.session": ("Session", "Session"),
    "archive.csv.earlier": ("tidligere", "earlier"),
    "archive.csv.new": ("ny", "new"),
    "archive.value.counts": ("{statement}: {counts}", "{statement}: {counts}"),
    "archive.value.review": ("{what}: {status}", "{what}: {status}"),
    "archive.followup.carried.agreements": (
        "Aftaler fra dagen, som opfølgningen gennemgår",
        "Agreements from the day that the follow-up reviews",
    ),
    "archive.followup.carried.owned": (
        "Parkeret på dagen, og nogen tog det på sig",
        "Parked on the day, and someone took it on",
    ),
    "archive.followup.carried.questions": (
        "Åbne spørgsmål fra dagen",
        "Open questions from the day",
    ),
}
