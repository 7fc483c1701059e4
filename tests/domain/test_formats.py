"""One rounding rule and one reader per small value, shared by every front end."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from workbench.domain.formats import parse_iso_date, parse_whole, round_half_up
from workbench.domain.maturity import display
from workbench.domain.slo import decimal_text


def test_figures_round_half_up_everywhere():
    assert round_half_up(Decimal("1.125"), 2) == Decimal("1.13")
    assert round_half_up(Decimal("-1.125"), 2) == Decimal("-1.13")
    # SLO figures and maturity scores follow the same rule (half-even would give 1.12)
    assert decimal_text(Decimal("1.125"), 2) == "1.13"
    assert decimal_text(Decimal("0.0625"), 3) == "0.063"
    assert display(Fraction(9, 8)) == Decimal("1.13")
    assert decimal_text(Decimal("99.95")) == "99.95"  # short enough: printed exactly


def test_dates_and_whole_numbers_are_strict():
    assert str(parse_iso_date(" 2026-11-02 ")) == "2026-11-02"
    for text in ("20261102", "2026-W48-1", "2026-11-31", ""):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_iso_date(text)
    assert parse_whole("042", "good") == 42
    with pytest.raises(ValueError, match="negative"):
        parse_whole("-1", "bad")
    with pytest.raises(ValueError, match="digits 0-9"):
        parse_whole("\u00b2", "bad")
