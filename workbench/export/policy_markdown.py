"""The error budget policy as a wiki page: status, scope, purpose, the conditions and their
consequences as one table, escalation, who agreed and when, the next review, and the
evaluation as of the export's day (what fires, what is close, what is in force, whether a
freeze is on and what it still allows).

Everything here takes domain values (a ``PolicyReport``), so the registry exporter, the CLI
and tests render the same page from the same data. User text is escaped by the template
(the ``md`` filter of ``workbench.export.markdown``); the page holds no HTML.

Decisions:
- The page shows the policy's current text (a draft when one is being edited) and says so
  in its status line; the evaluation is of the revision that governs: the agreed revision
  in force when there is one, else the draft, and the page says which it evaluated.
- The conditions table has one row per consequence, the condition's cells filled on its
  first row only, so every consequence and when it ends can be read on its own line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jinja2 import Environment

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.policy import ENDS_TITLES, Evaluation, Outcome, Policy
from workbench.domain.policy.evaluate import CLOSE_SHARE
from workbench.domain.slo._num import plain
from workbench.export.document_markdown import render_page

TEMPLATE = "export/error-budget-policy.md.j2"

OUTCOME_TITLES = {
    Outcome.FIRES: "**fires**",
    Outcome.CLOSE: "close",
    Outcome.CLEAR: "clear",
    Outcome.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class PolicyReport:
    """Everything the page shows, as domain values."""

    workspace: str
    policy: Policy
    as_of: date
    """The day the evaluation is for."""
    state: LifecycleState | None = None
    """The policy's ``LifecycleState``, or None before its first save."""
    revisions: int = 0
    last_saved: datetime | None = None
    in_force_number: int | None = None
    evaluation: Evaluation | None = None
    evaluated: str = ""
    """Which text was evaluated: "agreed revision 3 in force" or "draft (not agreed yet)"."""

    @classmethod
    def from_stored(cls, stored: Any, workspace: str, as_of: date,
                    evaluation: Evaluation | None) -> PolicyReport:
        """From ``workbench.store.policy_repo``'s ``StoredPolicy``; ``evaluation`` is of
        ``evaluated_policy(stored)``."""
        return cls(workspace=workspace, policy=stored.policy, as_of=as_of, state=stored.state,
                   revisions=stored.revisions, last_saved=stored.last_saved,
                   in_force_number=stored.in_force_number, evaluation=evaluation,
                   evaluated=evaluated_label(stored))


def evaluated_policy(stored: Any) -> Policy:
    """The text that governs now: the agreed revision in force, else the current draft."""
    return stored.in_force if stored.in_force is not None else stored.policy


def evaluated_label(stored: Any) -> str:
    if stored.in_force is not None and stored.in_force_number is not None:
        return f"agreed revision {stored.in_force_number} in force"
    return "draft (not agreed yet)"


def _status(report: PolicyReport) -> str:
    if report.state is None:
        return "not saved yet"
    details = [f"revision {report.revisions}"] if report.revisions else []
    if report.last_saved is not None:
        details.append(f"saved {report.last_saved.date().isoformat()}")
    text = report.state.describe()
    return f"{text} ({', '.join(details)})" if details else text


def _conditions(policy: Policy) -> list[dict[str, Any]]:
    rows = []
    for cond in policy.conditions:
        consequences = cond.consequences or (None,)
        for index, cons in enumerate(consequences):
            first = index == 0
            rows.append({
                "first": first, "key": cond.key if first else "",
                "description": cond.description if first else "",
                "fires_when": cond.describe() if first else "",
                "freeze": bool(cons and cons.freeze),
                "consequence": cons.describe() if cons else "",
                "detail": cons.detail if cons else "",
                "ends": ENDS_TITLES[cons.ends] if cons else "",
            })
    return rows


def _dash(text: str) -> str:
    return "—" if text == "-" else text


def _evaluation(evaluation: Evaluation | None) -> dict[str, Any] | None:
    if evaluation is None:
        return None
    results = [{"condition": r.condition, "slo": r.slo, "outcome": OUTCOME_TITLES[r.outcome],
                "figure": _dash(r.figure_text()), "threshold": _dash(r.threshold_text()),
                "why": r.explanation or "—"} for r in evaluation.results]
    applied = []
    for a in evaluation.applied:
        because = ("fired earlier this period" if a.carried
                   else "fires for " + ", ".join(a.slos))
        applied.append({"condition": a.condition, "freeze": a.consequence.freeze,
                        "consequence": a.consequence.describe(),
                        "ends": ENDS_TITLES[a.consequence.ends], "because": because})
    freezes = evaluation.freezes
    lowest = evaluation.lowest
    return {
        "results": results, "applied": applied, "freeze": evaluation.freeze,
        "stopped": list(evaluation.stopped), "allowed": list(evaluation.allowed),
        "freeze_conditions": list(dict.fromkeys(a.condition for a in freezes)),
        "fired": list(evaluation.fired), "close": [
            f"{r.condition} ({r.slo}: {r.figure_text()} of {r.threshold_text()})"
            for r in evaluation.close],
        "in_scope": list(evaluation.in_scope), "missing": list(evaluation.missing),
        "lowest": (f"{lowest[0]}: {plain(lowest[1], 2)}% of the budget left"
                   if lowest else None),
    }


def report_values(report: PolicyReport) -> dict[str, Any]:
    """What the template shows (user text still raw: the template escapes it)."""
    policy = report.policy
    state = report.state
    required = state.required if state is not None else policy.required_parties()
    signoffs = [{"name": s.name, "role": s.role, "on": s.on.isoformat(),
                 "comment": s.comment or "—"} for s in (state.signoffs if state else ())]
    return {
        "title": policy.title or f"Error budget policy {policy.name}",
        "name": policy.name, "workspace_name": report.workspace, "team": policy.team,
        "status": _status(report), "as_of": report.as_of.isoformat(),
        "services": list(policy.services), "slos": list(policy.slos),
        "purpose": policy.purpose,
        "conditions": _conditions(policy),
        "close_percent": plain(Decimal(CLOSE_SHARE.numerator * 100)
                               / Decimal(CLOSE_SHARE.denominator)),
        "tiebreaker": policy.tiebreaker, "procedure": policy.escalation,
        "contacts": [{"name": c.name, "role": c.role or "—", "how": c.how or "—"}
                     for c in policy.contacts],
        "required": [p.label for p in required], "signoffs": signoffs,
        "waiting": [p.label for p in state.missing] if state is not None else [],
        "agreed": state is not None and state.status.value == "agreed",
        "in_force": report.in_force_number,
        "next_review": policy.next_review.isoformat() if policy.next_review else None,
        "after_outage": policy.review_after_major_outage,
        "evaluated": report.evaluated or "draft (not agreed yet)",
        "evaluation": _evaluation(report.evaluation),
    }


def render_markdown(report: PolicyReport, *, generated_at: str | None = None,
                    env: Environment | None = None, workspace_name: str | None = None) -> str:
    """The policy as one Markdown page (``generated_at``: ISO text shown at the top), from the
    override of workspace ``workspace_name`` when it has one, else the bundled template. A
    template that fails raises ``workbench.export.templates.TemplateProblem``."""
    return render_page(TEMPLATE, report_values(report), workspace_name=workspace_name,
                       generated_at=generated_at, env=env)


__all__ = ["OUTCOME_TITLES", "TEMPLATE", "PolicyReport", "evaluated_label", "evaluated_policy",
           "render_markdown", "report_values"]
