"""The words around the answers on the main screen: its header, the answer count and the bands.

Each is worked out from the workshop as it is; the screen puts them in its widgets and counts
the bands' rows when it arranges itself.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from kerne_tui.catalog import CATALOG, Lang, counted, t
from kerne_tui.plan import MIN_ANSWERS, Step
from kerne_tui.store import SessionStatus
from kerne_tui.tui.layout import band_rows
from kerne_tui.workshop import StepResults, Workshop


def header_lines(workshop: Workshop, step: Step | None, lang: Lang) -> tuple[Text, Text]:
    """The module line (rehearsal, module, step of steps) and the module's focus below it."""
    plan = workshop.plan
    line = Text(no_wrap=True, overflow="ellipsis")
    # The module's focus is for the room to read: it wraps rather than ending in "…".
    focus = Text(overflow="fold", style="italic")
    if workshop.rehearsal:
        line.append(t(lang, "tui.rehearsal") + "  ", style="reverse bold")
    if step is None:
        line.append(plan.title, style="bold")
        focus.append(t(lang, "tui.waiting.hint"))
    else:
        index, module = plan.module_of(step.id)
        line.append(t(lang, "tui.module", n=index + 1, total=len(plan.modules)), style="bold")
        line.append(" · " + module.title, style="bold")
        line.append(
            "   "
            + t(
                lang,
                "tui.step_of",
                n=workshop.step_index + 1,
                total=len(plan.steps),
            )
        )
        focus.append(module.focus)
    return line, focus


def pin_words(workshop: Workshop, lang: Lang) -> tuple[str, str] | None:
    """The pin band's label and sentence: today's pin, else the day's in a follow-up."""
    pin = workshop.pinned
    if pin is not None:
        return t(lang, "tui.pin.band"), pin.text
    earlier = workshop.follow_up.pinned if workshop.follow_up else None
    if earlier is not None:
        return t(lang, "followup.pin_band"), earlier.text
    return None


def closed_words(workshop: Workshop, lang: Lang, archive: Path | None) -> str:
    """The closed band: the session by its name, and the archive's folder or how to make one."""
    # The room sees the session's name; the file's path is in the log and on the console.
    words = t(lang, "tui.closed.band", session=workshop.plan.title)
    if archive is not None:
        return words + " " + t(lang, "tui.closed.archive", folder=archive.parent.name)
    return words + " " + t(lang, "tui.closed.archive_hint")


def storage_words(lang: Lang, refused: int) -> str:
    """The storage band: how many answers were refused because the disk would not take them."""
    return t(lang, "hostile.refused_storage", n=refused)


def bands_height(workshop: Workshop, lang: Lang, archive: Path | None, width: int) -> int:
    """The rows the bands on show take at *width*: pin, closed and storage."""
    bands = 0
    words = pin_words(workshop, lang)
    if words is not None:
        bands += band_rows(words[0] + " " + words[1], width)
    if workshop.status == SessionStatus.FINISHED:
        bands += band_rows(closed_words(workshop, lang, archive), width)
    refused = workshop.refused_for_storage
    if refused:
        bands += band_rows(storage_words(lang, refused), width)
    return bands


def count_text(
    workshop: Workshop, lang: Lang, target: Step, results: StepResults, visible: bool
) -> Text:
    """The line above the answers: how many answered, what is hidden, held back or missing."""
    n = results.respondents
    text = Text()
    if target is not workshop.step:
        text.append(t(lang, "tui.answers_from", title=target.title) + " ")
    text.append(counted(lang, "tui.answered", n), style="bold")
    source = target.options_from
    if source is not None and not workshop.options(target):
        # Carried-forward options from a step without answers: nothing to vote on yet.
        title = workshop.plan.step(source).title
        key = f"tui.nothing_yet.{target.kind.value}"
        words = t(lang, key if key in CATALOG else "tui.nothing_yet", title=title)
        text.append("\n" + words, style="bold")
        return text
    if results.hidden:
        text.append("  ·  " + counted(lang, "tui.hidden_count", results.hidden))
    hidden_words = sum(1 for into in workshop.word_edits(target.id).values() if not into)
    if hidden_words:
        text.append("  ·  " + counted(lang, "tui.words.hidden", hidden_words))
    if not visible:
        text.append("  ·  " + t(lang, "tui.answers.later"))
    elif target.lowered:
        # The room is told, all through the step, that the plan shows it at fewer answers.
        lowered = t(lang, "tui.answers.lowered", n=target.min_answers, usual=MIN_ANSWERS)
        text.append("  ·  " + lowered)
    elif not results.enough:
        text.append("  ·  " + counted(lang, "tui.answers.too_few", target.min_answers))
    return text
