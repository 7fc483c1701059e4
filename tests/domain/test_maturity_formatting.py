"""One rounding rule for every score people read: half-up on the exact value, so a run whose
overall score is exactly 1.125 shows 1.13 wherever it appears."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from workbench.domain.maturity import (
    delta_text,
    display,
    parse_model,
    percent_text,
    score_levels,
    score_text,
)

BOOK_MODEL = Path(__file__).resolve().parents[2] / "assessments" / "sre-maturity.yaml"


@pytest.mark.parametrize(("value", "expected"), [
    (Fraction(9, 8), "1.13"),  # 1.125: half-up, not to the even 1.12
    (Decimal("1.125"), "1.13"),
    (1.125, "1.13"),
    (0.285, "0.29"),  # a float is read as the decimal it prints as
    (Fraction(-9, 8), "-1.13"),  # a drop rounds away from zero, like a rise
    (Fraction(2, 3), "0.67"),
    (Fraction(1, 3), "0.33"),
    (2, "2.00"),
    (Fraction(1, 200), "0.01"),
])
def test_score_text_rounds_half_up_on_the_exact_value(value, expected):
    assert score_text(value) == expected


def test_missing_scores_say_so():
    assert score_text(None) == "-"
    assert score_text(None, missing="—") == "—"
    assert percent_text(None) == "-"
    assert delta_text(None) == ""


@pytest.mark.parametrize(("value", "places", "expected"), [
    (Fraction(225, 4), 1, "56.3%"),  # 56.25
    (Fraction(225, 4), 0, "56%"),
    (Fraction(113, 2), 0, "57%"),  # 56.5
    (Fraction(1001, 20), 1, "50.1%"),  # 50.05
    (Fraction(100), 0, "100%"),
])
def test_percent_text(value, places, expected):
    assert percent_text(value, places) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (1, "+1"),
    (-1, "-1"),
    (0, "+0"),
    (Fraction(3, 5), "+0.60"),
    (Fraction(-1, 8), "-0.13"),
    (Fraction(1, 8), "+0.13"),
    (Fraction(0), "+0.00"),
])
def test_delta_text(value, expected):
    assert delta_text(value) == expected


def test_display_is_the_rule_under_every_text():
    for value in (Fraction(9, 8), Fraction(-9, 8), Fraction(2, 3), Decimal("0.005")):
        assert score_text(value) == str(display(value, 2))


def test_the_demo_run_scoring_exactly_1_125_shows_1_13():
    """Checkout's latest demo run: the dimension means 1, 1, 4/3, 7/6 and 9/8 average to
    exactly 9/8."""
    model = parse_model(yaml.safe_load(BOOK_MODEL.read_text(encoding="utf-8")))
    levels = "1111 2110 211211 121111 12111021".replace(" ", "")
    score = score_levels(model, dict(zip(model.criterion_ids, map(int, levels), strict=True)))
    assert score.overall == Fraction(9, 8)
    assert score_text(score.overall) == "1.13"
    assert percent_text(score.overall_percent) == "56.3%"
    assert percent_text(score.overall_percent, 0) == "56%"
    assert score_text(score.dimension("process").mean) == "1.13"
