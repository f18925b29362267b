"""Starting, pinning, asking and stopping the server processes under test."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = Path(__file__).resolve().parent / "plan.toml"
_SCRIPT = Path(sys.executable).with_name("kerne")
KERNE = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "kerne_tui"]
"""The ``kerne`` command of this virtualenv, as a facilitator would type it."""
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0


@dataclass(frozen=True)
class Cores:
    """Which cores the server and the load generator run on (None: not pinned)."""

    server: int | None
    load: int | None

    @property
    def note(self) -> str:
        """One line for the report."""
        if self.server is None:
            return "not pinned (fewer than 2 cores or no sched_setaffinity): figures are shared-CPU"
        return f"server pinned to core {self.server}, load generator to core {self.load}"


def choose_cores() -> Cores:
    """Put the server and the load generator on different cores where there are two."""
    if not hasattr(os, "sched_setaffinity"):
        return Cores(None, None)
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2:
        return Cores(None, None)
    os.sched_setaffinity(0, {allowed[1]})
    return Cores(allowed[0], allowed[1])


def _pin(core: int | None, nofile: tuple[int, int] | None = None) -> Callable[[], None] | None:
    """Pin the child to *core* and, where given, set its open-files limit (soft, hard)."""
    if core is None and nofile is None:
        return None

    def pin() -> None:
        if core is not None:
            os.sched_setaffinity(0, {core})
        if nofile is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_NOFILE, nofile)

    return pin


class ServerProcess:
    """One server under test: started, pinned, read line by line, measured and stopped."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        log_path: Path,
        core: int | None,
        nofile: tuple[int, int] | None = None,
    ) -> None:
        self.name = name
        self.nofile = nofile
        """The open-files limit (soft, hard) the server starts under; None: this process's."""
        self.argv = list(argv)
        self.log_path = log_path
        self.core = core
        self.process: asyncio.subprocess.Process | None = None
        self.lines: asyncio.Queue[str] = asyncio.Queue()
        self.base = ""
        self.code = ""
        self.started_at = 0.0
        self.joined_after = 0.0
        self._pump: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Spawn the server and wait for its ``JOIN <url>`` line."""
        self.started_at = time.monotonic()
        with open(self.log_path, "ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv,
                cwd=ROOT,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
                preexec_fn=_pin(self.core, self.nofile),
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self._pump = asyncio.create_task(self._read_stdout())
        line = await self.expect("JOIN", START_TIMEOUT)
        self.joined_after = time.monotonic() - self.started_at
        url = line.split(maxsplit=1)[1]
        self.base, _, self.code = url.partition("/j/")

    async def _read_stdout(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        while raw := await self.process.stdout.readline():
            await self.lines.put(raw.decode("utf-8", "replace").strip())

    async def expect(self, prefix: str, timeout: float) -> str:
        """The next stdout line that starts with *prefix* (others are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.name}: no {prefix} line within {timeout} s")
            line = await asyncio.wait_for(self.lines.get(), left)
            if line.startswith(prefix):
                return line

    async def command(self, text: str, answer: str, timeout: float = 30.0) -> str:
        """Send one control command on stdin and return its answer line."""
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(text.encode() + b"\n")
        await self.process.stdin.drain()
        return await self.expect(answer, timeout)

    def peak_rss_mib(self) -> float:
        """The process's peak resident memory so far (VmHWM)."""
        assert self.process is not None
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """User plus system CPU time the process has used so far."""
        assert self.process is not None
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return float("nan")

    async def stop(self) -> int:
        """Stop the server with SIGTERM (SIGKILL if it does not stop in time); its exit code."""
        process = self.process
        if process is None:
            return 0
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
        return process.returncode if process.returncode is not None else -1


def kerne_serve(data_dir: Path, *, resume: Path | None = None) -> list[str]:
    """``kerne serve`` on 127.0.0.1, a free port, the benchmark plan's first step."""
    argv = [*KERNE, "serve"]
    argv += ["--resume", str(resume)] if resume else [str(PLAN), "--step", "burst"]
    return [*argv, "--port", "0", "--host", "127.0.0.1", "--data-dir", str(data_dir)]


def kerne_host(data_dir: Path, *, resume: Path | None = None, tui: bool = False) -> list[str]:
    """kerne composed as ``kerne run`` composes it, with stdin commands."""
    argv = [sys.executable, "-m", "benchmarks.host", "--data-dir", str(data_dir)]
    argv += ["--resume", str(resume)] if resume else ["--plan", str(PLAN)]
    return argv + (["--tui"] if tui else [])


def reference(storage: str, data_dir: Path, prefill: int) -> list[str]:
    """One of the two reference servers."""
    return [
        sys.executable,
        "-m",
        "benchmarks.reference_server",
        "--storage",
        storage,
        "--data-dir",
        str(data_dir),
        "--prefill",
        str(prefill),
    ]
