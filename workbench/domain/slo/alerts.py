"""SLO alert rules as data, and their thresholds for a given target.

A rule fires when the bad share over its window exceeds ``burn_rate x budget share``. With a
short window as well (multiwindow alerts), both windows must exceed the threshold: the long
window proves the problem is significant, the short one that it is still happening, so the
alert stops soon after a fix.

Two rule sets are provided:

* ``BOOK_RULE``: the SLO-breach alert of the book (table 9.10): fire when the last 60 minutes
  used more than twice the proportional budget, evaluate every 5 minutes, snooze 120 minutes
  after firing. For a 99.7% SLO the threshold is a 0.6% bad share.
* ``MULTIWINDOW_RULES``: the common multiwindow, multi-burn-rate set: page at 14.4 over 1 h
  (5 min short window) and 6 over 6 h (30 min); ticket at 3 over 1 day (2 h) and 1 over
  3 days (6 h).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from workbench.domain.slo._num import HUNDRED, div, mul, plain
from workbench.domain.slo.periods import micros
from workbench.domain.slo.target import TargetInput, budget_percent, check_counts


class Severity(StrEnum):
    PAGE = "page"
    TICKET = "ticket"


@dataclass(frozen=True)
class AlertRule:
    name: str
    severity: Severity
    burn_rate: Decimal
    long_window: timedelta
    short_window: timedelta | None = None
    evaluate_every: timedelta | None = None
    snooze: timedelta | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.burn_rate, Decimal) or not self.burn_rate > 0:
            raise ValueError(f"alert burn rate must be a positive Decimal, not {self.burn_rate!r}")
        if self.long_window <= timedelta(0):
            raise ValueError("alert window must be longer than zero")
        if self.short_window is not None and not (
            timedelta(0) < self.short_window < self.long_window
        ):
            raise ValueError("the short window must be shorter than the long window")


BOOK_RULE = AlertRule(
    name="slo-breach-60m",
    severity=Severity.PAGE,
    burn_rate=Decimal(2),
    long_window=timedelta(minutes=60),
    evaluate_every=timedelta(minutes=5),
    snooze=timedelta(minutes=120),
)

MULTIWINDOW_RULES: tuple[AlertRule, ...] = (
    AlertRule(
        "page-fast", Severity.PAGE, Decimal("14.4"), timedelta(hours=1), timedelta(minutes=5)
    ),
    AlertRule("page-slow", Severity.PAGE, Decimal(6), timedelta(hours=6), timedelta(minutes=30)),
    AlertRule("ticket-fast", Severity.TICKET, Decimal(3), timedelta(days=1), timedelta(hours=2)),
    AlertRule("ticket-slow", Severity.TICKET, Decimal(1), timedelta(days=3), timedelta(hours=6)),
)


@dataclass(frozen=True)
class AlertThreshold:
    rule: AlertRule
    target: Decimal
    bad_share_percent: Decimal  # the rule fires when the window's bad share exceeds this
    budget_consumed_percent: Decimal  # share of the period's budget spent when it fires

    @property
    def bad_share(self) -> Decimal:
        return div(self.bad_share_percent, HUNDRED)

    @property
    def can_fire(self) -> bool:
        """False when the rule needs a bad share above 100% (a low target with a high burn
        rate: 14.4 x a 10% budget is 144%); such a rule never fires."""
        return self.bad_share_percent < HUNDRED

    @property
    def highest_burn_rate(self) -> Decimal:
        """The burn rate a rule may use at most for this target and still fire (100% bad
        share / budget share): 10 for a 90% target. Any burn rate below it can fire."""
        return div(HUNDRED, HUNDRED - self.target)

    def problem(self) -> str | None:
        """Why this rule can never fire and what to do, or None when it can."""
        if self.can_fire:
            return None
        return unreachable_text(self.rule, self.target)


def alert_threshold(
    rule: AlertRule, target: TargetInput, budget_window: timedelta = timedelta(weeks=4)
) -> AlertThreshold:
    """Threshold of one rule for an SLO target.

    ``bad_share_percent`` = burn rate x (100 - target). ``budget_consumed_percent`` = burn
    rate x long window / budget window x 100: the budget a window just over the threshold
    has used (14.4 over 1 h of a 30-day budget = 2%).
    """
    budget = budget_percent(target)
    return AlertThreshold(
        rule=rule,
        target=HUNDRED - budget,
        bad_share_percent=mul(rule.burn_rate, budget),
        budget_consumed_percent=div(
            mul(mul(rule.burn_rate, micros(rule.long_window)), HUNDRED), micros(budget_window)
        ),
    )


def alert_thresholds(
    target: TargetInput,
    rules: tuple[AlertRule, ...] | list[AlertRule] = MULTIWINDOW_RULES,
    budget_window: timedelta = timedelta(weeks=4),
) -> list[AlertThreshold]:
    """Thresholds of every rule in ``rules`` for one SLO target."""
    return [alert_threshold(rule, target, budget_window) for rule in rules]


def unreachable_text(rule: AlertRule, target: Decimal) -> str:
    """One line for a rule that can never fire at ``target``, saying what to do instead."""
    # Rounded down, so the advice itself can fire: 100 / 7 = 14.2857... becomes 14.28.
    highest = div(HUNDRED, HUNDRED - target).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    share = mul(rule.burn_rate, HUNDRED - target)
    return (f"{rule.name} can never fire at a {plain(target)}% target: it needs more than "
            f"{plain(share)}% of events to be bad (drop this tier, or use a burn rate below "
            f"{plain(highest, 2)})")


def live_thresholds(thresholds: list[AlertThreshold]) -> list[AlertThreshold]:
    """The thresholds that can fire: exports write only these as live rules."""
    return [t for t in thresholds if t.can_fire]


def _exceeds(bad: int, total: int, threshold_percent: Decimal) -> bool:
    check_counts(total, bad)
    # bad / total > p / 100  <=>  100 x bad > p x total  (no division, exact)
    return total > 0 and mul(bad, HUNDRED) > mul(threshold_percent, total)


def alert_fires(
    rule: AlertRule,
    target: TargetInput,
    long_total: int,
    long_bad: int,
    short_total: int | None = None,
    short_bad: int | None = None,
) -> bool:
    """Whether ``rule`` fires for these window counts (valid and bad events per window).

    Windows with no valid events never fire. A rule with a short window needs its counts too.
    """
    threshold = mul(rule.burn_rate, budget_percent(target))
    if not _exceeds(long_bad, long_total, threshold):
        return False
    if rule.short_window is None:
        return True
    if short_total is None or short_bad is None:
        raise ValueError(f"rule {rule.name} needs the short-window counts as well")
    return _exceeds(short_bad, short_total, threshold)
