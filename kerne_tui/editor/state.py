"""What the editor's screens share: the document, where it is saved, and the live checks."""

from __future__ import annotations

import logging
from pathlib import Path

from kerne_tui.catalog import Lang, t
from kerne_tui.editor.checks import Checked, check
from kerne_tui.editor.document import PlanDocument
from kerne_tui.editor.files import save_document
from kerne_tui.editor.timeline import Timeline, timeline

log = logging.getLogger(__name__)


class EditorSession:
    """One plan being edited: its document, its file, and the loader's verdict on it."""

    def __init__(self, document: PlanDocument, path: Path, lang: Lang) -> None:
        self.document = document
        self.path = path
        self.lang: Lang = lang
        """The language of the editor's own words (the command line's)."""
        self.checked: Checked = Checked(None)
        self.timeline: Timeline = timeline({})
        self.recheck()

    @property
    def name(self) -> str:
        """The name the plan goes by (its file name without ``.toml``)."""
        return self.path.name.removesuffix(".toml")

    @property
    def plan_lang(self) -> Lang:
        """The plan's own language: the field help is written in it."""
        return "en" if self.document.data().get("language") == "en" else "da"

    def recheck(self) -> None:
        """Run the loader's checks and work out the clock again, after any change."""
        data = self.document.data()
        self.checked = check(data, str(self.path))
        self.timeline = timeline(data)

    def save(self) -> str:
        """Save to the plan's file; the sentence to show (saved, a draft, or why not)."""
        try:
            save_document(self.document, self.path)
        except OSError as error:
            log.warning("saving %s failed: %s", self.path, error)
            return t(self.lang, "editor.status.save_failed", path=self.path, reason=error.strerror)
        if self.checked.problems:
            return t(self.lang, "editor.status.draft", path=self.path)
        return t(self.lang, "editor.status.saved", path=self.path)
