"""The one way the front ends read and write the store.

``Workbench(engine, today=...)`` is built once by the app (and by each CLI command that
needs it). Every method of its areas (``wb.teams``, ``wb.slos``, ``wb.maps``,
``wb.maturity``, ``wb.stakeholders``, ``wb.policies``, ``wb.charters``, ``wb.organisation``,
``wb.oncall``, ``wb.documents``, ``wb.workspaces``, ``wb.search``)
is one transaction and returns frozen values, so the TUI calls them from thread workers and
hands the results to widgets.
Screens never open sessions or import SQL; rules the CLI and TUI share live here or below.

The clock is part of the service: ``wb.today()`` is the only "today" the front ends use, so a
test or a demo fixes it in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from workbench.service.charters import ChartersService
    from workbench.service.documents import DocumentsService
    from workbench.service.maturity import MaturityService
    from workbench.service.oncall import OnCallService
    from workbench.service.organisation import OrganisationService
    from workbench.service.policies import PoliciesService
    from workbench.service.search import SearchService
    from workbench.service.slos import SlosService
    from workbench.service.stakeholders import StakeholdersService
    from workbench.service.story_maps import StoryMapsService
    from workbench.service.teams import TeamsService
    from workbench.service.workspaces import WorkspacesService

T = TypeVar("T")


class Workbench:
    def __init__(self, engine: Engine, *, today: Callable[[], date] | date | None = None) -> None:
        self.engine = engine
        if isinstance(today, date):
            fixed = today
            self._today: Callable[[], date] = lambda: fixed
        else:
            self._today = today or date.today

    def today(self) -> date:
        return self._today()

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(session, *args, **kwargs)`` in a read-only session."""
        from workbench.store.db import reading

        with reading(self.engine) as session:
            return fn(session, *args, **kwargs)

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(session, *args, **kwargs)`` in one transaction: all of it is saved, or none."""
        from workbench.store.db import transaction

        with transaction(self.engine) as session:
            return fn(session, *args, **kwargs)

    def trial(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Like ``write``, but rolled back at the end: a dry run does every step of the real
        change (the same checks, the same errors) and keeps nothing."""
        try:
            self.write(_rolled_back(fn), *args, **kwargs)
        except _DryRun as done:
            return done.result
        raise AssertionError("unreachable")  # pragma: no cover

    # Areas are built when first used, so importing the service costs nothing up front.

    @cached_property
    def workspaces(self) -> WorkspacesService:
        from workbench.service.workspaces import WorkspacesService

        return WorkspacesService(self)

    @cached_property
    def teams(self) -> TeamsService:
        from workbench.service.teams import TeamsService

        return TeamsService(self)

    @cached_property
    def slos(self) -> SlosService:
        from workbench.service.slos import SlosService

        return SlosService(self)

    @cached_property
    def maps(self) -> StoryMapsService:
        from workbench.service.story_maps import StoryMapsService

        return StoryMapsService(self)

    @cached_property
    def maturity(self) -> MaturityService:
        from workbench.service.maturity import MaturityService

        return MaturityService(self)

    @cached_property
    def search(self) -> SearchService:
        from workbench.service.search import SearchService

        return SearchService(self)

    @cached_property
    def stakeholders(self) -> StakeholdersService:
        from workbench.service.stakeholders import StakeholdersService

        return StakeholdersService(self)

    @cached_property
    def policies(self) -> PoliciesService:
        from workbench.service.policies import PoliciesService

        return PoliciesService(self)

    @cached_property
    def charters(self) -> ChartersService:
        from workbench.service.charters import ChartersService

        return ChartersService(self)

    @cached_property
    def organisation(self) -> OrganisationService:
        from workbench.service.organisation import OrganisationService

        return OrganisationService(self)

    @cached_property
    def oncall(self) -> OnCallService:
        from workbench.service.oncall import OnCallService

        return OnCallService(self)

    @cached_property
    def documents(self) -> DocumentsService:
        from workbench.service.documents import DocumentsService

        return DocumentsService(self)


class _DryRun(Exception):
    """Raised inside a trial's transaction so it rolls back; carries the result."""

    def __init__(self, result: Any) -> None:
        super().__init__("dry run")
        self.result = result


def _rolled_back(fn: Callable[..., T]) -> Callable[..., T]:
    def run(*args: Any, **kwargs: Any) -> T:
        raise _DryRun(fn(*args, **kwargs))
    return run


class Area:
    """Base of the area services: each holds the ``Workbench`` it belongs to."""

    def __init__(self, wb: Workbench) -> None:
        self.wb = wb
