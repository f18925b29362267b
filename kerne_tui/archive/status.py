"""A session's status for ``kerne sessions``: not started, running, finished or archived."""

from __future__ import annotations

import glob
import zipfile
from pathlib import Path

from kerne_tui.archive.verify import read_manifest
from kerne_tui.catalog import Lang, t
from kerne_tui.settings import cli_language
from kerne_tui.store import ARCHIVES, SessionStatus, SessionSummary

__all__ = ["ARCHIVES", "is_archived", "session_status"]

ARCHIVED = "archived"
"""Not a status of the session file: a finished session with an archive made after the end."""
_KNOWN = (*(status.value for status in SessionStatus), ARCHIVED)


def is_archived(summary: SessionSummary, archives: Path) -> bool:
    """True when *archives* holds a zip made of this session after it had finished.

    The session file is never marked: the zips' manifests name the session by join code and
    creation time, and an archive made while the session still ran does not count.
    """
    if not archives.is_dir():
        return False
    for path in archives.glob(f"*{glob.escape(summary.join_code)}*.zip"):
        try:
            with zipfile.ZipFile(path) as bundle:
                manifest = read_manifest(bundle)
        except (zipfile.BadZipFile, OSError):
            continue
        session = manifest.get("session") if manifest else None
        if (
            isinstance(session, dict)
            and session.get("join_code") == summary.join_code
            and session.get("created") == summary.created
            and session.get("status") == SessionStatus.FINISHED
        ):
            return True
    return False


def session_status(summary: SessionSummary, data_dir: Path, lang: Lang | None = None) -> str:
    """The status word for a person, with rehearsals marked as such."""
    lang = lang or cli_language()
    status: str = summary.status
    if summary.status == SessionStatus.FINISHED and is_archived(summary, data_dir / ARCHIVES):
        status = ARCHIVED
    word = t(lang, f"archive.status.{status}") if status in _KNOWN else status
    if summary.rehearsal:
        word = t(lang, "archive.status.rehearsal", status=word)
    return word
