"""What leaves the laptop: the texts of hidden and retracted contributions stay behind.

The archive is what the workplace shares. A contribution the facilitator hid (one that named a
colleague) and one its sender took back were not meant to be kept, so their words are removed
from every copy that goes in the zip: the session JSON and, since it is built from the same
data, the CSV and the reports. The contribution itself stays, with what it was (hidden,
retracted, merged) and when, so every count the report gives is the same.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.store import CONTRIBUTIONS, LOG, STATE

TEXT_FIELDS = ("text", "what", "who", "when")
"""The fields of a contribution that hold a participant's own words."""
WORDS = "words"
"""A word cloud's list of words: emptied like the texts; a word the facilitator hid from the
cloud is taken out of every contribution, and out of the state's word edits."""
WORD_EDITS = "word_edits"
SAYS_WHY = ("text", "what")
"""The fields that get a few words saying why the text is not there, so a report or a
spreadsheet row reads "(hidden by the facilitator)" rather than nothing."""
WITHHELD = "withheld"
"""The field that says why a contribution's words are not in the archive."""
HIDDEN = "hidden"
RETRACTED = "retracted"


def withheld_reason(doc: Mapping[str, Any]) -> str | None:
    """Why a stored contribution's words stay behind ("retracted", "hidden"), or None."""
    if doc.get(RETRACTED):
        return RETRACTED
    if doc.get(HIDDEN):
        return HIDDEN
    return None


def without_withheld_texts(
    data: Mapping[str, Mapping[str, Any]], lang: Lang = "da"
) -> dict[str, dict[str, Any]]:
    """A copy of session data (TinyDB JSON) with the words of hidden and retracted ones gone.

    Each such contribution keeps its row, its kind, step, time and flags, and gets a
    ``withheld`` field with the reason. Its text (or action) says why in *lang*, in
    parentheses; its other text fields become empty.
    """
    copied: dict[str, dict[str, Any]] = copy.deepcopy({k: dict(v) for k, v in data.items()})
    for doc in copied.get(CONTRIBUTIONS, {}).values():
        if not isinstance(doc, dict):
            continue
        reason = withheld_reason(doc)
        if reason is None:
            continue
        for name in TEXT_FIELDS:
            if doc.get(name):
                doc[name] = t(lang, f"hostile.withheld.{reason}") if name in SAYS_WHY else ""
        if doc.get(WORDS):
            doc[WORDS] = []
        doc[WITHHELD] = reason
    _without_hidden_words(copied)
    return copied


def _without_hidden_words(copied: dict[str, dict[str, Any]]) -> None:
    """Take the words hidden from a cloud out of its contributions and out of the state."""
    for state in copied.get(STATE, {}).values():
        edits = state.get(WORD_EDITS) if isinstance(state, dict) else None
        if isinstance(edits, dict):
            _without_words_hidden_in(copied, edits)


def _without_words_hidden_in(copied: dict[str, dict[str, Any]], edits: dict[str, Any]) -> None:
    hidden = {
        step: {word for word, into in step_edits.items() if not into}
        for step, step_edits in edits.items()
        if isinstance(step_edits, dict)
    }
    for doc in copied.get(CONTRIBUTIONS, {}).values():
        if isinstance(doc, dict) and isinstance(doc.get(WORDS), list):
            gone = hidden.get(str(doc.get("step_id")), set())
            doc[WORDS] = [word for word in doc[WORDS] if word not in gone]
    for step, step_edits in edits.items():
        if isinstance(step_edits, dict):
            edits[step] = {word: into for word, into in step_edits.items() if into}
    # The log says which word each edit was about: a hidden one is not named there either.
    for entry in copied.get(LOG, {}).values():
        if isinstance(entry, dict) and entry.get("word") in hidden.get(str(entry.get("step")), ()):
            entry["word"] = ""


def withheld_count(data: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """How many contributions' words were withheld, by reason."""
    counts = {HIDDEN: 0, RETRACTED: 0}
    for doc in data.get(CONTRIBUTIONS, {}).values():
        if isinstance(doc, Mapping):
            reason = withheld_reason(doc)
            if reason is not None:
                counts[reason] += 1
    return counts
