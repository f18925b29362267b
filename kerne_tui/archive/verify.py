"""``kerne archive --verify`` and the follow-up's check of an archive: read with bounds.

Everything that can be known from the zip's directory is checked before a byte is unpacked:
how many members, their names (no ``..``, no absolute path, no symbolic link, no name twice)
and their sizes against the limits below. The manifest is read only when it is small, and its
nesting is measured before the JSON parser sees it. Each member is then streamed through its
checksum in chunks, so memory stays flat whatever the archive claims. The manifest proves the
archive's integrity (nothing changed since it was made), not who made it.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kerne_tui.archive.bundle import MANIFEST, manifest_bytes, sealed
from kerne_tui.catalog import Lang, t
from kerne_tui.sanitize import clean_text

MAX_MEMBERS = 16
"""A kerne archive has five members."""
MAX_MEMBER_BYTES = 64_000_000
"""One member unpacked at most (64 MB): the archive of a day of 500 phones and 5,000
contributions unpacks to 3.4 MB in all, its session file 2.1 MB (benchmarks/archive_5000.py)."""
MAX_TOTAL_BYTES = 128_000_000
"""All members unpacked at most (128 MB)."""
MAX_MANIFEST_BYTES = 1_000_000
"""The manifest at most (1 MB); a real one takes about 1 KB."""
MAX_MANIFEST_DEPTH = 8
"""The manifest's lists and tables nested at most this deep; a real one uses three."""
CHUNK = 1 << 20
"""Bytes unpacked and hashed at a time."""

_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError)
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_SYMLINK = 0o120000
_FILE_TYPE = 0o170000


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with an archive, said in either language when asked."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def message(self, lang: Lang) -> str:
        return t(lang, self.key, **dict(self.values))


def _finding(key: str, **values: object) -> Finding:
    return Finding(key, tuple(values.items()))


def shown(name: str) -> str:
    """A member's name as it may be printed: no escapes or steering characters from it."""
    return clean_text(name, multiline=False) or repr(name)


def megabytes(size: int) -> str:
    """A size for a person: ``64 MB``, ``1,074 MB``."""
    return f"{size / 1_000_000:,.0f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def verify_archive(zip_path: Path, lang: Lang) -> list[str]:
    """Check an archive; one plain sentence per difference found (none: it is intact)."""
    return [finding.message(lang) for finding in check_archive(zip_path)]


def check_archive(zip_path: Path) -> list[Finding]:
    """Everything wrong with the archive at *zip_path*, read once and with bounds."""
    if not zip_path.is_file():
        return [_finding("archive.verify.missing", path=zip_path)]
    try:
        bundle = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as error:
        return [_finding("archive.verify.not_zip", path=zip_path, detail=error)]
    with bundle:
        infos = bundle.infolist()
        directory = _directory_findings(infos)
        if directory:
            return directory
        names = {info.filename for info in infos}
        if MANIFEST not in names:
            return [_finding("archive.verify.no_manifest")]
        manifest, raw, problem = _bounded_manifest(bundle)
        if problem is not None:
            return [problem]
        files = manifest.get("files")
        if not isinstance(files, dict) or not all(_is_entry(v) for v in files.values()):
            return [_finding("archive.verify.bad_manifest", detail="files")]
        findings = []
        if sealed(manifest) != manifest or manifest_bytes(manifest) != raw:
            findings.append(_finding("archive.verify.manifest_changed"))
        for name, expected in files.items():
            findings += _check_member(bundle, names, name, expected)
        findings += [
            _finding("archive.verify.unexpected", member=shown(info.filename))
            for info in infos
            if info.filename != MANIFEST and info.filename not in files
        ]
        return findings


def _directory_findings(infos: list[zipfile.ZipInfo]) -> list[Finding]:
    """What the zip's directory alone shows to be wrong: count, names, links, sizes."""
    if len(infos) > MAX_MEMBERS:
        return [_finding("archive.verify.too_many_members", count=len(infos), limit=MAX_MEMBERS)]
    findings: list[Finding] = []
    counts = Counter(info.filename for info in infos)
    for name, count in counts.items():
        if count > 1:
            findings.append(_finding("archive.verify.duplicate", member=shown(name), count=count))
    for info in infos:
        if points_outside(info.filename):
            findings.append(_finding("archive.verify.unsafe_name", member=shown(info.filename)))
        elif (info.external_attr >> 16) & _FILE_TYPE == _SYMLINK:
            findings.append(_finding("archive.verify.symlink", member=shown(info.filename)))
    if findings:
        return findings
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            findings.append(
                _finding(
                    "archive.verify.member_too_big",
                    member=shown(info.filename),
                    size=megabytes(info.file_size),
                    limit=megabytes(MAX_MEMBER_BYTES),
                )
            )
    total = sum(info.file_size for info in infos)
    if not findings and total > MAX_TOTAL_BYTES:
        findings.append(
            _finding(
                "archive.verify.total_too_big",
                size=megabytes(total),
                limit=megabytes(MAX_TOTAL_BYTES),
            )
        )
    return findings


def points_outside(name: str) -> bool:
    """True for a name that would land outside the folder it is unpacked in."""
    parts = re.split(r"[/\\]", name)
    return (
        name.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", name) is not None
        or ".." in parts
        or "\x00" in name
    )


def nesting_depth(text: str) -> int:
    """How deep the lists and tables of a JSON text nest (strings skipped), without parsing."""
    depth = deepest = 0
    for token in _JSON_TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def read_manifest(bundle: zipfile.ZipFile) -> dict[str, Any] | None:
    """The manifest of an open archive, or None when it is missing, too big or unreadable."""
    manifest, _, problem = _bounded_manifest(bundle)
    return manifest if problem is None else None


def _bounded_manifest(
    bundle: zipfile.ZipFile,
) -> tuple[dict[str, Any], bytes, Finding | None]:
    """The manifest, its bytes, or why it was not read (too big, too deep, not JSON)."""
    try:
        info = bundle.getinfo(MANIFEST)
    except KeyError:
        return {}, b"", _finding("archive.verify.no_manifest")
    if info.file_size > MAX_MANIFEST_BYTES:
        return {}, b"", _too_big_manifest(info.file_size)
    try:
        with bundle.open(info) as member:
            raw = member.read(MAX_MANIFEST_BYTES + 1)
    except _READ_ERRORS as error:
        found = _finding("archive.verify.member_unreadable", member=MANIFEST, detail=error)
        return {}, b"", found
    if len(raw) > MAX_MANIFEST_BYTES:
        return {}, b"", _too_big_manifest(len(raw))
    text = raw.decode("utf-8", errors="replace")
    if nesting_depth(text) > MAX_MANIFEST_DEPTH:
        return {}, b"", _finding("archive.verify.manifest_deep", limit=MAX_MANIFEST_DEPTH)
    try:
        manifest = json.loads(text)
    except ValueError as error:
        return {}, b"", _finding("archive.verify.bad_manifest", detail=error)
    if not isinstance(manifest, dict):
        return {}, b"", _finding("archive.verify.bad_manifest", detail="{}")
    return manifest, raw, None


def _too_big_manifest(size: int) -> Finding:
    return _finding(
        "archive.verify.manifest_too_big",
        size=megabytes(size),
        limit=megabytes(MAX_MANIFEST_BYTES),
    )


def _is_entry(value: object) -> bool:
    """True for a manifest entry with a checksum and a size."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("sha256"), str)
        and isinstance(value.get("size"), int)
    )


def _check_member(
    bundle: zipfile.ZipFile, names: set[str], name: str, expected: dict[str, Any]
) -> list[Finding]:
    """What is wrong with one listed member, if anything; streamed, never read whole."""
    member = shown(name)
    if name not in names:
        return [_finding("archive.verify.member_missing", member=member)]
    digest = hashlib.sha256()
    size = 0
    try:
        with bundle.open(name) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > expected["size"]:
                    break
                digest.update(chunk)
    except (*_READ_ERRORS, RuntimeError) as error:
        return [_finding("archive.verify.member_unreadable", member=member, detail=error)]
    if size != expected["size"]:
        actual = bundle.getinfo(name).file_size if size > expected["size"] else size
        return [
            _finding("archive.verify.size", member=member, actual=actual, expected=expected["size"])
        ]
    if digest.hexdigest() != expected["sha256"]:
        return [_finding("archive.verify.checksum", member=member)]
    return []
