"""Assessment models: dimensions of criteria, each criterion described on every level.

A model is data (YAML under ``assessments/`` or the user's models folder). ``parse_model``
turns the loaded data into an :class:`AssessmentModel` or raises :class:`AssessmentError`
listing every problem with its key path. The model declares its own levels: they are numbered
0, 1, 2, ... in order (at least two), so the book model has 0..2 and the four-stage model 0..3.

File shape (unknown keys are errors)::

    id: sre-maturity            # lowercase id; results record id + version
    version: 1                  # whole number >= 1
    title: ...
    description: ...            # optional
    levels:                     # numbered 0.. in order, names unique
      - {level: 0, name: regressive, description: ...}
    dimensions:                 # ids unique
      - id: culture
        name: Culture
        description: ...        # optional
        typology:               # optional: names the dimension's score (Westrum)
          name: Westrum
          levels: {0: pathological, 1: bureaucratic, 2: generative}
        questions: [...]        # guiding questions, optional
        criteria:               # ids unique across the whole model
          - id: culture-cooperation
            name: Cooperation
            description: ...    # optional
            levels: {0: Low, 1: Modest, 2: High}   # a label for every level
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
)

from workbench.domain.maturity.problems import AssessmentError, Problem

ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"

Id = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelDef(_Strict):
    level: Annotated[StrictInt, Field(ge=0)]
    name: Text
    description: str = ""


class Criterion(_Strict):
    id: Id
    name: Text
    description: str = ""
    # level number -> short label of what the criterion looks like on that level
    levels: dict[int, Text]


class Typology(_Strict):
    """A named typology the dimension's score maps onto (culture: Westrum)."""

    name: Text
    levels: dict[int, Text]


class Dimension(_Strict):
    id: Id
    name: Text
    description: str = ""
    typology: Typology | None = None
    questions: list[Text] = Field(default_factory=list)
    criteria: Annotated[list[Criterion], Field(min_length=1)]


class AssessmentModel(_Strict):
    id: Id
    version: Annotated[StrictInt, Field(ge=1)]
    title: Text
    description: str = ""
    levels: Annotated[list[LevelDef], Field(min_length=2)]
    dimensions: Annotated[list[Dimension], Field(min_length=1)]

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    @property
    def max_level(self) -> int:
        return len(self.levels) - 1

    @property
    def level_values(self) -> range:
        return range(len(self.levels))

    def level_name(self, level: int) -> str:
        return self.levels[level].name

    def iter_criteria(self) -> Iterator[tuple[Dimension, Criterion]]:
        for dimension in self.dimensions:
            for criterion in dimension.criteria:
                yield dimension, criterion

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for _, c in self.iter_criteria()]

    @property
    def criteria_count(self) -> int:
        return sum(len(d.criteria) for d in self.dimensions)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for _, c in self.iter_criteria() if c.id == criterion_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


def parse_model(data: Any, source: str = "") -> AssessmentModel:
    """Validate loaded model data; raise ``AssessmentError`` naming every problem and its path."""
    if data is None:
        raise AssessmentError([Problem("", "the model is empty")], source)
    try:
        model = AssessmentModel.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(key_path(err["loc"], data), _message(err)) for err in exc.errors()
        ]
        raise AssessmentError(problems, source) from None
    problems = semantic_problems(model)
    if problems:
        raise AssessmentError(problems, source)
    return model


def semantic_problems(model: AssessmentModel) -> list[Problem]:
    """Rules the field types cannot express: numbering, unique ids, every level described."""
    problems: list[Problem] = []
    for i, level in enumerate(model.levels):
        if level.level != i:
            problems.append(Problem(
                f"levels[{i}].level",
                f"is {level.level}, expected {i}: number levels 0, 1, 2, ... in order",
            ))
    seen_names: dict[str, int] = {}
    for i, level in enumerate(model.levels):
        key = level.name.casefold()
        if key in seen_names:
            problems.append(Problem(
                f"levels[{i}].name",
                f"duplicate level name {level.name!r} (also at levels[{seen_names[key]}])",
            ))
        seen_names.setdefault(key, i)

    values = list(model.level_values)
    dimension_ids: dict[str, int] = {}
    criterion_ids: dict[str, str] = {}
    for d, dimension in enumerate(model.dimensions):
        where = f"dimensions[{d}]"
        if dimension.id in dimension_ids:
            problems.append(Problem(
                f"{where}.id",
                f"duplicate dimension id {dimension.id!r} "
                f"(also at dimensions[{dimension_ids[dimension.id]}])",
            ))
        dimension_ids.setdefault(dimension.id, d)
        if dimension.typology is not None:
            problems += _level_map_problems(
                dimension.typology.levels, values, f"{where}.typology.levels", "name"
            )
        for c, criterion in enumerate(dimension.criteria):
            cwhere = f"{where}.criteria[{c}]"
            if criterion.id in criterion_ids:
                problems.append(Problem(
                    f"{cwhere}.id",
                    f"duplicate criterion id {criterion.id!r} "
                    f"(also at {criterion_ids[criterion.id]}); criterion ids are unique "
                    "within a model",
                ))
            criterion_ids.setdefault(criterion.id, cwhere)
            problems += _level_map_problems(criterion.levels, values, f"{cwhere}.levels", "label")
    return problems


def _level_map_problems(
    levels: dict[int, str], values: list[int], where: str, what: str
) -> list[Problem]:
    problems = []
    for value in values:
        if value not in levels:
            problems.append(Problem(f"{where}.{value}", f"missing {what} for level {value}"))
    for value in sorted(levels):
        if value not in values:
            problems.append(Problem(
                f"{where}.{value}",
                f"level {value} is not defined by the model (its levels are "
                f"{values[0]}..{values[-1]})",
            ))
    return problems


def key_path(loc: tuple[Any, ...], data: Any) -> str:
    """Pydantic's error location as ``a.b[2].c``: list positions in brackets, keys after dots.

    The raw data is walked alongside, because a location item ``1`` can be a list index or an
    integer mapping key (``levels.1``).
    """
    path = ""
    node = data
    for item in loc:
        if isinstance(node, list) and isinstance(item, int):
            path += f"[{item}]"
            node = node[item] if 0 <= item < len(node) else None
            continue
        if item == "[key]":  # the key itself is invalid
            continue
        path += f".{item}" if path else str(item)
        node = node.get(item) if isinstance(node, dict) else None
    return path or "(top level)"


_MESSAGES = {
    "missing": "required key is missing",
    "extra_forbidden": "unknown key (check the spelling; unknown keys are not allowed)",
}


def _message(err: Any) -> str:
    kind = err.get("type", "")
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "string_pattern_mismatch":
        return (
            f"{err.get('input')!r} is not a valid id: use lowercase letters, digits and "
            "'-', '_' or '.' between them"
        )
    if kind == "string_too_short":
        return "must not be empty"
    message = re.sub(r" or instance of \w+", "", str(err.get("msg", "invalid value")))
    return message[:1].lower() + message[1:]
