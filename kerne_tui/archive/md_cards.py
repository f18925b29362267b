"""The Markdown sections of what people wrote: cards (texts, sentences) and words."""

from __future__ import annotations

from kerne_tui.archive.markdown_text import cell, item, table
from kerne_tui.archive.step_view import StepView
from kerne_tui.catalog import Lang, t


def cards_markdown(step: StepView, lang: Lang) -> list[str]:
    """The cards as a list, the most merged first, with their weight when above one."""
    lines = []
    for card in step.cards:
        weight = f" **{t(lang, 'archive.weight', n=card.weight)}**" if card.weight > 1 else ""
        lines.append(f"- {item(card.text, '  ')}{weight}")
    return ["\n".join(lines)]


def words_markdown(step: StepView, lang: Lang) -> list[str]:
    """The words as a table, the most frequent first, with how many phones sent each."""
    header = [t(lang, "archive.words.word"), t(lang, "archive.words.count")]
    rows = [[cell(entry.word), str(entry.count)] for entry in step.results.words]
    parts = [table(header, rows, right=(1,))]
    if step.step.stop_words:
        left_out = ", ".join(cell(word) for word in step.step.stop_words)
        parts.append(t(lang, "archive.words.stop_words", words=left_out))
    return parts
