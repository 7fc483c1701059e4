"""A team charter as a wiki page: status, mission, responsibilities, scope, the success
metrics with the current figures of the SLOs they name, interactions with other teams,
communication (channels, meetings, escalation path), review, agreement, and what is still
missing before it can be agreed.

``render_charter`` takes a ``CharterView`` of ``wb.charters`` or a ``CharterPage`` (the
same fields; the registry exporter builds one, as the export may not use the service), so
the CLI, the TUI and the export render the same page from the same data. User text is
escaped by the template (``export/team-charter.md.j2``); the page holds no HTML.

Decisions:
- The page shows the charter's current text (a draft while one is edited) and says in its
  status line whether an agreed revision is still in force.
- Figures are of the day the page is for (``as_of``), named on the page; a metric whose SLO
  has no counts in its current period says so instead of showing zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from jinja2 import Environment

from workbench.domain.charter import (
    PART_TITLES,
    Charter,
    MetricFigures,
    MissingPart,
    missing_parts,
    review_due,
)
from workbench.domain.lifecycle import LifecycleState
from workbench.export.document_markdown import agreement_of, render_page

TEMPLATE = "export/team-charter.md.j2"
NO_COUNTS = "no counts this period"


class CharterLike(Protocol):
    """What the page needs of a charter view (``CharterView`` and ``CharterPage`` have it)."""

    charter: Charter
    state: LifecycleState
    as_of: date
    in_force_number: int | None
    revisions: int
    last_saved: datetime | None
    missing: tuple[MissingPart, ...]
    problems: tuple[str, ...]

    @property
    def review_due(self) -> bool: ...

    def figures_of(self, slo: str | None) -> MetricFigures | None: ...


@dataclass(frozen=True)
class CharterPage:
    """A charter with what its page shows beside it, built from the store's
    ``StoredCharter`` (see ``from_stored``)."""

    charter: Charter
    state: LifecycleState
    as_of: date
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None
    missing: tuple[MissingPart, ...] = ()
    problems: tuple[str, ...] = ()
    figures: dict[str, MetricFigures] | None = None

    @classmethod
    def from_stored(cls, stored: Any, as_of: date, *, figures: dict[str, MetricFigures],
                    problems: tuple[str, ...] = ()) -> CharterPage:
        """From ``workbench.store.charter_repo.StoredCharter``; ``figures`` may hold every
        SLO's figures (only those the metrics name are kept)."""
        named = {m.slo for m in stored.charter.metrics if m.slo}
        return cls(charter=stored.charter, state=stored.state, as_of=as_of,
                   in_force_number=stored.in_force_number, revisions=stored.revisions,
                   last_saved=stored.last_saved, missing=missing_parts(stored.charter),
                   problems=tuple(problems),
                   figures={k: v for k, v in figures.items() if k in named})

    @property
    def review_due(self) -> bool:
        return review_due(self.charter, self.as_of)

    def figures_of(self, slo: str | None) -> MetricFigures | None:
        if not slo or not self.figures:
            return None
        return self.figures.get(slo)


def missing_title(part: str) -> str:
    """The heading a missing part is under: ``scope.in`` -> "Scope"."""
    return PART_TITLES.get(part.split(".", 1)[0].split("[", 1)[0], part)


def page_values(view: CharterLike, *, workspace_name: str) -> dict[str, Any]:
    """What the template shows (user text still raw: the template escapes it)."""
    charter = view.charter
    metrics = []
    for metric in charter.metrics:
        figures = view.figures_of(metric.slo)
        metrics.append({
            "name": metric.name, "target": metric.target, "slo": metric.slo,
            "figures": figures.summary() if figures is not None
            else (NO_COUNTS if metric.slo else None),
        })
    return {
        "team": charter.team, "workspace_name": workspace_name,
        "as_of": view.as_of.isoformat(),
        "agreement": agreement_of(view),
        "mission": charter.mission,
        "responsibilities": list(charter.responsibilities),
        "scope_in": list(charter.scope_in), "scope_out": list(charter.scope_out),
        "metrics": metrics, "names_slos": any(m.slo for m in charter.metrics),
        "interactions": [{"team": i.team, "purpose": i.purpose, "how": i.how}
                         for i in charter.interactions],
        "channels": [{"name": c.name, "purpose": c.purpose} for c in charter.channels],
        "meetings": [{"name": m.name, "cadence": m.cadence.title, "attendees": m.attendees}
                     for m in charter.meetings],
        "escalation": list(charter.escalation),
        "review_cadence": charter.review_cadence.title if charter.review_cadence else None,
        "next_review": charter.next_review.isoformat() if charter.next_review else None,
        "review_due": view.review_due,
        "missing": [{"part": missing_title(m.part), "message": m.message}
                    for m in view.missing],
        "problems": list(view.problems),
    }


def render_charter(view: CharterLike, *, workspace_name: str,
                   generated_at: datetime | str | None = None,
                   env: Environment | None = None) -> str:
    """The charter as one Markdown page, from the workspace's override of the template
    when it has one, else the bundled template; ``generated_at`` is shown at the top. A
    template that fails raises ``workbench.export.templates.TemplateProblem``."""
    return render_page(TEMPLATE, page_values(view, workspace_name=workspace_name),
                       workspace_name=workspace_name, generated_at=generated_at, env=env)


__all__ = ["NO_COUNTS", "TEMPLATE", "CharterLike", "CharterPage", "missing_title",
           "page_values", "render_charter"]
