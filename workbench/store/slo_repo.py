"""Repository for SLOs, their daily counts and budgets, and the native SLO document (personas,
story maps and SLOs of a workspace in one YAML file).

Functions take an open session (one transaction per user action, see ``db.transaction``)
and return frozen values from ``workbench.domain.slo.records``, so a TUI worker can call
them and hand the results to widgets after the session is closed. Problems the user can fix
raise ``WorkbenchError`` subclasses with one-line messages.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, insert, update
from sqlmodel import Session, col, select

from workbench.domain.lifecycle import LifecycleState, Party, SignOff, SignResult
from workbench.domain.names import lookup_key
from workbench.domain.organisation import ArtifactStatus
from workbench.domain.slo.counts import CountsImportError, parse_counts_csv  # noqa: F401
from workbench.domain.slo.period_history import PeriodRecord
from workbench.domain.slo.records import (
    DailyCount,
    SloBudget,
    SloDefinition,
    SloKind,
    SloState,
    check_slo_fields,
    parse_percent,
    parse_uid,
    period_bounds,
    slo_budget,
    target_warnings,
)
from workbench.domain.slo.sli import parse_threshold_ms
from workbench.domain.slo.target import parse_target
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import adjustment_repo, lifecycle, persona_repo, repo, story_map_repo
from workbench.store.fields import clean
from workbench.store.slo_tables import (
    SloCountRow,
    SloRow,
    StoryActivityRow,
    StoryMapRow,
    StoryRow,
    StoryTaskRow,
)
from workbench.store.tables import ServiceRow

# --- SLOs -----------------------------------------------------------------------------------


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _definition(r: Any) -> SloDefinition:
    """An SLO from a row of ``_listing`` (plain columns: no ORM objects are built, which
    is most of the time of a long list)."""
    return SloDefinition(
        id=r.id, name=r.name, kind=SloKind(r.kind), target=Decimal(r.target),
        threshold_ms=_dec(r.threshold_ms), bad_status=r.bad_status, period=r.period,
        historical_attainment=_dec(r.historical_attainment), status=SloState(r.status),
        description=r.description, service_name=r.service_name,
        story_id=r.story_id, story_title=r.story_title,
        map_title=r.map_title, version=r.version, uid=r.uid or "",
    )


def _listing() -> Any:
    """SLO columns with the service, story and story-map names joined in, so a list of SLOs
    is one query rather than up to five per SLO."""
    return (select(*SloRow.__table__.c, ServiceRow.name.label("service_name"),
                   StoryRow.title.label("story_title"), StoryMapRow.title.label("map_title"))
            .outerjoin(ServiceRow, ServiceRow.id == SloRow.service_id)
            .outerjoin(StoryRow, StoryRow.id == SloRow.story_id)
            .outerjoin(StoryTaskRow, StoryTaskRow.id == StoryRow.task_id)
            .outerjoin(StoryActivityRow, StoryActivityRow.id == StoryTaskRow.activity_id)
            .outerjoin(StoryMapRow, StoryMapRow.id == StoryActivityRow.map_id))


def _slo(session: Session, row: SloRow) -> SloDefinition:
    session.flush()  # the row may carry changes the listing must see
    return _definition(session.execute(_listing().where(SloRow.id == row.id)).one())


def _named(session: Session, workspace_id: int, name: str) -> SloRow | None:
    return session.exec(select(SloRow).where(SloRow.workspace_id == workspace_id,
                                             SloRow.name_key == lookup_key(name))).first()


def _with_uid(session: Session, workspace_id: int | None, uid: str) -> SloRow | None:
    """The SLO whose uid is ``uid`` (in any workspace when ``workspace_id`` is None)."""
    query = select(SloRow).where(SloRow.uid == uid.strip().lower())
    if workspace_id is not None:
        query = query.where(SloRow.workspace_id == workspace_id)
    return session.exec(query).first()


def _slo_row(session: Session, workspace_id: int, ref: str) -> SloRow | None:
    """The SLO named ``ref``, or the one whose uid is ``ref``."""
    row = _named(session, workspace_id, ref)
    if row is None and ref.strip():
        row = _with_uid(session, workspace_id, ref)
    return row


def slo_row(session: Session, workspace_id: int, ref: str) -> SloRow:
    """The SLO's row by name or uid (for the lifecycle); raises NotFoundError."""
    row = _slo_row(session, workspace_id, ref)
    if row is None:
        known = ", ".join(s.name for s in list_slos(session, workspace_id)) or "none yet"
        raise NotFoundError(f"no SLO named {ref!r} (known: {known})", topic="slo")
    return row


def count_slos(session: Session, workspace_id: int) -> int:
    return session.execute(select(func.count()).select_from(SloRow)
                           .where(SloRow.workspace_id == workspace_id)).scalar_one()


def list_slos(session: Session, workspace_id: int, *, team: str | None = None,
              service: str | None = None, offset: int = 0,
              limit: int | None = None) -> list[SloDefinition]:
    """SLOs by name; ``team`` keeps those whose service is owned by that team; ``offset``
    and ``limit`` give one page of that order (a screen shows the first before the rest)."""
    query = _listing().where(SloRow.workspace_id == workspace_id)
    if service is not None:
        svc = repo.service_row(session, workspace_id, service)
        if svc is None:
            raise NotFoundError(f"no service named {service!r} in this workspace",
                                topic="service")
        query = query.where(SloRow.service_id == svc.id)
    if team is not None:
        team_id = repo.get_team(session, workspace_id, team).id
        owned = select(ServiceRow.id).where(ServiceRow.team_id == team_id)
        query = query.where(col(SloRow.service_id).in_(owned))
    query = query.order_by(col(SloRow.name_key), col(SloRow.id))
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_definition(r) for r in session.execute(query).all()]


def get_slo(session: Session, workspace_id: int, name: str) -> SloDefinition:
    """The SLO by name (or uid)."""
    return _slo(session, slo_row(session, workspace_id, name))


def find_slo(session: Session, workspace_id: int, ref: str) -> SloDefinition | None:
    """The SLO by name or uid, or None when there is none."""
    row = _slo_row(session, workspace_id, ref)
    return None if row is None else _slo(session, row)


# What an SLO is made of, as ``update_slo`` takes changes to it.
SLO_FIELDS = ("kind", "target", "threshold_ms", "bad_status", "period",
              "historical_attainment", "description", "service", "story_id")


def _fields_of(slo: SloDefinition) -> dict[str, Any]:
    return {"kind": slo.kind.value, "target": slo.target, "threshold_ms": slo.threshold_ms,
            "bad_status": slo.bad_status, "period": slo.period,
            "historical_attainment": slo.historical_attainment,
            "description": slo.description, "service": slo.service_name,
            "story_id": slo.story_id}


def _write(session: Session, workspace_id: int, row: SloRow, name: str,
           fields: dict[str, Any]) -> tuple[Decimal, Decimal | None]:
    """Validate every field, then assign them to ``row`` (nothing is assigned on error)."""
    problems = check_slo_fields(fields["kind"], fields["target"], fields["threshold_ms"],
                                fields["bad_status"], fields["period"],
                                fields["historical_attainment"])
    if problems:
        raise UsageError("; ".join(f"{f}: {m}" for f, m in problems))
    goal = parse_target(fields["target"])
    threshold = fields["threshold_ms"]
    limit = parse_threshold_ms(threshold) if threshold is not None else None
    historical = fields["historical_attainment"]
    past = parse_percent(historical) if historical is not None else None
    svc_id = None
    if fields["service"]:
        svc = repo.service_row(session, workspace_id, fields["service"])
        if svc is None:
            raise NotFoundError(f"no service named {fields['service']!r} in this workspace",
                                topic="service")
        svc_id = svc.id
    story_id = fields["story_id"]
    if story_id is not None and session.get(StoryRow, story_id) is None:
        raise NotFoundError(f"story {story_id} no longer exists", topic="story")
    clash = _slo_row(session, workspace_id, name)
    if clash is not None and clash.id != row.id:
        raise ConflictError(f"an SLO named {name!r} already exists; choose another name")
    row.name, row.name_key = name, lookup_key(name)
    row.kind = SloKind(str(fields["kind"]).strip().lower()).value
    row.target = format(goal, "f")
    row.threshold_ms = None if limit is None else format(limit, "f")
    row.bad_status = str(fields["bad_status"]).strip()
    row.period = str(fields["period"]).strip().lower()
    row.historical_attainment = None if past is None else format(past, "f")
    row.description = fields["description"] or ""
    row.service_id, row.story_id = svc_id, story_id
    return goal, past


def save_slo(session: Session, workspace_id: int, name: str, *, kind: str = "availability",
             target: str | int | Decimal, threshold_ms: str | int | Decimal | None = None,
             bad_status: str = "5xx", period: str = "4w",
             historical_attainment: str | Decimal | None = None,
             description: str = "", service: str | None = None,
             story_id: int | None = None,
             expected_version: int | None = None,
             uid: str | None = None) -> tuple[SloDefinition, list[str]]:
    """Create the SLO called ``name``, or replace every field of it; returns it and warnings
    (e.g. a target tighter than the historical attainment). Every save records a revision;
    saving an agreed SLO starts a new draft (the agreed revision stays in force). ``uid`` is
    used only when the SLO is created (see ``create_slo``)."""
    fields = {"kind": kind, "target": target, "threshold_ms": threshold_ms,
              "bad_status": bad_status, "period": period,
              "historical_attainment": historical_attainment, "description": description,
              "service": service, "story_id": story_id}
    name = clean(name, "SLO")
    row = _slo_row(session, workspace_id, name)
    if row is None:
        return _create(session, workspace_id, name, fields, uid)
    return _update(session, workspace_id, row, name, fields, expected_version)


def create_slo(session: Session, workspace_id: int, name: str, *, kind: str = "availability",
               target: str | int | Decimal, threshold_ms: str | int | Decimal | None = None,
               bad_status: str = "5xx", period: str = "4w",
               historical_attainment: str | Decimal | None = None, description: str = "",
               service: str | None = None,
               story_id: int | None = None,
               uid: str | None = None) -> tuple[SloDefinition, list[str]]:
    """A new SLO; refused when one of that name exists (``save_slo`` would replace it).

    It gets ``uid`` as its stable id when that is given and no SLO has it yet (an SLO
    imported from another database keeps its id), otherwise a new random one."""
    name = clean(name, "SLO")
    if _slo_row(session, workspace_id, name) is not None:
        raise ConflictError(f"an SLO named {name!r} already exists; choose another name "
                            "or edit that one")
    return _create(session, workspace_id, name, {
        "kind": kind, "target": target, "threshold_ms": threshold_ms,
        "bad_status": bad_status, "period": period,
        "historical_attainment": historical_attainment, "description": description,
        "service": service, "story_id": story_id}, uid)


def _free_uid(session: Session, wanted: str | None) -> str:
    """``wanted`` (normalised) when it is a valid id no SLO uses yet, else a new one. Ids
    are unique in the whole database: a copy of an SLO in another workspace is another SLO."""
    if wanted:
        try:
            uid = parse_uid(wanted)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if _with_uid(session, None, uid) is None:
            return uid
    return uuid.uuid4().hex


def _create(session: Session, workspace_id: int, name: str, fields: dict[str, Any],
            uid: str | None = None) -> tuple[SloDefinition, list[str]]:
    row = SloRow(workspace_id=workspace_id, name=name, name_key=lookup_key(name), target="1",
                 uid=_free_uid(session, uid))
    goal, past = _write(session, workspace_id, row, name, fields)
    session.add(row)
    session.flush()
    lifecycle.record_created(session, SLO_DOCUMENT, row)
    slo = _slo(session, row)
    return slo, target_warnings(goal, past, slo.kind)


def _update(session: Session, workspace_id: int, row: SloRow, name: str,
            fields: dict[str, Any], expected_version: int | None,
            summary: str = "updated", *,
            unless_same_as: dict[str, Any] | None = None) -> tuple[SloDefinition, list[str]]:
    """Write ``fields`` and record the save; when the result equals the snapshot
    ``unless_same_as`` (an import of what was already stored), nothing is recorded."""
    lifecycle.check_version(SLO_DOCUMENT, row, expected_version)
    before = unless_same_as
    goal, past = _write(session, workspace_id, row, name, fields)
    with session.no_autoflush:  # one UPDATE (one version) per save
        changed = before is None or _snapshot(_slo(session, row)) != before
    if changed:
        lifecycle.record_save(session, SLO_DOCUMENT, row, summary)
    slo = _slo(session, row)
    return slo, target_warnings(goal, past, slo.kind)


def update_slo(session: Session, workspace_id: int, name: str, changes: dict[str, Any], *,
               new_name: str | None = None,
               expected_version: int | None = None) -> tuple[SloDefinition, list[str]]:
    """Change only the given fields of an SLO (the others keep their values); ``None``
    clears an optional field. ``new_name`` renames it (its uid, counts and history stay)."""
    unknown = set(changes) - set(SLO_FIELDS)
    if unknown:
        raise UsageError(f"SLOs have no field(s) {', '.join(sorted(unknown))}; use "
                         + ", ".join(SLO_FIELDS))
    row = slo_row(session, workspace_id, name)
    current = _slo(session, row)
    fields = {**_fields_of(current), **changes}
    if "kind" in changes and str(changes["kind"]).strip().lower() == SloKind.AVAILABILITY \
            and "threshold_ms" not in changes:
        fields["threshold_ms"] = None  # an availability SLO has no threshold
    final = clean(new_name, "SLO") if new_name is not None else current.name
    summary = f"renamed from {current.name}" if final != current.name else "updated"
    return _update(session, workspace_id, row, final, fields, expected_version, summary)


def rename_slo(session: Session, workspace_id: int, name: str, new_name: str, *,
               expected_version: int | None = None) -> SloDefinition:
    return update_slo(session, workspace_id, name, {}, new_name=new_name,
                      expected_version=expected_version)[0]


def _snapshot(slo: SloDefinition) -> dict[str, Any]:
    return {"name": slo.name, "kind": str(slo.kind), "target": format(slo.target, "f"),
            "threshold_ms": None if slo.threshold_ms is None else format(slo.threshold_ms, "f"),
            "bad_status": slo.bad_status, "period": slo.period, "service": slo.service_name,
            "story": slo.story_title, "description": slo.description,
            "historical_attainment": None if slo.historical_attainment is None
            else format(slo.historical_attainment, "f")}


def remove_slo(session: Session, workspace_id: int, name: str, *,
               expected_version: int | None = None) -> SloDefinition:
    row = slo_row(session, workspace_id, name)
    lifecycle.check_version(SLO_DOCUMENT, row, expected_version)
    slo = _slo(session, row)
    session.delete(row)
    session.flush()
    repo.record_revision(session, workspace_id, "slo", str(slo.id), {"name": slo.name},
                         status=ArtifactStatus.SUPERSEDED, summary="removed")
    return slo


def agree_slo(session: Session, workspace_id: int, name: str, signoffs: Sequence[SignOff], *,
              expected_version: int | None = None,
              parties: Sequence[Party] | None = None) -> SignResult:
    """Record sign-offs for the SLO's current version; it is agreed once every required
    party has signed."""
    return lifecycle.sign(session, SLO_DOCUMENT, slo_row(session, workspace_id, name),
                          signoffs, expected_version=expected_version, parties=parties)


def reopen_slo(session: Session, workspace_id: int, name: str, reason: str, *,
               expected_version: int | None = None) -> SloDefinition:
    row = slo_row(session, workspace_id, name)
    lifecycle.reopen(session, SLO_DOCUMENT, row, reason, expected_version=expected_version)
    return _slo(session, row)


def lifecycle_states(session: Session, workspace_id: int,
                     ids: Sequence[int] | None = None) -> dict[int, LifecycleState]:
    """Where each SLO of the workspace (or each of ``ids``) stands (status, sign-offs,
    revision in force), by id."""
    query = select(SloRow.id, SloRow.workspace_id, SloRow.status,
                   SloRow.version).where(SloRow.workspace_id == workspace_id)
    if ids is not None:
        query = query.where(col(SloRow.id).in_(list(ids)))
    rows = session.execute(query).all()
    found = lifecycle.states(session, SLO_DOCUMENT, rows)
    return {row.id: found[str(row.id)] for row in rows}


SLO_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind="slo", noun="SLO", table=SloRow, find=slo_row,
    snapshot=lambda session, row: _snapshot(_slo(session, row)),
    label=lambda row: f"SLO {row.name}",
))


# --- counts and budgets ---------------------------------------------------------------------


def list_counts(session: Session, slo_id: int, start: date | None = None,
                end: date | None = None) -> list[DailyCount]:
    return adjustment_repo.counts_by_id(session, [slo_id], start, end)[slo_id]


def last_count_day(session: Session, slo_ids: Sequence[int]) -> date | None:
    """The last day with counts of any of these SLOs (None: none has counts)."""
    if not slo_ids:
        return None
    return session.exec(select(func.max(SloCountRow.day)).where(
        col(SloCountRow.slo_id).in_(list(slo_ids)))).one()


def upsert_counts(session: Session, slo_id: int, counts: Iterable[DailyCount]) -> int:
    """Insert or replace the counts of each day; returns how many days were written. Two
    statements for all the days (new ones inserted, stored ones updated), not a row object
    each: an import brings months of days for thousands of SLOs."""
    wanted: dict[date, DailyCount] = {}
    for count in counts:
        if count.good < 0 or count.bad < 0:
            raise UsageError(f"{count.day}: counts must be 0 or more")
        wanted[count.day] = count  # the last line for a day wins, as before
    if not wanted:
        return 0
    session.flush()  # the SLO row (a new one has no id in the database before this)
    stored = set(session.execute(select(SloCountRow.day)
                                 .where(SloCountRow.slo_id == slo_id)).scalars())
    table = SloCountRow.__table__
    new = [{"slo_id": slo_id, "day": c.day, "good": c.good, "bad": c.bad}
           for day, c in wanted.items() if day not in stored]
    changed = [{"key": slo_id, "on": c.day, "new_good": c.good, "new_bad": c.bad}
               for day, c in wanted.items() if day in stored]
    if new:
        session.execute(insert(table), new)
    if changed:
        session.execute(
            update(table).where(table.c.slo_id == bindparam("key"), table.c.day == bindparam("on"))
            .values(good=bindparam("new_good"), bad=bindparam("new_bad")), changed)
    return len(wanted)


def slo_status(session: Session, workspace_id: int, name: str, as_of: date) -> SloBudget:
    """Budget status and burn-down of an SLO for the compliance period containing
    ``as_of``."""
    slo = get_slo(session, workspace_id, name)
    start, _ = period_bounds(slo.period, as_of)
    counts = adjustment_repo.budget_counts(session, workspace_id, [slo], start, as_of)
    return slo_budget(slo, counts[slo.id], as_of)


def list_budgets(session: Session, workspace_id: int, as_of: date, *,
                 team: str | None = None,
                 slos: Sequence[SloDefinition] | None = None) -> list[SloBudget]:
    """Budget status (without the burn-down) of every SLO (optionally of one team's
    services, or of the ``slos`` given), e.g. for a dashboard; counts with maintenance
    windows and corrections applied, read in one query."""
    if slos is None:
        slos = list_slos(session, workspace_id, team=team)
    start = min((period_bounds(s.period, as_of)[0] for s in slos), default=as_of)
    counts = adjustment_repo.budget_counts(session, workspace_id, slos, start, as_of)
    return [slo_budget(slo, counts[slo.id], as_of, burn_down=False) for slo in slos]


def period_history(session: Session, workspace_id: int, ref: str, as_of: date,
                   periods: int = 13) -> tuple[SloDefinition, list[PeriodRecord]]:
    """The SLO ``ref`` and its last ``periods`` compliance periods up to ``as_of``, oldest
    first (see domain.slo.period_history)."""
    from workbench.domain.slo.period_history import period_history as history

    slo = get_slo(session, workspace_id, ref)
    start = adjustment_repo.history_start(slo.period, as_of, periods)
    counts = adjustment_repo.budget_counts(session, workspace_id, [slo], start, as_of)
    return slo, history(slo, counts[slo.id], as_of, periods)


def import_counts_csv(session: Session, workspace_id: int, slo_name: str, text: str,
                      source: str = "counts.csv") -> int:
    """Validate every row first, then upsert all of them (in the caller's transaction)."""
    slo = get_slo(session, workspace_id, slo_name)
    counts = parse_counts_csv(text, source)
    return upsert_counts(session, slo.id, counts)


# --- native document ------------------------------------------------------------------------


def document_body(session: Session, workspace_id: int) -> dict[str, Any]:
    """Everything of this feature as the native document body (see domain.slo.document)."""
    from workbench.domain.slo.document import build_document

    slos = list_slos(session, workspace_id)
    return build_document(persona_repo.list_personas(session, workspace_id),
                          story_map_repo.list_story_maps(session, workspace_id), slos,
                          adjustment_repo.counts_of(session, workspace_id, slos))


def _import_slo(session: Session, workspace_id: int, item: dict[str, Any],
                fields: dict[str, Any],
                before: dict[int, dict[str, Any]]) -> tuple[SloDefinition, list[str]]:
    """Create or update one SLO of an imported document: found by uid, then by name.
    ``before`` holds the snapshots of the workspace's SLOs before the import replaced their
    story maps (an SLO the file does not change gets no new revision)."""
    name = clean(item["name"], "SLO")
    uid = item.get("uid")
    row = _with_uid(session, workspace_id, uid) if uid else None
    if row is None:
        row = _named(session, workspace_id, name)
    if row is None:
        slo, warnings = _create(session, workspace_id, name, fields, uid)
        if uid and slo.uid != uid:
            warnings.append(f"its id {uid} belongs to an SLO of another workspace, so it got "
                            "a new one")
        return slo, warnings
    summary = f"imported; renamed from {row.name}" if row.name != name else "imported"
    return _update(session, workspace_id, row, name, fields, None, summary,
                   unless_same_as=before.get(row.id))


@dataclass
class ImportSummary:
    personas: int = 0
    story_maps: int = 0
    slos: int = 0
    counts: int = 0
    created_teams: list[str] = field(default_factory=list)
    created_services: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_document(session: Session, workspace_id: int, doc: dict[str, Any]) -> ImportSummary:
    """Write a validated document (``read_document`` output) into the workspace.

    Personas with the same name are updated; an SLO is found by its uid first, then by its
    name, and updated (renamed when only the uid matches; an unchanged SLO records no new
    revision); a story map with the same title is replaced; missing teams and services are
    created. Call inside one transaction so that any failure leaves nothing behind.
    """
    summary = ImportSummary()
    before = {slo.id: _snapshot(slo) for slo in list_slos(session, workspace_id)}

    def team(name: str | None) -> str | None:
        if name and repo.team_row(session, workspace_id, name) is None:
            repo.add_team(session, workspace_id, name)
            summary.created_teams.append(name)
        return name

    def service(name: str | None) -> str | None:
        if name and repo.service_row(session, workspace_id, name) is None:
            repo.add_service(session, workspace_id, name)
            summary.created_services.append(name)
        return name

    for item in doc["personas"]:
        fields = {k: item[k] for k in ("goal", "time_available", "environment", "needs",
                                       "complaints")}
        name = item["name"]
        if persona_repo.persona_row(session, workspace_id, name):
            persona_repo.update_persona(session, workspace_id, name,
                                        team=team(item["team"]) or "", **fields)
        else:
            persona_repo.add_persona(session, workspace_id, name, team=team(item["team"]),
                                     **fields)
        summary.personas += 1

    maps = story_map_repo
    story_ids: dict[tuple[str, str], int] = {}
    for item in doc["story_maps"]:
        if maps.map_row(session, workspace_id, item["title"]):
            maps.remove_story_map(session, workspace_id, item["title"])
        story_map = maps.add_story_map(session, workspace_id, item["title"],
                                       team=team(item["team"]), description=item["description"])
        slices = {n: maps.add_release_slice(session, story_map.id, n).id
                  for n in item["release_slices"]}
        for act in item["activities"]:
            activity = maps.add_activity(session, story_map.id, act["title"])
            for task_item in act["tasks"]:
                task = maps.add_task(session, activity.id, task_item["title"])
                for s in task_item["stories"]:
                    persona = (persona_repo.persona_row(session, workspace_id, s["persona"])
                               if s["persona"] else None)
                    story = maps.add_story(session, task.id, s["title"], critical=s["critical"],
                                           slice_id=slices.get(s["release_slice"]),
                                           persona_id=persona.id if persona else None)
                    for svc, method, path in s["endpoints"]:
                        endpoint = maps.add_endpoint(session, workspace_id,
                                                     service(svc) or svc, method, path)
                        maps.link_endpoint(session, story.id, endpoint.id)
                    story_ids[(lookup_key(item["title"]), lookup_key(s["title"]))] = story.id
        summary.story_maps += 1

    for item in doc["slos"]:
        story_id = None
        if item["story"] is not None:
            story_id = story_ids.get((lookup_key(item["story"][0]), lookup_key(item["story"][1])))
        slo, warnings = _import_slo(session, workspace_id, item, {
            "kind": item["kind"], "target": item["target"],
            "threshold_ms": item["threshold_ms"], "bad_status": item["bad_status"],
            "period": item["period"], "historical_attainment": item["historical_attainment"],
            "description": item["description"], "service": service(item["service"]),
            "story_id": story_id}, before)
        status = ArtifactStatus(item["status"])
        if status is not slo.status:
            # the file says it was agreed (or retired) where it came from: keep that, and say
            # in the history where the status came from
            lifecycle.restore_status(session, SLO_DOCUMENT, slo_row(session, workspace_id,
                                                                      slo.name),
                                     status, f"imported as {status.value}")
        summary.warnings.extend(f"{slo.name}: {w}" for w in warnings)
        summary.counts += upsert_counts(session, slo.id, item["counts"])
        summary.slos += 1
    return summary
