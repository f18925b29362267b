"""The commands of the rooms beside the day: ``kerne edit`` before it, ``kerne overview`` after.

``cli.py`` wires them in with the day's own commands; they share its way of saying things (a
``UserError`` is one sentence on the terminal, progress and files written on its streams).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kerne_tui.catalog import Lang, t
from kerne_tui.plan import PlanError, find_plan
from kerne_tui.settings import data_folder
from kerne_tui.user_errors import UserError, plan_not_found


def cmd_overview(args: argparse.Namespace, lang: Lang) -> int:
    """Many workplaces' archives side by side: oversigt.html, .xlsx and .csv in --out."""
    from kerne_tui.overview import Excluded, collect, write_overview

    def progress(done: int, total: int) -> None:
        if total >= PROGRESS_FROM and (done % PROGRESS_EVERY == 0 or done == total):
            print(t(lang, "overview.progress", done=done, total=total), file=sys.stderr, flush=True)

    def excluded(found: Excluded) -> None:
        line = t(lang, "overview.excluded.line", reason=found.reason(lang))
        print(line, file=sys.stderr, flush=True)

    paths = [Path(p) for p in args.paths]
    overview = collect(paths, lang=args.lang, progress=progress, on_excluded=excluded)
    if not overview.workplaces:
        print(t(lang, "overview.nothing", paths=", ".join(args.paths)), file=sys.stderr)
    out = Path(args.out)
    try:
        written = write_overview(overview, out)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(t(lang, "overview.cannot_write", path=out, reason=reason)) from None
    for path in (written.html, written.xlsx, written.csv):
        print(t(lang, "overview.written", path=path))
    return 0


PROGRESS_FROM = 20
"""Folders with this many archives or more get progress lines on the terminal."""
PROGRESS_EVERY = 10


def cmd_edit(args: argparse.Namespace, lang: Lang) -> int:
    """The plan editor: prepare the day on screen, saving into the data folder's plans/."""
    from kerne_tui.editor import CannotOpen, open_document, run_editor

    folder = data_folder(args.data_dir)
    path = None
    if args.plan:
        try:
            path = find_plan(args.plan, folder)
        except PlanError as error:
            raise UserError(error.messages(lang)[0]) from None
        if path is None:
            raise plan_not_found(args.plan, folder, lang)
        try:
            open_document(path, lang)  # a file that is not TOML: one sentence, no screen
        except CannotOpen as refused:
            raise UserError(str(refused)) from None
    return run_editor(path, folder, lang)
