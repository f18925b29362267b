"""Making and reopening a session file for the engine: the header it starts with, the plan."""

from __future__ import annotations

import secrets
from pathlib import Path

from kerne_tui import __version__
from kerne_tui.plan import Plan, PlanError, plan_from_data
from kerne_tui.store import (
    FollowUpRecord,
    LayoutError,
    SessionFile,
    SessionFileError,
    SessionHeader,
    SessionState,
    free_path,
    session_file_name,
)
from kerne_tui.workshop.clock import Clock, iso
from kerne_tui.workshop.join_codes import new_join_code


def create_session_file(
    plan: Plan,
    data_dir: Path,
    clock: Clock,
    *,
    rehearsal: bool,
    join_code: str | None,
    speed: float,
    follow_up: FollowUpRecord | None = None,
) -> SessionFile:
    """A new session file for *plan* in *data_dir*, with a fresh secret, taken for writing."""
    code = join_code or new_join_code()
    now = clock.now()
    path = free_path(data_dir, session_file_name(plan.source, code, now))
    header = SessionHeader(
        title=plan.title,
        language=plan.language,
        plan=plan.raw,
        plan_source=plan.source,
        join_code=code,
        secret=secrets.token_hex(32),
        created=iso(now),
        rehearsal=rehearsal,
        speed=speed,
        kerne_version=__version__,
        follow_up=follow_up,
    )
    return SessionFile.create(path, header, SessionState())


def reopen_session_file(path: Path) -> tuple[Plan, SessionFile]:
    """The plan snapshot and the session file, taken for writing; SessionFileError if not."""
    store = SessionFile.open(path)
    try:
        header = store.session_header
        plan = plan_from_data(header.require_plan(), header.plan_source or str(path))
    except PlanError as error:
        store.release()
        raise SessionFileError(path, "unreadable", error.messages("en")[0]) from None
    except LayoutError as error:
        store.release()
        raise SessionFileError(path, "unreadable", str(error)) from None
    except BaseException:
        store.release()
        raise
    return plan, store
