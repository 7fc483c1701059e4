"""The reliability gate: one decision for a deploy pipeline from a policy's evaluation.

Exit codes (checked in this order, the first that applies wins):

=====  ===========================================================================
code   meaning
=====  ===========================================================================
5      the policy or the configuration is invalid
4      status data is missing for something in scope, or older than the maximum age, or a
       condition with a freeze consequence cannot be evaluated on the figures given
3      a freeze consequence of the policy is in force
1      the remaining budget of an SLO in scope is strictly below the threshold
0      pass
=====  ===========================================================================

(2 is a usage error, decided by the command line before the gate runs.) The threshold is a
percentage of the period's budget, 5 by default as in the Day 5 material; an SLO fails it only
when its remaining budget is strictly below: 5% left passes, 4.99% does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from enum import IntEnum
from fractions import Fraction

from workbench.domain.policy.evaluate import (
    ConditionResult,
    Evaluation,
    Outcome,
    SloFigures,
    decimal,
)
from workbench.domain.slo._num import plain

DEFAULT_THRESHOLD = Decimal(5)
DEFAULT_MAX_AGE = timedelta(hours=24)


class GateCode(IntEnum):
    PASS = 0
    LOW_BUDGET = 1
    USAGE = 2
    FREEZE = 3
    NO_DATA = 4
    INVALID = 5


@dataclass(frozen=True)
class GateDecision:
    code: GateCode
    reason: str
    """One line saying why."""
    threshold: Decimal
    evaluation: Evaluation | None = None
    figures: tuple[SloFigures, ...] = ()
    problems: tuple[str, ...] = ()
    below: tuple[tuple[str, Decimal], ...] = field(default=())
    """(SLO, remaining %) of every SLO below the threshold."""

    @property
    def passed(self) -> bool:
        return self.code is GateCode.PASS


def invalid(problems: Sequence[str], threshold: Decimal = DEFAULT_THRESHOLD) -> GateDecision:
    first = problems[0] if problems else "the policy is invalid"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return GateDecision(GateCode.INVALID, f"invalid: {first}{more}", threshold,
                        problems=tuple(problems))


def decide(figures: Sequence[SloFigures], evaluation: Evaluation | None, *,
           threshold: Decimal = DEFAULT_THRESHOLD, age: timedelta | None = None,
           max_age: timedelta = DEFAULT_MAX_AGE, missing: Sequence[str] = (),
           scope: str = "") -> GateDecision:
    """The gate's decision. ``figures`` are the SLOs to check (those in the policy's scope,
    or a service's SLOs when no policy covers it); ``age`` is how old the status data is;
    ``missing`` names what has no figures although it should."""
    if not Decimal(threshold).is_finite() or not Decimal(0) <= threshold <= Decimal(100):
        return invalid([f"threshold {threshold} must be a percentage from 0 to 100"])
    figures = tuple(figures)
    gaps = tuple(missing) + (evaluation.missing if evaluation else ())
    gaps = tuple(dict.fromkeys(gaps))
    where = f" for {scope}" if scope else ""

    def made(code: GateCode, reason: str, below=()) -> GateDecision:
        return GateDecision(code, reason, threshold, evaluation, figures, below=below)

    if gaps:
        return made(GateCode.NO_DATA, f"no status data{where}: {', '.join(gaps)}")
    if not figures:
        return made(GateCode.NO_DATA, f"no status data{where}: no SLO has figures")
    if age is not None and age > max_age:
        return made(GateCode.NO_DATA, f"status data is {_age(age)} old, older than the "
                                      f"maximum age of {_age(max_age)}")
    blind = _unknown_freezes(evaluation, figures) if evaluation is not None else ()
    if blind:
        shown = "; ".join(f"condition {r.condition} on {r.slo}: {r.explanation}"
                          for r in blind)
        return made(GateCode.NO_DATA, f"no status data{where} to decide a freeze: {shown}")
    if evaluation is not None and evaluation.freeze:
        stopped = ", ".join(evaluation.stopped)
        conditions = ", ".join(_why(evaluation, key) for key in
                               dict.fromkeys(a.condition for a in evaluation.freezes))
        allowed = evaluation.allowed
        still = f"; still allowed: {', '.join(allowed)}" if allowed else ""
        return made(GateCode.FREEZE, f"freeze in force{where}: stop {stopped} "
                                     f"(condition {conditions}){still}")
    limit = Fraction(threshold)
    below = tuple((f.slo, decimal(f.remaining)) for f in figures if f.remaining < limit)
    if below:
        shown = ", ".join(f"{slo} {plain(left, 2)}%" for slo, left in below)
        return made(GateCode.LOW_BUDGET, f"budget below {plain(threshold)}% left{where}: "
                                         f"{shown}", below)
    lowest = min(figures, key=lambda f: f.remaining)
    return made(GateCode.PASS, f"pass{where}: every SLO has at least {plain(threshold)}% of "
                               f"its budget left (lowest: {lowest.slo} "
                               f"{plain(decimal(lowest.remaining), 2)}%)")


def _unknown_freezes(evaluation: Evaluation,
                     figures: Sequence[SloFigures]) -> tuple[ConditionResult, ...]:
    """Results that leave a freeze undecided: a condition with a freeze consequence whose
    figure could not be computed from the figures of an SLO being checked (a deploy must not
    pass on figures nobody could check). SLOs without any figures are the caller's
    ``missing``, so they are not counted twice here."""
    freezing = {c.key for c in evaluation.policy.conditions if c.freezes}
    checked = {f.slo for f in figures}
    return tuple(r for r in evaluation.results if r.outcome is Outcome.UNKNOWN
                 and r.condition in freezing and r.slo in checked)


def _why(evaluation: Evaluation, key: str) -> str:
    """``exhausted: upi-payments 104.5% (threshold 100%)`` or ``exhausted: fired earlier
    this period``."""
    fired = [r for r in evaluation.results if r.condition == key and r.outcome is Outcome.FIRES]
    if not fired:
        return f"{key}: fired earlier this period"
    shown = ", ".join(f"{r.slo} {r.figure_text()}{f' from {r.dependency}' if r.dependency else ''}"
                      f" (threshold {r.threshold_text()})" for r in fired)
    return f"{key}: {shown}"


def _age(span: timedelta) -> str:
    # as duration_text: whole days from two days on, so the default reads 24h, as written
    minutes = int(span.total_seconds()) // 60
    if minutes % (24 * 60) == 0 and minutes >= 2 * 24 * 60:
        return f"{minutes // (24 * 60)}d"
    if minutes >= 60:
        hours, rest = divmod(minutes, 60)
        return f"{hours}h" if not rest else f"{hours}h{rest}m"
    return f"{minutes}m"
