"""Every test module is in exactly one group, so ``make test-fast`` knows what it leaves out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from support.groups import GROUPS

TESTS = Path(__file__).resolve().parent


def test_every_test_module_is_in_exactly_one_group() -> None:
    modules = {path.stem for path in TESTS.glob("test_*.py")}
    listed = Counter(module for group in GROUPS.values() for module in group)
    unlisted = sorted(modules - set(listed))
    assert not unlisted, f"put these in a group in tests/support/groups.py: {unlisted}"
    assert not [m for m, n in listed.items() if n > 1], "a module is in two groups"
    assert not sorted(set(listed) - modules), "tests/support/groups.py names a module that is gone"
