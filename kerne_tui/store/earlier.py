"""What a follow-up copies from the earlier session into its own file, as typed records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kerne_tui.plan.model import MIN_ANSWERS
from kerne_tui.store.fields import (
    LayoutError,
    Pin,
    number_field,
    pin_doc,
    pins_field,
    strings_field,
    text_field,
    type_name,
)

# --- what a follow-up copies from the earlier session -------------------------------------


@dataclass(frozen=True, slots=True)
class EarlierScale:
    """A scale step of the earlier session: its statements and how the answers spread."""

    step_id: str
    title: str
    statements: tuple[str, ...]
    counts: tuple[tuple[int, int, int, int, int], ...]
    """Per statement, how many answered 1, 2, 3, 4 and 5 (shown answers only)."""
    respondents: int
    min_answers: int

    @classmethod
    def from_doc(cls, doc: object, where: str) -> EarlierScale:
        """Decode one compared scale; raises :class:`LayoutError`."""
        if not isinstance(doc, Mapping):
            raise LayoutError(f"{where} should be a table, not {type_name(doc)}")
        statements = tuple(strings_field(doc, where, "statements"))
        counts = _counts(doc.get("counts"), where)
        if len(counts) != len(statements):
            raise LayoutError(f"{where}: 'counts' should have one row per statement")
        return cls(
            step_id=text_field(doc, where, "step_id"),
            title=text_field(doc, where, "title"),
            statements=statements,
            counts=counts,
            respondents=int(number_field(doc, where, "respondents", 0)),
            min_answers=int(number_field(doc, where, "min_answers", MIN_ANSWERS)),
        )

    def to_doc(self) -> dict[str, Any]:
        """The compared scale as written to the file."""
        return {
            "step_id": self.step_id,
            "title": self.title,
            "statements": list(self.statements),
            "counts": [list(row) for row in self.counts],
            "respondents": self.respondents,
            "min_answers": self.min_answers,
        }


@dataclass(frozen=True, slots=True)
class EarlierAction:
    """One agreement of the earlier session: what, who, by when and how we will see it worked."""

    id: str
    what: str
    who: str = ""
    when: str = ""
    evidence: str = ""

    def to_doc(self) -> dict[str, str]:
        """The agreement as written; ``evidence`` only where given, as older files have none."""
        doc = {"id": self.id, "what": self.what, "who": self.who, "when": self.when}
        if self.evidence:
            doc["evidence"] = self.evidence
        return doc


@dataclass(frozen=True, slots=True)
class EarlierActions:
    """An actions step of the earlier session with the agreements it ended with."""

    step_id: str
    title: str
    actions: tuple[EarlierAction, ...]

    @classmethod
    def from_doc(cls, doc: object, where: str) -> EarlierActions:
        """Decode one reviewed actions step; raises :class:`LayoutError`."""
        if not isinstance(doc, Mapping):
            raise LayoutError(f"{where} should be a table, not {type_name(doc)}")
        items = doc.get("actions", [])
        if not isinstance(items, list):
            raise LayoutError(f"{where}: 'actions' should be a list, not {type_name(items)}")
        actions = []
        for number, item in enumerate(items, start=1):
            place = f"{where}: agreement {number}"
            if not isinstance(item, Mapping):
                raise LayoutError(f"{place} should be a table, not {type_name(item)}")
            actions.append(
                EarlierAction(
                    id=text_field(item, place, "id") or str(number),
                    what=text_field(item, place, "what"),
                    who=text_field(item, place, "who"),
                    when=text_field(item, place, "when"),
                    evidence=text_field(item, place, "evidence"),
                )
            )
        return cls(
            step_id=text_field(doc, where, "step_id"),
            title=text_field(doc, where, "title"),
            actions=tuple(actions),
        )

    def to_doc(self) -> dict[str, Any]:
        """The reviewed actions step as written to the file."""
        return {
            "step_id": self.step_id,
            "title": self.title,
            "actions": [a.to_doc() for a in self.actions],
        }


@dataclass(frozen=True, slots=True)
class EarlierOpenEnd:
    """Something the day left open: a parked item given an owner, or an open question."""

    text: str
    owner: str = ""
    """Who took the parked item on ("" for an open question)."""
    where: str = ""
    """Where the day collected it: the step's number and title, or the parking lot."""

    @property
    def owned(self) -> bool:
        """True for a parked item someone took on."""
        return bool(self.owner)

    @classmethod
    def from_doc(cls, doc: object, where: str) -> EarlierOpenEnd:
        """Decode one open end; raises :class:`LayoutError`."""
        if not isinstance(doc, Mapping):
            raise LayoutError(f"{where} should be a table, not {type_name(doc)}")
        return cls(
            text=text_field(doc, where, "text"),
            owner=text_field(doc, where, "owner"),
            where=text_field(doc, where, "where"),
        )

    def to_doc(self) -> dict[str, str]:
        """The open end as written to the file."""
        return {"text": self.text, "owner": self.owner, "where": self.where}


@dataclass(frozen=True, slots=True)
class FollowUpRecord:
    """What a follow-up copied from the earlier session, so that it stands on its own later.

    The source is named with its checksum; the core-task sentence comes with every pinned
    version; the compared scales carry their statements and counts (no device hashes), and
    the reviewed actions steps their agreements.
    """

    source_name: str
    source_sha256: str
    source_kind: str
    """``"session"`` for a session file, ``"archive"`` for an archive zip."""
    title: str
    """The earlier session's plan title."""
    created: str
    """When the earlier session file was made (UTC, as stored)."""
    pins: tuple[Pin, ...] = ()
    scales: tuple[EarlierScale, ...] = ()
    action_steps: tuple[EarlierActions, ...] = ()
    open_ends: tuple[EarlierOpenEnd, ...] = ()
    """The parked items given an owner and the open questions the day ended with."""

    @property
    def owned(self) -> tuple[EarlierOpenEnd, ...]:
        """The day's parked items that someone took on."""
        return tuple(end for end in self.open_ends if end.owned)

    @property
    def open_questions(self) -> tuple[EarlierOpenEnd, ...]:
        """The day's questions left open."""
        return tuple(end for end in self.open_ends if not end.owned)

    @property
    def pinned(self) -> Pin | None:
        """The core-task sentence as last pinned on the day."""
        return self.pins[-1] if self.pins else None

    def scale(self, step_id: str) -> EarlierScale | None:
        """The earlier scale step *step_id*, if it was copied."""
        return next((s for s in self.scales if s.step_id == step_id), None)

    def actions(self, step_id: str) -> EarlierActions | None:
        """The earlier actions step *step_id*, if it was copied."""
        return next((a for a in self.action_steps if a.step_id == step_id), None)

    @classmethod
    def from_doc(cls, doc: object) -> FollowUpRecord:
        """Decode the header's follow-up field; raises :class:`LayoutError`."""
        where = "session header: follow-up"
        if not isinstance(doc, Mapping):
            raise LayoutError(f"{where} should be a table, not {type_name(doc)}")
        scales = doc.get("scales", [])
        action_steps = doc.get("action_steps", [])
        if not isinstance(scales, list) or not isinstance(action_steps, list):
            raise LayoutError(f"{where}: 'scales' and 'action_steps' should be lists")
        open_ends = doc.get("open_ends", [])  # absent in follow-ups made before it was copied
        if not isinstance(open_ends, list):
            raise LayoutError(f"{where}: 'open_ends' should be a list, not {type_name(open_ends)}")
        return cls(
            source_name=text_field(doc, where, "source_name"),
            source_sha256=text_field(doc, where, "source_sha256"),
            source_kind=text_field(doc, where, "source_kind", "session"),
            title=text_field(doc, where, "title"),
            created=text_field(doc, where, "created"),
            pins=tuple(pins_field(doc.get("pins"), where)),
            scales=tuple(
                EarlierScale.from_doc(s, f"{where}: scale {n}") for n, s in enumerate(scales, 1)
            ),
            action_steps=tuple(
                EarlierActions.from_doc(a, f"{where}: actions {n}")
                for n, a in enumerate(action_steps, 1)
            ),
            open_ends=tuple(
                EarlierOpenEnd.from_doc(e, f"{where}: open end {n}")
                for n, e in enumerate(open_ends, 1)
            ),
        )

    def to_doc(self) -> dict[str, Any]:
        """The follow-up field as written to the file."""
        return {
            "source_name": self.source_name,
            "source_sha256": self.source_sha256,
            "source_kind": self.source_kind,
            "title": self.title,
            "created": self.created,
            "pins": [pin_doc(p) for p in self.pins],
            "scales": [s.to_doc() for s in self.scales],
            "action_steps": [a.to_doc() for a in self.action_steps],
            "open_ends": [e.to_doc() for e in self.open_ends],
        }


def _counts(value: object, where: str) -> tuple[tuple[int, int, int, int, int], ...]:
    if not isinstance(value, list):
        raise LayoutError(f"{where}: 'counts' should be a list, not {type_name(value)}")
    found = []
    for row in value:
        if (
            not isinstance(row, list)
            or len(row) != 5
            or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in row)
        ):
            raise LayoutError(f"{where}: each row of 'counts' should be five whole numbers")
        found.append((row[0], row[1], row[2], row[3], row[4]))
    return tuple(found)
