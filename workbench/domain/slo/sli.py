"""Service level indicators: availability from HTTP status codes, latency from durations.

Availability SLI = good events / valid events. Which status codes are *bad* is configured per
SLO with a ``StatusPolicy``: by default every 5xx is bad; 429 (or any other code) can be
added. Every other code (2xx, 3xx, 4xx such as 404) is valid and good. Codes listed as
*excluded* are not valid events at all: they count neither as good nor as bad.

Latency SLI = valid events that finished within the threshold / valid events. An event whose
duration equals the threshold is within it ("99% within 500 ms" includes 500 ms exactly).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from workbench.domain.formats import is_ascii_digits
from workbench.domain.slo._num import HUNDRED, div
from workbench.domain.slo.target import CountError, check_count

MIN_STATUS = 100
MAX_STATUS = 599
SERVER_ERRORS = frozenset(range(500, 600))


class StatusCodeError(ValueError):
    """A status code or a status-code spec (like ``"5xx,429"``) is not valid."""


class EventClass(StrEnum):
    GOOD = "good"
    BAD = "bad"
    EXCLUDED = "excluded"


def _check_status(code: int) -> int:
    if isinstance(code, bool) or not isinstance(code, int):
        raise StatusCodeError(f"HTTP status code must be a whole number, not {code!r}")
    if not MIN_STATUS <= code <= MAX_STATUS:
        raise StatusCodeError(f"HTTP status code {code} is outside {MIN_STATUS}-{MAX_STATUS}")
    return code


def parse_status_spec(spec: str) -> frozenset[int]:
    """Codes named by a comma-separated spec: ``"5xx"``, ``"429"``, ``"500-504"``, mixed.

    An empty spec names no codes.
    """
    codes: set[int] = set()
    for raw in spec.split(","):
        part = raw.strip().lower()
        if not part:
            continue
        try:
            if len(part) == 3 and part.endswith("xx") and is_ascii_digits(part[0]):
                first = int(part[0]) * 100
                if not 1 <= int(part[0]) <= 5:
                    raise StatusCodeError(f"status class {raw.strip()!r} must be 1xx to 5xx")
                codes.update(range(first, first + 100))
            elif "-" in part:
                low_text, high_text = part.split("-", 1)
                low, high = _check_status(int(low_text)), _check_status(int(high_text))
                if low > high:
                    raise StatusCodeError(f"status range {raw.strip()!r} runs backwards")
                codes.update(range(low, high + 1))
            else:
                codes.add(_check_status(int(part)))
        except ValueError as exc:
            if isinstance(exc, StatusCodeError):
                raise
            raise StatusCodeError(
                f"{raw.strip()!r} is not a status code, range or class; use e.g. '5xx,429'"
            ) from None
    return frozenset(codes)


@dataclass(frozen=True)
class StatusPolicy:
    """Which HTTP status codes are bad, and which are not valid events at all."""

    bad: frozenset[int] = field(default=SERVER_ERRORS)
    excluded: frozenset[int] = field(default=frozenset())

    def __post_init__(self) -> None:
        for code in self.bad | self.excluded:
            _check_status(code)
        both = self.bad & self.excluded
        if both:
            raise StatusCodeError(f"status codes {sorted(both)} cannot be both bad and excluded")

    @classmethod
    def from_spec(cls, bad: str = "5xx", excluded: str = "") -> StatusPolicy:
        """Build a policy from specs such as ``bad="5xx,429"``."""
        return cls(bad=parse_status_spec(bad), excluded=parse_status_spec(excluded))

    def classify(self, code: int) -> EventClass:
        _check_status(code)
        if code in self.excluded:
            return EventClass.EXCLUDED
        if code in self.bad:
            return EventClass.BAD
        return EventClass.GOOD


DEFAULT_STATUS_POLICY = StatusPolicy()


def classify_status(code: int, policy: StatusPolicy = DEFAULT_STATUS_POLICY) -> EventClass:
    """Whether one response with this status code is a good, bad or excluded event."""
    return policy.classify(code)


@dataclass(frozen=True)
class SliResult:
    """Good and valid event counts with the SLI they give (``None`` when nothing is valid)."""

    good: int
    valid: int

    @property
    def bad(self) -> int:
        return self.valid - self.good

    @property
    def percent(self) -> Decimal | None:
        """Good / valid as an exact percentage; ``None`` when there were no valid events."""
        if self.valid == 0:
            return None
        return div(self.good * HUNDRED, self.valid)


def availability_sli(
    counts_by_status: Mapping[int, int], policy: StatusPolicy = DEFAULT_STATUS_POLICY
) -> SliResult:
    """Availability SLI from a mapping of status code -> number of responses."""
    good = valid = 0
    for code, count in counts_by_status.items():
        check_count(f"count for status {code}", count)
        kind = policy.classify(code)
        if kind is EventClass.EXCLUDED:
            continue
        valid += count
        if kind is EventClass.GOOD:
            good += count
    return SliResult(good=good, valid=valid)


def parse_threshold_ms(value: int | Decimal | str) -> Decimal:
    if isinstance(value, bool | float):
        raise ValueError(f"latency threshold must be int, Decimal or text, not {value!r}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"latency threshold {value!r} is not a number of milliseconds") from None
    if not number.is_finite() or number <= 0:
        raise ValueError(f"latency threshold must be a positive number of ms, not {value}")
    return number


def latency_sli(
    durations_ms: Iterable[int | Decimal], threshold_ms: int | Decimal | str
) -> SliResult:
    """Latency SLI from individual durations in ms (within = duration <= threshold)."""
    limit = parse_threshold_ms(threshold_ms)
    good = valid = 0
    for duration in durations_ms:
        if isinstance(duration, bool) or not isinstance(duration, int | Decimal):
            raise CountError(f"duration must be int or Decimal ms, not {duration!r}")
        if duration < 0:
            raise CountError(f"duration cannot be negative ({duration} ms)")
        valid += 1
        if duration <= limit:
            good += 1
    return SliResult(good=good, valid=valid)


def latency_sli_from_histogram(
    counts_by_upper_bound: Mapping[int | Decimal, int], threshold_ms: int | Decimal | str
) -> SliResult:
    """Latency SLI from histogram buckets: upper bound in ms -> events in that bucket.

    A bucket counts as within the threshold when its upper bound is <= the threshold, so a
    threshold between two bounds is judged conservatively (the straddling bucket is bad).
    """
    limit = parse_threshold_ms(threshold_ms)
    good = valid = 0
    for bound, count in counts_by_upper_bound.items():
        check_count(f"count for bucket {bound}", count)
        valid += count
        if Decimal(bound) <= limit:
            good += count
    return SliResult(good=good, valid=valid)
