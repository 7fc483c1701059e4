"""Comparing two runs: deltas, directions, ordering, criteria in one run only."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.maturity import (
    AssessmentError,
    Direction,
    compare_scores,
    parse_model,
    score_levels,
)


def make_model(dims: dict[str, list[str]], version: int = 1, model_id: str = "m"):
    return parse_model({
        "id": model_id, "version": version, "title": "M",
        "levels": [{"level": i, "name": f"l{i}"} for i in range(3)],
        "dimensions": [
            {"id": dim, "name": dim.upper(), "criteria": [
                {"id": cid, "name": cid.upper(), "levels": {0: "x", 1: "y", 2: "z"}}
                for cid in ids
            ]}
            for dim, ids in dims.items()
        ],
    })


MODEL = make_model({"a": ["a1", "a2", "a3"], "b": ["b1", "b2"]})


def test_deltas_directions_and_biggest_movers_first():
    before = score_levels(MODEL, {"a1": 0, "a2": 1, "a3": 2, "b1": 1, "b2": 0})
    after = score_levels(MODEL, {"a1": 2, "a2": 1, "a3": 1, "b1": 0, "b2": 1})
    cmp = compare_scores(before, after)
    assert [(d.criterion_id, d.before, d.after, d.delta, d.direction) for d in cmp.criteria] == [
        ("a1", 0, 2, 2, Direction.UP),
        # equal size: drops before rises, then model order
        ("a3", 2, 1, -1, Direction.DOWN),
        ("b1", 1, 0, -1, Direction.DOWN),
        ("b2", 0, 1, 1, Direction.UP),
        ("a2", 1, 1, 0, Direction.SAME),
    ]
    # a: 1 -> 4/3 (+1/3); b: 1/2 -> 1/2 (same)
    assert [(d.dimension_id, d.before, d.after, d.delta, d.direction) for d in cmp.dimensions] == [
        ("a", Fraction(1), Fraction(4, 3), Fraction(1, 3), Direction.UP),
        ("b", Fraction(1, 2), Fraction(1, 2), Fraction(0), Direction.SAME),
    ]
    assert cmp.overall_before == Fraction(3, 4)
    assert cmp.overall_after == Fraction(11, 12)
    assert cmp.overall_delta == Fraction(1, 6)
    assert cmp.overall_direction is Direction.UP


def test_criteria_present_in_one_run_only_come_last():
    before = score_levels(MODEL, {"a1": 1, "a2": 2, "b1": None})
    after = score_levels(MODEL, {"a1": 0, "a3": 2, "b2": 1})
    cmp = compare_scores(before, after)
    assert [(d.criterion_id, d.delta, d.direction) for d in cmp.criteria] == [
        ("a1", -1, Direction.DOWN),
        ("a2", None, Direction.ONLY_BEFORE),
        ("a3", None, Direction.ONLY_AFTER),
        ("b2", None, Direction.ONLY_AFTER),
    ]  # b1 was assessed in neither run: left out
    assert [(d.dimension_id, d.direction) for d in cmp.dimensions] == [
        ("a", Direction.DOWN),  # 3/2 -> 1
        ("b", Direction.ONLY_AFTER),
    ]
    assert cmp.dimensions[0].delta == Fraction(-1, 2)


def test_model_versions_matched_by_criterion_id():
    v2 = make_model({"a": ["a1", "a4"], "c": ["c1"]}, version=2)
    before = score_levels(MODEL, {"a1": 0, "a2": 2, "b1": 2})
    after = score_levels(v2, {"a1": 1, "a4": 2, "c1": 0})
    cmp = compare_scores(before, after)
    assert (cmp.model_id, cmp.before_version, cmp.after_version) == ("m", 1, 2)
    assert [(d.criterion_id, d.direction) for d in cmp.criteria] == [
        ("a1", Direction.UP),
        ("a4", Direction.ONLY_AFTER),
        ("c1", Direction.ONLY_AFTER),
        ("a2", Direction.ONLY_BEFORE),  # after-model order first, then what only v1 had
        ("b1", Direction.ONLY_BEFORE),
    ]
    assert [(d.dimension_id, d.direction) for d in cmp.dimensions] == [
        ("a", Direction.UP),  # 1 -> 3/2
        ("c", Direction.ONLY_AFTER),
        ("b", Direction.ONLY_BEFORE),
    ]


def test_empty_runs_have_no_overall_direction():
    cmp = compare_scores(score_levels(MODEL, {}), score_levels(MODEL, {}))
    assert cmp.criteria == () and cmp.dimensions == ()
    assert cmp.overall_delta is None and cmp.overall_direction is None


def test_different_models_cannot_be_compared():
    other = make_model({"a": ["a1"]}, model_id="other")
    with pytest.raises(AssessmentError, match="cannot compare a m run with a other run"):
        compare_scores(score_levels(MODEL, {}), score_levels(other, {}))


LEVEL_MAPS = st.fixed_dictionaries(
    {cid: st.one_of(st.none(), st.integers(0, 2)) for cid in MODEL.criterion_ids}
)


@given(LEVEL_MAPS, LEVEL_MAPS)
def test_swapping_runs_negates_deltas(first, second):
    a, b = score_levels(MODEL, first), score_levels(MODEL, second)
    forward = {d.criterion_id: d for d in compare_scores(a, b).criteria}
    backward = {d.criterion_id: d for d in compare_scores(b, a).criteria}
    assert forward.keys() == backward.keys()
    for cid, d in forward.items():
        assert (d.delta is None) == (backward[cid].delta is None)
        if d.delta is not None:
            assert d.delta == -backward[cid].delta
    sizes = [abs(d.delta) for d in forward.values() if d.delta is not None]
    assert sizes == sorted(sizes, reverse=True)


@given(LEVEL_MAPS)
def test_a_run_compared_with_itself_has_not_moved(levels):
    score = score_levels(MODEL, levels)
    cmp = compare_scores(score, score)
    assert all(d.direction is Direction.SAME for d in cmp.criteria + cmp.dimensions)
    assert len(cmp.criteria) == sum(level is not None for level in levels.values())
