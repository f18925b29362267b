"""What the console says, line by line, from a view the session sent: no widgets, only text."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from kerne_tui.catalog import Lang, t

EARLIER_PINS = 3
"""Earlier versions of the core-task sentence listed under the working one."""


def clock_text(seconds: float) -> str:
    """``m:ss`` for a countdown (never below zero)."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


def top_line(view: dict[str, Any], lang: Lang) -> Text:
    """The join code, phones connected and remotes paired, wrong pairing codes tried once
    someone has guessed, then the session's title.

    The figures come first: on a narrow terminal the title is what gets cut, never a count.
    """
    top = Text(t(lang, "tui.join.code", code=view["join_code"]))
    top.append(f"  ·  {t(lang, 'console.phones', n=view['phones'])}")
    top.append(f"  ·  {t(lang, 'console.remotes', n=len(view['remotes']))}")
    guesses = view.get("pairing_guesses", 0)
    if guesses:
        top.append(f"  ·  {t(lang, 'console.pair.guessing', n=guesses)}", style="bold")
    top.append("  ·  ")
    top.append(view["title"], style="bold")
    top.no_wrap = True
    top.overflow = "ellipsis"
    return top


def turned_away_text(block: dict[str, Any] | None, lang: Lang) -> Text:
    """Phones turned away: how many, why, and what lets them in (one paragraph per cause)."""
    if not block or not block["total"]:
        return Text(t(lang, "console.turned_away.none"))
    text = Text()
    for number, cause in enumerate(block["causes"]):
        line = t(
            lang,
            "console.turned_away",
            n=cause["count"],
            why=cause["why"],
            remedy=cause["remedy"],
        )
        text.append(("\n" if number else "") + line, style="bold")
    return text


def step_text(view: dict[str, Any], lang: Lang) -> Text:
    """Where the session is: the open step with its prompt, or not begun, or over."""
    step = view["step"]
    if view["status"] == "finished":
        return Text(t(lang, "console.finished"), style="bold")
    if step is None:
        return Text(t(lang, "console.waiting"), style="bold")
    head = Text(t(lang, "console.step", **step) + "\n")
    head.append(step["title"], style="bold")
    head.append("\n" + step["prompt"])
    return head


def next_text(view: dict[str, Any], lang: Lang) -> Text:
    """A preview of the next step, or that this is the last."""
    following = view["next"]
    if not following:
        return Text(t(lang, "console.next.none"))
    minutes = f"{following['minutes']:g}"
    return Text(t(lang, "console.next", title=following["title"], minutes=minutes))


def pin_text(pinned: dict[str, Any], lang: Lang) -> Text:
    """The working version of the core task, with the versions before it (newest first)."""
    versions = pinned["versions"]
    if not versions:
        return Text(t(lang, "console.pin.none"))
    text = Text(t(lang, "console.pin", n=len(versions), text=pinned["text"]), style="bold")
    for number in range(len(versions) - 1, max(0, len(versions) - 1 - EARLIER_PINS), -1):
        earlier = versions[number - 1]["text"]
        text.append("\n" + t(lang, "console.pin.earlier", n=number, text=earlier), "dim")
    return text


def answers_head(block: dict[str, Any], lang: Lang) -> Text:
    """Whose answers these are, how many and from how many, and whether the wall shows them."""
    text = Text(
        t(
            lang,
            "console.answers",
            title=block["title"],
            count=block["count"],
            people=block["respondents"],
        ),
        style="bold",
    )
    if block["hidden"]:
        text.append("  ·  " + t(lang, "console.answers.hidden", n=block["hidden"]))
    if block.get("withheld"):
        text.append("  ·  " + t(lang, "control.withheld", n=block["min_answers"]))
    wall = "console.answers.on_wall" if block["revealed"] else "console.answers.not_on_wall"
    text.append("\n" + t(lang, wall), style="" if block["revealed"] else "bold")
    return text


def item_text(item: dict[str, Any], lang: Lang, merging: str | None) -> Text:
    """One answer: struck through when hidden or merged, its weight, the one being merged."""
    text = Text()
    if item["id"] == merging:
        text.append("» ", style="bold")
    text.append(item["text"], style="strike dim" if item["hidden"] or item["merged_into"] else "")
    if item["weight"] > 1:
        text.append(f"  ×{item['weight']}", style="bold")
    if item["hidden"]:
        text.append(f"  ({t(lang, 'console.mark.hidden')})", style="italic")
    elif item["merged_into"]:
        text.append(f"  ({t(lang, 'console.mark.merged')})", style="italic")
    return text
