"""The organisation documents as wiki pages: the "who builds it, who runs it?" decision (the
chosen model and why, the comparison of the models considered criterion by criterion, a
summary of each, and the SRE sizing the choice implies) and the SRE role description.

``render_decision`` and ``render_role`` take the service's ``DecisionView`` / ``RoleView``
or a ``DecisionPage`` / ``RolePage`` with the same fields (the registry exporter builds
those, as the export may not use the service). User text is escaped by the templates
(``export/org-decision.md.j2``, ``export/sre-role.md.j2``); the pages hold no HTML.

Decisions:
- The comparison has one column per model considered (the chosen one also when it was not
  listed as considered), one row per criterion; each cell holds the book's rating of the
  model on the criterion (none for the hybrids, which the book does not rate), the coach's
  score out of 5 and the coach's note. The totals row adds the scores given and says how
  many criteria were scored, as models with fewer scores are not comparable by sum alone.
- Sizing is shown for the chosen model in detail (which teams were counted, the settings
  used) and as one line per model considered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from jinja2 import Environment

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.names import lookup_key
from workbench.domain.org import (
    CRITERION_NOTES,
    MODEL_SUMMARIES,
    Criterion,
    OrgDecision,
    OrgModel,
    Sizing,
    SreRole,
    book_rating,
    development_teams,
    sizing,
)
from workbench.domain.org.decision import MAX_SCORE, MissingPart
from workbench.domain.org.decision import missing_parts as decision_missing
from workbench.domain.org.role import missing_parts as role_missing
from workbench.export.document_markdown import agreement_of, render_page

DECISION_TEMPLATE = "export/org-decision.md.j2"
ROLE_TEMPLATE = "export/sre-role.md.j2"

PART_TITLES = {
    "chosen": "Chosen model", "considered": "Models considered", "reason": "Reason",
    "purpose": "Purpose", "responsibilities": "Responsibilities", "skills": "Skills",
}


class DecisionLike(Protocol):
    """What the decision page needs (``DecisionView`` and ``DecisionPage`` have it)."""

    decision: OrgDecision
    state: LifecycleState
    teams: tuple[str, ...]
    in_force_number: int | None
    revisions: int
    last_saved: datetime | None
    missing: tuple[MissingPart, ...]
    problems: tuple[str, ...]
    sizing: dict[OrgModel, Sizing]


class RoleLike(Protocol):
    """What the role page needs (``RoleView`` and ``RolePage`` have it)."""

    role: SreRole
    state: LifecycleState
    in_force_number: int | None
    revisions: int
    last_saved: datetime | None
    missing: tuple[Any, ...]


def compared_models(decision: OrgDecision) -> list[OrgModel]:
    """The comparison's columns: the models considered, then the chosen one if it is not
    among them."""
    models = list(decision.considered)
    if decision.chosen is not None and decision.chosen not in models:
        models.append(decision.chosen)
    return models


@dataclass(frozen=True)
class DecisionPage:
    """A decision with what its page shows beside it (see ``from_stored``)."""

    decision: OrgDecision
    state: LifecycleState
    teams: tuple[str, ...]
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None
    missing: tuple[MissingPart, ...] = ()
    problems: tuple[str, ...] = ()
    sizing: dict[OrgModel, Sizing] = field(default_factory=dict)

    @classmethod
    def from_stored(cls, stored: Any, teams: Sequence[str],
                    problems: Sequence[str] = ()) -> DecisionPage:
        """From ``workbench.store.org_repo.StoredDocument`` holding a decision, with the
        workspace's ``teams``."""
        decision: OrgDecision = stored.content
        return cls(decision=decision, state=stored.state, teams=tuple(teams),
                   in_force_number=stored.in_force_number, revisions=stored.revisions,
                   last_saved=stored.last_saved, missing=decision_missing(decision),
                   problems=tuple(problems),
                   sizing={m: sizing(decision, teams, m) for m in compared_models(decision)})


@dataclass(frozen=True)
class RolePage:
    """The SRE role with what its page shows beside it (see ``from_stored``)."""

    role: SreRole
    state: LifecycleState
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None
    missing: tuple[Any, ...] = ()

    @classmethod
    def from_stored(cls, stored: Any) -> RolePage:
        """From ``workbench.store.org_repo.StoredDocument`` holding the role."""
        return cls(role=stored.content, state=stored.state,
                   in_force_number=stored.in_force_number, revisions=stored.revisions,
                   last_saved=stored.last_saved, missing=role_missing(stored.content))


def _missing(missing: Sequence[Any]) -> list[dict[str, str]]:
    return [{"part": PART_TITLES.get(m.part, m.part), "message": m.message} for m in missing]


def _sizing_values(model: OrgModel, found: Sizing) -> dict[str, Any]:
    return {"model": model.title, "needs_sre": found.needs_sre,
            "development_teams": found.development_teams, "sre_people": found.sre_people,
            "sre_teams": found.sre_teams, "current_sre_teams": found.current_sre_teams,
            "missing_sre_teams": found.missing_sre_teams}


def decision_page_values(view: DecisionLike, *, workspace_name: str) -> dict[str, Any]:
    """What the decision template shows (user text still raw: the template escapes it)."""
    decision = view.decision
    models = compared_models(decision)
    rows = []
    for criterion in Criterion:
        cells = []
        for model in models:
            score = decision.score(model, criterion)
            cells.append({"book": book_rating(model, criterion),
                          "score": score.score if score is not None else None,
                          "note": score.note if score is not None else ""})
        rows.append({"criterion": criterion.title, "cells": cells})
    totals = [{"total": decision.total(m),
               "scored": sum(1 for s in decision.scores if s.model is m and s.score)}
              for m in models]
    chosen = decision.chosen
    found = view.sizing.get(chosen) if chosen is not None else None
    if found is None and chosen is not None:
        found = sizing(decision, view.teams, chosen)
    counted = development_teams(decision, view.teams)
    known = {lookup_key(t) for t in view.teams}
    return {
        "product": decision.product, "workspace_name": workspace_name,
        "agreement": agreement_of(view),
        "decided_on": decision.decided_on.isoformat() if decision.decided_on else None,
        "chosen": {"title": chosen.title, "summary": MODEL_SUMMARIES[chosen]}
        if chosen is not None else None,
        "reason": decision.reason,
        "models": [{"title": m.title, "chosen": m is chosen} for m in models],
        "rows": rows, "totals": totals, "max_score": MAX_SCORE,
        "criteria": [{"title": c.title, "note": CRITERION_NOTES[c]} for c in Criterion],
        "summaries": [{"title": m.title, "summary": MODEL_SUMMARIES[m], "chosen": m is chosen}
                      for m in models],
        "sizing": _sizing_values(chosen, found)
        if chosen is not None and found is not None else None,
        "sizing_rows": [_sizing_values(m, view.sizing[m])
                        for m in models if m in view.sizing],
        "counted": counted,
        "sre_teams": [t for t in decision.sre_teams if lookup_key(t) in known],
        "other_teams": [t for t in decision.other_teams if lookup_key(t) in known],
        "sre_team_size": decision.sre_team_size, "sres_per_team": decision.sres_per_team,
        "missing": _missing(view.missing), "problems": list(view.problems),
    }


def role_page_values(view: RoleLike, *, workspace_name: str) -> dict[str, Any]:
    """What the role template shows (user text still raw: the template escapes it)."""
    role = view.role
    return {
        "title": role.title, "workspace_name": workspace_name,
        "agreement": agreement_of(view),
        "purpose": role.purpose, "responsibilities": list(role.responsibilities),
        "skills": list(role.skills), "stack": list(role.stack),
        "missing": _missing(view.missing),
    }


def render_decision(view: DecisionLike, *, workspace_name: str,
                    generated_at: datetime | str | None = None,
                    env: Environment | None = None) -> str:
    """The decision as one Markdown page (the workspace's override of the template when it
    has one); a template that fails raises ``workbench.export.templates.TemplateProblem``."""
    return render_page(DECISION_TEMPLATE,
                       decision_page_values(view, workspace_name=workspace_name),
                       workspace_name=workspace_name, generated_at=generated_at, env=env)


def render_role(view: RoleLike, *, workspace_name: str,
                generated_at: datetime | str | None = None,
                env: Environment | None = None) -> str:
    """The SRE role as one Markdown page (see ``render_decision``)."""
    return render_page(ROLE_TEMPLATE, role_page_values(view, workspace_name=workspace_name),
                       workspace_name=workspace_name, generated_at=generated_at, env=env)


__all__ = ["DECISION_TEMPLATE", "ROLE_TEMPLATE", "DecisionLike", "DecisionPage", "RoleLike",
           "RolePage", "compared_models", "decision_page_values", "render_decision",
           "render_role", "role_page_values"]
