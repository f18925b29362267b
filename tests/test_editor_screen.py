"""``kerne edit`` driven by Textual's pilot: every operation on the agenda, the live checks
beside their field, the unsaved-changes question, and approved snapshots at two sizes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, Static

from kerne_tui.editor import EditorApp
from kerne_tui.editor.agenda import AgendaScreen
from kerne_tui.editor.dialogs import ChoiceDialog, NameDialog
from kerne_tui.editor.forms import PlanForm, StepForm
from kerne_tui.editor.preview import PreviewScreen
from kerne_tui.editor.wall_preview import WallPreview
from kerne_tui.plan import PlanError, StepKind, find_plan, load_plan, own_plans_folder
from kerne_tui.tui.dialogs import ConfirmScreen, HelpScreen
from kerne_tui.tui.screens import MainScreen

SIZE = (100, 30)


def own_copy(data: Path, name: str = "kerneopgaven") -> Path:
    """A built-in plan copied into the data folder's own plans under the name ``solsikken``."""
    source = find_plan(name)
    assert source is not None
    folder = own_plans_folder(data)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "solsikken.toml"
    shutil.copyfile(source, target)
    return target


def step_ids(app: EditorApp) -> list[list[str]]:
    assert app.session is not None
    doc = app.session.document
    return [[str(s["id"]) for s in doc.steps(m)] for m in range(len(doc.modules()))]


def agenda(app: EditorApp) -> AgendaScreen:
    screen = app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


async def select(pilot: Pilot[Any], module: int, step: int | None) -> None:
    """Highlight a module or a step on the agenda, as the arrow keys would."""
    app = pilot.app
    assert isinstance(app, EditorApp)
    listing = agenda(app).query_one("#e-agenda", OptionList)
    wanted = f"m-{module}" if step is None else f"s-{module}-{step}"
    index = next(
        i for i in range(listing.option_count) if listing.get_option_at_index(i).id == wanted
    )
    listing.highlighted = index
    await pilot.pause()


async def typed(pilot: Pilot[Any], text: str) -> None:
    for character in text:
        await pilot.press("space" if character == " " else character)


# --- operations ---------------------------------------------------------------------------


async def test_a_new_scale_step_is_added_after_the_selected_one(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, 0, 1)
        await pilot.press("a")
        assert isinstance(app.screen, ChoiceDialog)
        for _ in range(list(StepKind).index(StepKind.SCALE)):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepForm)  # the new step's form opens at once
        await pilot.press("escape")
        await pilot.pause()
        assert step_ids(app)[0][1:3] == ["tjek-ind", "scale"]
        assert agenda(app).selected() == (0, 2)


async def test_a_step_moves_up_down_and_into_the_next_module(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        first = step_ids(app)
        last = len(first[0]) - 1
        await select(pilot, 0, last)
        moved = first[0][last]
        await pilot.press("K")
        assert step_ids(app)[0][last - 1] == moved
        await pilot.press("J", "J")  # back down, then past the end into module 2
        assert step_ids(app)[1][0] == moved and moved not in step_ids(app)[0]
        assert agenda(app).selected() == (1, 0)
        await pilot.press("shift+up")
        assert step_ids(app)[0][-1] == moved


async def test_a_step_moves_to_a_chosen_module(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, 0, 0)
        await pilot.press("m")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert step_ids(app)[2][-1] == "velkommen"


async def test_duplicate_and_delete_with_undo(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        before = step_ids(app)
        await select(pilot, 0, 0)
        await pilot.press("d")
        assert step_ids(app)[0][:2] == ["velkommen", "velkommen-2"]
        await pilot.press("x")  # the copy, selected after it was made
        await pilot.press("delete")  # and the step after it
        assert step_ids(app)[0] == [before[0][0], *before[0][2:]]
        status = agenda(app).query_one("#e-status", Static).render()
        assert "Slettet" in str(status)
        await pilot.press("u", "u", "u")
        assert step_ids(app) == before
        assert app.session is not None and not app.session.document.changed


async def test_modules_are_added_renamed_and_removed_with_undo(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        count = len(step_ids(app))
        await select(pilot, 0, None)
        await pilot.press("n")
        assert isinstance(app.screen, NameDialog)
        await typed(pilot, "Ekstra")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        titles = [str(m["title"]) for m in app.session.document.modules()]
        assert len(titles) == count + 1 and titles[1] == "Ekstra"
        assert agenda(app).selected() == (1, None)
        await pilot.press("r")
        await pilot.press("ctrl+a", "ctrl+k")
        await typed(pilot, "Omdøbt")
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.session.document.modules()[1]["title"]) == "Omdøbt"
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.session.document.modules()) == count
        await pilot.press("u")
        assert str(app.session.document.modules()[1]["title"]) == "Omdøbt"


# --- the live checks ----------------------------------------------------------------------


async def test_a_broken_field_shows_its_problem_beside_it_in_validates_words(
    tmp_path: Path,
) -> None:
    path = own_copy(tmp_path)
    app = EditorApp(path, tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, 0, 0)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, StepForm)
        minutes = form.query_one("#f-minutes", Input)
        minutes.focus()
        await pilot.press("end", "backspace", "backspace")
        await typed(pilot, "fem")
        await pilot.pause()
        shown = str(form.query_one("#p-minutes", Static).render())
        assert form.query_one("#p-minutes", Static).has_class("-shown")
        await pilot.press("ctrl+s")  # a draft with a problem is saved all the same
        await pilot.pause()
        with pytest.raises(PlanError) as loader:
            load_plan(path)
        [sentence] = loader.value.messages("da")
        assert shown == sentence
        assert "'minutes'" in sentence
        # Fixed again, the problem goes away.
        await pilot.press("backspace", "backspace", "backspace")
        await typed(pilot, "10")
        await pilot.pause()
        assert not form.query_one("#p-minutes", Static).has_class("-shown")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert "Ingen problemer" in str(app.screen.query_one("#e-status", Static).render())


LABELS = {
    "da": ("Minutter (minutes)", "Spørgsmål (prompt)", "Noter til dig (notes)", "Ordsky (words)"),
    "en": ("Minutes (minutes)", "Question (prompt)", "Notes for you (notes)", "Word cloud (words)"),
}
FACTS = {
    "da": ("Overordnet formulering (overall_task)", "Parkeringsplads"),
    "en": ("Overall wording (overall_task)", "Parking lot"),
}


@pytest.mark.parametrize(("plan", "lang"), [("kerneopgaven", "da"), ("kerneopgaven.en", "en")])
async def test_the_forms_name_each_field_in_the_plans_language_with_its_key_beside_it(
    tmp_path: Path, plan: str, lang: str
) -> None:
    app = EditorApp(own_copy(tmp_path, plan), tmp_path, "da")  # the editor speaks Danish
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None and app.session.checked.plan is not None
        module, step = next(
            (m, s)
            for m, mod in enumerate(app.session.checked.plan.modules)
            for s, st in enumerate(mod.steps)
            if st.id == "tjek-ind"
        )
        await select(pilot, module, step)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, StepForm)
        labels = [str(label.render()) for label in form.query(".field-label").results(Static)]
        minutes, prompt, notes, kind = LABELS[lang]
        assert any(label.startswith(minutes + "  ") for label in labels)
        assert any(label.startswith(prompt + "  ") for label in labels)
        assert any(label.startswith(notes + "  ") for label in labels)
        assert str(form.query_one("#f-kind", Static).render()) == kind
        await pilot.press("escape", "i")
        await pilot.pause()
        facts = app.screen
        assert isinstance(facts, PlanForm)
        labels = [str(label.render()) for label in facts.query(".field-label").results(Static)]
        overall, parking = FACTS[lang]
        assert any(label.startswith(overall + "  ") for label in labels)
        assert str(facts.query_one("#f-parking_lot", Checkbox).label) == parking


async def test_the_plans_facts_are_edited_and_the_day_warns_past_its_end(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, PlanForm)
        form.query_one("#f-end", Input).focus()
        await typed(pilot, "14:00")
        form.query_one("#f-workplace", Input).focus()
        await typed(pilot, "Solsikken")
        await pilot.press("escape")
        await pilot.pause()
        summary = app.screen.query_one("#e-sum", Static)
        assert summary.has_class("-late")
        assert "60 min efter 14:00" in str(summary.render())
        assert app.session is not None
        data = app.session.document.data()
        assert (data["end"], data["workplace"]) == ("14:00", "Solsikken")


# --- built-in plans, saving and leaving ---------------------------------------------------


async def test_a_builtin_plan_is_copied_under_a_new_name_and_never_written(
    tmp_path: Path,
) -> None:
    builtin = find_plan("kerneopgaven-kort")
    assert builtin is not None
    original = builtin.read_bytes()
    app = EditorApp(builtin, tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NameDialog)
        await pilot.press("ctrl+a", "ctrl+k")
        await typed(pilot, "kerneopgaven")
        await pilot.press("enter")
        await pilot.pause()
        problem = app.screen.query_one("#name-problem", Static)
        assert "indbygget plan" in str(problem.render())
        await pilot.press("ctrl+a", "ctrl+k")
        await typed(pilot, "teammoedet")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    copy = own_plans_folder(tmp_path) / "teammoedet.toml"
    assert copy.read_bytes() == original
    assert builtin.read_bytes() == original


async def test_leaving_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    path = own_copy(tmp_path)
    before = path.read_bytes()
    app = EditorApp(path, tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen) and app.is_running
        await pilot.press("escape")  # escape on the agenda of a named plan: the same question
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert not app.is_running
    assert path.read_bytes() == before


async def test_leaving_after_saving_asks_nothing(tmp_path: Path) -> None:
    path = own_copy(tmp_path)
    app = EditorApp(path, tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    assert load_plan(path).steps[1].id == "velkommen-2"


async def test_without_a_plan_the_list_offers_builtin_and_own_plans(tmp_path: Path) -> None:
    own_copy(tmp_path)
    app = EditorApp(None, tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        listing = app.screen.query_one("#pick-list", OptionList)
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("solsikken" in label and "your own" in label for label in labels)
        assert any("kerneopgaven-kort" in label and "built-in" in label for label in labels)
        listing.highlighted = len(labels) - 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)  # an own plan opens without a copy
        await pilot.press("escape")  # back one level: the list again
        await pilot.pause()
        assert app.screen.query_one("#pick-list", OptionList) is not None


async def test_the_help_screen_lists_every_key(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        table = " ".join(f"{keys} {label}" for keys, label in screen.rows)
        for words in ("Add a step", "Undo the last change", "Save the plan", "Move the step up"):
            assert words in table


# --- the preview --------------------------------------------------------------------------


async def test_the_preview_shows_the_overall_wording_where_the_step_shows_it(
    tmp_path: Path,
) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None
        app.session.document.set_top("overall_task", "Vi skaber trivsel for alle.")
        app.session.recheck()
        plan = app.session.checked.plan
        assert plan is not None
        module, step = next(
            (m, s)
            for m, mod in enumerate(plan.modules)
            for s, st in enumerate(mod.steps)
            if st.id == "kommunens-ord"
        )
        await select(pilot, module, step)
        await pilot.press("p")
        await pilot.pause()
        wall = app.screen
        assert isinstance(wall, WallPreview)  # the wall's own screen, on a throwaway session
        assert isinstance(wall, MainScreen)
        folder = wall.folder
        assert folder.is_dir()
        prompt = str(wall.query_one("#step-prompt", Static).render())
        assert "Vi skaber trivsel for alle." in prompt
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        phone = str(app.screen.query_one("#pv-page", Static).render())
        assert "Vi skaber trivsel for alle." in phone
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert not folder.exists()  # the throwaway session is gone


async def test_a_plan_with_problems_previews_the_steps_words(tmp_path: Path) -> None:
    app = EditorApp(own_copy(tmp_path), tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None
        app.session.document.set_step(0, 0, "minutes", "ti")
        app.session.recheck()
        await select(pilot, 0, 0)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert app.screen.query_one("#pv-broken", Static) is not None


# --- snapshots ----------------------------------------------------------------------------


SCENES: dict[str, tuple[str, list[str]]] = {
    "agenda": ("", []),
    "step-form": ("tjek-ind", ["enter"]),
    "preview": ("kommunens-ord", ["p"]),
    "phone": ("kommunens-ord", ["p", "t"]),
}


@pytest.mark.parametrize("size", [(100, 30), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_the_editor_looks_as_approved(
    snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    step_id, keys = SCENES[scene]
    path = own_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'start = "09:00"\n',
        'start = "08:30"\nend = "14:00"\nworkplace = "Børnehuset Solsikken"\n'
        'overall_task = "Vi skaber trivsel, udvikling og læring for alle børn."\n',
    )
    path.write_text(text, encoding="utf-8")

    async def choose(pilot: Pilot[Any]) -> None:
        if step_id:
            app = pilot.app
            assert isinstance(app, EditorApp) and app.session is not None
            plan = app.session.checked.plan
            assert plan is not None
            module, step = next(
                (m, s)
                for m, mod in enumerate(plan.modules)
                for s, st in enumerate(mod.steps)
                if st.id == step_id
            )
            await select(pilot, module, step)

    app = EditorApp(path, tmp_path, "da")
    assert snap_compare(app, press=keys, terminal_size=size, run_before=choose)


# --- what the plan's facts do on the wall -------------------------------------------------


async def test_the_wall_shows_the_overall_wording_and_the_workplace(tmp_path: Path) -> None:
    from textual.widgets import Static as Shown
    from tui_support import PLAN, make_app, open_workshop

    text = PLAN.replace(
        'start = "09:00"\n',
        'start = "09:00"\nworkplace = "Børnehuset Solsikken"\n'
        'overall_task = "Vi skaber trivsel for alle børn."\n',
    ).replace('id = "forskelle"\n', 'id = "forskelle"\nshow_overall_task = true\n')
    async with open_workshop(tmp_path, plan_text=text) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("q")
            await pilot.pause()
            title = str(app.screen.query_one("#qr-title", Shown).render())
            assert "Børnehuset Solsikken" in title
            await pilot.press("escape")
            await workshop.go_to("min-opgave")
            await pilot.pause()
            prompt = str(app.screen.query_one("#step-prompt", Shown).render())
            assert "Vi skaber trivsel" not in prompt  # only where the step shows it
            await workshop.go_to("forskelle")
            await pilot.pause(0.3)
            prompt = str(app.screen.query_one("#step-prompt", Shown).render())
            assert "Vi skaber trivsel for alle børn." in prompt


async def test_a_plan_begun_by_hand_without_modules_gets_its_first_module(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ny.toml"
    path.write_text('# begun by hand\ntitle = "Ny plan"\n', encoding="utf-8")
    app = EditorApp(path, tmp_path, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a", "d", "x", "J", "p", "r")  # nothing to act on: no harm
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("n")
        await typed(pilot, "Første")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
    plan = load_plan(path)
    assert [m.title for m in plan.modules] == ["Første"]
    assert path.read_text(encoding="utf-8").startswith('# begun by hand\ntitle = "Ny plan"\n')
