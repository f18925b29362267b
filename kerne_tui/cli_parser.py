"""The command line's parser, and the README's command reference made from it.

:func:`build_parser` is the whole command line in one language (``kerne --help``, every
command and option); :func:`reference_markdown` turns the English one into the README's
reference, which ``tests/test_readme.py`` holds against it. The commands are in ``cli.py``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from kerne_tui import __version__
from kerne_tui.catalog import LANGUAGES, Lang, t
from kerne_tui.cli_words import speak
from kerne_tui.web import DEFAULT_PORT
from kerne_tui.web.admission import (
    DEFAULT_DEVICES_PER_ADDRESS,
    DEFAULT_NEW_DEVICES_PER_MINUTE,
)


def build_parser(lang: Lang = "da") -> argparse.ArgumentParser:
    """The whole command line; the README's reference is checked against it by a test."""

    def h(key: str, **values: object) -> str:
        return t(lang, f"cli.help.{key}", **values)

    speak(lang)  # argparse's own words ("usage:", "error:") in the same language
    parser = argparse.ArgumentParser(prog="kerne", description=t(lang, "cli.description"))
    parser.add_argument("--version", action="version", version=f"kerne {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help=h("run"), description=h("run"))
    run.add_argument("plan", nargs="?", help=h("run.plan"))
    _session_options(run, h, lang)

    demo = commands.add_parser("demo", help=h("demo"), description=h("demo"))
    demo.add_argument("plan", nargs="?", default="kerneopgaven-kort", help=h("demo.plan"))
    demo.add_argument(
        "--participants",
        type=_at_least(0, lang),
        default=12,
        metavar="N",
        help=h("demo.participants"),
    )
    demo.add_argument(
        "--speed", type=_above_zero(lang), default=1.0, metavar="X", help=h("demo.speed")
    )
    _session_options(demo, h, lang, resume=False)

    serve = commands.add_parser("serve", help=h("serve"), description=h("serve"))
    serve.add_argument("plan", nargs="?", help=h("serve.plan"))
    _session_options(serve, h, lang)
    serve.add_argument("--timed", action="store_true", help=h("serve.timed"))

    validate = commands.add_parser("validate", help=h("validate"), description=h("validate"))
    validate.add_argument("paths", nargs="+", metavar="PATH", help=h("validate.paths"))
    _data_dir_option(validate, h)

    plans = commands.add_parser("plans", help=h("plans"), description=h("plans"))
    _data_dir_option(plans, h)

    edit = commands.add_parser("edit", help=h("edit"), description=h("edit"))
    edit.add_argument("plan", nargs="?", help=h("edit.plan"))
    _data_dir_option(edit, h)

    sessions = commands.add_parser("sessions", help=h("sessions"), description=h("sessions"))
    sessions.add_argument("--delete", metavar="NAME", help=h("sessions.delete"))
    sessions.add_argument("--yes", action="store_true", help=h("sessions.yes"))
    _data_dir_option(sessions, h)

    report = commands.add_parser("report", help=h("report"), description=h("report"))
    report.add_argument("session", help=h("session"))
    report.add_argument(
        "--format", choices=("html", "md", "csv"), default="html", help=h("report.format")
    )
    report.add_argument("--out", metavar="FILE", help=h("report.out"))
    _data_dir_option(report, h)

    archive = commands.add_parser("archive", help=h("archive"), description=h("archive"))
    archive.add_argument("session", nargs="?", help=h("session"))
    archive.add_argument("--out", metavar="DIR", help=h("archive.out"))
    archive.add_argument("--verify", metavar="ZIP", help=h("archive.verify"))
    _data_dir_option(archive, h)

    overview = commands.add_parser("overview", help=h("overview"), description=h("overview"))
    overview.add_argument("paths", nargs="+", metavar="PATH", help=h("overview.paths"))
    overview.add_argument("--out", metavar="DIR", required=True, help=h("overview.out"))
    overview.add_argument("--lang", choices=LANGUAGES, help=h("overview.lang"))

    console = commands.add_parser("console", help=h("console"), description=h("console"))
    console.add_argument("session", nargs="?", help=h("console.session"))
    _data_dir_option(console, h)
    return parser


def _above_zero(lang: Lang) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if value <= 0:
            raise argparse.ArgumentTypeError(t(lang, "cli.above_zero", value=text))
        return value

    return parse


def _at_least(minimum: int, lang: Lang) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(t(lang, "cli.at_least", value=text, minimum=minimum))
        return value

    return parse


def _clock_time(lang: Lang) -> Callable[[str], str]:
    """A time of day as HH:MM (the day's start), or one sentence on what is wrong."""

    def parse(text: str) -> str:
        hours, _, minutes = text.strip().partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            raise argparse.ArgumentTypeError(t(lang, "cli.start_format", value=text))
        if int(hours) > 23 or int(minutes) > 59:
            raise argparse.ArgumentTypeError(t(lang, "cli.start_format", value=text))
        return f"{int(hours):02d}:{minutes}"

    return parse


def _data_dir_option(parser: argparse.ArgumentParser, h: Callable[..., str]) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help=h("data_dir"))


def _session_options(
    parser: argparse.ArgumentParser, h: Callable[..., str], lang: Lang, *, resume: bool = True
) -> None:
    parser.add_argument("--host", default="0.0.0.0", help=h("host"))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=h("port", port=DEFAULT_PORT))
    parser.add_argument("--public-url", metavar="URL", help=h("public_url"))
    parser.add_argument("--trust-proxy", action="store_true", help=h("trust_proxy"))
    parser.add_argument(
        "--devices-per-address",
        type=_at_least(1, lang),
        metavar="N",
        help=h("devices_per_address", default=DEFAULT_DEVICES_PER_ADDRESS),
    )
    parser.add_argument(
        "--new-devices-per-minute",
        type=_at_least(1, lang),
        metavar="N",
        help=h("new_devices_per_minute", default=DEFAULT_NEW_DEVICES_PER_MINUTE),
    )
    _data_dir_option(parser, h)
    parser.add_argument("--step", metavar="STEP_ID", help=h("step"))
    parser.add_argument("--start", type=_clock_time(lang), metavar="HH:MM", help=h("start"))
    parser.add_argument("--follow-up", metavar="EARLIER", help=h("follow_up"))
    if resume:
        parser.add_argument("--resume", nargs="?", const="", metavar="SESSION", help=h("resume"))


def reference_markdown() -> str:
    """The README's command reference, made from the parser so the two cannot drift."""
    parser = build_parser("en")
    lines: list[str] = []
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        usage = " ".join(sub.format_usage().split())
        usage = usage.removeprefix("usage: ").replace(" [-h]", "")
        lines += [f"### `kerne {name}`", "", sub.description or "", "", f"    {usage}", ""]
        rows = []
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if action.option_strings:
                shown = ", ".join(action.option_strings)
                if action.metavar or action.nargs != 0:
                    shown += f" {action.metavar or action.dest.upper()}"
            else:
                shown = str(action.metavar or action.dest).upper()
            rows.append(f"| `{shown}` | {action.help or ''} |")
        if rows:
            lines += ["| argument | meaning |", "|---|---|", *rows, ""]
    return "\n".join(lines).rstrip() + "\n"
