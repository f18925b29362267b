"""The catalog: every part in kerne_tui/texts is merged, and a key defined twice is refused."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from kerne_tui import catalog
from kerne_tui.catalog import CATALOG, LANGUAGES, merged, t
from kerne_tui.cli import build_parser
from kerne_tui.settings import Settings, cli_language

TEXTS = Path(__file__).resolve().parent.parent / "kerne_tui" / "texts"


def keys_defined_in(path: Path) -> set[str]:
    """The keys of the ``TEXTS`` dict the part at *path* defines (none: not a part)."""
    module = importlib.import_module(f"kerne_tui.texts.{path.stem}")
    return set(getattr(module, "TEXTS", {}))


def test_every_part_in_the_texts_folder_reaches_the_catalog() -> None:
    parts = {path.stem: keys_defined_in(path) for path in TEXTS.glob("*.py")}
    parts = {name: keys for name, keys in parts.items() if keys}
    assert {"tui", "archive", "rehearsal", "plan", "kinds", "refuse", "web", "cli"} <= set(parts)
    for name, keys in parts.items():
        assert keys <= set(CATALOG), name
    # Nothing else: every string lives in a part.
    assert set(CATALOG) == set().union(*parts.values())


def test_a_key_defined_in_two_parts_is_refused_with_both_parts_named() -> None:
    one = {"web.title": ("kerne", "kerne")}
    other = {"web.title": ("Kerne", "Kerne"), "web.other": ("andet", "other")}
    with pytest.raises(RuntimeError, match=r"web\.title \(web, later\)"):
        merged({"web": one, "later": other})


def test_parts_without_clashes_merge_whole() -> None:
    assert merged({"a": {"a.x": ("x", "x")}, "b": {"b.y": ("y", "why")}}) == {
        "a.x": ("x", "x"),
        "b.y": ("y", "why"),
    }


def test_every_entry_has_danish_and_english() -> None:
    for key, pair in CATALOG.items():
        assert len(pair) == len(LANGUAGES) and all(pair), key


def test_the_catalog_holds_the_strings_and_t_only() -> None:
    source = Path(catalog.__file__).read_text(encoding="utf-8")
    assert "CATALOG.update" not in source
    assert t("en", "kind.vote") == "Dot vote" and t("da", "kind.vote") == "Prikafstemning"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"KERNE_LANG": "en"}, "en"),
        ({"KERNE_LANG": "da", "LANG": "en_GB.UTF-8"}, "da"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "de_DE.UTF-8"}, "da"),
        ({}, "da"),
    ],
)
def test_the_command_line_speaks_the_language_of_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for name in ("KERNE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert cli_language() == expected


def test_settings_are_read_once_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KERNE_DATA_DIR", raising=False)
    parser = build_parser("en")
    demo = Settings.from_args(
        parser.parse_args(["demo", "--participants", "5", "--speed", "4", "--data-dir", "d"]),
        rehearsal=True,
    )
    assert (demo.plan, demo.participants, demo.speed, demo.rehearsal) == (
        "kerneopgaven-kort",
        5,
        4.0,
        True,
    )
    assert demo.resume is None and demo.data_dir == Path("d")
    serve = Settings.from_args(parser.parse_args(["serve", "--timed", "--resume", "--port", "9"]))
    assert serve.timed and serve.resuming and serve.resume == "" and serve.port == 9
    assert serve.participants == 0 and serve.speed == 1.0
    monkeypatch.setenv("KERNE_DATA_DIR", str(tmp_path))
    run = Settings.from_args(parser.parse_args(["run", "min-plan"]))
    assert run.data_dir == tmp_path and run.plan == "min-plan" and not run.resuming
