"""Catalog entries for ``kerne overview``: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- the terminal ---------------------------------------------------------------------
    "overview.progress": ("Læst {done} af {total} arkiver …", "Read {done} of {total} archives …"),
    "overview.excluded.line": ("Ikke med: {reason}", "Not included: {reason}"),
    "overview.written": ("Oversigten er skrevet: {path}", "The overview is written: {path}"),
    "overview.nothing": (
        "Ingen arkiver fundet i {paths}. Oversigten er skrevet uden arbejdspladser.",
        "No archives found in {paths}. The overview was written without workplaces.",
    ),
    "overview.cannot_write": (
        "Oversigten kan ikke skrives i {path}: {reason}.",
        "The overview cannot be written in {path}: {reason}.",
    ),
    # --- why an input is left out ------------------------------------------------------------
    "overview.excluded.missing": ("{path} findes ikke.", "{path} does not exist."),
    "overview.excluded.unreadable": (
        "{path} kan ikke læses ({detail}).",
        "{path} cannot be read ({detail}).",
    ),
    "overview.excluded.duplicate": (
        "{path} er det samme arkiv som {first} (samme SHA-256) og tælles kun én gang.",
        "{path} is the same archive as {first} (same SHA-256) and is counted once.",
    ),
    "overview.excluded.damaged": (
        "{path} er ikke et helt kerne-arkiv: {detail}",
        "{path} is not an intact kerne archive: {detail}",
    ),
    "overview.excluded.older": (
        "{path} er lavet af en anden version af kerne ({version}, formatet {format}) og kan ikke "
        "læses her.",
        "{path} was made by another version of kerne ({version}, format {format}) and cannot be "
        "read here.",
    ),
    "overview.excluded.no_session": (
        "{path} har ingen sessionsfil, som manifestet nævner.",
        "{path} has no session file named by its manifest.",
    ),
    "overview.excluded.older_session": (
        "Sessionen i {path} er fra en ældre kerne eller ikke en kerne-session ({detail}).",
        "The session in {path} is from an older kerne or not a kerne session ({detail}).",
    ),
    # --- the page -------------------------------------------------------------------------------
    "overview.title": ("Oversigt over kerneopgaven", "Overview of the core task"),
    "overview.generated": ("Lavet {when}", "Made {when}"),
    "overview.counts": (
        "{workplaces} arbejdspladser, {sessions} sessioner, {excluded} ikke med.",
        "{workplaces} workplaces, {sessions} sessions, {excluded} not included.",
    ),
    "overview.overall": ("Den overordnede formulering", "The overall formulation"),
    "overview.sentences": ("Sætningerne side om side", "The sentences side by side"),
    "overview.workplace": ("Arbejdsplads", "Workplace"),
    "overview.sentence": ("Seneste fastgjorte sætning", "Latest pinned sentence"),
    "overview.versions": ("Versioner", "Versions"),
    "overview.no_sentence": ("(ingen sætning fastgjort)", "(no sentence pinned)"),
    "overview.totals": ("På tværs af arbejdspladserne", "Across the workplaces"),
    "overview.totals.note": (
        "Kun svar, som hver arbejdsplads selv viser, er lagt sammen; sessioner med for få svar "
        "er talt som udeladt.",
        "Only answers each workplace shows itself are added up; sessions with too few answers "
        "are counted as left out.",
    ),
    "overview.round.0": ("Dagen", "The day"),
    "overview.round.n": ("Opfølgning {n}", "Follow-up {n}"),
    "overview.statement": ("Udsagn", "Statement"),
    "overview.session": ("Session", "Session"),
    "overview.distribution": ("Fordeling 1–5", "Distribution 1–5"),
    "overview.mean": ("Gennemsnit", "Mean"),
    "overview.change": ("Ændring fra dagen", "Change from the day"),
    "overview.included": ("Med", "Included"),
    "overview.left_out": ("Udeladt (for få svar)", "Left out (too few answers)"),
    "overview.too_few": (
        "for få svar ({n} af mindst {least})",
        "too few answers ({n} of at least {least})",
    ),
    "overview.date": ("Dato", "Date"),
    "overview.plan": ("Plan", "Plan"),
    "overview.participants": ("Deltagere", "Participants"),
    "overview.file": ("Arkiv", "Archive"),
    "overview.alone": (
        "Denne opfølgning bygger på {name}, som ikke er blandt arkiverne; den vises alene.",
        "This follow-up builds on {name}, which is not among the archives; it is shown alone.",
    ),
    "overview.scales": ("Skalaer", "Scales"),
    "overview.trend": ("Udvikling", "Trend"),
    "overview.agreements": ("Aftaler", "Agreements"),
    "overview.what": ("Hvad", "What"),
    "overview.who": ("Hvem", "Who"),
    "overview.when": ("Hvornår", "When"),
    "overview.status": ("Seneste status", "Latest status"),
    "overview.not_reviewed": ("ikke fulgt op", "not followed up"),
    "overview.parked": ("Parkerede punkter", "Parked items"),
    "overview.open": ("Stadig åbne spørgsmål", "Questions still open"),
    "overview.excluded": ("Ikke med", "Not included"),
    "overview.none": ("Ingen.", "None."),
    "overview.statuses": ("Aftalernes seneste status", "The agreements' latest status"),
    "overview.status.unknown": ("ikke vist", "not shown"),
    "overview.unanswered": ("ikke besvaret", "not answered"),
}
