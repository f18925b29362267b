"""A follow-up's report on what it builds on: the day, and the open ends the day left.

The agreements under review, the parked items someone took on and the day's open questions
are listed whether or not anybody answered today: they are the day's words, copied into the
follow-up (``FollowUpRecord``), so the report of the follow-up stands on its own.
"""

from __future__ import annotations

from kerne_tui.archive.content import ReportContent
from kerne_tui.archive.markdown_text import cell, item, table
from kerne_tui.archive.wording import long_date
from kerne_tui.catalog import Lang, t


def builds_on_markdown(content: ReportContent, lang: Lang) -> list[str]:
    """In a follow-up: the earlier session, its working version and its open ends."""
    earlier = content.follow_up
    if earlier is None:
        return []
    date = long_date(lang, content.earlier_created) if content.earlier_created else "–"
    parts = [
        f"## {t(lang, 'archive.followup.heading')}",
        t(
            lang,
            "archive.followup.source",
            title=cell(earlier.title),
            date=date,
            name=cell(earlier.source_name),
            sha=earlier.source_sha256[:16],
        ),
    ]
    if earlier.pinned is not None:
        parts.append(t(lang, "archive.followup.pinned", text=cell(earlier.pinned.text)))
    agreements = [a for step in earlier.action_steps for a in step.actions]
    if agreements:
        header = [
            t(lang, "archive.actions.what"),
            t(lang, "archive.actions.who"),
            t(lang, "archive.actions.when"),
        ]
        rows = [[cell(a.what), cell(a.who), cell(a.when)] for a in agreements]
        parts.append(f"### {t(lang, 'archive.followup.carried.agreements')}")
        parts.append(table(header, rows))
    if earlier.owned:
        parts.append(f"### {t(lang, 'archive.followup.carried.owned')}")
        parts.append(
            "\n".join(
                f"- {item(end.text, '  ')} *({t(lang, 'outcome.owner', owner=cell(end.owner))})*"
                for end in earlier.owned
            )
        )
    if earlier.open_questions:
        parts.append(f"### {t(lang, 'archive.followup.carried.questions')}")
        parts.append(
            "\n".join(
                f"- {item(end.text, '  ')} *({cell(end.where)})*" for end in earlier.open_questions
            )
        )
    return parts
