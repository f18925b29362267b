"""Holding a session: open or resume it, serve the phones, keep time, save and release.

``kerne run`` (with the projected screen) and ``kerne serve`` (without) differ only in what
runs inside :func:`hosted`; ``kerne console`` and a paired phone steer either through its
control centre.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from kerne_tui.catalog import Lang, t
from kerne_tui.control import ControlCenter
from kerne_tui.limits import capacity_notice
from kerne_tui.logs import log_handlers
from kerne_tui.memory import settle
from kerne_tui.plan import Plan
from kerne_tui.settings import Settings
from kerne_tui.store import (
    FollowUpRecord,
    SessionFileError,
    SessionLocked,
    find_session,
    latest_unfinished,
)
from kerne_tui.user_errors import (
    UserError,
    ensure_writable,
    resolve_plan,
    session_file_error,
    session_not_found,
)
from kerne_tui.web import PortUnavailable, ServerInfo, phone_server
from kerne_tui.web.admission import AdmissionLimits, limits_from_plan
from kerne_tui.workshop import FollowUpError, Workshop


def open_workshop(settings: Settings, lang: Lang) -> Workshop:
    """Create a new session for the plan, or resume one; every failure is a UserError."""
    folder = settings.data_dir
    ensure_writable(folder, lang)
    resume = settings.resume
    if resume is not None and settings.follow_up:
        raise UserError(t(lang, "cli.follow_up_with_resume"))
    try:
        if resume is not None:
            if resume:
                path = find_session(folder, resume)
                if path is None:
                    raise session_not_found(resume, folder, lang)
            else:
                latest = latest_unfinished(folder)
                if latest is None:
                    raise UserError(t(lang, "cli.no_session_to_resume", folder=folder))
                path = latest.path
            workshop = Workshop.resume(path)
        else:
            plan = resolve_plan(settings.plan or "kerneopgaven", lang, folder)
            if settings.start:
                # The day starts at another hour than the plan says: the session keeps it.
                start = settings.start
                plan = dataclasses.replace(plan, start=start, raw={**plan.raw, "start": start})
            workshop = Workshop.create(
                plan,
                folder,
                rehearsal=settings.rehearsal,
                speed=settings.speed,
                follow_up=earlier_session(settings.follow_up, plan),
            )
    except FollowUpError as error:
        raise UserError(error.message(lang)) from None
    except SessionFileError as error:
        raise session_file_error(error, lang) from None
    except SessionLocked as locked:
        raise UserError(t(lang, "cli.locked", path=locked), t(lang, "cli.locked.hint")) from None
    step = settings.step
    if step and step not in {s.id for s in workshop.plan.steps}:
        workshop.store.release()
        steps = ", ".join(s.id for s in workshop.plan.steps)
        raise UserError(t(lang, "cli.unknown_step", step=step, steps=steps))
    return workshop


def earlier_session(earlier: str | None, plan: Plan) -> FollowUpRecord | None:
    """What the follow-up copies from ``--follow-up EARLIER``; FollowUpError if it cannot."""
    if not earlier:
        return None
    from kerne_tui.archive import read_earlier

    return read_earlier(Path(earlier), plan)


def server_notices(info: ServerInfo, wanted_port: int, lang: Lang) -> list[str]:
    """What the facilitator should know about the address (port moved, no LAN)."""
    notices = []
    if info.port_moved:
        notices.append(t(lang, "cli.port_moved", wanted=wanted_port, port=info.port))
    if not info.lan_found:
        notices.append(t(lang, "cli.no_lan") + " " + t(lang, "cli.no_lan.hint"))
    notices.extend(capacity_notice(info.capacity, info.language))
    return notices


def setup_logging(folder: Path, *, to_stderr: bool) -> Path:
    """Log to a file in the data folder (Textual owns the terminal); never IPs or agents."""
    path = folder / "kerne.log"
    handlers = log_handlers(path, to_stderr=to_stderr)
    logging.basicConfig(
        level=logging.INFO,
        handlers=handlers,
        force=True,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("aiohttp.access").disabled = True
    return path


def admission_limits(workshop: Workshop, settings: Settings) -> AdmissionLimits:
    """The limits per network address: the plan's ``[limits]``, then the command line's.

    A rehearsal whose simulated phones cannot each have a loopback address of their own
    (macOS answers on 127.0.0.1 only) lets them all in from that one address, as a venue
    behind one router would.
    """
    limits = limits_from_plan(workshop.plan.raw)
    if settings.rehearsal and _phones_share_an_address():
        shared = max(limits.devices_per_address, settings.participants + 1)
        limits = limits.with_overrides(devices_per_address=shared)
    return limits.with_overrides(
        devices_per_address=settings.devices_per_address,
        new_devices_per_minute=settings.new_devices_per_minute,
    )


def _phones_share_an_address() -> bool:
    # Imported here: the rehearsal package brings aiohttp's client, which serve never needs.
    from kerne_tui.rehearsal.addresses import phones_share_an_address

    return phones_share_an_address("http://127.0.0.1/")


@contextlib.asynccontextmanager
async def hosted(
    workshop: Workshop, settings: Settings, lang: Lang, control: ControlCenter | None = None
) -> AsyncIterator[ServerInfo]:
    """Open the session file, serve the phones and keep time; save and release on the way out.

    ``kerne serve`` and ``kerne run`` differ only in what runs inside this block; both can be
    steered from ``kerne console`` and a paired phone through *control*.
    """
    await workshop.open()
    control = control or ControlCenter(workshop)
    try:
        async with phone_server(
            workshop,
            host=settings.host,
            port=settings.port,
            public_url=settings.public_url,
            control=control,
            limits=admission_limits(workshop, settings),
            trust_proxy=settings.trust_proxy,
        ) as info:
            ticker = asyncio.create_task(workshop.keep_time())
            settle()
            try:
                local_port = info.local_port or info.port
                with control.published(settings.data_dir, local_port, info.url, info.port):
                    yield info
            finally:
                ticker.cancel()
                await asyncio.gather(ticker, return_exceptions=True)
                await workshop.save_state()
    except PortUnavailable as error:
        raise UserError(
            t(lang, "cli.port_taken", first=error.first, last=error.last, host=error.host),
            t(lang, "cli.port_taken.hint"),
        ) from None
    finally:
        await workshop.shutdown()


def first_input_step(workshop: Workshop) -> str:
    for step in workshop.plan.steps:
        if step.kind.takes_input:
            return step.id
    return workshop.plan.steps[0].id


def on_stop_signals(callback: Callable[[], None]) -> None:
    loop = asyncio.get_running_loop()
    for name in ("SIGINT", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            loop.add_signal_handler(number, callback)
        except (NotImplementedError, RuntimeError):
            # Windows has no loop signal handlers: Ctrl+C still arrives as KeyboardInterrupt.
            signal.signal(number, lambda *_: loop.call_soon_threadsafe(callback))
