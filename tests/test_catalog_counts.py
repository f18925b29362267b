"""Every count in the catalog reads right for 0, 1 and 2, in Danish and in English.

A count is said with a ``.one`` entry for exactly one and a ``.many`` entry (or the plain entry)
for every other number, chosen by ``catalog.counted`` as the callers do, so that "1 skjult" and
"2 skjulte" both come out right. The table below names the noun forms people must read, and
every count in ``kerne_tui/texts`` must be in it.
"""

from __future__ import annotations

import pytest

from kerne_tui.catalog import CATALOG, Lang, counted

# key, the entry used for every number but one, the field that carries the number, extra
# fields, and the text expected for 0, 1 and 2 in Danish and in English.
COUNTS: list[tuple[str, str, dict[str, object], tuple[str, str, str], tuple[str, str, str]]] = [
    (
        "tui.hidden_count",
        "n",
        {},
        ("0 skjulte", "1 skjult", "2 skjulte"),
        ("0 hidden", "1 hidden", "2 hidden"),
    ),
    (
        "tui.answered",
        "n",
        {},
        ("0 har svaret", "1 har svaret", "2 har svaret"),
        ("0 have answered", "1 has answered", "2 have answered"),
    ),
    (
        "tui.unit.dots",
        "n",
        {},
        ("0 prikker", "1 prik", "2 prikker"),
        ("0 dots", "1 dot", "2 dots"),
    ),
    (
        "tui.unit.points",
        "n",
        {},
        ("0 point", "1 point", "2 point"),
        ("0 points", "1 point", "2 points"),
    ),
    (
        "tui.unit.people",
        "n",
        {},
        ("0 personer", "1 person", "2 personer"),
        ("0 people", "1 person", "2 people"),
    ),
    (
        "tui.scale.mean",
        "n",
        {"mean": "3,5"},
        ("gns. 3,5 · 0 svar", "gns. 3,5 · 1 svar", "gns. 3,5 · 2 svar"),
        ("mean 3,5 · 0 answers", "mean 3,5 · 1 answer", "mean 3,5 · 2 answers"),
    ),
    (
        "archive.step.hidden",
        "n",
        {},
        ("0 skjulte og udeladte", "1 skjult og udeladt", "2 skjulte og udeladte"),
        ("0 hidden and left out", "1 hidden and left out", "2 hidden and left out"),
    ),
    (
        "archive.step.respondents",
        "n",
        {},
        ("0 svarede", "1 svarede", "2 svarede"),
        ("0 people answered", "1 person answered", "2 people answered"),
    ),
    (
        "archive.step.received",
        "n",
        {},
        ("0 bidrag", "1 bidrag", "2 bidrag"),
        ("0 contributions", "1 contribution", "2 contributions"),
    ),
    (
        "archive.unit.dots",
        "n",
        {},
        ("0 prikker", "1 prik", "2 prikker"),
        ("0 dots", "1 dot", "2 dots"),
    ),
    (
        "archive.unit.points",
        "n",
        {},
        ("0 point", "1 point", "2 point"),
        ("0 points", "1 point", "2 points"),
    ),
    (
        "archive.unit.people",
        "n",
        {},
        ("0 personer", "1 person", "2 personer"),
        ("0 people", "1 person", "2 people"),
    ),
    (
        "archive.anonymity.hidden",
        "n",
        {},
        ("0 bidrag blev skjult", "1 bidrag blev skjult", "2 bidrag blev skjult"),
        ("0 contributions were", "1 contribution was", "2 contributions were"),
    ),
    (
        "archive.anonymity.retracted",
        "n",
        {},
        ("af deltagerne selv", "af deltageren selv", "af deltagerne selv"),
        ("0 contributions were", "1 contribution was", "2 contributions were"),
    ),
    (
        "archive.anonymity.merged",
        "n",
        {},
        ("som andre", "som et andet", "som andre"),
        ("0 contributions said", "1 contribution said", "2 contributions said"),
    ),
    (
        "archive.vote.rule",
        "dots",
        {},
        ("havde 0 prikker", "havde 1 prik", "havde 2 prikker"),
        ("had 0 dots", "had 1 dot", "had 2 dots"),
    ),
    (
        "rehearsal.notice",
        "count",
        {},
        ("0 simulerede telefoner deltager", "1 simuleret telefon deltager", "2 simulerede"),
        ("0 simulated phones take", "1 simulated phone takes", "2 simulated phones take"),
    ),
    (
        "tui.answers.too_few",
        "n",
        {},
        ("mindst 0 har svaret", "mindst 1 har svaret", "mindst 2 har svaret"),
        ("at least 0 have answered", "at least 1 has answered", "at least 2 have answered"),
    ),
    (
        "archive.rank.rule",
        "top",
        {},
        ("giver 0 point", "giver 1 point", "giver 2 point"),
        ("scores 0 points", "scores 1 point", "scores 2 points"),
    ),
    (
        "cli.invalid_plans",
        "count",
        {},
        ("0 planer har fejl.", "1 plan har fejl.", "2 planer har fejl."),
        ("0 plans have mistakes.", "1 plan has mistakes.", "2 plans have mistakes."),
    ),
    (
        "plan.valid.modules",
        "n",
        {},
        ("0 moduler", "1 modul", "2 moduler"),
        ("0 modules", "1 module", "2 modules"),
    ),
    (
        "plan.valid.steps",
        "n",
        {},
        ("0 trin", "1 trin", "2 trin"),
        ("0 steps", "1 step", "2 steps"),
    ),
    (
        "plan.valid.minutes",
        "n",
        {},
        ("0 minutter", "1 minut", "2 minutter"),
        ("0 minutes", "1 minute", "2 minutes"),
    ),
    (
        "refuse.cap",
        "limit",
        {},
        ("sendt 0 bidrag", "sendt 1 bidrag", "sendt 2 bidrag"),
        ("sent 0 contributions", "sent 1 contribution", "sent 2 contributions"),
    ),
    (
        "refuse.option_cap",
        "limit",
        {},
        ("Højst 0 prikker", "Højst 1 prik ", "Højst 2 prikker"),
        ("At most 0 dots", "At most 1 dot ", "At most 2 dots"),
    ),
    (
        "followup.day_answers",
        "n",
        {},
        ("Dagen: 0 svar", "Dagen: 1 svar", "Dagen: 2 svar"),
        ("The day: 0 answers", "The day: 1 answer", "The day: 2 answers"),
    ),
    (
        "followup.comments",
        "n",
        {},
        ("0 kommentarer", "1 kommentar", "2 kommentarer"),
        ("0 comments", "1 comment", "2 comments"),
    ),
    (
        "tui.words.hidden",
        "n",
        {},
        ("0 skjulte ord", "1 skjult ord", "2 skjulte ord"),
        ("0 hidden words", "1 hidden word", "2 hidden words"),
    ),
    (
        "archive.parking.still_open",
        "n",
        {},
        ("0 punkter blev ikke lukket", "1 punkt blev ikke lukket", "2 punkter blev ikke lukket"),
        ("0 items were not closed", "1 item was not closed", "2 items were not closed"),
    ),
    (
        "refuse.rank_count",
        "limit",
        {},
        ("dine 0 vigtigste", "den ene", "dine 2 vigtigste"),
        ("your top 0", "the one", "your top 2"),
    ),
    (
        "cli.delete.done",
        "n",
        {},
        ("Slettet: 0 filer.", "Slettet: 1 fil.", "Slettet: 2 filer."),
        ("Deleted: 0 files.", "Deleted: 1 file.", "Deleted: 2 files."),
    ),
]


def say(lang: Lang, key: str, field: str, n: int, extra: dict[str, object]) -> str:
    """The text a caller shows for *n*, through the catalog's ``counted`` as callers do."""
    return counted(lang, key, n, field=field, **extra)


@pytest.mark.parametrize(
    ("key", "field", "extra", "danish", "english"),
    COUNTS,
    ids=[row[0] for row in COUNTS],
)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_a_count_reads_right_for_zero_one_and_two(
    key: str,
    field: str,
    extra: dict[str, object],
    danish: tuple[str, str, str],
    english: tuple[str, str, str],
    n: int,
) -> None:
    assert danish[n] in say("da", key, field, n, extra)
    assert english[n] in say("en", key, field, n, extra)


def test_no_count_entry_is_left_without_its_singular() -> None:
    """Every ``.many`` entry has its ``.one``, and so has every entry the table checks."""
    for key in CATALOG:
        if key.endswith(".many"):
            assert key.removesuffix(".many") + ".one" in CATALOG, key
    for key, *_ in COUNTS:
        assert f"{key}.one" in CATALOG, key


# Pairs of ``.one``/``.many`` that say one thing or several, not a number; and argparse's own
# %-formatted count, which argparse chooses itself (tests/test_cli_words.py).
NOT_COUNTS = {"archive.choice.rule", "web.choice", "argparse.expected_n"}


def test_every_count_in_the_catalog_is_in_the_table() -> None:
    """A text with a singular entry is a count, and the table above must say how it reads."""
    checked = {row[0] for row in COUNTS}
    for key in CATALOG:
        if key.endswith(".one"):
            base = key.removesuffix(".one")
            assert base in checked | NOT_COUNTS, f"{base} is a count the table does not check"


def test_no_plain_entry_is_left_beside_its_many() -> None:
    """Where ``.one`` and ``.many`` exist the plain key is dead and must go (callers use both)."""
    for key in CATALOG:
        if key.endswith(".many"):
            assert key.removesuffix(".many") not in CATALOG, key
