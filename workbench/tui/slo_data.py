"""What the SLO and story map screens load from the database (called from thread workers;
nothing here draws)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from workbench.domain.slo.records import Persona, SloBudget, SloDefinition, StoryMap
from workbench.errors import UsageError
from workbench.store import persona_repo, repo, slo_repo, story_map_repo
from workbench.store.db import reading, transaction


@dataclass(frozen=True)
class SloData:
    as_of: date
    slos: tuple[SloDefinition, ...] = ()
    budgets: dict[int, SloBudget] = field(default_factory=dict)
    services: tuple[str, ...] = ()
    stories: tuple[tuple[int, str], ...] = ()
    """(story id, "Map / Story") for the story picker."""
    story_services: dict[int, str] = field(default_factory=dict)
    """The service of each story's first endpoint (to suggest it for a new SLO)."""

    def slo(self, slo_id: int) -> SloDefinition | None:
        return next((s for s in self.slos if s.id == slo_id), None)


def load_slo_data(engine: Engine, workspace_id: int, as_of: date) -> SloData:
    with reading(engine) as session:
        slos = slo_repo.list_slos(session, workspace_id)
        budgets = {b.slo.id: b for b in slo_repo.list_budgets(session, workspace_id, as_of)}
        services = tuple(s.name for s in repo.list_services(session, workspace_id))
        maps = story_map_repo.list_story_maps(session, workspace_id)
    stories = tuple((s.id, f"{m.title} / {s.title}") for m in maps for s in m.stories())
    story_services = {s.id: s.endpoints[0].service_name for m in maps for s in m.stories()
                      if s.endpoints}
    return SloData(as_of=as_of, slos=tuple(slos), budgets=budgets, services=services,
                   stories=stories, story_services=story_services)


def load_budget(engine: Engine, workspace_id: int, name: str, as_of: date) -> SloBudget:
    with reading(engine) as session:
        return slo_repo.slo_status(session, workspace_id, name, as_of)


def import_counts_file(engine: Engine, workspace_id: int, slo_name: str, path: str) -> int:
    """Read ``path`` (date,good,bad) and store its days; nothing is written on any error."""
    raw = path.strip()
    if not raw:
        raise UsageError("type the path of a CSV file with the columns date,good,bad")
    file = Path(raw).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{raw}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{raw} is a folder; give the path of a CSV file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{raw} is not UTF-8 text; save it as a UTF-8 CSV") from None
    except OSError as exc:
        raise UsageError(f"{raw}: cannot read it ({exc.strerror})") from None
    with transaction(engine) as session:
        return slo_repo.import_counts_csv(session, workspace_id, slo_name, text, file.name)


@dataclass(frozen=True)
class MapData:
    maps: tuple[StoryMap, ...] = ()
    personas: tuple[Persona, ...] = ()
    slo_counts: dict[int, int] = field(default_factory=dict)
    """Number of SLOs per story id."""
    teams: tuple[str, ...] = ()


def load_map_data(engine: Engine, workspace_id: int) -> MapData:
    with reading(engine) as session:
        maps = story_map_repo.list_story_maps(session, workspace_id)
        personas = persona_repo.list_personas(session, workspace_id)
        slos = slo_repo.list_slos(session, workspace_id)
        teams = tuple(t.name for t in repo.list_teams(session, workspace_id))
    counts = Counter(s.story_id for s in slos if s.story_id is not None)
    return MapData(maps=tuple(maps), personas=tuple(personas), slo_counts=dict(counts),
                   teams=teams)


def load_slo_index(engine: Engine, workspace_id: int) -> list[tuple[int, str, str]]:
    """(id, name, "99.9% available · orders") of every SLO, for the command palette."""
    with reading(engine) as session:
        slos = slo_repo.list_slos(session, workspace_id)
    return [(s.id, s.name, " · ".join(p for p in (s.describe(), s.service_name) if p))
            for s in slos]
