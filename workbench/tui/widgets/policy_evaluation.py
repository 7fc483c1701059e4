"""The "if today's figures hold" panel beside the conditions: what the evaluator says about
the policy as shown (``view.evaluation``): each condition's outcome with, per SLO in scope,
its figure against the threshold; the consequences in force; and whether a freeze is in
force and what it still allows (``freeze_text``, the banner above the panel).

Decisions:
- Every condition has a line with its outcome, so the panel reads beside the parts; the
  condition selected in the parts table (▶) also lists its figure against the threshold
  per SLO (on a wide terminal every condition does), the SLOs that fire first.
- Outcomes are words, not colours alone: FIRES, close, clear, unknown (with why).
- Every line is plain text from the policy and the figures (never markup).
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from workbench.display_width import display_width, pad_right
from workbench.domain.policy import Outcome
from workbench.tui.slo_meaning import percent

OUTCOME_WORDS = {Outcome.FIRES: "FIRES", Outcome.CLOSE: "close", Outcome.CLEAR: "clear",
                 Outcome.UNKNOWN: "unknown"}
OUTCOME_STYLES = {Outcome.FIRES: "bold $text-error", Outcome.CLOSE: "bold $text-warning",
                  Outcome.CLEAR: "bold $text-success", Outcome.UNKNOWN: "bold"}


def figure_line(result: Any) -> str:
    """``112.5% ≥ 100%`` (fires), ``63% < 70%``, or why it is unknown."""
    if result.outcome is Outcome.UNKNOWN or result.figure is None:
        return result.explanation or "no figures"
    sign = "≥" if result.outcome is Outcome.FIRES else "<"
    if result.outcome is Outcome.FIRES and result.threshold is not None \
            and result.figure < result.threshold:  # pragma: no cover - the evaluator's rule
        sign = "vs"
    text = f"{result.figure_text()} {sign} {result.threshold_text()}"
    if result.dependency:
        text += f" ({result.dependency})"
    return text


def freeze_text(evaluation: Any) -> Content | None:
    """The banner: ``❄ FREEZE: feature releases stopped · still allowed: security fixes``."""
    if evaluation is None or not evaluation.freeze:
        return None
    stopped = ", ".join(evaluation.stopped)
    allowed = ", ".join(evaluation.allowed) or "nothing"
    return Content.assemble(("❄ FREEZE: ", "bold"), (f"{stopped} stopped", "bold"),
                            f" · still allowed: {allowed}")


def consequence_lines(evaluation: Any) -> list[Content]:
    """``• stop feature releases (exhausted)``: what applies and which condition brings it
    (what a freeze still allows is in the banner)."""
    lines = []
    for applied in evaluation.applied:
        cons = applied.consequence
        what = f"stop {cons.activity}" if cons.freeze else cons.describe()
        why = f"{applied.condition}, fired earlier this period" if applied.carried \
            else applied.condition
        lines.append(Content.assemble("• ", (what, "bold"), f" ({why})"))
    return lines


SEVERITY = (Outcome.FIRES, Outcome.CLOSE, Outcome.UNKNOWN, Outcome.CLEAR)


def _result_lines(results: list[Any], *, narrow: bool) -> list[Content | str | tuple[str, str]]:
    """One line per SLO (``narrow``: the SLO's name, then its figures below it), the ones
    that fire first; SLOs unknown for the same reason share one line."""
    parts: list[Content | str | tuple[str, str]] = []
    ordered = sorted(results, key=lambda r: SEVERITY.index(r.outcome))
    unknown: dict[str, list[str]] = {}
    for result in ordered:
        if result.outcome is Outcome.UNKNOWN:
            unknown.setdefault(result.explanation or "no figures", []).append(result.slo)
            continue
        parts += [f"    {result.slo}" + ("\n      " if narrow else ": "),
                  (OUTCOME_WORDS[result.outcome], OUTCOME_STYLES[result.outcome]),
                  f" {figure_line(result)}\n"]
    for why, slos in unknown.items():
        who = slos[0] if len(slos) == 1 else f"{len(slos)} SLOs"
        parts += [f"    {who}" + ("\n      " if narrow else ": "),
                  (OUTCOME_WORDS[Outcome.UNKNOWN], OUTCOME_STYLES[Outcome.UNKNOWN]),
                  f": {why}\n"]
    return parts


def outcome_count(evaluation: Any, key: str, outcome: Outcome) -> str:
    """`` (1 of 4)`` for a condition that fires (or is close) on some of its SLOs."""
    results = [r for r in evaluation.results if r.condition == key]
    hits = sum(1 for r in results if r.outcome is outcome)
    if outcome in (Outcome.FIRES, Outcome.CLOSE) and len(results) > 1:
        return f" ({hits} of {len(results)})"
    return ""


def evaluation_text(view: Any, selected: str | None = None, *,
                    expand_all: bool = False, narrow: bool = False) -> Content:
    """The whole panel for ``view`` (a ``PolicyView``): every condition's outcome, with the
    figure against the threshold per SLO for ``selected`` (a condition's key; every
    condition when ``expand_all``), then the consequences in force."""
    evaluation = view.evaluation
    policy = view.policy
    if evaluation is None:
        return Content("Nothing to evaluate yet: put services or SLOs in scope.")
    parts: list[Content | str | tuple[str, str]] = [("Conditions\n", "bold underline")]
    if not policy.conditions:
        parts.append("none yet\n")
    width = max((display_width(c.key) for c in policy.conditions), default=0)
    for cond in policy.conditions:
        outcome = evaluation.condition_outcome(cond.key)
        marker = "▶ " if cond.key == selected else "  "
        parts += [(marker, "bold"), (pad_right(cond.key, width), "bold"), " ",
                  (OUTCOME_WORDS[outcome], OUTCOME_STYLES[outcome]),
                  outcome_count(evaluation, cond.key, outcome), "\n"]
        if expand_all or cond.key == selected:
            results = [r for r in evaluation.results if r.condition == cond.key]
            parts += _result_lines(results, narrow=narrow) or ["    no SLO in scope\n"]
    parts.append(("\nIn force now\n", "bold underline"))
    applied = consequence_lines(evaluation)
    if applied:
        parts += [Content("\n").join(applied), "\n"]
    else:
        parts.append("no consequence applies\n")
    if evaluation.missing:
        parts.append(("\nNo figures for\n", "bold underline"))
        parts += [f"• {gap}\n" for gap in evaluation.missing]
    if evaluation.lowest is not None:
        slo, remaining = evaluation.lowest
        parts.append(f"\nLeast budget left: {slo}, {percent(remaining, 1)}")
    return Content.assemble(*parts).rstrip()


def selected_line(text: Content) -> int:
    """The line of the panel where the selected condition (▶) is, to scroll to it."""
    return next((i for i, line in enumerate(text.plain.splitlines())
                 if line.startswith("▶ ")), 0)


class EvaluationPanel(Static):
    """``show(view, selected, wide=...)`` returns the line of the selected condition (for
    the container to scroll to)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Loading…", id=id, markup=False)

    def show(self, view: Any, selected: str | None = None, *, wide: bool = False) -> int:
        text = evaluation_text(view, selected, expand_all=wide, narrow=not wide)
        self.update(text)
        return selected_line(text)
