"""Several respondents per run: lower median, spread and disagreement flags."""

from __future__ import annotations

import statistics
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.maturity import (
    AssessmentError,
    Response,
    aggregate_responses,
    lower_median,
    parse_model,
    score_levels,
    score_run,
)


def make_model(ids=("a1", "a2", "a3")):
    return parse_model({
        "id": "m", "version": 1, "title": "M",
        "levels": [{"level": i, "name": f"l{i}"} for i in range(3)],
        "dimensions": [{"id": "a", "name": "A", "criteria": [
            {"id": cid, "name": cid.upper(), "levels": {0: "x", 1: "y", 2: "z"}} for cid in ids
        ]}],
    })


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([2], 2),
        ([1, 2], 1),  # even count: the lower of the two middle values
        ([2, 0, 1, 2], 1),
        ([0, 0, 2, 2], 0),
        ([2, 1, 0], 1),
        ([2, 2, 1, 2, 0], 2),
    ],
)
def test_lower_median(values, expected):
    assert lower_median(values) == expected


@given(st.lists(st.integers(0, 2), min_size=1, max_size=9))
def test_lower_median_is_statistics_median_low(values):
    assert lower_median(values) == statistics.median_low(values)


def test_median_spread_and_flags_per_criterion():
    model = make_model()
    responses = [
        Response("Asha", {"a1": 0, "a2": 1, "a3": None}),
        Response(None, {"a1": 2, "a2": 1, "a3": 2}),
        Response("", {"a1": 1, "a2": 2}),
        Response("Ben", {"a1": 2, "a2": 1, "a3": 2}),
    ]
    agg = aggregate_responses(model, responses)
    assert agg.respondents == ("Asha", "anonymous 1", "anonymous 2", "Ben")
    rows = {c.criterion_id: c for c in agg.criteria}
    a1, a2, a3 = rows["a1"], rows["a2"], rows["a3"]
    assert (a1.answers, a1.median, a1.spread, a1.disagreement) == ((0, 1, 2, 2), 1, 2, True)
    assert (a2.answers, a2.median, a2.spread, a2.disagreement) == ((1, 1, 1, 2), 1, 1, False)
    assert (a3.answers, a3.unanswered, a3.median, a3.spread) == ((2, 2), 2, 2, 0)
    assert [c.criterion_id for c in agg.flagged] == ["a1"]
    assert agg.median_levels == {"a1": 1, "a2": 1, "a3": 2}
    assert a3.answered_by == ("anonymous 1", "Ben")
    # the medians score like any run
    assert score_levels(model, agg.median_levels).overall == Fraction(4, 3)
    run = agg.to_run("Checkout", date(2026, 3, 1))
    assert (run.model_id, run.model_version, run.team) == ("m", 1, "Checkout")
    assert run.levels == {"a1": 1, "a2": 1, "a3": 2}
    assert run.results[2].asked == ("anonymous 1", "Ben")
    assert run.respondents == agg.respondents
    assert score_run(model, run).overall == Fraction(4, 3)


def test_unanswered_criterion_has_no_median_or_spread():
    agg = aggregate_responses(make_model(), [Response("A", {"a1": 1})])
    a2 = agg.criteria[1]
    assert (a2.median, a2.spread, a2.disagreement, a2.unanswered) == (None, None, False, 1)


def test_flag_threshold_is_configurable():
    responses = [Response("A", {"a1": 0}), Response("B", {"a1": 1})]
    assert aggregate_responses(make_model(), responses).flagged == ()
    flagged = aggregate_responses(make_model(), responses, flag_spread=1).flagged
    assert [c.criterion_id for c in flagged] == ["a1"]


def test_invalid_responses_are_rejected_with_every_problem():
    responses = [
        Response("Asha", {"a1": 3}),
        Response("asha ", {"zz": 1}),
    ]
    with pytest.raises(AssessmentError) as info:
        aggregate_responses(make_model(), responses)
    assert [str(p) for p in info.value.problems] == [
        "respondents[0] (Asha).a1: level 3 is out of range 0..2",
        "respondents[1]: 'asha' answered twice (also respondents[0])",
        "respondents[1] (asha).zz: unknown criterion for model m v1",
    ]
