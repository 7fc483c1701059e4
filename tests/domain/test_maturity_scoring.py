"""Scoring runs: exact means, percentages, overall score, Westrum naming, reassessment date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.maturity import (
    AssessmentError,
    AssessmentRun,
    CriterionResult,
    add_months,
    display,
    nearest_level,
    next_reassessment,
    parse_model,
    score_levels,
    score_run,
)

WESTRUM = {0: "pathological", 1: "bureaucratic", 2: "generative"}


def make_model(sizes: dict[str, int], levels: int = 3, typology: str | None = None):
    return parse_model({
        "id": "m",
        "version": 2,
        "title": "Model",
        "levels": [{"level": i, "name": f"l{i}"} for i in range(levels)],
        "dimensions": [
            {
                "id": dim,
                "name": dim.title(),
                **({"typology": {"name": "Westrum", "levels": WESTRUM}} if dim == typology else {}),
                "criteria": [
                    {"id": f"{dim}{i}", "name": f"{dim} {i}",
                     "levels": {v: f"{dim}{i}-{v}" for v in range(levels)}}
                    for i in range(1, size + 1)
                ],
            }
            for dim, size in sizes.items()
        ],
    })


def test_dimension_mean_excludes_and_counts_unassessed():
    model = make_model({"org": 4})
    score = score_levels(model, {"org1": 2, "org2": 1, "org3": None, "org4": 0})
    org = score.dimension("org")
    assert org.mean == Fraction(1)
    assert org.percent == Fraction(50)
    assert org.assessed == 3
    assert org.unassessed == 1
    assert org.level_display == Decimal("1.00")
    assert org.percent_display == Decimal("50.0")
    assert score.assessed == 3 and score.unassessed == 1


def test_missing_criteria_count_as_unassessed():
    score = score_levels(make_model({"org": 3}), {"org1": 2})
    org = score.dimension("org")
    assert (org.mean, org.assessed, org.unassessed) == (Fraction(2), 1, 2)
    assert score.level_of("org2") is None


def test_not_assessed_and_unanswered_are_counted_apart():
    """``None`` = the coach said "not assessed"; missing = nobody answered yet. Both stay
    out of the mean, but they are different things."""
    model = make_model({"org": 4, "tech": 2})
    score = score_levels(model, {"org1": 2, "org2": None, "tech1": None})
    org, tech = score.dimension("org"), score.dimension("tech")
    assert (org.assessed, org.not_assessed, org.unanswered, org.unassessed) == (1, 1, 2, 3)
    assert (tech.assessed, tech.not_assessed, tech.unanswered) == (0, 1, 1)
    assert org.mean == Fraction(2) and tech.mean is None
    assert (score.assessed, score.not_assessed, score.unanswered) == (1, 2, 3)
    states = {c.criterion_id: (c.level, c.not_assessed, c.unanswered) for c in score.criteria}
    assert states == {
        "org1": (2, False, False), "org2": (None, True, False),
        "org3": (None, False, True), "org4": (None, False, True),
        "tech1": (None, True, False), "tech2": (None, False, True),
    }


def test_means_are_exact_and_rounded_only_for_display():
    score = score_levels(make_model({"org": 3}), {"org1": 2, "org2": 2, "org3": 1})
    org = score.dimension("org")
    assert org.mean == Fraction(5, 3)
    assert org.level_display == Decimal("1.67")
    assert org.percent == Fraction(250, 3)
    assert org.percent_display == Decimal("83.3")


def test_nothing_assessed_gives_no_score():
    score = score_levels(make_model({"org": 2, "ppl": 1}), {"ppl1": 1})
    org = score.dimension("org")
    assert org.mean is None and org.percent is None and org.level_display is None
    assert org.unassessed == 2
    # overall ignores the empty dimension
    assert score.overall == Fraction(1)
    empty = score_levels(make_model({"org": 1}), {})
    assert empty.overall is None and empty.overall_percent_display is None


def test_overall_is_mean_of_dimension_means():
    # org: [2, 2, 2, 2] -> 2; ppl: [0] -> 0. Mean of dimension means = 1 (50%);
    # the mean over all five criteria would have been 8/5.
    model = make_model({"org": 4, "ppl": 1})
    score = score_levels(model, {"org1": 2, "org2": 2, "org3": 2, "org4": 2, "ppl1": 0})
    assert score.overall == Fraction(1)
    assert score.overall_percent == Fraction(50)
    assert score.overall_display == Decimal("1.00")
    assert score.overall_percent_display == Decimal("50.0")


def test_overall_exact_thirds():
    model = make_model({"a": 1, "b": 1, "c": 3})
    score = score_levels(model, {"a1": 2, "b1": 1, "c1": 1, "c2": 1, "c3": 0})
    # (2 + 1 + 2/3) / 3 = 11/9
    assert score.overall == Fraction(11, 9)
    assert score.overall_display == Decimal("1.22")
    assert score.overall_percent_display == Decimal("61.1")


def test_percent_uses_the_models_highest_level():
    model = make_model({"a": 2}, levels=4)  # levels 0..3
    score = score_levels(model, {"a1": 3, "a2": 0})
    a = score.dimension("a")
    assert a.mean == Fraction(3, 2)
    assert a.percent == Fraction(50)


def test_criterion_scores_carry_labels():
    score = score_levels(make_model({"a": 2}), {"a1": 1})
    assert [(c.criterion_id, c.level, c.label) for c in score.criteria] == [
        ("a1", 1, "a1-1"), ("a2", None, None),
    ]


@pytest.mark.parametrize(
    ("levels", "name"),
    [
        ([0, 0], "pathological"),
        ([0, 1], "pathological"),  # 0.5: exactly halfway goes down
        ([0, 1, 1], "bureaucratic"),  # 2/3
        ([1, 1], "bureaucratic"),
        ([1, 2], "bureaucratic"),  # 1.5: halfway goes down
        ([1, 2, 2], "generative"),  # 5/3
        ([2, 2], "generative"),
    ],
)
def test_culture_is_named_by_westrum_thresholds(levels, name):
    model = make_model({"culture": len(levels), "org": 1}, typology="culture")
    score = score_levels(model, {f"culture{i}": lvl for i, lvl in enumerate(levels, 1)})
    culture = score.dimension("culture")
    assert culture.typology == "Westrum"
    assert culture.typology_label == name
    assert score.dimension("org").typology_label is None


def test_culture_without_assessed_criteria_has_no_name():
    model = make_model({"culture": 2}, typology="culture")
    assert score_levels(model, {}).dimension("culture").typology_label is None


def test_nearest_level_thresholds():
    assert [nearest_level(Fraction(n, 100)) for n in (0, 50, 51, 149, 150, 151, 200)] == [
        0, 0, 1, 1, 1, 2, 2,
    ]


def test_unknown_criteria_and_bad_levels_are_rejected():
    model = make_model({"a": 2})
    with pytest.raises(AssessmentError) as info:
        score_levels(model, {"a1": 3, "zz": 1, "a2": True})
    assert [str(p) for p in info.value.problems] == [
        "a1: level 3 is out of range 0..2",
        "zz: unknown criterion for model m v2",
        "a2: level True is out of range 0..2",
    ]


def test_score_run_checks_model_id_and_version():
    model = make_model({"a": 1})
    run = AssessmentRun("m", 2, "Checkout", date(2026, 1, 5), (CriterionResult("a1", 2),))
    score = score_run(model, run)
    assert (score.model_id, score.model_version) == ("m", 2)
    assert score.overall == Fraction(2)
    assert run.next_reassessment == date(2026, 7, 5)
    with pytest.raises(AssessmentError, match="recorded with m v1, not m v2"):
        score_run(model, AssessmentRun("m", 1, "Checkout", date(2026, 1, 5)))


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(1, 200), 2, "0.01"),  # 0.005 rounds half up
        (Fraction(-1, 200), 2, "-0.01"),  # half away from zero for deltas
        (Fraction(2, 3), 2, "0.67"),
        (Fraction(1), 2, "1.00"),
        (Fraction(1001, 20), 1, "50.1"),  # 50.05
        (0, 1, "0.0"),
    ],
)
def test_display_rounding(value, places, expected):
    assert display(value, places) == Decimal(expected)
    assert str(display(value, places)) == expected


@pytest.mark.parametrize(
    ("run_date", "expected"),
    [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 3, 15), date(2026, 9, 15)),
        (date(2026, 12, 31), date(2027, 6, 30)),
        (date(2026, 7, 1), date(2027, 1, 1)),  # crosses the year
    ],
)
def test_next_reassessment_same_day_six_months_later_clamped(run_date, expected):
    assert next_reassessment(run_date) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)),
       st.integers(min_value=0, max_value=60))
def test_add_months_never_overshoots_the_target_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    assert result.day == day.day or (result + timedelta(days=1)).day == 1


PROPERTY_MODEL = make_model({"a": 3, "b": 1, "c": 5}, typology="c")
LEVEL_MAPS = st.fixed_dictionaries(
    {cid: st.one_of(st.none(), st.integers(0, 2)) for cid in PROPERTY_MODEL.criterion_ids}
)


@given(LEVEL_MAPS)
def test_scores_stay_within_the_levels_given(levels):
    score = score_levels(PROPERTY_MODEL, levels)
    for dim in score.dimensions:
        given_levels = [lvl for cid, lvl in levels.items()
                        if cid.startswith(dim.dimension_id) and lvl is not None]
        assert dim.assessed == len(given_levels)
        if given_levels:
            assert min(given_levels) <= dim.mean <= max(given_levels)
            assert 0 <= dim.percent <= 100
            assert dim.mean == Fraction(sum(given_levels), len(given_levels))
        else:
            assert dim.mean is None
    means = [d.mean for d in score.dimensions if d.mean is not None]
    assert score.overall == (sum(means) / len(means) if means else None)
    assert score.assessed + score.unassessed == PROPERTY_MODEL.criteria_count


@given(st.dictionaries(st.sampled_from(PROPERTY_MODEL.criterion_ids),
                       st.one_of(st.none(), st.integers(0, 2))))
def test_every_criterion_is_assessed_not_assessed_or_unanswered(levels):
    score = score_levels(PROPERTY_MODEL, levels)
    assert score.assessed == sum(1 for v in levels.values() if v is not None)
    assert score.not_assessed == sum(1 for v in levels.values() if v is None)
    assert score.unanswered == PROPERTY_MODEL.criteria_count - len(levels)
    assert score.assessed + score.not_assessed + score.unanswered == \
        PROPERTY_MODEL.criteria_count
