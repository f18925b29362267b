"""Reading the session file's fields: tolerant where a default makes sense, clear where not.

Shared by the layout of the header and state (:mod:`kerne_tui.store.layout`) and of what a
follow-up copies from the day (:mod:`kerne_tui.store.earlier`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


class LayoutError(ValueError):
    """A field of the session file that is damaged or missing where it is needed."""


# --- reading fields ---------------------------------------------------------------------


def text_field(doc: Mapping[str, Any], where: str, name: str, default: str = "") -> str:
    value = doc.get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        raise LayoutError(f"{where}: '{name}' should be text, not {type_name(value)}")
    return value


def optional_text(doc: Mapping[str, Any], where: str, name: str) -> str | None:
    return text_field(doc, where, name) if doc.get(name) is not None else None


def flag_field(doc: Mapping[str, Any], where: str, name: str) -> bool:
    value = doc.get(name, False)
    if not isinstance(value, bool):
        raise LayoutError(f"{where}: '{name}' should be true or false, not {type_name(value)}")
    return value


def number_field(doc: Mapping[str, Any], where: str, name: str, default: float) -> float:
    value = doc.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LayoutError(f"{where}: '{name}' should be a number, not {type_name(value)}")
    return float(value)


def table_field(doc: Mapping[str, Any], where: str, name: str) -> Mapping[str, Any] | None:
    value = doc.get(name)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise LayoutError(f"{where}: '{name}' should be a table, not {type_name(value)}")
    return value


def type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


@dataclass(frozen=True, slots=True)
class Pin:
    """A version of the core-task sentence the facilitator pinned."""

    text: str
    at: str
    source: str | None = None


def pin_doc(pin: Pin) -> dict[str, Any]:
    return {"text": pin.text, "at": pin.at, "source": pin.source}


def strings_field(doc: Mapping[str, Any], where: str, name: str) -> list[str]:
    value = doc.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LayoutError(f"{where}: '{name}' should be a list of text")
    return value


def pins_field(value: object, where: str) -> Iterable[Pin]:
    if value is None:
        return
    if not isinstance(value, list):
        raise LayoutError(f"{where}: 'pins' should be a list, not {type_name(value)}")
    for number, pin in enumerate(value, start=1):
        place = f"{where}: pin {number}"
        if not isinstance(pin, Mapping):
            raise LayoutError(f"{place} should be a table, not {type_name(pin)}")
        text = text_field(pin, place, "text")
        if text:  # an empty pin was never written by kerne; it is skipped, not shown
            yield Pin(
                text=text,
                at=text_field(pin, place, "at"),
                source=text_field(pin, place, "source") or None,
            )
