"""Dates, times, numbers and durations the way a Danish or English reader expects them."""

from __future__ import annotations

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


def minutes(lang: Lang, seconds: float) -> str:
    """A length of time in whole minutes (``12 min``)."""
    return t(lang, "archive.minutes", n=round(seconds / 60))


def difference(lang: Lang, planned_seconds: float, actual_seconds: float) -> str:
    """How far an actual time is from the plan: ``+3 min``, ``−2 min`` or ``0 min``."""
    delta = round(actual_seconds / 60) - round(planned_seconds / 60)
    sign = "+" if delta > 0 else "−" if delta < 0 else ""
    return sign + t(lang, "archive.minutes", n=abs(delta))


def count(lang: Lang, key: str, n: int) -> str:
    """A number with its noun in singular or plural (``1 bidrag``, ``2 skjulte``)."""
    return t(lang, f"{key}.one" if n == 1 else f"{key}.many", n=n)
