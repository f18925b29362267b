"""Markdown that stays literal: escaping for blocks, cells and list items, and pipe tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
"""Characters that make emphasis, links, code, HTML, entities, strikethrough or table cells."""
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
"""What makes a heading, quote, list or setext underline at the start of a line."""


def escape_inline(text: str) -> str:
    """Text for inline places (table cells, headings): no emphasis, link, code or HTML."""
    return _INLINE.sub(r"\\\1", text)


def escape(text: str) -> str:
    """Participant or plan text as literal Markdown blocks: it can never become markup."""
    return "\n".join(
        _LINE_START.sub(_escape_line_start, escape_inline(line)) for line in text.split("\n")
    )


def _escape_line_start(match: re.Match[str]) -> str:
    """Put a backslash before the mark that would start a block."""
    indent, mark = match.group(1), match.group(2)
    if mark[0].isdigit():
        return f"{indent}{mark[:-1]}\\{mark[-1]}"
    return f"{indent}\\{mark}"


def cell(text: str) -> str:
    """Text for a table cell or heading: escaped, on one line (a line break ends the row)."""
    return escape_inline(" ".join(text.split()))


def item(text: str, indent: str) -> str:
    """Text for a list item or quote: escaped, later lines indented to stay inside it."""
    return escape(text).replace("\n", "\n" + indent)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A pipe table; the columns numbered in *right* are aligned right (numbers)."""
    rule = ["---:" if index in right else "---" for index in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
