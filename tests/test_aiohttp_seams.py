"""What kerne takes from aiohttp beyond its documented surface, checked by name.

When an aiohttp release changes one of these, this test fails saying which, so that
``kerne_tui/web/aiohttp_seams.py`` (the one module that leans on them) is changed with the
pin in ``pyproject.toml``.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from unittest import mock

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from aiohttp.web_protocol import RequestHandler

from kerne_tui.catalog import t
from kerne_tui.web.aiohttp_seams import SEAMS, quiet_handler

PACKAGE = Path(__file__).resolve().parent.parent / "kerne_tui"
INTERNALS = re.compile(
    r"\._(connections|waiter|request_in_progress|server|kwargs|host|port|backlog|bound_port"
    r"|runner|loop|force_close|keepalive|manager|messages|task_handler)\b"
)
"""aiohttp's private attributes that kerne once read; none may come back outside the seams."""


@pytest.mark.parametrize("name", sorted(SEAMS))
def test_each_seam_is_still_where_kerne_expects_it(name: str) -> None:
    owner, _, attribute = name.partition(".")
    found = getattr(getattr(aiohttp.web_protocol, owner, None), attribute, None)
    assert found is not None, (
        f"aiohttp {aiohttp.__version__} has no {name}: change kerne_tui/web/aiohttp_seams.py"
    )
    parameters = tuple(inspect.signature(found).parameters)[1:]
    assert parameters == SEAMS[name], (
        f"aiohttp {aiohttp.__version__} changed {name}{parameters}: kerne relies on "
        f"{SEAMS[name]} (kerne_tui/web/aiohttp_seams.py)"
    )


def test_the_request_handler_keeps_its_slots_so_its_class_can_be_switched() -> None:
    assert "__slots__" in vars(RequestHandler), (
        f"aiohttp {aiohttp.__version__}: RequestHandler.__slots__ is gone; "
        "kerne_tui/web/aiohttp_seams.quiet_handler switches the handler's class"
    )


async def test_kernes_handler_answers_an_unreadable_request_in_one_sentence() -> None:
    async def never(request: web.BaseRequest) -> web.StreamResponse:
        raise AssertionError("an unreadable request never reaches the application")

    server = web.Server(never)
    handler = quiet_handler(server, lambda: "en")
    assert isinstance(handler, RequestHandler)
    writer = mock.Mock(output_size=0)
    request = make_mocked_request("GET", "/", writer=writer)
    leak = "kerne_device=0123456789abcdef"
    response = handler.handle_error(request, 400, ValueError(leak), f"bad header: {leak}")
    assert isinstance(response, web.Response)
    assert response.status == 400
    assert response.text == t("en", "web.error.malformed")
    assert not response.keep_alive


def test_no_other_module_reads_aiohttps_private_attributes() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "aiohttp_seams.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INTERNALS.search(line) and "aiohttp" in path.read_text(encoding="utf-8"):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []
