"""``workbench db``: the schema revision of the database, and upgrading it."""

from __future__ import annotations

import typer

from workbench.commands.common import JsonOpt, WorkbenchGroup, options, print_json

HELP = "Database schema status and upgrades."

app = typer.Typer(cls=WorkbenchGroup, help=HELP, no_args_is_help=True, rich_markup_mode=None,
                  add_completion=False)


@app.command("status")
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


@app.command("upgrade")
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
