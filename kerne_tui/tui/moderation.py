"""The keys that moderate the answers on show: select, hide, bring back and merge.

Cards, action rows, words of a cloud and questions are selected the same way; a word is hidden
and merged as a word edit of its step, the rest as contributions.
"""

from __future__ import annotations

from kerne_tui.catalog import t
from kerne_tui.plan import Step, StepKind
from kerne_tui.tui.commands import guarded
from kerne_tui.tui.dialogs import MergeScreen
from kerne_tui.tui.keys import KeyedScreen
from kerne_tui.tui.results import ResultsView
from kerne_tui.workshop import StepResults, Workshop, results_for


class ModerationKeys(KeyedScreen):
    """The moderation of the answers on show, for the main screen to inherit."""

    workshop: Workshop
    selected: str | None
    """The card, action row, word or question the facilitator picked."""
    results: StepResults | None
    """The results on show (or counted) right now."""

    def refresh_answers(self) -> None:
        """Recount and redraw the answers (the main screen's)."""
        raise NotImplementedError

    def parking_shown(self) -> bool:
        """True while the parking lot stands in place of the answers (the main screen's)."""
        raise NotImplementedError

    def results_step(self) -> Step | None:
        """The step whose answers belong on screen (the main screen's)."""
        raise NotImplementedError

    def selected_text(self) -> str:
        """The text of the selected card (empty if none)."""
        if self.results is None or self.selected is None:
            return ""
        for card in self.results.cards:
            if card.id == self.selected:
                return card.text
        for row in self.results.actions:
            if row.id == self.selected:
                return row.what
        for question in self.results.questions:
            if question.id == self.selected:
                return question.text
        if any(entry.word == self.selected for entry in self.results.words):
            return self.selected
        return ""

    def _move(self, delta: int) -> None:
        ids = self.query_one(ResultsView).selectable
        if not ids:
            self.notify(t(self.lang, "tui.select.none"), severity="warning")
            return
        if self.selected in ids:
            index = (ids.index(self.selected) + delta) % len(ids)
        else:
            index = 0 if delta > 0 else len(ids) - 1
        self.selected = ids[index]
        self.refresh_answers()

    def action_select_next(self) -> None:
        """Select the next card (down or tab)."""
        self._move(1)

    def action_select_previous(self) -> None:
        """Select the previous card (up or shift+tab)."""
        self._move(-1)

    async def action_hide_selected(self) -> None:
        """Hide the selected card from the wall (moderation; the count still includes it)."""
        chosen = self.selected
        if chosen is None:
            self.notify(t(self.lang, "tui.select.first"), severity="warning")
            return
        ids = self.query_one(ResultsView).selectable
        results = self.results
        if results is not None and results.step.kind is StepKind.WORDS:
            hiding = self.workshop.toggle_word_hidden(results.step.id, chosen)
            ok, _ = await guarded(self.app, self.lang, hiding)
        else:
            ok, _ = await guarded(self.app, self.lang, self.workshop.toggle_hidden(chosen))
        if not ok:
            return
        rest = [cid for cid in ids if cid != chosen]
        if rest:
            position = min(ids.index(chosen), len(rest) - 1) if chosen in ids else 0
            self.selected = rest[position]
        else:
            self.selected = None
        self.notify(t(self.lang, "tui.hidden.done"))
        self.refresh_answers()

    async def action_show_hidden(self) -> None:
        """Bring back every hidden answer of the step on show."""
        if self.parking_shown():
            for contribution in self.workshop.parked(include_invisible=True):
                if contribution.hidden and not contribution.retracted:
                    await guarded(self.app, self.lang, self.workshop.toggle_hidden(contribution.id))
            self.refresh_answers()
            return
        target = self.results_step()
        if target is None:
            return
        for word, into in self.workshop.word_edits(target.id).items():
            if not into:
                await guarded(self.app, self.lang, self.workshop.restore_word(target.id, word))
        for contribution in self.workshop.contributions(target.id, include_invisible=True):
            if contribution.hidden and not contribution.retracted:
                await guarded(self.app, self.lang, self.workshop.toggle_hidden(contribution.id))
        self.refresh_answers()

    def action_merge_selected(self) -> None:
        """Fold the selected card into another card that says the same."""
        chosen = self.selected
        results = self.results
        if chosen is not None and results is not None and (results.words or results.questions):
            self._merge_word_or_question(chosen, results)
            return
        if chosen is None or self.results is None or not self.results.cards:
            self.notify(t(self.lang, "tui.select.first"), severity="warning")
            return
        # Any card of the step can take the duplicate, also those too old for the wall.
        step = self.results.step
        every = results_for(
            step,
            self.workshop.contributions(step.id, include_invisible=True),
            self.workshop.options(step),
        )
        targets = [(card.id, card.text) for card in every.cards if card.id != chosen]
        if not targets:
            self.notify(t(self.lang, "tui.merge.alone"), severity="warning")
            return

        async def merge_into(target: str | None) -> None:
            if target is None:
                return
            ok, _ = await guarded(self.app, self.lang, self.workshop.merge(chosen, target))
            if ok:
                self.selected = target
                self.notify(t(self.lang, "tui.merge.done"))
                self.refresh_answers()

        self.app.push_screen(MergeScreen(self.selected_text(), targets, self.lang), merge_into)

    def _merge_word_or_question(self, chosen: str, results: StepResults) -> None:
        """Fold a word of a cloud into another word, or a question into another question."""
        step = results.step
        if results.words:
            targets = [(w.word, w.word) for w in results.words if w.word != chosen]
        else:
            targets = [(q.id, q.text) for q in results.questions if q.id != chosen]
        if not targets:
            self.notify(t(self.lang, "tui.merge.alone"), severity="warning")
            return

        async def merge_into(target: str | None) -> None:
            if target is None:
                return
            if results.words:
                merging = self.workshop.merge_word(step.id, chosen, target)
            else:
                merging = self.workshop.merge(chosen, target)
            ok, _ = await guarded(self.app, self.lang, merging)
            if ok:
                self.selected = target
                self.notify(t(self.lang, "tui.merge.done"))
                self.refresh_answers()

        self.app.push_screen(MergeScreen(self.selected_text(), targets, self.lang), merge_into)
