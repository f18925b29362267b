"""The session file: the only package that imports tinydb."""

from kerne_tui.store.files import SessionLocked, write_atomic
from kerne_tui.store.layout import SessionStatus
from kerne_tui.store.listing import (
    SessionSummary,
    find_session,
    latest_unfinished,
    list_sessions,
    summarise,
)
from kerne_tui.store.session_file import (
    CONTRIBUTIONS,
    LOG,
    SESSION,
    STATE,
    Insert,
    Operation,
    Put,
    SessionFile,
    SessionFileError,
    StoreWriteError,
    Update,
    read_session_data,
    rows,
)

__all__ = [
    "CONTRIBUTIONS",
    "LOG",
    "SESSION",
    "STATE",
    "Insert",
    "Operation",
    "Put",
    "SessionFile",
    "SessionFileError",
    "SessionLocked",
    "SessionStatus",
    "SessionSummary",
    "StoreWriteError",
    "Update",
    "find_session",
    "latest_unfinished",
    "list_sessions",
    "read_session_data",
    "rows",
    "summarise",
    "write_atomic",
]
