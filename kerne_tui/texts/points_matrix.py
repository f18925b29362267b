"""Catalog entries of the points and matrix step kinds, every room's: key -> (Danish, English).

Kept together so that the two kinds' wording reads as one: the plan's messages, the refusals,
the phone's form, the wall and the report.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "kind.points": ("Point at fordele", "Points to share out"),
    "kind.matrix": ("Matrix 2x2", "2x2 matrix"),
    # --- the plan file ---
    "plan.err.max_int": (
        "må højst være {maximum}, men er {value}",
        "must be at most {maximum}, but is {value}",
    ),
    "plan.err.options_max": (
        "må højst have {maximum} valgmuligheder (der er {count}), så matrixen kan læses",
        "may have at most {maximum} options (there are {count}), so the matrix stays readable",
    ),
    # --- refused answers ---
    "refuse.points_value": (
        "Pointene skal være hele tal fra 0 og opefter.",
        "Points must be whole numbers from 0 up.",
    ),
    "refuse.points_none": ("Giv mindst ét point.", "Give at least one point."),
    "refuse.points_over": (
        "For mange point: du har {limit} i alt og har givet {given}.",
        "Too many points: you have {limit} in all and gave {given}.",
    ),
    "refuse.matrix_value": (
        "Placér hver mulighed med to tal fra 1 til 5.",
        "Place each option with two numbers from 1 to 5.",
    ),
    "refuse.matrix_missing": (
        "Placér alle muligheder, før du sender.",
        "Place every option before you send.",
    ),
    # --- the phone ---
    "web.points.help": (
        "Fordel op til {budget} point mellem mulighederne. Flest point til det, der betyder mest.",
        "Share out up to {budget} points over the options. Most points to what matters most.",
    ),
    "web.points.left": ("Point tilbage: {n} af {total}", "Points left: {n} of {total}"),
    "web.points.count": ("Point til {label}", "Points for {label}"),
    "web.points.given": ("{n} point", "{n} points"),
    "web.matrix.help": (
        "Placér hver mulighed: først {y}, så {x}, fra 1 til 5.",
        "Place each option: first {y}, then {x}, from 1 to 5.",
    ),
    "web.matrix.low": ("Lav", "Low"),
    "web.matrix.high": ("Høj", "High"),
    # --- the report ---
    "archive.points.average": ("Gennemsnit", "Average"),
    "archive.points.rule": (
        "Hver deltager fordelte op til {budget} point. Gennemsnittet er pr. deltager, der svarede.",
        "Each participant shared out up to {budget} points. The average is per participant who answered.",
    ),
    "archive.points.figure": (
        "{label}: {total} point i alt, {average} i gennemsnit",
        "{label}: {total} points in all, {average} on average",
    ),
    "archive.value.points": ("{n} point til {label}", "{n} points to {label}"),
    "archive.matrix.quadrant": ("Felt", "Quadrant"),
    "archive.matrix.middle": ("midt på", "in the middle"),
    "archive.matrix.mean_spread": ("{mean} ± {sd}", "{mean} ± {sd}"),
    "archive.matrix.rule": (
        "Begge akser går fra 1 til 5: {x} fra {x_low} til {x_high}, {y} fra {y_low} til {y_high}."
        " Tallene er gennemsnit ± spredning (standardafvigelse): jo større spredning, jo mere"
        " uenige var deltagerne.",
        "Both axes run from 1 to 5: {x} from {x_low} to {x_high}, {y} from {y_low} to {y_high}."
        " The numbers are average ± spread (standard deviation): the larger the spread, the more"
        " the participants disagreed.",
    ),
    "archive.matrix.figure": (
        "Matrix: {x} vandret, {y} lodret; hver mulighed ved sit gennemsnit med sin spredning.",
        "Matrix: {x} across, {y} up; each option at its average with its spread.",
    ),
    "archive.value.matrix": (
        "{label}: {x_label} {x}, {y_label} {y}",
        "{label}: {x_label} {x}, {y_label} {y}",
    ),
    # --- the wall ---
    "tui.points.value": ("{n} point · gns. {average}", "{n} points · avg {average}"),
    "tui.matrix.ends": ("1 = {low}  5 = {high}", "1 = {low}  5 = {high}"),
}
