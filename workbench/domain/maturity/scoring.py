"""Assessment runs and their scores.

Decisions (tested in tests/domain/test_maturity_scoring.py):

- A dimension's score is the exact mean (``Fraction``) of the levels of its *assessed*
  criteria; unassessed criteria are left out and counted. The percentage is the mean divided by
  the model's highest level, times 100.
- An unassessed criterion is either explicitly **not assessed** (the coach chose "not
  assessed": the criterion is in ``levels`` with ``None``) or **unanswered** (nobody has said
  anything about it yet: it is missing from ``levels``). Both are left out of the means, but
  they are counted apart: the first is a decision, the second is work still to do.
- The overall score is the **mean of the dimension means** (dimensions with nothing assessed are
  left out): every dimension weighs the same, however many criteria it has, so the process
  dimension's eight criteria do not outweigh organisation's four.
- Rounding happens only for display (``display()``: half-up, i.e. halves away from zero, on
  the exact value, e.g. level to 2 places, percentage to 1 place): 1.125 shows as 1.13
  everywhere. The scores themselves stay exact. ``formatting`` turns them into text.
- A dimension with a typology (culture: Westrum) is named by the typology level nearest to its
  score; a score exactly halfway between two levels takes the lower one (the culture has to be
  more than half-way there). For 0..2: score <= 0.5 pathological, 0.5 < score <= 1.5
  bureaucratic, score > 1.5 generative.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from workbench.domain.maturity.model import AssessmentModel, Typology
from workbench.domain.maturity.problems import AssessmentError, Problem

REASSESS_AFTER_MONTHS = 6


@dataclass(frozen=True)
class CriterionResult:
    """What the coach recorded for one criterion: level (None = not assessed), note, evidence
    and who was asked."""

    criterion_id: str
    level: int | None
    note: str = ""
    evidence: str = ""
    asked: tuple[str, ...] = ()


@dataclass(frozen=True)
class AssessmentRun:
    """One assessment of one team against one model version on one date."""

    model_id: str
    model_version: int
    team: str
    run_date: date
    results: tuple[CriterionResult, ...] = ()
    respondents: tuple[str, ...] = ()

    @property
    def levels(self) -> dict[str, int | None]:
        return {r.criterion_id: r.level for r in self.results}

    @property
    def next_reassessment(self) -> date:
        return next_reassessment(self.run_date)


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: str
    dimension_id: str
    name: str
    level: int | None
    label: str | None  # the model's label for the recorded level
    answered: bool = True
    """False: nobody answered the criterion yet (True with level None: not assessed)."""

    @property
    def not_assessed(self) -> bool:
        return self.answered and self.level is None

    @property
    def unanswered(self) -> bool:
        return not self.answered


@dataclass(frozen=True)
class DimensionScore:
    dimension_id: str
    name: str
    max_level: int
    mean: Fraction | None  # None when no criterion of the dimension was assessed
    assessed: int
    unassessed: int
    """Criteria without a level: ``not_assessed`` + ``unanswered``."""
    typology: str | None = None  # e.g. "Westrum"
    typology_label: str | None = None  # e.g. "bureaucratic"
    not_assessed: int = 0
    """Criteria explicitly marked "not assessed"."""

    @property
    def unanswered(self) -> int:
        """Criteria nobody has answered yet."""
        return self.unassessed - self.not_assessed

    @property
    def percent(self) -> Fraction | None:
        return None if self.mean is None else self.mean * 100 / self.max_level

    @property
    def level_display(self) -> Decimal | None:
        return None if self.mean is None else display(self.mean, 2)

    @property
    def percent_display(self) -> Decimal | None:
        percent = self.percent
        return None if percent is None else display(percent, 1)


@dataclass(frozen=True)
class RunScore:
    model_id: str
    model_version: int
    max_level: int
    criteria: tuple[CriterionScore, ...]
    dimensions: tuple[DimensionScore, ...]
    overall: Fraction | None  # mean of the dimension means

    @property
    def assessed(self) -> int:
        return sum(d.assessed for d in self.dimensions)

    @property
    def unassessed(self) -> int:
        return sum(d.unassessed for d in self.dimensions)

    @property
    def not_assessed(self) -> int:
        return sum(d.not_assessed for d in self.dimensions)

    @property
    def unanswered(self) -> int:
        return sum(d.unanswered for d in self.dimensions)

    @property
    def overall_percent(self) -> Fraction | None:
        return None if self.overall is None else self.overall * 100 / self.max_level

    @property
    def overall_display(self) -> Decimal | None:
        return None if self.overall is None else display(self.overall, 2)

    @property
    def overall_percent_display(self) -> Decimal | None:
        percent = self.overall_percent
        return None if percent is None else display(percent, 1)

    def dimension(self, dimension_id: str) -> DimensionScore:
        for d in self.dimensions:
            if d.dimension_id == dimension_id:
                return d
        raise KeyError(dimension_id)

    def level_of(self, criterion_id: str) -> int | None:
        for c in self.criteria:
            if c.criterion_id == criterion_id:
                return c.level
        raise KeyError(criterion_id)


def exact(value: Fraction | Decimal | int | float) -> Fraction:
    """``value`` as an exact fraction; a float is taken as the decimal it prints as (0.285
    is 57/200, not the binary number just below it)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def display(value: Fraction | Decimal | int | float, places: int = 2) -> Decimal:
    """``value`` rounded half-up (halves away from zero) to ``places`` decimals, computed
    exactly: the one rounding rule for every score people read (1.125 -> 1.13)."""
    scaled = exact(value) * 10**places
    rounded = math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(rounded if scaled >= 0 else -rounded).scaleb(-places)


def mean(values: Sequence[int]) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None


def nearest_level(score: Fraction) -> int:
    """The level nearest to ``score``; exactly halfway goes to the lower level."""
    return max(0, math.ceil(Fraction(score) - Fraction(1, 2)))


def typology_label(typology: Typology, score: Fraction) -> str:
    return typology.levels[nearest_level(score)]


def level_problems(model: AssessmentModel, levels: Mapping[str, int | None]) -> list[Problem]:
    """Unknown criteria and levels the model does not define."""
    known = set(model.criterion_ids)
    problems = []
    for criterion_id, level in levels.items():
        if criterion_id not in known:
            problems.append(Problem(
                criterion_id, f"unknown criterion for model {model.id} v{model.version}"
            ))
        elif level is not None and (
            isinstance(level, bool) or not isinstance(level, int) or level not in model.level_values
        ):
            problems.append(Problem(
                criterion_id, f"level {level!r} is out of range 0..{model.max_level}"
            ))
    return problems


def score_levels(model: AssessmentModel, levels: Mapping[str, int | None]) -> RunScore:
    """Score criterion levels (criterion id -> level or None) against ``model``.

    Criteria of the model missing from ``levels`` are unanswered; those given with ``None``
    are not assessed. Both count as unassessed and are left out of the means.
    """
    problems = level_problems(model, levels)
    if problems:
        raise AssessmentError(problems, f"assessment against {model.id} v{model.version}")
    criteria: list[CriterionScore] = []
    dimensions: list[DimensionScore] = []
    for dimension in model.dimensions:
        assessed: list[int] = []
        not_assessed = 0
        for criterion in dimension.criteria:
            level = levels.get(criterion.id)
            answered = criterion.id in levels
            criteria.append(CriterionScore(
                criterion.id, dimension.id, criterion.name, level,
                None if level is None else criterion.levels[level], answered,
            ))
            if level is not None:
                assessed.append(level)
            elif answered:
                not_assessed += 1
        dim_mean = mean(assessed)
        typology = dimension.typology
        dimensions.append(DimensionScore(
            dimension_id=dimension.id,
            name=dimension.name,
            max_level=model.max_level,
            mean=dim_mean,
            assessed=len(assessed),
            unassessed=len(dimension.criteria) - len(assessed),
            typology=typology.name if typology else None,
            typology_label=(
                typology_label(typology, dim_mean) if typology and dim_mean is not None else None
            ),
            not_assessed=not_assessed,
        ))
    means = [d.mean for d in dimensions if d.mean is not None]
    overall = sum(means, Fraction(0)) / len(means) if means else None
    return RunScore(
        model.id, model.version, model.max_level, tuple(criteria), tuple(dimensions), overall
    )


def score_run(model: AssessmentModel, run: AssessmentRun) -> RunScore:
    """Score a run; the run must have been recorded against this very model id and version."""
    if (run.model_id, run.model_version) != model.key:
        raise AssessmentError([Problem(
            "model",
            f"the run was recorded with {run.model_id} v{run.model_version}, "
            f"not {model.id} v{model.version}",
        )])
    return score_levels(model, run.levels)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; clamped to the month's last day (Aug 31 + 6 -> Feb 28/29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_reassessment(run_date: date, months: int = REASSESS_AFTER_MONTHS) -> date:
    """Reassess about twice a year: the same day six months after the run, clamped to month end."""
    return add_months(run_date, months)
