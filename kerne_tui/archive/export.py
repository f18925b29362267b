"""One report written beside its session file (or where asked), also while the session runs."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from pathlib import Path

from kerne_tui.archive.content import build_content
from kerne_tui.archive.csv_export import render_csv
from kerne_tui.archive.html_report import render_html
from kerne_tui.archive.markdown_report import render_markdown
from kerne_tui.archive.record import SessionRecord, read_record
from kerne_tui.archive.writing import WriteFailed
from kerne_tui.store import write_atomic
from kerne_tui.store.files import make_private_folder

FORMATS = ("html", "md", "csv")


def render_report(
    record: SessionRecord, fmt: str, *, generated: datetime, zone: tzinfo | None = None
) -> str:
    """The report of *record* in *fmt* (html, md or csv) as text."""
    if fmt == "csv":
        return render_csv(record, zone)
    content = build_content(record, generated=generated, zone=zone)
    if fmt == "html":
        return render_html(content)
    if fmt == "md":
        return render_markdown(content)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def default_report_path(session_path: Path, fmt: str) -> Path:
    """``<session>-report.<fmt>`` beside the session file."""
    return session_path.with_name(f"{session_path.stem}-report.{fmt}")


def write_report(
    session_path: Path,
    fmt: str,
    out: Path | None = None,
    *,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> Path:
    """Write one report of a session and return where it went.

    The session file is only read, never locked or written, so this works while the session
    runs. *out* may be a file or a folder; by default the report goes beside the session file.
    A write that fails raises :class:`WriteFailed` with the folder.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    record = read_record(session_path)
    text = render_report(record, fmt, generated=now or datetime.now(UTC), zone=zone)
    target = out or default_report_path(session_path, fmt)
    if target.is_dir():
        target = target / default_report_path(session_path, fmt).name
    try:
        make_private_folder(target.parent)
        write_atomic(target, text.encode("utf-8"))
    except OSError as error:
        raise WriteFailed(target.parent, error) from None
    return target
