"""Comparing two runs of the same model (possibly different versions of it).

Decisions (tested in tests/domain/test_maturity_compare.py):

- Criteria and dimensions are matched by id. A criterion is *present* in a run when it has a
  level there; present in both -> delta after - before and direction up/down/same; present in
  one -> direction ``only-before`` / ``only-after`` and no delta; present in neither -> left out.
  The same holds for dimensions (present = at least one criterion assessed).
- Order: biggest movers first (largest absolute delta); on equal size a drop comes before a
  rise (regressions need attention first), then the model's order. Criteria without a delta
  (present in one run only) come last, in model order.
- Runs of different models (different ids) cannot be compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from workbench.domain.maturity.problems import AssessmentError, Problem
from workbench.domain.maturity.scoring import RunScore


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    ONLY_BEFORE = "only-before"
    ONLY_AFTER = "only-after"


@dataclass(frozen=True)
class CriterionDelta:
    criterion_id: str
    dimension_id: str
    name: str
    before: int | None
    after: int | None
    delta: int | None
    direction: Direction


@dataclass(frozen=True)
class DimensionDelta:
    dimension_id: str
    name: str
    before: Fraction | None
    after: Fraction | None
    delta: Fraction | None
    direction: Direction


@dataclass(frozen=True)
class Comparison:
    model_id: str
    before_version: int
    after_version: int
    criteria: tuple[CriterionDelta, ...]
    dimensions: tuple[DimensionDelta, ...]
    overall_before: Fraction | None
    overall_after: Fraction | None
    overall_delta: Fraction | None
    overall_direction: Direction | None


def direction(before: object, after: object, delta: Fraction | int | None) -> Direction | None:
    if before is None and after is None:
        return None
    if before is None:
        return Direction.ONLY_AFTER
    if after is None:
        return Direction.ONLY_BEFORE
    assert delta is not None
    if delta > 0:
        return Direction.UP
    return Direction.DOWN if delta < 0 else Direction.SAME


def _sort_key(delta: Fraction | int | None, order: int) -> tuple:
    if delta is None:
        return (1, 0, 0, order)
    return (0, -abs(delta), 0 if delta < 0 else 1, order)


def _deltas(before_items, after_items, key, value, make) -> tuple:
    """One delta per id, in after's order then what only the earlier run had, sorted biggest
    movers first; ids assessed in neither run are left out. Used for criteria and dimensions.
    """
    old = {key(x): x for x in before_items}
    new = {key(x): x for x in after_items}
    ids = list(new) + [k for k in old if k not in new]
    found = []
    for order, item_id in enumerate(ids):
        b = value(old[item_id]) if item_id in old else None
        a = value(new[item_id]) if item_id in new else None
        delta = a - b if a is not None and b is not None else None
        way = direction(b, a, delta)
        if way is None:
            continue
        info = new.get(item_id) or old[item_id]
        found.append((_sort_key(delta, order), make(item_id, info, b, a, delta, way)))
    return tuple(d for _, d in sorted(found, key=lambda x: x[0]))


def compare_scores(before: RunScore, after: RunScore) -> Comparison:
    """What moved between two scored runs (``before`` is the earlier one)."""
    if before.model_id != after.model_id:
        raise AssessmentError([Problem(
            "model",
            f"cannot compare a {before.model_id} run with a {after.model_id} run; "
            "compare runs of the same model",
        )])

    criteria = _deltas(
        before.criteria, after.criteria, lambda c: c.criterion_id, lambda c: c.level,
        lambda cid, c, b, a, d, way: CriterionDelta(cid, c.dimension_id, c.name, b, a, d, way),
    )
    dimensions = _deltas(
        before.dimensions, after.dimensions, lambda d: d.dimension_id, lambda d: d.mean,
        lambda did, d, b, a, delta, way: DimensionDelta(did, d.name, b, a, delta, way),
    )

    overall_delta = (
        after.overall - before.overall
        if after.overall is not None and before.overall is not None else None
    )
    return Comparison(
        model_id=after.model_id,
        before_version=before.model_version,
        after_version=after.model_version,
        criteria=criteria,
        dimensions=dimensions,
        overall_before=before.overall,
        overall_after=after.overall,
        overall_delta=overall_delta,
        overall_direction=direction(before.overall, after.overall, overall_delta),
    )
