"""The editor's document: saving keeps the file a person wrote, and every change can be undone.

The plan is held as a ``tomlkit`` document: what is not touched is written back byte for byte,
comments and layout included. The live checks are the loader's own.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from kerne_tui.catalog import CATALOG, t
from kerne_tui.editor.checks import check
from kerne_tui.editor.document import PlanDocument
from kerne_tui.editor.fields import (
    PLAN_FIELDS,
    every_field,
    field,
    help_key,
    known,
    label_key,
    parse,
    step_fields,
)
from kerne_tui.editor.files import CannotOpen, open_document, save_document
from kerne_tui.editor.timeline import timeline
from kerne_tui.plan import (
    PlanError,
    StepKind,
    builtin_plans,
    find_plan,
    load_plan,
    name_problem,
    own_plans_folder,
    plan_from_data,
)
from kerne_tui.plan.checks import KIND_CHECKS
from kerne_tui.plan.loader import COMMON_STEP_KEYS, TOP_KEYS

HAND_WRITTEN = """\
# Our own day at Solsikken -- written by hand, keep these notes!
title = "Solsikkens dag"   # the name on the wall
language = "da"
start = "08:30"

# ---- the morning -------------------------------------------------------------
[[modules]]
title = "Formiddag"
focus = "Hvad er vi her for?"

[[modules.steps]]
id = "velkommen"     # first thing
kind = "info"
title = "Velkommen"
prompt = "Scan koden."
minutes = 5
notes = \"\"\"
Sig hej. \\
Husk kaffen.\"\"\"

# the real work starts here
[[modules.steps]]
id = "forslag"
kind = "sentence"
title = "Én sætning"
prompt = "Skriv jeres bud."
minutes = 10

[[modules.steps]]
id = "prikker"
kind = "vote"
title = "Prikafstemning"
prompt = "Sæt prikker."
minutes = 5
options_from = "forslag"   # carried forward
dots = 3
"""


def document() -> PlanDocument:
    return PlanDocument(HAND_WRITTEN)


def ids(doc: PlanDocument) -> list[list[str]]:
    return [[str(s["id"]) for s in doc.steps(m)] for m in range(len(doc.modules()))]


# --- saving keeps the file ---------------------------------------------------------------


@pytest.mark.parametrize("path", builtin_plans(), ids=lambda p: p.name)
def test_every_shipped_plan_opened_and_saved_unchanged_is_byte_identical(
    path: Path, tmp_path: Path
) -> None:
    doc = open_document(path, "da")
    target = tmp_path / path.name
    save_document(doc, target)
    assert target.read_bytes() == path.read_bytes()
    assert not doc.changed


def test_a_hand_written_plan_keeps_its_comments_after_one_field_is_changed(
    tmp_path: Path,
) -> None:
    doc = document()
    doc.set_step(0, 1, "minutes", 12)
    target = tmp_path / "solsikken.toml"
    save_document(doc, target)
    written = target.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.ndiff(HAND_WRITTEN.splitlines(), written.splitlines())
        if line.startswith(("-", "+"))
    ]
    assert changed == ["- minutes = 10", "+ minutes = 12"]
    assert load_plan(target).step("forslag").minutes == 12


def test_a_long_text_with_line_breaks_is_written_as_a_multi_line_string(
    tmp_path: Path,
) -> None:
    doc = document()
    doc.set_step(0, 0, "notes", 'Sig hej.\nHusk "kaffen" og \\ kagen.')
    target = tmp_path / "plan.toml"
    save_document(doc, target)
    assert load_plan(target).step("velkommen").notes == 'Sig hej.\nHusk "kaffen" og \\ kagen.'
    assert "# the real work starts here" in target.read_text(encoding="utf-8")


def test_a_failed_save_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    target.write_text(HAND_WRITTEN, encoding="utf-8")
    doc = document()
    doc.set_top("title", "Ny titel")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        save_document(doc, blocked / "plan.toml")
    assert target.read_text(encoding="utf-8") == HAND_WRITTEN
    assert doc.changed


def test_a_file_that_is_not_toml_is_refused_in_the_loaders_words(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "x"\n[[modules]\n', encoding="utf-8")
    with pytest.raises(CannotOpen) as refused:
        open_document(broken, "da")
    with pytest.raises(PlanError) as loader:
        load_plan(broken)
    assert str(refused.value) == loader.value.messages("da")[0]
    assert broken.read_text(encoding="utf-8") == 'title = "x"\n[[modules]\n'


# --- the operations ----------------------------------------------------------------------


def test_moving_a_step_within_and_across_modules() -> None:
    doc = document()
    doc.add_module(0, "Eftermiddag", StepKind.INFO, "da")
    assert ids(doc) == [["velkommen", "forslag", "prikker"], ["info"]]
    assert doc.move_step(0, 0, 1) == (0, 1)
    assert ids(doc) == [["forslag", "velkommen", "prikker"], ["info"]]
    assert doc.move_step(0, 2, 1) == (1, 0)  # past the end: into the next module
    assert ids(doc) == [["forslag", "velkommen"], ["prikker", "info"]]
    assert doc.move_step(1, 0, -1) == (0, 2)  # past the top: back into the one before
    assert doc.move_step(0, 0, -1) == (0, 0)  # the very first step stays
    assert doc.move_step_to(0, 0, 1) == 1
    assert ids(doc) == [["velkommen", "prikker"], ["info", "forslag"]]


def test_duplicate_delete_and_undo_give_back_exactly_what_was_there() -> None:
    doc = document()
    before = doc.text()
    assert doc.duplicate_step(0, 1) == 2
    assert ids(doc) == [["velkommen", "forslag", "forslag-2", "prikker"]]
    doc.delete_step(0, 0)
    assert ids(doc) == [["forslag", "forslag-2", "prikker"]]
    assert doc.undo() and doc.undo()
    assert doc.text() == before
    assert not doc.changed
    assert not doc.undo()


def test_modules_are_added_renamed_and_removed() -> None:
    doc = document()
    assert doc.add_module(None, "Eftermiddag", StepKind.DISCUSS, "da") == 1
    doc.set_module(1, "title", "Efter frokost")
    assert [m["title"] for m in doc.modules()] == ["Formiddag", "Efter frokost"]
    assert plan_from_data(doc.data(), "x").modules[1].steps[0].kind is StepKind.DISCUSS
    doc.remove_module(0)
    assert [m["title"] for m in doc.modules()] == ["Efter frokost"]
    doc.undo()
    assert ids(doc)[0] == ["velkommen", "forslag", "prikker"]


@pytest.mark.parametrize("kind", list(StepKind), ids=lambda k: k.value)
def test_a_new_step_of_every_kind_is_accepted_by_the_loader_as_it_stands(kind: StepKind) -> None:
    doc = document()
    index = doc.add_step(0, 2, kind, "da")
    assert index == 3
    plan = plan_from_data(doc.data(), "x")
    step = plan.modules[0].steps[3]
    assert step.kind is kind and step.id == kind.value and step.minutes > 0


def test_new_steps_get_ids_not_in_use() -> None:
    doc = document()
    doc.add_step(0, None, StepKind.SCALE, "da")
    doc.add_step(0, None, StepKind.SCALE, "da")
    assert ids(doc)[0][-2:] == ["scale", "scale-2"]


# --- the fields --------------------------------------------------------------------------


def test_every_key_the_loader_knows_has_a_field_and_help_in_both_languages() -> None:
    keys = {*TOP_KEYS, *COMMON_STEP_KEYS, "focus"} - {"modules", "limits"}
    for rules in KIND_CHECKS.values():
        keys.update(rules.keys)
    missing = sorted(key for key in keys if not known(key))
    assert missing == []
    for key in keys:
        for lang in ("da", "en"):
            assert t(lang, help_key(key)).strip()
    assert set(PLAN_FIELDS) <= keys


def test_every_field_the_editor_knows_has_a_name_in_both_languages() -> None:
    names = [spec.name for spec in every_field()]
    missing = sorted(name for name in names if label_key(name) not in CATALOG)
    assert missing == []
    for name in names:
        for lang in ("da", "en"):
            label = t(lang, label_key(name)).strip()
            # A name a facilitator reads, never a TOML key like "min_answers" written out.
            assert label and "_" not in label, (name, lang)


@pytest.mark.parametrize("kind", list(StepKind), ids=lambda k: k.value)
def test_a_steps_form_has_every_field_its_kind_has(kind: StepKind) -> None:
    names = [spec.name for spec in step_fields(kind)]
    assert names == [*COMMON_STEP_KEYS, *KIND_CHECKS[kind].keys]


def test_typed_text_becomes_the_value_the_plan_holds() -> None:
    assert parse(field("minutes"), "1,5") == 1.5
    assert parse(field("minutes"), "7") == 7
    assert parse(field("minutes"), "fem") == "fem"  # the loader says what is wrong with it
    assert parse(field("minutes"), "") is None
    assert parse(field("title"), "  ") == ""
    assert parse(field("statements"), "Et\n\n To \n") == ["Et", "To"]
    assert parse(field("dots"), "3") == 3


# --- live checks are the loader's --------------------------------------------------------


def test_a_broken_field_has_its_problem_in_the_words_validate_uses(tmp_path: Path) -> None:
    doc = document()
    doc.set_step(0, 2, "dots", "tre")
    target = tmp_path / "plan.toml"
    save_document(doc, target)  # a draft with a problem is saved all the same
    checked = check(doc.data(), str(target))
    [problem] = checked.of_field(0, 2, "dots")
    with pytest.raises(PlanError) as loader:
        load_plan(target)
    assert [problem.message("da")] == loader.value.messages("da")
    assert checked.in_module(0) and checked.plan is None


def test_the_timeline_counts_from_the_start_and_warns_past_the_end() -> None:
    doc = document()
    line = timeline(doc.data())
    assert (line.clock(line.offsets[(0, 2)]), line.end, line.over) == ("08:45", "08:50", 0)
    doc.set_top("end", "08:40")
    assert timeline(doc.data()).over == 10
    doc.set_step(0, 1, "minutes", "ti")
    assert timeline(doc.data()).total == 10  # unreadable minutes count as none


# --- own plans ---------------------------------------------------------------------------


def test_own_plans_are_found_by_name_and_a_name_in_both_is_refused(tmp_path: Path) -> None:
    folder = own_plans_folder(tmp_path)
    folder.mkdir()
    (folder / "solsikken.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    assert find_plan("solsikken", tmp_path) == folder / "solsikken.toml"
    assert name_problem("solsikken", tmp_path) == "plan.own.exists"
    assert name_problem("kerneopgaven", tmp_path) == "plan.own.builtin_name"
    assert name_problem("Min Plan!", tmp_path) == "plan.own.bad_name"
    assert name_problem("min-plan", tmp_path) == ""
    (folder / "kerneopgaven.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    with pytest.raises(PlanError) as both:
        find_plan("kerneopgaven", tmp_path)
    [sentence] = both.value.messages("da")
    assert "kerneopgaven" in sentence and sentence.count(".") >= 1


def test_the_plan_list_of_kerne_run_offers_own_plans_beside_the_builtin_ones(
    tmp_path: Path,
) -> None:
    from kerne_tui.tui.picker import choices

    folder = own_plans_folder(tmp_path)
    folder.mkdir()
    (folder / "solsikken.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    offered = [(choice, str(label)) for choice, label in choices(tmp_path, "da")]
    assert (("plan", str(folder / "solsikken.toml")), "Solsikkens dag") in [
        (choice, label.split("  ")[0]) for choice, label in offered
    ]
    assert len(offered) == len(builtin_plans()) + 1


async def test_the_workplace_stands_on_the_reports_front_page(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from support import FakeClock, open_workshop

    from kerne_tui.archive import read_record, render_report

    text = HAND_WRITTEN.replace('start = "08:30"\n', 'workplace = "Børnehuset Solsikken"\n')
    target = tmp_path / "solsikken.toml"
    target.write_text(text, encoding="utf-8")
    async with open_workshop(load_plan(target), tmp_path / "data", FakeClock()) as workshop:
        await workshop.start()
        await workshop.save_state()
        record = read_record(workshop.path)
    made = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    markdown = render_report(record, "md", generated=made, zone=UTC)
    html = render_report(record, "html", generated=made, zone=UTC)
    assert markdown.splitlines()[0] == "# Solsikkens dag"
    assert "Børnehuset Solsikken" in "\n".join(markdown.splitlines()[:6])
    assert '<p class="workplace">Børnehuset Solsikken</p>' in html


def test_typing_on_in_one_field_is_undone_as_one_change() -> None:
    doc = document()
    before = doc.text()
    for typed in ("1", "15"):
        doc.set_step(0, 0, "minutes", int(typed))
    doc.set_step(0, 0, "title", "Hej")
    doc.undo()
    assert doc.data()["modules"][0]["steps"][0]["minutes"] == 15
    doc.undo()
    assert doc.text() == before
