"""The Markdown sections of agreements: the action items, and their review in a follow-up."""

from __future__ import annotations

from kerne_tui.archive.markdown_text import cell, item, table
from kerne_tui.archive.step_view import StepView
from kerne_tui.catalog import Lang, t
from kerne_tui.plan import Step
from kerne_tui.workshop.parts import REVIEW_STATUSES


def actions_markdown(step: StepView, lang: Lang) -> list[str]:
    header = [
        t(lang, "archive.actions.what"),
        t(lang, "archive.actions.who"),
        t(lang, "archive.actions.when"),
    ]
    actions = step.results.actions
    if any(a.evidence for a in actions):
        header.append(evidence_heading(step.step, lang))
        rows = [[cell(a.what), cell(a.who), cell(a.when), cell(a.evidence)] for a in actions]
    else:
        rows = [[cell(a.what), cell(a.who), cell(a.when)] for a in actions]
    return [table(header, rows)]


def evidence_heading(step: Step, lang: Lang) -> str:
    """The heading of "how we will see that it worked": the plan's own words, else the catalog's."""
    return step.evidence_label or t(lang, "archive.actions.evidence")


def review_markdown(step: StepView, lang: Lang) -> list[str]:
    """Each earlier agreement with who, when and how many gave each status; the comments.

    The day's "how we will see that it worked" is a column once an agreement has it.
    """
    reviews = step.results.reviews
    if not reviews:
        return [f"*{t(lang, 'review.none')}*"]
    evidence = any(r.evidence for r in reviews)
    header = [
        t(lang, "archive.actions.what"),
        t(lang, "archive.actions.who"),
        t(lang, "archive.actions.when"),
        *([t(lang, "archive.actions.evidence")] if evidence else []),
        *(t(lang, f"review.status.{status}") for status in REVIEW_STATUSES),
    ]
    rows = [
        [
            cell(r.what),
            cell(r.who),
            cell(r.when),
            *([cell(r.evidence)] if evidence else []),
            *(str(n) for n in r.counts),
        ]
        for r in reviews
    ]
    first = 4 if evidence else 3
    right = tuple(range(first, first + len(REVIEW_STATUSES)))
    blocks = [table(header, rows, right=right), t(lang, "archive.followup.review.rule")]
    said = [
        f"- {item(r.what, '  ')}: {item(comment, '  ')}" for r in reviews for comment in r.comments
    ]
    if said:
        blocks.append(f"{t(lang, 'archive.followup.review.comments')}:\n\n" + "\n".join(said))
    return blocks
