"""Blank self-assessment files a team fills in offline, and checking a filled one.

``render_blank`` writes YAML text with the level options as comments next to ``level: null``.
``parse_filled_blank`` validates a whole filled file and reports *every* problem with its
location (line number and key path), e.g. ``line 14, criteria[0].level: level 5 is out of
range 0..2``. It does no I/O: the caller reads the file and resolves the team.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from workbench.domain.formats import parse_iso_date
from workbench.domain.maturity.model import AssessmentModel
from workbench.domain.maturity.problems import AssessmentError, Problem, yaml_problem
from workbench.domain.maturity.respondents import Response
from workbench.domain.maturity.scoring import AssessmentRun, CriterionResult

TOP_KEYS = ("model", "model_version", "team", "respondent", "date", "criteria")
CRITERION_KEYS = ("id", "name", "level", "note", "evidence")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_blank(
    model: AssessmentModel, team: str, on_date: date, respondent: str = ""
) -> str:
    levels = ", ".join(f"{lvl.level} {lvl.name}" for lvl in model.levels)
    out = [
        f"# Self-assessment: {_comment(model.title)} ({model.id} v{model.version})",
        "# For each criterion, set `level` to one of the numbers listed above it, or leave",
        "# `level: null` if you cannot tell. `note` and `evidence` are optional free text.",
        f"# Levels: {levels}",
        "# Do not change model, model_version or the criterion ids.",
        f"model: {_q(model.id)}",
        f"model_version: {model.version}",
        f"team: {_q(team)}",
        f"respondent: {_q(respondent)}  # your name; leave empty to answer anonymously",
        f"date: {on_date.isoformat()}",
        "criteria:",
    ]
    for dimension in model.dimensions:
        out.append(f"  # == {_comment(dimension.name)} ==")
        for question in dimension.questions:
            out.append(f"  # ? {_comment(question)}")
        for criterion in dimension.criteria:
            out.append(f"  - id: {_q(criterion.id)}")
            out.append(f"    name: {_q(criterion.name)}")
            for value in model.level_values:
                out.append(
                    f"    # {value} {_comment(model.level_name(value))}: "
                    f"{_comment(criterion.levels[value])}"
                )
            out += ["    level: null", '    note: ""', '    evidence: ""']
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Answer:
    criterion_id: str
    level: int | None
    note: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class FilledAssessment:
    model_id: str
    model_version: int
    team: str
    respondent: str | None  # None = anonymous
    on_date: date
    answers: tuple[Answer, ...]

    @property
    def levels(self) -> dict[str, int | None]:
        return {a.criterion_id: a.level for a in self.answers}

    def to_response(self) -> Response:
        return Response(self.respondent, self.levels)

    def to_run(self) -> AssessmentRun:
        asked = (self.respondent,) if self.respondent else ()
        return AssessmentRun(
            self.model_id, self.model_version, self.team, self.on_date,
            tuple(CriterionResult(a.criterion_id, a.level, a.note, a.evidence, asked)
                  for a in self.answers),
            respondents=asked,
        )


def _line_map(text: str) -> dict[tuple, int]:
    """Path (keys and list indexes) -> 1-based line, from the YAML node tree."""
    lines: dict[tuple, int] = {}

    def walk(node: Any, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = (*path, key.value)
                    walk(value, child)
                    lines[child] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if root is not None:
        walk(root, ())
    return lines


def _path_text(path: tuple) -> str:
    text = ""
    for item in path:
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else str(item))
    return text


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_filled_blank(
    text: str, models: Iterable[AssessmentModel], source: str = ""
) -> FilledAssessment:
    """Validate a filled blank against the available models; raise ``AssessmentError`` with
    every problem found."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AssessmentError([yaml_problem(exc)], source) from None
    lines = _line_map(text)
    problems: list[Problem] = []

    def problem(path: tuple, message: str) -> None:
        # a missing key has no line of its own: use its parent's, but never the document's
        probe = path
        while probe and probe not in lines:
            probe = probe[:-1]
        line = lines.get(probe) if probe else None
        problems.append(Problem(_path_text(path) or "(top level)", message, line))

    if not isinstance(data, Mapping):
        problem((), "expected a mapping with model, team, date and criteria; is this a blank?")
        raise AssessmentError(problems, source)

    for key in data:
        if key not in TOP_KEYS:
            problem((key,), f"unknown key; allowed: {', '.join(TOP_KEYS)}")

    model = _resolve_model(data, list(models), problem)

    team = data.get("team")
    if not isinstance(team, str) or not team.strip():
        problem(("team",), "missing team name")
    respondent = data.get("respondent")
    if respondent is not None and not isinstance(respondent, str):
        problem(("respondent",), "must be a name in quotes, or empty for anonymous")
    on_date = data.get("date")
    if isinstance(on_date, str):
        try:
            on_date = parse_iso_date(on_date)
        except ValueError as exc:
            problem(("date",), str(exc))
    elif not isinstance(on_date, date):
        problem(("date",), "missing date; write YYYY-MM-DD")

    answers = _parse_criteria(data.get("criteria"), model, problem)

    if problems:
        # top to bottom, as an editor shows the file; file-wide problems (no line) first
        problems.sort(key=lambda p: p.line or 0)
        raise AssessmentError(problems, source)
    assert model is not None and isinstance(team, str) and isinstance(on_date, date)
    return FilledAssessment(
        model_id=model.id,
        model_version=model.version,
        team=" ".join(team.split()),
        respondent=(" ".join(respondent.split()) or None) if isinstance(respondent, str) else None,
        on_date=on_date,
        answers=tuple(answers),
    )


def _resolve_model(data: Mapping, models: list[AssessmentModel], problem) -> AssessmentModel | None:
    model_id = data.get("model")
    version = data.get("model_version")
    if not isinstance(model_id, str) or not model_id.strip():
        problem(("model",), "missing model id (e.g. model: sre-maturity)")
        model_id = None
    if not _is_int(version):
        problem(("model_version",), "missing model version (a whole number, e.g. 1)")
        version = None
    if model_id is None:
        return None
    same_id = [m for m in models if m.id == model_id]
    if not same_id:
        known = ", ".join(sorted({m.id for m in models})) or "none"
        problem(("model",), f"unknown model {model_id!r}; available: {known}")
        return None
    if version is None:
        return None
    for m in same_id:
        if m.version == version:
            return m
    have = ", ".join(f"v{m.version}" for m in sorted(same_id, key=lambda m: m.version))
    problem(("model_version",), f"wrong model version {version}: {model_id} has {have}")
    return None


def _parse_criteria(items: Any, model: AssessmentModel | None, problem) -> list[Answer]:
    answers: list[Answer] = []
    if not isinstance(items, list):
        problem(("criteria",), "missing list of criteria")
        return answers
    known = set(model.criterion_ids) if model else None
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        at = ("criteria", i)
        if not isinstance(item, Mapping):
            problem(at, "expected id, level, note and evidence")
            continue
        for key in item:
            if key not in CRITERION_KEYS:
                problem((*at, key), f"unknown key; allowed: {', '.join(CRITERION_KEYS)}")
        cid = item.get("id")
        if not isinstance(cid, str) or not cid:
            problem((*at, "id"), "missing criterion id")
            cid = None
        elif known is not None and cid not in known:
            problem((*at, "id"), f"unknown criterion {cid!r} for {model.id} v{model.version}")
        elif cid in seen:
            problem((*at, "id"), f"criterion {cid!r} appears twice (also criteria[{seen[cid]}])")
        if cid is not None:
            seen.setdefault(cid, i)
        level = item.get("level")
        if level is not None:
            if not _is_int(level):
                problem((*at, "level"), f"level {level!r} is not a whole number or null")
                level = None
            elif model is not None and level not in model.level_values:
                problem((*at, "level"), f"level {level} is out of range 0..{model.max_level}")
        texts = {}
        for key in ("note", "evidence"):
            value = item.get(key)
            if value is None:
                value = ""
            elif not isinstance(value, str):
                value = str(value)  # a number or date typed without quotes is still text
            texts[key] = value.strip()
        if cid is not None:
            answers.append(Answer(cid, level, texts["note"], texts["evidence"]))
    return answers
