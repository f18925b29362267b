"""Whatever people write stays text in every report format: HTML, Markdown and CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fixtures.archive_sessions import ALL_KINDS_FILE

from kerne_tui.archive import read_record, render_report
from kerne_tui.archive.csv_export import safe_cell
from kerne_tui.archive.markdown_report import cell, escape

MADE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "escaped"),
    [
        ("# Overskrift", "\\# Overskrift"),
        ("1. punkt", "1\\. punkt"),
        ("2) punkt", "2\\) punkt"),
        ("+ plus", "\\+ plus"),
        ("> citat", "\\> citat"),
        ("=== linje", "\\=== linje"),
        ("*fed* og _kursiv_", "\\*fed\\* og \\_kursiv\\_"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<script>", "\\<script\\>"),
        ("`kode`", "\\`kode\\`"),
        ("a | b", "a \\| b"),
        ("&amp;", "\\&amp;"),
        ("~~streg~~", "\\~\\~streg\\~\\~"),
        ("sti\\til", "sti\\\\til"),
        ("første\n- anden", "første\n\\- anden"),
        ("Æbler, øl og ål", "Æbler, øl og ål"),
    ],
)
def test_markdown_escape_makes_markup_literal(written: str, escaped: str) -> None:
    assert escape(written) == escaped


def test_markdown_table_cell_stays_on_one_line() -> None:
    assert cell("første linje\nanden | linje") == "første linje anden \\| linje"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_csv_cell_that_looks_like_a_formula_is_kept_as_text(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


def test_csv_cell_with_ordinary_text_is_unchanged() -> None:
    assert safe_cell("Trivsel; læring") == "Trivsel; læring"


def test_plan_title_cannot_end_the_style_or_start_a_script_in_html() -> None:
    record = read_record(ALL_KINDS_FILE)
    title = 'Plan </style><script>alert("x")</script> \\ "slut"'
    hostile = replace(record, plan=replace(record.plan, title=title))
    html = render_report(hostile, "html", generated=MADE)
    assert "<script" not in html
    assert html.count("</style>") == 1
    assert "&lt;/style&gt;&lt;script&gt;" in html


def test_english_csv_uses_commas_and_english_headings() -> None:
    record = read_record(ALL_KINDS_FILE)
    english = replace(record, plan=replace(record.plan, language="en"))
    text = render_report(english, "csv", generated=MADE)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == [
        "Id",
        "Module",
        "Step",
        "Kind",
        "Text or value",
        "Time",
        "Hidden",
        "Merged into",
    ]
    assert {row[6] for row in rows[1:]} == {"yes", "no"}
