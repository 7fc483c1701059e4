"""The stakeholder chart of a workspace: one document (kind ``stakeholder_chart``, ref
``chart``) holding every stakeholder and the engagement plan.

Every change (add, edit, remove, flip an axis, record a contact, change the plan, import)
reads the chart, applies the domain rule and saves the whole chart in one transaction as one
revision, refused with ``VersionConflict`` when ``expected_version`` (the ``Chart.version``
the user opened) is no longer the stored one. The chart is created by its first change.

Decisions:
- The *baseline* a view compares with (who is stuck, the default of a comparison) is the
  agreed revision before the current content: the one in force while the chart is a draft
  again, or the agreed one before it when the chart is agreed.
- "Stale" means the latest revision is more than six months old: the book asks for the chart
  to be redrawn about twice a year.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.stakeholders import (
    Chart,
    ChartComparison,
    ChartWarning,
    EngagementPlan,
    Funnel,
    Overdue,
    Quadrant,
    Stakeholder,
    StakeholderError,
    compare,
    default_plan,
    edits,
    funnel,
    make_stakeholder,
    overdue,
    warnings,
)
from workbench.errors import NotFoundError, UsageError
from workbench.service import Area

KIND = "stakeholder_chart"
REF = "chart"
STALE_AFTER_MONTHS = 6


@dataclass(frozen=True)
class ChartView:
    """The chart as one load sees it, with what the screens and commands show beside it."""

    workspace_id: int
    chart: Chart
    today: date
    state: LifecycleState | None = None
    """None: no chart saved yet (the first change creates it)."""
    revisions: int = 0
    last_saved: datetime | None = None
    baseline: Chart | None = None
    baseline_number: int | None = None
    overdue: tuple[Overdue, ...] = ()
    warnings: tuple[ChartWarning, ...] = ()
    funnel: Funnel | None = None
    stale: bool = False
    """The latest revision is more than six months old (False while there is none)."""
    ref: str = REF
    kind: str = KIND

    @property
    def version(self) -> int:
        return self.chart.version

    @property
    def plan(self) -> EngagementPlan:
        return self.chart.plan or default_plan()

    @property
    def people(self) -> tuple[Stakeholder, ...]:
        return self.chart.people

    def in_quadrant(self, quadrant: Quadrant) -> tuple[Stakeholder, ...]:
        return self.chart.in_quadrant(quadrant)


@dataclass(frozen=True)
class Comparison:
    before: int | None
    """Revision number compared from (None: an empty chart)."""
    after: int | None
    """Revision number compared to (None: the chart as it would be, for a dry run)."""
    changes: ChartComparison = field(default_factory=ChartComparison)


@dataclass(frozen=True)
class ImportResult:
    view: ChartView
    """The chart as the import leaves it (for a dry run: as it would leave it)."""
    comparison: ChartComparison
    dry_run: bool
    changed: bool
    """The file differs from the stored chart (people or plan): importing it saves a
    revision."""
    stored_version: int
    """The stored chart's version after the call (unchanged by a dry run)."""

    @property
    def written(self) -> bool:
        """A revision was saved (never for a dry run)."""
        return self.changed and not self.dry_run


class StakeholdersService(Area):
    """``values`` below are plain field values as ``make_stakeholder`` reads them
    (``name``, ``power``, ``interest``, ``role``, ``group``, ``stance``, ``influence``,
    ``stage``, ``owner``, ``last_contact``, ``next_action``, ``next_action_due``, ``notes``);
    a field that is wrong raises ``UsageError`` naming it."""

    def view(self, workspace_id: int) -> ChartView:
        return self.wb.read(lambda s: self._view(s, workspace_id))

    def _view(self, session, workspace_id: int) -> ChartView:
        from workbench.domain.maturity.scoring import add_months
        from workbench.store import stakeholder_repo

        today = self.wb.today()
        stored = stakeholder_repo.load(session, workspace_id)
        people = stored.chart.people
        baseline = stored.baseline
        last = stored.last_saved
        stale = last is not None and add_months(last.date(), STALE_AFTER_MONTHS) < today
        return ChartView(
            workspace_id=workspace_id, chart=stored.chart, today=today, state=stored.state,
            revisions=stored.revisions, last_saved=last,
            baseline=baseline[1] if baseline else None,
            baseline_number=baseline[0] if baseline else None,
            overdue=tuple(overdue(people, stored.chart.plan, today)),
            warnings=tuple(warnings(people)),
            funnel=funnel(people, baseline[1].people if baseline else None),
            stale=stale,
        )

    def _change(self, workspace_id: int, expected_version: int | None, summary: str,
                change) -> ChartView:
        """Apply ``change(chart) -> (people, plan)`` and save it as one revision; a change
        that changes nothing saves nothing (but a stale version is still refused)."""
        from workbench.store import stakeholder_repo

        def write(session) -> ChartView:
            chart = stakeholder_repo.load_chart(session, workspace_id)
            with _user_errors():
                people, plan = change(chart)
            if edits.same_content(chart, Chart(people, plan)):
                stakeholder_repo.check_version(session, workspace_id, expected_version)
            else:
                stakeholder_repo.save(session, workspace_id, people, plan, summary,
                                      expected_version=expected_version)
            return self._view(session, workspace_id)
        return self.wb.write(write)

    def add(self, workspace_id: int, values: Mapping[str, Any], *,
            expected_version: int | None = None) -> ChartView:
        person = _person(values)
        return self._change(workspace_id, expected_version, f"added {person.name}",
                            lambda c: edits.added(c, person))

    def edit(self, workspace_id: int, name: str, changes: Mapping[str, Any], *,
             expected_version: int | None = None) -> ChartView:
        """Change some fields of one person (fields not in ``changes`` stay; a value of
        None or "" clears an optional field; ``name`` renames)."""

        return self._change(workspace_id, expected_version, f"edited {name}",
                            lambda c: edits.edited(c, name, changes))

    def remove(self, workspace_id: int, name: str, *,
               expected_version: int | None = None) -> ChartView:
        return self._change(workspace_id, expected_version, f"removed {name}",
                            lambda c: edits.removed(c, name))

    def flip(self, workspace_id: int, name: str, axis: str, *,
             expected_version: int | None = None) -> ChartView:
        """Flip formal power (``axis="power"``) or interest (``"interest"``) of one person."""

        return self._change(workspace_id, expected_version, f"flipped {axis} of {name}",
                            lambda c: edits.flipped(c, name, axis))

    def contacted(self, workspace_id: int, name: str, on: date | None = None, *,
                  expected_version: int | None = None) -> ChartView:
        """Record a contact with one person (default: today)."""

        day = on or self.wb.today()
        return self._change(workspace_id, expected_version,
                            f"contacted {name} on {day.isoformat()}",
                            lambda c: edits.edited(
                                c, name, {"last_contact": day.isoformat()}))

    def set_plan(self, workspace_id: int, quadrant: Quadrant | str, *,
                 every_days: int | None = None, contact: str | None = None,
                 expected_version: int | None = None) -> ChartView:
        """Change how often and how the people of one quadrant are contacted."""

        wanted = Quadrant(quadrant)
        return self._change(workspace_id, expected_version, f"changed the plan for "
                            f"{wanted.title.lower()}", lambda c: edits.replanned(
                                c, wanted, every_days, contact))

    def replace(self, workspace_id: int, chart: Chart, *, summary: str = "imported",
                dry_run: bool = False) -> ImportResult:
        """Make the stored chart equal ``chart`` (people and plan), as one revision. A dry
        run does all of it in a transaction that is rolled back."""
        from workbench.store import stakeholder_repo

        def write(session) -> ImportResult:
            before = stakeholder_repo.load_chart(session, workspace_id)
            changes = compare(before.people, chart.people)
            same = edits.same_content(before, chart)
            if not same:
                stakeholder_repo.save(session, workspace_id, chart.people,
                                      chart.plan or default_plan(), summary)
            view = self._view(session, workspace_id)
            return ImportResult(view, changes, dry_run, changed=not same,
                                stored_version=before.version if dry_run else view.version)
        return self.wb.trial(write) if dry_run else self.wb.write(write)

    def compare(self, workspace_id: int, before: int | None = None,
                after: int | None = None) -> Comparison:
        """Compare revision ``before`` with revision ``after`` (defaults: the baseline and
        the latest revision)."""
        from workbench.store import stakeholder_repo

        def load(session) -> Comparison:
            return Comparison(*stakeholder_repo.compare_revisions(session, workspace_id,
                                                                  before, after))
        return self.wb.read(load)

    def revision(self, workspace_id: int, number: int) -> Chart:
        """The chart as revision ``number`` saved it."""
        from workbench.store import stakeholder_repo

        return self.wb.read(stakeholder_repo.revision_chart, workspace_id, number)


def _person(values: Mapping[str, Any]) -> Stakeholder:
    with _user_errors():
        return make_stakeholder(values)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Domain refusals as the errors every front end reports."""
    try:
        yield
    except StakeholderError as exc:
        raise UsageError(str(exc), topic="stakeholder") from None
    except edits.UnknownStakeholder as exc:
        raise NotFoundError(str(exc), topic="stakeholder") from None
