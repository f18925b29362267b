"""The plan as a TOML document that keeps its comments, order and layout (``tomlkit``).

Every change goes through :class:`PlanDocument`: a field set, a step added, moved, duplicated
or deleted, a module added, renamed or removed. Each change first remembers the whole text, so
that ``undo`` gives back exactly what was there. What is never touched stays byte for byte.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from kerne_tui.catalog import Lang
from kerne_tui.editor.defaults import new_step_fields
from kerne_tui.plan import StepKind

Value = str | int | float | bool | list[str]
"""What a plan field may hold in the editor: text, a number, a switch or a list of texts."""
UNDO_DEPTH = 50
"""How many changes can be undone."""


class PlanDocument:
    """One plan file's text, parsed so that what is not changed is written back unchanged."""

    def __init__(self, text: str) -> None:
        self.doc = tomlkit.parse(text)
        self.saved_text = text
        """The text as last read or saved: the document is unsaved while it differs."""
        self._undo: list[str] = []
        self._typing: tuple[int, str] | None = None
        """The field the last change was typed into (its table and key)."""

    # --- reading ---------------------------------------------------------------------------

    def text(self) -> str:
        """The document as TOML, ready to be written."""
        return tomlkit.dumps(self.doc)

    def data(self) -> dict[str, Any]:
        """The document as plain Python values, as ``tomllib`` would read the file."""
        return self.doc.unwrap()

    @property
    def changed(self) -> bool:
        """True while there are changes not yet saved."""
        return self.text() != self.saved_text

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self._undo)

    def modules(self) -> list[Table]:
        """The module tables, in order (none when the file has no usable list of them)."""
        modules = self.doc.get("modules")
        return list(modules) if isinstance(modules, AoT) else []

    def steps(self, module: int) -> list[Table]:
        """The step tables of the module at *module* (counted from 0)."""
        steps = self.modules()[module].get("steps")
        return list(steps) if isinstance(steps, AoT) else []

    def step(self, module: int, step: int) -> Table:
        """The step table at (*module*, *step*)."""
        return self.steps(module)[step]

    def ids(self) -> set[str]:
        """Every step id in use."""
        return {
            str(table.get("id"))
            for index in range(len(self.modules()))
            for table in self.steps(index)
            if isinstance(table.get("id"), str)
        }

    # --- changes ---------------------------------------------------------------------------

    def _remember(self, field: tuple[int, str] | None = None) -> None:
        """Keep the text before a change; typing on in the same field is one change."""
        if field is not None and field == self._typing:
            return
        self._typing = field
        self._undo.append(self.text())
        del self._undo[:-UNDO_DEPTH]

    def undo(self) -> bool:
        """Go back to the text before the last change; False when there is none."""
        if not self._undo:
            return False
        self._typing = None
        self.doc = tomlkit.parse(self._undo.pop())
        return True

    def mark_saved(self) -> None:
        """The current text is what is on disk now."""
        self.saved_text = self.text()

    def set_top(self, name: str, value: Value | None) -> None:
        """Set a field at the top of the plan (None removes it)."""
        self._set(self.doc, name, value)

    def set_module(self, module: int, name: str, value: Value | None) -> None:
        """Set a field of the module at *module*."""
        self._set(self.modules()[module], name, value)

    def set_step(self, module: int, step: int, name: str, value: Value | None) -> None:
        """Set a field of the step at (*module*, *step*)."""
        self._set(self.step(module, step), name, value)

    def _set(self, table: Any, name: str, value: Value | None) -> None:
        current = table.get(name)
        plain = current.unwrap() if hasattr(current, "unwrap") else current
        if value is None:
            if name in table:
                self._remember((id(table), name))
                del table[name]
            return
        if plain == value and type(plain) is type(value):
            return
        self._remember((id(table), name))
        table[name] = _item(value)

    def add_step(self, module: int, after: int | None, kind: StepKind, lang: Lang) -> int:
        """Add a new step of *kind* after position *after* (None: at the end); its index."""
        self._remember()
        table = tomlkit.table()
        for name, value in new_step_fields(kind, self._fresh_id(kind.value), lang).items():
            table.add(name, _item(value))
        table.trivia.trail = "\n\n"
        return self._insert(module, after, table)

    def duplicate_step(self, module: int, step: int) -> int:
        """A copy of the step just after it, with a new id; the copy's index."""
        self._remember()
        table = copy.deepcopy(self.step(module, step))
        old = table.get("id")
        base = str(old) if isinstance(old, str) and old else "trin"
        table["id"] = self._fresh_id(base)
        return self._insert(module, step, table)

    def delete_step(self, module: int, step: int) -> None:
        """Remove the step at (*module*, *step*)."""
        self._remember()
        del self._steps_aot(module)[step]

    def move_step(self, module: int, step: int, delta: int) -> tuple[int, int]:
        """Move a step one place up (-1) or down (+1), into the neighbouring module at an end.

        Returns where the step is now; the same place when it is already first or last.
        """
        steps = self.steps(module)
        target = step + delta
        if 0 <= target < len(steps):
            self._remember()
            aot = self._steps_aot(module)
            table = aot[step]
            del aot[step]
            aot.insert(target, table)
            return module, target
        other = module + delta
        if not 0 <= other < len(self.modules()):
            return module, step
        self._remember()
        aot = self._steps_aot(module)
        table = aot[step]
        del aot[step]
        into = self._steps_aot(other)
        position = len(into) if delta < 0 else 0
        into.insert(position, table)
        return other, position

    def move_step_to(self, module: int, step: int, other: int) -> int:
        """Move a step to the end of the module at *other*; its index there."""
        if other == module or not 0 <= other < len(self.modules()):
            return step
        self._remember()
        aot = self._steps_aot(module)
        table = aot[step]
        del aot[step]
        into = self._steps_aot(other)
        into.append(table)
        return len(into) - 1

    def add_module(self, after: int | None, title: str, step_kind: StepKind, lang: Lang) -> int:
        """A new module with *title* and one step, after *after* (None: at the end)."""
        self._remember()
        module = tomlkit.table()
        module.add("title", title)
        module.trivia.trail = "\n\n"
        step = tomlkit.table()
        for name, value in new_step_fields(
            step_kind, self._fresh_id(step_kind.value), lang
        ).items():
            step.add(name, _item(value))
        step.trivia.trail = "\n\n"
        steps = tomlkit.aot()
        steps.append(step)
        module.append("steps", steps)
        modules = self.doc.get("modules")
        if not isinstance(modules, AoT):
            modules = tomlkit.aot()
            self.doc.append("modules", modules)
        position = len(modules) if after is None else after + 1
        _ensure_gap(modules, position)
        modules.insert(position, module)
        return position

    def remove_module(self, module: int) -> None:
        """Remove the module at *module* with all its steps."""
        self._remember()
        modules = self.doc["modules"]
        assert isinstance(modules, AoT)
        del modules[module]

    # --- helpers ---------------------------------------------------------------------------

    def _steps_aot(self, module: int) -> AoT:
        table = self.modules()[module]
        steps = table.get("steps")
        if not isinstance(steps, AoT):
            steps = tomlkit.aot()
            table.append("steps", steps)
        return steps

    def _insert(self, module: int, after: int | None, table: Table) -> int:
        aot = self._steps_aot(module)
        position = len(aot) if after is None else after + 1
        _ensure_gap(aot, position)
        aot.insert(position, table)
        return position

    def _fresh_id(self, base: str) -> str:
        """An id not yet in use: *base*, else *base*-2, *base*-3, …"""
        base = re.sub(r"-\d+$", "", base) or "trin"
        taken = self.ids()
        if base not in taken:
            return base
        number = 2
        while f"{base}-{number}" in taken:
            number += 1
        return f"{base}-{number}"


def _item(value: Value) -> Any:
    """A TOML item for *value*: a text with line breaks as a multi-line string."""
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string("\n" + value, multiline=True)
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(value)
        return array
    return tomlkit.item(value)


def _ensure_gap(aot: AoT, position: int) -> None:
    """The table before *position* ends with a blank line, so the new one stands apart."""
    if 0 < position <= len(aot):
        before = aot[position - 1]
        if not before.as_string().endswith("\n\n"):
            before.add(tomlkit.nl())
