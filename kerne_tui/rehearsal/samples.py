"""What simulated participants write: plausible answers in Danish and English, by theme.

These are sample data for rehearsals, not interface text, so they live here and not in the
catalog. Each theme holds a Danish and an English list of the same length and meaning.
"""

from __future__ import annotations

from typing import Final

Texts = tuple[tuple[str, ...], tuple[str, ...]]
"""(Danish, English) sample texts of one theme."""

TASK: Final[Texts] = (
    (
        "At børnene trives og lærer noget hver dag, også de børn, der har det svært.",
        "Vi skaber trygge rammer, så borgeren kan klare mest muligt selv.",
        "Vi hjælper familierne med at få hverdagen til at hænge sammen.",
        "At eleverne går herfra med lyst til at lære mere.",
        "Vi giver borgeren den hjælp, der er brug for, på det rigtige tidspunkt.",
        "Vi ser det enkelte barn og tager udgangspunkt i det, barnet kan.",
        "Vi bruger meget tid på dokumentation, men det er børnene, vi er her for.",
        "At de ældre kan blive boende i eget hjem og leve et liv, de selv synes er godt.",
        "Vi arbejder for, at ingen falder mellem to stole.",
        "Vi styrker børnenes sprog og fællesskaber, før de starter i skole.",
        "At borgeren oplever at blive mødt med respekt, også når svaret er nej.",
        "Jeg tror, vi laver forebyggelse, men vi bruger mest tid på brandslukning.",
    ),
    (
        "That the children thrive and learn something every day, including those who struggle.",
        "We create safe surroundings so that citizens can manage as much as possible themselves.",
        "We help families make everyday life hold together.",
        "That pupils leave us wanting to learn more.",
        "We give citizens the help they need at the right time.",
        "We see each child and start from what the child can do.",
        "We spend a lot of time on paperwork, but it is the children we are here for.",
        "That older people can stay in their own homes and live a life they think is good.",
        "We work so that nobody falls through the cracks.",
        "We strengthen the children's language and friendships before they start school.",
        "That citizens feel met with respect, even when the answer is no.",
        "I think we do prevention, but we spend most of our time putting out fires.",
    ),
)

SENTENCE: Final[Texts] = (
    (
        "Vi skaber trivsel, læring og udvikling for alle børn i fællesskab med forældrene.",
        "Vi hjælper borgeren til et selvstændigt liv med så lidt hjælp som muligt og så meget "
        "som nødvendigt.",
        "Vi giver hvert barn en tryg hverdag, hvor det bliver set, hørt og udfordret.",
        "Sammen med borgeren finder vi de løsninger, der gør en forskel i borgerens eget liv.",
        "Vi ruster eleverne til at tage del i fællesskabet og til at lære hele livet.",
        "Vi sikrer, at familier får den rette hjælp i tide, så problemerne ikke vokser.",
        "Vi er her for, at børnene trives og lærer, og for at forældrene har tillid til os.",
        "Vi styrker borgerens mestring, så flere kan klare hverdagen selv.",
        "Alle børn skal have lige muligheder for at lykkes, uanset hvor de kommer fra.",
        "Vi møder borgeren med faglighed og respekt og arbejder sammen på tværs for "
        "borgerens skyld.",
    ),
    (
        "We create well-being, learning and development for every child, together with the "
        "parents.",
        "We help citizens towards an independent life, with as little help as possible and as "
        "much as necessary.",
        "We give every child a safe everyday life where it is seen, heard and challenged.",
        "Together with citizens we find the solutions that make a difference in their own lives.",
        "We prepare pupils to take part in the community and to keep learning all their lives.",
        "We make sure families get the right help in time, so that problems do not grow.",
        "We are here so that the children thrive and learn, and so that parents trust us.",
        "We strengthen citizens' ability to cope, so that more can manage everyday life alone.",
        "Every child should have an equal chance to succeed, wherever they come from.",
        "We meet citizens with professional skill and respect, and work together across teams "
        "for their sake.",
    ),
)

PARKING: Final[Texts] = (
    (
        "Hvornår får vi en afklaring på den nye vagtplan?",
        "Normeringen om eftermiddagen hænger ikke sammen med det, vi bliver bedt om.",
        "Hvem tager sig af overgangen fra vuggestue til børnehave?",
        "Vi mangler en fælles praksis for forældresamtaler.",
        "Det nye IT-system tager for meget tid. Kan vi få hjælp?",
        "Hvordan inddrager vi vikarerne i det, vi beslutter i dag?",
        "Hvad sker der med budgettet til næste år?",
        "Kan vi tale om, hvordan vi bruger personalemøderne?",
        "Sygefraværet presser os. Hvad gør vi ved det?",
        "Vi skal have styr på, hvem der må hvad, når det gælder persondata.",
    ),
    (
        "When will the new rota be settled?",
        "Staffing in the afternoons does not match what we are asked to do.",
        "Who takes care of the move from nursery to kindergarten?",
        "We lack a shared practice for meetings with parents.",
        "The new IT system takes too much time. Can we get help?",
        "How do we involve the temporary staff in what we decide today?",
        "What happens to next year's budget?",
        "Can we talk about how we use our staff meetings?",
        "Sick leave is putting us under pressure. What do we do about it?",
        "We need to be clear about who may do what with personal data.",
    ),
)

MISSING: Final[Texts] = (
    (
        "Forældrene mangler i sætningen. Vi kan ikke gøre det alene.",
        "Der står ikke noget om fællesskabet, kun om det enkelte barn.",
        "Ordet »alle« lover mere, end vi kan holde med den normering, vi har.",
        "Jeg kan ikke stå inde for »så lidt hjælp som muligt«. Det lyder som en spareøvelse.",
        "Sætningen siger ikke noget om, hvad vi faktisk gør anderledes i morgen.",
        "Borgerens egen stemme mangler.",
        "Den er for lang. Ingen kan huske den.",
        "Jeg savner læring. Trivsel alene er ikke nok.",
        "Det er uklart, hvem »vi« er: huset, teamet eller hele forvaltningen?",
        "Jeg kan godt stå inde for den, men kun hvis vi også taler om, hvad vi holder op med.",
    ),
    (
        "The parents are missing from the sentence. We cannot do it alone.",
        "It says nothing about the community, only about the individual child.",
        "The word 'every' promises more than we can keep with the staffing we have.",
        "I cannot stand behind 'as little help as possible'. It sounds like cost-cutting.",
        "The sentence does not say what we will actually do differently tomorrow.",
        "The citizen's own voice is missing.",
        "It is too long. Nobody will remember it.",
        "I miss learning. Well-being alone is not enough.",
        "It is unclear who 'we' are: this house, the team or the whole department?",
        "I can stand behind it, but only if we also talk about what we stop doing.",
    ),
)

OFF_THE_FIELD: Final[Texts] = (
    (
        "Dobbeltregistrering i to systemer",
        "Møder uden dagsorden",
        "Lange mailtråde om praktiske ting",
        "At lede efter vikarer om morgenen",
        "Skemaer, som ingen læser bagefter",
        "Indkøb og bestilling af materialer",
        "Oprydning efter andre grupper",
        "At skrive den samme besked til forældrene i tre kanaler",
        "Kørsel mellem matriklerne",
        "Statusrapporter til forvaltningen hver måned",
        "At vente på svar fra IT-support",
        "Dokumentation af ting, vi allerede har dokumenteret",
    ),
    (
        "Registering the same thing in two systems",
        "Meetings without an agenda",
        "Long email threads about practical matters",
        "Looking for temporary staff in the morning",
        "Forms that nobody reads afterwards",
        "Ordering and buying materials",
        "Tidying up after other groups",
        "Writing the same message to parents in three channels",
        "Driving between our sites",
        "Monthly status reports to the administration",
        "Waiting for answers from IT support",
        "Documenting things we have already documented",
    ),
)

IDEAS: Final[Texts] = (
    (
        "Fem minutter på hvert personalemøde til et eksempel på kerneopgaven i praksis.",
        "Vi ringer til hinanden i stedet for at skrive lange mails.",
        "Fast overlap på ti minutter mellem dag- og aftenvagt.",
        "En kollega fra et andet team følger med en dag hvert kvartal.",
        "Vi siger det højt, når en opgave ligger uden for banen.",
        "Sætningen hænger på tavlen i personalerummet, og vi bruger den, når vi prioriterer.",
        "Vi spørger borgeren, hvad der gav mening, og fortæller det videre på mødet.",
        "Vi stopper med at registrere det samme to steder.",
        "En makkerordning for nye kolleger de første tre måneder.",
        "Vi afslutter hvert møde med: Hvem gør hvad til næste gang?",
    ),
    (
        "Five minutes at every staff meeting for an example of the core task in practice.",
        "We call each other instead of writing long emails.",
        "A fixed ten-minute overlap between the day and evening shifts.",
        "A colleague from another team joins us for a day every quarter.",
        "We say it out loud when a task is off the field.",
        "The sentence hangs on the board in the staff room, and we use it to set priorities.",
        "We ask citizens what made a difference and pass it on at the meeting.",
        "We stop registering the same thing in two places.",
        "A buddy scheme for new colleagues for their first three months.",
        "We end every meeting with: who does what before next time?",
    ),
)

CHECKOUT: Final[Texts] = (
    (
        "At vi er mere enige, end jeg troede.",
        "Lyst til at tale mere med kollegerne om, hvorfor vi gør, som vi gør.",
        "En sætning, jeg faktisk kan bruge i morgen.",
        "At uenighed ikke er farlig, når vi taler om den.",
        "Jeg er spændt på, om aftalerne holder.",
        "Mere ro på, fordi vi har sagt højt, hvad der tager tiden.",
        "At børnene skal fylde mere på vores møder.",
        "Tak for en god snak. Jeg håber, vi følger op.",
        "At vi skal huske borgerens stemme.",
        "Jeg tager en opgave med hjem, som jeg gerne vil droppe.",
    ),
    (
        "That we agree more than I thought.",
        "A wish to talk more with colleagues about why we do what we do.",
        "A sentence I can actually use tomorrow.",
        "That disagreement is not dangerous when we talk about it.",
        "I am curious whether the agreements will hold.",
        "More calm, because we said out loud what takes our time.",
        "That the children should take up more room at our meetings.",
        "Thanks for a good talk. I hope we follow up.",
        "That we must remember the citizen's voice.",
        "I am taking home a task I would like to drop.",
    ),
)

ACTION_WHAT: Final[Texts] = (
    (
        "Lave en fælles skabelon til forældresamtaler",
        "Afskaffe dobbeltregistreringen i omsorgssystemet",
        "Sætte kerneopgaven på dagsordenen til hvert personalemøde",
        "Aftale faste tider for overlap mellem vagterne",
        "Spørge ti borgere, hvad der hjælper dem mest",
        "Rydde op i mailinglisterne, så færre får mails, de ikke skal bruge",
        "Lave en makkerordning for nye kolleger",
        "Tage parkeringspladsens punkt om normering op i MED-udvalget",
        "Hænge arbejdsversionen op i personalerummet og på kontoret",
        "Afprøve korte stå-op-møder om morgenen i fire uger",
    ),
    (
        "Make a shared template for meetings with parents",
        "Stop registering the same thing twice in the care system",
        "Put the core task on the agenda of every staff meeting",
        "Agree fixed times for the overlap between shifts",
        "Ask ten citizens what helps them most",
        "Tidy up the mailing lists so fewer people get emails they do not need",
        "Set up a buddy scheme for new colleagues",
        "Take the parking lot item on staffing to the works council",
        "Put up the working version in the staff room and the office",
        "Try short stand-up meetings in the morning for four weeks",
    ),
)

ACTION_WHO: Final[Texts] = (
    (
        "Teamlederen",
        "Lene og Morten",
        "Pædagogerne i Solsikken",
        "Arbejdsmiljørepræsentanten",
        "Afdelingslederen",
        "Tillidsrepræsentanten",
        "Hele personalegruppen",
        "Karim",
        "Den faglige koordinator",
        "Mette fra administrationen",
    ),
    (
        "The team leader",
        "Lene and Morten",
        "The staff in the Sunflower group",
        "The health and safety representative",
        "The head of department",
        "The union representative",
        "The whole staff group",
        "Karim",
        "The professional coordinator",
        "Mette from the office",
    ),
)

ACTION_WHEN: Final[Texts] = (
    (
        "Inden næste personalemøde",
        "Uge 12",
        "Inden 1. marts",
        "Før sommerferien",
        "Om fire uger",
        "Til MED-mødet i april",
        "Senest 15. maj",
        "Fra i morgen",
    ),
    (
        "Before the next staff meeting",
        "Week 12",
        "By 1 March",
        "Before the summer holidays",
        "In four weeks",
        "At the works council meeting in April",
        "By 15 May",
        "Starting tomorrow",
    ),
)

ACTION_EVIDENCE: Final[Texts] = (
    (
        "Møderne slutter til tiden",
        "Alle kender skabelonen og bruger den",
        "Forældrene får svar inden for to dage",
        "Vi har talt om det på tre personalemøder",
        "Færre mails om aftenen",
        "Overleveringen tager under ti minutter",
    ),
    (
        "The meetings end on time",
        "Everyone knows the template and uses it",
        "Parents get an answer within two days",
        "We have discussed it at three staff meetings",
        "Fewer emails in the evening",
        "The handover takes under ten minutes",
    ),
)

MOOD_WORDS: Final[Texts] = (
    (
        "nysgerrig",
        "spændt",
        "træt",
        "skeptisk",
        "håbefuld",
        "glad",
        "forventningsfuld",
        "presset",
        "rolig",
        "klar",
        "undrende",
        "åben",
    ),
    (
        "curious",
        "excited",
        "tired",
        "sceptical",
        "hopeful",
        "glad",
        "expectant",
        "pressed",
        "calm",
        "ready",
        "wondering",
        "open",
    ),
)

QUESTIONS: Final[Texts] = (
    (
        "Hvordan følger topledelsen op på, om målene når ud i praksis?",
        "Hvornår kommer der en afklaring på budgettet for næste år?",
        "Hvad forventer I konkret af os institutionsledere det næste halve år?",
        "Hvordan får vi tid til faglig ledelse ved siden af driften?",
        "Hvem beslutter, hvilke indsatser vi stopper med?",
        "Kan chefen komme ud i institutionerne oftere?",
        "Hvordan bliver vi inddraget, før beslutningerne er truffet?",
        "Hvad sker der, når et mål ikke bliver nået?",
    ),
    (
        "How does top management follow up on whether the goals reach practice?",
        "When will next year's budget be settled?",
        "What exactly do you expect of us institution leaders in the next six months?",
        "How do we find time for professional leadership beside the daily running?",
        "Who decides which efforts we stop?",
        "Could the director come out to the institutions more often?",
        "How are we involved before the decisions are made?",
        "What happens when a goal is not met?",
    ),
)

REVIEW_COMMENT: Final[Texts] = (
    (
        "Det kom godt i gang, men gik i stå i december.",
        "Vi har gjort det to gange nu, og det virker.",
        "Ingen har haft tid, fordi vi manglede folk.",
        "Den skal gøres mindre, så den kan nås.",
        "Jeg ved ikke, hvem der havde den.",
        "Forældrene tog godt imod det.",
        "Vi glemmer den, når der er travlt.",
    ),
    (
        "It got off to a good start, but stalled in December.",
        "We have done it twice now, and it works.",
        "Nobody has had time, because we were short of staff.",
        "It needs to be made smaller, so that we can get it done.",
        "I do not know who had it.",
        "The parents welcomed it.",
        "We forget it when things get busy.",
    ),
)

ALL_THEMES: Final[dict[str, Texts]] = {
    "task": TASK,
    "sentence": SENTENCE,
    "parking": PARKING,
    "missing": MISSING,
    "off_the_field": OFF_THE_FIELD,
    "ideas": IDEAS,
    "checkout": CHECKOUT,
    "mood_words": MOOD_WORDS,
    "questions": QUESTIONS,
    "action_what": ACTION_WHAT,
    "action_who": ACTION_WHO,
    "action_when": ACTION_WHEN,
    "action_evidence": ACTION_EVIDENCE,
    "review_comment": REVIEW_COMMENT,
}
