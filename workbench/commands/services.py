"""``workbench services``: list, add and remove the services of a workspace."""

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

HELP = "List, add and remove services."

app = typer.Typer(cls=WorkbenchGroup, help=HELP, no_args_is_help=True, rich_markup_mode=None,
                  add_completion=False)


@app.command("list")
def services_list(
    team: Annotated[str | None, typer.Option(help="Only services owned by this team.")] = None,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List services with their owning team."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        services = repo.list_services(session, ws.id, team)
    if json_out:
        print_json([{"id": s.id, "name": s.name, "team": s.team_name,
                     "description": s.description} for s in services])
    else:
        print_table(["service", "team", "description"],
                    [[s.name, s.team_name or "(unowned)", s.description] for s in services],
                    empty="No services yet; add one with: workbench services add NAME --team T")


@app.command("add")
def services_add(
    name: Annotated[str, typer.Argument(help="Service name, unique in the workspace.")],
    team: Annotated[str | None, typer.Option(help="Owning team (must exist).")] = None,
    description: Annotated[str, typer.Option(help="What the service does.")] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a service, optionally owned by a team."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        service = repo.add_service(session, ws.id, name, team, description)
    owner = f" owned by {service.team_name!r}" if service.team_name else ""
    typer.echo(f"Added service {service.name!r}{owner}")


@app.command("remove")
def services_remove(
    name: Annotated[str, typer.Argument(help="Service to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Remove a service."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(f"removing service {name!r} needs confirmation; add --yes")
            typer.confirm(f"Remove service {name!r}?", abort=True)
        service = repo.remove_service(session, ws.id, name)
    typer.echo(f"Removed service {service.name!r}")
