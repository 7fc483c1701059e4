"""Maintenance windows and corrections, and the counts the budget uses with them applied.

Everything that shows or evaluates a budget (the budget view, the SLO document, period
history, the policy evaluator and the CI gate) reads counts through ``budget_counts``, so
an adjustment changes every figure at once. The raw counts stay as they were recorded: the
native YAML export and ``list_counts`` give them unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from workbench.domain.slo.adjustments import (
    Adjusted,
    Adjustment,
    AdjustmentKind,
    Treatment,
    apply_adjustments,
    read_correction,
    read_maintenance,
)
from workbench.domain.slo.records import DailyCount, SloDefinition
from workbench.errors import NotFoundError, UsageError
from workbench.store import db, repo
from workbench.store.adjustment_tables import SloAdjustmentRow
from workbench.store.slo_tables import SloCountRow, SloRow
from workbench.store.tables import ServiceRow, utcnow

TOPIC = "slo"
MAX_BY = 120


def _adjustment(row: SloAdjustmentRow, slo_names: Mapping[int, str],
                service_names: Mapping[int, str]) -> Adjustment:
    return Adjustment(
        id=row.id, kind=AdjustmentKind(row.kind), treatment=Treatment(row.treatment),
        start=row.start, minutes=row.minutes, zone=row.zone, rrule=row.rrule,
        reason=row.reason,
        slo_name=slo_names.get(row.slo_id) if row.slo_id else None,
        service_name=service_names.get(row.service_id) if row.service_id else None,
        recorded_by=row.recorded_by, recorded_at=row.recorded_at, removed_by=row.removed_by,
        removed_at=row.removed_at, removed_reason=row.removed_reason)


def _rows(session: Session, workspace_id: int, *, include_removed: bool = False,
          slo_ids: Sequence[int] | None = None,
          service_ids: Sequence[int] | None = None) -> list[SloAdjustmentRow]:
    query = select(SloAdjustmentRow).where(SloAdjustmentRow.workspace_id == workspace_id)
    if not include_removed:
        query = query.where(col(SloAdjustmentRow.removed_at).is_(None))
    if slo_ids is not None or service_ids is not None:
        query = query.where(col(SloAdjustmentRow.slo_id).in_(list(slo_ids or ()))
                            | col(SloAdjustmentRow.service_id).in_(list(service_ids or ())))
    return list(session.exec(query.order_by(col(SloAdjustmentRow.start),
                                            col(SloAdjustmentRow.id))).all())


def _names(session: Session, workspace_id: int) -> tuple[dict[int, str], dict[int, str]]:
    slos = dict(session.exec(select(SloRow.id, SloRow.name).where(
        SloRow.workspace_id == workspace_id)).all())
    services = dict(session.exec(select(ServiceRow.id, ServiceRow.name).where(
        ServiceRow.workspace_id == workspace_id)).all())
    return slos, services


def list_adjustments(session: Session, workspace_id: int, *,
                     slo: SloDefinition | None = None, service: str | None = None,
                     include_removed: bool = False) -> list[Adjustment]:
    """Adjustments of the workspace, by start; ``slo`` keeps those that apply to that SLO
    (its own and its service's), ``service`` those recorded for that service."""
    slo_ids = service_ids = None
    if slo is not None:
        slo_ids = [slo.id]
        svc = repo.service_row(session, workspace_id, slo.service_name) \
            if slo.service_name else None
        service_ids = [svc.id] if svc is not None else []
    elif service is not None:
        svc = repo.service_row(session, workspace_id, service)
        if svc is None:
            raise NotFoundError(f"no service named {service!r} in this workspace",
                                topic="service")
        slo_ids, service_ids = [], [svc.id]
    rows = _rows(session, workspace_id, include_removed=include_removed, slo_ids=slo_ids,
                 service_ids=service_ids)
    slo_names, service_names = _names(session, workspace_id)
    return [_adjustment(r, slo_names, service_names) for r in rows]


def _by(text: str) -> str:
    who = (text or "").strip()
    if not who:
        raise UsageError("say who records this (--by NAME)", topic=TOPIC)
    if len(who) > MAX_BY or any(ord(c) < 32 for c in who):
        raise UsageError(f"--by: a name of at most {MAX_BY} characters on one line",
                         topic=TOPIC)
    return who


def _scope(session: Session, workspace_id: int, slo: str | None,
           service: str | None) -> tuple[int | None, int | None]:
    from workbench.store import slo_repo

    if (slo is None) == (service is None):
        raise UsageError("name either one SLO or one service for the window", topic=TOPIC)
    if slo is not None:
        return slo_repo.slo_row(session, workspace_id, slo).id, None
    row = repo.service_row(session, workspace_id, service or "")
    if row is None:
        raise NotFoundError(f"no service named {service!r} in this workspace",
                            topic="service")
    return None, row.id


def add_adjustment(session: Session, workspace_id: int, kind: AdjustmentKind | str,
                   values: Mapping[str, Any], *, by: str, slo: str | None = None,
                   service: str | None = None) -> Adjustment:
    """Record a maintenance window (``start``, ``minutes``, ``zone``, ``rrule``,
    ``treatment``, ``reason``) or a correction (``first``, ``last``, ``reason``,
    ``treatment``) for one SLO or one service. Every problem is reported at once."""
    reader = read_correction if AdjustmentKind(kind) is AdjustmentKind.CORRECTION \
        else read_maintenance
    read = reader(values)
    problems = list(read.problems)
    try:
        who = _by(by)
    except UsageError as error:
        problems.append(str(error))
        who = ""
    if problems:
        raise UsageError("; ".join(problems), topic=TOPIC, problems=problems)
    slo_id, service_id = _scope(session, workspace_id, slo, service)
    v = read.values
    row = SloAdjustmentRow(
        workspace_id=workspace_id, slo_id=slo_id, service_id=service_id, kind=str(v["kind"]),
        treatment=str(v["treatment"]), start=v["start"], minutes=v["minutes"], zone=v["zone"],
        rrule=v["rrule"], reason=v["reason"], recorded_by=who)
    session.add(row)
    session.flush()
    slo_names, service_names = _names(session, workspace_id)
    return _adjustment(row, slo_names, service_names)


def remove_adjustment(session: Session, workspace_id: int, adjustment_id: int, *, by: str,
                      reason: str = "") -> Adjustment:
    """Take an adjustment back: it stops counting from now on and stays in the log with who
    removed it and why."""
    who = _by(by)
    row = session.get(SloAdjustmentRow, adjustment_id)
    if row is None or row.workspace_id != workspace_id or row.removed_at is not None:
        raise NotFoundError(f"no maintenance window or correction {adjustment_id} in force "
                            "in this workspace", topic=TOPIC)
    text = (reason or "").strip()
    if len(text) > 500 or any(ord(c) < 32 for c in text):
        raise UsageError("--reason: at most 500 characters on one line", topic=TOPIC)
    row.removed_by, row.removed_at, row.removed_reason = who, utcnow(), text
    session.add(row)
    session.flush()
    slo_names, service_names = _names(session, workspace_id)
    return _adjustment(row, slo_names, service_names)


# --- counts the budget uses ----------------------------------------------------------------


def adjustments_by_slo(session: Session, workspace_id: int,
                       slos: Sequence[SloDefinition]) -> dict[int, list[Adjustment]]:
    """The active adjustments of each SLO (its own and its service's), in one query."""
    rows = _rows(session, workspace_id)
    if not rows:
        return {s.id: [] for s in slos}
    slo_names, service_names = _names(session, workspace_id)
    found: dict[int, list[Adjustment]] = {s.id: [] for s in slos}
    for row in rows:
        adjustment = _adjustment(row, slo_names, service_names)
        for slo in slos:
            if row.slo_id == slo.id or (row.slo_id is None and slo.service_name is not None
                                        and adjustment.service_name == slo.service_name):
                found[slo.id].append(adjustment)
    return found


def counts_of(session: Session, workspace_id: int, slos: Sequence[SloDefinition],
              start: date | None = None, end: date | None = None
              ) -> dict[int, list[DailyCount]]:
    """The stored (raw) counts of each SLO from ``start`` to ``end`` (inclusive, None: all),
    oldest first, by SLO id, in one query of plain columns."""
    return counts_by_id(session, [s.id for s in slos], start, end, workspace_id=workspace_id)


def counts_by_id(session: Session, slo_ids: Sequence[int], start: date | None = None,
                 end: date | None = None, *, workspace_id: int | None = None
                 ) -> dict[int, list[DailyCount]]:
    """``counts_of`` by SLO id; beyond ``db.MAX_LISTED_IDS`` ids (all of one workspace)
    ``workspace_id`` is needed."""
    wanted: dict[int, list[DailyCount]] = {i: [] for i in slo_ids}
    if not wanted:
        return wanted
    if len(wanted) <= db.MAX_LISTED_IDS or workspace_id is None:
        which = col(SloCountRow.slo_id).in_(list(wanted))
    else:
        which = col(SloCountRow.slo_id).in_(
            select(SloRow.id).where(SloRow.workspace_id == workspace_id))
    query = select(SloCountRow.slo_id, SloCountRow.day, SloCountRow.good,
                   SloCountRow.bad).where(which)
    if start is not None:
        query = query.where(SloCountRow.day >= start)
    if end is not None:
        query = query.where(SloCountRow.day <= end)
    for slo_id, day, good, bad in session.execute(
            query.order_by(col(SloCountRow.slo_id), col(SloCountRow.day))):
        found = wanted.get(slo_id)
        if found is not None:
            found.append(DailyCount(day, good, bad))
    return wanted


def adjusted_counts(session: Session, workspace_id: int, slos: Sequence[SloDefinition],
                    start: date | None = None, end: date | None = None, *,
                    adjustments: Mapping[int, Sequence[Adjustment]] | None = None
                    ) -> dict[int, Adjusted]:
    """Each SLO's counts from ``start`` to ``end`` (inclusive, None: all) with its
    adjustments applied, by SLO id: one query for the counts, one for the adjustments
    (none when the caller has them already, from ``adjustments_by_slo``)."""
    if not slos:
        return {}
    raw = counts_of(session, workspace_id, slos, start, end)
    if adjustments is None:
        adjustments = adjustments_by_slo(session, workspace_id, slos)
    return {s.id: apply_adjustments(raw[s.id], adjustments[s.id]) for s in slos}


def budget_counts(session: Session, workspace_id: int, slos: Sequence[SloDefinition],
                  start: date | None = None, end: date | None = None
                  ) -> dict[int, list[DailyCount]]:
    """Like ``adjusted_counts``, the counts only."""
    return {k: list(v.counts)
            for k, v in adjusted_counts(session, workspace_id, slos, start, end).items()}


def history_start(period: str, as_of: date, periods: int) -> date:
    """The first day the last ``periods`` periods up to ``as_of`` need counts from."""
    from workbench.domain.slo.period_history import period_spans

    return period_spans(period, as_of, periods)[0][1]
