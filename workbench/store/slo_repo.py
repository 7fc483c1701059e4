"""Repository for personas, story maps, endpoints, SLOs and their daily counts.

Functions take an open session (one transaction per user action, see ``db.transaction``)
and return frozen values from ``workbench.domain.slo.catalog``, so a TUI worker can call
them and hand the results to widgets after the session is closed. Problems the user can fix
raise ``WorkbenchError`` subclasses with one-line messages.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from workbench.domain.models import ArtifactStatus
from workbench.domain.names import clean_name, lookup_key
from workbench.domain.slo.catalog import Activity as ActivityValue
from workbench.domain.slo.catalog import (
    DailyCount,
    Endpoint,
    Need,
    Persona,
    ReleaseSlice,
    SloBudget,
    SloDefinition,
    SloKind,
    SloState,
    Story,
    StoryMap,
    check_slo_fields,
    parse_percent,
    slo_budget,
    target_warnings,
)
from workbench.domain.slo.catalog import Task as TaskValue
from workbench.domain.slo.sli import parse_threshold_ms
from workbench.domain.slo.target import parse_target
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import repo
from workbench.store.slo_tables import (
    EndpointRow,
    PersonaRow,
    ReleaseSliceRow,
    SloCountRow,
    SloRow,
    StoryActivityRow,
    StoryEndpointRow,
    StoryMapRow,
    StoryRow,
    StoryTaskRow,
)
from workbench.store.tables import ServiceRow, TeamRow


def _clean(raw: str, what: str) -> str:
    try:
        return clean_name(raw, what)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _title(raw: str, what: str, limit: int = 200) -> str:
    text = " ".join((raw or "").split())
    if not text:
        raise UsageError(f"{what} is empty; give it a short title")
    if len(text) > limit:
        raise UsageError(f"{what} is {len(text)} characters long; use at most {limit}")
    return text


def _team_id(session: Session, workspace_id: int, team: str | None) -> int | None:
    return repo.get_team(session, workspace_id, team).id if team else None


def _team_name(session: Session, team_id: int | None) -> str | None:
    if team_id is None:
        return None
    row = session.get(TeamRow, team_id)
    return row.name if row else None


# --- personas -------------------------------------------------------------------------------


def _persona(session: Session, row: PersonaRow) -> Persona:
    return Persona(id=row.id, name=row.name, goal=row.goal, time_available=row.time_available,
                   environment=row.environment, needs=Need(row.needs),
                   complaints=row.complaints, team_name=_team_name(session, row.team_id))


def _persona_row(session: Session, workspace_id: int, name: str) -> PersonaRow | None:
    return session.exec(select(PersonaRow).where(
        PersonaRow.workspace_id == workspace_id, PersonaRow.name_key == lookup_key(name))).first()


def _need(value: str) -> str:
    try:
        return Need(value.strip().lower()).value
    except ValueError:
        raise UsageError(f"{value!r} is not a need; use correctness, throughput or "
                         "availability") from None


def list_personas(session: Session, workspace_id: int, team: str | None = None) -> list[Persona]:
    query = select(PersonaRow).where(PersonaRow.workspace_id == workspace_id)
    if team is not None:
        query = query.where(PersonaRow.team_id == _team_id(session, workspace_id, team))
    rows = session.exec(query.order_by(col(PersonaRow.name_key))).all()
    return [_persona(session, r) for r in rows]


def add_persona(session: Session, workspace_id: int, name: str, *, team: str | None = None,
                goal: str = "", time_available: str = "", environment: str = "",
                needs: str = "availability", complaints: str = "") -> Persona:
    name = _clean(name, "Persona")
    if _persona_row(session, workspace_id, name):
        raise ConflictError(f"a persona named {name!r} already exists; choose another name")
    row = PersonaRow(workspace_id=workspace_id, team_id=_team_id(session, workspace_id, team),
                     name=name, name_key=lookup_key(name), goal=goal, time_available=time_available,
                     environment=environment, needs=_need(needs), complaints=complaints)
    session.add(row)
    session.flush()
    return _persona(session, row)


def update_persona(session: Session, workspace_id: int, name: str, **changes: Any) -> Persona:
    """Change any of: new_name, team (None keeps, "" clears), goal, time_available,
    environment, needs, complaints."""
    row = _persona_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no persona named {name!r} in this workspace")
    if changes.get("new_name") is not None:
        new = _clean(changes.pop("new_name"), "Persona")
        clash = _persona_row(session, workspace_id, new)
        if clash is not None and clash.id != row.id:
            raise ConflictError(f"a persona named {new!r} already exists")
        row.name, row.name_key = new, lookup_key(new)
    changes.pop("new_name", None)
    if "team" in changes and changes["team"] is not None:
        row.team_id = _team_id(session, workspace_id, changes.pop("team") or None)
    changes.pop("team", None)
    for field_name, value in changes.items():
        if field_name not in ("goal", "time_available", "environment", "needs", "complaints"):
            raise UsageError(f"personas have no field {field_name!r}")
        if value is not None:
            setattr(row, field_name, _need(value) if field_name == "needs" else value)
    session.add(row)
    session.flush()
    return _persona(session, row)


def remove_persona(session: Session, workspace_id: int, name: str) -> Persona:
    row = _persona_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no persona named {name!r} in this workspace")
    persona = _persona(session, row)
    session.delete(row)
    session.flush()
    return persona


# --- story maps -----------------------------------------------------------------------------


def _map_row(session: Session, workspace_id: int, title: str) -> StoryMapRow | None:
    return session.exec(select(StoryMapRow).where(
        StoryMapRow.workspace_id == workspace_id, StoryMapRow.title_key == lookup_key(title)
    )).first()


def _endpoints_of(session: Session, story_id: int) -> tuple[Endpoint, ...]:
    rows = session.exec(
        select(EndpointRow, ServiceRow.name)
        .join(StoryEndpointRow, col(StoryEndpointRow.endpoint_id) == col(EndpointRow.id))
        .join(ServiceRow, col(ServiceRow.id) == col(EndpointRow.service_id))
        .where(StoryEndpointRow.story_id == story_id)
        .order_by(col(ServiceRow.name_key), col(EndpointRow.path), col(EndpointRow.method))
    ).all()
    return tuple(Endpoint(e.id, service, e.method, e.path) for e, service in rows)


def _story(session: Session, row: StoryRow) -> Story:
    slice_row = session.get(ReleaseSliceRow, row.slice_id) if row.slice_id else None
    persona = session.get(PersonaRow, row.persona_id) if row.persona_id else None
    return Story(id=row.id, task_id=row.task_id, position=row.position, title=row.title,
                 critical=bool(row.critical), slice_name=slice_row.name if slice_row else None,
                 persona_name=persona.name if persona else None,
                 endpoints=_endpoints_of(session, row.id))


def _tree(session: Session, row: StoryMapRow) -> StoryMap:
    activities = []
    for act in session.exec(select(StoryActivityRow).where(StoryActivityRow.map_id == row.id)
                            .order_by(col(StoryActivityRow.position))).all():
        tasks = []
        for task in session.exec(select(StoryTaskRow)
                                 .where(StoryTaskRow.activity_id == act.id)
                                 .order_by(col(StoryTaskRow.position))).all():
            stories = session.exec(select(StoryRow).where(StoryRow.task_id == task.id)
                                   .order_by(col(StoryRow.position))).all()
            tasks.append(TaskValue(task.id, act.id, task.position, task.title,
                                   tuple(_story(session, s) for s in stories)))
        activities.append(ActivityValue(act.id, row.id, act.position, act.title, tuple(tasks)))
    slices = session.exec(select(ReleaseSliceRow).where(ReleaseSliceRow.map_id == row.id)
                          .order_by(col(ReleaseSliceRow.position))).all()
    return StoryMap(id=row.id, title=row.title, team_name=_team_name(session, row.team_id),
                    description=row.description, activities=tuple(activities),
                    slices=tuple(ReleaseSlice(s.id, s.map_id, s.position, s.name)
                                 for s in slices))


def list_story_maps(session: Session, workspace_id: int,
                    team: str | None = None) -> list[StoryMap]:
    query = select(StoryMapRow).where(StoryMapRow.workspace_id == workspace_id)
    if team is not None:
        query = query.where(StoryMapRow.team_id == _team_id(session, workspace_id, team))
    return [_tree(session, r) for r in session.exec(query.order_by(col(StoryMapRow.title_key)))]


def get_story_map(session: Session, workspace_id: int, title: str) -> StoryMap:
    row = _map_row(session, workspace_id, title)
    if row is None:
        raise NotFoundError(f"no story map titled {title!r} in this workspace")
    return _tree(session, row)


def add_story_map(session: Session, workspace_id: int, title: str, *, team: str | None = None,
                  description: str = "") -> StoryMap:
    title = _clean(title, "Story map title")
    if _map_row(session, workspace_id, title):
        raise ConflictError(f"a story map titled {title!r} already exists; choose another")
    row = StoryMapRow(workspace_id=workspace_id, team_id=_team_id(session, workspace_id, team),
                      title=title, title_key=lookup_key(title), description=description)
    session.add(row)
    session.flush()
    return _tree(session, row)


def remove_story_map(session: Session, workspace_id: int, title: str) -> None:
    row = _map_row(session, workspace_id, title)
    if row is None:
        raise NotFoundError(f"no story map titled {title!r} in this workspace")
    session.delete(row)
    session.flush()


# Cards: (table, column naming the parent) per kind.
_CARDS: dict[str, tuple[type, str]] = {
    "activity": (StoryActivityRow, "map_id"),
    "task": (StoryTaskRow, "activity_id"),
    "story": (StoryRow, "task_id"),
    "slice": (ReleaseSliceRow, "map_id"),
}


def _siblings(session: Session, kind: str, parent_id: int) -> list[Any]:
    table, parent = _CARDS[kind]
    return list(session.exec(select(table).where(getattr(table, parent) == parent_id)
                             .order_by(col(table.position), col(table.id))).all())


def _renumber(session: Session, rows: list[Any]) -> None:
    for index, row in enumerate(rows):
        if row.position != index:
            row.position = index
            session.add(row)
    session.flush()


def _insert(session: Session, kind: str, parent_id: int, row: Any,
            position: int | None) -> Any:
    rows = _siblings(session, kind, parent_id)
    place = len(rows) if position is None else max(0, min(position, len(rows)))
    session.add(row)
    session.flush()
    rows.insert(place, row)
    _renumber(session, rows)
    return row


def _card(session: Session, kind: str, card_id: int) -> Any:
    if kind not in _CARDS:
        raise UsageError(f"unknown card kind {kind!r}; use activity, task, story or slice")
    row = session.get(_CARDS[kind][0], card_id)
    if row is None:
        raise NotFoundError(f"{kind} {card_id} no longer exists")
    return row


def add_activity(session: Session, map_id: int, title: str,
                 position: int | None = None) -> ActivityValue:
    row = _insert(session, "activity", map_id,
                  StoryActivityRow(map_id=map_id, title=_title(title, "Activity")), position)
    return ActivityValue(row.id, map_id, row.position, row.title)


def add_task(session: Session, activity_id: int, title: str,
             position: int | None = None) -> TaskValue:
    row = _insert(session, "task", activity_id,
                  StoryTaskRow(activity_id=activity_id, title=_title(title, "Task")), position)
    return TaskValue(row.id, activity_id, row.position, row.title)


def add_release_slice(session: Session, map_id: int, name: str) -> ReleaseSlice:
    row = _insert(session, "slice", map_id,
                  ReleaseSliceRow(map_id=map_id, name=_clean(name, "Release slice")), None)
    return ReleaseSlice(row.id, map_id, row.position, row.name)


def add_story(session: Session, task_id: int, title: str, *, critical: bool = False,
              slice_id: int | None = None, persona_id: int | None = None,
              position: int | None = None) -> Story:
    row = StoryRow(task_id=task_id, title=_title(title, "Story"), critical=critical,
                   slice_id=slice_id, persona_id=persona_id)
    return _story(session, _insert(session, "story", task_id, row, position))


def find_story(session: Session, workspace_id: int, title: str) -> Story:
    """The story titled ``title`` (``"Map/Story"`` picks the map when titles repeat)."""
    map_title, _, story_title = title.rpartition("/")
    query = (select(StoryRow, StoryMapRow.title)
             .join(StoryTaskRow, col(StoryTaskRow.id) == col(StoryRow.task_id))
             .join(StoryActivityRow, col(StoryActivityRow.id) == col(StoryTaskRow.activity_id))
             .join(StoryMapRow, col(StoryMapRow.id) == col(StoryActivityRow.map_id))
             .where(StoryMapRow.workspace_id == workspace_id))
    found = [(row, m) for row, m in session.exec(query).all()
             if lookup_key(row.title) == lookup_key(story_title)
             and (not map_title or lookup_key(m) == lookup_key(map_title))]
    if not found:
        raise NotFoundError(f"no story titled {title!r}; see the story maps with: "
                            "workbench slo map")
    if len(found) > 1:
        maps = ", ".join(sorted(m for _, m in found))
        raise UsageError(f"several stories are titled {story_title!r} (in {maps}); "
                         "write MAP/STORY")
    return _story(session, found[0][0])


def update_story(session: Session, story_id: int, *, title: str | None = None,
                 critical: bool | None = None, slice_id: int | bool | None = False,
                 persona_id: int | bool | None = False) -> Story:
    """Change a story; ``slice_id``/``persona_id`` default to False meaning "keep"."""
    row = _card(session, "story", story_id)
    if title is not None:
        row.title = _title(title, "Story")
    if critical is not None:
        row.critical = critical
    if slice_id is not False:
        row.slice_id = slice_id
    if persona_id is not False:
        row.persona_id = persona_id
    session.add(row)
    session.flush()
    return _story(session, row)


def move_card(session: Session, kind: str, card_id: int, offset: int) -> int:
    """Move a card ``offset`` places within its column (-1 up/left, +1 down/right), swapping
    with its neighbours; positions stay dense. Returns the new position."""
    row = _card(session, kind, card_id)
    parent = getattr(row, _CARDS[kind][1])
    rows = _siblings(session, kind, parent)
    index = next(i for i, r in enumerate(rows) if r.id == row.id)
    new = max(0, min(index + offset, len(rows) - 1))
    rows.insert(new, rows.pop(index))
    _renumber(session, rows)
    return new


def move_story(session: Session, story_id: int, task_id: int,
               position: int | None = None) -> Story:
    """Move a story under another task (at ``position``, default last)."""
    row = _card(session, "story", story_id)
    target_task = session.get(StoryTaskRow, task_id)
    if target_task is None:
        raise NotFoundError(f"task {task_id} no longer exists")
    old_task = row.task_id
    row.task_id = task_id
    session.add(row)
    session.flush()
    _renumber(session, [r for r in _siblings(session, "story", old_task)])
    rows = [r for r in _siblings(session, "story", task_id) if r.id != row.id]
    place = len(rows) if position is None else max(0, min(position, len(rows)))
    rows.insert(place, row)
    _renumber(session, rows)
    return _story(session, row)


def rename_card(session: Session, kind: str, card_id: int, title: str) -> None:
    """Retitle an activity, task or story, or rename a release slice."""
    row = _card(session, kind, card_id)
    if kind == "slice":
        row.name = _clean(title, "Release slice")
    else:
        row.title = _title(title, kind.capitalize())
    session.add(row)
    session.flush()


def remove_card(session: Session, kind: str, card_id: int) -> None:
    row = _card(session, kind, card_id)
    parent = getattr(row, _CARDS[kind][1])
    session.delete(row)
    session.flush()
    _renumber(session, _siblings(session, kind, parent))


def add_endpoint(session: Session, workspace_id: int, service: str, method: str,
                 path: str) -> Endpoint:
    """The endpoint (created if new) of a service, e.g. ``orders POST /orders``."""
    svc = repo._service_row(session, workspace_id, service)
    if svc is None:
        raise NotFoundError(f"no service named {service!r}; add it with: workbench services add")
    method, path = method.strip().upper(), _title(path, "Endpoint path")
    row = session.exec(select(EndpointRow).where(
        EndpointRow.service_id == svc.id, EndpointRow.method == method,
        EndpointRow.path == path)).first()
    if row is None:
        row = EndpointRow(service_id=svc.id, method=method, path=path)
        session.add(row)
        session.flush()
    return Endpoint(row.id, svc.name, row.method, row.path)


def link_endpoint(session: Session, story_id: int, endpoint_id: int) -> None:
    if session.get(StoryEndpointRow, (story_id, endpoint_id)) is None:
        session.add(StoryEndpointRow(story_id=story_id, endpoint_id=endpoint_id))
        session.flush()


def unlink_endpoint(session: Session, story_id: int, endpoint_id: int) -> None:
    link = session.get(StoryEndpointRow, (story_id, endpoint_id))
    if link is not None:
        session.delete(link)
        session.flush()


# --- SLOs -----------------------------------------------------------------------------------


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _slo(session: Session, row: SloRow) -> SloDefinition:
    service = session.get(ServiceRow, row.service_id) if row.service_id else None
    story = session.get(StoryRow, row.story_id) if row.story_id else None
    map_title = None
    if story is not None:
        task = session.get(StoryTaskRow, story.task_id)
        activity = session.get(StoryActivityRow, task.activity_id)
        map_title = session.get(StoryMapRow, activity.map_id).title
    return SloDefinition(
        id=row.id, name=row.name, kind=SloKind(row.kind), target=Decimal(row.target),
        threshold_ms=_dec(row.threshold_ms), bad_status=row.bad_status, period=row.period,
        historical_attainment=_dec(row.historical_attainment), status=SloState(row.status),
        description=row.description, service_name=service.name if service else None,
        story_id=row.story_id, story_title=story.title if story else None,
        map_title=map_title,
    )


def _slo_row(session: Session, workspace_id: int, name: str) -> SloRow | None:
    return session.exec(select(SloRow).where(SloRow.workspace_id == workspace_id,
                                             SloRow.name_key == lookup_key(name))).first()


def list_slos(session: Session, workspace_id: int, *, team: str | None = None,
              service: str | None = None) -> list[SloDefinition]:
    """SLOs by name; ``team`` keeps those whose service is owned by that team."""
    query = select(SloRow).where(SloRow.workspace_id == workspace_id)
    if service is not None:
        svc = repo._service_row(session, workspace_id, service)
        if svc is None:
            raise NotFoundError(f"no service named {service!r} in this workspace")
        query = query.where(SloRow.service_id == svc.id)
    if team is not None:
        team_id = repo.get_team(session, workspace_id, team).id
        owned = select(ServiceRow.id).where(ServiceRow.team_id == team_id)
        query = query.where(col(SloRow.service_id).in_(owned))
    return [_slo(session, r) for r in session.exec(query.order_by(col(SloRow.name_key)))]


def get_slo(session: Session, workspace_id: int, name: str) -> SloDefinition:
    row = _slo_row(session, workspace_id, name)
    if row is None:
        known = ", ".join(s.name for s in list_slos(session, workspace_id)) or "none yet"
        raise NotFoundError(f"no SLO named {name!r} (known: {known}); list them with: "
                            "workbench slo list")
    return _slo(session, row)


def save_slo(session: Session, workspace_id: int, name: str, *, kind: str = "availability",
             target: str | int | Decimal, threshold_ms: str | int | Decimal | None = None,
             bad_status: str = "5xx", period: str = "4w",
             historical_attainment: str | Decimal | None = None, status: str = "draft",
             description: str = "", service: str | None = None,
             story_id: int | None = None) -> tuple[SloDefinition, list[str]]:
    """Create or update the SLO called ``name``; returns it and warnings (e.g. a target
    tighter than the historical attainment). Every save records a revision."""
    name = _clean(name, "SLO")
    problems = check_slo_fields(kind, target, threshold_ms, bad_status, period,
                                historical_attainment)
    if status not in {s.value for s in SloState}:
        problems.append(("status", f"{status!r} is not a status; use draft, agreed or "
                                   "superseded"))
    if problems:
        raise UsageError("; ".join(f"{f}: {m}" for f, m in problems))
    goal = parse_target(target)
    limit = parse_threshold_ms(threshold_ms) if threshold_ms is not None else None
    past = parse_percent(historical_attainment) if historical_attainment is not None else None
    svc_id = None
    if service:
        svc = repo._service_row(session, workspace_id, service)
        if svc is None:
            raise NotFoundError(f"no service named {service!r}; add it with: "
                                "workbench services add")
        svc_id = svc.id
    if story_id is not None and session.get(StoryRow, story_id) is None:
        raise NotFoundError(f"story {story_id} no longer exists")
    row = _slo_row(session, workspace_id, name)
    created = row is None
    if row is None:
        row = SloRow(workspace_id=workspace_id, name=name, name_key=lookup_key(name), target="1")
    row.name = name
    row.kind = SloKind(kind.strip().lower()).value
    row.target = format(goal, "f")
    row.threshold_ms = None if limit is None else format(limit, "f")
    row.bad_status = bad_status.strip()
    row.period = period.strip().lower()
    row.historical_attainment = None if past is None else format(past, "f")
    row.status = status
    row.description = description
    row.service_id, row.story_id = svc_id, story_id
    session.add(row)
    session.flush()
    slo = _slo(session, row)
    repo.record_revision(session, workspace_id, "slo", str(row.id), _snapshot(slo),
                         status=ArtifactStatus(status),
                         summary="added" if created else "updated")
    return slo, target_warnings(goal, past, slo.kind)


def _snapshot(slo: SloDefinition) -> dict[str, Any]:
    return {"name": slo.name, "kind": str(slo.kind), "target": format(slo.target, "f"),
            "threshold_ms": None if slo.threshold_ms is None else format(slo.threshold_ms, "f"),
            "bad_status": slo.bad_status, "period": slo.period, "service": slo.service_name,
            "story": slo.story_title, "status": str(slo.status),
            "historical_attainment": None if slo.historical_attainment is None
            else format(slo.historical_attainment, "f")}


def remove_slo(session: Session, workspace_id: int, name: str) -> SloDefinition:
    row = _slo_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no SLO named {name!r} in this workspace")
    slo = _slo(session, row)
    session.delete(row)
    session.flush()
    repo.record_revision(session, workspace_id, "slo", str(slo.id), {"name": slo.name},
                         status=ArtifactStatus.SUPERSEDED, summary="removed")
    return slo


# --- counts and budgets ---------------------------------------------------------------------


def list_counts(session: Session, slo_id: int, start: date | None = None,
                end: date | None = None) -> list[DailyCount]:
    query = select(SloCountRow).where(SloCountRow.slo_id == slo_id)
    if start is not None:
        query = query.where(SloCountRow.day >= start)
    if end is not None:
        query = query.where(SloCountRow.day <= end)
    rows = session.exec(query.order_by(col(SloCountRow.day))).all()
    return [DailyCount(r.day, r.good, r.bad) for r in rows]


def upsert_counts(session: Session, slo_id: int, counts: Iterable[DailyCount]) -> int:
    """Insert or replace the counts of each day; returns how many days were written."""
    existing = {r.day: r for r in session.exec(
        select(SloCountRow).where(SloCountRow.slo_id == slo_id)).all()}
    written = 0
    for count in counts:
        if count.good < 0 or count.bad < 0:
            raise UsageError(f"{count.day}: counts must be 0 or more")
        row = existing.get(count.day) or SloCountRow(slo_id=slo_id, day=count.day)
        row.good, row.bad = count.good, count.bad
        existing[count.day] = row
        session.add(row)
        written += 1
    session.flush()
    return written


def slo_status(session: Session, workspace_id: int, name: str,
               as_of: date | None = None) -> SloBudget:
    """Budget status and burn-down of an SLO for the compliance period containing
    ``as_of`` (default today)."""
    slo = get_slo(session, workspace_id, name)
    return slo_budget(slo, list_counts(session, slo.id), as_of or date.today())


def list_budgets(session: Session, workspace_id: int, as_of: date | None = None, *,
                 team: str | None = None) -> list[SloBudget]:
    """Budget status of every SLO (optionally of one team's services), e.g. for a dashboard."""
    day = as_of or date.today()
    return [slo_budget(slo, list_counts(session, slo.id), day)
            for slo in list_slos(session, workspace_id, team=team)]


class CountsImportError(UsageError):
    def __init__(self, problems: list[str], source: str) -> None:
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
                         f", nothing imported: " + " | ".join(problems))


def parse_counts_csv(text: str, source: str = "counts.csv") -> list[DailyCount]:
    """Rows of ``date,good,bad`` (a header line is required); all problems at once."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    problems: list[str] = []
    if not rows or [c.strip().lower() for c in rows[0]] != ["date", "good", "bad"]:
        raise CountsImportError(["line 1: the header must be 'date,good,bad'; add it as the "
                                 "first line"], source)
    counts: list[DailyCount] = []
    seen: dict[date, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != 3:
            problems.append(f"line {number}: needs 3 fields date,good,bad, found {len(row)}")
            continue
        raw_day, raw_good, raw_bad = (c.strip() for c in row)
        line_problems = []
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            line_problems.append(f"line {number}: date {raw_day!r} is not YYYY-MM-DD")
            day = None
        values = []
        for label, raw in (("good", raw_good), ("bad", raw_bad)):
            if raw.startswith("-") and raw[1:].isdigit():
                line_problems.append(f"line {number}: {label} {raw} is negative; use 0 or more")
            elif not raw.isdigit():
                line_problems.append(f"line {number}: {label} {raw!r} is not a whole number")
            else:
                values.append(int(raw))
        if day is not None and day in seen:
            line_problems.append(f"line {number}: {day} is already on line {seen[day]}; "
                                 "keep one row per day")
        problems.extend(line_problems)
        if not line_problems and day is not None:
            seen[day] = number
            counts.append(DailyCount(day, values[0], values[1]))
    if problems:
        raise CountsImportError(problems, source)
    return counts


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
    return build_document(list_personas(session, workspace_id),
                          list_story_maps(session, workspace_id), slos,
                          {s.id: list_counts(session, s.id) for s in slos})


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

    Personas and SLOs with the same name are updated; a story map with the same title is
    replaced; missing teams and services are created. Call inside one transaction so that
    any failure leaves nothing behind.
    """
    summary = ImportSummary()

    def team(name: str | None) -> str | None:
        if name and repo._team_row(session, workspace_id, name) is None:
            repo.add_team(session, workspace_id, name)
            summary.created_teams.append(name)
        return name

    def service(name: str | None) -> str | None:
        if name and repo._service_row(session, workspace_id, name) is None:
            repo.add_service(session, workspace_id, name)
            summary.created_services.append(name)
        return name

    for item in doc["personas"]:
        fields = {k: item[k] for k in ("goal", "time_available", "environment", "needs",
                                       "complaints")}
        if _persona_row(session, workspace_id, item["name"]):
            update_persona(session, workspace_id, item["name"], team=team(item["team"]) or "",
                           **fields)
        else:
            add_persona(session, workspace_id, item["name"], team=team(item["team"]), **fields)
        summary.personas += 1

    story_ids: dict[tuple[str, str], int] = {}
    for item in doc["story_maps"]:
        if _map_row(session, workspace_id, item["title"]):
            remove_story_map(session, workspace_id, item["title"])
        story_map = add_story_map(session, workspace_id, item["title"],
                                  team=team(item["team"]), description=item["description"])
        slices = {n: add_release_slice(session, story_map.id, n).id
                  for n in item["release_slices"]}
        for act in item["activities"]:
            activity = add_activity(session, story_map.id, act["title"])
            for task_item in act["tasks"]:
                task = add_task(session, activity.id, task_item["title"])
                for s in task_item["stories"]:
                    persona = (_persona_row(session, workspace_id, s["persona"])
                               if s["persona"] else None)
                    story = add_story(session, task.id, s["title"], critical=s["critical"],
                                      slice_id=slices.get(s["release_slice"]),
                                      persona_id=persona.id if persona else None)
                    for svc, method, path in s["endpoints"]:
                        endpoint = add_endpoint(session, workspace_id, service(svc) or svc,
                                                method, path)
                        link_endpoint(session, story.id, endpoint.id)
                    story_ids[(lookup_key(item["title"]), lookup_key(s["title"]))] = story.id
        summary.story_maps += 1

    for item in doc["slos"]:
        story_id = None
        if item["story"] is not None:
            story_id = story_ids.get((lookup_key(item["story"][0]), lookup_key(item["story"][1])))
        slo, warnings = save_slo(
            session, workspace_id, item["name"], kind=item["kind"], target=item["target"],
            threshold_ms=item["threshold_ms"], bad_status=item["bad_status"],
            period=item["period"], historical_attainment=item["historical_attainment"],
            status=item["status"], description=item["description"],
            service=service(item["service"]), story_id=story_id)
        summary.warnings.extend(f"{slo.name}: {w}" for w in warnings)
        summary.counts += upsert_counts(session, slo.id, item["counts"])
        summary.slos += 1
    return summary
