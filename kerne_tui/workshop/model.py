"""What a session is made of while it runs: contributions, pins and the events it publishes."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from kerne_tui.catalog import CATALOG, Lang, t
from kerne_tui.plan.model import StepKind
from kerne_tui.store.fields import Pin

__all__ = [
    "Contribution",
    "ContributionModerated",
    "ContributionReceived",
    "ContributionRetracted",
    "Event",
    "Pin",
    "Refused",
    "ResultsRevealed",
    "SentencePinned",
    "SessionClosed",
    "StepClosed",
    "StepOpened",
    "TimerChanged",
]


@dataclass(frozen=True, slots=True)
class Contribution:
    """One thing a phone sent: text, dots, values, choices, a ranking, an action, a review,
    points shared out or options placed on a matrix."""

    id: str
    step_id: str
    kind: StepKind
    device: str
    client_id: str
    at: str
    text: str = ""
    dots: dict[str, int] = field(default_factory=dict)
    values: dict[str, int] = field(default_factory=dict)
    choices: tuple[str, ...] = ()
    ranking: tuple[str, ...] = ()
    what: str = ""
    who: str = ""
    when: str = ""
    evidence: str = ""
    """An action's "how we will see that it worked" (optional)."""
    words: tuple[str, ...] = ()
    upvote: str = ""
    """The question (or parked item) this contribution upvotes."""
    outcome: str = ""
    """A question's or parked item's end: "answered", "owner" (in ``who``) or "dropped"."""
    points: dict[str, int] = field(default_factory=dict)
    placements: dict[str, tuple[int, int]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    """A review: each earlier agreement's id with the status this phone gave it."""
    comments: dict[str, str] = field(default_factory=dict)
    """A review: a short comment to some of the agreements, by id."""
    hidden: bool = False
    retracted: bool = False
    merged_into: str | None = None

    @property
    def visible(self) -> bool:
        """True where the contribution counts and may be shown."""
        return not (self.hidden or self.retracted or self.merged_into)

    def to_doc(self) -> dict[str, Any]:
        """The contribution as stored in the session file."""
        # Field by field: dataclasses.asdict deep-copies recursively and cost as much as the
        # rest of a submit together (benchmarks/).
        doc = {name: getattr(self, name) for name in _CONTRIBUTION_FIELDS}
        doc["kind"] = self.kind.value
        doc["dots"] = dict(self.dots)
        doc["values"] = dict(self.values)
        doc["choices"] = list(self.choices)
        doc["ranking"] = list(self.ranking)
        # The fields of the later kinds are written only where used: files of the first kinds
        # stay as they were, byte for byte.
        for name in _LATER_FIELDS:
            if not doc[name]:
                del doc[name]
        if self.words:
            doc["words"] = list(self.words)
        # Only a review, points or a matrix has these; other kinds' documents stay as they were.
        statuses = doc.pop("statuses")
        comments = doc.pop("comments")
        points = doc.pop("points")
        placements = doc.pop("placements")
        if statuses:
            doc["statuses"] = dict(statuses)
        if comments:
            doc["comments"] = dict(comments)
        if points:
            doc["points"] = dict(points)
        if placements:
            doc["placements"] = {k: [x, y] for k, (x, y) in placements.items()}
        if not self.evidence:
            del doc["evidence"]  # written only where given: older session files stay as they were
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Contribution:
        """Rebuild a contribution read from the session file."""
        return cls(
            id=str(doc["id"]),
            step_id=str(doc["step_id"]),
            kind=StepKind(doc["kind"]),
            device=str(doc.get("device", "")),
            client_id=str(doc.get("client_id", "")),
            at=str(doc.get("at", "")),
            text=str(doc.get("text", "")),
            dots={str(k): int(v) for k, v in dict(doc.get("dots", {})).items()},
            values={str(k): int(v) for k, v in dict(doc.get("values", {})).items()},
            choices=tuple(str(c) for c in doc.get("choices", ())),
            ranking=tuple(str(r) for r in doc.get("ranking", ())),
            what=str(doc.get("what", "")),
            who=str(doc.get("who", "")),
            when=str(doc.get("when", "")),
            evidence=str(doc.get("evidence", "")),
            words=tuple(str(w) for w in doc.get("words", ())),
            upvote=str(doc.get("upvote", "")),
            outcome=str(doc.get("outcome", "")),
            points={str(k): int(v) for k, v in dict(doc.get("points", {})).items()},
            placements={
                str(k): (int(v[0]), int(v[1])) for k, v in dict(doc.get("placements", {})).items()
            },
            statuses={str(k): str(v) for k, v in dict(doc.get("statuses", {})).items()},
            comments={str(k): str(v) for k, v in dict(doc.get("comments", {})).items()},
            hidden=bool(doc.get("hidden", False)),
            retracted=bool(doc.get("retracted", False)),
            merged_into=doc.get("merged_into"),
        )


_CONTRIBUTION_FIELDS = tuple(f.name for f in fields(Contribution))
_LATER_FIELDS = ("words", "upvote", "outcome")


class Refused(Exception):
    """A command the rules do not allow, with a reason a person can read."""

    def __init__(self, code: str, key: str, **values: object) -> None:
        self.code = code
        self.key = key
        self.values = values
        super().__init__(f"{code}: {t('en', key, **values)}")

    def message(self, lang: Lang) -> str:
        """The reason in *lang* (a limit of one said in the singular where the text has it)."""
        if self.values.get("limit") == 1 and f"{self.key}.one" in CATALOG:
            return t(lang, f"{self.key}.one", **self.values)
        return t(lang, self.key, **self.values)


# --- events: what happened, for the screen and the phones --------------------------------


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened in the session."""


@dataclass(frozen=True, slots=True)
class StepOpened(Event):
    """The facilitator moved to a step."""

    step_id: str
    index: int


@dataclass(frozen=True, slots=True)
class TimerChanged(Event):
    """The countdown was started, paused or extended."""

    step_id: str
    running: bool
    seconds_left: float


@dataclass(frozen=True, slots=True)
class StepClosed(Event):
    """The countdown reached zero: the step takes no more input."""

    step_id: str


@dataclass(frozen=True, slots=True)
class ContributionReceived(Event):
    """A contribution is on disk."""

    step_id: str
    contribution_id: str


@dataclass(frozen=True, slots=True)
class ContributionRetracted(Event):
    """A participant took a contribution back."""

    step_id: str
    contribution_id: str


@dataclass(frozen=True, slots=True)
class ContributionModerated(Event):
    """The facilitator hid, showed or merged a contribution."""

    step_id: str
    contribution_id: str


@dataclass(frozen=True, slots=True)
class ResultsRevealed(Event):
    """The facilitator showed or hid a step's answers on the screen."""

    step_id: str
    revealed: bool


@dataclass(frozen=True, slots=True)
class SentencePinned(Event):
    """A new working version of the core-task sentence."""

    text: str


@dataclass(frozen=True, slots=True)
class CommandUndone(Event):
    """A facilitator command could not be written, so it was undone (the disk may be full)."""

    action: str
    """The logged action that was tried ("next", "extend", ...; see rollback.ACTIONS)."""


@dataclass(frozen=True, slots=True)
class SessionClosed(Event):
    """The facilitator ended the session."""
