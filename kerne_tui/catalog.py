"""Every string shown to people, in Danish and English.

Keys are stable identifiers; each entry is a (Danish, English) pair. Code asks for text with
:func:`t`, never by building sentences itself, so that both languages stay complete.
"""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")

CATALOG: dict[str, tuple[str, str]] = {
    # --- plan validation -------------------------------------------------------------
    "plan.not_found": (
        "Planen findes ikke: {path}",
        "The plan does not exist: {path}",
    ),
    "plan.not_readable": (
        "Planen kan ikke læses: {path} ({reason})",
        "The plan cannot be read: {path} ({reason})",
    ),
    "plan.not_toml": (
        "{path}: ikke gyldig TOML i linje {line}: {reason}",
        "{path}: not valid TOML at line {line}: {reason}",
    ),
    "plan.place.top": ("øverst i filen", "at the top of the file"),
    "plan.place.module": ('modul {m} "{title}"', 'module {m} "{title}"'),
    "plan.place.step": (
        'modul {m} "{mtitle}", trin {s} "{title}"',
        'module {m} "{mtitle}", step {s} "{title}"',
    ),
    "plan.error": (
        "{path}: {place}, feltet '{field}': {problem}",
        "{path}: {place}, field '{field}': {problem}",
    ),
    "plan.err.missing": ("mangler (skal angives)", "is missing (it is required)"),
    "plan.err.unknown_key": (
        "ukendt felt. Tilladte felter her: {allowed}",
        "unknown field. Fields allowed here: {allowed}",
    ),
    "plan.err.unknown_key_hint": (
        "ukendt felt. Mente du '{suggestion}'? Tilladte felter her: {allowed}",
        "unknown field. Did you mean '{suggestion}'? Fields allowed here: {allowed}",
    ),
    "plan.err.type": (
        "skal være {expected}, men er {actual}",
        "must be {expected}, but is {actual}",
    ),
    "plan.err.empty_text": ("må ikke være tom", "must not be empty"),
    "plan.err.language": (
        "sproget '{value}' kendes ikke. Tilladt: da, en",
        "the language '{value}' is unknown. Allowed: da, en",
    ),
    "plan.err.kind": (
        "trintypen '{value}' kendes ikke. Tilladt: {allowed}",
        "the step kind '{value}' is unknown. Allowed: {allowed}",
    ),
    "plan.err.positive": (
        "skal være et tal større end 0, men er {value}",
        "must be a number above 0, but is {value}",
    ),
    "plan.err.min_int": (
        "skal være mindst {minimum}, men er {value}",
        "must be at least {minimum}, but is {value}",
    ),
    "plan.err.no_modules": (
        "planen har ingen moduler (mindst ét)",
        "the plan has no modules (at least one)",
    ),
    "plan.err.no_steps": (
        "modulet har ingen trin (mindst ét)",
        "the module has no steps (at least one)",
    ),
    "plan.err.duplicate_id": (
        "id'et '{value}' bruges allerede af et andet trin",
        "the id '{value}' is already used by another step",
    ),
    "plan.err.bad_id": (
        "id'et '{value}' må kun have små bogstaver a-z, tal og bindestreg",
        "the id '{value}' may only have lowercase letters a-z, digits and hyphens",
    ),
    "plan.err.ref_missing": (
        "henviser til trinnet '{value}', som ikke findes",
        "refers to the step '{value}', which does not exist",
    ),
    "plan.err.ref_later": (
        "henviser til trinnet '{value}', som først kommer senere (kun tidligere trin)",
        "refers to the step '{value}', which comes later (only earlier steps)",
    ),
    "plan.err.ref_kind": (
        "henviser til trinnet '{value}', som ikke samler tekst eller sætninger",
        "refers to the step '{value}', which does not collect text or sentences",
    ),
    "plan.err.options_or_from": (
        "angiv enten 'options' eller 'options_from' (præcis én af dem)",
        "give either 'options' or 'options_from' (exactly one of them)",
    ),
    "plan.err.options_count": (
        "skal have mindst {minimum} valgmuligheder",
        "must have at least {minimum} options",
    ),
    "plan.err.no_statements": ("skal have mindst ét udsagn", "must have at least one statement"),
    "plan.err.not_for_kind": (
        "hører ikke til trintypen '{kind}'",
        "does not belong to the step kind '{kind}'",
    ),
    "plan.err.show": (
        "skal være 'live' eller 'reveal', men er '{value}'",
        "must be 'live' or 'reveal', but is '{value}'",
    ),
    "plan.err.start": (
        "skal være et klokkeslæt som \"09:00\", men er '{value}'",
        "must be a time like \"09:00\", but is '{value}'",
    ),
    "plan.valid": (
        "{path}: gyldig ({modules} moduler, {steps} trin, {minutes} minutter)",
        "{path}: valid ({modules} modules, {steps} steps, {minutes} minutes)",
    ),
    "type.string": ("tekst", "text"),
    "type.integer": ("et heltal", "a whole number"),
    "type.number": ("et tal", "a number"),
    "type.boolean": ("true eller false", "true or false"),
    "type.list": ("en liste", "a list"),
    "type.list_of_strings": ("en liste af tekster", "a list of texts"),
    "type.table": ("en tabel", "a table"),
    "type.list_of_tables": ("en liste af tabeller ([[...]])", "a list of tables ([[...]])"),
    # --- step kinds ------------------------------------------------------------------
    "kind.info": ("Information", "Information"),
    "kind.discuss": ("Drøftelse", "Discussion"),
    "kind.text": ("Tekst", "Text"),
    "kind.sentence": ("Én sætning", "One sentence"),
    "kind.vote": ("Prikafstemning", "Dot vote"),
    "kind.scale": ("Skala 1-5", "Scale 1-5"),
    "kind.choice": ("Valg", "Choice"),
    "kind.rank": ("Rangering", "Ranking"),
    "kind.actions": ("Handlinger", "Actions"),
    # --- refusals of participant commands ----------------------------------------------
    "refuse.not_started": (
        "Workshoppen er ikke begyndt endnu.",
        "The workshop has not started yet.",
    ),
    "refuse.step_closed": (
        "Trinnet er lukket, så der kan ikke sendes mere. Din tekst er ikke sendt.",
        "This step is closed, so nothing more can be sent. Your text was not sent.",
    ),
    "refuse.not_current_step": (
        "Facilitatoren er gået videre til et andet trin. Dit svar er ikke sendt.",
        "The facilitator has moved on to another step. Your answer was not sent.",
    ),
    "refuse.no_input": ("Dette trin tager ikke imod svar.", "This step does not take answers."),
    "refuse.wrong_kind": (
        "Svaret passer ikke til trinnets type.",
        "The answer does not fit this step's kind.",
    ),
    "refuse.empty": ("Skriv noget, før du sender.", "Write something before you send."),
    "refuse.too_long": (
        "Teksten er for lang: højst {limit} tegn (du har {length}).",
        "The text is too long: at most {limit} characters (you have {length}).",
    ),
    "refuse.cap": (
        "Du har allerede sendt {limit} bidrag til dette trin. Fortryd et for at sende et nyt.",
        "You have already sent {limit} contributions to this step. Retract one to send another.",
    ),
    "refuse.already_answered": (
        "Du har allerede svaret på dette trin. Fortryd dit svar for at svare igen.",
        "You have already answered this step. Retract your answer to answer again.",
    ),
    "refuse.unknown_option": ("Den valgmulighed findes ikke.", "That option does not exist."),
    "refuse.no_options": (
        "Der er ingen valgmuligheder at vælge imellem endnu.",
        "There are no options to choose from yet.",
    ),
    "refuse.too_many_dots": (
        "For mange prikker: du har {limit} i alt.",
        "Too many dots: you have {limit} in all.",
    ),
    "refuse.no_dots": ("Sæt mindst én prik.", "Place at least one dot."),
    "refuse.option_cap": (
        "Højst {limit} prikker på samme valgmulighed.",
        "At most {limit} dots on the same option.",
    ),
    "refuse.scale_value": (
        "Vælg et tal fra 1 til 5 for hvert udsagn.",
        "Choose a number from 1 to 5 for each statement.",
    ),
    "refuse.scale_missing": (
        "Svar på alle udsagn, før du sender.",
        "Answer every statement before you send.",
    ),
    "refuse.choice_count": ("Vælg én mulighed.", "Choose one option."),
    "refuse.choice_none": ("Vælg mindst én mulighed.", "Choose at least one option."),
    "refuse.rank_count": (
        "Vælg dine {limit} vigtigste i rækkefølge (hver kun én gang).",
        "Choose your top {limit} in order (each only once).",
    ),
    "refuse.action_what": ("Skriv hvad der skal gøres.", "Write what is to be done."),
    "refuse.not_yours": (
        "Det bidrag findes ikke, eller det er ikke dit.",
        "That contribution does not exist, or it is not yours.",
    ),
    "refuse.closed_session": ("Workshoppen er afsluttet.", "The workshop has ended."),
    "refuse.unknown_step": ("Det trin findes ikke.", "That step does not exist."),
    "refuse.storage": (
        "Dit svar kunne ikke gemmes. Prøv igen om lidt.",
        "Your answer could not be saved. Try again in a moment.",
    ),
}


def t(lang: Lang, key: str, **values: object) -> str:
    """Return the text for *key* in *lang*, with ``{name}`` fields filled from *values*."""
    da, en = CATALOG[key]
    template = da if lang == "da" else en
    return template.format(**values) if values else template


def cli_language() -> Lang:
    """The language for the command line: ``KERNE_LANG``, else the locale, else Danish."""
    for name in ("KERNE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "da"
    return "da"


CATALOG.update(
    {
        # --- the phone page ----------------------------------------------------------------
        "web.title": ("kerne", "kerne"),
        "web.join.heading": ("Deltag i workshoppen", "Join the workshop"),
        "web.join.label": ("Koden fra skærmen", "The code from the screen"),
        "web.join.button": ("Deltag", "Join"),
        "web.join.help": (
            "Skriv koden, der står på det store lærred. Store og små bogstaver er lige gode.",
            "Type the code shown on the big screen. Upper and lower case are the same.",
        ),
        "web.unknown_code": (
            "Koden {code} passer ikke til en workshop her. Tjek koden på lærredet og prøv igen.",
            "The code {code} does not match a workshop here. Check the code on the screen and try again.",
        ),
        "web.not_found": ("Siden findes ikke.", "The page does not exist."),
        "web.module": ("Modul {n} af {total}", "Module {n} of {total}"),
        "web.time_left": ("Tid tilbage", "Time left"),
        "web.paused": ("pause", "paused"),
        "web.waiting": (
            "Workshoppen er ikke begyndt endnu. Siden skifter af sig selv, når den går i gang.",
            "The workshop has not started yet. The page changes by itself when it begins.",
        ),
        "web.finished": (
            "Workshoppen er slut. Tak for dine bidrag!",
            "The workshop has ended. Thank you for your contributions!",
        ),
        "web.no_input": (
            "Her skal du ikke skrive noget: tal sammen i rummet.",
            "Nothing to type here: talk it over in the room.",
        ),
        "web.closed": (
            "Trinnet er lukket. Vent på, at facilitatoren går videre.",
            "This step is closed. Wait for the facilitator to move on.",
        ),
        "web.text.label": ("Dit svar", "Your answer"),
        "web.sentence.label": ("Jeres forslag i én sætning", "Your proposal in one sentence"),
        "web.chars": ("{n} af {limit} tegn", "{n} of {limit} characters"),
        "web.send": ("Send", "Send"),
        "web.sent": ("Modtaget. Tak!", "Received. Thank you!"),
        "web.sending": ("Sender …", "Sending …"),
        "web.mine": ("Det har du sendt", "What you have sent"),
        "web.retract": ("Fortryd", "Retract"),
        "web.retracted": ("Dit bidrag er trukket tilbage.", "Your contribution was retracted."),
        "web.dots.left": ("Prikker tilbage: {n} af {total}", "Dots left: {n} of {total}"),
        "web.dots.add": ("Læg en prik på {label}", "Add a dot to {label}"),
        "web.dots.remove": ("Fjern en prik fra {label}", "Remove a dot from {label}"),
        "web.dots.count": ("Prikker på {label}", "Dots on {label}"),
        "web.dots.none": (
            "Der er ingen forslag at stemme på endnu.",
            "There are no proposals to vote on yet.",
        ),
        "web.scale.low": ("Helt uenig", "Strongly disagree"),
        "web.scale.high": ("Helt enig", "Strongly agree"),
        "web.choice.one": ("Vælg én", "Choose one"),
        "web.choice.many": ("Vælg en eller flere", "Choose one or more"),
        "web.rank.place": ("Nummer {n}", "Number {n}"),
        "web.rank.pick": ("Vælg …", "Choose …"),
        "web.rank.help": (
            "Vælg dine {k} vigtigste, det vigtigste først.",
            "Choose your top {k}, the most important first.",
        ),
        "web.action.what": ("Hvad skal gøres?", "What is to be done?"),
        "web.action.who": ("Hvem gør det?", "Who does it?"),
        "web.action.when": ("Hvornår?", "By when?"),
        "web.anonymity": (
            "Du er anonym. Facilitatoren ser, hvad der bliver skrevet, men ikke hvem der skrev det. "
            "Dit navn, din telefon og din IP-adresse gemmes ikke.",
            "You are anonymous. The facilitator sees what is written, but not who wrote it. "
            "Your name, your phone and your IP address are not stored.",
        ),
        "web.offline": ("Forbindelsen er væk. Prøver igen …", "Connection lost. Trying again …"),
        "web.draft_kept": (
            "Din tekst er gemt her på telefonen.",
            "Your text is kept here on your phone.",
        ),
        "web.error.malformed": (
            "Forespørgslen kunne ikke læses.",
            "The request could not be read.",
        ),
        "web.error.media": (
            "Send som JSON (Content-Type: application/json).",
            "Send as JSON (Content-Type: application/json).",
        ),
        "web.error.too_large": ("Det sendte er for stort.", "What was sent is too large."),
        "web.error.rate": (
            "Du sender meget hurtigt. Vent et øjeblik, og prøv igen.",
            "You are sending very fast. Wait a moment and try again.",
        ),
        "web.error.forbidden": (
            "Formularen kom fra et andet sted. Genindlæs siden, og prøv igen.",
            "The form came from somewhere else. Reload the page and try again.",
        ),
        "web.error.method": ("Den handling findes ikke her.", "That action does not exist here."),
        "web.error.server": (
            "Noget gik galt på facilitatorens computer. Prøv igen.",
            "Something went wrong on the facilitator's computer. Try again.",
        ),
    }
)

CATALOG.update(
    {
        # --- the command line --------------------------------------------------------------
        "cli.description": (
            "kerne: workshopfacilitator til danske arbejdspladser. Lærredet viser workshoppen, "
            "deltagerne svarer anonymt fra telefonen, og alt bliver på din computer.",
            "kerne: workshop facilitator for Danish workplaces. The projected screen runs the "
            "workshop, participants answer anonymously from their phones, and everything stays "
            "on your laptop.",
        ),
        "cli.error": ("fejl: {message}", "error: {message}"),
        "cli.hint": ("tip: {message}", "hint: {message}"),
        "cli.plan_not_found": ("Planen '{name}' findes ikke.", "The plan '{name}' does not exist."),
        "cli.builtin_list": ("Indbyggede planer: {names}", "Built-in plans: {names}"),
        "cli.invalid_plans": ("{count} plan(er) har fejl.", "{count} plan(s) have mistakes."),
        "cli.session_file.missing": (
            "Sessionsfilen findes ikke: {path}",
            "The session file does not exist: {path}",
        ),
        "cli.session_file.unreadable": (
            "Sessionsfilen kan ikke læses: {path} ({detail})",
            "The session file cannot be read: {path} ({detail})",
        ),
        "cli.session_file.empty": (
            "Sessionsfilen er tom: {path}. Den er ikke ændret.",
            "The session file is empty: {path}. It was not changed.",
        ),
        "cli.session_file.not_json": (
            "Sessionsfilen er beskadiget (ikke gyldig JSON): {path} ({detail}). Den er ikke ændret.",
            "The session file is damaged (not valid JSON): {path} ({detail}). It was not changed.",
        ),
        "cli.session_file.not_ours": (
            "Filen er ikke en kerne-sessionsfil: {path}. Den er ikke ændret.",
            "The file is not a kerne session file: {path}. It was not changed.",
        ),
        "cli.locked": (
            "Sessionen bruges allerede af et andet kerne-program ({path}). Én sessionsfil, én skriver.",
            "The session is already in use by another kerne program ({path}). One session file, one writer.",
        ),
        "cli.locked.hint": (
            "Luk det andet vindue med kerne, eller start en ny session uden --resume.",
            "Close the other window running kerne, or start a new session without --resume.",
        ),
        "cli.no_session_to_resume": (
            "Der er ingen ufærdig session at genoptage i {folder}.",
            "There is no unfinished session to resume in {folder}.",
        ),
        "cli.session_not_found": (
            "Sessionen '{name}' findes ikke i {folder}.",
            "The session '{name}' is not in {folder}.",
        ),
        "cli.unknown_step": (
            "Trinnet '{step}' findes ikke i planen. Trin: {steps}",
            "The step '{step}' is not in the plan. Steps: {steps}",
        ),
        "cli.port_taken": (
            "Ingen ledig port mellem {first} og {last} på {host}.",
            "No free port between {first} and {last} on {host}.",
        ),
        "cli.port_taken.hint": (
            "Vælg en anden port med --port, eller luk programmet, der bruger den.",
            "Choose another port with --port, or close the program that uses it.",
        ),
        "cli.port_moved": (
            "Port {wanted} var optaget; kerne bruger port {port} i stedet.",
            "Port {wanted} was taken; kerne uses port {port} instead.",
        ),
        "cli.no_lan": (
            "Fandt ingen netværksadresse, som telefonerne kan nå. Adressen virker kun på denne computer.",
            "Found no network address the phones can reach. The address works on this computer only.",
        ),
        "cli.no_lan.hint": (
            "Forbind computeren til Wi-Fi (eller en telefons hotspot), eller angiv --host eller --public-url.",
            "Connect the laptop to Wi-Fi (or a phone's hotspot), or give --host or --public-url.",
        ),
        "cli.data_dir": (
            "Datamappen kan ikke bruges: {path} ({detail}).",
            "The data folder cannot be used: {path} ({detail}).",
        ),
        "cli.data_dir.hint": (
            "Vælg en mappe, du kan skrive i, med --data-dir eller KERNE_DATA_DIR.",
            "Choose a folder you can write to with --data-dir or KERNE_DATA_DIR.",
        ),
        "cli.session_file": ("Sessionsfil: {path}", "Session file: {path}"),
        "cli.stopped": ("Sessionen er gemt: {path}", "The session is saved: {path}"),
    }
)


def _merge_parts() -> None:
    from kerne_tui.texts import archive, rehearsal, tui, words_questions_parking

    for part in (tui.TEXTS, archive.TEXTS, rehearsal.TEXTS, words_questions_parking.TEXTS):
        clashes = set(part) & set(CATALOG)
        if clashes:
            raise RuntimeError(f"catalog keys defined twice: {sorted(clashes)}")
        CATALOG.update(part)


_merge_parts()

CATALOG.update(
    {
        # --- command line help -------------------------------------------------------------
        "cli.help.run": (
            "Kør en workshop på lærredet med telefonerne på.",
            "Run a workshop on the projected screen, with the phones.",
        ),
        "cli.help.run.plan": (
            "planfil eller navn på en indbygget plan (uden: vælg på skærmen)",
            "plan file or built-in plan name (none: choose on screen)",
        ),
        "cli.help.demo": (
            "Øv workshoppen med simulerede telefoner, før du står foran rummet.",
            "Rehearse the workshop with simulated phones before you face the room.",
        ),
        "cli.help.demo.plan": (
            "planfil eller navn på en indbygget plan (standard: kerneopgaven-kort)",
            "plan file or built-in plan name (default: kerneopgaven-kort)",
        ),
        "cli.help.demo.participants": (
            "antal simulerede telefoner (standard 12)",
            "number of simulated phones (default 12)",
        ),
        "cli.help.demo.speed": (
            "gør alle nedtællinger X gange kortere (standard 1)",
            "make every countdown X times shorter (default 1)",
        ),
        "cli.help.serve": (
            "Hold en session uden lærred (til test, målinger og øvelse med scriptede telefoner).",
            "Hold a session without the screen (for tests, benchmarks and scripted rehearsal).",
        ),
        "cli.help.serve.plan": (
            "planfil eller navn på en indbygget plan",
            "plan file or built-in plan name",
        ),
        "cli.help.serve.timed": (
            "lad trinnets nedtælling køre (svar lukker ved nul)",
            "run the step's countdown (input closes at zero)",
        ),
        "cli.help.validate": (
            "Tjek planfiler og sig præcist, hvad der er galt.",
            "Check plan files and say exactly what is wrong.",
        ),
        "cli.help.validate.paths": ("planfiler, der skal tjekkes", "plan files to check"),
        "cli.help.plans": (
            "Vis de indbyggede planer og deres længde.",
            "List the built-in plans and their length.",
        ),
        "cli.help.sessions": (
            "Vis sessionsfilerne i datamappen.",
            "List the session files in the data folder.",
        ),
        "cli.help.report": (
            "Skriv en rapport over en session (også mens den kører).",
            "Write a report of a session (also while it runs).",
        ),
        "cli.help.report.format": (
            "rapportens format (standard html)",
            "report format (default html)",
        ),
        "cli.help.report.out": (
            "hvor rapporten skrives (standard: ved sessionsfilen)",
            "where to write it (default: beside the session file)",
        ),
        "cli.help.archive": (
            "Arkivér en session som én zip-fil med rapport.",
            "Archive a session as one zip with its report.",
        ),
        "cli.help.archive.out": (
            "mappe til zip-filen (standard: datamappens archives)",
            "folder for the zip (default: the data folder's archives)",
        ),
        "cli.help.archive.verify": (
            "tjek et arkiv mod dets manifest",
            "check an archive against its manifest",
        ),
        "cli.help.session": (
            "sessionsfilens sti eller navn, som 'kerne sessions' viser det",
            "session file path, or its name as 'kerne sessions' lists it",
        ),
        "cli.help.data_dir": (
            "mappe til sessionsfiler (standard: KERNE_DATA_DIR, ellers din datamappe)",
            "folder for session files (default: KERNE_DATA_DIR, else your data folder)",
        ),
        "cli.help.host": (
            "adressen der lyttes på (standard 0.0.0.0: alle netværk)",
            "address to listen on (default 0.0.0.0: every network)",
        ),
        "cli.help.port": (
            "port til telefonerne (standard {port}; 0 vælger en ledig)",
            "port for the phones (default {port}; 0 picks a free one)",
        ),
        "cli.help.public_url": (
            "adressen telefonerne skal bruge, hvis den ikke er denne computers (hotspot, proxy, tunnel)",
            "address the phones use, if not this machine's (hotspot, proxy, tunnel)",
        ),
        "cli.help.step": (
            "åbn ved dette trin (id fra planen)",
            "open at this step (id from the plan)",
        ),
        "cli.help.resume": (
            "fortsæt den seneste ufærdige session (eller den navngivne)",
            "continue the latest unfinished session (or the named one)",
        ),
        "cli.above_zero": (
            "skal være et tal over 0, ikke '{value}'",
            "must be a number above 0, not '{value}'",
        ),
        "cli.at_least": (
            "skal være et heltal på mindst {minimum}, ikke '{value}'",
            "must be a whole number of at least {minimum}, not '{value}'",
        ),
    }
)

# web API additions
CATALOG.update(
    {
        "web.error.busy": (
            "Der er for mange forbindelser lige nu. Siden prøver igen af sig selv.",
            "There are too many connections right now. The page tries again by itself.",
        ),
    }
)

# phone page additions
CATALOG.update(
    {
        "web.pinned": ("Vores sætning indtil videre", "Our sentence so far"),
        "web.new_step": ("Nyt trin: {title}", "New step: {title}"),
        "web.reload": (
            "Opdater siden for at se det nyeste trin",
            "Reload the page to see the latest step",
        ),
        "web.unsent.heading": ("Din tekst blev ikke sendt", "Your text was not sent"),
        "web.unsent.help": (
            "Trinnet sluttede, før du sendte. Teksten er gemt her, så du kan kopiere den.",
            "The step ended before you sent it. The text is kept here so you can copy it.",
        ),
        "web.unsent.dismiss": ("Skjul", "Hide"),
        "web.no_input.info": (
            "Følg med på det store lærred. Her er ikke noget at svare på.",
            "Follow along on the big screen. There is nothing to answer here.",
        ),
        "web.dots.all_placed": (
            "Du har sat alle dine prikker. Fortryd en stemme for at flytte dem.",
            "You have placed all your dots. Retract a vote to move them.",
        ),
        "web.network_error": (
            "Ingen forbindelse til facilitatorens computer. Dit svar er ikke sendt. Prøv igen.",
            "No connection to the facilitator's computer. Your answer was not sent. Try again.",
        ),
    }
)
