"""The reports of the fixed session: Markdown and CSV exactly as committed, HTML complete.

The tests only read the golden files. When the report is meant to change, rebuild them with
``make fixtures`` (see ``fixtures/archive_sessions.py``) and read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures.archive_sessions import (
    ALL_KINDS_FILE,
    GOLDEN_CSV,
    GOLDEN_MD,
    MADE,
    ZONE,
    copy_all_kinds,
)

from kerne_tui.archive import read_record, render_report, write_report
from kerne_tui.archive.content import build_content
from kerne_tui.archive.html_report import render_html
from kerne_tui.archive.wording import whole_minutes
from kerne_tui.plan import StepKind


@cache
def rendered(fmt: str) -> str:
    """A report of the fixed session (cached: every test reads the same one)."""
    return render_report(read_record(ALL_KINDS_FILE), fmt, generated=MADE, zone=ZONE)


def compare_with_golden(text: str, golden: Path) -> None:
    expected = golden.read_bytes().decode("utf-8")
    assert text == expected, (
        f"{golden.name} differs; if the change is meant, run `make fixtures` and read the diff"
    )


def test_markdown_report_is_exactly_the_golden_file() -> None:
    compare_with_golden(rendered("md"), GOLDEN_MD)


def test_csv_is_exactly_the_golden_file() -> None:
    compare_with_golden(rendered("csv"), GOLDEN_CSV)


def test_csv_starts_with_a_byte_order_mark_and_uses_semicolons_for_danish() -> None:
    text = rendered("csv")
    assert text.startswith("\ufeffId;Modul;Trin;Type;Tekst eller værdi;Tidspunkt;Skjult;")


def test_csv_has_one_row_per_contribution_not_taken_back() -> None:
    record = read_record(ALL_KINDS_FILE)
    rows = list(csv.reader(io.StringIO(rendered("csv").lstrip("\ufeff")), delimiter=";"))
    kept = [c.id for c in record.contributions if not c.retracted]
    assert [row[0] for row in rows[1:]] == kept
    assert any(c.retracted for c in record.contributions)


def test_csv_marks_hidden_contributions_and_keeps_formulas_inert() -> None:
    rows = list(csv.reader(io.StringIO(rendered("csv").lstrip("\ufeff")), delimiter=";"))
    formula = next(row for row in rows if "HYPERLINK" in row[4])
    assert formula[4].startswith("'=")
    assert formula[6] == "ja"


def test_markdown_escapes_what_participants_wrote() -> None:
    text = rendered("md")
    assert "- \\# Leg er ikke en pause fra læring" in text
    assert "\\<b\\>Fællesskab\\</b\\> \\| nærvær \\| \\[omsorg\\](x)" in text
    assert "- \\- at forældrene føler sig set" in text
    assert "Gennemgå mødekalenderen \\| drop 2 møder" in text
    assert "<b>" not in text


class _Text(HTMLParser):
    """Collects the text of the page, of every table row and of every list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._item: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title"):
            self._skip += 1
        elif tag == "tr":
            self._row = []
        elif (tag in ("td", "th") and self._row is not None) or (
            tag == "text" and self._row is not None
        ):
            self._cell = []
        elif tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        elif tag in ("td", "th", "text") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append([cell for cell in self._row if cell])
            self._row = None
        elif tag == "li" and self._item is not None:
            self.items.append("".join(self._item).strip())
            self._item = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        for part in (self._cell, self._item):
            if part is not None:
                part.append(data)


def parsed_html() -> _Text:
    parser = _Text()
    parser.feed(rendered("html"))
    return parser


def test_html_shows_every_visible_text_and_no_hidden_merged_or_retracted_one() -> None:
    record = read_record(ALL_KINDS_FILE)
    page = parsed_html()
    shown = " ".join(page.items)
    textual = [c for c in record.contributions if record.plan.step(c.step_id).kind.is_textual]
    for c in textual:
        if c.visible:
            assert any(c.text in item for item in page.items), c.text
        else:
            assert c.text not in shown, c.text
    assert any(not c.visible for c in textual)


def test_html_marks_a_card_with_its_merged_duplicates() -> None:
    page = parsed_html()
    assert "At alle børn trives & lærer – *hver* dag. ×2" in page.items


def test_html_escapes_markup_written_by_participants() -> None:
    html = rendered("html")
    assert "&lt;b&gt;Fællesskab&lt;/b&gt;" in html
    assert "<b>Fællesskab" not in html


def test_html_shows_every_bar_with_its_numbers() -> None:
    record = read_record(ALL_KINDS_FILE)
    content = build_content(record, generated=MADE, zone=ZONE)
    rows = parsed_html().rows
    checked = 0
    for step in content.steps:
        if step.withheld:
            continue
        for bar in step.results.bars:
            last = str(bar.people) if step.step.kind is not StepKind.CHOICE else None
            matching = [
                row
                for row in rows
                if row[:2] == [bar.label, str(bar.value)] and (last is None or row[2] == last)
            ]
            assert matching, (step.step.id, bar)
            checked += 1
    # The meetings choice (3 bars, 4 phones) is held back since the threshold is 5.
    assert checked >= 10


def test_html_shows_every_scale_count_answers_and_average() -> None:
    record = read_record(ALL_KINDS_FILE)
    step = record.plan.step("klarhed")
    rows = parsed_html().rows
    for row in record.results(step).scales:
        mean = f"{row.mean:.1f}".replace(".", ",")
        # Each bar of the distribution carries its count above and its value (1-5) below.
        bars = [
            part for value, n in enumerate(row.counts, start=1) for part in (str(n), str(value))
        ]
        assert [row.statement, *bars, str(row.answers), mean] in rows


def test_html_lists_every_action_item_in_a_table() -> None:
    record = read_record(ALL_KINDS_FILE)
    rows = parsed_html().rows
    for c in record.contributions:
        if c.kind is StepKind.ACTIONS:
            assert [c.what, *(x for x in (c.who, c.when) if x), "4.1"] in rows


def test_html_holds_back_a_vote_with_too_few_answers() -> None:
    text = "".join(parsed_html().text)
    assert "Resultatet vises ikke: kun 2 svarede, og mindst 3 skal svare" in text


def test_html_shows_the_pinned_sentence_and_every_version() -> None:
    page = parsed_html()
    text = "".join(page.text)
    record = read_record(ALL_KINDS_FILE)
    assert record.pins[-1].text in text
    assert len(record.pins) == 2
    for pin in record.pins:
        assert any(item.endswith(pin.text) for item in page.items)


def test_html_compares_planned_and_actual_time_per_module() -> None:
    rows = parsed_html().rows
    assert ["1. Hvad tror jeg, vi laver?", "13 min", "14 min", "+1 min"] in rows
    assert ["I alt", "47 min", "52 min", "+5 min"] in rows


def test_html_counts_participation_per_step() -> None:
    rows = parsed_html().rows
    assert ["1.2 Hvad er vi her for?", "Tekst", "6", "8", "1"] in rows


def test_html_needs_nothing_from_outside_the_file() -> None:
    html = rendered("html")
    for outside in ("<script", "<link", "<img", "<iframe", "src=", "@import", "url("):
        assert outside not in html
    assert re.search(r"https?://", html) is None


def test_html_report_is_in_english_for_an_english_plan() -> None:
    record = read_record(ALL_KINDS_FILE)
    english = replace(record, plan=replace(record.plan, language="en"))
    html = render_html(build_content(english, generated=MADE, zone=ZONE))
    assert "Action items" in html
    assert "Monday 23 November 2026" in html
    assert ">Aftaler<" not in html


def test_write_report_puts_the_file_beside_the_session_by_default(tmp_path: Path) -> None:
    session = copy_all_kinds(tmp_path)
    written = write_report(session, "md", None, now=MADE, zone=ZONE)
    assert written == tmp_path / f"{session.stem}-report.md"
    assert written.read_text(encoding="utf-8") == rendered("md")


def test_write_report_refuses_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_report(copy_all_kinds(tmp_path), "pdf", None)


def _minutes(text: str) -> int:
    match = re.fullmatch(r"\**[+−]?(\d+) min\**", text)
    assert match, text
    return int(match.group(1))


def test_the_time_table_rows_add_up_to_its_total() -> None:
    # The fixed session's modules took 14.3, 20.3, 8.4 and 8.8 minutes: rounded one by one they
    # made 51 while the total, 51.8, said 52.
    for rows in (
        parsed_html().rows,
        [
            [cell.strip() for cell in line.strip("|").split("|")]
            for line in rendered("md").splitlines()
            if line.startswith("| ") and line.endswith((" min |", " min** |"))
        ],
    ):
        modules = [row for row in rows if re.match(r"\**\d\. ", row[0]) and len(row) == 4]
        total = next(row for row in rows if "I alt" in row[0])
        assert len(modules) == 4
        for column in (1, 2):
            assert sum(_minutes(row[column]) for row in modules) == _minutes(total[column])
        assert _minutes(total[2]) == 52


def test_a_module_s_steps_add_up_to_the_module_s_minutes() -> None:
    spent = re.findall(
        r"(?m)^(\*?)(?:[^·\n]+ · )?Planlagt (\d+) min · brugt (\d+) min", rendered("md")
    )
    checked = 0
    module: list[int] | None = None
    steps = [0, 0]
    for star, planned, actual in [*spent, ("", "0", "0")]:
        if not star:  # a module's own line (or the end): the steps since the last must match it
            if module is not None:
                assert steps == module
                checked += 1
            module, steps = [int(planned), int(actual)], [0, 0]
        else:
            steps = [steps[0] + int(planned), steps[1] + int(actual)]
    assert checked == 4


@pytest.mark.parametrize(
    ("seconds", "total"),
    [([858, 1217, 502, 530], 52), ([90, 90], 3), ([30, 30, 30], 2), ([0, 59, 3600], 61), ([], 0)],
)
def test_whole_minutes_add_up_and_stay_within_a_minute(seconds: list[int], total: int) -> None:
    shares = whole_minutes(seconds, total)
    assert sum(shares) == total
    assert all(abs(share - part / 60) < 1 for share, part in zip(shares, seconds, strict=True))
