"""Catalog entries for plan validation and the types it names: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
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
        "{path}: gyldig ({modules}, {steps}, {minutes})",
        "{path}: valid ({modules}, {steps}, {minutes})",
    ),
    "plan.valid.modules.one": ("1 modul", "1 module"),
    "plan.valid.modules.many": ("{n} moduler", "{n} modules"),
    "plan.valid.steps.one": ("1 trin", "1 step"),
    "plan.valid.steps.many": ("{n} trin", "{n} steps"),
    "plan.valid.minutes.one": ("1 minut", "1 minute"),
    "plan.valid.minutes.many": ("{n} minutter", "{n} minutes"),
    "type.string": ("tekst", "text"),
    "type.integer": ("et heltal", "a whole number"),
    "type.number": ("et tal", "a number"),
    "type.boolean": ("true eller false", "true or false"),
    "type.list": ("en liste", "a list"),
    "type.list_of_strings": ("en liste af tekster", "a list of texts"),
    "type.table": ("en tabel", "a table"),
    "type.list_of_tables": ("en liste af tabeller ([[...]])", "a list of tables ([[...]])"),
    "plan.own.in_both": (
        "Navnet '{name}' findes både blandt de indbyggede planer og dine egne ({path}); "
        "giv din egen plan et andet navn, eller angiv stien til filen.",
        "The name '{name}' is both a built-in plan and one of your own ({path}); give your own "
        "plan another name, or give the path of the file.",
    ),
    "plan.own.bad_name": (
        "Et navn skal være små bogstaver, tal og bindestreger, fx 'solsikken-dagen'.",
        "A name is lowercase letters, digits and hyphens, for example 'solsikken-day'.",
    ),
    "plan.own.builtin_name": (
        "Det navn har en indbygget plan allerede; vælg et andet.",
        "A built-in plan already has that name; choose another.",
    ),
    "plan.own.exists": (
        "Du har allerede en plan med det navn; vælg et andet.",
        "You already have a plan with that name; choose another.",
    ),
    "plan.own.label": ("egen", "own"),
    "plan.err.min_answers": (
        "skal være mindst {least}, men er {value}: med færre svar kan et svar spores til en person",
        "must be at least {least}, but is {value}: with fewer answers, an answer can be traced"
        " to a person",
    ),
}
