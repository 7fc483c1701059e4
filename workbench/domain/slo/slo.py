"""SLO definitions tying an SLI to a target, each with its own error budget.

An endpoint can have one availability SLO and several latency SLOs, e.g. "90% within 200 ms"
and "99% within 1000 ms"; every one is evaluated, and budgeted, separately.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from workbench.domain.slo._num import div
from workbench.domain.slo.budget import BudgetStatus, budget_status
from workbench.domain.slo.sli import (
    DEFAULT_STATUS_POLICY,
    SliResult,
    StatusPolicy,
    availability_sli,
    latency_sli,
    latency_sli_from_histogram,
    parse_threshold_ms,
)
from workbench.domain.slo.target import TargetInput, check_counts, parse_target


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class AvailabilitySlo:
    """Target share of valid events that are good, with a configurable set of bad codes."""

    target: Decimal
    policy: StatusPolicy = field(default=DEFAULT_STATUS_POLICY)

    def __init__(self, target: TargetInput, policy: StatusPolicy = DEFAULT_STATUS_POLICY):
        object.__setattr__(self, "target", parse_target(target))
        object.__setattr__(self, "policy", policy)

    def describe(self) -> str:
        return f"{_text(self.target)}% available"

    def sli(self, counts_by_status: Mapping[int, int]) -> SliResult:
        return availability_sli(counts_by_status, self.policy)

    def budget(self, counts_by_status: Mapping[int, int], **options: Any) -> BudgetStatus:
        """Budget status from status-code counts; options as for ``budget_status``."""
        result = self.sli(counts_by_status)
        return budget_status(self.target, result.valid, result.bad, **options)


@dataclass(frozen=True)
class LatencySlo:
    """Target share of valid events finished within ``threshold_ms`` (inclusive)."""

    threshold_ms: Decimal
    target: Decimal

    def __init__(self, threshold_ms: int | Decimal | str, target: TargetInput):
        object.__setattr__(self, "threshold_ms", parse_threshold_ms(threshold_ms))
        object.__setattr__(self, "target", parse_target(target))

    def describe(self) -> str:
        return f"{_text(self.target)}% within {_text(self.threshold_ms)} ms"

    def sli(self, durations_ms: Iterable[int | Decimal]) -> SliResult:
        return latency_sli(durations_ms, self.threshold_ms)

    def sli_from_histogram(self, counts_by_upper_bound: Mapping[int | Decimal, int]) -> SliResult:
        return latency_sli_from_histogram(counts_by_upper_bound, self.threshold_ms)

    def budget(self, durations_ms: Iterable[int | Decimal], **options: Any) -> BudgetStatus:
        result = self.sli(durations_ms)
        return budget_status(self.target, result.valid, result.bad, **options)

    def budget_from_counts(self, valid: int, within: int, **options: Any) -> BudgetStatus:
        check_counts(valid, within)
        return budget_status(self.target, valid, valid - within, **options)


def achieved(result: SliResult, target: TargetInput) -> bool | None:
    """Whether an SLI result meets a target (``None`` when there were no valid events)."""
    if result.valid == 0:
        return None
    return div(result.good * 100, result.valid) >= parse_target(target)
