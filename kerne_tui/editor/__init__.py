"""``kerne edit``: the plan editor, a Textual app of its own (see ``app.py``)."""

from kerne_tui.editor.app import EditorApp, run_editor
from kerne_tui.editor.files import CannotOpen, open_document

__all__ = ["CannotOpen", "EditorApp", "open_document", "run_editor"]
