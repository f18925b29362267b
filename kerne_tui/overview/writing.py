"""``kerne overview``: read the archives, put them together and write the three files.

``oversigt.html`` (the page), ``oversigt.xlsx`` (typed tables on named sheets, by openpyxl)
and ``oversigt.csv`` (the long table). Each file is written whole to a temporary file and
renamed (the store's ``write_atomic``), so a failed run leaves the previous overview as it was.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from kerne_tui.catalog import Lang
from kerne_tui.overview.html import render_html
from kerne_tui.overview.model import Overview, group, totals
from kerne_tui.overview.reading import Excluded, Progress, find_archives, read_archives
from kerne_tui.overview.summary import SessionSummary
from kerne_tui.overview.tables import CSV_COLUMNS, SHEETS, Cell, long_rows, sheet_rows
from kerne_tui.store import write_atomic

HTML_NAME = "oversigt.html"
XLSX_NAME = "oversigt.xlsx"
CSV_NAME = "oversigt.csv"


@dataclass(frozen=True, slots=True)
class Written:
    """What ``kerne overview`` made: the overview and the three files."""

    overview: Overview
    html: Path
    xlsx: Path
    csv: Path


def collect(
    paths: Iterable[Path],
    *,
    lang: Lang | None = None,
    zone: tzinfo | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    on_excluded: Callable[[Excluded], None] | None = None,
) -> Overview:
    """Read every archive under *paths* (one at a time) and put the overview together."""
    archives, excluded = find_archives(paths)
    for missing in excluded:
        if on_excluded is not None:
            on_excluded(missing)
    summaries: list[SessionSummary] = []
    for found in read_archives(archives, zone=zone, progress=progress):
        if isinstance(found, Excluded):
            excluded.append(found)
            if on_excluded is not None:
                on_excluded(found)
        else:
            summaries.append(found)
    chosen = lang or _majority(summaries)
    workplaces = group(summaries)
    return Overview(
        lang=chosen,
        generated=(now or datetime.now(UTC)).astimezone(zone),
        workplaces=workplaces,
        excluded=tuple(excluded),
        totals=totals(workplaces),
    )


def _majority(summaries: list[SessionSummary]) -> Lang:
    """The plans' language most of the archives have (Danish on a tie or with none)."""
    counts = Counter(s.lang for s in summaries)
    return "en" if counts["en"] > counts["da"] else "da"


def write_overview(overview: Overview, out: Path) -> Written:
    """Write the three files into *out* (made if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    html, xlsx, csv_path = out / HTML_NAME, out / XLSX_NAME, out / CSV_NAME
    write_atomic(html, render_html(overview).encode("utf-8"))
    write_atomic(xlsx, render_xlsx(overview))
    write_atomic(csv_path, render_csv(overview).encode("utf-8"))
    return Written(overview, html, xlsx, csv_path)


def render_csv(overview: Overview) -> str:
    """The long table: UTF-8 (no byte-order mark), a header, commas, ISO dates."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in long_rows(overview):
        writer.writerow(_csv_cell(cell) for cell in row)
    return buffer.getvalue()


def _csv_cell(cell: Cell) -> str | int | float:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return int(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return cell


def render_xlsx(overview: Overview) -> bytes:
    """The workbook: one sheet per table, a bold header row, typed cells.

    Written in openpyxl's write-only mode, row by row, so a large overview does not hold every
    cell as an object at once.
    """
    book = Workbook(write_only=True)
    rows = sheet_rows(overview)
    bold = Font(bold=True)
    for name, header in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        sheet.append([_styled(sheet, title, font=bold) for title in header])
        formats = [FORMATS.get(column) for column in header]
        for row in rows[name]:
            sheet.append(
                [
                    _styled(sheet, value, number_format=fmt) if fmt and value is not None else value
                    for value, fmt in zip(row, formats, strict=True)
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMATS = {"date": "yyyy-mm-dd", "mean": "0.00", "change_from_day": "+0.00;-0.00;0.00"}
"""Number formats by column; other cells keep Excel's general format."""


def _styled(
    sheet: WriteOnlyWorksheet,
    value: Cell,
    *,
    font: Font | None = None,
    number_format: str | None = None,
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell
