"""What every command shares: the global ``--db`` option, opening the database, choosing the
workspace, and printing tables or JSON."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import typer
import typer.main
from typer.core import TyperGroup

from workbench.errors import NotFoundError, WorkbenchError
from workbench.files import read_text_file  # noqa: F401  (commands import it from here)

if TYPE_CHECKING:
    from sqlmodel import Session

    from workbench.domain.organisation import Workspace
    from workbench.store.session import OpenDatabase

# What to type next, by the kind of record an error is about (``WorkbenchError.topic``).
# Only the CLI words hints as commands; the store and the TUI never name one.
HINTS: dict[str, str] = {
    "workspace": "create one with: workbench init NAME (or try: workbench demo)",
    "workspace-choice": "pick one with --workspace NAME",
    "team": "list teams with: workbench teams list",
    "service": "list services with: workbench services list",
    "run": "list runs with: workbench assess list",
    "hypothesis": "list them with: workbench assess hypothesis list",
    "model": "list models with: workbench assess models",
    "slo": "list SLOs with: workbench slo list",
    "persona": "list personas with: workbench slo personas",
    "story": "see the story maps with: workbench slo map",
    "story_map": "see the story maps with: workbench slo map",
}


def error_line(exc: WorkbenchError) -> str:
    """The one line the CLI prints for ``exc``, with a hint where one helps."""
    message = " ".join(str(exc).split())
    hint = HINTS.get(exc.topic or "") if isinstance(exc, NotFoundError) else None
    return f"error: {message}; {hint}" if hint else f"error: {message}"


class WorkbenchGroup(TyperGroup):
    """Turns a ``WorkbenchError`` anywhere below into one line on stderr and its exit code.

    Sub-apps use it too, so they behave the same when tests run them on their own."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            typer.echo(error_line(exc), err=True)
            raise typer.Exit(exc.exit_code) from None


class RootGroup(WorkbenchGroup):
    """The root command. Sub-command groups in ``lazy_groups`` are imported and built only when
    used: building every command of every group costs more than importing Typer itself, and
    ``workbench --help`` or ``workbench teams list`` need none of them."""

    # name -> (module holding a Typer ``app``, one-line help for the root's command list)
    lazy_groups: ClassVar[dict[str, tuple[str, str]]] = {}

    def list_commands(self, ctx) -> list[str]:
        names = list(super().list_commands(ctx))
        return names + [name for name in self.lazy_groups if name not in names]

    def get_command(self, ctx, cmd_name: str):
        if cmd_name in self.lazy_groups and cmd_name not in self.commands:
            module = importlib.import_module(self.lazy_groups[cmd_name][0])
            command = typer.main.get_command(module.app)
            command.name = cmd_name
            self.commands[cmd_name] = command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx, formatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(n) for n in names), default=0)
        rows = []
        for name in names:
            if name in self.lazy_groups and name not in self.commands:
                rows.append((name, self.lazy_groups[name][1]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


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
