"""Catalog entries for ``kerne edit``, the plan editor: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- what a new step or module starts with ---------------------------------------------
    "editor.new.prompt": (
        "Skriv spørgsmålet eller opgaven her.",
        "Write the question or task here.",
    ),
    "editor.new.option": ("Mulighed {n}", "Option {n}"),
    "editor.new.statement": ("Skriv et udsagn her.", "Write a statement here."),
    "editor.new.low": ("Helt uenig", "Strongly disagree"),
    "editor.new.high": ("Helt enig", "Strongly agree"),
    "editor.new.x_label": ("Indsats", "Effort"),
    "editor.new.y_label": ("Forskel for dem, vi er her for", "Difference for those we serve"),
    "editor.new.module": ("Nyt modul", "New module"),
    # --- the screens ---------------------------------------------------------------------------
    "editor.title": ("kerne edit: forbered dagen", "kerne edit: prepare the day"),
    "editor.pick.title": ("Hvilken plan vil du forberede?", "Which plan do you want to prepare?"),
    "editor.pick.help": (
        "Enter åbner planen. En indbygget plan rettes aldrig: du får din egen kopi.",
        "Enter opens the plan. A built-in plan is never changed: you get your own copy.",
    ),
    "editor.pick.builtin": ("indbygget", "built-in"),
    "editor.pick.own": ("din egen", "your own"),
    "editor.pick.row": ("{minutes} min · {name} · {where}", "{minutes} min · {name} · {where}"),
    "editor.copy.title": ("Din egen kopi", "Your own copy"),
    "editor.copy.help": (
        "'{name}' er en indbygget plan og rettes ikke. Giv din kopi et navn; den gemmes i {folder}.",
        "'{name}' is a built-in plan and is not changed. Name your copy; it is saved in {folder}.",
    ),
    "editor.copy.keys": (
        "Enter: lav kopien · Escape: tilbage",
        "Enter: make the copy · Escape: back",
    ),
    "editor.top": ("{name} · {title}", "{name} · {title}"),
    "editor.sum.start": (
        "Start {start} · {minutes} min i alt · slut {end}",
        "Start {start} · {minutes} min in all · ends {end}",
    ),
    "editor.sum.no_start": (
        "{minutes} min i alt (ingen starttid: tryk i for planens oplysninger)",
        "{minutes} min in all (no start time: press i for the plan's facts)",
    ),
    "editor.sum.late": (
        "Dagen slutter {end}, {over} min efter {limit}, som du har sat som sluttid.",
        "The day ends at {end}, {over} min after {limit}, the end you set.",
    ),
    "editor.sum.fits": ("Dagen slutter før {limit}.", "The day ends before {limit}."),
    "editor.module.row": ("Modul {n}: {title}", "Module {n}: {title}"),
    "editor.module.minutes": ("{minutes} min", "{minutes} min"),
    "editor.problems.none": (
        "Ingen problemer: planen kan bruges.",
        "No problems: the plan can be used.",
    ),
    "editor.problems.some": (
        "{n} problem(er): planen kan gemmes som kladde, men kan ikke køres endnu.",
        "{n} problem(s): the plan can be saved as a draft but cannot run yet.",
    ),
    "editor.status.saved": ("Gemt: {path}", "Saved: {path}"),
    "editor.status.draft": (
        "Gemt som kladde: {path}. kerne run afviser den, til problemerne er rettet.",
        "Saved as a draft: {path}. kerne run refuses it until the problems are fixed.",
    ),
    "editor.status.unsaved": ("Ikke gemt (ctrl+s gemmer)", "Not saved (ctrl+s saves)"),
    "editor.status.clean": ("Intet at gemme", "Nothing to save"),
    "editor.status.undone": ("Fortrudt", "Undone"),
    "editor.status.nothing_to_undo": ("Intet at fortryde", "Nothing to undo"),
    "editor.status.deleted": ("Slettet (u fortryder)", "Deleted (u undoes)"),
    "editor.status.save_failed": (
        "Kunne ikke gemme {path}: {reason}. Filen på disken er uændret.",
        "Could not save {path}: {reason}. The file on disk is unchanged.",
    ),
    "editor.status.last_module": (
        "Planen skal have mindst ét modul.",
        "The plan must have at least one module.",
    ),
    "editor.detail.title": ("Valgt", "Selected"),
    "editor.detail.kind": ("Type: {kind}", "Kind: {kind}"),
    "editor.detail.minutes": ("{minutes} min · kl. {clock}", "{minutes} min · at {clock}"),
    "editor.detail.minutes_only": ("{minutes} min", "{minutes} min"),
    "editor.detail.problems": ("Problemer:", "Problems:"),
    "editor.kind.title": ("Hvilken type trin?", "Which kind of step?"),
    "editor.module.name.title": ("Modulets navn", "The module's name"),
    "editor.module.move.title": ("Flyt trinnet til modul", "Move the step to module"),
    "editor.module.remove": ("Fjern modulet '{title}'?", "Remove the module '{title}'?"),
    "editor.module.remove.detail": (
        "Modulet og dets {n} trin fjernes. u fortryder.",
        "The module and its {n} steps are removed. u undoes.",
    ),
    "editor.quit.title": ("Afslut uden at gemme?", "Leave without saving?"),
    "editor.quit.detail": (
        "Dine ændringer er ikke gemt. Enter afslutter og kasserer dem; Escape går tilbage (ctrl+s gemmer).",
        "Your changes are not saved. Enter leaves and drops them; Escape goes back (ctrl+s saves).",
    ),
    "editor.form.step": ("Trin: {title} ({kind})", "Step: {title} ({kind})"),
    "editor.form.plan": ("Planens oplysninger", "The plan's facts"),
    "editor.form.keys": (
        "Tab: næste felt · Escape: tilbage til dagsordenen · ctrl+s: gem",
        "Tab: next field · Escape: back to the agenda · ctrl+s: save",
    ),
    "editor.show.default": ("som typen plejer", "as the kind does"),
    "editor.preview.title": ("Forhåndsvisning: {title}", "Preview: {title}"),
    "editor.preview.wall": (
        "Trinnets ord, som væggen viser dem",
        "The step's words, as the wall shows them",
    ),
    "editor.preview.phone": ("Telefonen (siden for trinnet)", "The phone (the step's page)"),
    "editor.preview.keys": ("Escape: tilbage", "Escape: back"),
    "editor.preview.broken": (
        "Trinnet har problemer; ret dem for at se det, som væggen viser det.",
        "The step has problems; fix them to see it as the wall shows it.",
    ),
    "editor.preview.send": ("[ Send ]", "[ Send ]"),
    "editor.preview.text_box": ("[ skriv her … ]", "[ type here … ]"),
    "editor.preview.time": ("Tid tilbage {clock}", "Time left {clock}"),
    "editor.preview.scale": ("1  2  3  4  5", "1  2  3  4  5"),
    "editor.preview.from": (
        "Mulighederne er svarene fra trinnet '{step}'.",
        "The options are the answers of the step '{step}'.",
    ),
    "editor.preview.no_input": (
        "(telefonen viser spørgsmålet og tiden)",
        "(the phone shows the question and the time)",
    ),
    "editor.preview.dots": ("Du har {n} prikker.", "You have {n} dots."),
    "editor.preview.points": ("Fordel {n} point.", "Share out {n} points."),
    "editor.preview.top": ("Vælg dine {n} vigtigste i rækkefølge.", "Pick your top {n} in order."),
    "editor.preview.words": ("Skriv op til {n} ord.", "Write up to {n} words."),
    "editor.preview.axes": ("{x} (1-5) · {y} (1-5)", "{x} (1-5) · {y} (1-5)"),
    "editor.preview.review": (
        "Aftalerne fra trinnet '{step}' i den tidligere session.",
        "The agreements of the step '{step}' in the earlier session.",
    ),
    "editor.preview.actions": (
        "Hvad? · Hvem? · Hvornår? · Hvordan ser vi, at det virkede?",
        "What? · Who? · When? · How will we see that it worked?",
    ),
    "editor.preview.questions": (
        "Stil et spørgsmål, og stem på de andres.",
        "Ask a question, and upvote the others'.",
    ),
    "editor.preview.overall": ("Den overordnede formulering:", "The overall wording:"),
    "editor.preview.workplace": ("Arbejdsplads: {name}", "Workplace: {name}"),
    # --- keys -------------------------------------------------------------------------------
    "editor.key.edit": ("ret", "edit"),
    "editor.key.edit.long": (
        "Ret det valgte trin (eller modulets navn)",
        "Edit the selected step (or the module's name)",
    ),
    "editor.key.add": ("nyt trin", "new step"),
    "editor.key.add.long": (
        "Tilføj et trin af en valgfri type efter det valgte",
        "Add a step of any kind after the selected one",
    ),
    "editor.key.duplicate": ("kopiér", "duplicate"),
    "editor.key.duplicate.long": ("Kopiér det valgte trin", "Duplicate the selected step"),
    "editor.key.delete": ("slet", "delete"),
    "editor.key.delete.long": (
        "Slet det valgte trin (eller modul)",
        "Delete the selected step (or module)",
    ),
    "editor.key.undo": ("fortryd", "undo"),
    "editor.key.undo.long": ("Fortryd den seneste ændring", "Undo the last change"),
    "editor.key.up": ("op", "up"),
    "editor.key.up.long": (
        "Flyt trinnet et trin op (ind i modulet før, fra toppen)",
        "Move the step up (into the module before, from the top)",
    ),
    "editor.key.down": ("ned", "down"),
    "editor.key.down.long": (
        "Flyt trinnet et trin ned (ind i næste modul, fra bunden)",
        "Move the step down (into the next module, from the bottom)",
    ),
    "editor.key.move": ("flyt", "move"),
    "editor.key.move.long": ("Flyt trinnet til et andet modul", "Move the step to another module"),
    "editor.key.module": ("nyt modul", "new module"),
    "editor.key.module.long": (
        "Tilføj et modul efter det valgte",
        "Add a module after the selected one",
    ),
    "editor.key.rename": ("omdøb", "rename"),
    "editor.key.rename.long": ("Omdøb det valgte modul", "Rename the selected module"),
    "editor.key.facts": ("plan", "plan"),
    "editor.key.facts.long": (
        "Planens oplysninger: arbejdsplads, overordnet formulering, tider, sprog",
        "The plan's facts: workplace, overall wording, times, language",
    ),
    "editor.key.preview": ("vis", "preview"),
    "editor.key.preview.long": (
        "Vis trinnet, som væggen og telefonen viser det",
        "Show the step as the wall and the phone show it",
    ),
    "editor.key.save": ("gem", "save"),
    "editor.key.save.long": (
        "Gem planen (også som kladde med problemer)",
        "Save the plan (also as a draft with problems)",
    ),
    "editor.key.help": ("hjælp", "help"),
    "editor.key.help.long": ("Alle taster", "Every key"),
    "editor.key.back": ("tilbage", "back"),
    "editor.key.back.long": ("Et niveau tilbage", "Back one level"),
    "editor.key.quit": ("afslut", "quit"),
    "editor.key.quit.long": (
        "Afslut (spørger først, hvis noget ikke er gemt)",
        "Quit (asks first when something is not saved)",
    ),
    # --- one line of help per field, in the plan's language ------------------------------
    "editor.help.title": ("Kort overskrift.", "A short heading."),
    "editor.help.language": (
        "Sproget på telefonerne og i planens tekster: da eller en.",
        "The language of the phones and of the plan's texts: da or en.",
    ),
    "editor.help.description": (
        "Kort om planen: for hvem og hvor lang.",
        "About the plan: for whom and how long.",
    ),
    "editor.help.start": (
        "Planlagt start, fx 08:30. Dagsordenen regner klokkeslæt ud fra den.",
        "Planned start, e.g. 08:30. The agenda's clock times count from it.",
    ),
    "editor.help.end": (
        "Hvornår dagen senest skal slutte, fx 14:00. Editoren advarer, hvis planen er længere.",
        "When the day must be over, e.g. 14:00. The editor warns when the plan runs longer.",
    ),
    "editor.help.page_seconds": (
        "Sekunder pr. side, når svarene fylder mere end lærredet (3 til 300, normalt 8).",
        "Seconds per page when the answers fill more than the wall (3 to 300, usually 8).",
    ),
    "editor.help.parking_lot": (
        "Telefonerne kan parkere spørgsmål i hele sessionen.",
        "Phones may park questions throughout the session.",
    ),
    "editor.help.workplace": (
        "Arbejdspladsens navn: står på væggens startskærm og rapportens forside.",
        "The workplace's name: on the wall's join screen and the report's front page.",
    ),
    "editor.help.overall_task": (
        "Kommunens eller organisationens overordnede formulering af kerneopgaven.",
        "The municipality's or organisation's overall wording of the core task.",
    ),
    "editor.help.focus": (
        "En eller to sætninger om, hvad modulet handler om.",
        "One or two sentences on what the module is about.",
    ),
    "editor.help.id": (
        "Trinnets id: små bogstaver, tal og bindestreger; andre trin henviser til det.",
        "The step's id: lowercase letters, digits, hyphens; other steps refer to it.",
    ),
    "editor.help.kind": (
        "Hvad trinnet beder deltagerne om.",
        "What the step asks of the participants.",
    ),
    "editor.help.prompt": (
        "Spørgsmålet eller opgaven, stort på væggen og på hver telefon.",
        "The question or task, large on the wall and on every phone.",
    ),
    "editor.help.minutes": (
        "Planlagt længde i minutter (1.5 er halvandet minut).",
        "Planned length in minutes (1.5 is ninety seconds).",
    ),
    "editor.help.notes": (
        "Dine noter: hvad du siger, hvad du holder øje med. Kun for dig.",
        "Your notes: what to say, what to watch for. Only for you.",
    ),
    "editor.help.show": (
        "Hvornår svarene vises: live, eller når du viser dem (reveal).",
        "When answers show: live, or when you reveal them.",
    ),
    "editor.help.min_answers": (
        "Færrest svar, før noget vises (anonymitet).",
        "Fewest answers before anything shows (anonymity).",
    ),
    "editor.help.parking": (
        "Vis parkeringspladsen på væggen i dette trin.",
        "Show the parking lot on the wall during this step.",
    ),
    "editor.help.show_overall_task": (
        "Vis planens overordnede formulering under spørgsmålet.",
        "Show the plan's overall wording under the prompt.",
    ),
    "editor.help.open_ends": (
        "I en opfølgning: vis det, dagen lod stå åbent, på lærredet i dette trin.",
        "In a follow-up: show on the wall what the day left open, during this step.",
    ),
    "editor.help.max_length": ("Flest tegn i ét svar.", "Most characters in one answer."),
    "editor.help.max_per_person": ("Flest svar fra én telefon.", "Most answers from one phone."),
    "editor.help.open_questions": (
        "Det, der står tilbage, kommer i rapporten som åbne spørgsmål.",
        "What is left standing goes into the report as open questions.",
    ),
    "editor.help.options": (
        "Mulighederne, én pr. linje (mindst to).",
        "The options, one per line (at least two).",
    ),
    "editor.help.options_from": (
        "Eller: id på et tidligere tekst- eller sætningstrin, hvis svar bliver mulighederne.",
        "Or: id of an earlier text or sentence step whose answers become the options.",
    ),
    "editor.help.dots": ("Prikker pr. deltager.", "Dots per participant."),
    "editor.help.max_per_option": (
        "Flest prikker på én mulighed (0: ingen grænse).",
        "Most dots on one option (0: no limit).",
    ),
    "editor.help.statements": (
        "Udsagnene, én pr. linje, hver besvaret fra 1 til 5.",
        "The statements, one per line, each answered from 1 to 5.",
    ),
    "editor.help.low_label": (
        "Hvad 1 betyder, fx Helt uenig.",
        "What 1 means, e.g. Strongly disagree.",
    ),
    "editor.help.high_label": (
        "Hvad 5 betyder, fx Helt enig.",
        "What 5 means, e.g. Strongly agree.",
    ),
    "editor.help.compare_with": (
        "Id på skalatrinnet i den tidligere session, der sammenlignes med.",
        "Id of the scale step in the earlier session to compare with.",
    ),
    "editor.help.multiple": (
        "Deltagerne må vælge mere end én.",
        "Participants may choose more than one.",
    ),
    "editor.help.top": ("Hvor mange hver deltager rangerer.", "How many each participant ranks."),
    "editor.help.evidence_label": (
        "Ordene for 'hvordan ser vi, at det virkede?' (tomt: standard).",
        "The words for 'how will we see that it worked?' (empty: the default).",
    ),
    "editor.help.max_words": (
        "Flest ord fra én telefon (1 til 10).",
        "Most words from one phone (1 to 10).",
    ),
    "editor.help.stop_words": (
        "Ord, der udelades af skyen, én pr. linje.",
        "Words left out of the cloud, one per line.",
    ),
    "editor.help.budget": (
        "Point pr. deltager at fordele.",
        "Points per participant to share out.",
    ),
    "editor.help.x_label": ("Hvad den vandrette akse måler.", "What the horizontal axis measures."),
    "editor.help.y_label": ("Hvad den lodrette akse måler.", "What the vertical axis measures."),
    "editor.help.x_low_label": (
        "Hvad 1 betyder på den vandrette akse.",
        "What 1 means on the horizontal axis.",
    ),
    "editor.help.x_high_label": (
        "Hvad 5 betyder på den vandrette akse.",
        "What 5 means on the horizontal axis.",
    ),
    "editor.help.y_low_label": (
        "Hvad 1 betyder på den lodrette akse.",
        "What 1 means on the vertical axis.",
    ),
    "editor.help.y_high_label": (
        "Hvad 5 betyder på den lodrette akse.",
        "What 5 means on the vertical axis.",
    ),
    "editor.help.actions_from": (
        "Id på handlingstrinnet i den tidligere session.",
        "Id of the actions step in the earlier session.",
    ),
    "editor.key.phone": ("telefonen", "the phone"),
    "editor.key.phone.long": ("Telefonens side for trinnet", "The phone's page for the step"),
}
