"""The README tells the truth: its command reference and quick start match the code."""

from __future__ import annotations

import re
from pathlib import Path

from kerne_tui.cli_parser import build_parser, reference_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _reference_section() -> str:
    match = re.search(
        r"<!-- cli-reference:start[^>]*-->\n(.*?)<!-- cli-reference:end -->", README, re.S
    )
    assert match, "README.md has no command reference between the cli-reference markers"
    return match.group(1)


def test_readme_command_reference_matches_the_parser() -> None:
    assert _reference_section() == reference_markdown(), (
        "README's command reference has drifted from the parser; regenerate it with "
        "kerne_tui.cli_parser.reference_markdown()"
    )


def test_every_command_and_option_of_the_parser_is_in_the_readme() -> None:
    section = _reference_section()
    parser = build_parser("en")
    subparsers = next(a for a in parser._actions if hasattr(a, "choices") and a.choices)
    for name, sub in subparsers.choices.items():
        assert f"### `kerne {name}`" in section
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in section, f"{name} {option} is not in the README"


def test_quick_start_commands_exist_in_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    for target in re.findall(r"^make (\w+)", quick_start, re.M):
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is not in the Makefile"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README
    assert re.search(r"^make test$", ci, re.M)


def test_readme_key_table_lists_every_key_of_the_screen() -> None:
    from kerne_tui.tui.keys import help_rows

    match = re.search(r"<!-- keys:start[^>]*-->\n(.*?)<!-- keys:end -->", README, re.S)
    assert match, "README.md has no key table between the keys markers"
    table = match.group(1)
    for (keys, english), (_, danish) in zip(help_rows("en"), help_rows("da"), strict=True):
        assert f"| `{keys}` | {english} | {danish} |" in table, f"{keys} is missing or stale"


def test_every_local_link_and_picture_in_the_readme_exists() -> None:
    from urllib.parse import unquote

    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if "://" in target:
            continue
        assert (ROOT / unquote(target)).exists(), f"README links to {target}, which is missing"


def test_the_benchmarks_readme_describes_the_consoles_latency_run() -> None:
    readme = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert "python -m benchmarks.console_latency" in readme
    section = readme.split("python -m benchmarks.console_latency", 1)[1].split("\n## ", 1)[0]
    for measured in ("send -> console", "key -> wall", "p50"):
        assert measured in section
