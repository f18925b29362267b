"""Catalog entries for the command line and its help: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
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
    "cli.invalid_plans.one": ("1 plan har fejl.", "1 plan has mistakes."),
    "cli.invalid_plans.many": ("{count} planer har fejl.", "{count} plans have mistakes."),
    # Used by every command that names a session (run --resume, report, archive).
    "cli.session_is_folder": (
        "{path} er en mappe, ikke en sessionsfil. Angiv selve filen (den ender på .json), "
        "eller navnet fra 'kerne sessions'.",
        "{path} is a folder, not a session file. Name the file itself (it ends in .json), "
        "or its name from 'kerne sessions'.",
    ),
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
    "cli.follow_up_with_resume": (
        "--follow-up gælder kun en ny session: en genoptaget session bygger allerede på det, "
        "den blev startet med. Udelad --follow-up eller --resume.",
        "--follow-up applies to a new session only: a resumed session already builds on what "
        "it was started with. Leave out --follow-up or --resume.",
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
    "cli.help.validate.paths": (
        "planfiler eller navne på planer (indbyggede eller dine egne), der skal tjekkes",
        "plan files or names of plans (built-in or your own) to check",
    ),
    "cli.help.plans": (
        "Vis de indbyggede planer og dine egne med deres længde.",
        "List the built-in plans and your own with their length.",
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
        "adressen, der lyttes på (standard 0.0.0.0: alle netværk)",
        "address to listen on (default 0.0.0.0: every network)",
    ),
    "cli.help.port": (
        "port til telefonerne (standard {port}; 0 vælger en ledig)",
        "port for the phones (default {port}; 0 picks a free one)",
    ),
    "cli.help.public_url": (
        "adressen, telefonerne skal bruge, hvis den ikke er denne computers (hotspot, proxy, tunnel)",
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
    "cli.help.follow_up": (
        "sessionsfil eller arkiv (zip) fra dagen, som opfølgningen bygger på",
        "session file or archive (zip) from the day that the follow-up builds on",
    ),
    "cli.help.overview": (
        "læg mange arbejdspladsers arkiver side om side: oversigt.html, oversigt.xlsx og oversigt.csv",
        "put many workplaces' archives side by side: oversigt.html, oversigt.xlsx and oversigt.csv",
    ),
    "cli.help.overview.paths": (
        "arkiver (zip) eller mapper, der gennemsøges for arkiver",
        "archives (zip) or folders searched for archives",
    ),
    "cli.help.overview.out": (
        "mappen, oversigten skrives i",
        "the folder the overview is written in",
    ),
    "cli.help.overview.lang": (
        "oversigtens sprog (standard: planernes)",
        "the overview's language (default: the plans')",
    ),
    "cli.help.edit": (
        "Forbered dagen på skærmen: ret en plan eller lav din egen kopi af en indbygget.",
        "Prepare the day on screen: edit a plan or make your own copy of a built-in one.",
    ),
    "cli.help.edit.plan": (
        "planen, der skal rettes: en sti eller et navn (uden: vælg på en liste)",
        "the plan to edit: a path or a name (without: choose from a list)",
    ),
    "cli.own_list": ("Dine egne planer: {names}", "Your own plans: {names}"),
    "cli.running.wall_lost": (
        "Sessionen »{title}« kører stadig uden sit lærred (proces {pid}): telefonerne får svar, "
        "og tiden går.",
        "The session “{title}” is still running without its wall (process {pid}): the phones "
        "are answered and the timer keeps time.",
    ),
    "cli.running.wall_lost.hint": (
        "Hent lærredet tilbage hertil med: kerne run --resume{where}",
        "Bring the wall back here with: kerne run --resume{where}",
    ),
    "cli.running.ask": (
        "Sessionen »{title}« kører stadig (proces {pid}). Skal dens lærred vises her? [J/n] ",
        "The session “{title}” is still running (process {pid}). Bring its wall here? [Y/n] ",
    ),
    "cli.running.yes": ("j,ja,y,yes", "y,yes,j,ja"),
    "cli.running.left": (
        "Sessionen kører videre, hvor den er.",
        "The session runs on where it is.",
    ),
    "cli.running.handing_over": (
        "Sessionen skrives færdig og overdrages hertil …",
        "The session is being written and handed over to this terminal …",
    ),
    "cli.running.refused": (
        "Den kørende session (proces {pid}) ville ikke overdrage sig: {reason}",
        "The running session (process {pid}) would not hand over: {reason}",
    ),
    "cli.running.refused.hint": (
        "Stop den i dens eget vindue (Ctrl+Q), og kør så kerne run --resume igen.",
        "Stop it in its own window (Ctrl+Q), then run kerne run --resume again.",
    ),
    "cli.running.still_there": (
        "Den kørende session (proces {pid}) var ikke stoppet efter {seconds} sekunder.",
        "The running session (process {pid}) had not stopped after {seconds} seconds.",
    ),
    "cli.help.sessions.delete": (
        "slet en session (navn, fil eller kode) og de filer, kerne skrev ved siden af den; "
        "spørger først, og en session, der kører, slettes ikke",
        "delete a session (name, file or code) and the files kerne wrote beside it; asks "
        "first, and a running session is not deleted",
    ),
    "cli.help.sessions.yes": (
        "spørg ikke først (til scripts)",
        "do not ask first (for scripts)",
    ),
    "cli.delete.files": ("Disse filer slettes:", "These files will be deleted:"),
    "cli.delete.archives_kept": (
        "Arkiverne bliver (de er arbejdspladsens kopi; slet zip-filen for at slette et arkiv):",
        "The archives stay (they are the workplace's copy; delete the zip to delete an archive):",
    ),
    "cli.delete.question": (
        "Slet dem? Skriv ja for at slette: ",
        "Delete them? Type yes to delete: ",
    ),
    "cli.delete.yes_words": ("ja j", "yes y"),
    "cli.delete.kept": ("Intet blev slettet.", "Nothing was deleted."),
    "cli.delete.done.one": ("Slettet: 1 fil.", "Deleted: 1 file."),
    "cli.delete.done.many": ("Slettet: {n} filer.", "Deleted: {n} files."),
    "cli.delete.running": (
        "{path} kører stadig i en anden kerne, som holder sessionens lås. Afslut den først.",
        "{path} is still running in another kerne, which holds the session's lock. End it first.",
    ),
    "cli.delete.running.hint": (
        "Afslut sessionen på lærredet (q), og kør kommandoen igen.",
        "Quit the session on the wall (q), and run the command again.",
    ),
    "cli.archive.offer": (
        "Sessionsfilen på denne computer har stadig de præcise tider og de skjulte tekster, "
        "som arkivet ikke har. Slet den nu? Skriv ja for at slette: ",
        "The session file on this computer still has the exact times and the hidden texts "
        "the archive leaves out. Delete it now? Type yes to delete: ",
    ),
    "cli.archive.keep_hint": (
        "Sessionsfilen ligger stadig her: {path}. Slet den, når I ikke skal bruge den mere: "
        "kerne sessions --delete {name}",
        "The session file is still here: {path}. Delete it when you no longer need it: "
        "kerne sessions --delete {name}",
    ),
    "cli.help.start": (
        "dagens start som HH:MM i stedet for planens (fx 13:00)",
        "the day's start as HH:MM in place of the plan's (e.g. 13:00)",
    ),
    "cli.start_format": (
        "»{value}« er ikke et klokkeslæt som HH:MM, fx 09:30.",
        "“{value}” is not a time of day as HH:MM, e.g. 09:30.",
    ),
    "cli.session_file.journal_damaged": (
        "Sessionens journal ({path}.journal) er beskadiget i linje {detail}, før dens sidste "
        "linje; sessionen åbnes ikke, og intet er ændret.",
        "The session's journal ({path}.journal) is damaged at line {detail}, before its last "
        "line; the session is not opened, and nothing was changed.",
    ),
}
