"""The session plan: a workshop's script of modules and steps, as frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from kerne_tui.catalog import Lang

MIN_ANSWERS = 5
"""The default anonymity threshold: the smallest group Danish staff surveys report on."""
LOWEST_MIN_ANSWERS = 3
"""The lowest threshold a plan may ask for; below ``MIN_ANSWERS`` the wall says so."""


class StepKind(StrEnum):
    """What a step asks of the participants."""

    INFO = "info"
    DISCUSS = "discuss"
    TEXT = "text"
    SENTENCE = "sentence"
    VOTE = "vote"
    SCALE = "scale"
    CHOICE = "choice"
    RANK = "rank"
    ACTIONS = "actions"
    WORDS = "words"
    QUESTIONS = "questions"
    POINTS = "points"
    MATRIX = "matrix"
    REVIEW = "review"

    @property
    def takes_input(self) -> bool:
        """True where phones send something in this kind of step."""
        return self not in (StepKind.INFO, StepKind.DISCUSS)

    @property
    def is_textual(self) -> bool:
        """True for the kinds whose answers are free text (carried forward as options)."""
        return self in (StepKind.TEXT, StepKind.SENTENCE)


class Show(StrEnum):
    """When a step's answers are shown on the projected screen."""

    LIVE = "live"
    REVEAL = "reveal"


@dataclass(frozen=True, slots=True)
class Option:
    """A fixed option of a vote, choice, rank, points or matrix step."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Step:
    """One timed step of a module."""

    id: str
    kind: StepKind
    title: str
    prompt: str
    minutes: float
    notes: str = ""
    show: Show = Show.REVEAL
    min_answers: int = MIN_ANSWERS
    """Results are held back until this many phones have answered (``MIN_ANSWERS`` unless the
    plan says; at least ``LOWEST_MIN_ANSWERS``, and a lower one than the default is said on the
    wall)."""
    max_length: int = 500
    max_per_person: int = 5
    options: tuple[Option, ...] = ()
    options_from: str | None = None
    dots: int = 3
    max_per_option: int = 0
    statements: tuple[str, ...] = ()
    low_label: str = ""
    high_label: str = ""
    multiple: bool = False
    top: int = 3
    open_questions: bool = False
    """True where the step collects objections: what stays shown stands as open questions."""
    evidence_label: str = ""
    """An actions step's own words for "how we will see that it worked" ("" for the default)."""
    max_words: int = 3
    stop_words: tuple[str, ...] = ()
    parking: bool = False
    """An info or discuss step that shows the parking lot for review."""
    show_overall_task: bool = False
    """An info or discuss step that shows the plan's ``overall_task`` under its prompt."""
    open_ends: bool = False
    """An info or discuss step that shows, in a follow-up, what the day left open."""
    budget: int = 100
    """points: what each phone shares out over the options."""
    x_label: str = ""
    """matrix: what the horizontal axis measures (1 to 5, left to right)."""
    y_label: str = ""
    """matrix: what the vertical axis measures (1 to 5, bottom to top)."""
    x_low_label: str = ""
    x_high_label: str = ""
    y_low_label: str = ""
    y_high_label: str = ""
    compare_with: str | None = None
    """On a scale: the step id in the earlier session whose answers these are compared with."""
    actions_from: str | None = None
    """On a review: the actions step id in the earlier session whose agreements are reviewed."""

    @property
    def lowered(self) -> bool:
        """True when the plan shows this step's results at fewer answers than the default."""
        return self.min_answers < MIN_ANSWERS

    @property
    def earlier_step(self) -> str | None:
        """The step of the earlier session this step builds on, if any."""
        return self.compare_with or self.actions_from

    @property
    def earlier_kind(self) -> StepKind | None:
        """The kind the earlier step must be: a scale for a scale, actions for a review."""
        if self.compare_with is not None:
            return StepKind.SCALE
        if self.actions_from is not None:
            return StepKind.ACTIONS
        return None

    @property
    def seconds(self) -> int:
        """The planned length in whole seconds."""
        return round(self.minutes * 60)


@dataclass(frozen=True, slots=True)
class Module:
    """A part of the day with its own focus."""

    title: str
    focus: str
    steps: tuple[Step, ...]

    @property
    def minutes(self) -> float:
        """The planned length of the module."""
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole workshop: what it is called, its language and its modules."""

    title: str
    language: Lang
    description: str
    modules: tuple[Module, ...]
    start: str = ""
    source: str = ""
    parking_lot: bool = False
    """Phones may park questions at any step while the session runs."""
    workplace: str = ""
    """The workplace the day is held for (a kindergarten, a school, a care unit), if named."""
    overall_task: str = ""
    """The municipality's or organisation's overall wording of the core task, if given."""
    end: str = ""
    """The time the day must be over by, ``"HH:MM"``, if the facilitator set one."""
    page_seconds: int = 8
    """How long the wall shows a page of answers before it turns to the next by itself."""
    raw: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    _steps: tuple[Step, ...] = field(init=False, compare=False, repr=False)
    _positions: Mapping[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Computed once: the engine asks for the open step on every submit and every frame.
        steps = tuple(step for module in self.modules for step in module.steps)
        positions: dict[str, int] = {}
        for index, step in enumerate(steps):
            positions.setdefault(step.id, index)
        object.__setattr__(self, "_steps", steps)
        object.__setattr__(self, "_positions", MappingProxyType(positions))

    @property
    def steps(self) -> tuple[Step, ...]:
        """All steps of all modules, in order."""
        return self._steps

    @property
    def minutes(self) -> float:
        """The planned length of the whole plan."""
        return sum(module.minutes for module in self.modules)

    def overall_task_of(self, step: Step) -> str:
        """The overall wording *step* shows under its prompt ("" where it shows none)."""
        return self.overall_task if step.show_overall_task else ""

    def has_step(self, step_id: str) -> bool:
        """True if the plan has a step with *step_id*."""
        return step_id in self._positions

    def step(self, step_id: str) -> Step:
        """The step with *step_id*; raises KeyError if there is none."""
        return self._steps[self._positions[step_id]]

    def index_of(self, step_id: str) -> int:
        """The position of *step_id* among all steps."""
        return self._positions[step_id]

    @property
    def builds_on_earlier(self) -> tuple[Step, ...]:
        """The steps that need an earlier session (``compare_with``, ``actions_from``)."""
        return tuple(step for step in self._steps if step.earlier_step is not None)

    def module_of(self, step_id: str) -> tuple[int, Module]:
        """The index and module that hold *step_id*."""
        for index, module in enumerate(self.modules):
            if any(step.id == step_id for step in module.steps):
                return index, module
        raise KeyError(step_id)
