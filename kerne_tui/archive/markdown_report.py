"""The report as Markdown for the minutes: the same content as the HTML, charts as tables."""

from __future__ import annotations

from kerne_tui.archive.content import ReportContent, StepReport
from kerne_tui.archive.kinds import REPORT_KINDS
from kerne_tui.archive.markdown_text import cell, escape, item, table
from kerne_tui.archive.md_followup import builds_on_markdown
from kerne_tui.archive.md_questions import questions_table
from kerne_tui.archive.wording import clock, count, difference, long_date, minutes
from kerne_tui.catalog import Lang, t


def render_markdown(content: ReportContent) -> str:
    """The whole report as Markdown, in the plan's language."""
    lang = content.lang
    parts: list[str] = [f"# {cell(content.title)}", _overview(content, lang)]
    parts += builds_on_markdown(content, lang)
    parts += _core(content, lang)
    parts += _actions(content, lang)
    parts += _parking(content, lang)
    parts += _open_questions(content, lang)
    parts += _timing(content, lang)
    parts += _participation(content, lang)
    parts += _anonymity(content, lang)
    for module in content.modules:
        parts.append(
            f"## {t(lang, 'archive.module', n=module.number)}: {cell(module.module.title)}"
        )
        if module.module.focus:
            parts.append(f"*{cell(module.module.focus)}*")
        parts.append(
            t(
                lang,
                "archive.time.planned_spent",
                planned=minutes(lang, module.planned_minutes),
                actual=minutes(lang, module.actual_minutes),
            )
        )
        for step in module.steps:
            parts += _step(step, lang)
    parts.append("---")
    parts.append(
        t(
            lang,
            "archive.footer",
            version=content.kerne_version,
            date=long_date(lang, content.generated),
            time=clock(content.generated),
        )
    )
    return "\n\n".join(parts) + "\n"


def _overview(content: ReportContent, lang: Lang) -> str:
    """Kicker, date and time, notices and the key figures under the title."""
    lines = [f"**{t(lang, 'archive.report.kicker')}**"]
    if content.workplace:
        lines.append(escape(content.workplace))
    if content.day is not None:
        when = long_date(lang, content.day)
        if content.started and content.ended:
            start, end = clock(content.started), clock(content.ended)
            when += ", " + t(lang, "archive.time.span", start=start, end=end)
        elif content.started:
            when += ", " + t(lang, "archive.time.from", start=clock(content.started))
        lines.append(when)
    text = "  \n".join(lines)
    blocks = [text]
    if content.description:
        blocks.append(escape(content.description))
    if content.rehearsal:
        blocks.append(f"> {t(lang, 'archive.rehearsal')}")
    if content.status == "running":
        blocks.append(f"> {t(lang, 'archive.unfinished', time=clock(content.generated))}")
    elif content.status == "waiting":
        blocks.append(f"> {t(lang, 'archive.not_started')}")
    time_value = t(
        lang,
        "archive.fact.time_value",
        actual=minutes(lang, content.actual_minutes),
        planned=minutes(lang, content.planned_minutes),
    )
    facts = [
        (t(lang, "archive.fact.phones"), str(content.phones)),
        (t(lang, "archive.fact.contributions"), str(content.received)),
        (t(lang, "archive.fact.time"), time_value),
        (t(lang, "archive.fact.code"), cell(content.join_code)),
    ]
    blocks.append("\n".join(f"- {name}: **{value}**" for name, value in facts))
    return "\n\n".join(blocks)


def _core(content: ReportContent, lang: Lang) -> list[str]:
    """The working version of the core-task sentence and every earlier version."""
    parts = [f"## {t(lang, 'archive.core.heading')}"]
    working = content.working_version
    if working is None:
        parts.append(f"*{t(lang, 'archive.core.none')}*")
        return parts
    parts.append(f"> **{item(working.text, '> ')}**")
    parts.append(t(lang, "archive.core.working", time=clock(working.at)))
    if len(content.pins) > 1:
        versions = [
            f"{n}. {clock(pin.at)} {item(pin.text, '   ')}"
            for n, pin in enumerate(content.pins, start=1)
        ]
        parts.append(f"{t(lang, 'archive.core.versions')}:\n\n" + "\n".join(versions))
    return parts


def _actions(content: ReportContent, lang: Lang) -> list[str]:
    """Every action item of the session in one table."""
    parts = [f"## {t(lang, 'archive.actions.heading')}"]
    if not content.actions:
        parts.append(f"*{t(lang, 'archive.actions.none')}*")
        return parts
    header = [
        t(lang, "archive.actions.what"),
        t(lang, "archive.actions.who"),
        t(lang, "archive.actions.when"),
    ]
    evidence = any(a.row.evidence for a in content.actions)
    if evidence:
        header.append(t(lang, "archive.actions.evidence"))
    header.append(t(lang, "archive.actions.step"))
    rows = [
        [
            cell(a.row.what),
            cell(a.row.who),
            cell(a.row.when),
            *([cell(a.row.evidence)] if evidence else []),
            a.step.number,
        ]
        for a in content.actions
    ]
    parts.append(table(header, rows))
    parts.append(t(lang, "archive.actions.follow_up"))
    return parts


def _open_questions(content: ReportContent, lang: Lang) -> list[str]:
    """What was left unsettled, where the plan collects it: each item with its step."""
    if not content.asks_open_questions:
        return []
    parts = [f"## {t(lang, 'archive.open.heading')}"]
    if not content.open_questions:
        parts.append(f"*{t(lang, 'archive.open.none')}*")
        return parts
    parts.append(t(lang, "archive.open.intro"))
    lines = [f"- {item(q.text, '  ')} *({cell(q.where)})*" for q in content.open_questions]
    parts.append("\n".join(lines))
    return parts


def _parking(content: ReportContent, lang: Lang) -> list[str]:
    """The parking lot's items with their upvotes and how each one ended."""
    if not content.parking_lot:
        return []
    parts = [f"## {t(lang, 'archive.parking.heading')}"]
    if not content.parking:
        parts.append(f"*{t(lang, 'archive.parking.none')}*")
        return parts
    parts.append(questions_table(content.parking, lang))
    still_open = sum(1 for row in content.parking if not row.outcome)
    if still_open:
        parts.append(count(lang, "archive.parking.still_open", still_open))
    return parts


def _timing(content: ReportContent, lang: Lang) -> list[str]:
    """Planned against spent minutes per module, with the total."""
    header = [
        t(lang, "archive.timing.module"),
        t(lang, "archive.timing.planned"),
        t(lang, "archive.timing.actual"),
        t(lang, "archive.timing.difference"),
    ]
    rows = [
        [
            f"{m.number}. {cell(m.module.title)}",
            minutes(lang, m.planned_minutes),
            minutes(lang, m.actual_minutes),
            difference(lang, m.planned_minutes, m.actual_minutes),
        ]
        for m in content.modules
    ]
    rows.append(
        [
            f"**{t(lang, 'archive.timing.total')}**",
            f"**{minutes(lang, content.planned_minutes)}**",
            f"**{minutes(lang, content.actual_minutes)}**",
            f"**{difference(lang, content.planned_minutes, content.actual_minutes)}**",
        ]
    )
    return [f"## {t(lang, 'archive.timing.heading')}", table(header, rows, right=(1, 2, 3))]


def _participation(content: ReportContent, lang: Lang) -> list[str]:
    """How many answered and sent what, per step that takes answers."""
    parts = [f"## {t(lang, 'archive.participation.heading')}"]
    if not content.input_steps:
        parts.append(f"*{t(lang, 'archive.participation.none')}*")
        return parts
    header = [
        t(lang, "archive.participation.step"),
        t(lang, "archive.participation.kind"),
        t(lang, "archive.participation.respondents"),
        t(lang, "archive.participation.received"),
        t(lang, "archive.participation.hidden"),
    ]
    rows = [
        [
            f"{s.number} {cell(s.step.title)}",
            t(lang, f"kind.{s.step.kind.value}"),
            str(s.results.respondents),
            str(s.received),
            str(s.results.hidden),
        ]
        for s in content.input_steps
    ]
    parts.append(table(header, rows, right=(2, 3, 4)))
    return parts


def _anonymity(content: ReportContent, lang: Lang) -> list[str]:
    """The note on anonymity and what was left out of the report."""
    parts = [f"## {t(lang, 'archive.anonymity.heading')}", t(lang, "archive.anonymity.body")]
    notes = []
    if content.hidden:
        notes.append(count(lang, "archive.anonymity.hidden", content.hidden))
    if content.merged:
        notes.append(count(lang, "archive.anonymity.merged", content.merged))
    if content.retracted:
        notes.append(count(lang, "archive.anonymity.retracted", content.retracted))
    if notes:
        parts.append("\n".join(f"- {note}" for note in notes))
    return parts


def _step(step: StepReport, lang: Lang) -> list[str]:
    """One step: heading, figures, prompt and its results."""
    results = step.results
    kind = step.step.kind
    meta = [
        t(lang, f"kind.{kind.value}"),
        t(
            lang,
            "archive.time.planned_spent",
            planned=minutes(lang, step.planned_minutes),
            actual=minutes(lang, step.actual_minutes),
        ),
    ]
    if kind.takes_input:
        meta.append(count(lang, "archive.step.respondents", results.respondents))
        meta.append(count(lang, "archive.step.received", step.received))
        if results.hidden:
            meta.append(count(lang, "archive.step.hidden", results.hidden))
    parts = [
        f"### {step.number} {cell(step.step.title)}",
        "*" + " · ".join(meta) + "*",
        f"> {item(step.step.prompt, '> ')}",
    ]
    if step.withheld:
        parts.append(
            t(lang, "archive.step.withheld", n=results.respondents, minimum=step.step.min_answers)
        )
    elif step.unanswered:
        parts.append(t(lang, "archive.step.no_answers"))
    else:
        parts += REPORT_KINDS[kind].markdown(step, lang)
        return parts
    if results.reviews:
        # The day's agreements under review stand even when today's answers cannot.
        reviewed = [f"- {item(r.what, '  ')}" + _who_when(r.who, r.when) for r in results.reviews]
        parts.append(f"{t(lang, 'archive.followup.carried.agreements')}:\n\n" + "\n".join(reviewed))
    return parts


def _who_when(who: str, when: str) -> str:
    """`` *(Mette · Fra marts)*`` after an agreement, or nothing when neither was said."""
    said = " · ".join(cell(part) for part in (who, when) if part)
    return f" *({said})*" if said else ""
