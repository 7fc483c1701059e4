"""Exact arithmetic helpers shared by the SLO engine (Decimal and int only, never float)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, Inexact, InvalidOperation

from workbench.domain.formats import round_half_up

# Enough digits that every terminating result in this package is exact (targets and counts
# have far fewer digits); non-terminating quotients (e.g. 1/3) are rounded at digit 50.
CTX = Context(prec=50, rounding=ROUND_HALF_EVEN)

# For sums and differences that must not round at all (raises if they would).
EXACT = Context(prec=200, traps=[Inexact, InvalidOperation, DivisionByZero])

HUNDRED = Decimal(100)
ZERO = Decimal(0)
ONE = Decimal(1)


def div(a: Decimal | int, b: Decimal | int) -> Decimal:
    """``a / b`` in the package context (b must not be zero)."""
    return CTX.divide(Decimal(a), Decimal(b))


def mul(a: Decimal | int, b: Decimal | int) -> Decimal:
    return CTX.multiply(Decimal(a), Decimal(b))


def plain(value: Decimal, places: int = 6) -> str:
    """A decimal as a plain string (no exponent, no trailing zeros).

    Values with more than ``places`` decimals are rounded half-up to ``places`` (the one
    rounding rule for figures people read, ``domain.formats.round_half_up``); all other
    values are printed exactly.
    """
    if value.is_nan() or value.is_infinite():
        raise ValueError(f"cannot format non-finite decimal {value}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        value = round_half_up(value, places)
    text = format(value.normalize(CTX), "f")
    return "0" if text in ("-0", "") else text


def ratio(value: Decimal | int) -> tuple[int, int]:
    """A finite decimal as an exact (numerator, positive denominator) pair of ints."""
    return Decimal(value).as_integer_ratio()


def sum_exceeds_one(*terms: tuple[int, int]) -> bool:
    """Whether the exact sum of fractions ``n/d`` (d > 0) is greater than 1 (ints only)."""
    numerator, denominator = 0, 1
    for n, d in terms:
        numerator, denominator = numerator * d + n * denominator, denominator * d
    return numerator > denominator
