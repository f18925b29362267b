"""Make participant text safe to store and show: normalised, no control or steering codes."""

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


def clean_text(text: str, *, multiline: bool) -> str:
    """Return *text* in NFC without ANSI escapes, control or bidi-steering characters.

    Line breaks survive where *multiline* is true (free text); a one-line field folds them
    into spaces. Runs of spaces are kept as typed; the ends are trimmed.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():
        # No control, format (bidi) or separator characters, so no escapes and no line breaks:
        # only the ends to trim. The common case, and the loop below is slow (benchmarks/).
        return text.strip()
    text = _ANSI.sub("", text)
    text = text.translate(_BIDI)
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
    return cleaned.strip()
