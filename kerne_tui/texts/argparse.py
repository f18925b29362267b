"""The command line's own words (argparse's messages): key -> (Danish, English).

The English of each entry is argparse's message exactly as the standard library writes it, so
:mod:`kerne_tui.cli_words` can find the Danish for what argparse asks for. The ``%(name)s`` and
``%s`` fields are filled in by argparse, not by :func:`kerne_tui.catalog.t`.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "argparse.usage": ("brug: ", "usage: "),
    "argparse.error": ("%(prog)s: fejl: %(message)s\n", "%(prog)s: error: %(message)s\n"),
    "argparse.options": ("tilvalg", "options"),
    "argparse.positionals": ("argumenter", "positional arguments"),
    "argparse.help": ("vis denne hjælp, og afslut", "show this help message and exit"),
    "argparse.version": (
        "vis programmets versionsnummer, og afslut",
        "show program's version number and exit",
    ),
    "argparse.required": (
        "disse argumenter skal angives: %s",
        "the following arguments are required: %s",
    ),
    "argparse.one_required": (
        "et af argumenterne %s skal angives",
        "one of the arguments %s is required",
    ),
    "argparse.invalid_choice": (
        "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "argparse.unrecognized": ("ukendte argumenter: %s", "unrecognized arguments: %s"),
    "argparse.argument": (
        "argumentet %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "argparse.invalid_value": (
        "ugyldig værdi (%(type)s): %(value)r",
        "invalid %(type)s value: %(value)r",
    ),
    "argparse.expected_one": ("skal have én værdi", "expected one argument"),
    "argparse.expected_at_most_one": ("må højst have én værdi", "expected at most one argument"),
    "argparse.expected_at_least_one": (
        "skal have mindst én værdi",
        "expected at least one argument",
    ),
    "argparse.expected_n.one": ("skal have %s værdi", "expected %s argument"),
    "argparse.expected_n.many": ("skal have %s værdier", "expected %s arguments"),
    "argparse.ambiguous": (
        "tilvalget %(option)s er flertydigt: det kan være %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "argparse.not_allowed_with": (
        "kan ikke bruges sammen med argumentet %s",
        "not allowed with argument %s",
    ),
    "argparse.ignored_value": (
        "tager ingen værdi, så %r bruges ikke",
        "ignored explicit argument %r",
    ),
    "argparse.cannot_open": (
        "kan ikke åbne '%(filename)s': %(error)s",
        "can't open '%(filename)s': %(error)s",
    ),
    "argparse.unexpected_option": ("uventet tilvalg: %s", "unexpected option string: %s"),
    "argparse.unknown_parser": (
        "ukendt kommando %(parser_name)r (mulige: %(choices)s)",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    ),
}
