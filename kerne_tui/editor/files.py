"""Opening and saving plans: own copies of built-in plans, written atomically."""

from __future__ import annotations

from pathlib import Path

import tomlkit.exceptions

from kerne_tui.catalog import Lang, t
from kerne_tui.editor.document import PlanDocument
from kerne_tui.plan import PlanError, load_plan, own_plans_folder
from kerne_tui.store.files import write_atomic


class CannotOpen(Exception):
    """A plan file the editor cannot open, with the one sentence that says why."""


def open_document(path: Path, lang: Lang) -> PlanDocument:
    """The plan at *path* as a document; a file that is not TOML is refused in one sentence."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CannotOpen(t(lang, "plan.not_readable", path=path, reason=error)) from None
    try:
        return PlanDocument(text)
    except tomlkit.exceptions.TOMLKitError:
        # The loader says what is wrong with the file, as kerne validate does.
        try:
            load_plan(path)
        except PlanError as error:
            raise CannotOpen(error.messages(lang)[0]) from None
        raise CannotOpen(t(lang, "plan.not_readable", path=path, reason="TOML")) from None


def copy_path(data_dir: Path, name: str) -> Path:
    """Where an own plan called *name* lives."""
    return own_plans_folder(data_dir) / f"{name}.toml"


def save_document(document: PlanDocument, path: Path) -> None:
    """Write the document to *path* atomically (the old file stays whole if this fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, document.text().encode("utf-8"))
    document.mark_saved()
