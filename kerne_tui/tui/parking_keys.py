"""The parking lot in place of the answers, and the keys that close a question or parked item.

A closed item says how it ended (answered, dropped, or given an owner typed in a dialog); the
same key again opens it again.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kerne_tui.catalog import t
from kerne_tui.store import SessionStatus
from kerne_tui.tui.commands import guarded
from kerne_tui.tui.dialogs import OwnerScreen
from kerne_tui.tui.moderation import ModerationKeys
from kerne_tui.tui.results import ResultsView
from kerne_tui.workshop import Outcome, StepResults
from kerne_tui.workshop.parking import PARKING_STEP


class ParkingKeys(ModerationKeys):
    """The parking lot and the closing keys, for the main screen to inherit."""

    parking_on_request: bool
    """The facilitator asked to see the parking lot in place of the answers."""

    def parking_shown(self) -> bool:
        """True while the parking lot stands in place of the answers (asked for, or a review)."""
        workshop = self.workshop
        if not workshop.plan.parking_lot or workshop.status == SessionStatus.WAITING:
            return False
        step = workshop.step
        return self.parking_on_request or (step is not None and step.parking)

    def toggle_parking(self) -> bool:
        """Show the parking lot in place of the answers, or the answers again."""
        self.parking_on_request = not self.parking_on_request
        self.selected = None
        self.refresh_answers()
        self.refresh_bindings()
        return self.parking_shown()

    def show_parking(self, view: ResultsView, count: Static) -> None:
        """Draw the parking lot into *view*, with its title and counts on the *count* line."""
        every = self.workshop.parked(include_invisible=True)
        rows = self.workshop.parking_rows()
        results = StepResults(
            PARKING_STEP,
            respondents=len({c.device for c in every if not c.retracted}),
            count=len(rows),
            hidden=sum(1 for c in every if c.hidden and not c.retracted and not c.upvote),
            questions=rows,
        )
        self.results = results
        open_items = sum(1 for row in rows if not row.outcome)
        text = Text(t(self.lang, "tui.parking.title") + "  ", style="bold")
        text.append(t(self.lang, "tui.parking.count", n=len(rows), open=open_items))
        if not rows:
            text.append("  ·  " + t(self.lang, "tui.parking.empty"))
        count.display = True
        count.update(text)
        view.show(results, visible=True, selected=self.selected)
        if self.selected is not None and self.selected not in view.selectable:
            self.selected = None

    async def _close_selected(self, outcome: str, owner: str = "") -> None:
        chosen = self.selected
        if chosen is None:
            self.notify(t(self.lang, "tui.select.first"), severity="warning")
            return
        rows = self.results.questions if self.results is not None else ()
        current = next((q for q in rows if q.id == chosen), None)
        if current is not None and current.outcome == outcome and outcome != Outcome.OWNER:
            outcome = ""  # the same key again opens the item again
        closing = self.workshop.set_outcome(chosen, outcome, owner)
        ok, _ = await guarded(self.app, self.lang, closing)
        if ok:
            self.notify(t(self.lang, f"outcome.{outcome or 'open'}", owner=owner))
            self.refresh_answers()

    async def action_answer_selected(self) -> None:
        """Mark the selected question or parked item answered (again: open it again)."""
        await self._close_selected(Outcome.ANSWERED)

    async def action_drop_selected(self) -> None:
        """Drop the selected parked item or question (again: open it again)."""
        await self._close_selected(Outcome.DROPPED)

    def action_owner_selected(self) -> None:
        """Give the selected parked item or question an owner, typed in a dialog."""
        if self.selected is None:
            self.notify(t(self.lang, "tui.select.first"), severity="warning")
            return

        async def give(owner: str | None) -> None:
            if owner:
                await self._close_selected(Outcome.OWNER, owner)

        self.app.push_screen(OwnerScreen(self.selected_text(), self.lang), give)
