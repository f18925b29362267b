"""``kerne overview`` end to end: three workplaces, two follow-ups, a damaged and a twice-given zip.

The archives are made by real sessions (phones over HTTP on their own loopback addresses, see
``overview_support.py``); the overview is made by the ``kerne`` command in a subprocess, and
its three files are read back as a municipality would: the page, the workbook with openpyxl,
the long table with the csv module. One workplace answered its scales with fewer phones than
its plan's threshold: none of its answers may be found in any file, also not by subtracting.
"""

from __future__ import annotations

import asyncio
import csv
import itertools
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from overview_support import OVERALL, Built, Place, build
from support.follow_up import shipped

from kerne_tui.overview.tables import CSV_COLUMNS, SHEETS

ROOT = Path(__file__).resolve().parent.parent
THRESHOLD = shipped("kerneopgaven-kort").step("klarhed").min_answers
"""The plan's own threshold for the klarhed scale, read from the plan, never assumed."""

PLACES = (
    Place(
        name="Børnehuset Solsikken",
        pins=("Vi giver børn trygge dage.", "Vi giver hvert barn trygge dage og nysgerrighed."),
        phones=30,
        klarhed=(1, 2, 2, 3, 4),
        agreements=(
            ("Kerneopgaven på hvert personalemøde", "Mette", "Fra marts"),
            ("Sætningen hænges op i garderoben", "Ali", "Næste uge"),
        ),
        follow_up_phones=10,
        follow_up_klarhed=(3, 4, 4, 5),
        statuses=("done", "done", "under_way"),
    ),
    Place(
        name="Skovly Skole",
        pins=("Eleverne lærer mest, når vi samarbejder.",),
        phones=8,
        klarhed=(2, 3, 3, 4),
        agreements=(("Fælles forberedelse hver fredag", "Jonas", "Efter jul"),),
        follow_up_phones=6,
        follow_up_klarhed=(2, 2, 3),
        statuses=("not_started", "not_started", "dropped"),
    ),
    Place(
        name="Plejecenter Lærkehøj",
        pins=("Beboerne bestemmer over deres egen dag.",),
        phones=6,
        klarhed=(5,),
        agreements=(("Morgenmøde med beboerrådet", "Lone", "Maj"),),
        scale_phones=THRESHOLD - 1,
    ),
)
HIDDEN = PLACES[2].name


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The five archives (three days, two follow-ups), made once for the module."""
    return asyncio.run(asyncio.wait_for(build(PLACES, tmp_path_factory.mktemp("places")), 300))


@pytest.fixture(scope="module")
def overview(built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """``kerne overview`` over a folder with the five zips, a damaged one and one twice."""
    inbox = tmp_path_factory.mktemp("inbox")
    for zip_path in built.folder.glob("*.zip"):
        shutil.copy(zip_path, inbox / zip_path.name)
    sub = inbox / "fra-skolen"
    sub.mkdir()
    twice = built.days[PLACES[1].name]
    shutil.copy(twice, sub / "skovly-kopi.zip")
    damaged = bytearray(built.days[PLACES[0].name].read_bytes())
    damaged[len(damaged) // 3 : len(damaged) // 3 + 64] = b"\0" * 64
    (inbox / "beskadiget.zip").write_bytes(bytes(damaged))
    out = tmp_path_factory.mktemp("out")
    env = {**os.environ, "KERNE_LANG": "da", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "kerne_tui", "overview", str(inbox), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    return {"result": result, "out": out, "twice": twice}


def test_the_overview_is_written_and_names_what_it_left_out(overview: dict[str, object]) -> None:
    result = overview["result"]
    assert isinstance(result, subprocess.CompletedProcess)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = overview["out"]
    assert isinstance(out, Path)
    assert {p.name for p in out.iterdir()} == {"oversigt.html", "oversigt.xlsx", "oversigt.csv"}
    lines = [line for line in result.stderr.splitlines() if line.startswith("Ikke med:")]
    assert len(lines) == 2, result.stderr
    assert any("beskadiget.zip er ikke et helt kerne-arkiv" in line for line in lines)
    twice = overview["twice"]
    assert isinstance(twice, Path)
    assert any(
        f"skovly-kopi.zip er det samme arkiv som {twice.name} (samme SHA-256)" in line
        for line in lines
    )
    page = (out / "oversigt.html").read_text(encoding="utf-8")
    excluded = page[page.index('id="not-included"') :]
    assert "beskadiget.zip" in excluded and "skovly-kopi.zip" in excluded
    assert "3 arbejdspladser, 5 sessioner, 2 ikke med." in page


def test_the_page_shows_each_sentence_beside_the_overall_one_and_the_change(
    overview: dict[str, object],
) -> None:
    out = overview["out"]
    assert isinstance(out, Path)
    page = (out / "oversigt.html").read_text(encoding="utf-8")
    sentences = page[
        page.index('id="sentences"') : page.index("</table>", page.index('id="sentences"'))
    ]
    for place in PLACES:
        row = sentences[sentences.index(place.name) :]
        row = row[: row.index("</tr>")]
        assert OVERALL in row and place.pins[-1] in row
        assert f'<td class="n">{len(place.pins)}</td>' in row
    for place in PLACES[:2]:
        section = _section(page, place.name)
        assert "Opfølgning 1" in section
        # Day -> follow-up: the change of the mean of each klarhed statement, signed.
        before = sum(place.klarhed[n % len(place.klarhed)] for n in range(place.phones))
        after = sum(
            place.follow_up_klarhed[n % len(place.follow_up_klarhed)]
            for n in range(place.follow_up_phones)
        )
        shift = after / place.follow_up_phones - before / place.phones
        sign = "+" if round(shift, 1) > 0 else ("−" if round(shift, 1) < 0 else "±")
        assert f"{sign}{abs(shift):.1f}".replace(".", ",") in section
        assert "<svg" in section  # the trend chart of a workplace with several sessions
    solsikken = _section(page, PLACES[0].name)
    for what, who, when in PLACES[0].agreements:
        row = solsikken[solsikken.index(what) :]
        row = row[: row.index("</tr>")]
        assert who in row and when in row and "Gjort" in row
    skovly = _section(page, PLACES[1].name)
    row = skovly[skovly.index(PLACES[1].agreements[0][0]) :]
    assert "Ikke begyndt" in row[: row.index("</tr>")]
    lone = _section(page, HIDDEN)
    assert "ikke fulgt op" in lone and "Opfølgning" not in lone


def test_the_workbook_has_its_sheets_with_typed_cells(overview: dict[str, object]) -> None:
    out = overview["out"]
    assert isinstance(out, Path)
    book = openpyxl.load_workbook(out / "oversigt.xlsx")
    assert book.sheetnames == list(SHEETS)
    for name, header in SHEETS.items():
        assert [c.value for c in book[name][1]] == list(header)
    places = _records(book["workplaces"])
    assert len(places) == 5
    assert all(isinstance(r["date"], datetime | date) for r in places)
    assert all(isinstance(r["participants"], int) for r in places)
    scales = _records(book["scales"])
    shown = [r for r in scales if r["shown"]]
    # Numbers as numbers (Excel keeps 4.0 as the number 4, so a whole mean reads back as int).
    assert shown and all(isinstance(r["n1"], int) and _number(r["mean"]) for r in shown)
    changes = [r["change_from_day"] for r in scales if r["change_from_day"] is not None]
    assert changes and all(_number(c) for c in changes)
    sentences = {r["workplace"]: r for r in _records(book["sentences"])}
    assert sentences[PLACES[0].name]["sentence"] == PLACES[0].pins[-1]
    assert sentences[PLACES[0].name]["versions"] == 2
    agreements = _records(book["agreements"])
    statuses = {r["what"]: r["latest_status"] for r in agreements}
    assert statuses[PLACES[0].agreements[0][0]] == "done"
    assert statuses[PLACES[1].agreements[0][0]] == "not_started"
    assert statuses[PLACES[2].agreements[0][0]] is None
    assert {r["file"] for r in _records(book["not_included"])} == {
        "beskadiget.zip",
        "skovly-kopi.zip",
    }


def test_the_long_table_has_the_documented_columns(overview: dict[str, object]) -> None:
    out = overview["out"]
    assert isinstance(out, Path)
    text = (out / "oversigt.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    documented = re.findall(r"^\| `([a-z_0-9]+)` \|", _doc(), flags=re.M)
    assert tuple(documented) == CSV_COLUMNS
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert {r["workplace"] for r in rows} == {p.name for p in PLACES}
    klarhed = [r for r in rows if r["workplace"] == PLACES[0].name and r["step_id"] == "klarhed"]
    assert {r["session"] for r in klarhed} == {"0", "1"}
    assert all(r["value"] in {"1", "2", "3", "4", "5"} and r["count"].isdigit() for r in klarhed)


def test_a_workplace_under_its_threshold_is_found_in_no_file_not_even_by_subtracting(
    overview: dict[str, object], built: Built
) -> None:
    out = overview["out"]
    assert isinstance(out, Path)
    rows = list(csv.DictReader((out / "oversigt.csv").read_text(encoding="utf-8").splitlines()))
    hidden_rows = [r for r in rows if r["workplace"] == HIDDEN and r["step_kind"] == "scale"]
    assert hidden_rows and all(r["shown"] == "0" and r["count"] == "" for r in hidden_rows)
    book = openpyxl.load_workbook(out / "oversigt.xlsx")
    page = (out / "oversigt.html").read_text(encoding="utf-8")
    lone = _section(page, HIDDEN)
    assert f"for få svar ({THRESHOLD - 1} af mindst {THRESHOLD})" in lone
    assert not re.search(r"\d+ · \d+ · \d+ · \d+ · \d+", lone)

    # The total across workplaces adds the two that show and says one was left out.
    first = shipped("kerneopgaven-kort").step("klarhed").statements[0]
    (day_total,) = [
        r
        for r in _records(book["totals"])
        if r["step_id"] == "klarhed" and r["statement"] == first and r["session"] == 0
    ]
    assert (day_total["sessions_included"], day_total["sessions_left_out"]) == (2, 1)
    shown_sum = [sum(built.sent_klarhed[p.name][0][i] for p in PLACES[:2]) for i in range(5)]
    assert [day_total[f"n{i}"] for i in range(1, 6)] == shown_sum
    assert "Udeladt (for få svar)" in page

    truth = built.sent_klarhed[HIDDEN]
    statements = shipped("kerneopgaven-kort").step("klarhed").statements
    html_vectors = set(_html_vectors(page))
    published: set[tuple[int, ...]] = set()
    for index, statement in enumerate(statements):
        vectors = _vectors_for(rows, book, "klarhed", statement)
        published |= vectors
        # Every signed combination (each vector added, subtracted or left out).
        found = list(vectors)
        for signs in itertools.product((-1, 0, 1), repeat=len(found)):
            combined = tuple(
                sum(s * v[i] for s, v in zip(signs, found, strict=True)) for i in range(5)
            )
            assert combined != truth[index], (statement, signs)
    # The page shows no distribution that the tables do not (so it adds nothing to subtract).
    assert html_vectors <= published | _all_vectors(rows, book)


# --- reading the files back ---------------------------------------------------------------


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _doc() -> str:
    return (ROOT / "docs" / "overview-format.md").read_text(encoding="utf-8")


def _section(page: str, name: str) -> str:
    start = page.index(f"<h2>{name}</h2>")
    return page[start : page.index("</section>", start)]


def _records(sheet: object) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _html_vectors(page: str) -> list[tuple[int, ...]]:
    return [
        tuple(int(n) for n in m) for m in re.findall(r"(\d+) · (\d+) · (\d+) · (\d+) · (\d+)", page)
    ]


def _vectors_for(
    rows: list[dict[str, str]], book: object, step: str, statement: str
) -> set[tuple[int, ...]]:
    """Every 5-count vector published for one statement: per session in the CSV and the
    workbook's scales sheet, and the totals across workplaces."""
    found: set[tuple[int, ...]] = set()
    sessions: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        if r["step_id"] == step and r["item"] == statement and r["count"]:
            sessions.setdefault((r["archive_sha256"], r["workplace"]), [0] * 5)[
                int(r["value"]) - 1
            ] = int(r["count"])
    found |= {tuple(v) for v in sessions.values()}
    for sheet in ("scales", "totals"):
        for r in _records(book[sheet]):  # type: ignore[index]
            if r.get("step_id") == step and r["statement"] == statement and r["n1"] is not None:
                found.add(tuple(int(r[f"n{i}"]) for i in range(1, 6)))  # type: ignore[call-overload]
    return found


def _all_vectors(rows: list[dict[str, str]], book: object) -> set[tuple[int, ...]]:
    every: set[tuple[int, ...]] = set()
    for sheet in ("scales", "totals"):
        for r in _records(book[sheet]):  # type: ignore[index]
            if r["n1"] is not None:
                every.add(tuple(int(r[f"n{i}"]) for i in range(1, 6)))  # type: ignore[call-overload]
    return every
