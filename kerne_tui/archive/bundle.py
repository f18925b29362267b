"""The archive: one zip with the anonymised session file, the reports, the CSV and a manifest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import IO, Any

import orjson

from kerne_tui import __version__
from kerne_tui.archive.content import build_content
from kerne_tui.archive.csv_export import render_csv
from kerne_tui.archive.html_report import render_html
from kerne_tui.archive.markdown_report import render_markdown
from kerne_tui.archive.record import SessionRecord, anonymised_data, record_from_data, tally_of
from kerne_tui.archive.step_times import with_step_times
from kerne_tui.archive.withheld import without_withheld_texts
from kerne_tui.archive.wording import local_time
from kerne_tui.archive.writing import (
    PART_SUFFIX,
    WriteFailed,
    part_prefix,
    remove_stale_parts,
)
from kerne_tui.store import read_session_data
from kerne_tui.store.files import fsync_folder, make_private_folder
from kerne_tui.workshop import iso

FORMAT = "kerne-archive-1"
MANIFEST = "manifest.json"
REPORT_HTML = "report.html"
REPORT_MD = "report.md"
CONTRIBUTIONS_CSV = "contributions.csv"
SELF_CHECK = "manifest_sha256"
"""The manifest's checksum of itself (computed without this field), so edits to it show too."""
MAX_NAME_TRIES = 1000


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    """The one byte form a manifest is written in; any other form means it was edited."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def sealed(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """*manifest* with its own checksum added."""
    body = {key: value for key, value in manifest.items() if key != SELF_CHECK}
    return {**body, SELF_CHECK: hashlib.sha256(manifest_bytes(body)).hexdigest()}


def build_manifest(
    members: Mapping[str, bytes], record: SessionRecord, archived_at: str
) -> dict[str, Any]:
    """Each member's SHA-256 and size, what session this is, by which kerne and when."""
    return sealed(
        {
            "format": FORMAT,
            "kerne_version": __version__,
            "archived_at": archived_at,
            "session": {
                "file": record.path.name,
                "title": record.plan.title,
                "join_code": record.join_code,
                "created": record.created,
                "status": record.status,
                "rehearsal": record.rehearsal,
                "contributions": len(record.contributions),
            },
            "files": {
                name: {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}
                for name, payload in members.items()
            },
        }
    )


def slug(text: str) -> str:
    """A file-name-safe form of a plan name (``kerneopgaven-kort``), æ, ø, å spelled out."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "session"


def archive_stem(record: SessionRecord, zone: tzinfo | None) -> str:
    """``2026-11-23-kerneopgaven-kort-ABCDE``: date, plan and join code."""
    source = str(record.header.get("plan_source", "") or "")
    plan = slug(Path(source).stem if source else record.plan.title)
    created = local_time(record.created, zone)
    day = created.strftime("%Y-%m-%d") if created else "undated"
    code = re.sub(r"[^A-Za-z0-9]", "", record.join_code) or "session"
    return f"{day}-{plan}-{code}"


def write_archive(
    session_path: Path,
    out_dir: Path,
    *,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> Path:
    """Archive a session into a new zip in *out_dir* and return its path.

    The session file is only read. The zip is written to a temporary file in *out_dir* and
    given its name at the end, never over an existing archive, so a failure leaves no
    half-written zip (nor does a stop by SIGTERM, which the command line turns into an
    exception; temporary files a killed run left are removed by the next run). A write that
    fails raises :class:`WriteFailed` with the folder. Times are shown in *zone* (default:
    this computer's). No member holds the words of a contribution that was hidden or taken
    back (archive/withheld.py), nor a time finer than the step it belongs to
    (archive/step_times.py).
    """
    original = read_session_data(session_path)
    language = original.get("session", {}).get("1", {}).get("language")
    # No member keeps a time finer than its step (step_times.py), nor withheld words.
    data = with_step_times(without_withheld_texts(original, "en" if language == "en" else "da"))
    record = record_from_data(session_path, data)
    moment = now or datetime.now(UTC)
    try:
        make_private_folder(out_dir)
        remove_stale_parts(out_dir)
        handle, temporary_name = tempfile.mkstemp(
            dir=out_dir, prefix=part_prefix(), suffix=PART_SUFFIX
        )
    except OSError as error:
        raise WriteFailed(out_dir, error) from None
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as raw:
            _write_zip(raw, _members(session_path, data, record, moment, zone), moment, zone)
            raw.flush()
            os.fsync(raw.fileno())
        final = _claim_name(temporary, out_dir, archive_stem(record, zone))
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise WriteFailed(out_dir, error) from None
        raise
    fsync_folder(out_dir)
    return final


def _members(
    session_path: Path,
    data: dict[str, Any],
    record: SessionRecord,
    moment: datetime,
    zone: tzinfo | None,
) -> dict[str, bytes]:
    """Every member of the archive by name, the manifest last."""
    archived_at = iso(moment)
    content = build_content(record, generated=moment, zone=zone)
    anonymous = anonymised_data(data, tally_of(record), archived_at)
    members: dict[str, bytes] = {
        session_path.name: orjson.dumps(anonymous, option=orjson.OPT_INDENT_2),
        REPORT_HTML: render_html(content).encode("utf-8"),
        REPORT_MD: render_markdown(content).encode("utf-8"),
        CONTRIBUTIONS_CSV: render_csv(record, zone).encode("utf-8"),
    }
    members[MANIFEST] = manifest_bytes(build_manifest(members, record, archived_at))
    return members


def _write_zip(
    raw: IO[bytes], members: Mapping[str, bytes], moment: datetime, zone: tzinfo | None
) -> None:
    stamp = moment.astimezone(zone).timetuple()[:6]
    with zipfile.ZipFile(raw, "w") as bundle:
        for name, payload in members.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, payload)


def _claim_name(temporary: Path, out_dir: Path, stem: str) -> Path:
    """Give the finished zip the first free name: ``stem.zip``, then ``stem-2.zip`` and on."""
    for number in range(1, MAX_NAME_TRIES + 1):
        target = out_dir / (f"{stem}.zip" if number == 1 else f"{stem}-{number}.zip")
        try:
            # A hard link fails if the name is taken, so no archive is ever overwritten.
            os.link(temporary, target)
        except FileExistsError:
            continue
        except OSError:
            # Folders without hard links (FAT on a USB stick): check, then rename.
            if target.exists():
                continue
            os.replace(temporary, target)
            return target
        temporary.unlink()
        return target
    raise FileExistsError(out_dir / f"{stem}.zip")
