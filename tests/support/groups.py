"""Which group each test module belongs to, so the fast ones can run alone.

``unit``    in the test's own process, on the fake clock, no sockets: ``make test-fast`` (seconds)
``screen``  the Textual app driven in-process by its pilot, snapshots included
``real``    real parts: Chromium, tmux, child processes that crash or are killed, a clean
            install, real HTTP servers on 127.0.0.1, the ``kerne`` command in a subprocess

``conftest.py`` marks every test with its module's group (``pytest -m unit``); a module in no
group counts as ``real`` (never slipped into the fast run), and ``test_groups.py`` fails until it
is listed here.
"""

from __future__ import annotations

GROUPS: dict[str, frozenset[str]] = {
    "unit": frozenset(
        {
            "test_aiohttp_seams",
            "test_archive_escaping",
            "test_archive_golden",
            "test_archive_kinds",
            "test_archive_report",
            "test_archive_times",
            "test_catalog",
            "test_catalog_counts",
            "test_console_wall_parity",
            "test_connection_gate",
            "test_control_imports",
            "test_control_view",
            "test_day_clock",
            "test_durable_platforms",
            "test_session_journal",
            "test_editor_document",
            "test_engine",
            "test_file_bounds",
            "test_follow_up",
            "test_follow_up_open_ends",
            "test_groups",
            "test_hostile_rules",
            "test_import_cycles",
            "test_import_rules",
            "test_kind_specs",
            "test_limits_and_logs",
            "test_moderation_merges",
            "test_network_adapters",
            "test_overview_inputs",
            "test_pacing",
            "test_wall_host",
            "test_plan_validation",
            "test_points_matrix",
            "test_readme",
            "test_rehearse_plans",
            "test_session_file",
            "test_session_layout",
            "test_shipped_plans",
            "test_threshold",
            "test_timer",
            "test_words_questions",
        }
    ),
    "screen": frozenset(
        {
            "test_hostile_wall",
            "test_editor_screen",
            "test_follow_up_wall",
            "test_memory",
            "test_points_matrix_screen",
            "test_tui_agenda",
            "test_tui_countdown",
            "test_tui_injection",
            "test_tui_keys",
            "test_tui_key_bar",
            "test_tui_layout",
            "test_tui_live",
            "test_tui_palette",
            "test_tui_picker",
            "test_tui_qr",
            "test_tui_results",
            "test_tui_snapshots",
            "test_tui_words_questions",
            "test_wall_facilitation",
            "test_wall_paging",
            "test_wall_paging_snapshots",
        }
    ),
    "real": frozenset(
        {
            "test_access_browser",
            "test_access_remote_report_browser",
            "test_wall_paging_views",
            "test_wall_room",
            "test_all_new_kinds",
            "test_archive_browser",
            "test_archive_cli",
            "test_archive_fixtures",
            "test_archive_zip",
            "test_follow_up_browser",
            "test_follow_up_web",
            "test_clean_install",
            "test_editor_terminal",
            "test_console",
            "test_console_parity",
            "test_console_reconnect",
            "test_control_api",
            "test_hostile_network",
            "test_hostile_requests",
            "test_control_core",
            "test_cli_words",
            "test_crash",
            "test_delete_cli",
            "test_full_browser",
            "test_full_room",
            "test_hostile_archive",
            "test_hostile_archive_files",
            "test_hostile_damaged",
            "test_hostile_disk",
            "test_hostile_http",
            "test_hostile_plan_files",
            "test_hostile_writes",
            "test_kill_under_load",
            "test_kill_during_compaction",
            "test_live_lists",
            "test_takeover",
            "test_lost_terminal",
            "test_lost_terminal_browser",
            "test_newcomer_errors",
            "test_overview",
            "test_phone_browser",
            "test_phone_items_browser",
            "test_real_parts",
            "test_rehearsal",
            "test_remote_browser",
            "test_remote_parity_browser",
            "test_tui_imports",
            "test_tui_terminal",
            "test_turned_away",
            "test_points_matrix_browser",
            "test_points_matrix_web",
            "test_threshold_web",
            "test_two_terminals",
            "test_web_api",
            "test_web_kinds",
            "test_web_weight",
            "test_words_questions_browser",
            "test_words_questions_web",
        }
    ),
}

REAL_PART_MARKERS = frozenset({"browser", "terminal", "slow"})
"""Markers that put a test among the real parts whatever its module's group."""


def group_of(module: str, markers: set[str]) -> str:
    """The group of a test in *module* (its file's stem) carrying *markers*."""
    if markers & REAL_PART_MARKERS:
        return "real"
    for name, modules in GROUPS.items():
        if module in modules:
            return name
    return "real"
