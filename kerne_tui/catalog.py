"""Every string shown to people, in Danish and English.

Keys are stable identifiers; each entry is a (Danish, English) pair. Code asks for text with
:func:`t`, never by building sentences itself, so that both languages stay complete.

The entries live beside the rooms that use them, one module per room in :mod:`kerne_tui.texts`,
each with a ``TEXTS`` dict. Every such module is merged here; a key defined twice is an error.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Literal

from kerne_tui import texts

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")

Entries = dict[str, tuple[str, str]]


def merged(parts: dict[str, Entries]) -> Entries:
    """All *parts* (by name) in one catalog; a key that two parts define is refused by name."""
    catalog: Entries = {}
    owner: dict[str, str] = {}
    clashes: list[str] = []
    for name, part in parts.items():
        for key in part:
            if key in owner:
                clashes.append(f"{key} ({owner[key]}, {name})")
            else:
                owner[key] = name
        catalog.update(part)
    if clashes:
        raise RuntimeError(f"catalog keys defined twice: {', '.join(sorted(clashes))}")
    return catalog


def _parts() -> dict[str, Entries]:
    """The ``TEXTS`` of every module in :mod:`kerne_tui.texts`, in the order of their names.

    The parts are found, not listed: a room that adds a module there needs no edit here.
    """
    found: dict[str, Entries] = {}
    for module in sorted(pkgutil.iter_modules(texts.__path__), key=lambda m: m.name):
        part = importlib.import_module(f"{texts.__name__}.{module.name}")
        entries = getattr(part, "TEXTS", None)
        if isinstance(entries, dict):
            found[module.name] = entries
    return found


CATALOG: Entries = merged(_parts())


def t(lang: Lang, key: str, **values: object) -> str:
    """Return the text for *key* in *lang*, with ``{name}`` fields filled from *values*."""
    da, en = CATALOG[key]
    template = da if lang == "da" else en
    return template.format(**values) if values else template


def counted(lang: Lang, key: str, n: int, *, field: str = "n", **values: object) -> str:
    """*key* said for the number *n*, which fills the ``{field}`` of the text.

    A count has a ``.one`` entry for exactly one and a ``.many`` entry (or the plain *key*) for
    every other number, so that "1 skjult" and "2 skjulte" both come out right.
    """
    if n == 1 and f"{key}.one" in CATALOG:
        chosen = f"{key}.one"
    elif f"{key}.many" in CATALOG:
        chosen = f"{key}.many"
    else:
        chosen = key
    return t(lang, chosen, **{field: n}, **values)
