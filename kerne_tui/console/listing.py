"""What the console's list holds: a step's answers, a cloud's words, a vote's totals, or the
parking lot, each a line the facilitator can pick; and what a picked line stands for.

An option's id says what it is: a contribution's own id, ``word:<word>``, ``bar:<n>`` (a
total, which may be pinned) or ``park:<id>`` (a parked item).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.widgets.option_list import Option

from kerne_tui.catalog import Lang, t
from kerne_tui.console.lines import item_text

WORD = "word:"
BAR = "bar:"
PARK = "park:"


@dataclass(frozen=True, slots=True)
class Picked:
    """What the highlighted line stands for."""

    kind: str
    """``answer``, ``word``, ``bar`` or ``park``."""
    id: str
    """The contribution's id, the word, or the total's label."""
    text: str
    """What it says (for pinning: only answers that are sentences, and totals)."""
    pinnable: bool


def parking_listed(view: dict[str, Any]) -> bool:
    """True when the list shows the parking lot: the wall shows it, or there are no answers."""
    parking = view.get("parking")
    if not parking:
        return False
    return bool(parking["on_wall"]) or view.get("answers") is None


def parking_head(view: dict[str, Any], lang: Lang) -> Text:
    """The parking lot's title line: how many items, how many open, whether on the wall."""
    items = view["parking"]["items"]
    open_items = sum(1 for item in items if not item["outcome"])
    text = Text(t(lang, "console.parking", n=len(items), open=open_items), style="bold")
    if view["parking"]["on_wall"]:
        text.append("  ·  " + t(lang, "console.parking.on_wall"))
    if not items:
        text.append("\n" + t(lang, "console.parking.empty"))
    return text


def options_for(view: dict[str, Any], lang: Lang, merging: str | None) -> list[Option]:
    """The list's lines for *view* (the line being merged marked)."""
    if parking_listed(view):
        return [_parked(item, lang) for item in view["parking"]["items"]]
    block = view["answers"]
    if block is None:
        return []
    options = [
        Option(Text(f"{bar['value']:>4}  {bar['label']}"), id=f"{BAR}{index}")
        for index, bar in enumerate(block["bars"])
    ]
    for row in block["scales"]:
        counts = " ".join(str(n) for n in row["counts"])
        line = f"{row['mean']:.1f}  [{counts}]  {row['statement']}"
        options.append(Option(Text(line), disabled=True))
    if block["words"]:
        options.append(Option(Text(t(lang, "console.words"), style="bold"), disabled=True))
        options.extend(_word(entry, lang, merging) for entry in block["words"])
        return options
    options.extend(Option(item_text(item, lang, merging), id=item["id"]) for item in block["items"])
    if block["more"]:
        more = Text(t(lang, "console.answers.more", n=block["more"]), style="dim")
        options.append(Option(more, disabled=True))
    return options


def _word(entry: dict[str, Any], lang: Lang, merging: str | None) -> Option:
    word = entry["word"]
    text = Text("» " if f"{WORD}{word}" == merging else "", style="bold")
    text.append(f"{entry['count']:>4}  ")
    text.append(word, style="strike dim" if entry["hidden"] or entry["into"] else "bold")
    if entry["hidden"]:
        text.append(f"  ({t(lang, 'console.mark.hidden')})", style="italic")
    elif entry["into"]:
        text.append(f"  ({t(lang, 'console.word.merged', into=entry['into'])})", style="italic")
    return Option(text, id=f"{WORD}{word}")


def _parked(item: dict[str, Any], lang: Lang) -> Option:
    text = Text(f"{item['votes']:>3}  ")
    text.append(item["text"], style="dim" if item["outcome"] else "")
    if item["outcome"]:
        closed = t(lang, f"outcome.{item['outcome']}", owner=item["owner"])
        text.append(f"  ({closed})", style="italic")
    return Option(text, id=f"{PARK}{item['id']}")


def picked(view: dict[str, Any], option_id: str | None) -> Picked | None:
    """What the line *option_id* stands for in *view* (None: nothing, or it is gone)."""
    if option_id is None:
        return None
    if option_id.startswith(PARK):
        chosen = option_id.removeprefix(PARK)
        items = (view.get("parking") or {}).get("items", [])
        item = next((i for i in items if i["id"] == chosen), None)
        return Picked("park", chosen, item["text"], False) if item else None
    block = view.get("answers") or {}
    if option_id.startswith(WORD):
        word = option_id.removeprefix(WORD)
        return Picked("word", word, word, False)
    if option_id.startswith(BAR):
        bars = block.get("bars", [])
        index = int(option_id.removeprefix(BAR))
        if index >= len(bars):
            return None
        label = str(bars[index]["label"])
        return Picked("bar", label, label, True)
    item = next((i for i in block.get("items", []) if i["id"] == option_id), None)
    if item is None:
        return None
    return Picked("answer", item["id"], item["text"], bool(item.get("pinnable")))
