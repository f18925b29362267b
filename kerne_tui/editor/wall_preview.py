"""The wall's own screen for the selected step: a throwaway rehearsal session of the plan as
it stands, in a temporary folder that is deleted when the preview closes.

The screen is the wall's ``MainScreen`` itself (its layout, its countdown, its QR code, its
styles from ``kerne.tcss``), at the editor's terminal size; only its keys are the editor's:
Escape goes back, ``t`` shows the phone's page for the step.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from kerne_tui.editor.keys import translated
from kerne_tui.editor.preview import PreviewScreen
from kerne_tui.editor.state import EditorSession
from kerne_tui.plan import Plan
from kerne_tui.tui.screens import MainScreen
from kerne_tui.workshop import Workshop

log = logging.getLogger(__name__)

PREVIEW_ADDRESS = "http://kerne.local:8765/j/{code}"
"""The join address the preview's wall shows: no phone can join a preview."""
PREVIEW_CODE = "KERNE"
"""The preview's join code (from the join alphabet): the same on every preview."""


class WallPreview(MainScreen, inherit_bindings=False):
    """The wall as it will show the step; the editor's keys only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "editor.key.back", tooltip="editor.key.back.long"),
        Binding("t", "phone", "editor.key.phone", tooltip="editor.key.phone.long"),
    ]

    def __init__(
        self, workshop: Workshop, folder: Path, session: EditorSession, place: tuple[int, int]
    ) -> None:
        super().__init__(
            workshop, PREVIEW_ADDRESS.format(code=workshop.join_code), workshop.plan.language
        )
        self.folder = folder
        self.session = session
        self.place = place
        self._bindings = translated(self._bindings, session.lang)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action in ("leave", "phone")

    def action_phone(self) -> None:
        """The phone's page for the same step."""
        module, step = self.place
        self.app.push_screen(PreviewScreen(self.session, module, step))

    async def action_leave(self) -> None:
        """Back to the editor; the throwaway session and its folder go."""
        self.dismiss(None)
        await close(self.workshop, self.folder)


async def open_wall(
    plan: Plan, step_id: str, session: EditorSession, place: tuple[int, int]
) -> WallPreview | None:
    """The wall's screen for *step_id* of *plan*, or None where a session cannot be made of it
    (a follow-up's plan needs its earlier session)."""
    folder = Path(tempfile.mkdtemp(prefix="kerne-preview-"))
    try:
        workshop = Workshop.create(plan, folder, rehearsal=True, join_code=PREVIEW_CODE)
    except Exception as error:  # a follow-up without its earlier session, a full disk
        log.info("no wall preview of %s: %s", step_id, error)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    await workshop.open()
    await workshop.go_to(step_id, run_timer=False)
    return WallPreview(workshop, folder, session, place)


async def close(workshop: Workshop, folder: Path) -> None:
    """End the throwaway session and delete its folder."""
    try:
        await workshop.shutdown()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def show_preview(app: App[None], session: EditorSession, module: int, step: int) -> None:
    """The wall's screen for the step where the plan can run; else the words of the step and
    the phone's page (a plan with problems, a follow-up)."""
    plan = session.checked.plan
    if plan is not None and module < len(plan.modules) and step < len(plan.modules[module].steps):
        wall = await open_wall(plan, plan.modules[module].steps[step].id, session, (module, step))
        if wall is not None:
            app.push_screen(wall)
            return
    app.push_screen(PreviewScreen(session, module, step))
