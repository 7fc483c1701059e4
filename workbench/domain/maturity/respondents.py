"""Several respondents answering the same run: per criterion the median and the spread.

Decisions (tested in tests/domain/test_maturity_respondents.py):

- The median of an even number of answers is the **lower median** (the lower of the two middle
  values). It is always a level the model defines, so it can be recorded as the run's level,
  and it never overstates maturity: [1, 2] -> 1, [0, 1, 2, 2] -> 1.
- The spread is max - min of the answers; a criterion is flagged when the spread is at least
  ``DISAGREEMENT_SPREAD`` (2 levels), i.e. someone says regressive and someone says advanced.
- Respondents may be named or anonymous (``None`` or empty name); anonymous ones are shown as
  "anonymous 1", "anonymous 2", ... in the order given. Named respondents must be unique
  (case-insensitive).
- A respondent who leaves a criterion empty (None) is not counted for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from workbench.domain.maturity.model import AssessmentModel
from workbench.domain.maturity.problems import AssessmentError, Problem
from workbench.domain.maturity.scoring import AssessmentRun, CriterionResult, level_problems

DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True)
class Response:
    """One respondent's answers: criterion id -> level (None = no answer)."""

    respondent: str | None
    levels: Mapping[str, int | None]


@dataclass(frozen=True)
class CriterionAggregate:
    criterion_id: str
    dimension_id: str
    name: str
    answers: tuple[int, ...]  # sorted levels of those who answered
    answered_by: tuple[str, ...]  # their names, in the order the responses were given
    unanswered: int
    median: int | None
    spread: int | None
    disagreement: bool


@dataclass(frozen=True)
class Aggregation:
    model_id: str
    model_version: int
    respondents: tuple[str, ...]
    criteria: tuple[CriterionAggregate, ...]

    @property
    def flagged(self) -> tuple[CriterionAggregate, ...]:
        return tuple(c for c in self.criteria if c.disagreement)

    @property
    def median_levels(self) -> dict[str, int | None]:
        """The medians as criterion levels, ready for ``score_levels``."""
        return {c.criterion_id: c.median for c in self.criteria}

    def to_run(self, team: str, run_date: date) -> AssessmentRun:
        """A run recording the medians, and per criterion who answered it."""
        return AssessmentRun(
            self.model_id, self.model_version, team, run_date,
            tuple(CriterionResult(c.criterion_id, c.median, asked=c.answered_by)
                  for c in self.criteria),
            respondents=self.respondents,
        )


def lower_median(values: Sequence[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def respondent_names(responses: Sequence[Response]) -> list[str]:
    names = []
    anonymous = 0
    for response in responses:
        name = " ".join((response.respondent or "").split())
        if not name:
            anonymous += 1
            name = f"anonymous {anonymous}"
        names.append(name)
    return names


def aggregate_responses(
    model: AssessmentModel,
    responses: Sequence[Response],
    flag_spread: int = DISAGREEMENT_SPREAD,
) -> Aggregation:
    names = respondent_names(responses)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, (response, name) in enumerate(zip(responses, names, strict=True)):
        if response.respondent and response.respondent.strip():
            key = name.casefold()
            if key in seen:
                problems.append(Problem(
                    f"respondents[{i}]", f"{name!r} answered twice (also respondents[{seen[key]}])"
                ))
            seen.setdefault(key, i)
        problems += [
            Problem(f"respondents[{i}] ({name}).{p.location}", p.message)
            for p in level_problems(model, response.levels)
        ]
    if problems:
        raise AssessmentError(problems, f"responses for {model.id} v{model.version}")

    criteria = []
    for dimension, criterion in model.iter_criteria():
        answered = [
            (level, name) for r, name in zip(responses, names, strict=True)
            if (level := r.levels.get(criterion.id)) is not None
        ]
        answers = tuple(sorted(level for level, _ in answered))
        spread = answers[-1] - answers[0] if answers else None
        criteria.append(CriterionAggregate(
            criterion_id=criterion.id,
            dimension_id=dimension.id,
            name=criterion.name,
            answers=answers,
            answered_by=tuple(name for _, name in answered),
            unanswered=len(responses) - len(answers),
            median=lower_median(answers),
            spread=spread,
            disagreement=spread is not None and spread >= flag_spread,
        ))
    return Aggregation(model.id, model.version, tuple(names), tuple(criteria))
