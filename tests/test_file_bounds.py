"""The bounds kerne reads hostile files with, at their edges: what passes, what is refused.

In-process and quick; the same cases through the real command are in
``test_hostile_plan_files.py`` and ``test_hostile_archive_files.py``.
"""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

import pytest

from kerne_tui.archive import earlier
from kerne_tui.archive.verify import (
    MAX_MANIFEST_DEPTH,
    check_archive,
    nesting_depth,
    points_outside,
    shown,
)
from kerne_tui.plan import load_plan
from kerne_tui.plan.shape import MAX_DEPTH, MAX_KEY_LENGTH, MAX_KEY_PARTS, shape_problem
from kerne_tui.workshop import FollowUpError

VALID_TOML = '''
# a comment with [[[[ brackets ]]]] and a.b.c.d.e.f.g.h.i.j dots
title = "A title with [brackets], {braces}, a # and a.b.c.d.e.f.g.h.i.j"
"quoted.key.with.many.dots.in.it.really" = 'literal [ { # . string'
notes = """
Multi-line with [[[[[[[[[[[[[[[[[[ and \\""" escaped quotes
"""
raw = \'\'\'
literal multi-line [[[[[[[[[[[[[[[[[[[
\'\'\'
when = 1979-05-27T07:32:00.999Z
numbers = [1.5, 2.5, [3.5, [4.5, {a.b.c = 1.25}]]]
inline = {x = {y = {z = [1, 2, {w = "}]]"}]}}}

[[modules]]
title = "M"

[[modules.steps]]
options = [
  "one [", # a comment ]]]]
  "two {",
]
'''


def test_valid_toml_of_every_kind_passes_the_shape_check() -> None:
    tomllib.loads(VALID_TOML)  # the fixture is valid TOML itself
    assert shape_problem(VALID_TOML) is None


def nested_arrays(depth: int) -> str:
    return "x = " + "[" * depth + "]" * depth + "\n"


def nested_tables(depth: int) -> str:
    return "x = " + "{a = " * depth + "1" + "}" * depth + "\n"


@pytest.mark.parametrize("make", [nested_arrays, nested_tables])
def test_nesting_is_allowed_up_to_its_bound(make: object) -> None:
    assert callable(make)
    assert shape_problem(make(MAX_DEPTH)) is None
    refused = shape_problem(make(MAX_DEPTH + 1))
    assert refused is not None and refused.key == "plan.shape.deep"


def test_dotted_keys_are_allowed_up_to_their_bound() -> None:
    parts = ".".join(["k"] * MAX_KEY_PARTS)
    assert shape_problem(f"{parts} = 1\n[{parts}]\n") is None
    for text in (f"{parts}.k = 1\n", f"\n\n[{parts}.k]\n", f"x = {{{parts}.k = 1}}\n"):
        refused = shape_problem(text)
        assert refused is not None and refused.key == "plan.shape.key_parts", text
    assert shape_problem(f"\n\n[{parts}.k]\n").line == 3  # type: ignore[union-attr]


def test_keys_are_allowed_up_to_their_length() -> None:
    assert shape_problem("k" * MAX_KEY_LENGTH + " = 1\n") is None
    refused = shape_problem('"' + "k" * MAX_KEY_LENGTH + '" = 1\n')
    assert refused is not None and refused.key == "plan.shape.key_long"


def test_a_long_text_in_a_list_is_a_value_not_a_key() -> None:
    text = 'options = [\n  "' + "lang tekst " * 100 + '",\n  "b",\n]\n'
    assert shape_problem(text) is None


def test_every_shipped_plan_passes_the_shape_check() -> None:
    root = Path(__file__).resolve().parent.parent
    plans = sorted((root / "sessions").glob("*.toml")) + sorted(
        (root / "tests/data").glob("*.toml")
    )
    assert plans
    for plan in plans:
        assert shape_problem(plan.read_text(encoding="utf-8")) is None, plan
        load_plan(plan)


def test_json_nesting_skips_what_is_inside_strings() -> None:
    assert nesting_depth('{"a": "[[[[{{{{", "b": [1, {"c": "\\"]]"}]}') == 3
    assert nesting_depth("[" * (MAX_MANIFEST_DEPTH + 1)) == MAX_MANIFEST_DEPTH + 1


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("../x", True),
        ("a/../../x", True),
        ("a\\..\\x", True),
        ("/etc/x", True),
        ("\\x", True),
        ("C:x", True),
        ("report.md", False),
        ("a..b.json", False),
        ("2026-11-23-kerneopgaven-KAFFE.json", False),
    ],
)
def test_names_that_point_outside_are_told_apart(name: str, refused: bool) -> None:
    assert points_outside(name) is refused


def test_a_member_s_name_is_shown_without_its_escapes() -> None:
    assert shown("\x1b]0;X\x07rapport\u202e.md") == "rapport.md"
    assert shown("\x1b[2K") == repr("\x1b[2K")


def test_a_follow_up_checks_the_archive_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "forged.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("manifest.json", "[" * 100)
    calls: list[Path] = []

    def counted(path: Path) -> object:
        calls.append(path)
        return check_archive(path)

    monkeypatch.setattr(earlier, "check_archive", counted)
    plan = load_plan(Path(__file__).resolve().parent.parent / "sessions" / "opfoelgning.toml")
    with pytest.raises(FollowUpError) as raised:
        earlier.read_earlier(archive, plan)
    assert calls == [archive]
    assert "more than 8 levels deep" in raised.value.message("en")
    assert "mere end 8 niveauer dybt" in raised.value.message("da")
