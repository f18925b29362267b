"""The editor's keys: one list, read by the footer, the help screen (``?``) and the tests."""

from __future__ import annotations

from textual.binding import Binding, BindingsMap, BindingType

from kerne_tui.catalog import Lang
from kerne_tui.tui.keys import translated as translated_keys

AGENDA_KEYS: list[BindingType] = [
    Binding("enter", "edit", "editor.key.edit", tooltip="editor.key.edit.long"),
    Binding("a", "add_step", "editor.key.add", tooltip="editor.key.add.long"),
    Binding(
        "d", "duplicate", "editor.key.duplicate", tooltip="editor.key.duplicate.long", show=False
    ),
    Binding("delete,x", "delete", "editor.key.delete", tooltip="editor.key.delete.long"),
    Binding("u,ctrl+z", "undo", "editor.key.undo", tooltip="editor.key.undo.long"),
    Binding("shift+up,K", "move(-1)", "editor.key.up", tooltip="editor.key.up.long"),
    Binding("shift+down,J", "move(1)", "editor.key.down", tooltip="editor.key.down.long"),
    Binding("m", "move_to_module", "editor.key.move", tooltip="editor.key.move.long", show=False),
    Binding("n", "add_module", "editor.key.module", tooltip="editor.key.module.long", show=False),
    Binding(
        "r", "rename_module", "editor.key.rename", tooltip="editor.key.rename.long", show=False
    ),
    Binding("i", "facts", "editor.key.facts", tooltip="editor.key.facts.long"),
    Binding("p", "preview", "editor.key.preview", tooltip="editor.key.preview.long"),
    Binding("question_mark", "help", "editor.key.help", tooltip="editor.key.help.long"),
    Binding("escape", "back", "editor.key.back", tooltip="editor.key.back.long", show=False),
]
"""The agenda's keys (the spine of the editor)."""

APP_KEYS: list[BindingType] = [
    Binding("ctrl+s", "save", "editor.key.save", tooltip="editor.key.save.long", priority=True),
    Binding(
        "ctrl+q", "quit_editor", "editor.key.quit", tooltip="editor.key.quit.long", priority=True
    ),
]
"""Keys that work on every screen of the editor."""

FORM_KEYS: list[BindingType] = [
    Binding("escape", "back", "editor.key.back", tooltip="editor.key.back.long"),
    Binding("f2", "preview", "editor.key.preview", tooltip="editor.key.preview.long"),
]
"""A form's keys: letters are typed into the fields, so only escape and a function key."""


def translated(bindings: BindingsMap, lang: Lang) -> BindingsMap:
    """A copy of *bindings* whose descriptions (catalog keys) are read in *lang*."""
    return translated_keys(bindings, lang, ("editor.",))
