"""Letters for the back row: the word cloud's top words in the countdown's solid block type.

Five pixel rows like the digits of :mod:`kerne_tui.tui.big_numbers`; most letters are three
pixels wide, M, W, N, Æ and Ø need more. Only capitals are drawn: they read best from afar.
A word with a character the font lacks is shown in ordinary bold type instead.
"""

from __future__ import annotations

from types import MappingProxyType

from kerne_tui.tui.big_numbers import DIGITS, Font

_LETTERS: dict[str, tuple[str, ...]] = {
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": ("###", "#..", "#..", "#..", "###"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": ("###", "#..", "#.#", "#.#", "###"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", "###"),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": ("###", "#.#", "#.#", "#.#", "###"),
    "P": ("###", "#.#", "###", "#..", "#.."),
    "Q": ("###", "#.#", "#.#", "###", "..#"),
    "R": ("###", "#.#", "##.", "#.#", "#.#"),
    "S": ("###", "#..", "###", "..#", "###"),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "Æ": (".####", "#.#..", "####.", "#.#..", "#.###"),
    "Ø": ("####", "#.##", "##.#", "#..#", "####"),
    "Å": (".#.", "###", "#.#", "###", "#.#"),
    " ": ("..", "..", "..", "..", ".."),
    "!": ("#", "#", "#", ".", "#"),
    "?": ("###", "..#", ".##", "...", ".#."),
    ".": (".", ".", ".", ".", "#"),
    ",": ("..", "..", "..", ".#", "#."),
    "'": ("#", "#", ".", ".", "."),
}

LETTERS: Font = MappingProxyType({**DIGITS, **_LETTERS})
"""Capitals (Danish letters too), digits and a little punctuation."""


def drawable(word: str) -> bool:
    """True if every character of *word* in capitals is in the block font."""
    return all(char in LETTERS for char in word.upper())
