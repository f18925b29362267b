"""Catalog entries for refused participant commands: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "refuse.not_started": (
        "Workshoppen er ikke begyndt endnu.",
        "The workshop has not started yet.",
    ),
    "refuse.step_closed": (
        "Trinnet er lukket, så der kan ikke sendes mere. Din tekst er ikke sendt.",
        "This step is closed, so nothing more can be sent. Your text was not sent.",
    ),
    "refuse.step_closed_answer": (
        "Trinnet er lukket, så der kan ikke sendes mere. Dit svar er ikke sendt.",
        "This step is closed, so nothing more can be sent. Your answer was not sent.",
    ),
    "refuse.retract_closed": (
        "Trinnet er lukket, så det, du sendte, kan ikke længere fortrydes.",
        "This step is closed, so what you sent can no longer be taken back.",
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
    "refuse.cap.one": (
        "Du har allerede sendt 1 bidrag til dette trin. Fortryd det for at sende et nyt.",
        "You have already sent 1 contribution to this step. Retract it to send another.",
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
    "refuse.option_cap.one": (
        "Højst 1 prik på samme valgmulighed.",
        "At most 1 dot on the same option.",
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
    "refuse.rank_count.one": (
        "Vælg den ene, der er vigtigst for dig.",
        "Choose the one that matters most to you.",
    ),
    "refuse.action_what": ("Skriv, hvad der skal gøres.", "Write what is to be done."),
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
    "refuse.no_agreements": (
        "Der er ingen aftaler fra dagen at gennemgå.",
        "There are no agreements from the day to review.",
    ),
    "refuse.review_status": (
        "Vælg en status: gjort, i gang, ikke begyndt eller opgivet.",
        "Choose a status: done, under way, not started or dropped.",
    ),
    "refuse.review_none": (
        "Giv mindst én aftale en status.",
        "Give at least one agreement a status.",
    ),
}
