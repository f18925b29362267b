"""The command line: the composition root that wires plan, store, workshop, web and tui.

The commands are here; the parser that reads them is in ``cli_parser.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from kerne_tui.catalog import Lang, counted, t
from kerne_tui.cli_parser import build_parser
from kerne_tui.control import ControlCenter
from kerne_tui.hosting import (
    first_input_step,
    hosted,
    on_stop_signals,
    open_workshop,
    server_notices,
    setup_logging,
)
from kerne_tui.plan import PlanError, builtin_plans, find_plan, load_plan, own_plans, plan_name
from kerne_tui.rooms_cli import cmd_edit, cmd_overview
from kerne_tui.settings import Settings, cli_language, data_folder
from kerne_tui.store import (
    ARCHIVES,
    SessionFileError,
    SessionStatus,
    find_session,
    list_sessions,
)
from kerne_tui.user_errors import (
    UserError,
    session_file_error,
    session_not_found,
    write_failed,
)
from kerne_tui.workshop import Workshop

log = logging.getLogger("kerne")


# --- shared pieces ----------------------------------------------------------------------


def data_dir(args: argparse.Namespace) -> Path:
    """The folder for session files: --data-dir, KERNE_DATA_DIR or the user's data folder."""
    return data_folder(args.data_dir)


def plan_minutes(lang: Lang, minutes: float) -> str:
    """A plan's length in minutes; a whole one minute in the singular, fractions as they are."""
    if minutes == 1:
        return counted(lang, "plan.valid.minutes", 1)
    return t(lang, "plan.valid.minutes.many", n=f"{minutes:g}")


# --- commands ---------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace, lang: Lang) -> int:
    """Check plan files and say what is wrong, where."""
    failed = 0
    folder = data_dir(args)
    for name in args.paths:
        try:
            plan = load_plan(find_plan(name, folder) or name)
        except PlanError as error:
            failed += 1
            for message in error.messages(lang):
                print(message, file=sys.stderr)
            continue
        print(
            t(
                lang,
                "plan.valid",
                path=name,
                modules=counted(lang, "plan.valid.modules", len(plan.modules)),
                steps=counted(lang, "plan.valid.steps", len(plan.steps)),
                minutes=plan_minutes(lang, plan.minutes),
            )
        )
        earlier = plan.builds_on_earlier
        if earlier:
            steps = ", ".join(f"{s.id} → {s.earlier_step}" for s in earlier)
            print(t(lang, "followup.validate", steps=steps))
    if failed:
        print(
            t(lang, "cli.error", message=counted(lang, "cli.invalid_plans", failed, field="count")),
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_plans(args: argparse.Namespace, lang: Lang) -> int:
    """List the built-in plans and the facilitator's own with their length."""
    own = t(lang, "plan.own.label")
    for path, mark in [(p, "") for p in builtin_plans()] + [
        (p, own) for p in own_plans(data_dir(args))
    ]:
        try:
            plan = load_plan(path)
        except PlanError:
            continue
        line = f"{plan_name(path):32} {plan.minutes:5g} min  {plan.title}"
        print(f"{line}  ({mark})" if mark else line)
    return 0


def cmd_sessions(args: argparse.Namespace, lang: Lang) -> int:
    """List session files in the data folder, or delete one (``--delete``)."""
    from kerne_tui.archive import session_status

    folder = data_dir(args)
    if args.delete:
        path = find_session(folder, args.delete)
        if path is None:
            raise session_not_found(args.delete, folder, lang)
        return _delete(path, folder, lang, ask=not args.yes)
    sessions, broken = list_sessions(folder)
    for s in sessions:
        status = session_status(s, folder, lang)
        when = _local_time(s.created)
        print(f"{when:16}  {s.join_code:6}  {status:20}  {s.title}  ({s.path.name})")
    for error in broken:
        print(session_file_error(error, lang).message, file=sys.stderr)
    return 0


def _delete(path: Path, folder: Path, lang: Lang, *, ask: bool) -> int:
    """Name what goes and what stays, ask (unless told not to), then delete the session."""
    from kerne_tui.archive.deletion import (
        SessionLocked,
        archived_copies,
        delete_session,
        session_files,
    )
    from kerne_tui.store import summarise

    print(t(lang, "cli.delete.files"))
    for file in session_files(path):
        print(f"  {file}")
    with contextlib.suppress(SessionFileError):
        kept = archived_copies(summarise(path), folder)
        if kept:
            print(t(lang, "cli.delete.archives_kept"))
            for zip_path in kept:
                print(f"  {zip_path}")
    if ask and not _said_yes(t(lang, "cli.delete.question"), lang):
        print(t(lang, "cli.delete.kept"))
        return 1
    try:
        deletion = delete_session(path)
    except SessionLocked:
        raise UserError(
            t(lang, "cli.delete.running", path=path), t(lang, "cli.delete.running.hint")
        ) from None
    print(counted(lang, "cli.delete.done", len(deletion.removed)))
    return 0


def _said_yes(question: str, lang: Lang) -> bool:
    """Ask *question* on the terminal; True only for a yes (no terminal: no)."""
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in t(lang, "cli.delete.yes_words").split()


def _local_time(stamp: str) -> str:
    """A stored UTC time as the laptop's local date and minute."""
    from kerne_tui.workshop import parse_iso

    try:
        return parse_iso(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16]


def cmd_serve(args: argparse.Namespace, lang: Lang) -> int:
    """Hold a session without the screen; print JOIN <url> once phones can connect."""
    settings = Settings.from_args(args)
    if settings.plan and settings.resuming:
        settings = dataclasses.replace(settings, plan=None)
    workshop = open_workshop(settings, lang)
    setup_logging(settings.data_dir, to_stderr=True)
    return asyncio.run(_serve(workshop, settings, lang))


async def _serve(workshop: Workshop, settings: Settings, lang: Lang) -> int:
    stop = asyncio.Event()
    on_stop_signals(stop.set)
    control = ControlCenter(workshop)
    control.on_handover(stop.set)  # a ``kerne run --resume`` may bring the session a wall
    async with hosted(workshop, settings, lang, control) as info:
        print(f"JOIN {info.url}", flush=True)
        for notice in server_notices(info, settings.port, lang):
            print(notice, file=sys.stderr, flush=True)
        print(t(lang, "cli.session_file", path=workshop.path), file=sys.stderr, flush=True)
        target = settings.step or first_input_step(workshop)
        if workshop.status != SessionStatus.RUNNING or settings.step:
            await workshop.go_to(target, run_timer=settings.timed)
        await stop.wait()
    print(t(lang, "cli.stopped", path=workshop.path), file=sys.stderr, flush=True)
    return 0


def cmd_run(args: argparse.Namespace, lang: Lang, *, demo: bool = False) -> int:
    """Run the projected screen with the phone server in the same event loop."""
    settings = Settings.from_args(args, rehearsal=demo)
    if not demo:
        from kerne_tui.takeover import running_session_first

        taken = running_session_first(settings, lang)
        if taken is None:
            print(t(lang, "cli.running.left"))
            return 0
        if taken is not settings:
            print(t(lang, "cli.running.handing_over"), flush=True)
        settings = taken
    if not demo and settings.plan is None and not settings.resuming:
        from kerne_tui.tui.picker import pick_session

        choice = pick_session(settings.data_dir, lang)
        if choice is None:
            return 0
        kind, value = choice
        if kind == "resume":
            settings = dataclasses.replace(settings, resume=value)
        else:
            settings = dataclasses.replace(settings, plan=value)
    elif settings.plan and settings.resuming:
        settings = dataclasses.replace(settings, plan=None)
    workshop = open_workshop(settings, lang)
    setup_logging(settings.data_dir, to_stderr=False)
    return asyncio.run(_run_screen(workshop, settings, lang))


async def _run_screen(workshop: Workshop, settings: Settings, lang: Lang) -> int:
    from kerne_tui.tui.app import build_app
    from kerne_tui.tui.terminal import lost_terminal_driver
    from kerne_tui.wall_host import WallHost

    control = ControlCenter(workshop)
    async with hosted(workshop, settings, lang, control) as info:
        wall_host = WallHost(control)
        phones: asyncio.Task[None] | None = None
        notices = server_notices(info, settings.port, lang)
        if settings.rehearsal:
            from kerne_tui.rehearsal import simulate_phones

            # The phones sit on this machine: loopback, unless the server listens elsewhere.
            host = settings.host
            local = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
            phones = asyncio.create_task(
                simulate_phones(
                    f"http://{local}:{info.port}", workshop.join_code, settings.participants
                )
            )
            notices.append(counted(lang, "rehearsal.notice", settings.participants, field="count"))
        if settings.step:
            await workshop.go_to(settings.step)
        app = build_app(
            workshop,
            join_url=info.url,
            data_dir=settings.data_dir,
            notices=notices,
            control=control,
            driver_class=lost_terminal_driver(wall_host.terminal_lost),
        )
        try:
            await wall_host.run(app)
        finally:
            if phones is not None:
                phones.cancel()
                await asyncio.gather(phones, return_exceptions=True)
    if app.delete_on_exit:
        # Asked on the wall after archiving; now the session has let go of its lock.
        return _delete(workshop.path, settings.data_dir, lang, ask=False)
    with contextlib.suppress(OSError):  # the terminal may be gone
        print(t(lang, "cli.stopped", path=workshop.path))
    return 0


def cmd_demo(args: argparse.Namespace, lang: Lang) -> int:
    """A rehearsal: the screen as in ``run``, plus simulated phones on 127.0.0.1."""
    return cmd_run(args, lang, demo=True)


def cmd_report(args: argparse.Namespace, lang: Lang) -> int:
    """Write one report (HTML, Markdown or CSV), also while the session runs."""
    from kerne_tui.archive import write_report
    from kerne_tui.archive.writing import WriteFailed

    path = _session_path(args, lang)
    try:
        out = write_report(path, args.format, Path(args.out) if args.out else None)
    except SessionFileError as error:
        raise session_file_error(error, lang) from None
    except WriteFailed as failed:
        raise write_failed("files.report_failed", failed.folder, failed.error, lang) from None
    print(out)
    return 0


def cmd_archive(args: argparse.Namespace, lang: Lang) -> int:
    """Archive a session as one zip, or verify an archive."""
    from kerne_tui.archive import verify_archive, write_archive
    from kerne_tui.archive.writing import WriteFailed

    if args.verify:
        problems = verify_archive(Path(args.verify), lang)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            return 1
        print(t(lang, "archive.verified", path=args.verify))
        return 0
    if not args.session:
        raise UserError(t(lang, "archive.need_session"))
    path = _session_path(args, lang)
    out_dir = Path(args.out) if args.out else data_dir(args) / ARCHIVES
    # A stop by SIGTERM unwinds like Ctrl+C, so the temporary zip is removed on the way out.
    signal.signal(signal.SIGTERM, _stopped)
    try:
        zip_path = write_archive(path, out_dir)
    except SessionFileError as error:
        raise session_file_error(error, lang) from None
    except WriteFailed as failed:
        raise write_failed("files.archive_failed", failed.folder, failed.error, lang) from None
    print(zip_path)
    if not _finished(path):
        return 0
    # The archive holds what may be shared; the working file is offered for deletion.
    if sys.stdin.isatty() and _said_yes(t(lang, "cli.archive.offer"), lang):
        return _delete(path, data_dir(args), lang, ask=False)
    # On stderr: stdout stays the zip's path alone, for scripts.
    print(t(lang, "cli.archive.keep_hint", path=path, name=path.stem), file=sys.stderr)
    return 0


def _stopped(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt


def _finished(path: Path) -> bool:
    """True when the session at *path* was ended (a running one is archived, never offered)."""
    from kerne_tui.store import summarise

    try:
        return summarise(path).status == SessionStatus.FINISHED
    except SessionFileError:
        return False


def _session_path(args: argparse.Namespace, lang: Lang) -> Path:
    folder = data_dir(args)
    path = find_session(folder, args.session)
    if path is None:
        raise session_not_found(args.session, folder, lang)
    return path


def cmd_console(args: argparse.Namespace, lang: Lang) -> int:
    """The facilitator's own view of the running session, in a second terminal."""
    from kerne_tui.console.command import ConsoleUnavailable, run_console

    try:
        return run_console(data_dir(args), args.session, lang)
    except ConsoleUnavailable as nothing:
        print(nothing, file=sys.stderr)
        return 1


COMMANDS: dict[str, Callable[[argparse.Namespace, Lang], int]] = {
    "run": cmd_run,
    "demo": cmd_demo,
    "serve": cmd_serve,
    "validate": cmd_validate,
    "plans": cmd_plans,
    "sessions": cmd_sessions,
    "report": cmd_report,
    "archive": cmd_archive,
    "console": cmd_console,
    "overview": cmd_overview,
    "edit": cmd_edit,
}


def fail(error: UserError, lang: Lang) -> NoReturn:
    """Print a user error the way every command does, and exit 2."""
    print(t(lang, "cli.error", message=error.message), file=sys.stderr)
    for line in error.lines:
        print(f"  {line}", file=sys.stderr)
    if error.hint:
        print(t(lang, "cli.hint", message=error.hint), file=sys.stderr)
    sys.exit(2)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kerne`` command."""
    lang = cli_language()
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    command = args.command or "run"
    if args.command is None:
        args = parser.parse_args(["run", *(argv if argv is not None else sys.argv[1:])])
    try:
        return COMMANDS[command](args, lang)
    except UserError as error:
        fail(error, lang)
    except KeyboardInterrupt:
        return 130
