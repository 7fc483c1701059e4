"""``workbench teams``: list, add, rename and remove the teams of a workspace."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    print_json,
    print_table,
    workspace_session,
)
from workbench.errors import UsageError

HELP = "List, add, rename and remove teams."

app = typer.Typer(cls=WorkbenchGroup, help=HELP, no_args_is_help=True, rich_markup_mode=None,
                  add_completion=False)


@app.command("list")
def teams_list(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """List the teams of the workspace."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        teams = repo.list_teams(session, ws.id)
        owned = repo.service_counts(session, ws.id)
        counts = {t.id: owned.get(t.id, 0) for t in teams}
    if json_out:
        print_json([{"id": t.id, "name": t.name, "description": t.description,
                     "services": counts[t.id]} for t in teams])
    else:
        print_table(["team", "services", "description"],
                    [[t.name, counts[t.id], t.description] for t in teams],
                    empty=f"No teams in {ws.name} yet; add one with: workbench teams add NAME")


@app.command("add")
def teams_add(
    name: Annotated[str, typer.Argument(help="Team name, unique in the workspace.")],
    description: Annotated[str, typer.Option(help="What the team does.")] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a team."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        team = repo.add_team(session, ws.id, name, description)
    typer.echo(f"Added team {team.name!r} to {ws.name}")


@app.command("rename")
def teams_rename(
    old: Annotated[str, typer.Argument(help="Current team name.")],
    new: Annotated[str, typer.Argument(help="New team name.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Rename a team; its services and history stay with it."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        team = repo.rename_team(session, ws.id, old, new)
    typer.echo(f"Renamed team {old!r} to {team.name!r}")


@app.command("remove")
def teams_remove(
    name: Annotated[str, typer.Argument(help="Team to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Remove a team. Its services stay, without an owner."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        team = repo.get_team(session, ws.id, name)
        owned = repo.count_services_of_team(session, team.id)
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(f"removing team {team.name!r} needs confirmation; add --yes")
            typer.confirm(f"Remove team {team.name!r}? Services left unowned: {owned}.",
                          abort=True)
        repo.remove_team(session, ws.id, name)
    typer.echo(f"Removed team {team.name!r}; services now unowned: {owned}")
