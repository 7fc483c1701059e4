"""Team charters of a workspace: the list (with the teams that have none yet), one charter
with what the screens and commands show beside it (missing parts, problems, the current
figures of the SLOs its metrics name, whether a review is due), changes whole or by part,
and import.

Decisions:
- A charter is named by its team everywhere (``ref`` is the team's name).
- ``new`` starts an empty draft reviewed quarterly, with the first review three months
  from today; the team fills in the rest part by part.
- Saving the same content records nothing (the version the user opened is still checked).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from workbench.domain.charter import (
    Cadence,
    Charter,
    MetricFigures,
    add_cadence,
    charter_values,
    metric_figures,
    read_charter,
)
from workbench.domain.names import lookup_key
from workbench.export.charter_markdown import CharterPage
from workbench.service.whole_documents import (
    DocumentImport,
    WholeDocuments,
    problems_error,
)
from workbench.store import charter_repo, policy_repo
from workbench.store.charter_repo import CharterChoices, StoredCharter

KIND = "charter"


@dataclass(frozen=True)
class CharterView(CharterPage):
    """The charter page's data (``export.charter_markdown.CharterPage``: figures, missing
    parts, problems, lifecycle) plus what the front ends act on."""

    in_force: Charter | None = None
    id: int = 0
    kind: str = KIND

    @property
    def ref(self) -> str:
        return self.charter.team

    @property
    def team(self) -> str:
        return self.charter.team

    @property
    def version(self) -> int:
        return self.state.version


@dataclass(frozen=True)
class CharterList:
    as_of: date
    charters: tuple[CharterView, ...]
    without: tuple[str, ...]
    """Teams that have no charter yet."""
    choices: CharterChoices

    def find(self, team: str) -> CharterView | None:
        key = lookup_key(team)
        return next((v for v in self.charters if lookup_key(v.team) == key), None)


CharterImport = DocumentImport


def starter_charter(team: str, today: date) -> Charter:
    return Charter(team=team, review_cadence=Cadence.QUARTERLY,
                   next_review=add_cadence(today, Cadence.QUARTERLY))


class ChartersService(WholeDocuments):
    repo = charter_repo
    stored_field = "charter"
    kept = "team"
    topic = KIND
    values_of = staticmethod(charter_values)
    read_values = staticmethod(read_charter)

    def _as_of(self, as_of: date | None) -> date:
        return as_of or self.wb.today()

    def _view(self, session, workspace_id: int, stored: StoredCharter, as_of: date,
              choices: CharterChoices | None = None,
              budgets: policy_repo.Budgets | None = None) -> CharterView:
        figures: dict[str, MetricFigures] = {}
        if any(m.slo for m in stored.charter.metrics):
            budgets = budgets or policy_repo.Budgets(session, workspace_id, as_of)
            figures = {f.slo: metric_figures(f) for f in budgets.figures()}
        problems = tuple(charter_repo.problems(session, workspace_id, stored.charter, choices))
        page = CharterView.from_stored(stored, as_of, figures=figures, problems=problems)
        return replace(page, in_force=stored.in_force, id=stored.id)

    def overview(self, workspace_id: int, as_of: date | None = None) -> CharterList:
        day = self._as_of(as_of)

        def load(session) -> CharterList:
            choices = charter_repo.choices(session, workspace_id)
            stored = charter_repo.list_charters(session, workspace_id)
            budgets = policy_repo.Budgets(session, workspace_id, day) if any(
                m.slo for s in stored for m in s.charter.metrics) else None
            views = tuple(self._view(session, workspace_id, s, day, choices, budgets)
                          for s in stored)
            return CharterList(day, views, tuple(
                charter_repo.teams_without_charter(session, workspace_id)), choices)
        return self.wb.read(load)

    def view(self, workspace_id: int, team: str, as_of: date | None = None) -> CharterView:
        day = self._as_of(as_of)
        return self.wb.read(lambda session: self._view(
            session, workspace_id, charter_repo.load(session, workspace_id, team), day))

    def choices(self, workspace_id: int) -> CharterChoices:
        return self.wb.read(charter_repo.choices, workspace_id)

    def new(self, workspace_id: int, team: str) -> CharterView:
        """An empty draft charter for ``team`` (reviewed quarterly from today)."""
        return self.create(workspace_id, starter_charter(team, self.wb.today()))


def read(values: Mapping[str, Any]) -> Charter:
    """A charter from plain values, or a UsageError listing every problem."""
    charter, problems = read_charter(values)
    if problems:
        raise problems_error([str(p) for p in problems], KIND)
    return charter

