"""A forged archive never crashes kerne: the real command on the hostile zip, one sentence back.

Each test builds a hostile zip on the real disk and runs ``python -m kerne_tui archive --verify``
or ``kerne serve opfoelgning --follow-up`` on it as a subprocess: a zip bomb (a 1 GiB member of
zeros, 1 MB zipped), a member just under the size limit, a deep or huge manifest, names that
point outside, a symbolic link, a member twice, a member the manifest does not list, a title
edited in the manifest, and a pinned sentence full of terminal escapes. The peak memory of the
subprocess is read from the kernel (``wait4``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import signal
import struct
import subprocess
import sys
import zipfile
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, CookieJar
from support import FakeClock
from support.follow_up import run_day
from test_archive_cli import environment

from kerne_tui.archive import write_archive
from kerne_tui.archive.bundle import FORMAT, MANIFEST, manifest_bytes, sealed

TIMEOUT = 60.0
MEMORY_LIMIT_KB = 100 * 1024
"""Peak resident memory a command may use on a hostile archive: 100 MB."""
GIB = 1 << 30
MIB = 1 << 20
SESSION = "2026-12-01-dag-ABCDE.json"
ESCAPES = ("\x1b", "\u202e", "\x07")


@dataclass(frozen=True)
class Ran:
    """A finished command: its exit status, what it printed, and its peak memory in KB."""

    returncode: int
    stdout: str
    stderr: str
    peak_kb: int


PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[2:], timeout=float(sys.argv[1]), check=False)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(peak, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)
"""A small parent for the command: Linux counts a child's peak memory from the process it was
forked from, so forked from pytest (hundreds of MB) every child would look as big as pytest."""


def kerne_measured(*given: str | Path, cwd: Path) -> Ran:
    """Run ``python -m kerne_tui`` to its end, and its peak resident memory (from the kernel)."""
    args = [str(arg) for arg in given]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK,
            str(TIMEOUT),
            sys.executable,
            "-m",
            "kerne_tui",
            *map(str, args),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment("en"),
        cwd=cwd,
        timeout=TIMEOUT + 10,
        check=False,
    )
    said, _, peak = done.stderr.rstrip("\n").rpartition("\n")
    return Ran(done.returncode, done.stdout, said, int(peak))


def one_sentence(ran: Ran) -> str:
    """The command said one thing on stderr, and it was no traceback."""
    assert "Traceback" not in ran.stderr
    lines = [line for line in ran.stderr.splitlines() if line.strip()]
    assert lines, "the command said nothing"
    return " ".join(lines)


def sealed_manifest(files: Mapping[str, tuple[str, int]], title: str = "Dagen") -> bytes:
    """A manifest in kerne's own form with its own checksum, as a forger can make one."""
    return manifest_bytes(
        sealed(
            {
                "format": FORMAT,
                "kerne_version": "0",
                "archived_at": "2026-12-01T15:00:00Z",
                "session": {"file": SESSION, "title": title, "join_code": "ABCDE"},
                "files": {n: {"sha256": h, "size": s} for n, (h, s) in files.items()},
            }
        )
    )


def zeros_archive(path: Path, name: str, size: int) -> Path:
    """A zip whose member *name* is *size* zero bytes, listed truthfully in a sealed manifest."""
    digest = hashlib.sha256()
    chunk = bytes(MIB)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        with bundle.open(name, "w", force_zip64=True) as member:
            for _ in range(size // MIB):
                member.write(chunk)
                digest.update(chunk)
        if name != MANIFEST:
            bundle.writestr(MANIFEST, sealed_manifest({name: (digest.hexdigest(), size)}))
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1 GiB of zeros as the session member: about 1 MB on disk."""
    folder = tmp_path_factory.mktemp("bomb")
    made = zeros_archive(folder / "bomb.zip", SESSION, GIB)
    assert made.stat().st_size < 2 * MIB
    return made


def test_a_zip_bomb_is_refused_before_it_is_unpacked_in_little_memory(
    bomb: Path, tmp_path: Path
) -> None:
    ran = kerne_measured("archive", "--verify", bomb, cwd=tmp_path)
    said = one_sentence(ran)
    assert ran.returncode == 1
    assert SESSION in said and "1,074 MB" in said and "64 MB" in said, said
    assert "nothing was unpacked" in said
    assert ran.peak_kb < MEMORY_LIMIT_KB, f"peak {ran.peak_kb} KB"


def test_a_follow_up_on_a_zip_bomb_says_so_in_little_memory(bomb: Path, tmp_path: Path) -> None:
    ran = kerne_measured(
        "serve",
        "opfoelgning",
        "--follow-up",
        bomb,
        "--data-dir",
        tmp_path / "data",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        cwd=tmp_path,
    )
    said = one_sentence(ran)
    assert ran.returncode == 2 and "JOIN" not in ran.stdout
    assert "does not match its manifest" in said and SESSION in said and "64 MB" in said
    assert said.count("1,074 MB") == 1, "verified once, one sentence per finding"
    assert ran.peak_kb < MEMORY_LIMIT_KB, f"peak {ran.peak_kb} KB"
    assert not list((tmp_path / "data").glob("*.json")), "no session was made"


def test_a_member_just_under_the_limit_is_verified_in_chunks(tmp_path: Path) -> None:
    # 60 MB read whole would need about twice that in memory; streamed, it needs a chunk.
    archive = zeros_archive(tmp_path / "large.zip", SESSION, 60 * MIB)
    ran = kerne_measured("archive", "--verify", archive, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "intact" in ran.stdout
    assert ran.peak_kb < MEMORY_LIMIT_KB - 20 * 1024, f"peak {ran.peak_kb} KB"


def test_a_member_that_lies_about_its_size_is_read_no_further_than_it_claims(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as made:
        made.writestr(SESSION, bytes(60 * MIB))
    raw = bytearray(archive.read_bytes())
    # 100 bytes, says the zip's directory (local header and central directory) of 60 MB.
    struct.pack_into("<I", raw, 22, 100)
    struct.pack_into("<I", raw, raw.find(b"PK\x01\x02") + 24, 100)
    archive.write_bytes(bytes(raw))
    with zipfile.ZipFile(archive, "a") as bundle:
        bundle.writestr(
            MANIFEST, sealed_manifest({SESSION: (hashlib.sha256(bytes(100)).hexdigest(), 100)})
        )
    ran = kerne_measured("archive", "--verify", archive, cwd=tmp_path)
    said = one_sentence(ran)
    assert ran.returncode == 1
    assert said == f"{SESSION} is damaged and cannot be read (Bad CRC-32 for file '{SESSION}')."
    assert ran.peak_kb < MEMORY_LIMIT_KB - 20 * 1024, f"peak {ran.peak_kb} KB"


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "more than 8 levels deep"),
        (b'{"files": ' * 50 + b"{}" + b"}" * 50, "more than 8 levels deep"),
        (b" " * (50 * MIB) + b"{}", "52 MB, more than the 1 MB a manifest may take"),
    ],
    ids=["100000-brackets", "50-tables", "50-MB"],
)
def test_a_deep_or_huge_manifest_is_refused_without_parsing(
    tmp_path: Path, manifest: bytes, expected: str
) -> None:
    archive = tmp_path / "deep.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(MANIFEST, manifest)
    ran = kerne_measured("archive", "--verify", archive, cwd=tmp_path)
    said = one_sentence(ran)
    assert ran.returncode == 1 and said.startswith("manifest.json") and expected in said, said
    assert ran.peak_kb < MEMORY_LIMIT_KB, f"peak {ran.peak_kb} KB"


def test_a_manifest_of_a_gibibyte_is_refused_unread(tmp_path: Path) -> None:
    archive = zeros_archive(tmp_path / "manifest-bomb.zip", MANIFEST, GIB)
    ran = kerne_measured("archive", "--verify", archive, cwd=tmp_path)
    said = one_sentence(ran)
    assert ran.returncode == 1
    assert said == (
        "manifest.json takes 1,074 MB unpacked, more than the 64 MB a file in an archive may "
        "take (a day's archive takes a few MB); nothing was unpacked."
    )
    assert ran.peak_kb < MEMORY_LIMIT_KB, f"peak {ran.peak_kb} KB"


@pytest.fixture(scope="module")
def day_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The day (kerneopgaven-kort) run and archived: a real archive to forge from."""
    folder = tmp_path_factory.mktemp("day")
    day = asyncio.run(run_day(folder / "data", FakeClock()))
    return write_archive(day, folder / "archives")


def members_of(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def forged(path: Path, members: Mapping[str, bytes], extra: list[zipfile.ZipInfo]) -> Path:
    """The members as they are, then *extra* members (each with the bytes ``x``)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, payload in members.items():
            bundle.writestr(name, payload)
        for info in extra:
            twice = info.filename in members  # zipfile warns of a name twice, and writes it
            with pytest.warns(UserWarning) if twice else contextlib.nullcontext():
                bundle.writestr(info, b"x")
    return path


def symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o120777 << 16  # a symbolic link, as zip -y stores one
    return info


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (lambda session: zipfile.ZipInfo("../../x"), "../../x has a name that points outside"),
        (lambda session: zipfile.ZipInfo("/tmp/x"), "/tmp/x has a name that points outside"),
        (lambda session: symlink("link"), "link is a symbolic link"),
        (lambda session: zipfile.ZipInfo(session), "is in the archive 2 times"),
        (lambda session: zipfile.ZipInfo("notes.txt"), "notes.txt is in the archive but not"),
    ],
    ids=["dotdot", "absolute", "symlink", "duplicate", "unlisted"],
)
def test_a_forged_member_is_named_by_verify(
    day_archive: Path, tmp_path: Path, extra: Any, expected: str
) -> None:
    members = members_of(day_archive)
    session = next(name for name in members if name.endswith(".json") and name != MANIFEST)
    archive = forged(tmp_path / "forged.zip", members, [extra(session)])
    ran = kerne_measured("archive", "--verify", archive, cwd=tmp_path)
    said = one_sentence(ran)
    assert ran.returncode == 1, ran.stdout
    assert expected in said, said
    assert "intact" not in ran.stdout


def test_the_untouched_day_archive_is_intact(day_archive: Path, tmp_path: Path) -> None:
    ran = kerne_measured("archive", "--verify", day_archive, cwd=tmp_path)
    assert ran.returncode == 0 and "intact" in ran.stdout, ran.stderr
    assert ran.stderr == ""


def test_a_title_edited_in_the_manifest_is_named_as_a_changed_manifest(
    day_archive: Path, tmp_path: Path
) -> None:
    members = members_of(day_archive)
    manifest = json.loads(members[MANIFEST])
    manifest["session"]["title"] = "Et andet møde"
    # Written in kerne's own form: only the manifest's own checksum can tell.
    members[MANIFEST] = manifest_bytes(manifest)
    archive = forged(tmp_path / "title.zip", members, [])
    ran = kerne_measured("archive", "--verify", archive, cwd=tmp_path)
    said = one_sentence(ran)
    assert ran.returncode == 1
    assert said == "manifest.json was changed after archiving: its own checksum does not match."


def resealed(members: dict[str, bytes], name: str, payload: bytes) -> dict[str, bytes]:
    """*members* with *name* replaced and the manifest made again to match, as a forger would."""
    manifest = json.loads(members[MANIFEST])
    manifest["files"][name] = {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}
    return {**members, name: payload, MANIFEST: manifest_bytes(sealed(manifest))}


@asynccontextmanager
async def serving_follow_up(earlier: Path, data_dir: Path) -> AsyncIterator[str]:
    """``kerne serve opfoelgning --follow-up EARLIER`` on 127.0.0.1; yields the join address."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kerne_tui",
        "serve",
        "opfoelgning",
        "--follow-up",
        str(earlier),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data-dir",
        str(data_dir),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=environment(),
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), TIMEOUT)).decode("utf-8")
        assert line.startswith("JOIN "), line
        yield line.split()[1]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()


async def test_a_forged_pinned_sentence_is_cleaned_before_it_is_stored_or_served(
    day_archive: Path, tmp_path: Path
) -> None:
    members = members_of(day_archive)
    session = next(name for name in members if name.endswith(".json") and name != MANIFEST)
    data = json.loads(members[session])
    pins = data["state"]["1"]["pins"]
    pins[-1]["text"] = "\x1b]0;KAPRET\x07Vi løfter \u202eopgaven\x1b[2K\r sammen"
    archive = forged(
        tmp_path / "pin.zip", resealed(members, session, json.dumps(data).encode()), []
    )
    data_dir = tmp_path / "data"
    async with serving_follow_up(archive, data_dir) as join_url:
        code = join_url.rstrip("/").rsplit("/", 1)[-1]
        base = join_url.split("/j/")[0]
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as phone:
            async with phone.get(join_url) as page:
                assert page.status == 200
            async with phone.get(f"{base}/api/{code}/state") as answer:
                assert answer.status == 200
                state = await answer.text()
    stored = next(data_dir.glob("*.json")).read_text(encoding="utf-8")
    assert "Vi løfter opgaven" in stored, "the pinned sentence was imported"
    assert "Vi løfter opgaven" in str(json.loads(state)["pinned_earlier"])
    for escape in ESCAPES:
        assert escape not in stored and json.dumps(escape)[1:-1] not in stored, repr(escape)
        assert escape not in state and json.dumps(escape)[1:-1] not in state, repr(escape)
