"""The organisation documents of a workspace: the "who builds it, who runs it?" decisions
(the organisation's, and per product) with the SRE sizing each model considered implies,
and the SRE role description.

Decisions:
- ``new_decision`` starts with the four models of the spectrum considered and none chosen;
  ``new_role`` with the book's generic responsibilities and skills to keep, drop or extend.
- Saving the same content records nothing (the version the user opened is still checked).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from workbench.domain.names import lookup_key
from workbench.domain.org import (
    SPECTRUM,
    OrgDecision,
    Sizing,
    SreRole,
    decision_values,
    read_decision,
    read_role,
    role_values,
    starter_role,
)
from workbench.errors import UsageError
from workbench.export.org_markdown import DecisionPage, RolePage
from workbench.service import Area
from workbench.store import org_repo
from workbench.store.org_repo import StoredDocument


@dataclass(frozen=True)
class DecisionView(DecisionPage):
    """The decision page's data (``export.org_markdown.DecisionPage``: missing parts,
    problems, the sizing of every model compared, lifecycle) plus what the front ends act
    on."""

    in_force: OrgDecision | None = None
    id: int = 0
    kind: str = org_repo.DECISION_KIND

    @property
    def ref(self) -> str:
        return self.decision.product or org_repo.ORGANISATION

    @property
    def version(self) -> int:
        return self.state.version

    @property
    def chosen_sizing(self) -> Sizing | None:
        chosen = self.decision.chosen
        return self.sizing.get(chosen) if chosen is not None else None


@dataclass(frozen=True)
class RoleView(RolePage):
    """The role page's data plus what the front ends act on."""

    in_force: SreRole | None = None
    id: int = 0
    kind: str = org_repo.ROLE_KIND
    ref: str = "role"

    @property
    def version(self) -> int:
        return self.state.version


@dataclass(frozen=True)
class Organisation:
    decisions: tuple[DecisionView, ...]
    role: RoleView | None
    teams: tuple[str, ...]

    def decision(self, product: str | None = None) -> DecisionView | None:
        key = lookup_key(product or "")
        key = "" if key == org_repo.ORGANISATION else key
        return next((d for d in self.decisions
                     if lookup_key(d.decision.product or "") == key), None)


@dataclass(frozen=True)
class OrgImport:
    view: DecisionView | RoleView
    created: bool
    changed: bool
    dry_run: bool

    @property
    def written(self) -> bool:
        return self.changed and not self.dry_run


def _decision_view(session, workspace_id: int, stored: StoredDocument,
                   teams: tuple[str, ...]) -> DecisionView:
    page = DecisionView.from_stored(stored, teams, org_repo.problems(session, workspace_id,
                                                                    stored.content))
    return replace(page, in_force=stored.in_force, id=stored.id)


def _role_view(stored: StoredDocument) -> RoleView:
    return replace(RoleView.from_stored(stored), in_force=stored.in_force, id=stored.id)


def read_decision_values(values: Mapping[str, Any]) -> OrgDecision:
    decision, problems = read_decision(values)
    if problems:
        found = [str(p) for p in problems]
        raise UsageError("; ".join(found), topic=org_repo.DECISION_KIND, problems=found)
    return decision


def read_role_values(values: Mapping[str, Any]) -> SreRole:
    role, problems = read_role(values)
    if problems:
        found = [str(p) for p in problems]
        raise UsageError("; ".join(found), topic=org_repo.ROLE_KIND, problems=found)
    return role


class OrganisationService(Area):
    def overview(self, workspace_id: int) -> Organisation:
        def load(session) -> Organisation:
            teams = tuple(org_repo.team_names(session, workspace_id))
            decisions = tuple(_decision_view(session, workspace_id, s, teams)
                              for s in org_repo.list_decisions(session, workspace_id))
            role = org_repo.load_role(session, workspace_id)
            return Organisation(decisions, _role_view(role) if role else None, teams)
        return self.wb.read(load)

    def decision(self, workspace_id: int, product: str | None = None) -> DecisionView:
        def load(session) -> DecisionView:
            teams = tuple(org_repo.team_names(session, workspace_id))
            return _decision_view(session, workspace_id, org_repo.load_decision(
                session, workspace_id, product or ""), teams)
        return self.wb.read(load)

    def _after_decision(self, session, workspace_id: int, product: str | None) -> DecisionView:
        teams = tuple(org_repo.team_names(session, workspace_id))
        return _decision_view(session, workspace_id,
                              org_repo.load_decision(session, workspace_id, product or ""),
                              teams)

    def new_decision(self, workspace_id: int, product: str | None = None) -> DecisionView:
        """A draft decision comparing the four models of the spectrum, none chosen yet."""
        return self.decide(workspace_id, OrgDecision(product=product, considered=SPECTRUM),
                           summary="added")

    def decide(self, workspace_id: int, decision: OrgDecision, *,
               expected_version: int | None = None, summary: str = "edited") -> DecisionView:
        """Create or replace the decision for ``decision.product`` as one revision."""
        def write(session) -> DecisionView:
            saved, _created = org_repo.save_decision(session, workspace_id, decision, summary,
                                                     expected_version=expected_version)
            return self._after_decision(session, workspace_id, saved.product)
        return self.wb.write(write)

    def change_decision(self, workspace_id: int, product: str | None,
                        values: Mapping[str, Any], *,
                        expected_version: int | None = None) -> DecisionView:
        """Replace top-level parts (``{"chosen": ...}``, ``{"scores": [...]}``) of a stored
        decision with plain values, as one revision."""
        def write(session) -> DecisionView:
            current = org_repo.load_decision(session, workspace_id, product or "").content
            merged = decision_values(current)
            merged.update(values)
            if current.product:
                merged["product"] = current.product
            else:
                merged.pop("product", None)
            saved, _ = org_repo.save_decision(
                session, workspace_id, read_decision_values(merged),
                f"edited {', '.join(values) or 'nothing'}", expected_version=expected_version)
            return self._after_decision(session, workspace_id, saved.product)
        return self.wb.write(write)

    def remove_decision(self, workspace_id: int, product: str | None = None, *,
                        expected_version: int | None = None) -> OrgDecision:
        return self.wb.write(org_repo.remove_decision, workspace_id, product or "",
                             expected_version=expected_version)

    def import_decision(self, workspace_id: int, decision: OrgDecision, *,
                        dry_run: bool = False) -> OrgImport:
        def write(session) -> OrgImport:
            before = org_repo.find_row(session, workspace_id, org_repo.DECISION,
                                    decision.product or "")
            version = before.version if before is not None else None
            saved, created = org_repo.save_decision(session, workspace_id, decision,
                                                    "imported")
            view = self._after_decision(session, workspace_id, saved.product)
            return OrgImport(view, created, created or view.version != version, dry_run)
        return self.wb.trial(write) if dry_run else self.wb.write(write)

    # --- the SRE role ---------------------------------------------------------------------

    def role(self, workspace_id: int) -> RoleView | None:
        def load(session) -> RoleView | None:
            stored = org_repo.load_role(session, workspace_id)
            return _role_view(stored) if stored is not None else None
        return self.wb.read(load)

    def _after_role(self, session, workspace_id: int) -> RoleView:
        stored = org_repo.load_role(session, workspace_id)
        assert stored is not None
        return _role_view(stored)

    def new_role(self, workspace_id: int) -> RoleView:
        """The role from the book's generic responsibilities and skills, as a draft."""
        return self.save_role(workspace_id, starter_role(), summary="added")

    def save_role(self, workspace_id: int, role: SreRole, *,
                  expected_version: int | None = None, summary: str = "edited") -> RoleView:
        def write(session) -> RoleView:
            org_repo.save_role(session, workspace_id, role, summary,
                               expected_version=expected_version)
            return self._after_role(session, workspace_id)
        return self.wb.write(write)

    def change_role(self, workspace_id: int, values: Mapping[str, Any], *,
                    expected_version: int | None = None) -> RoleView:
        def write(session) -> RoleView:
            current = org_repo.load_role(session, workspace_id)
            merged = role_values(current.content if current else starter_role())
            merged.update(values)
            org_repo.save_role(session, workspace_id, read_role_values(merged),
                               f"edited {', '.join(values) or 'nothing'}",
                               expected_version=expected_version)
            return self._after_role(session, workspace_id)
        return self.wb.write(write)

    def import_role(self, workspace_id: int, role: SreRole, *,
                    dry_run: bool = False) -> OrgImport:
        def write(session) -> OrgImport:
            before = org_repo.load_role(session, workspace_id)
            _, created = org_repo.save_role(session, workspace_id, role, "imported")
            view = self._after_role(session, workspace_id)
            changed = created or before is None or view.version != before.state.version
            return OrgImport(view, created, changed, dry_run)
        return self.wb.trial(write) if dry_run else self.wb.write(write)
