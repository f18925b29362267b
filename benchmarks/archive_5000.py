"""How long archiving takes for a session with 5,000 contributions.

Run: ``.venv/bin/python benchmarks/archive_5000.py [--phones 500] [--keep DIR]``.

The session is held through the real Workshop (500 phones, every kind of step, the texts with
Danish letters), so the file is what a big day leaves behind. Then each part of the archive is
timed on its own and as a whole, and the archive is verified. Figures are printed, never
asserted: speed belongs here, not in the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from kerne_tui.archive import read_record, verify_archive, write_archive
from kerne_tui.archive.content import build_content
from kerne_tui.archive.csv_export import render_csv
from kerne_tui.archive.html_report import render_html
from kerne_tui.archive.markdown_report import render_markdown
from kerne_tui.plan import plan_from_data
from kerne_tui.workshop import Workshop

T = TypeVar("T")
CONCURRENT = 250
"""Phones sending at the same moment: the flusher groups their contributions into batches."""

PLAN: dict[str, Any] = {
    "title": "Stor dag om kerneopgaven",
    "language": "da",
    "modules": [
        {
            "title": "Ord",
            "steps": [
                {
                    "id": "ord",
                    "kind": "text",
                    "title": "Hvad laver vi?",
                    "prompt": "Skriv",
                    "minutes": 5,
                },
                {
                    "id": "bud",
                    "kind": "sentence",
                    "title": "Én sætning",
                    "prompt": "Skriv",
                    "minutes": 5,
                },
                {
                    "id": "skala",
                    "kind": "scale",
                    "title": "Klarhed",
                    "prompt": "Hvor enig?",
                    "minutes": 3,
                    "statements": ["Opgaven er klar.", "Vi er enige.", "Det hjælper."],
                },
            ],
        },
        {
            "title": "Valg",
            "steps": [
                {
                    "id": "prikker",
                    "kind": "vote",
                    "title": "Prikker",
                    "prompt": "Stem",
                    "minutes": 3,
                    "dots": 3,
                    "options": ["Dokumentation", "Møder", "Vikarer", "Forældre", "Kørsel"],
                },
                {
                    "id": "valg",
                    "kind": "choice",
                    "title": "Viden",
                    "prompt": "Vælg",
                    "minutes": 2,
                    "options": ["Godt", "Nogenlunde", "Dårligt"],
                },
                {
                    "id": "rang",
                    "kind": "rank",
                    "title": "Rangering",
                    "prompt": "Vælg tre",
                    "minutes": 3,
                    "top": 3,
                    "options": ["Dokumentation", "Møder", "Vikarer", "Forældre", "Kørsel"],
                },
            ],
        },
        {
            "title": "Handling",
            "steps": [
                {
                    "id": "aftaler",
                    "kind": "actions",
                    "title": "Aftaler",
                    "prompt": "Skriv",
                    "minutes": 5,
                },
            ],
        },
    ],
}


def payloads(step: str, phone: int) -> list[dict[str, Any]]:
    """What one phone sends to a step: 3 texts, 2 actions, one answer elsewhere (10 in all)."""
    if step == "ord":
        return [
            {"text": f"Tekst {n} fra telefon {phone}: trivsel, læring og ærlighed på stuen."}
            for n in range(3)
        ]
    if step == "bud":
        return [{"text": f"Forslag {phone}: alle børn skal trives og udvikle sig i fællesskab."}]
    if step == "skala":
        return [{"values": {str(i): 1 + (phone + i) % 5 for i in range(3)}}]
    if step == "prikker":
        return [{"dots": {str(1 + phone % 5): 2, str(1 + (phone + 2) % 5): 1}}]
    if step == "valg":
        return [{"choices": [str(1 + phone % 3)]}]
    if step == "rang":
        return [{"ranking": [str(1 + (phone + k) % 5) for k in range(3)]}]
    return [
        {"what": f"Handling {n} fra telefon {phone}", "who": "Ledelsen", "when": "Marts"}
        for n in range(2)
    ]


async def hold_session(folder: Path, phones: int) -> tuple[Path, float]:
    """Hold the big session through the real engine; returns its file and the seconds it took."""
    started = time.perf_counter()
    workshop = Workshop.create(plan_from_data(PLAN, "stor-dag.toml"), folder)
    await workshop.open()
    try:
        for step in workshop.plan.steps:
            await workshop.go_to(step.id, run_timer=False)
            sends = [
                (f"telefon{phone:05d}abcdefghijkl", step.id, f"{step.id}-{phone}-{n}", payload)
                for phone in range(phones)
                for n, payload in enumerate(payloads(step.id, phone))
            ]
            for first in range(0, len(sends), CONCURRENT):
                await asyncio.gather(
                    *(workshop.submit(*send) for send in sends[first : first + CONCURRENT])
                )
        await workshop.close()
    finally:
        await workshop.shutdown()
    return workshop.path, time.perf_counter() - started


def timed(label: str, action: Callable[[], T], rounds: int = 3) -> T:
    """Run *action* a few times and print the best and the worst time."""
    times = []
    result: T
    for _ in range(rounds):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    print(f"{label:34} best {min(times) * 1000:8.1f} ms   worst {max(times) * 1000:8.1f} ms")
    return result


def main() -> None:
    """Build the session, time each part of the archive, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--phones", type=int, default=500, help="phones (10 contributions each)")
    parser.add_argument("--keep", type=Path, help="copy the session file and archive here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        session, building = asyncio.run(hold_session(folder, args.phones))
        record = read_record(session)
        print(f"contributions                      {len(record.contributions)}")
        print(f"session file                       {session.stat().st_size / 1e6:.2f} MB")
        print(f"holding the session (engine)       {building:.1f} s")
        now = datetime.now(UTC)
        timed("read and parse the session file", lambda: read_record(session))
        content = timed("work out the content", lambda: build_content(record, generated=now))
        html = timed("render report.html", lambda: render_html(content))
        timed("render report.md", lambda: render_markdown(content))
        timed("render contributions.csv", lambda: render_csv(record))
        out = folder / "archives"
        zip_path = timed("write_archive (everything)", lambda: write_archive(session, out))
        problems = timed("verify_archive", lambda: verify_archive(zip_path, "da"))
        with zipfile.ZipFile(zip_path) as bundle:
            sizes = {
                info.filename: (info.file_size, info.compress_size) for info in bundle.infolist()
            }
        print(f"report.html                        {len(html.encode()) / 1e6:.2f} MB")
        print(f"archive zip                        {zip_path.stat().st_size / 1e6:.2f} MB")
        for name, (size, packed) in sizes.items():
            print(f"  {name:40} {size / 1e3:9.0f} kB -> {packed / 1e3:7.0f} kB")
        print(f"verify problems                    {len(problems)}")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy2(session, args.keep)
            shutil.copy2(zip_path, args.keep)


if __name__ == "__main__":
    main()
