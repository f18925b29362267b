"""The archive's registry of step kinds: every kind has its report section, partial and CSV cell.

Adding a ``StepKind`` fails here until ``kerne_tui/archive/kinds.py`` says how the report shows
it; and the report's other files dispatch through that registry instead of naming kinds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kerne_tui.archive import kinds
from kerne_tui.archive.kinds import REPORT_KINDS
from kerne_tui.plan import StepKind
from kerne_tui.workshop.kinds import spec_for

ARCHIVE = Path(kinds.__file__).resolve().parent
TEMPLATES = ARCHIVE / "templates"


def test_every_step_kind_has_an_entry_in_the_report_registry() -> None:
    missing = [kind.value for kind in StepKind if kind not in REPORT_KINDS]
    assert not missing, f"add these kinds to REPORT_KINDS in kerne_tui/archive/kinds.py: {missing}"


@pytest.mark.parametrize("kind", list(StepKind), ids=str)
def test_every_kind_s_html_partial_exists(kind: StepKind) -> None:
    assert (TEMPLATES / REPORT_KINDS[kind].html).is_file()


def test_the_summed_kinds_are_exactly_those_whose_results_are_counts() -> None:
    summed = {kind for kind in StepKind if spec_for(kind).summed}
    counted = {
        StepKind.VOTE,
        StepKind.SCALE,
        StepKind.CHOICE,
        StepKind.RANK,
        StepKind.REVIEW,
        StepKind.POINTS,
        StepKind.MATRIX,
        StepKind.WORDS,
    }
    assert summed == counted
    assert not any(spec_for(kind).summed for kind in StepKind if kind.is_textual)


def test_only_the_registry_names_step_kinds_in_the_archive() -> None:
    named = []
    for path in sorted(ARCHIVE.glob("*.py")):
        if path.name != "kinds.py" and re.search(r"StepKind\.[A-Z]", path.read_text("utf-8")):
            named.append(path.name)
    template = (TEMPLATES / "report.html").read_text(encoding="utf-8")
    if re.search(r"""kind_value\s*(==|in)|kind\s*==\s*["']""", template):
        named.append("report.html")
    assert not named, f"these branch over step kinds; give the kind's part to REPORT_KINDS: {named}"
