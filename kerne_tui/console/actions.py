"""The console's keys that moderate: hide and merge (answers, or a cloud's words), close a
parked item or question (answered, owner, drop), the parking lot on the wall, and pinning.

:class:`ModeratingApp` is the console app's base: every key is a request to the session, and
the session's next view shows what it did.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import OptionList

from kerne_tui.catalog import Lang, t
from kerne_tui.console.listing import WORD, Picked, picked
from kerne_tui.console.screens import PinDialog
from kerne_tui.tui.dialogs import OwnerScreen


class ModeratingApp(App[int]):
    """The moderation keys of ``kerne console`` (the app itself draws and listens)."""

    lang: Lang
    view: dict[str, Any]
    merging: str | None
    """The line picked to be merged, while the facilitator picks the one it goes into."""

    async def send(self, name: str, **args: Any) -> bool:
        """Ask the session to run a command (the app's)."""
        raise NotImplementedError

    def redraw_answers(self) -> None:
        """Draw the list again from the last view (the app's)."""
        raise NotImplementedError

    def answers_list(self) -> OptionList:
        """The list of answers, words, totals or parked items (the app's)."""
        raise NotImplementedError

    def selected_id(self) -> str | None:
        """The id of the highlighted line, if one is highlighted."""
        answers = self.answers_list()
        if answers.highlighted is None:
            return None
        return answers.get_option_at_index(answers.highlighted).id

    def picked(self) -> Picked | None:
        """What the highlighted line stands for."""
        return picked(self.view, self.selected_id())

    def _need_pick(self, *kinds: str) -> Picked | None:
        chosen = self.picked()
        if chosen is None or chosen.kind not in kinds:
            self.notify(t(self.lang, "console.select_first"), severity="warning")
            return None
        return chosen

    def _step_id(self) -> str:
        return str((self.view.get("answers") or {}).get("step", ""))

    async def action_hide_selected(self) -> None:
        """Hide the highlighted answer, word or parked item from the wall, or bring it back."""
        chosen = self._need_pick("answer", "word", "park")
        if chosen is None:
            return
        if chosen.kind == "word":
            await self.send("hide_word", step=self._step_id(), word=chosen.id)
        else:
            await self.send("hide", id=chosen.id)

    async def action_merge_selected(self) -> None:
        """First press picks the line to merge; the second, on another, merges it into that."""
        chosen = self.selected_id()
        found = self._need_pick("answer", "word", "park")
        if found is None or chosen is None:
            return
        if self.merging is None or self.merging == chosen:
            self.merging = chosen
            self.notify(t(self.lang, "console.merge.pick"))
            self.redraw_answers()
            return
        source, self.merging = self.merging, None
        if source.startswith(WORD) != chosen.startswith(WORD):
            self.notify(t(self.lang, "console.select_first"), severity="warning")
            self.redraw_answers()
            return
        if source.startswith(WORD):
            into = chosen.removeprefix(WORD)
            word = source.removeprefix(WORD)
            await self.send("merge_word", step=self._step_id(), word=word, into=into)
            return
        first = picked(self.view, source)
        await self.send("merge", id=first.id if first else source, into=found.id)

    async def action_answer_selected(self) -> None:
        """Mark the highlighted parked item or question answered (again: open it again)."""
        chosen = self._need_pick("park", "answer")
        if chosen is not None:
            await self.send("answered", id=chosen.id)

    async def action_drop_selected(self) -> None:
        """Drop the highlighted parked item or question (again: open it again)."""
        chosen = self._need_pick("park", "answer")
        if chosen is not None:
            await self.send("drop", id=chosen.id)

    def action_owner_selected(self) -> None:
        """Give the highlighted parked item or question an owner, typed in a dialog."""
        chosen = self._need_pick("park", "answer")
        if chosen is None:
            return

        async def give(owner: str | None) -> None:
            if owner:
                await self.send("owner", id=chosen.id, owner=owner)

        self.push_screen(OwnerScreen(chosen.text, self.lang), give)

    async def action_toggle_parking(self) -> None:
        """Show the parking lot on the wall in place of the answers, or the answers again."""
        await self.send("parking")

    def action_pin(self) -> None:
        """Pin the highlighted sentence or total, a proposal (tab), or a typed sentence."""
        chosen = self.picked()
        proposals = [str(p["text"]) for p in self.view.get("proposals", [])]
        if chosen is not None and chosen.pinnable:
            initial = chosen.text
        else:
            if chosen is not None and chosen.kind == "answer":
                self.notify(t(self.lang, "console.pin.nothing"), severity="warning")
            initial = self.view["pinned"]["text"] or ""
        source = chosen.id if chosen is not None and chosen.kind == "answer" else None

        async def pin(text: str | None) -> None:
            if not text:
                return
            from_answer = source is not None and chosen is not None and text == chosen.text
            await self.send("pin", text=text, **({"source": source} if from_answer else {}))

        self.push_screen(PinDialog(initial, proposals, self.lang), pin)
