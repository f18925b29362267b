"""After the workshop: the report (HTML, Markdown, CSV) and the archive zip with its manifest."""

from kerne_tui.archive.bundle import write_archive
from kerne_tui.archive.earlier import read_earlier
from kerne_tui.archive.export import FORMATS, render_report, write_report
from kerne_tui.archive.record import SessionRecord, read_record
from kerne_tui.archive.status import session_status
from kerne_tui.archive.verify import verify_archive

__all__ = [
    "FORMATS",
    "SessionRecord",
    "read_earlier",
    "read_record",
    "render_report",
    "session_status",
    "verify_archive",
    "write_archive",
    "write_report",
]
