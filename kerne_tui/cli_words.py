"""argparse's own words ("usage:", "error:", ...) in the command line's language.

argparse asks :mod:`gettext` for every message it shows, through its module-level ``_`` and
``ngettext``. :func:`speak` points those two at :mod:`kerne_tui.texts.argparse`, so that a
Danish command line says "brug:" and "fejl:" and English keeps argparse's own words. Messages
the table does not know (mistakes in the program, not the user's) pass through unchanged.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from kerne_tui.catalog import Lang
from kerne_tui.texts.argparse import TEXTS

_BY_ENGLISH: dict[str, tuple[str, str]] = {english: (da, english) for da, english in TEXTS.values()}


def words(lang: Lang) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
    """The ``gettext`` and ``ngettext`` look-alikes for *lang*."""
    column = 0 if lang == "da" else 1

    def gettext(message: str) -> str:
        pair = _BY_ENGLISH.get(message)
        return pair[column] if pair else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    return gettext, ngettext


def speak(lang: Lang) -> None:
    """Make argparse speak *lang* from now on (for every parser in this process)."""
    gettext, ngettext = words(lang)
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
