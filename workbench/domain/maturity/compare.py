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


def compare_scores(before: RunScore, after: RunScore) -> Comparison:
    """What moved between two scored runs (``before`` is the earlier one)."""
    if before.model_id != after.model_id:
        raise AssessmentError([Problem(
            "model",
            f"cannot compare a {before.model_id} run with a {after.model_id} run; "
            "compare runs of the same model",
        )])

    def merged(after_items, before_items, key):
        # after's order first, then what only the earlier run had, in its order
        by_id = {key(x): x for x in before_items}
        ids = [key(x) for x in after_items]
        ids += [k for k in by_id if k not in set(ids)]
        return ids, by_id, {key(x): x for x in after_items}

    ids, old, new = merged(after.criteria, before.criteria, lambda c: c.criterion_id)
    criteria = []
    for order, cid in enumerate(ids):
        b = old[cid].level if cid in old else None
        a = new[cid].level if cid in new else None
        delta = a - b if a is not None and b is not None else None
        way = direction(b, a, delta)
        if way is None:
            continue
        info = new.get(cid) or old[cid]
        criteria.append((
            _sort_key(delta, order),
            CriterionDelta(cid, info.dimension_id, info.name, b, a, delta, way),
        ))

    ids, old_d, new_d = merged(after.dimensions, before.dimensions, lambda d: d.dimension_id)
    dimensions = []
    for order, did in enumerate(ids):
        b_mean = old_d[did].mean if did in old_d else None
        a_mean = new_d[did].mean if did in new_d else None
        d_delta = a_mean - b_mean if a_mean is not None and b_mean is not None else None
        way = direction(b_mean, a_mean, d_delta)
        if way is None:
            continue
        info_d = new_d.get(did) or old_d[did]
        dimensions.append((
            _sort_key(d_delta, order),
            DimensionDelta(did, info_d.name, b_mean, a_mean, d_delta, way),
        ))

    overall_delta = (
        after.overall - before.overall
        if after.overall is not None and before.overall is not None else None
    )
    return Comparison(
        model_id=after.model_id,
        before_version=before.model_version,
        after_version=after.model_version,
        criteria=tuple(d for _, d in sorted(criteria, key=lambda x: x[0])),
        dimensions=tuple(d for _, d in sorted(dimensions, key=lambda x: x[0])),
        overall_before=before.overall,
        overall_after=after.overall,
        overall_delta=overall_delta,
        overall_direction=direction(before.overall, after.overall, overall_delta),
    )
