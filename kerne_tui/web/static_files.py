"""The page's own files (scripts, stylesheets, icon): read once, compressed once, cached long.

Each file's address carries its version (``/static/app.js?v=<hash>``), so a phone keeps it
for a year and asks again only when kerne itself changed the file. An address without the
current version (an old page, a hand-typed address) is answered with ``no-cache`` and a
validator, so the phone revalidates and gets a ``304`` when nothing changed. A phone that
offers gzip gets the copy compressed at start-up.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
VERSION_PARAMETER = "v"
LONG_LIFE = "public, max-age=31536000, immutable"
"""For an address with the file's version in it: the file behind it never changes."""
REVALIDATE = "no-cache"
"""For any other address: keep it, but ask (with the validator) before using it again."""


@dataclass(frozen=True)
class StaticFile:
    """One file as served: its bytes plain and gzipped, its type and its version."""

    body: bytes
    gzipped: bytes
    content_type: str
    version: str

    @property
    def etag(self) -> str:
        """The validator (weak: the plain and the gzipped copy are the same file)."""
        return f'W/"{self.version}"'

    @classmethod
    def read(cls, path: Path) -> StaticFile:
        """Read and compress *path* (``mtime=0``: the gzipped bytes depend on the file only)."""
        body = path.read_bytes()
        return cls(
            body=body,
            gzipped=gzip.compress(body, compresslevel=9, mtime=0),
            content_type=STATIC_TYPES.get(path.suffix, "application/octet-stream"),
            version=hashlib.sha256(body).hexdigest()[:12],
        )


class StaticFiles:
    """Every file of a folder, by name, ready to serve."""

    def __init__(self, folder: Path) -> None:
        self._files = {
            path.name: StaticFile.read(path) for path in sorted(folder.iterdir()) if path.is_file()
        }

    def get(self, name: str) -> StaticFile | None:
        """The file called *name*, or None."""
        return self._files.get(name)

    def versioned(self, address: str, name: str) -> str:
        """*address* (the file's route) with the file's version: the long-lived address."""
        found = self._files.get(name)
        return f"{address}?{VERSION_PARAMETER}={found.version}" if found else address


def static_response(request: web.Request, found: StaticFile) -> web.Response:
    """*found* for this request: 304 when the phone has it, gzipped when the phone takes it."""
    current = request.query.get(VERSION_PARAMETER) == found.version
    headers = {
        "Cache-Control": LONG_LIFE if current else REVALIDATE,
        "ETag": found.etag,
        "Vary": "Accept-Encoding",
    }
    offered = request.headers.get("If-None-Match", "")
    if found.etag in (tag.strip() for tag in offered.split(",")) or offered.strip() == "*":
        return web.Response(status=304, headers=headers)
    body = found.body
    if "gzip" in request.headers.get("Accept-Encoding", "").lower():
        body = found.gzipped
        headers["Content-Encoding"] = "gzip"
    return web.Response(
        body=body, content_type=found.content_type, charset="utf-8", headers=headers
    )
