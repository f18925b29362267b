"""One spec per step kind: the registry the engine and the results code dispatch through.

Adding a kind here means one module with its spec and one line in :data:`SPECS`;
``tests/test_kind_specs.py`` fails while a :class:`StepKind` has no spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kerne_tui.plan.model import StepKind
from kerne_tui.workshop.kinds.actions import ACTION_FIELD_LIMIT, ActionsSpec
from kerne_tui.workshop.kinds.base import Fields, KindSpec, clean_field
from kerne_tui.workshop.kinds.choice import ChoiceSpec
from kerne_tui.workshop.kinds.matrix import MatrixSpec
from kerne_tui.workshop.kinds.no_input import NoInputSpec
from kerne_tui.workshop.kinds.points import PointsSpec
from kerne_tui.workshop.kinds.questions import QuestionsSpec
from kerne_tui.workshop.kinds.rank import RankSpec
from kerne_tui.workshop.kinds.review import Agreement, ReviewSpec
from kerne_tui.workshop.kinds.scale import ScaleSpec
from kerne_tui.workshop.kinds.text import TextSpec
from kerne_tui.workshop.kinds.vote import VoteSpec
from kerne_tui.workshop.kinds.words import WORD_LIMIT, WordsSpec, fold_word

SPECS: Mapping[StepKind, KindSpec] = MappingProxyType(
    {
        StepKind.INFO: NoInputSpec(StepKind.INFO),
        StepKind.DISCUSS: NoInputSpec(StepKind.DISCUSS),
        StepKind.TEXT: TextSpec(StepKind.TEXT),
        StepKind.SENTENCE: TextSpec(StepKind.SENTENCE),
        StepKind.VOTE: VoteSpec(StepKind.VOTE),
        StepKind.SCALE: ScaleSpec(StepKind.SCALE),
        StepKind.CHOICE: ChoiceSpec(StepKind.CHOICE),
        StepKind.RANK: RankSpec(StepKind.RANK),
        StepKind.ACTIONS: ActionsSpec(StepKind.ACTIONS),
        StepKind.WORDS: WordsSpec(StepKind.WORDS),
        StepKind.QUESTIONS: QuestionsSpec(StepKind.QUESTIONS),
        StepKind.POINTS: PointsSpec(StepKind.POINTS),
        StepKind.MATRIX: MatrixSpec(StepKind.MATRIX),
        StepKind.REVIEW: ReviewSpec(StepKind.REVIEW),
    }
)


def spec_for(kind: StepKind) -> KindSpec:
    """The spec of *kind*."""
    return SPECS[kind]


__all__ = [
    "ACTION_FIELD_LIMIT",
    "SPECS",
    "WORD_LIMIT",
    "Agreement",
    "Fields",
    "KindSpec",
    "clean_field",
    "fold_word",
    "spec_for",
]
