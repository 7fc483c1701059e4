"""The evaluator: which conditions of a policy fire against the budget figures of the SLOs in
its scope, which consequences apply, whether a freeze is in force and what it still allows,
and which conditions are close to firing.

Decisions:
- Every decision is exact: the figures are computed as ``Fraction`` (rational numbers from
  the integer counts and the decimal target), compared with the threshold exactly, and only
  turned into ``Decimal`` for display. "Exactly at the threshold" fires (``>=``), except
  "projected to run out", which fires when the projected consumption is strictly above 100%
  (at exactly 100% the budget lasts to the end), as in the SLO engine.
- A condition is **close** when its figure has reached nine tenths of its threshold but not
  the threshold (``CLOSE_SHARE``): 63% consumed is close to a 70% condition.
- A condition whose figure cannot be computed (no figures for an SLO, no window of that
  length, no dependency data) is **unknown**, never silently clear.
- A consequence that ends "at the start of the next period" stays in force for the rest of
  the period once its condition fired; the caller says which conditions fired earlier in the
  current period (``fired_earlier``).
- When several freezes apply, an activity stays allowed only if every freeze allows it.
- "Consumed within a window" counts only the window's bad events that fall in the current
  period (a new period starts with a whole budget); a burn rate over a window uses the whole
  window, since it describes the service, not the period.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from workbench.domain.policy.model import (
    Condition,
    Consequence,
    Ends,
    Policy,
    Trigger,
    duration_text,
)
from workbench.domain.slo._num import CTX, plain
from workbench.domain.slo.periods import micros
from workbench.domain.slo.target import CountError, check_count, check_counts, parse_target

CLOSE_SHARE = Fraction(9, 10)
HUNDRED = Fraction(100)


@dataclass(frozen=True)
class WindowFigures:
    """Valid and bad events in the last ``window`` (ending at the figures' as-of time)."""

    window: timedelta
    total: int
    bad: int


@dataclass(frozen=True)
class SloFigures:
    """One SLO's budget figures for its current compliance period."""

    slo: str
    target: Decimal
    total: int
    bad: int
    length: timedelta
    elapsed: timedelta
    service: str | None = None
    expected_total: int | None = None
    windows: tuple[WindowFigures, ...] = ()
    dependencies: tuple[tuple[str, int], ...] | None = None
    """Bad events of the period caused by each dependency; None: no such data."""
    period_start: date | None = None
    period_end: date | None = None

    def __post_init__(self) -> None:
        parse_target(self.target)
        check_counts(self.total, self.bad)
        if self.expected_total is not None:
            # As in the SLO engine: a period cannot expect fewer events than it already had
            # (an expected total of 0 would make any bad events look free).
            check_count("expected total", self.expected_total)
            if self.expected_total < self.total:
                raise CountError(f"expected total ({self.expected_total}) cannot be below the "
                                 f"events so far ({self.total})")
        if self.length <= timedelta(0) or not timedelta(0) < self.elapsed <= self.length:
            raise ValueError("elapsed must be more than zero and at most the period length")
        for w in self.windows:
            check_counts(w.total, w.bad)
        for _name, bad in self.dependencies or ():
            check_counts(self.bad, bad)

    def window(self, length: timedelta) -> WindowFigures | None:
        return next((w for w in self.windows if w.window == length), None)

    @property
    def budget_share(self) -> Fraction:
        return (HUNDRED - Fraction(parse_target(self.target))) / HUNDRED

    @property
    def budget_events(self) -> Fraction:
        """The period's budget in events (expected valid events x budget share), exact."""
        if self.expected_total is not None:
            expected = Fraction(self.expected_total)
        else:
            expected = Fraction(self.total) * micros(self.length) / micros(self.elapsed)
        return expected * self.budget_share

    @property
    def consumed(self) -> Fraction:
        """Percent of the period's budget consumed (0 when nothing could be spent)."""
        budget = self.budget_events
        return Fraction(0) if budget == 0 else Fraction(self.bad) * HUNDRED / budget

    @property
    def remaining(self) -> Fraction:
        return HUNDRED - self.consumed

    def burn_rate(self, window: WindowFigures | None = None) -> Fraction:
        """Observed bad share / budget share, over ``window`` or the period so far."""
        total, bad = (window.total, window.bad) if window else (self.total, self.bad)
        if total == 0:
            return Fraction(0)
        return Fraction(bad, total) / self.budget_share


class Outcome(StrEnum):
    FIRES = "fires"
    CLOSE = "close"
    CLEAR = "clear"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ConditionResult:
    condition: str
    """The condition's key."""
    slo: str
    outcome: Outcome
    figure: Decimal | None = None
    threshold: Decimal | None = None
    unit: str = "%"
    explanation: str = ""
    dependency: str = ""

    def figure_text(self) -> str:
        return "-" if self.figure is None else f"{plain(self.figure, 2)}{_unit(self.unit)}"

    def threshold_text(self) -> str:
        return "-" if self.threshold is None else f"{plain(self.threshold, 2)}{_unit(self.unit)}"


def _unit(unit: str) -> str:
    return "%" if unit == "%" else f" {unit}" if unit else ""


@dataclass(frozen=True)
class AppliedConsequence:
    condition: str
    consequence: Consequence
    slos: tuple[str, ...]
    """The SLOs whose figures made the condition fire (empty: it fired earlier)."""
    carried: bool = False
    """In force because the condition fired earlier this period (ends next period)."""


@dataclass(frozen=True)
class Evaluation:
    policy: Policy
    results: tuple[ConditionResult, ...]
    applied: tuple[AppliedConsequence, ...]
    in_scope: tuple[str, ...]
    """Names of the SLOs evaluated."""
    missing: tuple[str, ...] = ()
    """What is in scope but has no figures ("SLO upi-payments", "service orders")."""
    lowest: tuple[str, Decimal] | None = None
    """(SLO, remaining %) of the SLO with the least budget left."""

    def of(self, outcome: Outcome) -> tuple[ConditionResult, ...]:
        return tuple(r for r in self.results if r.outcome is outcome)

    @property
    def fired(self) -> tuple[str, ...]:
        return _unique(r.condition for r in self.results if r.outcome is Outcome.FIRES)

    @property
    def close(self) -> tuple[ConditionResult, ...]:
        return self.of(Outcome.CLOSE)

    @property
    def freezes(self) -> tuple[AppliedConsequence, ...]:
        return tuple(a for a in self.applied if a.consequence.freeze)

    @property
    def freeze(self) -> bool:
        return bool(self.freezes)

    @property
    def stopped(self) -> tuple[str, ...]:
        """What the freezes in force stop, each once (whatever its case), as first written."""
        found: dict[str, str] = {}
        for a in self.freezes:
            found.setdefault(" ".join(a.consequence.activity.split()).casefold(),
                             a.consequence.activity)
        return tuple(found.values())

    @property
    def allowed(self) -> tuple[str, ...]:
        """What every freeze in force still allows (nothing when no freeze is in force)."""
        freezes = self.freezes
        if not freezes:
            return ()
        first = freezes[0].consequence.allowed
        rest = [{x.casefold() for x in f.consequence.allowed} for f in freezes[1:]]
        return tuple(x for x in first if all(x.casefold() in other for other in rest))

    def condition_outcome(self, key: str) -> Outcome:
        """The strongest outcome of a condition over the SLOs in scope."""
        found = [r.outcome for r in self.results if r.condition == key]
        for outcome in (Outcome.FIRES, Outcome.CLOSE, Outcome.UNKNOWN, Outcome.CLEAR):
            if outcome in found:
                return outcome
        return Outcome.UNKNOWN


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def in_scope(policy: Policy, figures: Sequence[SloFigures]) -> tuple[SloFigures, ...]:
    names = {n.casefold() for n in policy.slos}
    services = {s.casefold() for s in policy.services}
    return tuple(f for f in figures if f.slo.casefold() in names
                 or (f.service or "").casefold() in services)


def evaluate(policy: Policy, figures: Sequence[SloFigures], *,
             fired_earlier: Collection[str] = ()) -> Evaluation:
    """Evaluate ``policy`` against the figures (those outside its scope are ignored)."""
    scoped = in_scope(policy, figures)
    names = {f.slo.casefold() for f in scoped}
    services = {(f.service or "").casefold() for f in scoped}
    missing = [f"SLO {n}" for n in policy.slos if n.casefold() not in names]
    missing += [f"service {s}" for s in policy.services if s.casefold() not in services]
    results: list[ConditionResult] = []
    for cond in policy.conditions:
        for fig in scoped:
            results.append(check_condition(cond, fig))
        for gap in missing:
            if gap.startswith("SLO "):
                results.append(ConditionResult(cond.key, gap[4:], Outcome.UNKNOWN,
                                               explanation="no budget figures for this SLO"))
    earlier = {k.casefold() for k in fired_earlier}
    applied: list[AppliedConsequence] = []
    for cond in policy.conditions:
        firing = _unique(r.slo for r in results
                         if r.condition == cond.key and r.outcome is Outcome.FIRES)
        for cons in cond.consequences:
            if firing:
                applied.append(AppliedConsequence(cond.key, cons, firing))
            elif cons.ends is Ends.NEXT_PERIOD and cond.key.casefold() in earlier:
                applied.append(AppliedConsequence(cond.key, cons, (), carried=True))
    lowest = min(scoped, key=lambda f: f.remaining, default=None)
    return Evaluation(
        policy=policy, results=tuple(results), applied=tuple(applied),
        in_scope=tuple(f.slo for f in scoped), missing=tuple(missing),
        lowest=(lowest.slo, decimal(lowest.remaining)) if lowest else None)


def decimal(value: Fraction) -> Decimal:
    """A fraction as a Decimal for display (rounded at digit 50 when it does not end)."""
    return CTX.divide(Decimal(value.numerator), Decimal(value.denominator))


def _outcome(figure: Fraction, threshold: Fraction, *, strict: bool = False) -> Outcome:
    fires = figure > threshold if strict else figure >= threshold
    if fires:
        return Outcome.FIRES
    return Outcome.CLOSE if figure >= threshold * CLOSE_SHARE else Outcome.CLEAR


def check_condition(cond: Condition, fig: SloFigures) -> ConditionResult:
    """One condition against one SLO's figures."""
    def result(figure: Fraction, threshold: Fraction, outcome: Outcome, explanation: str,
               unit: str = "%", dependency: str = "") -> ConditionResult:
        return ConditionResult(cond.key, fig.slo, outcome, decimal(figure), decimal(threshold),
                               unit, explanation, dependency)

    def unknown(why: str) -> ConditionResult:
        return ConditionResult(cond.key, fig.slo, Outcome.UNKNOWN, explanation=why)

    trigger = cond.trigger
    if trigger is Trigger.CONSUMED or trigger is Trigger.EXHAUSTED:
        threshold = Fraction(cond.percent) if trigger is Trigger.CONSUMED else HUNDRED
        consumed = fig.consumed
        return result(consumed, threshold, _outcome(consumed, threshold),
                      f"{_pct(consumed)} of the period's budget consumed")
    if trigger in (Trigger.CONSUMED_WITHIN, Trigger.BURN_RATE) or (
            trigger is Trigger.PROJECTED and cond.window):
        assert cond.window is not None
        window = fig.window(cond.window)
        if window is None:
            return unknown(f"no figures for the last {duration_text(cond.window)}")
    else:
        window = None
    if trigger is Trigger.CONSUMED_WITHIN:
        assert window is not None
        budget = fig.budget_events
        # Only bad events of this period consumed its budget: a window reaching back over the
        # period start holds the whole period so far (window and period end at the same time),
        # so the period's own bad events are the smaller of the two counts.
        bad = min(window.bad, fig.bad)
        spent = Fraction(0) if budget == 0 else Fraction(bad) * HUNDRED / budget
        threshold = Fraction(cond.percent)
        return result(spent, threshold, _outcome(spent, threshold),
                      f"{_pct(spent)} of the period's budget consumed in the last "
                      f"{duration_text(cond.window)}")
    if trigger is Trigger.BURN_RATE:
        rate = fig.burn_rate(window)
        threshold = Fraction(cond.burn_rate)
        return result(rate, threshold, _outcome(rate, threshold),
                      f"burning at {plain(decimal(rate), 2)}x over the last "
                      f"{duration_text(cond.window)}", unit="x")
    if trigger is Trigger.PROJECTED:
        rate = fig.burn_rate(window)
        left = Fraction(micros(fig.length - fig.elapsed), micros(fig.length))
        projected = fig.consumed + rate * left * HUNDRED
        return result(projected, HUNDRED, _outcome(projected, HUNDRED, strict=True),
                      f"{_pct(projected)} of the budget consumed by the end of the period "
                      "at the current burn rate")
    # Trigger.DEPENDENCY
    if fig.dependencies is None:
        return unknown("the figures do not say which dependency caused the bad events")
    candidates = [(n, b) for n, b in fig.dependencies
                  if not cond.dependency or n.casefold() == cond.dependency.casefold()]
    threshold = Fraction(cond.percent)
    if not candidates or fig.bad == 0:
        who = cond.dependency or "no dependency"
        return result(Fraction(0), threshold, _outcome(Fraction(0), threshold),
                      f"{who} caused none of the bad events", dependency=cond.dependency)
    name, bad = max(candidates, key=lambda c: (c[1], c[0]))
    share = Fraction(bad) * HUNDRED / fig.bad
    return result(share, threshold, _outcome(share, threshold),
                  f"{name} caused {_pct(share)} of the period's bad events", dependency=name)


def _pct(value: Fraction) -> str:
    return f"{plain(decimal(value), 2)}%"
