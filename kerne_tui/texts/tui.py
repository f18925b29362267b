"""Catalog entries for the tui area: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- the main screen ---------------------------------------------------------------
    "tui.module": ("Modul {n} af {total}", "Module {n} of {total}"),
    "tui.step_of": ("trin {n} af {total}", "step {n} of {total}"),
    "tui.rehearsal": ("ØVELSE", "REHEARSAL"),
    "tui.waiting.hint": (
        "Workshoppen er ikke begyndt. Scan koden for at deltage.",
        "The workshop has not started. Scan the code to join.",
    ),
    "tui.finished.title": (
        "Workshoppen er slut. Tak for i dag!",
        "The workshop is over. Thank you!",
    ),
    "tui.answered": ("{n} har svaret", "{n} have answered"),
    "tui.answered.one": ("1 har svaret", "1 has answered"),
    "tui.answers_from": ("Svar fra »{title}«:", "Answers from “{title}”:"),
    # The wall moves to .one/.many (screens.py picks by n); the plain key goes after that.
    "tui.hidden_count.one": ("1 skjult", "1 hidden"),
    "tui.hidden_count.many": ("{n} skjulte", "{n} hidden"),
    "tui.answers.later": ("svarene vises senere", "the answers are shown later"),
    "tui.answers.too_few": (
        "svarene vises, når mindst {n} har svaret",
        "the answers are shown once at least {n} have answered",
    ),
    "tui.answers.too_few.one": (
        "svarene vises, når mindst 1 har svaret",
        "the answers are shown once at least 1 has answered",
    ),
    "tui.join.code": ("Kode: {code}", "Code: {code}"),
    "tui.qr.elsewhere": (
        "QR-koden er der ikke plads til her: tryk q for at vise den.",
        "No room for the QR code here: press q to show it.",
    ),
    "tui.qr.scan": (
        "Scan koden med telefonens kamera, eller skriv adressen:",
        "Scan the code with your phone's camera, or type the address:",
    ),
    "tui.qr.start_hint": (
        "Facilitator: tryk mellemrum for at begynde, q for at gå til trinnet.",
        "Facilitator: press space to begin, q to go to the step.",
    ),
    "tui.too_small": (
        "Vinduet er for lille til lærredet: mindst {width}×{height} tegn "
        "(nu {now_width}×{now_height}). Gør vinduet større, eller gør skriften mindre.",
        "The window is too small for the screen: at least {width}×{height} characters "
        "(now {now_width}×{now_height}). Make the window larger or the font smaller.",
    ),
    "tui.pin.band": ("Arbejdsversion:", "Working version:"),
    "tui.closed.band": (
        "»{session}« er afsluttet og gemt.",
        "“{session}” is closed and saved.",
    ),
    "tui.closed.archive": (
        "Arkivet ligger i mappen {folder}.",
        "The archive is in the folder {folder}.",
    ),
    "tui.closed.archive_hint": (
        "Tryk c for at arkivere, ctrl+q for at lukke.",
        "Press c to archive, ctrl+q to quit.",
    ),
    # --- the countdown -----------------------------------------------------------------
    "tui.clock.waiting": ("Ikke begyndt", "Not started"),
    "tui.clock.running": ("tilbage", "left"),
    "tui.clock.ending": ("Snart slut", "Almost time"),
    "tui.clock.zero": ("Tiden er gået", "Time is up"),
    "tui.clock.zero_closed": ("Tiden er gået · svar lukket", "Time is up · answers closed"),
    "tui.clock.paused": ("Pause", "Paused"),
    "tui.clock.finished": ("Afsluttet", "Finished"),
    # --- results -----------------------------------------------------------------------
    "tui.unit.dots": ("{n} prikker", "{n} dots"),
    "tui.unit.dots.one": ("1 prik", "1 dot"),
    "tui.unit.points": ("{n} point", "{n} points"),
    "tui.unit.points.one": ("1 point", "1 point"),
    "tui.unit.people": ("{n} personer", "{n} people"),
    "tui.unit.people.one": ("1 person", "1 person"),
    "tui.scale.ends": ("1 = {low}   5 = {high}", "1 = {low}   5 = {high}"),
    "tui.scale.mean": ("gns. {mean} · {n} svar", "mean {mean} · {n} answers"),
    "tui.scale.mean.one": ("gns. {mean} · 1 svar", "mean {mean} · 1 answer"),
    "tui.cards.more": (
        "De {shown} nyeste af {total} svar vises.",
        "The newest {shown} of {total} answers are shown.",
    ),
    "tui.nothing_yet": (
        "Der er intet at tage stilling til endnu: »{title}« har ingen svar.",
        "There is nothing to answer yet: “{title}” has no answers.",
    ),
    "tui.nothing_yet.vote": (
        "Der er intet at stemme om endnu: »{title}« har ingen svar.",
        "There is nothing to vote on yet: “{title}” has no answers.",
    ),
    "tui.nothing_yet.rank": (
        "Der er intet at rangere endnu: »{title}« har ingen svar.",
        "There is nothing to rank yet: “{title}” has no answers.",
    ),
    "tui.actions.evidence": ("Sådan ser vi det", "How we will know"),
    "tui.actions.what": ("Hvad", "What"),
    "tui.actions.who": ("Hvem", "Who"),
    "tui.actions.when": ("Hvornår", "By when"),
    # --- keys: short for the footer, long for help and the command palette --------------
    "tui.keyname.space": ("mellemrum", "space"),
    "tui.keyname.escape": ("esc", "esc"),
    "tui.key.help": ("Hjælp", "Help"),
    "tui.key.help.long": ("Vis alle taster", "Show every key"),
    "tui.key.timer": ("Start/pause", "Start/pause"),
    "tui.key.timer.long": (
        "Begynd workshoppen, eller sæt nedtællingen på pause og i gang igen",
        "Begin the workshop, or pause and resume the countdown",
    ),
    "tui.key.next": ("Næste", "Next"),
    "tui.key.next.long": ("Gå til næste trin", "Go to the next step"),
    "tui.key.previous": ("Forrige", "Back"),
    "tui.key.previous.long": ("Gå et trin tilbage", "Go back one step"),
    "tui.key.extend": ("+1 min", "+1 min"),
    "tui.key.extend.long": (
        "Giv trinnet et minut mere (åbner igen for svar efter nul)",
        "Give the step one more minute (reopens the answers after zero)",
    ),
    "tui.key.reveal": ("Vis svar", "Reveal"),
    "tui.key.reveal.long": (
        "Vis eller skjul svarene på lærredet",
        "Show or hide the answers on the screen",
    ),
    "tui.key.qr": ("QR", "QR"),
    "tui.key.qr.long": ("Vis QR-koden på hele skærmen", "Show the QR code full-screen"),
    "tui.key.agenda": ("Program", "Agenda"),
    "tui.key.agenda.long": (
        "Vis dagens program med planlagt og faktisk tid",
        "Show the day's agenda with planned and actual time",
    ),
    "tui.key.pin": ("Fastgør", "Pin"),
    "tui.key.pin.long": (
        "Fastgør den valgte sætning (eller skriv en) som arbejdsversion af kerneopgaven",
        "Pin the selected sentence (or type one) as the working version of the core task",
    ),
    "tui.key.notes": ("Noter", "Notes"),
    "tui.key.notes.long": (
        "Vis facilitatorens noter til trinnet",
        "Show the facilitator's notes for the step",
    ),
    "tui.key.theme": ("Lys/mørk", "Light/dark"),
    "tui.key.theme.long": (
        "Skift mellem lyst og mørkt tema",
        "Switch between the light and the dark theme",
    ),
    "tui.key.close": ("Afslut", "End"),
    "tui.key.close.long": (
        "Afslut sessionen, og arkivér den",
        "End the session and archive it",
    ),
    "tui.key.quit": ("Luk", "Quit"),
    "tui.key.quit.long": (
        "Luk programmet (sessionen gemmes og kan genoptages)",
        "Quit the program (the session is saved and can be resumed)",
    ),
    "tui.key.select": ("Vælg svar", "Select"),
    "tui.key.select.long": (
        "Vælg næste svar på lærredet",
        "Select the next answer on the screen",
    ),
    "tui.key.select_previous.long": (
        "Vælg forrige svar på lærredet",
        "Select the previous answer on the screen",
    ),
    "tui.key.hide": ("Skjul", "Hide"),
    "tui.key.hide.long": (
        "Skjul det valgte svar fra lærredet (det tæller stadig med)",
        "Hide the selected answer from the screen (it still counts)",
    ),
    "tui.key.merge": ("Slå sammen", "Merge"),
    "tui.key.merge.long": (
        "Slå det valgte svar sammen med et andet, der siger det samme",
        "Merge the selected answer into another that says the same",
    ),
    "tui.key.back": ("Tilbage", "Back"),
    "tui.key.palette": ("Kommandoer", "Commands"),
    "tui.key.palette.long": (
        "Find en kommando ved at skrive dens navn",
        "Find a command by typing its name",
    ),
    "tui.key.leave": ("Afbryd", "Leave"),
    "tui.cmd.show_hidden": (
        "Vis trinnets skjulte svar igen",
        "Show the step's hidden answers again",
    ),
    # --- notices -------------------------------------------------------------------------
    "tui.error.storage": (
        "Kunne ikke gemme i sessionsfilen. Se kerne.log i datamappen.",
        "Could not write the session file. See kerne.log in the data folder.",
    ),
    "tui.closed.already": ("Sessionen er afsluttet.", "The session is closed."),
    "tui.step.last": ("Det er sidste trin.", "This is the last step."),
    "tui.step.first": ("Det er første trin.", "This is the first step."),
    "tui.step.not_started": (
        "Workshoppen er ikke begyndt: tryk mellemrum.",
        "The workshop has not started: press space.",
    ),
    "tui.extended": ("Et minut mere.", "One more minute."),
    "tui.reveal.nothing": (
        "Dette trin har ingen svar at vise.",
        "This step has no answers to show.",
    ),
    "tui.reveal.live": (
        "Svarene på dette trin vises løbende.",
        "The answers to this step are shown as they come.",
    ),
    "tui.select.none": ("Der er ingen svar at vælge.", "There are no answers to select."),
    "tui.select.first": (
        "Vælg først et svar med ↑ ↓ eller tab.",
        "First select an answer with ↑ ↓ or tab.",
    ),
    "tui.hidden.done": ("Svaret er skjult.", "The answer is hidden."),
    "tui.merge.title": ("Slå sammen", "Merge"),
    "tui.merge.into": ("… med dette svar:", "… into this answer:"),
    "tui.merge.keys": (
        "↑ ↓ vælg · Enter slå sammen · Escape fortryd",
        "↑ ↓ choose · Enter merge · Escape cancel",
    ),
    "tui.merge.alone": (
        "Der er ikke andre svar at slå sammen med.",
        "There are no other answers to merge with.",
    ),
    "tui.merge.done": ("Svarene er slået sammen.", "The answers are merged."),
    "tui.pin.title": ("Arbejdsversion af kerneopgaven", "Working version of the core task"),
    "tui.pin.help": (
        "Ret sætningen, og tryk Enter for at fastgøre den. Tidligere versioner gemmes.",
        "Edit the sentence and press Enter to pin it. Earlier versions are kept.",
    ),
    "tui.pin.candidates": (
        "Eller vælg et af forslagene (tab):",
        "Or choose one of the proposals (tab):",
    ),
    "tui.pin.keys": ("Enter fastgør · Escape fortryd", "Enter pins · Escape cancels"),
    "tui.pin.done": ("Arbejdsversionen er fastgjort.", "The working version is pinned."),
    "tui.notes.title": ("Noter til »{title}«", "Notes for “{title}”"),
    "tui.notes.none": ("Der er ingen noter til dette trin.", "There are no notes for this step."),
    "tui.notes.keys": ("o eller Escape lukker noterne", "o or Escape closes the notes"),
    "tui.help.title": ("Taster", "Keys"),
    "tui.help.keys": ("? eller Escape lukker", "? or Escape closes"),
    "tui.confirm.keys": (
        "Enter eller j: ja · Escape eller n: nej",
        "Enter or y: yes · Escape or n: no",
    ),
    "tui.close.question": ("Afslut sessionen?", "End the session?"),
    "tui.close.detail": (
        "Telefonerne kan ikke sende flere svar. Alt er gemt i sessionsfilen.",
        "The phones can send no more answers. Everything is saved in the session file.",
    ),
    "tui.archive.question": ("Arkivér sessionen nu?", "Archive the session now?"),
    "tui.archive.detail": (
        "Arkivet af »{session}« er én zip-fil med sessionsfilen og en rapport.",
        "The archive of “{session}” is one zip file with the session file and a report.",
    ),
    "tui.archive.done": (
        "Arkivet af »{session}« er gemt i mappen {folder}.",
        "The archive of “{session}” is saved in the folder {folder}.",
    ),
    "tui.archive.unavailable": (
        "Arkivet kan ikke laves her ({detail}). Brug »kerne archive« bagefter.",
        "The archive cannot be made here ({detail}). Use “kerne archive” afterwards.",
    ),
    "tui.archive.failed": (
        "Arkivet kunne ikke skrives ({detail}). Sessionsfilen er uændret.",
        "The archive could not be written ({detail}). The session file is unchanged.",
    ),
    "tui.quit.question": ("Luk kerne?", "Quit kerne?"),
    "tui.quit.hint": ("Tryk ctrl+q for at lukke kerne.", "Press ctrl+q to quit kerne."),
    "tui.quit.detail": (
        "Intet går tabt: »{session}« er gemt og kan genoptages med »kerne run --resume«.",
        "Nothing is lost: “{session}” is saved and can be resumed with “kerne run --resume”.",
    ),
    # --- the agenda --------------------------------------------------------------------
    "tui.agenda.time": ("Kl.", "Time"),
    "tui.agenda.step": ("Trin", "Step"),
    "tui.agenda.kind": ("Type", "Kind"),
    "tui.agenda.planned": ("Planlagt", "Planned"),
    "tui.agenda.actual": ("Faktisk", "Actual"),
    "tui.agenda.module": ("Modul {n}: {title}", "Module {n}: {title}"),
    "tui.agenda.now": ("▶ nu", "▶ now"),
    "tui.agenda.summary": (
        "Planlagt slut kl. {planned} · forventet slut kl. {projected}",
        "Planned end {planned} · projected end {projected}",
    ),
    "tui.agenda.behind": ("{n} min. bagud", "{n} min behind"),
    "tui.agenda.ahead": ("{n} min. foran", "{n} min ahead"),
    "tui.agenda.on_time": ("til tiden", "on time"),
    # --- the plan picker -----------------------------------------------------------------
    "tui.picker.title": ("Hvad skal vi køre i dag?", "What shall we run today?"),
    "tui.picker.help": (
        "Vælg med ↑ ↓, og tryk Enter. Escape afbryder.",
        "Choose with ↑ ↓ and press Enter. Escape leaves.",
    ),
    "tui.picker.resume": ("Genoptag:", "Resume:"),
    "tui.picker.session": ("startet {created} · kode {code}", "started {created} · code {code}"),
    "tui.picker.plan": ("{minutes} min · {name}", "{minutes} min · {name}"),
    "tui.answers.lowered": (
        "vises ved {n} svar (normalt {usual})",
        "shown at {n} answers (usually {usual})",
    ),
    "tui.open_ends.title": ("Det åbne fra dagen", "Left open on the day"),
    "tui.open_ends.count": (
        "{owned} parkeret med en ansvarlig · {asked} åbne spørgsmål",
        "{owned} parked with an owner · {asked} open questions",
    ),
    "tui.delete.question": (
        "Slet sessionsfilen på denne computer?",
        "Delete the session file on this computer?",
    ),
    "tui.delete.detail": (
        "Arkivet er gemt. Sessionsfilen for »{session}« har stadig de præcise tider og de "
        "skjulte tekster. Den slettes, når du afslutter kerne; arkivet bliver.",
        "The archive is saved. The session file of “{session}” still has the exact times and "
        "the hidden texts. It is deleted when you quit kerne; the archive stays.",
    ),
    "tui.delete.later": (
        "Sessionsfilen for »{session}« slettes, når du afslutter kerne.",
        "The session file of “{session}” is deleted when you quit kerne.",
    ),
    "tui.keys.more": ("+{n} flere: ?", "+{n} more: ?"),
}
