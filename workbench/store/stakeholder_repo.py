"""Repository of the stakeholder chart: one chart per workspace, saved whole.

``save`` is the one write: it replaces the chart's people and plan and records one revision
through the shared lifecycle (``record_created`` for the first save, ``record_save`` after),
after checking the version the caller opened. Changes themselves are pure functions in
``workbench.domain.stakeholders.edits``; the service applies them between ``load`` and
``save`` in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.organisation import ArtifactStatus, Revision
from workbench.domain.stakeholders import (
    Chart,
    ChartComparison,
    EngagementPlan,
    Stakeholder,
    StakeholderError,
    chart_from_snapshot,
    chart_snapshot,
    check_people,
    compare,
    default_plan,
    make_plan,
)
from workbench.errors import NotFoundError, UsageError
from workbench.store import lifecycle, repo
from workbench.store.stakeholder_tables import StakeholderChartRow, StakeholderRow

KIND = "stakeholder_chart"
# What users may type to name the chart (there is one per workspace).
REFS = ("chart", "stakeholders", "stakeholder chart", "stakeholder-chart", "")


@dataclass(frozen=True)
class StoredChart:
    chart: Chart
    state: LifecycleState | None = None
    revisions: int = 0
    last_saved: datetime | None = None
    baseline: tuple[int, Chart] | None = None
    """(revision number, chart) of the agreed revision before the current content."""


def _row(session: Session, workspace_id: int) -> StakeholderChartRow | None:
    return session.exec(select(StakeholderChartRow).where(
        StakeholderChartRow.workspace_id == workspace_id)).first()


def chart_row(session: Session, workspace_id: int, ref: str = "chart") -> StakeholderChartRow:
    """The workspace's chart for the lifecycle (``ref`` is ``chart``; its id also works)."""
    row = _row(session, workspace_id)
    text = " ".join((ref or "").split()).casefold()
    if text not in REFS and not (row is not None and text == str(row.id)):
        raise UsageError(f"{ref!r} does not name the stakeholder chart; a workspace has one, "
                         "called 'chart'", topic=KIND)
    if row is None:
        raise _no_chart()
    return row


def _no_chart() -> NotFoundError:
    return NotFoundError("the workspace has no stakeholder chart yet; it is created when "
                         "the first stakeholder is added", topic=KIND)


def check_version(session: Session, workspace_id: int,
                  expected_version: int | None) -> StakeholderChartRow | None:
    """Refuse a change that started from another version than the stored chart's; returns
    the chart's row (None: no chart yet)."""
    row = _row(session, workspace_id)
    if row is None:
        if expected_version:
            raise NotFoundError("the stakeholder chart no longer exists; reload", topic=KIND)
        return None
    lifecycle.check_version(CHART_DOCUMENT, row, expected_version)
    return row


def _person(row: StakeholderRow) -> Stakeholder:
    from workbench.domain.stakeholders import Group, Level, Stage, Stance

    return Stakeholder(
        name=row.name, power=Level(row.power), interest=Level(row.interest), role=row.role,
        group=Group(row.group_name), stance=Stance(row.stance) if row.stance else None,
        influence=Level(row.influence) if row.influence else None,
        stage=Stage(row.stage) if row.stage else None, owner=row.owner,
        last_contact=row.last_contact, next_action=row.next_action,
        next_action_due=row.next_action_due, notes=row.notes, uid=row.uid)


def _plan(row: StakeholderChartRow) -> EngagementPlan:
    return make_plan(json.loads(row.plan or "{}"))


def _chart(session: Session, row: StakeholderChartRow) -> Chart:
    people = session.exec(select(StakeholderRow).where(StakeholderRow.chart_id == row.id)
                          .order_by(col(StakeholderRow.position))).all()
    return Chart(tuple(_person(p) for p in people), _plan(row), row.version)


def _baseline(revisions: Sequence[Revision], status: ArtifactStatus) -> Revision | None:
    agreed = [r for r in revisions if r.status is ArtifactStatus.AGREED]
    if status is ArtifactStatus.AGREED:
        return agreed[-2] if len(agreed) >= 2 else None
    return agreed[-1] if agreed else None


def load_chart(session: Session, workspace_id: int) -> Chart:
    """Only the chart's people and plan (an empty chart if none): what a change starts from."""
    row = _row(session, workspace_id)
    return Chart((), default_plan(), 0) if row is None else _chart(session, row)


def load(session: Session, workspace_id: int) -> StoredChart:
    """The chart with its lifecycle state and history facts (an empty chart if none)."""
    row = _row(session, workspace_id)
    if row is None:
        return StoredChart(Chart((), default_plan(), 0))
    revisions = repo.history(session, workspace_id, KIND, str(row.id))
    base = _baseline(revisions, ArtifactStatus(row.status))
    return StoredChart(
        chart=_chart(session, row), state=lifecycle.state(session, CHART_DOCUMENT, row),
        revisions=len(revisions), last_saved=revisions[-1].created_at if revisions else None,
        baseline=(base.number, _from_snapshot(base)) if base else None)


def _from_snapshot(revision: Revision) -> Chart:
    try:
        return chart_from_snapshot(revision.snapshot)
    except StakeholderError as exc:
        raise UsageError(f"revision {revision.number} of the stakeholder chart cannot be "
                         f"read ({exc}); it was saved by a different version", topic=KIND) \
            from None


def save(session: Session, workspace_id: int, people: Sequence[Stakeholder],
         plan: EngagementPlan | None, summary: str, *,
         expected_version: int | None = None) -> Chart:
    """Replace the chart's people and plan as one revision (creating the chart if needed)."""
    problems = check_people(people)
    if problems:
        raise UsageError(problems[0], topic="stakeholder")
    row = check_version(session, workspace_id, expected_version)
    plan_text = json.dumps((plan or default_plan()).values(), sort_keys=True)
    if row is None:
        row = StakeholderChartRow(workspace_id=workspace_id, plan=plan_text)
        session.add(row)
        session.flush()
        _write_people(session, row, people)
        lifecycle.record_created(session, CHART_DOCUMENT, row, summary)
        return _chart(session, row)
    session.exec(delete(StakeholderRow).where(StakeholderRow.chart_id == row.id))
    session.flush()
    _write_people(session, row, people)
    row.plan = plan_text  # after the flushes above, so the save bumps the version once
    lifecycle.record_save(session, CHART_DOCUMENT, row, summary)
    return _chart(session, row)


def _write_people(session: Session, row: StakeholderChartRow,
                  people: Sequence[Stakeholder]) -> None:
    for position, p in enumerate(people):
        session.add(StakeholderRow(
            chart_id=row.id, position=position, uid=p.uid, name=p.name, name_key=p.key,
            role=p.role, group_name=p.group.value, power=p.power.value,
            interest=p.interest.value, stance=p.stance.value if p.stance else None,
            influence=p.influence.value if p.influence else None,
            stage=p.stage.value if p.stage else None, owner=p.owner,
            last_contact=p.last_contact, next_action=p.next_action,
            next_action_due=p.next_action_due, notes=p.notes))
    session.flush()


def revision_chart(session: Session, workspace_id: int, number: int) -> Chart:
    revisions = _revisions(session, workspace_id)
    found = next((r for r in revisions if r.number == number), None)
    if found is None:
        raise NotFoundError(_no_revision(number, revisions), topic=KIND)
    return _from_snapshot(found)


def _revisions(session: Session, workspace_id: int) -> list[Revision]:
    row = _row(session, workspace_id)
    if row is None:
        raise _no_chart()
    return repo.history(session, workspace_id, KIND, str(row.id))


def _no_revision(number: int, revisions: Sequence[Revision]) -> str:
    return (f"the stakeholder chart has no revision {number} (revisions: 1 to "
            f"{revisions[-1].number})" if revisions else "the stakeholder chart has no "
            "revisions yet")


def compare_revisions(session: Session, workspace_id: int, before: int | None,
                      after: int | None) -> tuple[int, int, ChartComparison]:
    """(before, after, what changed) between two revision numbers. Defaults: after is the
    latest revision; before is the baseline (the agreed revision before the current
    content), else the first revision."""
    revisions = _revisions(session, workspace_id)
    by_number = {r.number: r for r in revisions}
    latest = revisions[-1].number
    if after is None:
        after = latest
    if before is None:
        base = _baseline(revisions, ArtifactStatus(_row(session, workspace_id).status))
        before = base.number if base is not None and base.number < after else 1
        if before >= after:
            raise NotFoundError("the stakeholder chart has only one revision so far; there is "
                                "nothing to compare it with yet", topic=KIND)
    for number in (before, after):
        if number not in by_number:
            raise NotFoundError(_no_revision(number, revisions), topic=KIND)
    changes = compare(_from_snapshot(by_number[before]).people,
                      _from_snapshot(by_number[after]).people)
    return before, after, changes


def _snapshot(session: Session, row: StakeholderChartRow) -> dict[str, Any]:
    return chart_snapshot(_chart(session, row))


CHART_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind=KIND, noun="stakeholder chart", table=StakeholderChartRow, find=chart_row,
    snapshot=_snapshot, label=lambda row: "the stakeholder chart",
))
