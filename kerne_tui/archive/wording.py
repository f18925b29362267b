"""Dates, times, numbers and durations the way a Danish or English reader expects them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, tzinfo

from kerne_tui.catalog import Lang, t
from kerne_tui.workshop import parse_iso


def local_time(stored: str, zone: tzinfo | None) -> datetime | None:
    """A stored UTC time in *zone*, or this computer's zone (None when absent or unreadable)."""
    if not stored:
        return None
    try:
        return parse_iso(stored).astimezone(zone)
    except ValueError:
        return None


def long_date(lang: Lang, moment: datetime) -> str:
    """``mandag den 23. november 2026`` or ``Monday 23 November 2026``."""
    return t(
        lang,
        "archive.date.long",
        weekday=t(lang, f"archive.weekday.{moment.isoweekday()}"),
        day=moment.day,
        month=t(lang, f"archive.month.{moment.month}"),
        year=moment.year,
    )


def clock(moment: datetime | None) -> str:
    """``09:05`` (the same in both languages), or an empty string."""
    return moment.strftime("%H:%M") if moment else ""


def timestamp(moment: datetime | None) -> str:
    """``2026-11-23 09:05:12``: sortable, and read as a date by spreadsheet programs."""
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def decimal(lang: Lang, value: float, digits: int = 1) -> str:
    """A number with a decimal comma in Danish and a point in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "da" else text


def signed(lang: Lang, value: float) -> str:
    """A change of a mean with its sign: +0,5, −0,3 or ±0,0."""
    if round(value, 1) == 0:
        return "±" + decimal(lang, 0.0)
    return ("+" if value > 0 else "−") + decimal(lang, abs(value))


def minutes(lang: Lang, whole: int) -> str:
    """A length of time in whole minutes (``12 min``)."""
    return t(lang, "archive.minutes", n=whole)


def difference(lang: Lang, planned: int, actual: int) -> str:
    """How far the actual whole minutes are from the plan: ``+3 min``, ``−2 min`` or ``0 min``."""
    delta = actual - planned
    sign = "+" if delta > 0 else "−" if delta < 0 else ""
    return sign + t(lang, "archive.minutes", n=abs(delta))


def whole_minutes(seconds: Sequence[float], total: int) -> list[int]:
    """Whole minutes for the parts of a length, adding up to *total* minutes.

    Rounding each part on its own lets a table's rows disagree with its total: modules of 14.3,
    20.3, 8.4 and 8.8 minutes round to 14 + 20 + 8 + 9 = 51, while their 51.8 round to 52. Here
    each part gets its minutes rounded down, and the minutes still missing go to the parts with
    the largest remainders (the earlier part on a tie). With *total* the parts' sum rounded up or
    down, every part stays within a minute of its time.
    """
    exact = [max(0.0, part) / 60 for part in seconds]
    shares = [math.floor(value) for value in exact]
    missing = total - sum(shares)
    by_remainder = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: max(0, missing)]:
        shares[i] += 1
    return shares


def count(lang: Lang, key: str, n: int) -> str:
    """A number with its noun in singular or plural (``1 bidrag``, ``2 skjulte``)."""
    return t(lang, f"{key}.one" if n == 1 else f"{key}.many", n=n)
