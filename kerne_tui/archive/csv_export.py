"""contributions.csv: one row per contribution, for spreadsheet programs.

Choices, so that the file opens right with a double click:

- UTF-8 with a byte order mark, so Excel reads æ, ø and å.
- Danish sessions use semicolons between fields, as Danish Excel expects (the comma is the
  decimal sign there); English sessions use commas.
- Times are local, written ``2026-11-23 09:05:00``, which spreadsheets read as a date. In the
  archive they are the moment each answer's step was opened (archive/step_times.py).
- A cell that would start with ``=``, ``+``, ``-``, ``@`` or a tab gets a leading apostrophe so
  that no spreadsheet runs participant text as a formula.
- A step whose results are counts (a vote, a scale, a word cloud ...) and that fewer phones
  answered than its ``min_answers`` keeps its rows, but each value says it is held back: the
  single answers would give the count away.
- Retracted contributions are left out: their senders took them back during the session. Hidden
  ones are kept with "ja"/"yes" in the hidden column; merged ones name the contribution they
  were merged into.
- A follow-up's file starts with a session column: "tidligere"/"earlier" for the rows copied
  from the day (each compared statement's counts, each reviewed agreement), "ny"/"new" for
  the follow-up's own contributions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import tzinfo

from kerne_tui.archive.kinds import REPORT_KINDS
from kerne_tui.archive.record import SessionRecord, step_numbers
from kerne_tui.archive.wording import local_time, timestamp
from kerne_tui.catalog import Lang, t
from kerne_tui.plan import Option, Step
from kerne_tui.store import FollowUpRecord
from kerne_tui.workshop import Contribution, agreements
from kerne_tui.workshop.kinds import spec_for
from kerne_tui.workshop.parking import PARKING_STEP

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_COLUMNS = ("id", "module", "step", "kind", "value", "time", "hidden", "merged_into")


def delimiter(lang: Lang) -> str:
    """The field separator a spreadsheet in that language expects."""
    return ";" if lang == "da" else ","


def safe_cell(text: str) -> str:
    """Participant text that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def value_text(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    """A contribution's content in one cell: the text, or what was voted, rated or chosen."""
    return REPORT_KINDS[step.kind].csv_value(lang, step, c, options)


def render_csv(record: SessionRecord, zone: tzinfo | None = None) -> str:
    """The CSV text, byte order mark included, in the plan's language."""
    lang = record.lang
    plan = record.plan
    numbers = step_numbers(plan)
    labels: dict[str, dict[str, str]] = {}

    def options_of(step: Step) -> dict[str, str]:
        """Option labels by id for a step, looked up once."""
        if step.id not in labels:
            found: tuple[Option, ...] = step.options
            if step.options_from is not None:
                # Carried-forward options are contributions; one hidden or merged after it got
                # votes still needs a readable name, so every one of the source step counts.
                found = tuple(
                    Option(id=c.id, label=c.text)
                    for c in record.contributions
                    if c.step_id == step.options_from
                )
            labels[step.id] = {option.id: option.label for option in found}
            # An upvote names a question of its own step: its text is the readable name.
            for c in record.contributions:
                if c.step_id == step.id and c.text:
                    labels[step.id].setdefault(c.id, c.text)
        return labels[step.id]

    merges: dict[str, dict[str, str]] = {}

    def counted_as(step: Step, c: Contribution) -> Contribution:
        """What *c* counts as: picks of cards merged later moved onto the card they went into."""
        if step.id not in merges:
            merges[step.id] = record.option_merges(step)
        if not merges[step.id]:
            return c
        return spec_for(step.kind).follow_merges(c, merges[step.id])

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter(lang), lineterminator="\r\n")
    follow_up = record.session_header.follow_up
    # A follow-up's rows say which session they come from; other files keep their columns.
    mark: list[str] = []
    if follow_up is not None:
        mark = [t(lang, "archive.csv.new")]
        writer.writerow(
            [t(lang, "archive.csv.session")] + [t(lang, f"archive.csv.{c}") for c in _COLUMNS]
        )
    else:
        writer.writerow([t(lang, f"archive.csv.{column}") for column in _COLUMNS])
    yes, no = t(lang, "archive.csv.yes"), t(lang, "archive.csv.no")
    places = {
        step.id: (
            step,
            safe_cell(f"{m}. {module.title}"),
            safe_cell(f"{numbers[step.id]} {step.title}"),
        )
        for m, module in enumerate(plan.modules, start=1)
        for step in module.steps
    }
    if follow_up is not None:
        earlier = [t(lang, "archive.csv.earlier")]
        when = timestamp(local_time(follow_up.created, zone))
        for step, module_cell, step_cell in places.values():
            for value in _earlier_values(lang, step, follow_up):
                kind = step.earlier_kind or step.kind
                writer.writerow(
                    [
                        *earlier,
                        "",
                        module_cell,
                        step_cell,
                        t(lang, f"kind.{kind.value}"),
                        safe_cell(value),
                        when,
                        no,
                        "",
                    ]
                )
    if plan.parking_lot:
        places[PARKING_STEP.id] = (PARKING_STEP, "", safe_cell(t(lang, "archive.parking.heading")))
    too_few = {
        step.id: t(lang, "archive.csv.withheld", minimum=step.min_answers)
        for step, _module, _step in places.values()
        if step.kind.takes_input and not record.results(step).enough
    }
    for c in record.contributions:
        if c.retracted or c.step_id not in places:
            continue
        step, module_cell, step_cell = places[c.step_id]
        # Counted kinds and upvotes are counts: below the threshold each row would tell it.
        if c.step_id in too_few and (spec_for(step.kind).summed or c.upvote):
            value = too_few[c.step_id]
        else:
            value = safe_cell(value_text(lang, step, counted_as(step, c), options_of(step)))
        writer.writerow(
            [
                *mark,
                c.id,
                module_cell,
                step_cell,
                t(lang, f"kind.{step.kind.value}"),
                value,
                timestamp(local_time(c.at, zone)),
                yes if c.hidden else no,
                c.merged_into or "",
            ]
        )
    return BOM + buffer.getvalue()


def _earlier_values(lang: Lang, step: Step, follow_up: FollowUpRecord) -> list[str]:
    """What the follow-up copied from the day for *step*: counts per statement, agreements."""
    if step.actions_from is not None:
        values = []
        for agreement in agreements(step, follow_up):
            parts = [agreement.label]
            if agreement.who:
                parts.append(t(lang, "archive.value.who", who=agreement.who))
            if agreement.when:
                parts.append(t(lang, "archive.value.when", when=agreement.when))
            values.append("; ".join(parts))
        return values
    earlier = follow_up.scale(step.compare_with) if step.compare_with else None
    if earlier is None or earlier.respondents < earlier.min_answers:
        return []
    return [
        t(
            lang,
            "archive.value.counts",
            statement=statement,
            counts=", ".join(f"{value}: {n}" for value, n in enumerate(counts, start=1)),
        )
        for statement, counts in zip(earlier.statements, earlier.counts, strict=True)
    ]
