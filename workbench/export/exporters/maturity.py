"""Maturity assessment runs and transformation hypotheses.

Markdown: ``<workspace>/maturity/<team>-<run date>.md`` per run, a wiki page with the
summary per dimension (level, percentage, assessed / not assessed / unanswered: a criterion
the coach marked "not assessed" is a decision, an unanswered one is work still to do, so
they are counted and shown apart, as in the TUI's summary), overall score and the
culture's Westrum type, the respondents' disagreements, the comparison with the previous run
of the same team and model, per-dimension details with notes and evidence, and the team's
hypotheses (with the linked criteria's delta once a run after the review date exists).
YAML: ``<workspace>/maturity.yaml`` with ``kind: workbench/maturity``, ``version: 1``:
every run with its model id and version, consolidated results, respondents' answers and
scores, then every hypothesis.

``workbench assess export`` writes the same texts for one team (and run).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from workbench.domain.maturity import display, next_reassessment
from workbench.export.names import unique_slugs
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.store import assessment_repo as ar

YAML_FILE = "maturity.yaml"
YAML_KIND = "workbench/maturity"
FOLDER = "maturity"
TEMPLATE = "export/maturity-run.md.j2"
ARROWS = {"up": "↑", "down": "↓", "same": "="}


def _dec(value: Any, places: int = 2) -> str:
    return "—" if value is None else str(display(value, places))


def _num(value: Any, places: int = 2) -> float | None:
    return None if value is None else float(display(value, places))


def delta_text(direction: str, delta: Any) -> str:
    if direction == "only-before":
        return "not reassessed"
    if direction == "only-after":
        return "newly assessed"
    text = str(delta) if isinstance(delta, int) else _dec(delta)
    return f"{ARROWS[direction]} {'+' if delta > 0 else ''}{text}"


def run_file_names(runs: Sequence[ar.RunInfo]) -> list[str]:
    """``<team>-<date>`` slugs (``organisation-<date>`` for the whole organisation), unique
    in the order given."""
    bases = [f"{r.team or 'organisation'} {r.run_date.isoformat()}" for r in runs]
    return unique_slugs(bases, fallback="run")


def _hypothesis_entries(book: ar.RunBook, hypotheses: Sequence[ar.StoredHypothesis],
                        names: dict[str, str]) -> list[dict[str, Any]]:
    entries = []
    for stored in hypotheses:
        h = stored.hypothesis
        delta = book.hypothesis_delta(stored)
        entries.append({
            "h": h, "scope": stored.scope, "statement": h.statement(),
            "criteria": [names.get(c, c) for c in h.criterion_ids],
            "delta": None if delta is None else {
                "before": delta.before, "after": delta.after,
                "rows": [{"name": c.name, "before": c.before, "after": c.after,
                          "delta": delta_text(c.direction.value, c.delta)}
                         for c in delta.criteria],
                "missing": [names.get(c, c) for c in delta.missing],
            },
        })
    return entries


def run_report(session: Session, run_id: int, book: ar.RunBook | None = None,
               hypotheses: Sequence[ar.StoredHypothesis] | None = None) -> dict[str, Any]:
    """Everything the Markdown template shows for one run. ``book`` and ``hypotheses`` (the
    workspace's runs and hypotheses, read once) spare an export of many runs reading them
    again for each."""
    if book is None:
        book = ar.RunBook(session, ar.get_run(session, run_id).workspace_id)
    run = book.run(run_id)
    model = book.model(run)
    result = book.result(run_id)
    score = book.score(run_id)
    names = {c.id: c.name for _, c in model.iter_criteria()}
    by_criterion = {r.criterion_id: r for r in result.results}
    scored = {c.criterion_id: c for c in score.criteria}
    respondents = book.respondents(run_id)
    agg = book.aggregation(run_id) if respondents else None

    details = []
    for dimension in model.dimensions:
        rows = []
        for criterion in dimension.criteria:
            recorded = by_criterion.get(criterion.id)
            level = recorded.level if recorded else None
            rows.append({
                "name": criterion.name,
                "level": level,
                "level_name": None if level is None else model.level_name(level),
                "label": None if level is None else criterion.levels[level],
                # the domain's rule for the two kinds of "no level"
                "not_assessed": scored[criterion.id].not_assessed,
                "note": recorded.note if recorded else "",
                "evidence": recorded.evidence if recorded else "",
                "asked": list(recorded.asked) if recorded else [],
            })
        details.append({"name": dimension.name, "score": score.dimension(dimension.id),
                        "criteria": rows})

    previous = book.previous(run_id)
    comparison = None
    if previous is not None:
        cmp = book.compare(previous.id, run_id)
        comparison = {
            "run": previous,
            "dimensions": [{"name": d.name, "before": _dec(d.before), "after": _dec(d.after),
                            "delta": delta_text(d.direction.value, d.delta)}
                           for d in cmp.dimensions],
            "overall": None if cmp.overall_direction is None else {
                "before": _dec(cmp.overall_before), "after": _dec(cmp.overall_after),
                "delta": delta_text(cmp.overall_direction.value, cmp.overall_delta)},
            "criteria": [{"name": c.name, "dimension": model.dimension(c.dimension_id).name
                          if model.dimension(c.dimension_id) else c.dimension_id,
                          "before": c.before, "after": c.after,
                          "delta": delta_text(c.direction.value, c.delta)}
                         for c in cmp.criteria if c.direction.value != "same"],
        }

    if hypotheses is None:
        hypotheses = ar.list_hypotheses(session, run.workspace_id)
    # a team's run shows the team's and the whole organisation's (as list_hypotheses with
    # the team does), an organisation run the organisation's
    hypotheses = [h for h in hypotheses if h.model_id == run.model_id
                  and (h.team_id is None or h.team_id == run.team_id)]

    return {
        "run": run, "model": model, "score": score,
        "dimensions": [{"d": d, "level": _dec(d.mean), "percent": _dec(d.percent, 1)}
                       for d in score.dimensions],
        "overall": _dec(score.overall), "overall_percent": _dec(score.overall_percent, 1),
        "typologies": [d for d in score.dimensions if d.typology_label],
        "next_reassessment": next_reassessment(run.run_date),
        "respondents": [r.label for r in respondents],
        "flagged": [] if agg is None else [
            {"name": c.name, "answers": ", ".join(map(str, c.answers)), "median": c.median,
             "spread": c.spread} for c in agg.flagged],
        "details": details, "comparison": comparison,
        "hypotheses": _hypothesis_entries(book, hypotheses, names),
    }


def run_markdown(ctx: ExportContext, run_id: int, book: ar.RunBook | None = None,
                 hypotheses: Sequence[ar.StoredHypothesis] | None = None) -> str:
    return ctx.render(TEMPLATE, **run_report(ctx.session, run_id, book, hypotheses))


def _run_yaml(book: ar.RunBook, run: ar.RunInfo) -> dict[str, Any]:
    result = book.result(run.id)
    score = book.score(run.id)
    respondents = book.respondents(run.id)
    answers = book.answers(run.id)
    return {
        "id": run.id, "team": run.team, "model_id": run.model_id,
        "model_version": run.model_version, "date": run.run_date, "title": run.title,
        "status": run.status.value, "notes": run.notes,
        "results": [{"criterion_id": r.criterion_id, "level": r.level, "note": r.note,
                     "evidence": r.evidence, "asked": list(r.asked)} for r in result.results],
        "respondents": [
            {"label": p.label, "name": p.name,
             "answers": [{"criterion_id": a.criterion_id, "level": a.level, "note": a.note,
                          "evidence": a.evidence}
                         for a in answers if a.respondent_id == p.id]}
            for p in respondents],
        "score": {
            "overall": _num(score.overall), "overall_percent": _num(score.overall_percent, 1),
            "assessed": score.assessed, "unassessed": score.unassessed,
            "dimensions": [{"id": d.dimension_id, "level": _num(d.mean),
                            "percent": _num(d.percent, 1), "assessed": d.assessed,
                            "unassessed": d.unassessed, "typology": d.typology,
                            "typology_label": d.typology_label} for d in score.dimensions],
        },
        "next_reassessment": next_reassessment(run.run_date),
    }


def _hypothesis_yaml(stored: ar.StoredHypothesis) -> dict[str, Any]:
    h = stored.hypothesis
    return {"id": stored.id, "team": stored.team, "model_id": stored.model_id,
            "stakeholder_group": h.stakeholder_group, "capability": h.capability,
            "outcome": h.outcome, "signal": h.signal, "criterion_ids": list(h.criterion_ids),
            "review_date": h.review_date, "status": h.status.value, "evidence": h.evidence}


def yaml_body(session: Session, runs: Sequence[ar.RunInfo],
              hypotheses: Sequence[ar.StoredHypothesis],
              book: ar.RunBook | None = None) -> dict[str, Any]:
    if book is None and runs:
        book = ar.RunBook(session, runs[0].workspace_id)
    return {"runs": [_run_yaml(book, r) for r in runs],
            "hypotheses": [_hypothesis_yaml(h) for h in hypotheses]}


def _ordered(runs: Sequence[ar.RunInfo]) -> list[ar.RunInfo]:
    return sorted(runs, key=lambda r: ((r.team or "").casefold(), r.run_date, r.id))


@exporter("maturity", formats={"md", "yaml"}, title="Maturity assessments and hypotheses",
          order=40)
def export_maturity(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    session, workspace_id = ctx.session, ctx.workspace.id
    book = ar.RunBook(session, workspace_id)
    runs = _ordered(book.runs)
    hypotheses = ar.list_hypotheses(session, workspace_id)
    if fmt == "yaml":
        if not runs and not hypotheses:
            return []
        return [ExportFile(YAML_FILE, ctx.yaml(YAML_KIND, yaml_body(session, runs,
                                                                   hypotheses, book)))]
    return [ExportFile(f"{FOLDER}/{name}.md", run_markdown(ctx, run.id, book, hypotheses))
            for run, name in zip(runs, run_file_names(runs), strict=True)]


def team_export(ctx: ExportContext, fmt: str, team: str | None,
                run_id: int | None = None) -> ExportFile:
    """One file for ``workbench assess export``: Markdown for the run (default: the team's
    latest), or YAML of that run (default: every run of the team) with the team's
    hypotheses. Named ``<team>-<date>.md`` / ``.yaml``, or ``<team>-maturity.yaml``."""
    from workbench.errors import NotFoundError, UsageError
    from workbench.export.names import slugify

    session, workspace_id = ctx.session, ctx.workspace.id
    if run_id is not None:
        run = ar.get_run(session, run_id, workspace_id)
        if team is not None and run.team_id != ar.repo.get_team(session, workspace_id,
                                                                team).id:
            raise UsageError(f"run {run_id} is for {run.scope}, not {team}")
        runs = [run]
    else:
        if team is None:
            raise UsageError("give --team or --run")
        runs = ar.list_runs(session, workspace_id, team)
        if not runs:
            raise NotFoundError(
                f"{ar.repo.get_team(session, workspace_id, team).name} has no assessment runs "
                "yet; import one with: workbench assess import FILE")
    last = runs[-1]
    if fmt == "md":
        [name] = run_file_names([last])
        return ExportFile(f"{name}.md", run_markdown(ctx, last.id))
    if fmt != "yaml":
        raise UsageError(f"--format {fmt!r} is not valid; choose md or yaml")
    if last.team_id is not None:
        hypotheses = ar.list_hypotheses(session, workspace_id, last.team)
    else:
        hypotheses = [h for h in ar.list_hypotheses(session, workspace_id)
                      if h.team_id is None]
    name = (run_file_names([last])[0] if run_id is not None
            else f"{slugify(last.team or 'organisation', fallback='team')}-maturity")
    return ExportFile(f"{name}.yaml", ctx.yaml(YAML_KIND, yaml_body(session, runs,
                                                                    hypotheses)))
