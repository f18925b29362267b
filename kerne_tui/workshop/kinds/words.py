"""Word-cloud steps: each phone sends up to ``max_words`` short words or phrases, once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from kerne_tui.catalog import Lang
from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec, clean_field
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import Parts, WordCount

WORD_LIMIT = 40
"""The longest word or phrase, in characters."""


def fold_word(word: str) -> str:
    """The form a word is counted under: lower case, inner spaces single, Danish letters kept.

    ``str.lower`` and not ``casefold``: casefold turns ß into ss, and a cloud shows the word
    people wrote. Æ, Ø and Å lower to æ, ø and å and stay apart from ae, oe and aa.
    """
    return " ".join(word.lower().split())


class WordsSpec(KindSpec):
    """``words`` is a list of 1 to ``max_words`` strings; the cloud counts each folded word."""

    kinds = (StepKind.WORDS,)
    summed = True

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        raw = payload.get("words")
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        if len(raw) > step.max_words:
            raise Refused("invalid", "refuse.words_count", limit=step.max_words, count=len(raw))
        words: list[str] = []
        for item in raw:
            cleaned = clean_field(item, WORD_LIMIT, multiline=False, required=False)
            if cleaned:
                words.append(fold_word(cleaned))
        unique = tuple(dict.fromkeys(words))
        if not unique:
            raise Refused("invalid", "refuse.empty")
        return {"words": unique}

    def edited(
        self, visible: Sequence[Contribution], edits: Mapping[str, str]
    ) -> list[Contribution]:
        """*visible* with the facilitator's word edits: "" hides a word, text merges it."""
        if not edits:
            return list(visible)
        result = []
        for c in visible:
            words = tuple(dict.fromkeys(w for w in (_target(w, edits) for w in c.words) if w))
            result.append(c if words == c.words else replace(c, words=words))
        return result

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        stop = set(step.stop_words)
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for c in visible:
            for word in c.words:
                if word in stop:
                    continue
                counts[word] += 1
                first.setdefault(word, len(first))
        ordered = sorted(counts, key=lambda w: (-counts[w], first[w]))
        return Parts(words=tuple(WordCount(word, counts[word]) for word in ordered))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        return "; ".join(contribution.words)


def _target(word: str, edits: Mapping[str, str]) -> str:
    """Where *word* ends up after following merges ("" where it, or its target, is hidden)."""
    for _ in range(len(edits) + 1):
        if word not in edits:
            return word
        word = edits[word]
        if not word:
            return ""
    return word
