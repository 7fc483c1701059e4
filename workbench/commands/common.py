"""What every command shares: the global ``--db`` option, opening the database, choosing the
workspace, and printing tables or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from sqlmodel import Session

    from workbench.domain.models import Workspace
    from workbench.store.session import OpenDatabase

# Set by the root callback in cli.py from --db.
options: dict[str, Any] = {"db": None}

WorkspaceOpt = Annotated[
    str | None,
    typer.Option("--workspace", "-w", help="Workspace name (default: last used, or the only one)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def open_db(remember: bool = True) -> OpenDatabase:
    from workbench.paths import resolve_db_url
    from workbench.store.session import open_database

    db = open_database(resolve_db_url(options["db"]), remember=remember)
    if db.backup is not None:
        typer.echo(f"Database upgraded; backup saved to {db.backup}", err=True)
    return db


@contextmanager
def workspace_session(name: str | None) -> Iterator[tuple[Session, Workspace]]:
    """One transaction on the chosen workspace; commits when the block succeeds."""
    from workbench.store.db import transaction
    from workbench.store.session import choose_workspace, remember_workspace

    db = open_db()
    try:
        with transaction(db.engine) as session:
            workspace = choose_workspace(session, name)
            yield session, workspace
        remember_workspace(workspace)
    finally:
        db.engine.dispose()


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], empty: str = "") -> None:
    """A plain aligned table: readable in a terminal and stable for tests and grep."""
    if not rows:
        if empty:
            typer.echo(empty)
        return
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    typer.echo("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
