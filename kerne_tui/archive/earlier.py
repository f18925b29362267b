"""Reading the earlier session a follow-up builds on: a session file or an archive zip.

An archive is checked against its manifest first (the archive's own verify code); then the
session inside it, or the session file, is read like any report would read it, and the steps
the follow-up plan names are checked against the earlier plan. What the follow-up needs is
copied into a :class:`~kerne_tui.store.FollowUpRecord`; nothing is written here.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from kerne_tui.archive.content import build_content
from kerne_tui.archive.record import SessionRecord, record_from_data
from kerne_tui.archive.step_times import with_step_times
from kerne_tui.archive.verify import CHUNK, check_archive, read_manifest
from kerne_tui.catalog import LANGUAGES, t
from kerne_tui.plan import Plan, Step
from kerne_tui.sanitize import clean_text
from kerne_tui.store import (
    EarlierAction,
    EarlierActions,
    EarlierOpenEnd,
    EarlierScale,
    FollowUpRecord,
    SessionFileError,
    decode_session_bytes,
    read_session_data,
)
from kerne_tui.workshop import FollowUpError, Outcome


def read_earlier(path: Path, plan: Plan) -> FollowUpRecord:
    """What *plan* needs from the earlier session at *path*; :class:`FollowUpError` if not."""
    if path.is_dir():
        raise FollowUpError("followup.earlier_folder", path=path)
    if not path.is_file():
        raise FollowUpError("followup.earlier_missing", path=path)
    try:
        digest = _sha256(path)
    except OSError as error:
        raise FollowUpError("followup.damaged", path=path, reason=error.strerror or error) from None
    is_archive = zipfile.is_zipfile(path)
    record = _archived_record(path) if is_archive else _session_record(path)
    _check_steps(path, record, plan)
    return FollowUpRecord(
        source_name=path.name,
        source_sha256=digest,
        source_kind="archive" if is_archive else "session",
        title=_one_line(record.plan.title),
        created=record.created,
        pins=tuple(replace(pin, text=_one_line(pin.text)) for pin in record.pins),
        scales=tuple(_scale(record, s) for s in _referenced(plan, record, compared=True)),
        action_steps=tuple(_actions(record, s) for s in _referenced(plan, record, compared=False)),
        open_ends=open_ends(record),
    )


def _sha256(path: Path) -> str:
    """The file's checksum, read in chunks (an archive may claim to be anything)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _one_line(text: str) -> str:
    """What a follow-up copies, cleaned as a participant's text is (a forged archive's too)."""
    return clean_text(text, multiline=False)


def open_ends(record: SessionRecord) -> tuple[EarlierOpenEnd, ...]:
    """What the day left open: parked items someone took on, then its open questions.

    The open questions are the report's own (objections left shown, parked items not closed),
    so the follow-up carries exactly what the day's report listed.
    """
    where = t(record.lang, "archive.parking.heading")
    owned = tuple(
        EarlierOpenEnd(text=_one_line(row.text), owner=_one_line(row.owner), where=where)
        for row in record.parking()
        if row.outcome == Outcome.OWNER and row.owner
    )
    content = build_content(record, generated=datetime.now(UTC))
    asked = tuple(
        EarlierOpenEnd(text=_one_line(q.text), where=_one_line(q.where))
        for q in content.open_questions
    )
    return owned + asked


def _session_record(path: Path) -> SessionRecord:
    # The follow-up keeps what the day's archive would: times no finer than their step.
    try:
        return record_from_data(path, with_step_times(read_session_data(path)))
    except SessionFileError as error:
        raise FollowUpError(
            "followup.damaged", path=path, reason=error.detail or error.reason
        ) from None


def _archived_record(path: Path) -> SessionRecord:
    findings = check_archive(path)  # once: the sentences in both languages come from it
    if findings:
        raise FollowUpError(
            "followup.tampered",
            path=path,
            detail={lang: " ".join(f.message(lang) for f in findings) for lang in LANGUAGES},
        )
    try:
        with zipfile.ZipFile(path) as bundle:
            manifest = read_manifest(bundle) or {}
            session = manifest.get("session")
            name = session.get("file") if isinstance(session, dict) else None
            if not isinstance(name, str) or name not in bundle.namelist():
                raise FollowUpError("followup.no_session_in_archive", path=path)
            member = bundle.read(name)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise FollowUpError("followup.damaged", path=path, reason=error) from None
    inner = Path(name)
    try:
        return record_from_data(inner, decode_session_bytes(inner, member))
    except SessionFileError as error:
        reason = f"{name}: {error.detail or error.reason}"
        raise FollowUpError("followup.damaged", path=path, reason=reason) from None


def _check_steps(path: Path, record: SessionRecord, plan: Plan) -> None:
    """Every step the plan builds on is in the earlier plan, of the right kind and wording."""
    needs = plan.builds_on_earlier
    found = [step for step in needs if record.plan.has_step(_earlier_id(step))]
    if needs and not found:
        raise FollowUpError(
            "followup.other_plan",
            path=path,
            title=record.plan.title,
            steps=", ".join(dict.fromkeys(_earlier_id(step) for step in needs)),
        )
    for step in needs:
        earlier_id = _earlier_id(step)
        if not record.plan.has_step(earlier_id):
            raise FollowUpError(
                "followup.lacking",
                path=path,
                title=record.plan.title,
                earlier=earlier_id,
                step=step.id,
            )
        earlier = record.plan.step(earlier_id)
        wanted = step.earlier_kind
        assert wanted is not None
        if earlier.kind is not wanted:
            raise FollowUpError(
                "followup.wrong_kind",
                path=path,
                earlier=earlier_id,
                kind=earlier.kind.value,
                wanted=wanted.value,
                step=step.id,
            )
        if step.compare_with is not None and earlier.statements != step.statements:
            _statements_differ(path, step, earlier)


def _statements_differ(path: Path, step: Step, earlier: Step) -> None:
    for number, (here, there) in enumerate(
        zip(step.statements, earlier.statements, strict=False), start=1
    ):
        if here != there:
            raise FollowUpError(
                "followup.statement_differs",
                path=path,
                step=step.id,
                earlier=earlier.id,
                number=number,
                here=here,
                there=there,
            )
    raise FollowUpError(
        "followup.statement_count",
        path=path,
        step=step.id,
        earlier=earlier.id,
        here=len(step.statements),
        there=len(earlier.statements),
    )


def _earlier_id(step: Step) -> str:
    earlier = step.earlier_step
    assert earlier is not None
    return earlier


def _referenced(plan: Plan, record: SessionRecord, *, compared: bool) -> list[Step]:
    """The earlier steps the plan compares with (or reviews), once each, in the earlier order."""
    wanted = {
        _earlier_id(s) for s in plan.builds_on_earlier if (s.compare_with is not None) == compared
    }
    return [s for s in record.plan.steps if s.id in wanted]


def _scale(record: SessionRecord, step: Step) -> EarlierScale:
    results = record.results(step)
    return EarlierScale(
        step_id=step.id,
        title=_one_line(step.title),
        statements=tuple(_one_line(statement) for statement in step.statements),
        counts=tuple(row.counts for row in results.scales),
        respondents=results.respondents,
        min_answers=step.min_answers,
    )


def _actions(record: SessionRecord, step: Step) -> EarlierActions:
    results = record.results(step)
    return EarlierActions(
        step_id=step.id,
        title=_one_line(step.title),
        actions=tuple(
            EarlierAction(
                id=_one_line(a.id),
                what=_one_line(a.what),
                who=_one_line(a.who),
                when=_one_line(a.when),
                evidence=_one_line(a.evidence),
            )
            for a in results.actions
        ),
    )
