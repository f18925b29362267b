"""Mistakes the user can fix, said in one sentence with a hint: the command line's errors.

Every command turns what went wrong (a plan not found, a session file that cannot be read, a
data folder it cannot write) into a :class:`UserError`; ``cli.fail`` prints it, never a
traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

from kerne_tui.catalog import Lang, counted, t
from kerne_tui.plan import Plan, PlanError, builtin_plans, find_plan, load_plan, own_plans
from kerne_tui.settings import default_data_folder
from kerne_tui.store import SessionFileError
from kerne_tui.store.files import PRIVATE_FOLDER, make_private_folder


class UserError(Exception):
    """A mistake the user can fix: one clear sentence and a hint, never a traceback."""

    def __init__(self, message: str, hint: str = "", lines: Sequence[str] = ()) -> None:
        self.message = message
        self.hint = hint
        self.lines = list(lines)
        super().__init__(message)


def ensure_writable(folder: Path, lang: Lang) -> None:
    """Make the data folder (this user's only), or explain why it cannot be used.

    kerne's own default folder is made private even when an earlier version made it readable
    by all; a folder the user chose keeps its mode (the session files in it are private).
    """
    try:
        if not make_private_folder(folder) and folder == default_data_folder():
            os.chmod(folder, PRIVATE_FOLDER)
        probe = folder / ".kerne-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise UserError(
            t(lang, "cli.data_dir", path=folder, detail=error.strerror or error),
            t(lang, "cli.data_dir.hint"),
        ) from None


def plan_not_found(name: str, data_dir: Path | None, lang: Lang) -> UserError:
    """No plan by that name: the built-in plans and the facilitator's own are named."""
    names = ", ".join(p.name.removesuffix(".toml") for p in builtin_plans())
    hint = t(lang, "cli.builtin_list", names=names)
    own = ", ".join(p.name.removesuffix(".toml") for p in own_plans(data_dir))
    if own:
        hint += " " + t(lang, "cli.own_list", names=own)
    return UserError(t(lang, "cli.plan_not_found", name=name), hint)


def resolve_plan(name: str, lang: Lang, data_dir: Path | None = None) -> Plan:
    """A plan by path, built-in name or own name, checked; errors become UserError."""
    try:
        path = find_plan(name, data_dir)
    except PlanError as error:
        raise UserError(error.messages(lang)[0]) from None
    if path is None:
        raise plan_not_found(name, data_dir, lang)
    try:
        return load_plan(path)
    except PlanError as error:
        raise UserError(
            counted(lang, "cli.invalid_plans", 1, field="count"), lines=error.messages(lang)
        ) from None


def session_file_error(error: SessionFileError, lang: Lang) -> UserError:
    """A clear sentence for a session file that cannot be read."""
    return UserError(
        t(lang, f"cli.session_file.{error.reason}", path=error.path, detail=error.detail)
    )


def session_not_found(name: str, folder: Path, lang: Lang) -> UserError:
    """No session by that name: a folder named where the file belongs is said to be one."""
    if Path(name).is_dir():
        return UserError(t(lang, "cli.session_is_folder", path=name))
    return UserError(t(lang, "cli.session_not_found", name=name, folder=folder))


_CAUSES = {
    errno.ENOSPC: "files.cause.full",
    errno.EDQUOT: "files.cause.full",
    errno.EACCES: "files.cause.denied",
    errno.EPERM: "files.cause.denied",
    errno.EROFS: "files.cause.read_only",
}


def write_failed(key: str, folder: Path, error: OSError, lang: Lang) -> UserError:
    """An archive or report that could not be written: the folder and the cause, one sentence."""
    cause_key = _CAUSES.get(error.errno or 0, "files.cause.other")
    cause = t(lang, cause_key, detail=error.strerror or error)
    return UserError(t(lang, key, folder=folder, cause=cause))
