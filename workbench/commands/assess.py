"""``workbench assess``: maturity assessment models and blank self-assessment files.

Store and SQLModel imports stay inside the command functions so CLI startup stays fast.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from workbench.commands.common import JsonOpt, WorkspaceOpt, print_json, print_table
from workbench.errors import UsageError, WorkbenchError


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
    help="Maturity assessments: list models, write blank self-assessment files.",
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

    from workbench.commands.common import workspace_session
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
