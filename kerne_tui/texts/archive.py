"""Catalog entries for the archive area: key -> (Danish, English)."""

_WEEKDAYS = (
    ("mandag", "Monday"),
    ("tirsdag", "Tuesday"),
    ("onsdag", "Wednesday"),
    ("torsdag", "Thursday"),
    ("fredag", "Friday"),
    ("lørdag", "Saturday"),
    ("søndag", "Sunday"),
)
_MONTHS = (
    ("januar", "January"),
    ("februar", "February"),
    ("marts", "March"),
    ("april", "April"),
    ("maj", "May"),
    ("juni", "June"),
    ("juli", "July"),
    ("august", "August"),
    ("september", "September"),
    ("oktober", "October"),
    ("november", "November"),
    ("december", "December"),
)

TEXTS: dict[str, tuple[str, str]] = {
    # --- the command line ----------------------------------------------------------------
    "archive.verified": (
        "Arkivet er i orden: alle filer passer med manifestet ({path}).",
        "The archive is intact: every file matches the manifest ({path}).",
    ),
    "archive.need_session": (
        "Angiv den session, der skal arkiveres (filens sti eller navnet fra 'kerne sessions'), "
        "eller kontrollér et arkiv med --verify ZIP.",
        "Name the session to archive (the file's path or its name from 'kerne sessions'), "
        "or check an archive with --verify ZIP.",
    ),
    # --- kerne sessions ------------------------------------------------------------------
    "archive.status.waiting": ("ikke begyndt", "not started"),
    "archive.status.running": ("i gang", "running"),
    "archive.status.finished": ("afsluttet", "finished"),
    "archive.status.archived": ("arkiveret", "archived"),
    "archive.status.rehearsal": ("{status}, øvelse", "{status}, rehearsal"),
    # --- kerne archive --verify ----------------------------------------------------------
    "archive.verify.missing": ("Arkivet findes ikke: {path}", "The archive does not exist: {path}"),
    "archive.verify.not_zip": (
        "{path} er ikke en zip-fil, eller den er beskadiget ({detail}).",
        "{path} is not a zip file, or it is damaged ({detail}).",
    ),
    "archive.verify.no_manifest": (
        "Arkivet har ingen manifest.json, så indholdet kan ikke kontrolleres.",
        "The archive has no manifest.json, so its contents cannot be checked.",
    ),
    "archive.verify.bad_manifest": (
        "manifest.json kan ikke læses ({detail}).",
        "manifest.json cannot be read ({detail}).",
    ),
    "archive.verify.manifest_changed": (
        "manifest.json er ændret efter arkiveringen: dens egen kontrolsum passer ikke.",
        "manifest.json was changed after archiving: its own checksum does not match.",
    ),
    "archive.verify.member_missing": (
        "{member} står i manifestet, men mangler i arkivet.",
        "{member} is listed in the manifest but missing from the archive.",
    ),
    "archive.verify.member_unreadable": (
        "{member} er beskadiget og kan ikke læses ({detail}).",
        "{member} is damaged and cannot be read ({detail}).",
    ),
    "archive.verify.size": (
        "{member} har en anden størrelse end i manifestet: {actual} bytes, ventet {expected}.",
        "{member} has a different size than in the manifest: {actual} bytes, expected {expected}.",
    ),
    "archive.verify.checksum": (
        "{member} er ændret: indholdet passer ikke med kontrolsummen i manifestet.",
        "{member} was changed: its contents do not match the checksum in the manifest.",
    ),
    "archive.verify.unexpected": (
        "{member} ligger i arkivet, men står ikke i manifestet.",
        "{member} is in the archive but not listed in the manifest.",
    ),
    # --- dates and amounts ---------------------------------------------------------------
    "archive.date.long": ("{weekday} den {day}. {month} {year}", "{weekday} {day} {month} {year}"),
    **{f"archive.weekday.{n}": names for n, names in enumerate(_WEEKDAYS, start=1)},
    **{f"archive.month.{n}": names for n, names in enumerate(_MONTHS, start=1)},
    "archive.minutes": ("{n} min", "{n} min"),
    "archive.time.span": ("kl. {start}–{end}", "{start}–{end}"),
    "archive.time.from": ("fra kl. {start}", "from {start}"),
    # --- the report: first pages ---------------------------------------------------------
    "archive.report.kicker": ("Rapport fra workshoppen", "Workshop report"),
    "archive.report.document_title": ("{title} – rapport", "{title} – report"),
    "archive.rehearsal": (
        "Øvelse: denne session var en prøvekørsel, ikke en rigtig workshop.",
        "Rehearsal: this session was a trial run, not a real workshop.",
    ),
    "archive.unfinished": (
        "Workshoppen var stadig i gang, da rapporten blev lavet (kl. {time}). "
        "Tallene kan have ændret sig siden.",
        "The workshop was still running when this report was made (at {time}). "
        "The figures may have changed since.",
    ),
    "archive.not_started": (
        "Workshoppen var ikke begyndt, da rapporten blev lavet.",
        "The workshop had not started when this report was made.",
    ),
    "archive.fact.phones": ("Deltagende telefoner", "Phones taking part"),
    "archive.fact.contributions": ("Bidrag", "Contributions"),
    "archive.fact.time": ("Tid brugt", "Time spent"),
    "archive.fact.time_value": ("{actual} (planlagt {planned})", "{actual} (planned {planned})"),
    "archive.fact.planned": ("planlagt {planned}", "planned {planned}"),
    "archive.fact.code": ("Kode", "Join code"),
    "archive.core.heading": ("Kerneopgaven", "The core task"),
    "archive.core.working": (
        "Arbejdsversion, fastgjort kl. {time}",
        "Working version, pinned at {time}",
    ),
    "archive.core.versions": (
        "Alle versioner i den rækkefølge, de blev fastgjort",
        "Every version, in the order they were pinned",
    ),
    "archive.core.none": (
        "Der blev ikke fastgjort en formulering af kerneopgaven i denne session.",
        "No wording of the core task was pinned in this session.",
    ),
    "archive.actions.heading": ("Aftaler", "Action items"),
    "archive.actions.what": ("Hvad", "What"),
    "archive.actions.who": ("Hvem", "Who"),
    "archive.actions.when": ("Hvornår", "By when"),
    "archive.actions.step": ("Fra trin", "From step"),
    "archive.actions.evidence": ("Sådan ser vi, at det virkede", "How we will see that it worked"),
    "archive.value.evidence": ("sådan ser vi det: {evidence}", "how we will know: {evidence}"),
    "archive.open.heading": ("Åbne spørgsmål", "Open questions"),
    "archive.open.intro": (
        "Det, der stod tilbage uløst, da sessionen sluttede. Tag det med i opfølgningen, og "
        "stryg det, der blev løst undervejs.",
        "What was left standing, unsettled, when the session ended. Take it into the "
        "follow-up, and strike what was settled on the way.",
    ),
    "archive.open.none": (
        "Der stod ingen åbne spørgsmål tilbage.",
        "No open questions were left standing.",
    ),
    "archive.actions.none": (
        "Der blev ikke skrevet aftaler i denne session.",
        "No action items were written in this session.",
    ),
    "archive.actions.follow_up": (
        "Følg op på aftalerne ved næste personale- eller MED-møde, og stil gerne de samme "
        "skalaspørgsmål igen for at se, om noget har flyttet sig.",
        "Follow up on the action items at the next staff or MED meeting, and ask the same "
        "scale questions again to see whether anything has moved.",
    ),
    "archive.timing.heading": ("Planlagt og brugt tid", "Planned and actual time"),
    "archive.timing.module": ("Modul", "Module"),
    "archive.timing.planned": ("Planlagt", "Planned"),
    "archive.timing.actual": ("Brugt", "Spent"),
    "archive.timing.difference": ("Forskel", "Difference"),
    "archive.timing.total": ("I alt", "Total"),
    "archive.participation.heading": ("Deltagelse pr. trin", "Participation per step"),
    "archive.participation.step": ("Trin", "Step"),
    "archive.participation.kind": ("Type", "Kind"),
    "archive.participation.respondents": ("Svarede", "Answered"),
    "archive.participation.received": ("Bidrag", "Contributions"),
    "archive.participation.hidden": ("Skjult, udeladt", "Hidden, left out"),
    "archive.participation.none": (
        "Planen har ingen trin, hvor deltagerne svarer fra telefonen.",
        "The plan has no steps where participants answer from their phones.",
    ),
    "archive.anonymity.heading": ("Om anonymitet", "About anonymity"),
    "archive.anonymity.body": (
        "Deltagerne svarede anonymt fra deres telefoner. kerne gemmer ingen navne, "
        "IP-adresser eller oplysninger om telefonerne, og arkivet indeholder intet, der kan "
        "koble et bidrag til en telefon, og ingen tidspunkter finere end trinnet. Resultater, "
        "der er tal (afstemninger, skalaer, valg, rangeringer, point og ordskyer), vises kun, "
        "når mindst det antal personer, planen kræver (5, medmindre planen siger andet), har "
        "svaret.",
        "Participants answered anonymously from their phones. kerne stores no names, IP "
        "addresses or details about the phones, and the archive holds nothing that links a "
        "contribution to a phone, and no time finer than the step. Results that are figures "
        "(votes, scales, choices, rankings, points and word clouds) are shown only when at "
        "least as many people as the plan requires (5 unless the plan says otherwise) have "
        "answered.",
    ),
    "archive.anonymity.hidden.one": (
        "1 bidrag blev skjult af facilitatoren og er udeladt her.",
        "1 contribution was hidden by the facilitator and is left out here.",
    ),
    "archive.anonymity.hidden.many": (
        "{n} bidrag blev skjult af facilitatoren og er udeladt her.",
        "{n} contributions were hidden by the facilitator and are left out here.",
    ),
    "archive.anonymity.retracted.one": (
        "1 bidrag blev trukket tilbage af deltageren selv og er udeladt.",
        "1 contribution was taken back by its sender and is left out.",
    ),
    "archive.anonymity.retracted.many": (
        "{n} bidrag blev trukket tilbage af deltagerne selv og er udeladt.",
        "{n} contributions were taken back by their senders and are left out.",
    ),
    "archive.anonymity.merged.one": (
        "1 bidrag sagde det samme som et andet og er lagt sammen med det (vist som ×2).",
        "1 contribution said the same as another and was merged into it (shown as ×2).",
    ),
    "archive.anonymity.merged.many": (
        "{n} bidrag sagde det samme som andre og er lagt sammen med dem (vist som ×2, ×3 …).",
        "{n} contributions said the same as others and were merged into them (shown as ×2, ×3 …).",
    ),
    # --- the report: modules and steps ---------------------------------------------------
    "archive.module": ("Modul {n}", "Module {n}"),
    "archive.time.planned_spent": (
        "Planlagt {planned} · brugt {actual}",
        "Planned {planned} · spent {actual}",
    ),
    "archive.step.respondents.one": ("1 svarede", "1 person answered"),
    "archive.step.respondents.many": ("{n} svarede", "{n} people answered"),
    "archive.step.received.one": ("1 bidrag", "1 contribution"),
    "archive.step.received.many": ("{n} bidrag", "{n} contributions"),
    "archive.step.hidden.one": ("1 skjult og udeladt", "1 hidden and left out"),
    "archive.step.hidden.many": ("{n} skjulte og udeladte", "{n} hidden and left out"),
    "archive.step.no_input.info": (
        "Information til alle; ingen svar fra telefonerne.",
        "Information for everyone; no answers from the phones.",
    ),
    "archive.step.no_input.discuss": (
        "Drøftelse i rummet; ingen svar fra telefonerne.",
        "Discussion in the room; no answers from the phones.",
    ),
    "archive.step.no_answers": ("Ingen svar.", "No answers."),
    "archive.step.withheld": (
        "Resultatet vises ikke: kun {n} svarede, og mindst {minimum} skal svare, "
        "for at ingen kan genkendes.",
        "The result is not shown: only {n} answered, and at least {minimum} must answer "
        "so that no one can be recognised.",
    ),
    "archive.weight": ("×{n}", "×{n}"),
    "archive.weight.title": ("{n} ens bidrag lagt sammen", "{n} matching contributions merged"),
    "archive.chart.option": ("Mulighed", "Option"),
    "archive.chart.dots": ("Prikker", "Dots"),
    "archive.chart.points": ("Point", "Points"),
    "archive.chart.chosen": ("Valgt af", "Chosen by"),
    "archive.chart.people": ("Personer", "People"),
    "archive.chart.share": ("Andel", "Share"),
    "archive.chart.percent": ("{n} %", "{n}%"),
    "archive.unit.dots.one": ("1 prik", "1 dot"),
    "archive.unit.dots.many": ("{n} prikker", "{n} dots"),
    "archive.unit.points.one": ("1 point", "1 point"),
    "archive.unit.points.many": ("{n} point", "{n} points"),
    "archive.unit.people.one": ("1 person", "1 person"),
    "archive.unit.people.many": ("{n} personer", "{n} people"),
    "archive.vote.rule": (
        "Hver deltager havde {dots} prikker at fordele.",
        "Each participant had {dots} dots to place.",
    ),
    "archive.vote.rule.one": (
        "Hver deltager havde 1 prik at sætte.",
        "Each participant had 1 dot to place.",
    ),
    "archive.rank.rule": (
        "Hver persons nummer 1 giver {top} point, nummer 2 ét point mindre, og så videre.",
        "Each person's first choice scores {top} points, the second one point less, and so on.",
    ),
    "archive.rank.rule.one": (
        "Hver person valgte sin nummer 1, som giver 1 point.",
        "Each person chose their first choice, which scores 1 point.",
    ),
    "archive.choice.rule.one": (
        "Hver deltager valgte én mulighed.",
        "Each participant chose one option.",
    ),
    "archive.choice.rule.many": (
        "Deltagerne kunne vælge flere muligheder; andelen er af dem, der svarede.",
        "Participants could choose several options; the share is of those who answered.",
    ),
    "archive.scale.statement": ("Udsagn", "Statement"),
    "archive.scale.answers": ("Svar", "Answers"),
    "archive.scale.mean": ("Gennemsnit", "Average"),
    "archive.scale.ends": ("1 = {low}, 5 = {high}", "1 = {low}, 5 = {high}"),
    "archive.scale.distribution": (
        "Fordeling på 1 til 5: {counts}",
        "Spread over 1 to 5: {counts}",
    ),
    "archive.footer": (
        "Lavet med kerne {version} {date} kl. {time}.",
        "Made with kerne {version} on {date} at {time}.",
    ),
    # --- contributions.csv ---------------------------------------------------------------
    "archive.csv.id": ("Id", "Id"),
    "archive.csv.module": ("Modul", "Module"),
    "archive.csv.step": ("Trin", "Step"),
    "archive.csv.kind": ("Type", "Kind"),
    "archive.csv.value": ("Tekst eller værdi", "Text or value"),
    "archive.csv.time": ("Tidspunkt", "Time"),
    "archive.csv.hidden": ("Skjult", "Hidden"),
    "archive.csv.merged_into": ("Lagt sammen med", "Merged into"),
    "archive.csv.yes": ("ja", "yes"),
    "archive.csv.no": ("nej", "no"),
    "archive.value.dots": ("{n} × {label}", "{n} × {label}"),
    "archive.value.scale": ("{value}: {statement}", "{value}: {statement}"),
    "archive.value.place": ("{place}. {label}", "{place}. {label}"),
    "archive.value.who": ("hvem: {who}", "who: {who}"),
    "archive.value.when": ("hvornår: {when}", "by when: {when}"),
    "archive.csv.withheld": (
        "(holdt tilbage: færre end {minimum} svarede)",
        "(held back: fewer than {minimum} answered)",
    ),
    "archive.questions.held": (
        "Støtten vises ikke: færre end {minimum} deltog i trinnet. Spørgsmålene står i "
        "alfabetisk rækkefølge.",
        "The upvotes are not shown: fewer than {minimum} took part in the step. The questions "
        "are in alphabetical order.",
    ),
}
