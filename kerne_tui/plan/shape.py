"""The shape of a plan file, checked before the TOML parser sees it.

Python's TOML parser recurses once per nested array or inline table and slows down badly on a
key of thousands of dotted parts, so a careless or hostile plan could end in a
``RecursionError`` or gigabytes of memory before any message. This scanner walks the text once
(strings and comments skipped as TOML reads them) and finds the first place that goes past
one of the bounds below; the loader then says so in one sentence with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PLAN_BYTES = 512 * 1024
"""A plan file's largest size: the biggest shipped plan is about 12 KB."""
MAX_DEPTH = 16
"""Arrays and inline tables nested at most this deep (a plan needs two or three)."""
MAX_KEY_PARTS = 8
"""A dotted key (``a.b.c``) has at most this many parts (a plan needs three)."""
MAX_KEY_LENGTH = 100
"""A key, dotted parts together, has at most this many characters (the longest field name
of a plan has 22)."""

_SPECIAL = re.compile(r"\"\"\"|'''|[\"'#\[\]{}=,.\n]")
_BASIC_END = re.compile(r'(?:[^"\\\n]|\\.)*"')
_MULTI_BASIC_END = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)


@dataclass(frozen=True, slots=True)
class ShapeProblem:
    """The first place where a plan file goes past a bound: a text key, its values, a line."""

    key: str
    line: int
    limit: int


class _Scan:
    """The scanner's position: the open brackets, and where the current key began."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[str] = []
        self.in_value = False
        self.key_start = 0
        self.key_parts = 1

    def line(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1

    def at_key(self) -> bool:
        return not self.in_value and (not self.stack or self.stack[-1] in "{h")

    def start_key(self, position: int) -> None:
        self.key_start = position
        self.key_parts = 1

    def key_problem(self, position: int) -> ShapeProblem | None:
        if len(self.text[self.key_start : position].strip()) > MAX_KEY_LENGTH:
            return ShapeProblem("plan.shape.key_long", self.line(position), MAX_KEY_LENGTH)
        return None


def shape_problem(text: str) -> ShapeProblem | None:
    """The first bound *text* goes past, or None when the parser may read it."""
    scan = _Scan(text)
    position = 0
    while True:
        found = _SPECIAL.search(text, position)
        if found is None:
            return None
        token, position = found.group(), found.end()
        if token in ('"', "'", '"""', "'''"):
            end = _string_end(text, token, position)
            if end < 0:
                return None  # unterminated: the parser says where
            position = end
            continue
        problem = _step(scan, token, found.start())
        if problem is not None:
            return problem
        if token == "#":
            newline = text.find("\n", position)
            position = len(text) if newline < 0 else newline


def _string_end(text: str, quote: str, position: int) -> int:
    """Where the string that opened with *quote* just before *position* ends (-1: never)."""
    if quote == "'":
        end = text.find("'", position)
        return -1 if end < 0 or "\n" in text[position:end] else end + 1
    if quote == "'''":
        end = text.find("'''", position)
        return -1 if end < 0 else end + 3
    pattern = _BASIC_END if quote == '"' else _MULTI_BASIC_END
    match = pattern.match(text, position)
    return -1 if match is None else match.end()


def _step(scan: _Scan, token: str, at: int) -> ShapeProblem | None:
    """Follow one bracket, separator or dot; a problem when it goes past a bound."""
    if token == "\n":
        if not scan.stack:
            scan.in_value = False
        if scan.at_key():
            scan.start_key(at + 1)
    elif token == ".":
        if scan.at_key():
            scan.key_parts += 1
            if scan.key_parts > MAX_KEY_PARTS:
                return ShapeProblem("plan.shape.key_parts", scan.line(at), MAX_KEY_PARTS)
    elif token == "=":
        if scan.at_key():
            problem = scan.key_problem(at)
            if problem is not None:
                return problem
            scan.in_value = True
    elif token in "[{":
        opening_header = not scan.stack and not scan.in_value
        header = token == "[" and (opening_header or scan.stack[-1:] == ["h"])
        scan.stack.append("h" if header else token)
        if len(scan.stack) > MAX_DEPTH:
            return ShapeProblem("plan.shape.deep", scan.line(at), MAX_DEPTH)
        if token == "{" or header:
            scan.in_value = False
            scan.start_key(at + 1)
    elif token in "]}":
        if scan.stack and scan.stack[-1] == "h":
            problem = scan.key_problem(at)
            if problem is not None:
                return problem
        if scan.stack:
            scan.stack.pop()
        scan.in_value = bool(scan.stack) or token == "}" or scan.in_value
    elif token == "," and scan.stack and scan.stack[-1] == "{":
        scan.in_value = False
        scan.start_key(at + 1)
    return None
