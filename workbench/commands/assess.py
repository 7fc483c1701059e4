"""``workbench assess``: maturity assessment models, blank self-assessment files, runs,
imports of filled blanks, comparisons, exports and hypotheses.

Store and SQLModel imports stay inside the command functions so CLI startup stays fast.

Decisions:
- ``assess import FILE`` checks the whole file first and lists every problem (first line
  ``error: FILE: N problems``, then one indented line each; exit 2) with nothing written.
  It joins the run given with ``--run``, else the team's latest draft run of the file's model
  id and version, else it starts a new run dated from the file.
- ``assess compare`` without ``--from/--to`` compares the team's two latest runs; rows are
  biggest movers first (see ``workbench.domain.maturity.compare``).
- ``assess export`` prints one file to stdout, or writes it into ``--out``: Markdown of one
  run (default: the team's latest) as ``<team>-<date>.md``; YAML of one run
  (``<team>-<date>.yaml``) or of all the team's runs (``<team>-maturity.yaml``), always with
  the team's hypotheses. ``workbench export`` writes every run (exporter ``maturity``).
- ``assess start`` / ``answer`` / ``show`` cover scripting what the TUI does: start a run,
  save one answer (each in its own transaction), and see levels with the respondents'
  answers, median and spread (``!`` = two levels apart) and the score per dimension.
- ``assess agree`` / ``reopen`` are the document lifecycle (``commands/documents.py``): a
  run is agreed once every required party (default: the coach and the team) has signed.
- ``assess progress`` / ``reveal`` (in ``commands/respond.py``) are the coach's side of
  respondent mode: who answered how much, and showing everyone's answers.
- Scores are shown with the domain's one rounding rule (half-up, exact): an overall mean
  of 1.125 reads 1.13 here as in the TUI and the exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.commands import documents, respond
from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    date_or_today,
    optional_date,
    print_json,
    print_table,
    read_text_file,
    workspace_session,
)
from workbench.errors import NotFoundError, UsageError

app = typer.Typer(
    cls=WorkbenchGroup,
    help="Maturity assessments: models, blanks, runs, imports, comparisons, exports.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)

RUN_KIND = "assessment_run"


@app.command("models")
def models_command(as_json: JsonOpt = False) -> None:
    """List assessment models: bundled ones and those in your models folder."""
    from workbench.paths import user_models_dir
    from workbench.store.model_files import load_models

    loaded = load_models()
    rows = [
        {
            "id": m.model.id,
            "version": m.model.version,
            "title": m.model.title,
            "criteria": m.model.criteria_count,
            "levels": len(m.model.levels),
            "source": m.source,
        }
        for m in loaded
    ]
    if as_json:
        print_json(rows)
        return
    print_table(
        ["id", "version", "title", "criteria", "levels", "source"],
        [list(r.values()) for r in rows],
        empty=f"No assessment models found; add YAML model files to {user_models_dir()}",
    )


@app.command("blank")
def blank_command(
    team: Annotated[str, typer.Option("--team", "-t", help="Team that fills in the file.")],
    model: Annotated[str, typer.Option("--model", "-m", help="Model id (see: assess models).")],
    version: Annotated[
        int | None, typer.Option("--model-version", help="Model version (default: the newest).")
    ] = None,
    respondent: Annotated[
        str, typer.Option("--respondent", "-r", help="Name to prefill (default: left empty).")
    ] = "",
    on: Annotated[
        str | None, typer.Option("--date", help="Assessment date YYYY-MM-DD (default: today).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Write a blank self-assessment YAML a team can fill in offline."""
    from workbench.domain.maturity import render_blank
    from workbench.store.model_files import get_model

    on_date = date_or_today(on)
    if out is not None and out.exists() and not force:
        raise UsageError(f"{out} already exists; choose another --out or add --force")
    loaded = get_model(model, version)

    from workbench.store.repo import get_team

    with workspace_session(workspace) as (session, ws):
        team_name = get_team(session, ws.id, team).name

    text = render_blank(loaded.model, team_name, on_date, respondent=respondent.strip())
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(
        f"Wrote blank {loaded.model.id} v{loaded.model.version} self-assessment for "
        f"{team_name} to {out}",
        err=True,
    )


# --- runs -------------------------------------------------------------------------------


TeamOpt = Annotated[str | None, typer.Option("--team", "-t", help="Team name.")]




def _problems_exit(exc, source: str) -> typer.Exit:
    """Every problem of an ``AssessmentError``: a count line, then one line each."""
    count = len(exc.problems)
    typer.echo(f"error: {source}: {count} problem{'' if count == 1 else 's'}; "
               "nothing was imported", err=True)
    for problem in exc.problems:
        typer.echo(f"  {problem}", err=True)
    return typer.Exit(exc.exit_code)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A filled self-assessment (from assess blank).")],
    run: Annotated[
        int | None, typer.Option("--run", help="Add to this run (default: the team's latest "
                                 "draft run of the same model, else a new run).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only check the file; save nothing.")
    ] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Import a filled self-assessment as one respondent of a run. The whole file is
    checked first; any problem stops the import with nothing saved."""
    from workbench.domain.maturity import AssessmentError, parse_filled_blank
    from workbench.store.model_files import load_models

    text = read_text_file(file)
    try:
        filled = parse_filled_blank(text, [m.model for m in load_models()], str(file))
    except AssessmentError as exc:
        raise _problems_exit(exc, str(file)) from None
    who = filled.respondent or "an anonymous respondent"
    answered = sum(1 for a in filled.answers if a.level is not None)
    if dry_run:
        typer.echo(f"{file}: OK: {who} for {filled.team}, {filled.model_id} "
                   f"v{filled.model_version}, {answered} criteria answered; nothing saved")
        return
    from workbench.store import assessment_repo

    with workspace_session(workspace) as (session, ws):
        result = assessment_repo.import_response(session, ws.id, filled, run_id=run,
                                                 source=file.name)
    r = result.run
    typer.echo(
        f"Imported {result.respondent.label} ({result.answered} of "
        f"{result.answered + result.unanswered} criteria) into "
        f"{'new ' if result.created_run else ''}run {r.id}: {r.scope}, {r.model_id} "
        f"v{r.model_version}, {r.run_date.isoformat()}"
    )


def _fmt(value, places: int = 2) -> str:
    from workbench.domain.maturity import display

    return "—" if value is None else str(display(value, places))


def _num(value, places: int = 4) -> float | None:
    from workbench.domain.maturity import display

    return None if value is None else float(display(value, places))


@app.command("list")
def list_command(
    team: TeamOpt = None,
    organisation: Annotated[
        bool, typer.Option("--organisation", help="Only runs for the whole organisation.")
    ] = False,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """List assessment runs (oldest first) with their scores.

    With --json, each run counts its criteria without a level apart: ``not_assessed``
    (the coach marked them "not assessed") and ``unanswered`` (nobody answered yet);
    ``unassessed`` is their sum, kept for scripts written before they were apart.
    """
    from workbench.domain.maturity import next_reassessment
    from workbench.store import assessment_repo as ar

    rows = []
    with workspace_session(workspace) as (session, ws):
        # A run whose model file is gone is still listed, without a score (the store's
        # rule, shared with the TUI).
        for item in ar.scored_runs(session, ws.id, team, organisation=organisation):
            run, score = item.run, item.score
            culture = score and next((d for d in score.dimensions if d.typology_label), None)
            rows.append({
                "id": run.id, "date": run.run_date.isoformat(), "team": run.team,
                "model_id": run.model_id, "model_version": run.model_version,
                **documents.state_json(item.state),
                "respondents": item.respondents,
                "assessed": score.assessed if score else None,
                "unassessed": score.unassessed if score else None,
                "not_assessed": score.not_assessed if score else None,
                "unanswered": score.unanswered if score else None,
                "overall": _num(score.overall) if score else None,
                "overall_percent": _num(score.overall_percent, 1) if score else None,
                "culture": culture.typology_label if culture else None,
                "next_reassessment": next_reassessment(run.run_date).isoformat(),
                "shown_overall": _fmt(score.overall) if score else "—",
                "shown_percent": _fmt(score.overall_percent, 1) if score else "—",
            })
    if as_json:
        print_json([{k: v for k, v in r.items() if not k.startswith("shown_")} for r in rows])
        return
    print_table(
        ["id", "date", "team", "model", "status", "resp", "assessed", "overall", "%",
         "culture", "next"],
        [[r["id"], r["date"], r["team"] or "(organisation)",
          f"{r['model_id']} v{r['model_version']}", r["status"], r["respondents"],
          "model missing" if r["assessed"] is None
          else f"{r['assessed']}/{r['assessed'] + r['unassessed']}",
          r["shown_overall"], r["shown_percent"],
          r["culture"] or "—", r["next_reassessment"]] for r in rows],
        empty="No assessment runs yet; import one with: workbench assess import FILE",
    )


ARROWS = {"up": "↑", "down": "↓", "same": "=", "only-before": "", "only-after": ""}


def _delta_text(direction: str, delta) -> str:
    if direction == "only-before":
        return "not reassessed"
    if direction == "only-after":
        return "newly assessed"
    sign = "+" if delta > 0 else ""
    return f"{ARROWS[direction]} {sign}{_fmt(delta) if not isinstance(delta, int) else delta}"


def _run_json(run) -> dict:
    return {"id": run.id, "date": run.run_date.isoformat(), "team": run.team,
            "model_id": run.model_id, "model_version": run.model_version,
            "status": run.status.value}


@app.command("compare")
def compare_command(
    team: TeamOpt = None,
    from_id: Annotated[int | None, typer.Option("--from", help="Earlier run id.")] = None,
    to_id: Annotated[int | None, typer.Option("--to", help="Later run id.")] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Deltas per criterion and per dimension between two runs, biggest movers first
    (default: the team's two latest runs)."""
    from workbench.store import assessment_repo as ar

    if (from_id is None) != (to_id is None):
        raise UsageError("give both --from and --to, or neither (the team's two latest runs)")
    if from_id is None and team is None:
        raise UsageError("give --team (compares its two latest runs) or --from and --to")
    with workspace_session(workspace) as (session, ws):
        if from_id is None:
            runs = ar.list_runs(session, ws.id, team)
            if len(runs) < 2:
                name = runs[0].scope if runs else team
                raise NotFoundError(
                    f"{name} has {len(runs)} assessment run{'' if len(runs) == 1 else 's'}; "
                    "comparing needs two"
                )
            model_runs = [r for r in runs if r.model_id == runs[-1].model_id]
            if len(model_runs) < 2:
                raise NotFoundError(f"{runs[-1].scope} has only one run of model "
                                    f"{runs[-1].model_id}; give --from and --to")
            before, after = model_runs[-2], model_runs[-1]
        else:
            before, after = ar.get_run(session, from_id, ws.id), ar.get_run(session, to_id, ws.id)
        comparison = ar.compare_runs(session, before.id, after.id)
    if as_json:
        print_json({
            "from": _run_json(before), "to": _run_json(after), "model_id": comparison.model_id,
            "criteria": [{"criterion_id": c.criterion_id, "dimension_id": c.dimension_id,
                          "name": c.name, "from": c.before, "to": c.after, "delta": c.delta,
                          "direction": c.direction.value} for c in comparison.criteria],
            "dimensions": [{"dimension_id": d.dimension_id, "name": d.name,
                            "from": _num(d.before), "to": _num(d.after),
                            "delta": _num(d.delta), "direction": d.direction.value}
                           for d in comparison.dimensions],
            "overall": {"from": _num(comparison.overall_before),
                        "to": _num(comparison.overall_after),
                        "delta": _num(comparison.overall_delta),
                        "direction": comparison.overall_direction.value
                        if comparison.overall_direction else None},
        })
        return
    typer.echo(f"{after.scope}: run {before.id} ({before.run_date.isoformat()}, "
               f"{before.model_id} v{before.model_version}) -> run {after.id} "
               f"({after.run_date.isoformat()}, {after.model_id} v{after.model_version})")
    typer.echo("")
    model = ar.run_model(after)
    names = {d.id: d.name for d in model.dimensions}
    print_table(
        ["criterion", "dimension", "from", "to", "delta"],
        [[c.name, names.get(c.dimension_id, c.dimension_id), _level(c.before),
          _level(c.after), _delta_text(c.direction.value, c.delta)]
         for c in comparison.criteria],
        empty="No criterion was assessed in either run.",
    )
    typer.echo("")
    dims = [[d.name, _fmt(d.before), _fmt(d.after), _delta_text(d.direction.value, d.delta)]
            for d in comparison.dimensions]
    if comparison.overall_direction is not None:
        dims.append(["Overall", _fmt(comparison.overall_before), _fmt(comparison.overall_after),
                     _delta_text(comparison.overall_direction.value, comparison.overall_delta)])
    print_table(["dimension", "from", "to", "delta"], dims)


def _level(value: int | None) -> str:
    return "—" if value is None else str(value)


@app.command("export")
def export_command(
    team: TeamOpt = None,
    run: Annotated[int | None, typer.Option("--run", help="Run id (default: the team's "
                                            "latest for md, all its runs for yaml).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md (wiki page) or yaml.")] = "md",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder to write into (default: print "
                                  "to stdout).")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Export a team's assessment run as a Markdown report, or its runs and hypotheses as
    YAML (with the model id and version of every run)."""
    chosen = fmt.strip().lower().lstrip(".")
    if chosen not in ("md", "yaml"):
        raise UsageError(f"--format {fmt!r} is not valid; choose md or yaml")
    if team is None and run is None:
        raise UsageError("give --team (and optionally --run) to choose what to export")
    if out is not None:
        from workbench.export.files import check_folder

        check_folder(out)
    from workbench.export.exporters.maturity import team_export
    from workbench.export.registry import ExportContext

    with workspace_session(workspace) as (session, ws):
        file = team_export(ExportContext(session=session, workspace=ws), chosen, team, run)
    if out is None:
        typer.echo(file.text, nl=False)
        return
    from workbench.export.files import prepare_folder, write_atomic
    from workbench.export.names import safe_path

    target = safe_path(prepare_folder(out), file.path)
    write_atomic(target, file.text)
    typer.echo(str(target))


# --- hypotheses -------------------------------------------------------------------------

hypothesis_app = typer.Typer(
    cls=WorkbenchGroup,
    help="Transformation hypotheses: per stakeholder group, capability -> outcome -> signal.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(hypothesis_app, name="hypothesis")


def _criteria_list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


def _hypothesis_json(stored, delta) -> dict:
    h = stored.hypothesis
    return {
        "id": stored.id, "team": stored.team, "model_id": stored.model_id,
        "stakeholder_group": h.stakeholder_group, "capability": h.capability,
        "outcome": h.outcome, "signal": h.signal, "criterion_ids": list(h.criterion_ids),
        "review_date": h.review_date.isoformat() if h.review_date else None,
        "status": h.status.value, "evidence": h.evidence, "statement": h.statement(),
        "delta": None if delta is None else {
            "from_run": delta.before.id, "to_run": delta.after.id,
            "criteria": [{"criterion_id": c.criterion_id, "from": c.before, "to": c.after,
                          "delta": c.delta, "direction": c.direction.value}
                         for c in delta.criteria],
            "not_assessed": list(delta.missing),
        },
    }


@hypothesis_app.command("list")
def hypothesis_list(
    team: Annotated[str | None, typer.Option("--team", "-t", help="Only this team's (and "
                                             "whole-organisation) hypotheses.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="open, confirmed, refuted "
                                               "or dropped.")] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """List hypotheses; once a run after the review date exists, with the linked criteria's
    delta."""
    from workbench.domain.maturity import HypothesisStatus
    from workbench.store import assessment_repo as ar

    if status is not None and status not in {s.value for s in HypothesisStatus}:
        raise UsageError(f"--status {status!r} is not valid; choose from: "
                         + ", ".join(s.value for s in HypothesisStatus))
    with workspace_session(workspace) as (session, ws):
        items = [(h, ar.hypothesis_delta(session, h.id))
                 for h in ar.list_hypotheses(session, ws.id, team, status=status)]
    if as_json:
        print_json([_hypothesis_json(h, d) for h, d in items])
        return
    rows = []
    for stored, delta in items:
        h = stored.hypothesis
        moved = "—" if delta is None else ", ".join(
            f"{c.criterion_id} {_delta_text(c.direction.value, c.delta)}"
            for c in delta.criteria) or "no change"
        rows.append([stored.id, stored.team or "(organisation)", h.stakeholder_group,
                     h.status.value, h.review_date.isoformat() if h.review_date else "—",
                     ", ".join(h.criterion_ids) or "—", moved])
    print_table(["id", "team", "group", "status", "review", "criteria", "delta"], rows,
                empty="No hypotheses yet; add one with: workbench assess hypothesis add")


@hypothesis_app.command("add")
def hypothesis_add(
    group: Annotated[str, typer.Option("--group", "-g", help="Stakeholder group.")],
    capability: Annotated[str, typer.Option("--capability", help="We believe <capability>")],
    outcome: Annotated[str, typer.Option("--outcome", help="will result in <outcome>.")],
    signal: Annotated[str, typer.Option("--signal", help="We know we succeeded when "
                                        "<measurable signal>.")],
    team: TeamOpt = None,
    criteria: Annotated[str | None, typer.Option("--criteria", "-c", help="Linked criterion "
                                                 "ids, comma-separated.")] = None,
    review: Annotated[str | None, typer.Option("--review-date", help="YYYY-MM-DD.")] = None,
    model: Annotated[str, typer.Option("--model", "-m", help="Model of the criteria.")] =
        "sre-maturity",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a hypothesis (team optional: without it, for the whole organisation)."""
    from workbench.store import assessment_repo as ar

    data = {"stakeholder_group": group, "capability": capability, "outcome": outcome,
            "signal": signal, "criterion_ids": _criteria_list(criteria) or [],
            "review_date": optional_date(review, "--review-date")}
    with workspace_session(workspace) as (session, ws):
        stored = ar.add_hypothesis(session, ws.id, data, team=team, model_id=model)
    typer.echo(f"Added hypothesis {stored.id} for {stored.scope}: "
               f"{stored.hypothesis.statement()}")


@hypothesis_app.command("update")
def hypothesis_update(
    hypothesis_id: Annotated[int, typer.Argument(help="Hypothesis id.")],
    status: Annotated[str | None, typer.Option("--status", help="open, confirmed, refuted "
                                               "or dropped (a verdict needs --evidence).")]
        = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="What the signal "
                                                 "showed.")] = None,
    review: Annotated[str | None, typer.Option("--review-date", help="YYYY-MM-DD.")] = None,
    criteria: Annotated[str | None, typer.Option("--criteria", "-c", help="Replace the "
                                                 "linked criterion ids.")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Change a hypothesis' status, evidence, review date or linked criteria."""
    from workbench.store import assessment_repo as ar

    changes: dict = {}
    if status is not None:
        changes["status"] = status
    if evidence is not None:
        changes["evidence"] = evidence
    if review is not None:
        changes["review_date"] = optional_date(review, "--review-date")
    if criteria is not None:
        changes["criterion_ids"] = _criteria_list(criteria)
    if not changes:
        raise UsageError("nothing to change; give --status, --evidence, --review-date or "
                         "--criteria")
    with workspace_session(workspace) as (session, ws):
        ar.get_hypothesis(session, hypothesis_id, ws.id)
        stored = ar.update_hypothesis(session, hypothesis_id, **changes)
    typer.echo(f"Updated hypothesis {stored.id}: {stored.hypothesis.status.value}")


@hypothesis_app.command("remove")
def hypothesis_remove(
    hypothesis_id: Annotated[int, typer.Argument(help="Hypothesis id.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Remove a hypothesis (its history stays in the revisions)."""
    from workbench.store import assessment_repo as ar

    with workspace_session(workspace) as (session, ws):
        ar.get_hypothesis(session, hypothesis_id, ws.id)
        stored = ar.remove_hypothesis(session, hypothesis_id)
    typer.echo(f"Removed hypothesis {stored.id} ({stored.hypothesis.stakeholder_group})")


# --- starting and showing runs ----------------------------------------------------------


@app.command("start")
def start_command(
    model: Annotated[str, typer.Option("--model", "-m", help="Model id (see: assess models).")],
    team: TeamOpt = None,
    organisation: Annotated[
        bool, typer.Option("--organisation", help="Assess the whole organisation.")
    ] = False,
    version: Annotated[
        int | None, typer.Option("--model-version", help="Model version (default: newest).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Assessment date YYYY-MM-DD (default: today).")
    ] = None,
    title: Annotated[str, typer.Option("--title", help="A short title.")] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Start a draft assessment run for a team or the whole organisation."""
    from workbench.store import assessment_repo as ar

    if (team is None) == (not organisation):
        raise UsageError("give --team TEAM or --organisation (one of them)")
    on_date = date_or_today(on)
    with workspace_session(workspace) as (session, ws):
        run = ar.create_run(session, ws.id, team, model, version, on_date, title=title)
    typer.echo(f"Started run {run.id}: {run.scope}, {run.model_id} v{run.model_version}, "
               f"{run.run_date.isoformat()}")


@app.command("show")
def show_command(
    run_id: Annotated[int | None, typer.Argument(help="Run id (default: the team's latest).")]
        = None,
    team: TeamOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """One run: level per criterion with the respondents' answers, median and spread
    (``!`` marks answers two levels apart), then the score per dimension.

    A criterion without a level is either "not assessed" (the coach decided so) or
    "unanswered" (nobody said anything yet); both are left out of the means and counted
    apart. With --json: ``not_assessed`` and ``unanswered`` per criterion (true or false)
    and per dimension and run (counts); ``unassessed`` is the sum of the two counts, kept
    for scripts written before they were apart.
    """
    from workbench.domain.maturity import next_reassessment
    from workbench.store import assessment_repo as ar

    if run_id is None and team is None:
        raise UsageError("give a run id or --team (shows its latest run)")
    with workspace_session(workspace) as (session, ws):
        if run_id is None:
            runs = ar.list_runs(session, ws.id, team)
            if not runs:
                raise NotFoundError(f"{team} has no assessment runs yet")
            run = runs[-1]
        else:
            run = ar.get_run(session, run_id, ws.id)
        model = ar.run_model(run)
        score = ar.run_score(session, run.id, model)
        respondents = ar.list_respondents(session, run.id)
        agg = ar.aggregation(session, run.id, model) if respondents else None
        notes = {a.criterion_id: a for a in ar.list_answers(session, run.id)}
        lifecycle = documents.stored_state(session, RUN_KIND, ws.id, str(run.id))
    per = {c.criterion_id: c for c in agg.criteria} if agg else {}
    dims = {d.id: d.name for d in model.dimensions}
    if as_json:
        print_json({
            "run": {**_run_json(run), **lifecycle, "title": run.title, "cursor": run.cursor,
                    "respondents": [r.label for r in respondents],
                    "next_reassessment": next_reassessment(run.run_date).isoformat()},
            "criteria": [{
                "criterion_id": c.criterion_id, "dimension_id": c.dimension_id,
                "name": c.name, "level": c.level,
                "not_assessed": c.not_assessed, "unanswered": c.unanswered,
                "note": notes[c.criterion_id].note if c.criterion_id in notes else "",
                "answers": list(per[c.criterion_id].answers) if per else [],
                "median": per[c.criterion_id].median if per else None,
                "spread": per[c.criterion_id].spread if per else None,
                "disagreement": per[c.criterion_id].disagreement if per else False,
            } for c in score.criteria],
            "dimensions": [{"dimension_id": d.dimension_id, "name": d.name,
                            "level": _num(d.mean), "percent": _num(d.percent, 1),
                            "assessed": d.assessed, "unassessed": d.unassessed,
                            "not_assessed": d.not_assessed, "unanswered": d.unanswered,
                            "typology": d.typology, "typology_label": d.typology_label}
                           for d in score.dimensions],
            "overall": _num(score.overall),
            "overall_percent": _num(score.overall_percent, 1),
            "assessed": score.assessed, "unassessed": score.unassessed,
            "not_assessed": score.not_assessed, "unanswered": score.unanswered,
        })
        return
    who = ", ".join(r.label for r in respondents) or "none"
    typer.echo(f"Run {run.id}: {run.scope}, {run.model_id} v{run.model_version}, "
               f"{run.run_date.isoformat()}, {lifecycle['state']}; respondents: {who}; "
               f"next reassessment about {next_reassessment(run.run_date).isoformat()}")
    typer.echo("")
    rows = []
    for c in score.criteria:
        a = per.get(c.criterion_id)
        rows.append([
            c.name, dims.get(c.dimension_id, c.dimension_id), _criterion_level(c),
            " ".join(map(str, a.answers)) if a and a.answers else "—",
            _level(a.median) if a else "—", _level(a.spread) if a else "—",
            "!" if a and a.disagreement else "",
        ])
    print_table(["criterion", "dimension", "level", "answers", "median", "spread", ""], rows)
    typer.echo("")
    drows = [[d.name, _fmt(d.mean), _fmt(d.percent, 1), d.assessed, d.not_assessed,
              d.unanswered, f"{d.typology}: {d.typology_label}" if d.typology_label else ""]
             for d in score.dimensions]
    drows.append(["Overall", _fmt(score.overall), _fmt(score.overall_percent, 1),
                  score.assessed, score.not_assessed, score.unanswered, ""])
    print_table(["dimension", "level", "%", "assessed", "not assessed", "unanswered", "type"],
                drows)


NOT_ASSESSED, UNANSWERED = "not assessed", "unanswered"


def _criterion_level(c) -> str:
    """The level, or which of the two kinds of "no level" it is (the domain's rule:
    ``CriterionScore.not_assessed`` / ``unanswered``)."""
    if c.level is not None:
        return str(c.level)
    return NOT_ASSESSED if c.not_assessed else UNANSWERED


@app.command("answer")
def answer_command(
    run_id: Annotated[int, typer.Argument(help="Run id.")],
    criterion: Annotated[str, typer.Argument(help="Criterion id (see: assess blank).")],
    level: Annotated[str, typer.Argument(help="Level number, or 'none' for not assessed.")],
    note: Annotated[str | None, typer.Option("--note", help="What the coach noted.")] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="Where it shows.")] = None,
    asked: Annotated[
        str | None, typer.Option("--asked", help="Who was asked, comma-separated.")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Record the coach's answer for one criterion of a draft run (saved at once)."""
    from workbench.domain.formats import is_ascii_digits
    from workbench.store import assessment_repo as ar

    text = level.strip().lower()
    if text in ("none", "null", "-", ""):
        value = None
    elif is_ascii_digits(text):
        value = int(text)
    else:
        raise UsageError(f"level {level!r} is not a number; give e.g. 0, 1, 2 or none")
    with workspace_session(workspace) as (session, ws):
        ar.get_run(session, run_id, ws.id)
        saved = ar.set_answer(session, run_id, criterion, value, note, evidence,
                              asked=None if asked is None else asked.split(","))
    typer.echo(f"Run {run_id}: {saved.criterion_id} = "
               f"{'not assessed' if saved.level is None else saved.level}")


# --- agreeing and reopening runs ----------------------------------------------------------


documents.add_lifecycle_commands(
    app, RUN_KIND, metavar="RUN_ID", ref_help="Run id (see: assess list).",
    agree_help="Sign a run off: record who agrees (--by NAME:ROLE). The run is agreed, and "
               "its answers frozen, once every required party has signed (default: coach "
               "and team).",
    reopen_help="Make an agreed run a draft again so its answers can change; the reason is "
                "kept in its history and the agreed revision stays in force until the run is "
                "agreed again.")


app.command("progress")(respond.progress_command)
app.command("reveal")(respond.reveal_command)
