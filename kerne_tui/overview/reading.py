"""Finding archives and reading them one at a time through the archive room's own code.

Each zip is hashed (streamed), counted once by its SHA-256, checked against its manifest with
``archive.verify.verify_archive``, and read with the archive's record and report content; what
may be shared is kept (:func:`~kerne_tui.overview.summary.summarise`) and the rest let go before
the next zip is opened. Whatever cannot be used is an :class:`Excluded`, said in one sentence.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from kerne_tui.archive.bundle import FORMAT
from kerne_tui.archive.content import build_content
from kerne_tui.archive.record import record_from_data
from kerne_tui.archive.verify import read_manifest, verify_archive
from kerne_tui.catalog import LANGUAGES, Lang, t
from kerne_tui.overview.summary import SessionSummary, shared_only, summarise
from kerne_tui.store import SessionFileError, decode_session_bytes

CHUNK = 1 << 20
"""Bytes read at a time while hashing a zip."""


@dataclass(frozen=True, slots=True)
class Excluded:
    """An input the overview leaves out, and why, in each language."""

    path: Path
    reasons: dict[Lang, str] = field(hash=False)

    def reason(self, lang: Lang) -> str:
        """Why, in *lang*."""
        return self.reasons[lang]


Progress = Callable[[int, int], None]
"""Called with (archives read, archives found) after each one."""


def find_archives(paths: Iterable[Path]) -> tuple[list[Path], list[Excluded]]:
    """The zips named or found in folders (recursively, sorted), and the paths that are neither."""
    found: list[Path] = []
    missing: list[Excluded] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.zip") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            missing.append(_excluded(path, "overview.excluded.missing"))
    return found, missing


def read_archives(
    paths: list[Path], *, zone: tzinfo | None = None, progress: Progress | None = None
) -> Iterator[SessionSummary | Excluded]:
    """Each archive's summary or why it is left out, one archive in memory at a time."""
    seen: dict[str, Path] = {}
    for number, path in enumerate(paths, start=1):
        yield read_one(path, seen, zone)
        if progress is not None:
            progress(number, len(paths))


def read_one(path: Path, seen: dict[str, Path], zone: tzinfo | None) -> SessionSummary | Excluded:
    """One archive, or why it is left out; *seen* maps the SHA-256 of those read to their path."""
    try:
        with path.open("rb") as raw:
            digest = hashlib.file_digest(raw, "sha256").hexdigest()
    except OSError as error:
        return _excluded(path, "overview.excluded.unreadable", detail=error.strerror or error)
    if digest in seen:
        return _excluded(path, "overview.excluded.duplicate", first=seen[digest].name)
    if verify_archive(path, "en"):
        # Said again in each language: only the few damaged ones are checked twice.
        return Excluded(
            path,
            {
                lang: t(
                    lang,
                    "overview.excluded.damaged",
                    path=path.name,
                    detail=" ".join(verify_archive(path, lang)),
                )
                for lang in LANGUAGES
            },
        )
    try:
        summary = _summary(path, digest, zone)
    except _Refused as refused:
        return refused.excluded
    seen[digest] = path
    return summary


class _Refused(Exception):
    def __init__(self, excluded: Excluded) -> None:
        super().__init__(excluded.reason("en"))
        self.excluded = excluded


def _summary(path: Path, digest: str, zone: tzinfo | None) -> SessionSummary:
    try:
        with zipfile.ZipFile(path) as bundle:
            manifest = read_manifest(bundle) or {}
            if manifest.get("format") != FORMAT:
                raise _Refused(
                    _excluded(
                        path,
                        "overview.excluded.older",
                        version=manifest.get("kerne_version") or "?",
                        format=manifest.get("format") or "?",
                    )
                )
            session = manifest.get("session")
            name = session.get("file") if isinstance(session, dict) else None
            if not isinstance(name, str) or name not in bundle.namelist():
                raise _Refused(_excluded(path, "overview.excluded.no_session"))
            member = bundle.read(name)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise _Refused(_excluded(path, "overview.excluded.unreadable", detail=error)) from None
    inner = Path(name)
    try:
        record = record_from_data(inner, shared_only(decode_session_bytes(inner, member)))
    except SessionFileError as error:
        raise _Refused(
            _excluded(path, "overview.excluded.older_session", detail=error.detail or error.reason)
        ) from None
    content = build_content(record, generated=datetime.now(UTC), zone=zone)
    return summarise(
        content,
        sha256=digest,
        file_name=path.name,
        workplace=record.plan.workplace,
        overall_task=record.plan.overall_task,
        follow_up=record.session_header.follow_up,
    )


def _excluded(path: Path, key: str, **values: object) -> Excluded:
    return Excluded(path, {lang: t(lang, key, path=path.name, **values) for lang in LANGUAGES})
