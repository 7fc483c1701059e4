"""SLOs of a workspace: what the SLO screens show (every SLO with its budget and where it
stands in its lifecycle, one SLO's budget and burn-down), saving from the editor (which may
rename: the SLO keeps its uid, counts, history and sign-offs), counts imported from CSV
files, period history, maintenance windows and corrections, and the SLO index of the command
palette.

SLOs are named by ``ref``: a name as users type it, or the SLO's uid (which survives a
rename, so a screen that holds an SLO can always find it again)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.slo.adjustments import Adjustment
from workbench.domain.slo.period_history import PeriodRecord
from workbench.domain.slo.records import SloBudget, SloDefinition
from workbench.errors import VersionConflict
from workbench.files import read_text_file
from workbench.service import Area
from workbench.store import adjustment_repo, repo, slo_repo, story_map_repo


@dataclass(frozen=True)
class SloChoices:
    """What the SLO editor offers: the services and the stories (with their services)."""

    services: tuple[str, ...] = ()
    stories: tuple[tuple[int, str], ...] = ()
    """(story id, "Map / Story") for the story picker."""
    story_services: dict[int, str] = field(default_factory=dict)
    """The service of each story's first endpoint (to suggest it for a new SLO)."""


@dataclass(frozen=True)
class SloData:
    as_of: date
    slos: tuple[SloDefinition, ...] = ()
    budgets: dict[int, SloBudget] = field(default_factory=dict)
    states: dict[int, LifecycleState] = field(default_factory=dict)
    """Where each SLO stands (status, sign-offs, agreed revision in force), by SLO id."""
    total: int | None = None
    """How many SLOs the workspace has (a page holds ``slos`` from ``offset``)."""
    offset: int = 0

    @property
    def complete(self) -> bool:
        return self.total is None or self.offset + len(self.slos) >= self.total

    def joined(self, page: SloData) -> SloData:
        """This data with the next page appended (what a screen shows as pages arrive)."""
        return replace(self, slos=self.slos + page.slos,
                       budgets={**self.budgets, **page.budgets},
                       states={**self.states, **page.states}, total=page.total)

    def slo(self, slo_id: int) -> SloDefinition | None:
        return next((s for s in self.slos if s.id == slo_id), None)


def ref_of(slo: SloDefinition) -> str:
    """How to find ``slo`` again, even after someone renamed it: its uid (or its name)."""
    return slo.uid or slo.name


@dataclass(frozen=True)
class SloSaved:
    slo: SloDefinition
    warnings: tuple[str, ...] = ()


class SlosService(Area):
    def overview(self, workspace_id: int, as_of: date) -> SloData:
        """Every SLO with its budget and state (the editor's choices: ``choices``)."""
        return self.page(workspace_id, as_of)

    def page(self, workspace_id: int, as_of: date, offset: int = 0,
             limit: int | None = None) -> SloData:
        """SLOs ``offset`` to ``offset + limit`` in name order (all with ``limit`` None), with
        the budgets and states of those only, and how many SLOs there are: a screen shows
        the first page at once and loads the rest behind it."""
        def load(session) -> SloData:
            slos = slo_repo.list_slos(session, workspace_id, offset=offset, limit=limit)
            ids = [s.id for s in slos]
            budgets = {b.slo.id: b for b in slo_repo.list_budgets(session, workspace_id, as_of,
                                                                  slos=slos)}
            states = slo_repo.lifecycle_states(
                session, workspace_id, ids if limit is not None else None)
            total = (len(slos) if limit is None and not offset
                     else slo_repo.count_slos(session, workspace_id))
            return SloData(as_of=as_of, slos=tuple(slos), budgets=budgets, states=states,
                           total=total, offset=offset)
        return self.wb.read(load)

    def choices(self, workspace_id: int) -> SloChoices:
        def load(session) -> SloChoices:
            services = tuple(s.name for s in repo.list_services(session, workspace_id))
            maps = story_map_repo.list_story_maps(session, workspace_id)
            stories = tuple((s.id, f"{m.title} / {s.title}") for m in maps for s in m.stories())
            story_services = {s.id: s.endpoints[0].service_name for m in maps
                              for s in m.stories() if s.endpoints}
            return SloChoices(services, stories, story_services)
        return self.wb.read(load)

    def budget(self, workspace_id: int, ref: str, as_of: date) -> SloBudget:
        """Budget status and burn-down of the SLO ``ref`` for the period containing
        ``as_of``."""
        return self.wb.read(slo_repo.slo_status, workspace_id, ref, as_of)

    def save(self, workspace_id: int, name: str, fields: Mapping[str, Any], *,
             original: SloDefinition | None = None) -> SloSaved:
        """Add an SLO (``original`` None), or change the given fields of ``original`` (it
        may be renamed); the fields not given keep their values."""
        def change(session) -> SloSaved:
            if original is not None:
                self._still_there(session, workspace_id, original)
            if original is None:
                slo, warnings = slo_repo.create_slo(session, workspace_id, name, **fields)
            else:
                slo, warnings = slo_repo.update_slo(
                    session, workspace_id, ref_of(original), dict(fields), new_name=name,
                    expected_version=original.version)
            return SloSaved(slo, tuple(warnings))
        return self.wb.write(change)

    @staticmethod
    def _still_there(session, workspace_id: int, slo: SloDefinition) -> None:
        """Someone else removing the SLO is a change since it was opened, like an edit."""
        if slo_repo.find_slo(session, workspace_id, ref_of(slo)) is None:
            raise VersionConflict(f"SLO {slo.name}", topic="slo")

    def remove(self, workspace_id: int, slo: SloDefinition) -> SloDefinition:
        def change(session) -> SloDefinition:
            self._still_there(session, workspace_id, slo)
            return slo_repo.remove_slo(session, workspace_id, ref_of(slo),
                                       expected_version=slo.version)
        return self.wb.write(change)

    def import_counts_file(self, workspace_id: int, ref: str, path: str) -> int:
        """Read ``path`` (date,good,bad) and store its days for the SLO ``ref``; nothing is
        written on any error."""
        text = read_text_file(path, what="a CSV file with the columns date,good,bad")
        source = str(path).strip().rsplit("/", 1)[-1]
        return self.wb.write(slo_repo.import_counts_csv, workspace_id, ref, text, source)

    def history(self, workspace_id: int, ref: str, as_of: date,
                periods: int = 13) -> tuple[SloDefinition, list[PeriodRecord]]:
        """The SLO ``ref`` and its last ``periods`` compliance periods up to ``as_of``,
        oldest first, with maintenance windows and corrections applied."""
        return self.wb.read(slo_repo.period_history, workspace_id, ref, as_of, periods)

    def adjustments(self, workspace_id: int, ref: str | None = None, *,
                    service: str | None = None,
                    include_removed: bool = False) -> list[Adjustment]:
        """Maintenance windows and corrections: those that apply to the SLO ``ref`` (its own
        and its service's), or those of ``service``, or every one of the workspace."""
        def load(session) -> list[Adjustment]:
            slo = slo_repo.get_slo(session, workspace_id, ref) if ref else None
            return adjustment_repo.list_adjustments(session, workspace_id, slo=slo,
                                                    service=service,
                                                    include_removed=include_removed)
        return self.wb.read(load)

    def add_maintenance(self, workspace_id: int, values: Mapping[str, Any], *, by: str,
                        slo: str | None = None, service: str | None = None) -> Adjustment:
        """Record a maintenance window (``start``, ``minutes``, ``zone``, ``rrule``,
        ``treatment``, ``reason``) for one SLO or one service."""
        return self.wb.write(adjustment_repo.add_adjustment, workspace_id, "maintenance",
                             values, by=by, slo=slo, service=service)

    def add_correction(self, workspace_id: int, values: Mapping[str, Any], *, by: str,
                       slo: str | None = None, service: str | None = None) -> Adjustment:
        """Record a correction (``first``, ``last``, ``reason``, ``treatment``)."""
        return self.wb.write(adjustment_repo.add_adjustment, workspace_id, "correction",
                             values, by=by, slo=slo, service=service)

    def remove_adjustment(self, workspace_id: int, adjustment_id: int, *, by: str,
                          reason: str = "") -> Adjustment:
        """Take a window or correction back (it stays in the log, marked removed)."""
        return self.wb.write(adjustment_repo.remove_adjustment, workspace_id, adjustment_id,
                             by=by, reason=reason)

    def index(self, workspace_id: int) -> list[tuple[int, str, str]]:
        """(id, name, "99.9% available · orders") of every SLO, for the command palette."""
        slos = self.wb.read(slo_repo.list_slos, workspace_id)
        return [(s.id, s.name, " · ".join(p for p in (s.describe(), s.service_name) if p))
                for s in slos]
