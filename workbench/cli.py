"""The ``workbench`` command. Heavy modules (SQLModel, Alembic, Textual) are imported inside
the commands that use them, so ``workbench --help`` and ``--version`` start fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from workbench import __version__
from workbench.commands.common import (
    JsonOpt,
    RootGroup,
    WorkspaceOpt,
    open_db,
    options,
    print_json,
    print_table,
    workspace_session,
)
from workbench.errors import UsageError


class Root(RootGroup):
    lazy_groups = {
        "slo": ("workbench.commands.slo",
                "SLOs and error budgets: calculator, personas, story maps, exports."),
        "assess": ("workbench.commands.assess",
                   "Maturity assessments: models, runs, respondents, comparisons."),
    }


app = typer.Typer(
    cls=Root,
    help="SRE Workbench: maturity, stakeholders, SLOs, policies and on-call for SRE coaching.",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
teams_app = typer.Typer(help="List, add, rename and remove teams.", no_args_is_help=True)
services_app = typer.Typer(help="List, add and remove services.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema status and upgrades.", no_args_is_help=True)
app.add_typer(teams_app, name="teams")
app.add_typer(services_app, name="services")
app.add_typer(db_app, name="db")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workbench {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="WORKBENCH_DB",
            help="Database URL (sqlite:///file.db or postgresql+psycopg://...). "
            "Default: the last used database.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Run without a command to open the TUI on the last used database."""
    options["db"] = db
    if ctx.invoked_subcommand is None:
        _open_tui(None)


def _open_tui(workspace: str | None) -> None:
    from workbench.paths import resolve_db_url
    from workbench.tui.app import build_app

    url = resolve_db_url(options["db"])
    # The app opens (and migrates) the database in a worker after its first paint; problems
    # (bad URL, newer schema) end the app and come back here as one line.
    tui = build_app(None, db_url=url, workspace_name=workspace)
    tui.run()
    if tui.startup_error is not None:
        raise tui.startup_error


@app.command()
def init(
    name: Annotated[str, typer.Argument(help="Name of the organisation, e.g. 'Acme Retail'.")],
    description: Annotated[str, typer.Option(help="One line about the organisation.")] = "",
) -> None:
    """Create a workspace (one organisation) and make it the current one."""
    from workbench.store import repo
    from workbench.store.db import display_url, transaction
    from workbench.store.session import remember_workspace

    db = open_db()
    with transaction(db.engine) as session:
        workspace = repo.create_workspace(session, name, description)
    remember_workspace(workspace)
    typer.echo(f"Created workspace {workspace.name!r} in {display_url(db.url)}")


@app.command()
def demo(
    open_tui: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the TUI once the demo exists.")
    ] = True,
) -> None:
    """Create (or complete) the BharatMart demo workspace and open it."""
    from workbench.store.db import display_url, transaction
    from workbench.store.demo import create_demo
    from workbench.store.session import remember_workspace

    db = open_db()
    with transaction(db.engine) as session:
        workspace, created = create_demo(session)
    remember_workspace(workspace)
    verb = "Created" if created else "Refreshed"
    typer.echo(f"{verb} demo workspace {workspace.name!r} in {display_url(db.url)}",
               err=open_tui)
    if open_tui:
        _open_tui(workspace.name)


@app.command()
def paths() -> None:
    """Show where the workbench keeps its data, config and models."""
    from workbench import paths as p
    from workbench.store.db import display_url

    print_table(
        ["what", "where"],
        [
            ["data folder", p.home()],
            ["database", display_url(p.resolve_db_url(options["db"]))],
            ["state file", p.state_file()],
            ["own assessment models", p.user_models_dir()],
            ["bundled templates", p.templates_dir()],
        ],
    )


# --- teams ------------------------------------------------------------------------------


@teams_app.command("list")
def teams_list(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """List the teams of the workspace."""
    from workbench.store import repo

    with workspace_session(workspace) as (session, ws):
        teams = repo.list_teams(session, ws.id)
        counts = {t.id: repo.count_services_of_team(session, t.id) for t in teams}
    if json_out:
        print_json([{"id": t.id, "name": t.name, "description": t.description,
                     "services": counts[t.id]} for t in teams])
    else:
        print_table(["team", "services", "description"],
                    [[t.name, counts[t.id], t.description] for t in teams],
                    empty=f"No teams in {ws.name} yet; add one with: workbench teams add NAME")


@teams_app.command("add")
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


@teams_app.command("rename")
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


@teams_app.command("remove")
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


# --- services ---------------------------------------------------------------------------


@services_app.command("list")
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


@services_app.command("add")
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


@services_app.command("remove")
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


# --- database ---------------------------------------------------------------------------


@db_app.command("status")
def db_status(json_out: JsonOpt = False) -> None:
    """Show the schema revision of the database and what an upgrade would apply."""
    from workbench.paths import resolve_db_url
    from workbench.store.db import display_url, make_engine
    from workbench.store.migrate import status

    url = resolve_db_url(options["db"])
    engine = make_engine(url)
    try:
        st = status(engine)
    finally:
        engine.dispose()
    shown = display_url(url)
    if json_out:
        print_json({"url": shown, "current": st.current, "head": st.head,
                    "pending": st.pending, "known": st.known, "up_to_date": st.up_to_date})
        return
    typer.echo(f"database: {shown}")
    typer.echo(f"current:  {st.current or '(empty)'}")
    typer.echo(f"head:     {st.head}")
    if not st.known:
        typer.echo("state:    written by a newer workbench; upgrade the workbench")
    elif st.pending:
        typer.echo(f"state:    {len(st.pending)} pending: {', '.join(st.pending)} "
                   "(run: workbench db upgrade)")
    else:
        typer.echo("state:    up to date")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Upgrade the schema to the newest version (SQLite files are backed up first)."""
    from workbench.paths import resolve_db_url
    from workbench.store.db import make_engine
    from workbench.store.migrate import upgrade

    engine = make_engine(resolve_db_url(options["db"]))
    try:
        before, backup = upgrade(engine)
    finally:
        engine.dispose()
    if not before.pending:
        typer.echo(f"Already up to date ({before.head})")
        return
    typer.echo(f"Upgraded {before.current or 'empty database'} -> {before.head}")
    if backup:
        typer.echo(f"Backup: {backup}")


# --- export -----------------------------------------------------------------------------


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created).")],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated formats: md, yaml.")
    ] = "md,yaml",
    workspace: WorkspaceOpt = None,
) -> None:
    """Export the workspace's artifacts as Markdown and YAML files."""
    from workbench.export.registry import available_formats, export_workspace

    chosen = {f.strip().lower() for f in formats.split(",") if f.strip()}
    unknown = chosen - set(available_formats())
    if not chosen or unknown:
        raise UsageError(
            f"--format {formats!r} is not valid; choose from {', '.join(available_formats())}"
        )
    db = open_db()
    try:
        from workbench.store.db import reading
        from workbench.store.session import choose_workspace

        with reading(db.engine) as session:
            ws = choose_workspace(session, workspace)
        written = export_workspace(db.engine, ws, out, chosen)
    finally:
        db.engine.dispose()
    for path in written:
        typer.echo(str(path))
    count = len(written)
    typer.echo(f"Wrote {count} file{'' if count == 1 else 's'} to {out}", err=True)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
