"""Catalog entries for the facilitator's own view (console, remote, pairing): key -> (da, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- refusals and notices of the control endpoints ------------------------------------
    "control.forbidden": (
        "Kun facilitatorens konsol eller en parret telefon må styre sessionen.",
        "Only the facilitator's console or a paired phone may steer the session.",
    ),
    "control.unknown_command": (
        "Kommandoen »{command}« kendes ikke.",
        "The command “{command}” is unknown.",
    ),
    "control.missing_field": (
        "Feltet »{field}« mangler.",
        "The field “{field}” is missing.",
    ),
    "control.no_such_remote": (
        "Den telefon er ikke parret.",
        "That phone is not paired.",
    ),
    "control.step.last": ("Det er sidste trin.", "This is the last step."),
    "control.step.first": ("Det er første trin.", "This is the first step."),
    "control.step.not_started": (
        "Workshoppen er ikke begyndt endnu.",
        "The workshop has not started yet.",
    ),
    "control.extended": ("Et minut mere.", "One more minute."),
    "control.reveal.nothing": (
        "Dette trin har ingen svar at vise.",
        "This step has no answers to show.",
    ),
    "control.reveal.live": (
        "Svarene på dette trin vises løbende på lærredet.",
        "This step's answers are shown on the wall as they come.",
    ),
    "control.pinned": ("Sætningen er sat fast.", "The sentence is pinned."),
    # --- pairing ----------------------------------------------------------------------------
    "control.pair.unknown": (
        "Koden passer ikke. Bed om en ny kode på konsollen.",
        "The code does not match. Ask for a new code on the console.",
    ),
    "control.pair.used": (
        "Koden er allerede brugt. Bed om en ny kode på konsollen.",
        "The code has already been used. Ask for a new code on the console.",
    ),
    "control.pair.expired": (
        "Koden er udløbet. Bed om en ny kode på konsollen.",
        "The code has expired. Ask for a new code on the console.",
    ),
    "control.pair.rate": (
        "For mange forkerte koder. Vent et minut, og prøv igen.",
        "Too many wrong codes. Wait a minute and try again.",
    ),
    # --- the remote page ----------------------------------------------------------------------
    "remote.title": ("Fjernbetjening · kerne", "Remote · kerne"),
    "remote.pair.heading": (
        "Styr workshoppen fra din telefon",
        "Steer the workshop from your phone",
    ),
    "remote.pair.help": (
        "Skriv koden fra facilitatorens konsol. Den virker én gang og i to minutter.",
        "Type the code from the facilitator's console. It works once and for two minutes.",
    ),
    "remote.pair.label": ("Parringskode", "Pairing code"),
    "remote.pair.button": ("Par telefonen", "Pair this phone"),
    "remote.back": ("Tilbage", "Back"),
    "remote.next": ("Næste", "Next"),
    "remote.pause": ("Pause / fortsæt", "Pause / resume"),
    "remote.extend": ("+1 minut", "+1 minute"),
    "remote.reveal": ("Vis / skjul svar på lærredet", "Show / hide answers on the wall"),
    "remote.hide": ("Skjul", "Hide"),
    "remote.restore": ("Vis igen", "Restore"),
    "remote.answers": ("Svar", "Answers"),
    "remote.notes": ("Noter", "Notes"),
    "remote.no_notes": ("Ingen noter til dette trin.", "No notes for this step."),
    "remote.no_answers": ("Ingen svar endnu.", "No answers yet."),
    "remote.hidden_mark": ("skjult", "hidden"),
    "remote.waiting": ("Workshoppen er ikke begyndt.", "The workshop has not started."),
    "remote.finished": ("Workshoppen er slut.", "The workshop is over."),
    "remote.offline": (
        "Forbindelsen er tabt. Prøver igen …",
        "The connection is lost. Trying again …",
    ),
    "remote.revoked": (
        "Telefonen er ikke længere parret. Bed om en ny kode på konsollen.",
        "This phone is no longer paired. Ask for a new code on the console.",
    ),
    "remote.noscript": (
        "Fjernbetjeningen kræver JavaScript.",
        "The remote needs JavaScript.",
    ),
    "remote.counts": (
        "Svar: {count} · har svaret: {people}",
        "Answers: {count} · answered: {people}",
    ),
    "remote.on_wall": ("vises på lærredet", "shown on the wall"),
    "remote.not_on_wall": ("ikke vist på lærredet", "not shown on the wall"),
    "remote.paused": ("på pause", "paused"),
    # --- the command line -------------------------------------------------------------------
    "cli.help.console": (
        "Facilitatorens egen visning af den kørende session, i en anden terminal.",
        "The facilitator's own view of the running session, in a second terminal.",
    ),
    "cli.help.console.session": (
        "sessionens filnavn eller kode (standard: den senest startede, der kører)",
        "the session's file name or code (default: the latest running one)",
    ),
    # --- kerne console ------------------------------------------------------------------------
    "console.title": ("kerne · konsol", "kerne · console"),
    "console.no_session": (
        "Der kører ingen kerne-session i {folder}: start den med kerne run, og prøv igen.",
        "No kerne session is running in {folder}: start it with kerne run and try again.",
    ),
    "console.no_named_session": (
        "Der kører ingen kerne-session, der hedder »{name}«, i {folder}.",
        "No running kerne session called “{name}” in {folder}.",
    ),
    "console.refused": (
        "Sessionen afviste konsollen (den kører måske fra en anden bruger).",
        "The session refused the console (it may be run by another user).",
    ),
    "console.lost": (
        "Forbindelsen til sessionen er tabt. Prøver igen …",
        "The connection to the session is lost. Trying again …",
    ),
    "console.connecting": ("Forbinder til sessionen …", "Connecting to the session …"),
    "console.waiting": ("Workshoppen er ikke begyndt.", "The workshop has not started."),
    "console.finished": ("Workshoppen er slut.", "The workshop is over."),
    "console.step": (
        "Modul {module_index}/{modules} · trin {index} af {count}",
        "Module {module_index}/{modules} · step {index} of {count}",
    ),
    "console.paused": ("PAUSE", "PAUSED"),
    "console.closed": ("lukket for svar", "closed for answers"),
    "console.next": ("Næste: {title} ({minutes} min)", "Next: {title} ({minutes} min)"),
    "console.next.none": ("Næste: (sidste trin)", "Next: (last step)"),
    "console.notes": ("Noter", "Notes"),
    "console.no_notes": ("Ingen noter til dette trin.", "No notes for this step."),
    "console.answers": (
        "Svar på »{title}«: {count} · har svaret: {people}",
        "Answers to “{title}”: {count} · answered: {people}",
    ),
    "console.answers.none": ("Ingen svar at vise på dette trin.", "No answers for this step."),
    "console.answers.hidden": ("{n} skjult", "{n} hidden"),
    "console.answers.on_wall": ("vises på lærredet", "shown on the wall"),
    "console.answers.not_on_wall": (
        "IKKE vist på lærredet (r viser dem)",
        "NOT on the wall (r shows them)",
    ),
    "console.answers.more": ("… og {n} ældre", "… and {n} older"),
    "console.mark.hidden": ("skjult", "hidden"),
    "console.mark.merged": ("slået sammen", "merged"),
    "console.merge.pick": (
        "Vælg det svar, det skal slås sammen med, og tryk m igen (Escape fortryder).",
        "Pick the answer to merge it into and press m again (escape cancels).",
    ),
    "console.merge.cancelled": ("Sammenlægningen er fortrudt.", "Merge cancelled."),
    "console.select_first": (
        "Vælg først et svar med piletasterne.",
        "Pick an answer first with the arrow keys.",
    ),
    "console.phones": ("Telefoner forbundet: {n}", "Phones connected: {n}"),
    "console.remotes": ("Fjernbetjeninger: {n}", "Remotes: {n}"),
    "console.pin": ("Kerneopgaven (version {n}): {text}", "Core task (version {n}): {text}"),
    "console.pin.earlier": ("version {n}: {text}", "version {n}: {text}"),
    "console.pin.none": ("Ingen sætning sat fast endnu.", "No sentence pinned yet."),
    "console.agenda": (
        "Planlagt slut {planned} · forventet slut {projected} · {verdict}",
        "Planned end {planned} · projected end {projected} · {verdict}",
    ),
    "console.agenda.behind": ("{n} min bagud", "{n} min behind"),
    "console.agenda.ahead": ("{n} min foran", "{n} min ahead"),
    "console.agenda.on_time": ("til tiden", "on time"),
    "console.agenda.title": ("Dagens program", "The day's agenda"),
    "console.agenda.planned": ("planlagt", "planned"),
    "console.agenda.actual": ("faktisk", "actual"),
    "console.agenda.now": ("nu", "now"),
    "console.pin.title": ("Sæt kerneopgaven fast", "Pin the core task"),
    "console.pin.help": (
        "Skriv eller ret sætningen, og tryk Enter. Escape fortryder.",
        "Type or edit the sentence and press enter. Escape cancels.",
    ),
    "console.pair.title": ("Par facilitatorens telefon", "Pair the facilitator's phone"),
    "console.pair.help": (
        "Scan koden, eller åbn {url} og skriv {code}. Koden virker én gang, i {minutes} minutter.",
        "Scan the code, or open {url} and type {code}. It works once, for {minutes} minutes.",
    ),
    "console.pair.remotes": (
        "Parrede telefoner (x tilbagekalder den valgte):",
        "Paired phones (x revokes the selected one):",
    ),
    "console.pair.none": ("Ingen telefoner parret.", "No phones paired."),
    "console.pair.remote": (
        "Telefon {number} · parret {at} (kode vist på {where})",
        "Phone {number} · paired {at} (code shown on the {where})",
    ),
    "console.pair.revoked": ("Telefon {number} er tilbagekaldt.", "Phone {number} is revoked."),
    "console.pair.paired": ("Telefon {number} er parret.", "Phone {number} is paired."),
    "console.surface.wall": ("lærredet", "wall"),
    "console.surface.console": ("konsollen", "console"),
    "console.surface.remote": ("telefonen", "phone"),
    "console.error.server": (
        "Sessionen svarede ikke som ventet ({status}).",
        "The session did not answer as expected ({status}).",
    ),
    # --- the console's keys -------------------------------------------------------------------
    "console.key.pair": ("Par telefon", "Pair phone"),
    "console.key.revoke": ("Tilbagekald", "Revoke"),
    "console.key.quit": ("Luk konsol", "Quit console"),
    "console.key.cancel": ("Fortryd", "Cancel"),
    "console.key.merge.long": (
        "Tryk m på et svar og m igen på det svar, det skal slås sammen med",
        "Press m on an answer, then m again on the answer to merge it into",
    ),
    "console.key.pair.long": (
        "Vis en engangskode og en QR-kode til din telefon, og se de parrede telefoner",
        "Show a one-time code and a QR code for your phone, and see the paired phones",
    ),
    "console.key.cancel.long": (
        "Fortryd en påbegyndt sammenlægning (lukker ikke konsollen)",
        "Cancel a merge being picked (does not quit the console)",
    ),
    "console.key.quit.long": (
        "Luk konsollen (sessionen og lærredet kører videre)",
        "Quit the console (the session and the wall go on)",
    ),
    "console.key.select.long": ("Vælg et svar", "Pick an answer"),
    "console.quit.hint": (
        "Escape lukker ikke konsollen. Tryk ctrl+q for at lukke den.",
        "Escape does not quit the console. Press ctrl+q to quit it.",
    ),
    # --- the wall, while the facilitator has a view of their own ------------------------------
    "wall.remote_paired": (
        "En facilitator-telefon er forbundet.",
        "A facilitator phone is connected.",
    ),
    "wall.remote_revoked": (
        "En facilitator-telefon er afbrudt.",
        "A facilitator phone was disconnected.",
    ),
    "wall.pair.unavailable": (
        "Fjernbetjeningen findes kun, når telefonerne er på (kerne run).",
        "The remote is only there while the phones are served (kerne run).",
    ),
    "wall.pair.title": ("Par facilitatorens telefon", "Pair the facilitator's phone"),
    "wall.pair.scan": (
        "Kun facilitatoren: scan koden med din telefon. Den virker én gang.",
        "Facilitator only: scan the code with your phone. It works once.",
    ),
    "wall.pair.code": ("Parringskode: {code}", "Pairing code: {code}"),
    "wall.pair.left": (
        "Koden udløber om {seconds} sekunder.",
        "The code expires in {seconds} seconds.",
    ),
    "tui.key.pair_phone": ("Fjernbetjening", "Remote"),
    "tui.key.pair_phone.long": (
        "Par facilitatorens telefon som fjernbetjening (vis en engangskode)",
        "Pair the facilitator's phone as a remote (show a one-time code)",
    ),
    "wall.moderation_elsewhere": (
        "Svarene styres fra facilitatorens konsol eller telefon.",
        "The answers are handled on the facilitator's console or phone.",
    ),
    "wall.notes_elsewhere": (
        "Noterne vises på facilitatorens konsol eller telefon.",
        "The notes are shown on the facilitator's console or phone.",
    ),
    "control.handover.impossible": (
        "Denne session kan ikke overdrages herfra.",
        "This session cannot be handed over from here.",
    ),
    "console.pair.guessing": (
        "Nogen har gættet på parringskoden ({n} forkerte); din kode gælder stadig",
        "Someone has guessed at the pairing code ({n} wrong); your code still works",
    ),
    "control.withheld": (
        "tallene holdes tilbage, til mindst {n} har svaret",
        "the figures are held back until at least {n} have answered",
    ),
}
