"""Finding session files in the data folder, for ``kerne sessions`` and ``--resume``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kerne_tui.sanitize import clean_text
from kerne_tui.store.layout import SessionStatus
from kerne_tui.store.reading import SessionFileError, decode_head, read_session_data


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One line of ``kerne sessions``."""

    path: Path
    title: str
    created: str
    join_code: str
    status: SessionStatus
    rehearsal: bool


def summarise(path: Path) -> SessionSummary:
    """Read the header and state of one session file (raises SessionFileError)."""
    header, state = decode_head(path, read_session_data(path))
    return SessionSummary(
        path=path,
        # A file from an older kerne, or one edited by hand, may hold terminal escapes.
        title=clean_text(header.title, multiline=False),
        created=clean_text(header.created, multiline=False),
        join_code=clean_text(header.join_code, multiline=False),
        status=state.status,
        rehearsal=header.rehearsal,
    )


def list_sessions(folder: Path) -> tuple[list[SessionSummary], list[SessionFileError]]:
    """Every readable session file in *folder*, newest first, and those that cannot be read."""
    found: list[SessionSummary] = []
    broken: list[SessionFileError] = []
    if not folder.is_dir():
        return found, broken
    for path in folder.glob("*.json"):
        try:
            found.append(summarise(path))
        except SessionFileError as error:
            broken.append(error)
    found.sort(key=lambda s: s.created, reverse=True)
    return found, broken


def latest_unfinished(folder: Path) -> SessionSummary | None:
    """The newest real session that was not closed, for ``--resume`` (rehearsals are skipped)."""
    sessions, _ = list_sessions(folder)
    for summary in sessions:
        if summary.status != SessionStatus.FINISHED and not summary.rehearsal:
            return summary
    return None


def find_session(folder: Path, name: str) -> Path | None:
    """A session by path, file name, file stem or join code."""
    candidate = Path(name)
    if candidate.is_file():
        return candidate
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if name in (path.name, path.stem) or path.stem.endswith("-" + name.upper()):
            return path
    return None
