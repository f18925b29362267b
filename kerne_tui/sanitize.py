"""Make text safe to store and show: normalised, no control or steering codes.

Participants' texts, plan texts and what a follow-up imports are all cleaned here."""

from __future__ import annotations

import re
import unicodedata

_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences such as colours and cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences such as hyperlinks and titles
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM and APC strings
    r"|\x1b[@-Z\\-_]"  # two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # eight-bit CSI
)
_BIDI = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)], None
)
_TAGS = dict.fromkeys(range(0xE0000, 0xE0080), None)
"""Unicode tag characters: invisible, they smuggle text past a reader (and into a model)."""
_TAG_RE = re.compile("[\U000e0000-\U000e007f]")
FILLERS = frozenset(
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters that draw nothing
    "\u2800"  # the blank Braille pattern
    "\u17b4\u17b5"  # Khmer inherent vowels, invisible
    "\u180e"  # Mongolian vowel separator
    "\u034f"  # combining grapheme joiner
    "\u2061\u2062\u2063\u2064"  # invisible maths operators
)
"""Characters that are letters or symbols to Unicode, yet show nothing on the wall."""
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
"""Categories that show nothing by themselves: controls, format characters, spaces and marks
that only decorate a letter before them."""


def clean_text(text: str, *, multiline: bool) -> str:
    """Return *text* in NFC without ANSI escapes, control, bidi-steering or tag characters.

    A text that shows nothing (only spaces, format characters, fillers) comes back empty, so
    it is refused like an empty one.

    Line breaks survive where *multiline* is true (free text); a one-line field folds them
    into spaces. Runs of spaces are kept as typed; the ends are trimmed.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():
        # No control, format (bidi) or separator characters, so no escapes and no line breaks:
        # only the ends to trim. The common case, and the loop below is slow (benchmarks/).
        text = text.strip()
        return text if has_visible(text) else ""
    text = _ANSI.sub("", text)
    text = text.translate(_BIDI)
    if _TAG_RE.search(text):
        text = text.translate(_TAGS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    for char in text:
        if char == "\n":
            kept.append("\n" if multiline else " ")
        elif char == "\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs", "Co") or char in "\u2028\u2029":
            continue
        else:
            kept.append(char)
    cleaned = "".join(kept)
    if multiline:
        cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    cleaned = cleaned.strip()
    return cleaned if has_visible(cleaned) else ""


def has_visible(text: str) -> bool:
    """True when *text* shows something: not only spaces, format characters and fillers.

    A text of zero-width spaces, word joiners, Hangul fillers or the blank Braille pattern
    would be an empty card on the wall; it is refused like an empty one.
    """
    for char in text:
        if char in FILLERS:
            continue
        if unicodedata.category(char) not in _UNSEEN_CATEGORIES:
            return True
    return False


def strip_tags(text: str) -> str:
    """*text* without Unicode tag characters (U+E0000 to U+E007F)."""
    return text.translate(_TAGS) if _TAG_RE.search(text) else text
