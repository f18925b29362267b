"""The session file: the only package that imports tinydb, and the owner of its layout."""

from kerne_tui.store.earlier import (
    EarlierAction,
    EarlierActions,
    EarlierOpenEnd,
    EarlierScale,
    FollowUpRecord,
)
from kerne_tui.store.fields import LayoutError, Pin
from kerne_tui.store.files import SessionLocked, write_atomic
from kerne_tui.store.layout import (
    ARCHIVE_FIELD,
    CONTRIBUTIONS,
    FOLLOW_UP_FIELD,
    LOG,
    SESSION,
    STATE,
    SessionHeader,
    SessionState,
    SessionStatus,
    TimerRecord,
    anonymised_copy,
    rows,
)
from kerne_tui.store.listing import (
    SessionSummary,
    find_session,
    latest_unfinished,
    list_sessions,
    summarise,
)
from kerne_tui.store.naming import ARCHIVES, free_path, session_file_name
from kerne_tui.store.operations import Insert, Operation, Put, Update, log_entry, put_state
from kerne_tui.store.reading import (
    SessionDocuments,
    SessionFileError,
    decode_documents,
    decode_head,
    decode_session_bytes,
    read_session_data,
)
from kerne_tui.store.session_file import SessionFile, StoreWriteError

__all__ = [
    "ARCHIVES",
    "ARCHIVE_FIELD",
    "CONTRIBUTIONS",
    "FOLLOW_UP_FIELD",
    "LOG",
    "SESSION",
    "STATE",
    "EarlierAction",
    "EarlierActions",
    "EarlierOpenEnd",
    "EarlierScale",
    "FollowUpRecord",
    "Insert",
    "LayoutError",
    "Operation",
    "Pin",
    "Put",
    "SessionDocuments",
    "SessionFile",
    "SessionFileError",
    "SessionHeader",
    "SessionLocked",
    "SessionState",
    "SessionStatus",
    "SessionSummary",
    "StoreWriteError",
    "TimerRecord",
    "Update",
    "anonymised_copy",
    "decode_documents",
    "decode_head",
    "decode_session_bytes",
    "find_session",
    "free_path",
    "latest_unfinished",
    "list_sessions",
    "log_entry",
    "put_state",
    "read_session_data",
    "rows",
    "session_file_name",
    "summarise",
    "write_atomic",
]
