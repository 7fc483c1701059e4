"""Root commands about the workspace and where it lives: ``init``, ``demo``, ``paths``, and
opening the TUI."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.commands.common import fixed_today, open_db, options, print_table


def open_tui(workspace: str | None) -> None:
    """Run the TUI on the last used database (``workspace``: the one to show first)."""
    from workbench.paths import resolve_db_url
    from workbench.tui.app import build_app

    url = resolve_db_url(options["db"])
    # The app opens (and migrates) the database in a worker after its first paint; problems
    # (bad URL, newer schema) end the app and come back here as one line. Its day is the
    # one WORKBENCH_TODAY fixes; without it the app follows the calendar (it may stay open
    # past midnight).
    tui = build_app(None, db_url=url, workspace_name=workspace, today=fixed_today())
    tui.run()
    if tui.startup_error is not None:
        raise tui.startup_error


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


def demo(
    open_app: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the TUI once the demo exists.")
    ] = True,
) -> None:
    """Create (or complete) the BharatMart demo workspace and open it."""
    from workbench.store.db import display_url, transaction
    from workbench.store.demo import create_demo
    from workbench.store.session import remember_workspace

    db = open_db()
    with transaction(db.engine) as session:
        workspace, created = create_demo(session, options["today"])
    remember_workspace(workspace)
    verb = "Created" if created else "Refreshed"
    typer.echo(f"{verb} demo workspace {workspace.name!r} in {display_url(db.url)}",
               err=open_app)
    if open_app:
        open_tui(workspace.name)


def paths(
    workspace: Annotated[
        str | None,
        typer.Option("--workspace", "-w", help="Workspace whose template overrides to show "
                                               "(default: the last used one)."),
    ] = None,
) -> None:
    """Show where the workbench keeps its data, config, models and templates."""
    from workbench import paths as p
    from workbench.store.db import display_url

    # The current workspace as the state file has it: ``paths`` opens no database.
    current = workspace or p.read_state().get("last_workspace")
    from workbench.export.templates import user_templates_dir

    overrides = (user_templates_dir(current) if isinstance(current, str) and current
                 else p.user_templates_root() / "<workspace>")
    print_table(
        ["what", "where"],
        [
            ["data folder", p.home()],
            ["database", display_url(p.resolve_db_url(options["db"]))],
            ["state file", p.state_file()],
            ["config file", p.config_file()],
            ["own assessment models", p.user_models_dir()],
            ["bundled templates", p.templates_dir()],
            ["templates (overrides)", overrides],
        ],
    )
