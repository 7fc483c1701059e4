"""SLOs of a workspace: what the SLO screens show (every SLO with its budget, one SLO's
budget and burn-down), saving from the editor, counts imported from CSV files, and the
SLO index of the command palette."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workbench.domain.slo.records import SloBudget, SloDefinition
from workbench.files import read_text_file
from workbench.service import Area
from workbench.store import repo, slo_repo, story_map_repo


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


@dataclass(frozen=True)
class SloSaved:
    slo: SloDefinition
    warnings: tuple[str, ...] = ()


class SlosService(Area):
    def overview(self, workspace_id: int, as_of: date) -> SloData:
        def load(session) -> SloData:
            slos = slo_repo.list_slos(session, workspace_id)
            budgets = {b.slo.id: b for b in slo_repo.list_budgets(session, workspace_id, as_of)}
            services = tuple(s.name for s in repo.list_services(session, workspace_id))
            maps = story_map_repo.list_story_maps(session, workspace_id)
            stories = tuple((s.id, f"{m.title} / {s.title}") for m in maps for s in m.stories())
            story_services = {s.id: s.endpoints[0].service_name for m in maps
                              for s in m.stories() if s.endpoints}
            return SloData(as_of=as_of, slos=tuple(slos), budgets=budgets, services=services,
                           stories=stories, story_services=story_services)
        return self.wb.read(load)

    def budget(self, workspace_id: int, name: str, as_of: date) -> SloBudget:
        return self.wb.read(slo_repo.slo_status, workspace_id, name, as_of)

    def save(self, workspace_id: int, name: str, fields: Mapping[str, Any], *,
             original: SloDefinition | None = None) -> SloSaved:
        """Add an SLO (``original`` None), or change the given fields of ``original`` (it
        may be renamed); the fields not given keep their values."""
        def change(session) -> SloSaved:
            if original is None:
                slo, warnings = slo_repo.create_slo(session, workspace_id, name, **fields)
            else:
                slo, warnings = slo_repo.update_slo(
                    session, workspace_id, original.name, dict(fields), new_name=name,
                    expected_version=original.version)
            return SloSaved(slo, tuple(warnings))
        return self.wb.write(change)

    def remove(self, workspace_id: int, slo: SloDefinition) -> SloDefinition:
        return self.wb.write(slo_repo.remove_slo, workspace_id, slo.name,
                             expected_version=slo.version)

    def import_counts_file(self, workspace_id: int, slo_name: str, path: str) -> int:
        """Read ``path`` (date,good,bad) and store its days; nothing is written on any
        error."""
        text = read_text_file(path, what="a CSV file with the columns date,good,bad")
        source = str(path).strip().rsplit("/", 1)[-1]
        return self.wb.write(slo_repo.import_counts_csv, workspace_id, slo_name, text, source)

    def index(self, workspace_id: int) -> list[tuple[int, str, str]]:
        """(id, name, "99.9% available · orders") of every SLO, for the command palette."""
        slos = self.wb.read(slo_repo.list_slos, workspace_id)
        return [(s.id, s.name, " · ".join(p for p in (s.describe(), s.service_name) if p))
                for s in slos]
