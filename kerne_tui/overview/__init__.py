"""The overview room: many workplaces' archives side by side (``kerne overview``).

It reads archives only through the archive room (its verification and its report content),
never imports textual or aiohttp, and shows only what each workplace decided to share.
"""

from kerne_tui.overview.model import Overview, Workplace
from kerne_tui.overview.reading import Excluded, find_archives, read_archives
from kerne_tui.overview.writing import (
    CSV_NAME,
    HTML_NAME,
    XLSX_NAME,
    Written,
    collect,
    write_overview,
)

__all__ = [
    "CSV_NAME",
    "HTML_NAME",
    "XLSX_NAME",
    "Excluded",
    "Overview",
    "Workplace",
    "Written",
    "collect",
    "find_archives",
    "read_archives",
    "write_overview",
]
