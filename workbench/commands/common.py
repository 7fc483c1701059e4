"""What every command shares: the global ``--db`` option and the day the command runs on,
opening the database, choosing the workspace, reading dates and whole numbers from options,
and printing tables or JSON.

Decisions:
- One clock: the day is set once per invocation (``set_today``) from the hidden environment
  variable ``WORKBENCH_TODAY`` (``YYYY-MM-DD``, for tests and demos) or the system date.
  Every command that defaults to "today" calls ``today()``; none reads the system clock.
  The moment "now" (how old the gate's status file is) is ``now()``: the hidden
  ``WORKBENCH_NOW`` (an ISO date and time with its zone) or the system clock.
- Arguments that are not valid UTF-8 (they arrive as surrogate escapes) are refused with one
  line before any command runs, so they never reach the database or the terminal.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NoReturn

import typer
import typer.main
from typer.core import TyperGroup

from workbench.errors import NotFoundError, UsageError, WorkbenchError
from workbench.files import read_text_file  # noqa: F401  (commands import it from here)

if TYPE_CHECKING:
    from sqlmodel import Session

    from workbench.domain.organisation import Workspace
    from workbench.service import Workbench
    from workbench.store.session import OpenDatabase

# What to type next, by the kind of record an error is about (``WorkbenchError.topic``).
# Only the CLI words hints as commands; the store and the TUI never name one.
HINTS: dict[str, str] = {
    "workspace": "create one with: workbench init NAME (or try: workbench demo)",
    "workspace-choice": "pick one with --workspace NAME",
    "team": "list teams with: workbench teams list",
    "service": "list services with: workbench services list",
    "run": "list runs with: workbench assess list",
    "assessment_run": "list runs with: workbench assess list",
    "hypothesis": "list them with: workbench assess hypothesis list",
    "model": "list models with: workbench assess models",
    "slo": "list SLOs with: workbench slo list",
    "persona": "list personas with: workbench slo personas",
    "story": "see the story maps with: workbench slo map",
    "story_map": "see the story maps with: workbench slo map",
    "stakeholder": "list them with: workbench stakeholders list",
    "stakeholder_chart": "start the chart with: workbench stakeholders add NAME --power "
                         "high|low --interest high|low",
    "policy": "list policies with: workbench policy list",
}


def printable(text: str) -> str:
    """``text`` safe to print: bytes that were not valid UTF-8 (surrogate escapes) and other
    lone surrogates are shown as ``\\xff`` / ``\\udc00`` instead of failing the output."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def error_line(exc: WorkbenchError) -> str:
    """The one line the CLI prints for ``exc``, with a hint where one helps."""
    message = printable(" ".join(str(exc).split()))
    hint = HINTS.get(exc.topic or "") if isinstance(exc, NotFoundError) else None
    return f"error: {message}; {hint}" if hint else f"error: {message}"


def file_problem_lines(exc: Exception) -> list[str]:
    """Every problem of an error, one printable line each: the ``FILE:LINE: key.path: what
    is wrong`` lines of an importer's error (its ``lines()``), else its message."""
    lines = getattr(exc, "lines", None)
    found = [printable(line) for line in lines()] if callable(lines) else []
    return found or [printable(" ".join(str(exc).split()))]


def exit_with_problems(lines: Sequence[str], *, where: str, nothing: str,
                       code: int) -> NoReturn:
    """Print several problems on stderr, one per line (editors jump to ``FILE:LINE``), then
    how many there were and that ``nothing`` happened; exit with ``code``."""
    for line in lines:
        typer.echo(line, err=True)
    typer.echo(f"error: {len(lines)} problems{where}; {nothing}", err=True)
    raise typer.Exit(code)


def invalid_text(args: Sequence[str]) -> str | None:
    """The one-line complaint about the first argument that is not valid UTF-8, if any."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return (f"error: the argument '{printable(arg)}' is not valid UTF-8 text; type it "
                    "again, or set the terminal to UTF-8")
    return None


class WorkbenchGroup(TyperGroup):
    """Turns a ``WorkbenchError`` anywhere below into one line on stderr and its exit code,
    and refuses arguments that are not valid UTF-8 before any command runs.

    Sub-apps use it too, so they behave the same when tests run them on their own."""

    # A sub-app run on its own (tests) fixes the day itself; the root's callback does it
    # for the whole command line.
    sets_clock: ClassVar[bool] = True

    def main(self, args: Sequence[str] | None = None, *rest, **kwargs):
        problem = invalid_text(list(sys.argv[1:] if args is None else args))
        if problem is not None:
            typer.echo(problem, err=True)
            sys.exit(UsageError.exit_code)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx):
        try:
            if ctx.parent is None and self.sets_clock:
                set_today()
            return super().invoke(ctx)
        except WorkbenchError as exc:
            typer.echo(error_line(exc), err=True)
            raise typer.Exit(exc.exit_code) from None
        except UnicodeEncodeError:  # text that slipped past the checks above
            typer.echo("error: some text is not valid UTF-8; type it again, or set the "
                       "terminal to UTF-8", err=True)
            raise typer.Exit(UsageError.exit_code) from None


class RootGroup(WorkbenchGroup):
    """The root command. Sub-command groups in ``lazy_groups`` are imported and built only when
    used: building every command of every group costs more than importing Typer itself, and
    ``workbench --help`` or ``workbench teams list`` need none of them."""

    # name -> (module holding a Typer ``app``, one-line help for the root's command list)
    lazy_groups: ClassVar[dict[str, tuple[str, str]]] = {}
    sets_clock: ClassVar[bool] = False

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


# Set by the root callback in cli.py: "db" from --db, "today" by ``set_today``.
options: dict[str, Any] = {"db": None, "today": None}

TODAY_ENV = "WORKBENCH_TODAY"


def fixed_today() -> date | None:
    """The day ``WORKBENCH_TODAY`` fixes, or None when it is not set."""
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return None
    return parse_date(raw, TODAY_ENV)


def set_today() -> date:
    """Fix the day this invocation works with (once, at its start)."""
    options["today"] = fixed_today() or date.today()
    return options["today"]


def today() -> date:
    """The day commands use for "today" (set once per invocation)."""
    return options["today"] or set_today()


NOW_ENV = "WORKBENCH_NOW"


def now() -> datetime:
    """The moment commands use for "now" (how old a status file is): the hidden environment
    variable ``WORKBENCH_NOW`` (an ISO date and time with its zone, e.g.
    ``2026-11-25T09:00:00+00:00``, for tests and demos) or the system clock, in UTC. Read
    when asked, so each invocation sees the variable as it is then."""
    raw = os.environ.get(NOW_ENV, "").strip()
    if not raw:
        return datetime.now(UTC)
    return parse_moment(raw, NOW_ENV)


def parse_moment(value: str, option: str) -> datetime:
    """An ISO 8601 date and time with its zone (``2026-11-25T09:00:00Z`` or ``+05:30``), in
    UTC, or a one-line UsageError; a time without a zone is refused, since it is ambiguous."""
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text) if len(text) > 10 else None
    except ValueError:
        moment = None
    if moment is None:
        raise UsageError(f"{option} {value!r} is not a date and time; write it as ISO 8601 "
                         "with its zone, e.g. 2026-11-25T09:00:00+00:00")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise UsageError(f"{option} {value!r} has no time zone; add one, e.g. "
                         f"{text}+00:00 (or Z for UTC)")
    return moment.astimezone(UTC)


def parse_date(value: str, option: str) -> date:
    """The one date reader of the CLI: ``YYYY-MM-DD`` or a one-line UsageError."""
    from workbench.domain.formats import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise UsageError(f"{option} {exc}") from None


def date_or_today(value: str | None, option: str = "--date") -> date:
    return today() if value is None else parse_date(value, option)


def optional_date(value: str | None, option: str) -> date | None:
    """None for an absent or empty option (empty clears a stored date)."""
    if value is None or not value.strip():
        return None
    return parse_date(value, option)


def parse_count(value: str, option: str) -> int:
    """A whole number of 0 or more (ASCII digits only) or a one-line UsageError."""
    from workbench.domain.formats import parse_whole

    try:
        return parse_whole(value, option)
    except ValueError as exc:
        raise UsageError(str(exc)) from None

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


@contextmanager
def service(name: str | None) -> Iterator[tuple[Workbench, Workspace]]:
    """The service (``workbench.service.Workbench``) on the chosen workspace, with the
    command's day as its clock; each service call is its own transaction."""
    from workbench.service import Workbench
    from workbench.store.session import choose_workspace, remember_workspace

    db = open_db()
    try:
        wb = Workbench(db.engine, today=today())
        workspace = wb.read(choose_workspace, name)
        yield wb, workspace
        remember_workspace(workspace)
    finally:
        db.engine.dispose()


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], empty: str = "") -> None:
    """A plain aligned table: readable in a terminal and stable for tests and grep. Columns
    are aligned by display width (``workbench.display_width``: what a terminal draws), so
    wide (CJK) and combining or spacing-mark (Devanagari) text lines up."""
    from workbench.display_width import display_width, pad_right

    if not rows:
        if empty:
            typer.echo(empty)
        return
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    titles = [h.upper() for h in headers]
    widths = [max(display_width(h), *(display_width(r[i]) for r in cells))
              for i, h in enumerate(titles)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(pad_right(v, w) for v, w in zip(values, widths, strict=True)).rstrip()

    typer.echo(line(titles))
    for row in cells:
        typer.echo(line(row))


def report_written(written: Sequence[Path], out: Path) -> None:
    """Every exported file on stdout (for scripts), the count on stderr (for people)."""
    for path in written:
        typer.echo(str(path))
    count = len(written)
    typer.echo(f"Wrote {count} file{'' if count == 1 else 's'} to {out}", err=True)
