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
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from workbench.commands.common import (
    JsonOpt,
    WorkspaceOpt,
    print_json,
    print_table,
    workspace_session,
)
from workbench.errors import NotFoundError, UsageError, WorkbenchError


class _AssessGroup(TyperGroup):
    """One line on stderr and the error's exit code, also when this sub-app runs on its own."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_AssessGroup,
    help="Maturity assessments: models, blanks, runs, imports, comparisons, exports.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("models")
def models_command(as_json: JsonOpt = False) -> None:
    """List assessment models: bundled ones and those in your models folder."""
    from workbench.paths import user_models_dir
    from workbench.store.assessment_models import load_models

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


def _parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date; write YYYY-MM-DD") from None


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
    from workbench.store.assessment_models import get_model

    on_date = _parse_date(on)
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


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder; give a file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it: {exc.strerror}") from None


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
    from workbench.store.assessment_models import load_models

    text = _read_text(file)
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
    """List assessment runs (oldest first) with their scores."""
    from workbench.domain.maturity import next_reassessment
    from workbench.store import assessment_repo as ar

    rows = []
    with workspace_session(workspace) as (session, ws):
        for run in ar.list_runs(session, ws.id, team, organisation=organisation):
            score = ar.run_score(session, run.id)
            culture = next((d for d in score.dimensions if d.typology_label), None)
            rows.append({
                "id": run.id, "date": run.run_date.isoformat(), "team": run.team,
                "model_id": run.model_id, "model_version": run.model_version,
                "status": run.status.value,
                "respondents": len(ar.list_respondents(session, run.id)),
                "assessed": score.assessed, "unassessed": score.unassessed,
                "overall": _num(score.overall), "overall_percent": _num(score.overall_percent, 1),
                "culture": culture.typology_label if culture else None,
                "next_reassessment": next_reassessment(run.run_date).isoformat(),
            })
    if as_json:
        print_json(rows)
        return
    print_table(
        ["id", "date", "team", "model", "status", "resp", "assessed", "overall", "%",
         "culture", "next"],
        [[r["id"], r["date"], r["team"] or "(organisation)",
          f"{r['model_id']} v{r['model_version']}", r["status"], r["respondents"],
          f"{r['assessed']}/{r['assessed'] + r['unassessed']}",
          "—" if r["overall"] is None else f"{r['overall']:.2f}",
          "—" if r["overall_percent"] is None else f"{r['overall_percent']:.1f}",
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
