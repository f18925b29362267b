"""Every count in the catalog reads right for 0, 1 and 2, in Danish and in English.

A count is said with a ``.one`` entry for exactly one and the plain entry (tui) or a ``.many``
entry (archive, the ``.one``/``.many`` pairs) for every other number, so that "1 skjult" and
"2 skjulte" both come out right. The table below names the noun forms people must read.
"""

from __future__ import annotations

import pytest

from kerne_tui.catalog import CATALOG, t

# key, the entry used for every number but one, the field that carries the number, extra
# fields, and the text expected for 0, 1 and 2 in Danish and in English.
COUNTS: list[
    tuple[str, str, str, dict[str, object], tuple[str, str, str], tuple[str, str, str]]
] = [
    (
        "tui.hidden_count",
        ".many",
        "n",
        {},
        ("0 skjulte", "1 skjult", "2 skjulte"),
        ("0 hidden", "1 hidden", "2 hidden"),
    ),
    (
        "tui.answered",
        "",
        "n",
        {},
        ("0 har svaret", "1 har svaret", "2 har svaret"),
        ("0 have answered", "1 has answered", "2 have answered"),
    ),
    (
        "tui.unit.dots",
        "",
        "n",
        {},
        ("0 prikker", "1 prik", "2 prikker"),
        ("0 dots", "1 dot", "2 dots"),
    ),
    (
        "tui.unit.points",
        "",
        "n",
        {},
        ("0 point", "1 point", "2 point"),
        ("0 points", "1 point", "2 points"),
    ),
    (
        "tui.unit.people",
        "",
        "n",
        {},
        ("0 personer", "1 person", "2 personer"),
        ("0 people", "1 person", "2 people"),
    ),
    (
        "tui.scale.mean",
        "",
        "n",
        {"mean": "3,5"},
        ("gns. 3,5 · 0 svar", "gns. 3,5 · 1 svar", "gns. 3,5 · 2 svar"),
        ("mean 3,5 · 0 answers", "mean 3,5 · 1 answer", "mean 3,5 · 2 answers"),
    ),
    (
        "archive.step.hidden",
        ".many",
        "n",
        {},
        ("0 skjulte og udeladte", "1 skjult og udeladt", "2 skjulte og udeladte"),
        ("0 hidden and left out", "1 hidden and left out", "2 hidden and left out"),
    ),
    (
        "archive.step.respondents",
        ".many",
        "n",
        {},
        ("0 svarede", "1 svarede", "2 svarede"),
        ("0 people answered", "1 person answered", "2 people answered"),
    ),
    (
        "archive.step.received",
        ".many",
        "n",
        {},
        ("0 bidrag", "1 bidrag", "2 bidrag"),
        ("0 contributions", "1 contribution", "2 contributions"),
    ),
    (
        "archive.unit.dots",
        ".many",
        "n",
        {},
        ("0 prikker", "1 prik", "2 prikker"),
        ("0 dots", "1 dot", "2 dots"),
    ),
    (
        "archive.unit.points",
        ".many",
        "n",
        {},
        ("0 point", "1 point", "2 point"),
        ("0 points", "1 point", "2 points"),
    ),
    (
        "archive.unit.people",
        ".many",
        "n",
        {},
        ("0 personer", "1 person", "2 personer"),
        ("0 people", "1 person", "2 people"),
    ),
    (
        "archive.anonymity.hidden",
        ".many",
        "n",
        {},
        ("0 bidrag blev skjult", "1 bidrag blev skjult", "2 bidrag blev skjult"),
        ("0 contributions were", "1 contribution was", "2 contributions were"),
    ),
    (
        "archive.anonymity.retracted",
        ".many",
        "n",
        {},
        ("af deltagerne selv", "af deltageren selv", "af deltagerne selv"),
        ("0 contributions were", "1 contribution was", "2 contributions were"),
    ),
    (
        "archive.anonymity.merged",
        ".many",
        "n",
        {},
        ("som andre", "som et andet", "som andre"),
        ("0 contributions said", "1 contribution said", "2 contributions said"),
    ),
    (
        "archive.vote.rule",
        "",
        "dots",
        {},
        ("havde 0 prikker", "havde 1 prik", "havde 2 prikker"),
        ("had 0 dots", "had 1 dot", "had 2 dots"),
    ),
    (
        "rehearsal.notice",
        "",
        "count",
        {},
        ("0 simulerede telefoner deltager", "1 simuleret telefon deltager", "2 simulerede"),
        ("0 simulated phones take", "1 simulated phone takes", "2 simulated phones take"),
    ),
]


def say(lang: str, key: str, other: str, field: str, n: int, extra: dict[str, object]) -> str:
    """The text a caller shows for *n*: the ``.one`` entry for one, the other entry otherwise."""
    chosen = f"{key}.one" if n == 1 else f"{key}{other}"
    return t(lang, chosen, **{field: n}, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "other", "field", "extra", "danish", "english"),
    COUNTS,
    ids=[row[0] for row in COUNTS],
)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_a_count_reads_right_for_zero_one_and_two(
    key: str,
    other: str,
    field: str,
    extra: dict[str, object],
    danish: tuple[str, str, str],
    english: tuple[str, str, str],
    n: int,
) -> None:
    assert danish[n] in say("da", key, other, field, n, extra)
    assert english[n] in say("en", key, other, field, n, extra)


def test_no_count_entry_is_left_without_its_singular() -> None:
    """Every ``.many`` entry has its ``.one``, and so has every entry the table checks."""
    for key in CATALOG:
        if key.endswith(".many"):
            assert key.removesuffix(".many") + ".one" in CATALOG, key
    for key, *_ in COUNTS:
        assert f"{key}.one" in CATALOG, key
