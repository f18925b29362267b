"""What leaves the laptop: the archive the workplace shares keeps no words that a participant
took back or the facilitator hid, while every count stays as the report gives it."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from kerne_tui.archive import read_record, render_report, write_archive
from kerne_tui.workshop import Workshop

NAMED = "Bent i regnskab er umulig at arbejde med"
TAKEN_BACK = "Jeg vil egentlig gerne skifte job"
MADE = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


async def a_session_with_words_that_must_stay(workshop: Workshop) -> None:
    await workshop.go_to("ideas", run_timer=False)
    await workshop.submit("telefon-1", "ideas", "c1", {"text": "Mere tid til børnene"})
    named = await workshop.submit("telefon-2", "ideas", "c1", {"text": NAMED})
    taken = await workshop.submit("telefon-3", "ideas", "c1", {"text": TAKEN_BACK})
    await workshop.submit("telefon-4", "ideas", "c1", {"text": "Færre møder"})
    await workshop.retract("telefon-3", taken.id)
    await workshop.toggle_hidden(named.id)
    await workshop.go_to("fixed-vote", run_timer=False)
    await workshop.submit("telefon-1", "fixed-vote", "v1", {"dots": {"1": 2}})
    await workshop.close()
    await workshop.shutdown()


async def test_the_archive_holds_no_hidden_or_retracted_words(
    workshop: Workshop, tmp_path: Path
) -> None:
    await a_session_with_words_that_must_stay(workshop)
    made = write_archive(workshop.path, tmp_path / "arkiv")
    with zipfile.ZipFile(made) as bundle:
        members = {name: bundle.read(name) for name in bundle.namelist()}
    assert len(members) >= 5
    for name, payload in members.items():
        text = payload.decode("utf-8")
        assert NAMED not in text, name
        assert TAKEN_BACK not in text, name
    csv = members["contributions.csv"].decode("utf-8")
    assert "(skjult af facilitatoren);" in csv
    assert "Mere tid til børnene" in csv and "Færre møder" in csv


async def test_the_archive_keeps_the_counts_the_report_gives(
    workshop: Workshop, tmp_path: Path
) -> None:
    await a_session_with_words_that_must_stay(workshop)
    made = write_archive(workshop.path, tmp_path / "arkiv", now=MADE, zone=UTC)
    with zipfile.ZipFile(made) as bundle:
        shared_md = bundle.read("report.md").decode("utf-8")
        manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["session"]["contributions"] == 5
    # The shared report is the facilitator's own, word for word: it never showed the hidden
    # or retracted words, and it counts them as before.
    own_md = render_report(read_record(workshop.path), "md", generated=MADE, zone=UTC)
    assert shared_md == own_md
    assert "Mere tid til børnene" in shared_md
