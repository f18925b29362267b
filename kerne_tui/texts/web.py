"""Catalog entries for the phone page and the phone API: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
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
        "Tiden er gået, så trinnet er lukket, og der kan ikke sendes mere. "
        "Vent på, at facilitatoren går videre.",
        "Time is up, so this step is closed and nothing more can be sent. "
        "Wait for the facilitator to move on.",
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
        "Der er intet at stemme om endnu: det trin, forslagene kommer fra, har ingen svar. "
        "Vent på, at facilitatoren går videre.",
        "There is nothing to vote on yet: the step the proposals come from has no answers. "
        "Wait for the facilitator to move on.",
    ),
    "web.options.none": (
        "Der er intet at tage stilling til endnu: det trin, forslagene kommer fra, har ingen "
        "svar. Vent på, at facilitatoren går videre.",
        "There is nothing to answer yet: the step the proposals come from has no answers. "
        "Wait for the facilitator to move on.",
    ),
    "web.rank.none": (
        "Der er intet at rangere endnu: det trin, forslagene kommer fra, har ingen svar. "
        "Vent på, at facilitatoren går videre.",
        "There is nothing to rank yet: the step the proposals come from has no answers. "
        "Wait for the facilitator to move on.",
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
    "web.action.evidence": (
        "Hvordan ser vi, at det virkede? (frivilligt)",
        "How will we see that it worked? (optional)",
    ),
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
    # --- the phone API ------------------------------------------------------------------
    "web.error.busy": (
        "Der er for mange forbindelser lige nu. Siden prøver igen af sig selv.",
        "There are too many connections right now. The page tries again by itself.",
    ),
    # --- the phone page, later additions --------------------------------------------------
    "web.pinned": ("Vores sætning indtil videre", "Our sentence so far"),
    "web.pinned_earlier": ("Vores sætning fra dagen", "Our sentence from the day"),
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
    "web.cap_reached": (
        "Du har sendt {n} af {total}. Vil du skrive et nyt, så fortryd et af dem herunder.",
        "You have sent {n} of {total}. To write a new one, retract one of them below.",
    ),
    "web.scale.mine": ("{statement} Dit svar: {value}.", "{statement} Your answer: {value}."),
}
