"""What the accessibility tests measure on a page in Chromium (tests/test_access_*.py).

Text at 200 % is Chromium's own text-size setting (``Page.setFontSizes``), as a reader sets
it; the names and roles come from Playwright's aria snapshot of the accessibility tree;
axe-core is the copy the ``axe-playwright-python`` package ships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import Page

from kerne_tui.catalog import t

NARROW = {"width": 320, "height": 640}
TEXT_200 = {"standard": 32, "fixed": 26}
"""Chromium's text-size setting at twice its default (16 px and 13 px)."""
WAIT_MS = 5000
AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WHOLE_WORDS = "h1, h2, h3, #timer, .paused, button, summary, .remote-clock, th"
"""What must never be broken inside a word or number (headings, countdown, buttons). A
statement or an agreement (a legend) may be a word too long for any line of a 320 px phone."""
CONTROL_ROLES = ("button", "link", "textbox", "checkbox", "radio", "combobox", "spinbutton")

BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects())
          .filter((box) => box.width > 0).map((box) => Math.round(box.bottom)));
        if (lines.size > 1) broken.push(`${element.tagName.toLowerCase()}: ${match[0]}`);
      }
    }
  }
  return broken;
}"""

FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const shown = element.matches('.scale-point input') ? element.nextElementSibling : element;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(),
    type: element.type || '',
    name: element.name || '',
    id: element.id || '',
    inAnswer: !!element.closest('form#answer'),
    inStepper: !!element.closest('.stepper'),
    delta: element.getAttribute('data-delta') || '',
    groupChecked: element.type === 'radio'
      ? !!element.form.querySelector(`input[name="${CSS.escape(element.name)}"]:checked`)
      : false,
    checked: !!element.checked,
    label: (element.labels && element.labels[0] ? element.labels[0].textContent : '')
      || element.getAttribute('aria-label') || element.textContent || '',
    visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      && box.width > 0 && box.height > 0,
  };
}"""

WIDE = """() => Array.from(document.querySelectorAll('main *, body > *'))
    .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5)
    .slice(-3).map((element) => `${element.tagName.toLowerCase()}.${element.className}`)"""
"""The innermost elements that reach past the screen's right edge (to say what overflows)."""

MOTION = """() => {
  const moving = [];
  for (const element of document.querySelectorAll('*')) {
    const style = getComputedStyle(element);
    const transition = style.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
    if (transition || style.animationName !== 'none') moving.push(element.tagName);
  }
  const smooth = getComputedStyle(document.documentElement).scrollBehavior === 'smooth';
  return {moving, animations: document.getAnimations().length, smooth};
}"""


def da(key: str, **values: object) -> str:
    return t("da", key, **values)


# --- what a page is measured for ---------------------------------------------------------


@dataclass
class Findings:
    """What the pages met on a tour showed, by page (``plan:step`` and ``after`` or ``before``)."""

    widths: dict[str, int] = field(default_factory=dict)
    wide: dict[str, list[str]] = field(default_factory=dict)
    broken: dict[str, list[str]] = field(default_factory=dict)
    text_scale: dict[str, float] = field(default_factory=dict)
    unnamed: dict[str, list[str]] = field(default_factory=dict)
    alike: dict[str, list[str]] = field(default_factory=dict)
    axe: dict[str, list[str]] = field(default_factory=dict)
    unseen_focus: dict[str, list[str]] = field(default_factory=dict)
    stops: dict[str, int] = field(default_factory=dict)
    arrived: dict[str, bool] = field(default_factory=dict)
    snapshots: dict[str, str] = field(default_factory=dict)


def large_text(page: Page) -> None:
    """Set Chromium's text size to 200 % for *page* (the reader's setting, not a zoom)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": TEXT_200})


def controls(snapshot: str) -> list[tuple[str, str]]:
    """(role, name) of every control in an aria snapshot; name "" when it has none."""
    found = []
    for line in snapshot.splitlines():
        match = re.match(r"\s*- '?([a-z]+)(?: \"((?:[^\"\\]|\\.)*)\")?", line)
        if match and match.group(1) in CONTROL_ROLES:
            found.append((match.group(1), match.group(2) or ""))
    return found


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on *page* (WCAG 2.1 A/AA and best practice), one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')))""",
        AXE_TAGS,
    )


def measure(page: Page, where: str, found: Findings, *, base_font: float) -> None:
    """Everything a page is checked for, kept under *where*."""
    found.widths[where] = page.evaluate("document.scrollingElement.scrollWidth")
    found.wide[where] = page.evaluate(WIDE)
    found.broken[where] = page.evaluate(BROKEN_WORDS, WHOLE_WORDS)
    body = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    found.text_scale[where] = body / base_font
    snapshot = page.locator("body").aria_snapshot()
    found.snapshots[where] = snapshot
    named = controls(snapshot)
    found.unnamed[where] = [role for role, name in named if not name]
    buttons = [name for role, name in named if role == "button" and name]
    found.alike[where] = sorted({name for name in buttons if buttons.count(name) > 1})
    found.axe[where] = axe_violations(page)


def problems(by_page: dict[str, Any]) -> dict[str, Any]:
    return {where: value for where, value in by_page.items() if value}
