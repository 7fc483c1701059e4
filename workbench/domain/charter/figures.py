"""The current figures of an SLO a success metric names, as the charter shows them: the
share of good events so far this period and the error budget left, both in percent.

Decisions:
- Exact until shown: the shares are ``Fraction``s; the text rounds down (a team never reads
  more good events or budget than it has), to two decimals for the good share and one for
  the budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from workbench.domain.policy.evaluate import SloFigures
from workbench.domain.slo._num import plain

HUNDRED = Fraction(100)


def _floor(value: Fraction, places: int) -> str:
    scaled = Decimal(value.numerator) / Decimal(value.denominator)
    text = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)
    return f"{text:f}"


@dataclass(frozen=True)
class MetricFigures:
    slo: str
    target: Decimal
    good: Fraction | None
    """Percent of good events so far this period (None: no events yet)."""
    budget_left: Fraction
    """Percent of the period's error budget left (negative when overspent)."""
    period_start: date | None = None
    period_end: date | None = None

    @property
    def good_text(self) -> str:
        return "no events yet" if self.good is None else f"{_floor(self.good, 2)}%"

    @property
    def budget_text(self) -> str:
        return f"{_floor(self.budget_left, 1)}%"

    @property
    def target_text(self) -> str:
        return f"{plain(self.target)}%"

    @property
    def met(self) -> bool | None:
        """Whether the good share so far reaches the target (None: no events)."""
        return None if self.good is None else self.good >= Fraction(self.target)

    def summary(self) -> str:
        """``99.95% good against 99.9% (budget left 50.0%)``"""
        return f"{self.good_text} good against {self.target_text} (budget left " \
               f"{self.budget_text})"


def metric_figures(figures: SloFigures) -> MetricFigures:
    good = None if figures.total == 0 else \
        Fraction(figures.total - figures.bad) * HUNDRED / figures.total
    return MetricFigures(slo=figures.slo, target=figures.target, good=good,
                         budget_left=figures.remaining, period_start=figures.period_start,
                         period_end=figures.period_end)
