"""Repository for story maps: activities, tasks and stories (cards), release slices, and the
endpoints that serve each story. Functions take an open session and return frozen values
from ``workbench.domain.slo.records``."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from workbench.domain.names import lookup_key
from workbench.domain.slo.records import Activity as ActivityValue
from workbench.domain.slo.records import (
    Endpoint,
    ReleaseSlice,
    Story,
    StoryMap,
)
from workbench.domain.slo.records import Task as TaskValue
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import repo
from workbench.store.fields import clean, team_id_of, title_text
from workbench.store.slo_tables import (
    EndpointRow,
    PersonaRow,
    ReleaseSliceRow,
    SloRow,
    StoryActivityRow,
    StoryEndpointRow,
    StoryMapRow,
    StoryRow,
    StoryTaskRow,
)
from workbench.store.tables import ServiceRow, TeamRow

# --- story maps -----------------------------------------------------------------------------


def map_row(session: Session, workspace_id: int, title: str) -> StoryMapRow | None:
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
    """One card (after a change to it); maps are read whole by ``_trees``."""
    slice_row = session.get(ReleaseSliceRow, row.slice_id) if row.slice_id else None
    persona = session.get(PersonaRow, row.persona_id) if row.persona_id else None
    return Story(id=row.id, task_id=row.task_id, position=row.position, title=row.title,
                 critical=bool(row.critical), slice_name=slice_row.name if slice_row else None,
                 persona_name=persona.name if persona else None,
                 endpoints=_endpoints_of(session, row.id), version=row.version)


def _trees(session: Session, maps: list[StoryMapRow]) -> list[StoryMap]:
    """The maps with everything on them, in seven queries whatever their size (activities,
    tasks, stories, endpoints, slices, personas, teams), rather than a few per card."""
    if not maps:
        return []
    ids = {m.id for m in maps}
    workspace_id = maps[0].workspace_id
    # Rows are selected by the workspace's maps (not by a list of ids, which SQLite limits)
    # and kept only for the maps asked for.
    in_maps = (select(StoryMapRow.id).where(StoryMapRow.workspace_id == workspace_id)
               if len(ids) > 1 else select(StoryMapRow.id).where(StoryMapRow.id.in_(ids)))
    activities: dict[int, list[Any]] = {}
    for a in session.execute(
        select(StoryActivityRow.id, StoryActivityRow.map_id, StoryActivityRow.position,
               StoryActivityRow.title, StoryActivityRow.version)
        .where(col(StoryActivityRow.map_id).in_(in_maps))
        .order_by(col(StoryActivityRow.position), col(StoryActivityRow.id))
    ):
        if a.map_id in ids:
            activities.setdefault(a.map_id, []).append(a)
    tasks: dict[int, list[Any]] = {}
    for t in session.execute(
        select(StoryTaskRow.id, StoryTaskRow.activity_id, StoryTaskRow.position,
               StoryTaskRow.title, StoryTaskRow.version, StoryActivityRow.map_id)
        .join(StoryActivityRow, StoryActivityRow.id == StoryTaskRow.activity_id)
        .where(col(StoryActivityRow.map_id).in_(in_maps))
        .order_by(col(StoryTaskRow.position), col(StoryTaskRow.id))
    ):
        if t.map_id in ids:
            tasks.setdefault(t.activity_id, []).append(t)
    endpoints: dict[int, list[Endpoint]] = {}
    for e in session.execute(
        select(StoryEndpointRow.story_id, EndpointRow.id, ServiceRow.name, EndpointRow.method,
               EndpointRow.path, StoryActivityRow.map_id)
        .join(StoryEndpointRow, col(StoryEndpointRow.endpoint_id) == col(EndpointRow.id))
        .join(ServiceRow, col(ServiceRow.id) == col(EndpointRow.service_id))
        .join(StoryRow, StoryRow.id == StoryEndpointRow.story_id)
        .join(StoryTaskRow, StoryTaskRow.id == StoryRow.task_id)
        .join(StoryActivityRow, StoryActivityRow.id == StoryTaskRow.activity_id)
        .where(col(StoryActivityRow.map_id).in_(in_maps))
        .order_by(col(ServiceRow.name_key), col(EndpointRow.path), col(EndpointRow.method))
    ):
        if e.map_id in ids:
            endpoints.setdefault(e.story_id, []).append(Endpoint(e.id, e.name, e.method, e.path))
    slices: dict[int, list[ReleaseSlice]] = {}
    slice_names: dict[int, str] = {}
    for r in session.execute(
        select(ReleaseSliceRow.id, ReleaseSliceRow.map_id, ReleaseSliceRow.position,
               ReleaseSliceRow.name, ReleaseSliceRow.version)
        .where(col(ReleaseSliceRow.map_id).in_(in_maps))
        .order_by(col(ReleaseSliceRow.position), col(ReleaseSliceRow.id))
    ):
        slice_names[r.id] = r.name
        if r.map_id in ids:
            slices.setdefault(r.map_id, []).append(
                ReleaseSlice(r.id, r.map_id, r.position, r.name, r.version))
    personas = dict(session.execute(select(PersonaRow.id, PersonaRow.name)
                                    .where(PersonaRow.workspace_id == workspace_id)).all())
    stories: dict[int, list[Story]] = {}
    for r in session.execute(
        select(StoryRow.id, StoryRow.task_id, StoryRow.position, StoryRow.title,
               StoryRow.critical, StoryRow.slice_id, StoryRow.persona_id, StoryRow.version,
               StoryActivityRow.map_id)
        .join(StoryTaskRow, StoryTaskRow.id == StoryRow.task_id)
        .join(StoryActivityRow, StoryActivityRow.id == StoryTaskRow.activity_id)
        .where(col(StoryActivityRow.map_id).in_(in_maps))
        .order_by(col(StoryRow.position), col(StoryRow.id))
    ):
        if r.map_id in ids:
            stories.setdefault(r.task_id, []).append(Story(
                id=r.id, task_id=r.task_id, position=r.position, title=r.title,
                critical=bool(r.critical), slice_name=slice_names.get(r.slice_id),
                persona_name=personas.get(r.persona_id),
                endpoints=tuple(endpoints.get(r.id, ())), version=r.version))
    team_ids = {m.team_id for m in maps if m.team_id is not None}
    teams = dict(session.execute(select(TeamRow.id, TeamRow.name)
                                 .where(col(TeamRow.id).in_(team_ids))).all()) if team_ids else {}
    return [StoryMap(
        id=m.id, title=m.title, team_name=teams.get(m.team_id), description=m.description,
        activities=tuple(
            ActivityValue(a.id, m.id, a.position, a.title, tuple(
                TaskValue(t.id, a.id, t.position, t.title, tuple(stories.get(t.id, ())),
                          t.version)
                for t in tasks.get(a.id, ())), a.version)
            for a in activities.get(m.id, ())),
        slices=tuple(slices.get(m.id, ())), version=m.version,
    ) for m in maps]


def _tree(session: Session, row: StoryMapRow) -> StoryMap:
    return _trees(session, [row])[0]


def list_story_maps(session: Session, workspace_id: int,
                    team: str | None = None) -> list[StoryMap]:
    query = select(StoryMapRow).where(StoryMapRow.workspace_id == workspace_id)
    if team is not None:
        query = query.where(StoryMapRow.team_id == team_id_of(session, workspace_id, team))
    return _trees(session, list(session.exec(query.order_by(col(StoryMapRow.title_key)))))


def get_story_map(session: Session, workspace_id: int, title: str) -> StoryMap:
    row = map_row(session, workspace_id, title)
    if row is None:
        raise NotFoundError(f"no story map titled {title!r} in this workspace",
                            topic="story_map")
    return _tree(session, row)


def add_story_map(session: Session, workspace_id: int, title: str, *, team: str | None = None,
                  description: str = "") -> StoryMap:
    title = clean(title, "Story map title")
    if map_row(session, workspace_id, title):
        raise ConflictError(f"a story map titled {title!r} already exists; choose another")
    row = StoryMapRow(workspace_id=workspace_id, team_id=team_id_of(session, workspace_id, team),
                      title=title, title_key=lookup_key(title), description=description)
    session.add(row)
    session.flush()
    return _tree(session, row)


def _existing_map(session: Session, workspace_id: int, title: str,
                  expected_version: int | None = None) -> StoryMapRow:
    row = map_row(session, workspace_id, title)
    if row is None:
        raise NotFoundError(f"no story map titled {title!r} in this workspace",
                            topic="story_map")
    repo.check_version(row, expected_version, f"story map {row.title!r}")
    return row


def rename_story_map(session: Session, workspace_id: int, title: str, new_title: str, *,
                     expected_version: int | None = None) -> StoryMap:
    row = _existing_map(session, workspace_id, title, expected_version)
    new_title = clean(new_title, "Story map title")
    clash = map_row(session, workspace_id, new_title)
    if clash is not None and clash.id != row.id:
        raise ConflictError(f"a story map titled {clash.title!r} already exists; choose "
                            "another title")
    row.title, row.title_key = new_title, lookup_key(new_title)
    session.add(row)
    session.flush()
    return _tree(session, row)


def linked_slo_count(session: Session, map_id: int) -> int:
    """How many SLOs are linked to stories of the map (they outlive the map, unlinked)."""
    story_ids = [s for s in session.exec(
        select(StoryRow.id)
        .join(StoryTaskRow, col(StoryTaskRow.id) == col(StoryRow.task_id))
        .join(StoryActivityRow, col(StoryActivityRow.id) == col(StoryTaskRow.activity_id))
        .where(StoryActivityRow.map_id == map_id)).all()]
    if not story_ids:
        return 0
    return len(session.exec(select(SloRow.id).where(col(SloRow.story_id).in_(story_ids))).all())


def remove_story_map(session: Session, workspace_id: int, title: str, *,
                     expected_version: int | None = None) -> StoryMap:
    """Remove a map with its activities, tasks, stories and slices; SLOs linked to its
    stories stay, no longer linked to a story. Returns the map as it was."""
    row = _existing_map(session, workspace_id, title, expected_version)
    removed = _tree(session, row)
    session.delete(row)
    session.flush()
    return removed


def story_slice_ids(session: Session, workspace_id: int) -> dict[int, int | None]:
    """Story id -> id of its release slice (None: no slice), for every story of the
    workspace. Slice names may repeat in old data; ids never do."""
    rows = session.exec(
        select(StoryRow.id, StoryRow.slice_id)
        .join(StoryTaskRow, col(StoryTaskRow.id) == col(StoryRow.task_id))
        .join(StoryActivityRow, col(StoryActivityRow.id) == col(StoryTaskRow.activity_id))
        .join(StoryMapRow, col(StoryMapRow.id) == col(StoryActivityRow.map_id))
        .where(StoryMapRow.workspace_id == workspace_id)).all()
    return {story_id: slice_id for story_id, slice_id in rows}


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


def _card(session: Session, kind: str, card_id: int,
          expected_version: int | None = None) -> Any:
    if kind not in _CARDS:
        raise UsageError(f"unknown card kind {kind!r}; use activity, task, story or slice")
    noun = "release slice" if kind == "slice" else kind
    row = session.get(_CARDS[kind][0], card_id)
    if row is None:
        raise NotFoundError(f"{noun} {card_id} no longer exists")
    repo.check_version(row, expected_version, f"{noun} {card_label(row)!r}")
    return row


def card_label(row: Any) -> str:
    return row.name if isinstance(row, ReleaseSliceRow) else row.title


def add_activity(session: Session, map_id: int, title: str,
                 position: int | None = None) -> ActivityValue:
    row = _insert(session, "activity", map_id,
                  StoryActivityRow(map_id=map_id, title=title_text(title, "Activity")), position)
    return ActivityValue(row.id, map_id, row.position, row.title)


def add_task(session: Session, activity_id: int, title: str,
             position: int | None = None) -> TaskValue:
    row = _insert(session, "task", activity_id,
                  StoryTaskRow(activity_id=activity_id, title=title_text(title, "Task")), position)
    return TaskValue(row.id, activity_id, row.position, row.title)


# --- release slices ---------------------------------------------------------------------


def _slice_value(row: ReleaseSliceRow) -> ReleaseSlice:
    return ReleaseSlice(row.id, row.map_id, row.position, row.name, row.version)


def _slice_name(session: Session, map_id: int, name: str, slice_id: int | None = None) -> str:
    """``name`` cleaned, refused when another slice of the map has it already."""
    name = clean(name, "Release slice")
    for other in _siblings(session, "slice", map_id):
        if other.id != slice_id and lookup_key(other.name) == lookup_key(name):
            raise ConflictError(f"this map has a release slice named {other.name!r} "
                                "already; choose another name")
    return name


def list_slices(session: Session, map_id: int) -> list[tuple[ReleaseSlice, int]]:
    """The map's release slices in order, each with how many stories it holds."""
    result = []
    for row in _siblings(session, "slice", map_id):
        stories = session.exec(select(StoryRow.id).where(StoryRow.slice_id == row.id)).all()
        result.append((_slice_value(row), len(stories)))
    return result


def add_release_slice(session: Session, map_id: int, name: str,
                      position: int | None = None) -> ReleaseSlice:
    """A new slice (last, or at ``position``); names are unique within a map."""
    if session.get(StoryMapRow, map_id) is None:
        raise NotFoundError(f"story map {map_id} no longer exists", topic="story_map")
    row = ReleaseSliceRow(map_id=map_id, name=_slice_name(session, map_id, name))
    return _slice_value(_insert(session, "slice", map_id, row, position))


def rename_slice(session: Session, slice_id: int, name: str, *,
                 expected_version: int | None = None) -> ReleaseSlice:
    row = _card(session, "slice", slice_id, expected_version)
    row.name = _slice_name(session, row.map_id, name, row.id)
    session.add(row)
    session.flush()
    return _slice_value(row)


def move_slice(session: Session, slice_id: int, offset: int) -> int:
    """Move a slice ``offset`` places (-1 earlier, +1 later). Returns its new position."""
    return move_card(session, "slice", slice_id, offset)


def remove_slice(session: Session, slice_id: int, *,
                 expected_version: int | None = None) -> int:
    """Remove a release slice; its stories stay on the map with no slice. Returns how many
    stories it held."""
    row = _card(session, "slice", slice_id, expected_version)
    return _remove_slice_row(session, row)


def _remove_slice_row(session: Session, row: ReleaseSliceRow) -> int:
    # The database would clear story.slice_id on its own (ON DELETE SET NULL); doing it
    # here bumps each story's version, so an editor opened on one of them notices.
    stories = session.exec(select(StoryRow).where(StoryRow.slice_id == row.id)).all()
    for story in stories:
        story.slice_id = None
        session.add(story)
    map_id = row.map_id
    session.delete(row)
    session.flush()
    _renumber(session, _siblings(session, "slice", map_id))
    return len(stories)


def _map_of_task(session: Session, task_id: int) -> int:
    task = session.get(StoryTaskRow, task_id)
    if task is None:
        raise NotFoundError(f"task {task_id} no longer exists")
    activity = session.get(StoryActivityRow, task.activity_id)
    assert activity is not None  # the foreign key keeps it
    return activity.map_id


def _check_slice(session: Session, task_id: int, slice_id: int | None) -> None:
    """A story's slice must be one of its own map's."""
    if slice_id is None:
        return
    row = session.get(ReleaseSliceRow, slice_id)
    if row is None:
        raise NotFoundError(f"release slice {slice_id} no longer exists")
    if row.map_id != _map_of_task(session, task_id):
        raise UsageError(f"the release slice {row.name!r} belongs to another story map")


def add_story(session: Session, task_id: int, title: str, *, critical: bool = False,
              slice_id: int | None = None, persona_id: int | None = None,
              position: int | None = None) -> Story:
    _check_slice(session, task_id, slice_id)
    row = StoryRow(task_id=task_id, title=title_text(title, "Story"), critical=critical,
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
        raise NotFoundError(f"no story titled {title!r}", topic="story")
    if len(found) > 1:
        maps = ", ".join(sorted(m for _, m in found))
        raise UsageError(f"several stories are titled {story_title!r} (in {maps}); "
                         "write MAP/STORY")
    return _story(session, found[0][0])


def update_story(session: Session, story_id: int, *, title: str | None = None,
                 critical: bool | None = None, slice_id: int | bool | None = False,
                 persona_id: int | bool | None = False,
                 expected_version: int | None = None) -> Story:
    """Change a story; ``slice_id``/``persona_id`` default to False meaning "keep"."""
    row = _card(session, "story", story_id, expected_version)
    if title is not None:
        row.title = title_text(title, "Story")
    if critical is not None:
        row.critical = critical
    if slice_id is not False:
        _check_slice(session, row.task_id, slice_id)  # type: ignore[arg-type]
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
    if row.slice_id is not None and _map_of_task(session, task_id) != _map_of_task(
            session, old_task):
        row.slice_id = None  # slices belong to one map
    row.task_id = task_id
    session.add(row)
    session.flush()
    _renumber(session, [r for r in _siblings(session, "story", old_task)])
    rows = [r for r in _siblings(session, "story", task_id) if r.id != row.id]
    place = len(rows) if position is None else max(0, min(position, len(rows)))
    rows.insert(place, row)
    _renumber(session, rows)
    return _story(session, row)


def rename_card(session: Session, kind: str, card_id: int, title: str, *,
                expected_version: int | None = None) -> None:
    """Retitle an activity, task or story, or rename a release slice."""
    row = _card(session, kind, card_id, expected_version)
    if kind == "slice":
        row.name = _slice_name(session, row.map_id, title, row.id)
    else:
        row.title = title_text(title, kind.capitalize())
    session.add(row)
    session.flush()


def remove_card(session: Session, kind: str, card_id: int, *,
                expected_version: int | None = None) -> None:
    row = _card(session, kind, card_id, expected_version)
    if kind == "slice":
        _remove_slice_row(session, row)
        return
    parent = getattr(row, _CARDS[kind][1])
    session.delete(row)
    session.flush()
    _renumber(session, _siblings(session, kind, parent))


def add_endpoint(session: Session, workspace_id: int, service: str, method: str,
                 path: str) -> Endpoint:
    """The endpoint (created if new) of a service, e.g. ``orders POST /orders``."""
    svc = repo.service_row(session, workspace_id, service)
    if svc is None:
        raise NotFoundError(f"no service named {service!r} in this workspace", topic="service")
    method, path = method.strip().upper(), title_text(path, "Endpoint path")
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
