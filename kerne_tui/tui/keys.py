"""The facilitator's keys, one per command, described in the session's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.binding import Binding, BindingsMap, BindingType
from textual.screen import Screen

from kerne_tui.catalog import Lang, t

SCREEN = "screen."
"""Actions bound app-wide but carried out by the screen on top (Textual's action namespace)."""

FACILITATOR_KEYS: list[BindingType] = [
    Binding("question_mark", "help", "tui.key.help", tooltip="tui.key.help.long"),
    Binding("space", "toggle_timer", "tui.key.timer", tooltip="tui.key.timer.long"),
    Binding("n", "next_step", "tui.key.next", tooltip="tui.key.next.long"),
    Binding("right", "next_step", "tui.key.next", show=False),
    Binding("p", "previous_step", "tui.key.previous", tooltip="tui.key.previous.long"),
    Binding("left", "previous_step", "tui.key.previous", show=False),
    Binding("plus", "extend", "tui.key.extend", tooltip="tui.key.extend.long"),
    Binding("r", "toggle_reveal", "tui.key.reveal", tooltip="tui.key.reveal.long"),
    Binding("q", "show_qr", "tui.key.qr", tooltip="tui.key.qr.long"),
    Binding("a", "show_agenda", "tui.key.agenda", tooltip="tui.key.agenda.long"),
    Binding("s", "pin", "tui.key.pin", tooltip="tui.key.pin.long"),
    Binding("o", "show_notes", "tui.key.notes", tooltip="tui.key.notes.long"),
    Binding("t", "toggle_theme", "tui.key.theme", tooltip="tui.key.theme.long"),
    Binding("P", "toggle_parking", "tui.key.parking", tooltip="tui.key.parking.long"),
    Binding("f", "pair_phone", "tui.key.pair_phone", tooltip="tui.key.pair_phone.long"),
    Binding("c", "close_session", "tui.key.close", tooltip="tui.key.close.long"),
    Binding(
        "ctrl+q", "quit", "tui.key.quit", tooltip="tui.key.quit.long", show=False, priority=True
    ),
    Binding("escape", "quit", "tui.key.quit", show=False),
    Binding(
        "ctrl+p",
        "command_palette",
        "tui.key.palette",
        tooltip="tui.key.palette.long",
        show=False,
        priority=True,
    ),
]
"""Commands that act on the session from any of the app's own screens."""

SELECTION_KEYS: list[BindingType] = [
    Binding("down", SCREEN + "select_next", "tui.key.select", tooltip="tui.key.select.long"),
    Binding("tab", SCREEN + "select_next", "tui.key.select", show=False),
    Binding(
        "up",
        SCREEN + "select_previous",
        "tui.key.select",
        tooltip="tui.key.select_previous.long",
        show=False,
    ),
    Binding("shift+tab", SCREEN + "select_previous", "tui.key.select", show=False),
    Binding("h", SCREEN + "hide_selected", "tui.key.hide", tooltip="tui.key.hide.long"),
    Binding("m", SCREEN + "merge_selected", "tui.key.merge", tooltip="tui.key.merge.long"),
    Binding("x", SCREEN + "answer_selected", "tui.key.answered", tooltip="tui.key.answered.long"),
    Binding("e", SCREEN + "owner_selected", "tui.key.owner", tooltip="tui.key.owner.long"),
    Binding("d", SCREEN + "drop_selected", "tui.key.drop", tooltip="tui.key.drop.long"),
]
"""Moderation keys, bound app-wide (the footer keeps its order) and carried out by the screen on
top: only the main screen, where the answers are, takes them."""

PAGING_KEYS: list[BindingType] = [
    Binding(
        "pagedown", SCREEN + "page_next", "tui.key.page_next", tooltip="tui.key.page_next.long"
    ),
    Binding(
        "pageup",
        SCREEN + "page_previous",
        "tui.key.page_previous",
        tooltip="tui.key.page_previous.long",
    ),
    Binding("b", SCREEN + "page_hold", "tui.key.page_hold", tooltip="tui.key.page_hold.long"),
    Binding("l", SCREEN + "spotlight", "tui.key.spotlight", tooltip="tui.key.spotlight.long"),
]
"""Paging and the spotlight, carried out by the main screen: room-visible, so they work while a
console or a remote is attached too (the console and the remote have the same commands)."""

PAGING_ACTIONS = frozenset(
    binding.action.removeprefix(SCREEN) for binding in PAGING_KEYS if isinstance(binding, Binding)
)

CLOSING_ACTIONS = frozenset({"answer_selected", "owner_selected", "drop_selected"})
"""The moderation actions that close a question or a parked item (shown only where there are)."""

SELECTION_ACTIONS = frozenset(
    binding.action.removeprefix(SCREEN)
    for binding in SELECTION_KEYS
    if isinstance(binding, Binding)
)
"""The moderation actions by their name on the screen."""

NOT_IN_PALETTE = frozenset({"command_palette", "select_previous"})
"""Keys the palette does not offer: itself, and the way back through the answers (a key's job)."""

KEYLESS_COMMANDS: list[tuple[str, str, bool]] = [
    ("show_hidden", "tui.cmd.show_hidden", True),
]
"""Commands found only by name in the palette: (action, catalog key of its title, on the screen)."""


def palette_entries() -> list[tuple[str, str, bool]]:
    """(action, catalog key of its title, whether the screen on top carries it out) per command.

    Read from the bindings: every action with a described key, in the order of the keys, then the
    commands that have no key.
    """
    entries: dict[str, tuple[str, str, bool]] = {}
    for item in [*FACILITATOR_KEYS, *SELECTION_KEYS, *PAGING_KEYS]:
        assert isinstance(item, Binding)
        on_screen = item.action.startswith(SCREEN)
        action = item.action.removeprefix(SCREEN)
        if item.tooltip and action not in NOT_IN_PALETTE and action not in entries:
            entries[action] = (action, item.tooltip, on_screen)
    return [*entries.values(), *KEYLESS_COMMANDS]


class KeyedScreen(Screen[None]):
    """A full screen of the facilitator's app, its keys described in the session's language.

    The moderation keys are bound app-wide for the screen on top to carry out; a screen without
    answers to moderate neither shows nor runs them.
    """

    def __init__(self, lang: Lang, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang: Lang = lang
        self._bindings = translated(self._bindings, lang)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in SELECTION_ACTIONS and action not in PAGING_ACTIONS


KEY_NAMES = {"space": "tui.keyname.space", "escape": "tui.keyname.escape"}


def translated(
    bindings: BindingsMap, lang: Lang, prefixes: tuple[str, ...] = ("tui.",)
) -> BindingsMap:
    """A copy of *bindings* whose catalog-key descriptions (those starting with one of
    *prefixes*) are read in *lang*.

    Textual reads descriptions straight from the class's bindings, and the language is only
    known once the session is open, so each node swaps in translated copies at construction.
    The console and the editor use it with their own prefixes.
    """
    keys: dict[str, list[Binding]] = {}
    for key, group in bindings.key_to_bindings.items():
        keys[key] = [_translate(binding, lang, prefixes) for binding in group]
    return BindingsMap.from_keys(keys)


def _translate(binding: Binding, lang: Lang, prefixes: tuple[str, ...]) -> Binding:
    if not binding.description.startswith(prefixes):
        return binding
    display = binding.key_display
    if display is None and binding.key in KEY_NAMES:
        display = t(lang, KEY_NAMES[binding.key])
    return replace(
        binding,
        description=t(lang, binding.description),
        tooltip=t(lang, binding.tooltip) if binding.tooltip.startswith(prefixes) else "",
        key_display=display,
    )


def help_rows(lang: Lang, bindings: Sequence[BindingType] | None = None) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, aliases joined: ``n / right``.

    The wall's keys unless *bindings* are given (the console's own).
    """
    rows: dict[str, tuple[list[str], str]] = {}
    wall = [*FACILITATOR_KEYS, *SELECTION_KEYS, *PAGING_KEYS]
    for item in wall if bindings is None else bindings:
        assert isinstance(item, Binding)
        label = t(lang, item.tooltip) if item.tooltip else t(lang, item.description)
        action = item.action.removeprefix(SCREEN)
        keys, _ = rows.setdefault(action, ([], label))
        if item.tooltip:
            rows[action] = (keys, label)
        keys.append(_key_label(item.key, lang))
    return [(" / ".join(keys), label) for keys, label in rows.values()]


def _key_label(key: str, lang: Lang) -> str:
    if key in KEY_NAMES:
        return t(lang, KEY_NAMES[key])
    names = {
        "question_mark": "?",
        "plus": "+",
        "right": "→",
        "left": "←",
        "up": "↑",
        "down": "↓",
        "shift+tab": "shift+tab",
        "ctrl+q": "ctrl+q",
        "ctrl+p": "ctrl+p",
        "pagedown": "PgDn",
        "pageup": "PgUp",
    }
    return names.get(key, key)
