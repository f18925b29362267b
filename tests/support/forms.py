"""The no-script form as a browser posts it: with the hidden token its page carried."""

from __future__ import annotations

import re

from aiohttp import ClientSession

_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


async def form_token(phone: ClientSession, code: str) -> str:
    """Load the participant page as *phone* and read its form token (the page sets the
    phone's cookie first if it had none, as a browser's first visit does)."""
    response = await phone.get(f"/j/{code}")
    page = await response.text()
    found = _TOKEN.search(page)
    assert found is not None, f"the page ({response.status}) carries no form token"
    return found.group(1)
