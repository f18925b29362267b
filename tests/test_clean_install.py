"""A clean install: the wheel alone, in a fresh environment outside the checkout, runs kerne.

The wheel is built from this checkout and installed into a new virtual environment in a
temporary folder; every command then runs from another temporary folder with a clean
environment, so nothing can be found in the source tree by accident. pip may fetch the
dependencies from the configured index, which is why this is marked slow.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar
from yarl import URL

from kerne_tui import __version__
from kerne_tui.store import read_session_data, rows

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
INSTALL_WAIT = 600.0
"""pip may download every dependency; a cold cache on a slow line takes minutes."""
WAIT = 30.0
"""Upper bound for one kerne command; reached only when a test fails."""


@dataclass(frozen=True)
class Installation:
    """kerne installed from its wheel into a fresh virtual environment."""

    python: Path
    kerne: Path
    work: Path
    """An empty folder outside the checkout to run commands from."""
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a command of the installation from the work folder and wait for it."""
        return subprocess.run(
            args, capture_output=True, text=True, timeout=WAIT, cwd=self.work, env=self.env
        )


def _checked(*args: str, timeout: float = WAIT) -> None:
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installation:
    """Build the wheel, make a fresh virtual environment and install the wheel into it."""
    root = tmp_path_factory.mktemp("clean-install")
    dist = root / "dist"
    # No build isolation: the build backend is already here, and the room may be offline.
    _checked(
        sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)
    )
    (wheel,) = dist.glob("kerne-*.whl")
    venv = root / "venv"
    # The environment starts empty; this interpreter's pip installs into it (``--python``),
    # which saves bootstrapping a second pip and changes nothing about what gets installed.
    _checked(sys.executable, "-m", "venv", "--without-pip", str(venv))
    scripts = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / ("python.exe" if sys.platform == "win32" else "python")
    _checked(
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--quiet",
        "--no-compile",
        str(wheel),
        timeout=INSTALL_WAIT,
    )
    work = root / "work"
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "KERNE_DATA_DIR")
    }
    env["PATH"] = os.pathsep.join([str(scripts), env.get("PATH", "")])
    env["KERNE_LANG"] = "en"
    return Installation(python=python, kerne=scripts / "kerne", work=work, env=env)


def test_the_installed_package_comes_from_the_wheel_not_the_checkout(
    installed: Installation,
) -> None:
    result = installed.run(
        str(installed.python), "-c", "import kerne_tui; print(kerne_tui.__file__)"
    )
    location = Path(result.stdout.strip()).resolve()
    assert result.returncode == 0, result.stderr
    assert not location.is_relative_to(ROOT)
    assert location.is_relative_to(installed.python.parent.parent.resolve())


def test_kerne_version_runs_from_the_wheel(installed: Installation) -> None:
    result = installed.run(str(installed.kerne), "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"kerne {__version__}"


def test_every_packaged_plan_is_in_the_wheel_and_valid(installed: Installation) -> None:
    found = installed.run(
        str(installed.python),
        "-c",
        "from kerne_tui.plan.builtin import plans_folder; print(plans_folder())",
    )
    folder = Path(found.stdout.strip())
    packaged = sorted(folder.glob("*.toml"))
    assert folder.resolve().is_relative_to(installed.python.parent.parent.resolve())
    assert len(packaged) == len(list((ROOT / "sessions").glob("*.toml")))
    result = installed.run(str(installed.kerne), "validate", *map(str, packaged))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": valid (") == len(packaged)


async def test_kerne_serve_from_the_wheel_takes_a_contribution(installed: Installation) -> None:
    data = installed.work / "data"
    server = await asyncio.create_subprocess_exec(
        str(installed.kerne),
        "serve",
        "kerneopgaven-kort",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--data-dir",
        str(data),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=installed.work,
        env=installed.env,
    )
    try:
        assert server.stdout is not None
        first_line = (await asyncio.wait_for(server.stdout.readline(), WAIT)).decode()
        assert first_line.startswith("JOIN "), first_line
        join = URL(first_line.removeprefix("JOIN ").strip())
        code = join.name
        api = join.with_path(f"/api/{code}")
        async with ClientSession(
            cookie_jar=CookieJar(unsafe=True), timeout=ClientTimeout(total=WAIT)
        ) as phone:
            async with phone.get(api / "state") as response:
                step = (await response.json())["step"]
            body = {"step": step["id"], "client_id": "wheel-1", "text": "Børnene først."}
            async with phone.post(api / "contributions", json=body) as response:
                assert response.status == 201, await response.text()
    finally:
        if server.returncode is None:
            server.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(server.communicate(), WAIT)
    assert server.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    (session_file,) = data.glob("*.json")
    texts = [row["text"] for row in rows(read_session_data(session_file), "contributions")]
    assert texts == ["Børnene først."]
