"""Moderation: hiding and merging contributions, closing questions, editing a word cloud.

The facilitator's commands on what phones sent, as :class:`Moderation`, a base of
:class:`~kerne_tui.workshop.engine.Workshop`. Each one writes through
:meth:`~kerne_tui.workshop.writes.SessionWrites._moderate` (one contribution) or the state
(a step's word edits), and is undone in memory when the write fails.
"""

from __future__ import annotations

from dataclasses import replace

from kerne_tui.plan import StepKind
from kerne_tui.store import StoreWriteError
from kerne_tui.workshop.kinds import ACTION_FIELD_LIMIT, clean_field, fold_word, spec_for
from kerne_tui.workshop.model import CommandUndone, ContributionModerated, Refused
from kerne_tui.workshop.parking import Outcome
from kerne_tui.workshop.rollback import CommandNotSaved
from kerne_tui.workshop.writes import WALL, SessionWrites


class Moderation(SessionWrites):
    """The facilitator's commands on contributions, questions and word clouds."""

    # --- contributions -------------------------------------------------------------------
    async def toggle_hidden(self, contribution_id: str, *, surface: str = WALL) -> bool:
        """Hide a contribution from the screen (moderation), or show it again."""
        contribution = self._get(contribution_id)
        updated = replace(contribution, hidden=not contribution.hidden)
        action = "hide" if updated.hidden else "unhide"
        await self._moderate(updated, action, {"hidden": updated.hidden}, surface=surface)
        return updated.hidden

    async def merge(self, contribution_id: str, into_id: str, *, surface: str = WALL) -> None:
        """Fold a duplicate card into another; it then counts with it and is not shown alone."""
        contribution = self._get(contribution_id)
        target = self._get(self._root(into_id))
        if contribution.id == target.id or contribution.step_id != target.step_id:
            raise Refused("invalid", "refuse.unknown_option")
        if not spec_for(contribution.kind).merges_answers:
            # Merged, it would only drop out of the counts (a cloud's words, a ballot's votes).
            words = contribution.kind is StepKind.WORDS
            raise Refused("invalid", "refuse.merge_by_word" if words else "refuse.merge_kind")
        updated = replace(contribution, merged_into=target.id)
        await self._moderate(
            updated, "merge", {"merged_into": target.id}, into=target.id, surface=surface
        )

    # --- questions and the parking lot ----------------------------------------------
    async def set_outcome(
        self, contribution_id: str, outcome: str, owner: str = "", *, surface: str = WALL
    ) -> None:
        """Close a question or parked item: answered, given an *owner*, or dropped ("" opens)."""
        question = self._get(contribution_id)
        if question.kind is not StepKind.QUESTIONS or question.upvote:
            raise Refused("invalid", "refuse.not_a_question")
        if outcome and outcome not in Outcome.__members__.values():
            raise Refused("invalid", "refuse.outcome")
        who = clean_field(owner, ACTION_FIELD_LIMIT, multiline=False, required=False)
        if outcome == Outcome.OWNER and not who:
            raise Refused("invalid", "refuse.owner_missing")
        who = who if outcome == Outcome.OWNER else ""
        outcome = str(outcome)
        updated = replace(question, outcome=outcome, who=who)
        fields = {"outcome": outcome, "who": who}
        await self._moderate(updated, "outcome", fields, outcome=outcome, surface=surface)

    async def toggle_answered(self, contribution_id: str) -> bool:
        """Mark a question answered, or open it again; returns True if now answered."""
        answered = not self._get(contribution_id).outcome
        await self.set_outcome(contribution_id, Outcome.ANSWERED if answered else "")
        return answered

    # --- word clouds ----------------------------------------------------------------
    async def toggle_word_hidden(self, step_id: str, word: str, *, surface: str = WALL) -> bool:
        """Hide a word from a word cloud (every phone's), or show it again; True if now hidden."""
        word = fold_word(word)
        edits = self._words_edits(step_id)
        hidden = edits.get(word) != ""
        await self._edit_words(step_id, word, "" if hidden else None, surface=surface)
        return hidden

    async def merge_word(self, step_id: str, word: str, into: str, *, surface: str = WALL) -> None:
        """Count *word* as *into* in a word cloud (a spelling or a synonym)."""
        word, into = fold_word(word), fold_word(into)
        edits = self._words_edits(step_id)
        target = into
        for _ in range(len(edits) + 1):
            if target not in edits or not edits[target]:
                break
            target = edits[target]
        if not word or not into or target == word:
            raise Refused("invalid", "refuse.merge_word")
        await self._edit_words(step_id, word, into, surface=surface)

    async def restore_word(self, step_id: str, word: str, *, surface: str = WALL) -> None:
        """Undo a word's hiding or merging."""
        await self._edit_words(step_id, fold_word(word), None, surface=surface)

    def _words_edits(self, step_id: str) -> dict[str, str]:
        if not self.plan.has_step(step_id) or self.plan.step(step_id).kind is not StepKind.WORDS:
            raise Refused("not_found", "refuse.unknown_step")
        return self._word_edits.setdefault(step_id, {})

    async def _edit_words(
        self, step_id: str, word: str, target: str | None, *, surface: str = WALL
    ) -> None:
        edits = self._words_edits(step_id)
        before = dict(edits)
        if target is None:
            edits.pop(word, None)
        else:
            edits[word] = target
        try:
            await self._persist("word", step=step_id, word=word, into=target, surface=surface)
        except StoreWriteError as error:
            self._word_edits[step_id] = before
            self._bus.publish(CommandUndone("word"))
            raise CommandNotSaved("word", str(error)) from None
        self._bus.publish(ContributionModerated(step_id, ""))
