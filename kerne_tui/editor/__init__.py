"""``kerne edit``: the plan editor, a Textual app of its own (see ``app.py``)."""

from kerne_tui.editor.app import EditorApp, run_editor

__all__ = ["EditorApp", "run_editor"]
