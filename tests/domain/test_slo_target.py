"""SLO targets: parsing, validation and the exact budget share."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.domain.slo import TargetError, budget_percent, budget_share, parse_target
from workbench.domain.slo.target import CountError, check_counts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("99.9", Decimal("99.9")),
        (" 99.95 ", Decimal("99.95")),
        ("99.9%", Decimal("99.9")),
        (99, Decimal(99)),
        (Decimal("98"), Decimal(98)),
        ("0.001", Decimal("0.001")),
        ("99.999999", Decimal("99.999999")),
        ("99.9999999999", Decimal("99.9999999999")),
        ("9.99E+1", Decimal("99.9")),
    ],
)
def test_parse_target_accepts_text_int_and_decimal(raw, expected):
    assert parse_target(raw) == expected


def test_target_of_100_is_rejected_because_it_leaves_no_budget():
    with pytest.raises(TargetError, match="no error budget"):
        parse_target("100")
    with pytest.raises(TargetError, match="no error budget"):
        parse_target(100)
    with pytest.raises(TargetError, match="no error budget"):
        parse_target(Decimal("100.000"))


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("0", "above 0"),
        (0, "above 0"),
        ("-5", "above 0"),
        ("100.01", "above 100%"),
        ("150", "above 100%"),
        ("abc", "not a number"),
        ("", "not a number"),
        ("NaN", "not a finite number"),
        ("sNaN", "not a finite number"),
        ("inf", "not a finite number"),
        ("-Infinity", "not a finite number"),
        (Decimal("NaN"), "not a finite number"),
        (True, "boolean"),
        (None, "not NoneType"),
        ([99], "not list"),
        ("99.99999999999", "more than 10 decimal places"),
    ],
)
def test_bad_targets_are_rejected_with_a_clear_message(raw, fragment):
    with pytest.raises(TargetError, match=fragment):
        parse_target(raw)


def test_target_error_is_a_value_error():
    assert issubclass(TargetError, ValueError)


def test_float_targets_are_rejected_to_keep_arithmetic_exact():
    with pytest.raises(TargetError, match="float"):
        parse_target(99.9)
    with pytest.raises(TargetError, match="float"):
        parse_target(float("nan"))


def test_float_trap_is_done_exactly():
    # DOMAIN.md section 3: `(1 - 0.9) * 50000` in floats is not 5000.
    assert (1 - 0.9) * 50000 != 5000
    assert budget_share("90") * 50000 == 5000
    assert budget_share("90") == Decimal("0.1")


def test_budget_percent_and_share_are_exact():
    # book-establishing-sre-foundations.txt line 1555: 100% - 98% = 2% error budget.
    assert budget_percent("98") == 2
    # book line 1612: latency SLO 95% within 400 ms leaves a 5% budget.
    assert budget_percent("95") == 5
    # book line 5467: 100% - 99.7% = 0.3%.
    assert budget_percent("99.7") == Decimal("0.3")
    assert budget_share("99.95") == Decimal("0.0005")
    assert budget_share("99.999") == Decimal("0.00001")


@pytest.mark.parametrize(
    ("total", "bad", "fragment"),
    [
        (-1, 0, "total must be 0 or more"),
        (10, -1, "bad must be 0 or more"),
        (10, 11, "cannot exceed"),
        (True, 0, "whole number"),
        (10, "3", "whole number"),
    ],
)
def test_check_counts_rejects_inconsistent_counts(total, bad, fragment):
    with pytest.raises(CountError, match=fragment):
        check_counts(total, bad)
