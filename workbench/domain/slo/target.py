"""SLO targets and event counts: parsing and validation.

A target is a percentage strictly between 0 and 100, held as an exact ``Decimal``. A 100% SLO
leaves no error budget at all, so it is rejected like 0, negatives and non-numbers.

Float input is rejected on purpose: ``99.9`` as a float is really
99.900000000000005684..., and ``(1 - 0.9) * 50000`` in floats gives 4999.999999999999 rather
than 5000. Pass targets as ``str`` (``"99.9"``), ``int`` (``99``) or ``Decimal``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from workbench.domain.slo._num import CTX, HUNDRED, ZERO, div

TargetInput = str | int | Decimal

# More decimals than this describe no real SLO and would only slow the exact arithmetic.
MAX_DECIMALS = 10


class TargetError(ValueError):
    """The SLO target is not a usable percentage; the message says how to fix it."""


class CountError(ValueError):
    """Event counts are inconsistent (negative, not whole numbers, bad above total, ...)."""


def parse_target(value: TargetInput) -> Decimal:
    """Return the SLO target as an exact ``Decimal`` percentage in the open range (0, 100).

    Accepts ``"99.9"``, ``"99.9%"``, ``99`` or ``Decimal("99.9")``. Raises ``TargetError`` for
    floats, booleans, text that is not a number, NaN, infinities, and values outside (0, 100).
    """
    if isinstance(value, bool):
        raise TargetError(f"SLO target must be a percentage, not the boolean {value}")
    if isinstance(value, float):
        raise TargetError(
            f"SLO target {value!r} is a float, which cannot hold most decimals exactly; "
            f"pass it as text or Decimal instead, e.g. '{value!r}'"
        )
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise TargetError(
                f"SLO target {value!r} is not a number; give a percentage such as 99.9"
            ) from None
    else:
        raise TargetError(f"SLO target must be text, int or Decimal, not {type(value).__name__}")
    if not number.is_finite():
        raise TargetError(
            f"SLO target {value!r} is not a finite number; give a percentage such as 99.9"
        )
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        raise TargetError(
            f"SLO target {value} has more than {MAX_DECIMALS} decimal places; shorten it, "
            "e.g. 99.999"
        )
    if number == HUNDRED:
        raise TargetError(
            "SLO target 100 leaves no error budget, so every failure would breach it; "
            "choose a target below 100, e.g. 99.9"
        )
    if number > HUNDRED:
        raise TargetError(f"SLO target {value} is above 100%; choose a target below 100, e.g. 99.9")
    if number <= ZERO:
        raise TargetError(f"SLO target {value} must be above 0; choose e.g. 99 or 99.9")
    return number


def budget_percent(target: TargetInput) -> Decimal:
    """The error budget as a percentage of valid events: ``100 - target``."""
    return CTX.subtract(HUNDRED, parse_target(target))


def budget_share(target: TargetInput) -> Decimal:
    """The error budget as a fraction of valid events: ``(100 - target) / 100`` (exact)."""
    return div(budget_percent(target), HUNDRED)


def check_count(name: str, value: int) -> int:
    """A non-negative whole number of events, or ``CountError``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise CountError(f"{name} must be a whole number of events, not {value!r}")
    if value < 0:
        raise CountError(f"{name} must be 0 or more, not {value}")
    return value


def check_counts(total: int, bad: int) -> tuple[int, int]:
    """Validate a (valid events, bad events) pair: both counts >= 0 and bad <= total."""
    check_count("total", total)
    check_count("bad", bad)
    if bad > total:
        raise CountError(f"bad events ({bad}) cannot exceed total valid events ({total})")
    return total, bad
