"""Respondent mode from the command line: ``workbench respond RUN_ID --as NAME`` (or
``--anonymous``) opens the TUI on that run's walk for one person, and ``workbench assess
progress`` / ``assess reveal`` are the coach's side of it.

Decisions:
- Exactly one of ``--as`` and ``--anonymous``. ``--as`` with a name that joined before
  carries on where that person stopped; an anonymous respondent carries on with
  ``--as "anonymous N"``, the pseudonym the app showed (and this command prints at the end).
- The respondent's app opens the database given by ``--db`` / ``WORKBENCH_DB`` (a shared
  PostgreSQL database lets people answer from their own machines) and does not make it the
  machine's "last used" one: a respondent on the coach's laptop must not change the coach's
  next start.
"""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

from workbench.commands.common import (
    JsonOpt,
    WorkspaceOpt,
    fixed_today,
    options,
    print_json,
    print_table,
    printable,
    workspace_session,
)
from workbench.errors import UsageError

MAX_NAME = 80

RunArg = Annotated[int, typer.Argument(help="The assessment run's id (see: assess list).",
                                       min=1)]
AsOpt = Annotated[str | None, typer.Option(
    "--as", help="Your name as the coach will see it (the same name carries on where you "
                 "stopped; an anonymous respondent gives the pseudonym shown, e.g. "
                 "'anonymous 3').")]
AnonymousOpt = Annotated[bool, typer.Option(
    "--anonymous", help="Answer under a new pseudonym that nothing links to you.")]


def respondent_name(as_name: str | None, anonymous: bool) -> str | None:
    """The name to join as (None: anonymously), or a ``UsageError`` saying what to give."""
    if anonymous and as_name is not None:
        raise UsageError("give --as NAME or --anonymous, not both")
    if anonymous:
        return None
    if as_name is None:
        raise UsageError("say who answers: --as NAME, or --anonymous")
    name = " ".join(as_name.split())
    if not name:
        raise UsageError("--as needs a name (or answer with --anonymous)")
    if len(name) > MAX_NAME:
        raise UsageError(f"--as: the name has {len(name)} characters; at most {MAX_NAME}")
    if any(not c.isprintable() for c in name):
        raise UsageError("--as: the name has control characters; type it plainly")
    return name


def respond(run_id: RunArg, as_name: AsOpt = None, anonymous: AnonymousOpt = False) -> None:
    """Answer an assessment run yourself: the walk of that one run, criterion by criterion,
    with its guiding questions and level descriptions.

    Every answer is saved as you give it, so you can stop (escape) and carry on later with
    the same command. You see only your own answers until the coach reveals everyone's.
    """
    from workbench.paths import resolve_db_url
    from workbench.tui.respondent_app import build_respondent_app

    name = respondent_name(as_name, anonymous)
    url = resolve_db_url(options["db"])
    tui = build_respondent_app(url, run_id, name, today=fixed_today())
    tui.run()
    if tui.startup_error is not None:
        raise tui.startup_error
    joined = tui.joined
    if joined is not None:
        label = joined.respondent.label
        typer.echo(f"Your answers to run {run_id} are saved as {printable(label)}. To carry "
                   f"on: workbench respond {run_id} --as {shlex.quote(printable(label))}")


def progress_command(
    run_id: RunArg,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Who answered a run and how far each got (finished, part way, not started), and
    whether their answers are revealed yet."""
    from workbench.store import assessment_repo as ar

    with workspace_session(workspace) as (session, ws):
        run = ar.get_run(session, run_id, ws.id)
        progress = ar.run_progress(session, run.id)
    if as_json:
        print_json({"run": run.id, "revealed": run.revealed,
                    "respondents": [{"respondent": p.label, "answered": p.answered,
                                     "total": p.total, "stage": p.stage}
                                    for p in progress]})
        return
    print_table(["respondent", "answered", "stage"],
                [[printable(p.label), f"{p.answered}/{p.total}", p.stage] for p in progress],
                empty=f"Nobody answered run {run.id} yet: `workbench respond {run.id} --as "
                      "NAME` or `workbench assess blank` for offline forms.")
    typer.echo("Answers revealed to the respondents." if run.revealed else
               f"Answers hidden from the respondents until `workbench assess reveal "
               f"{run.id}`.")


def reveal_command(run_id: RunArg, workspace: WorkspaceOpt = None) -> None:
    """Show a run's respondents each other's answers (and the coach's views their levels,
    medians and spreads). It cannot be taken back."""
    from workbench.store import assessment_repo as ar

    with workspace_session(workspace) as (session, ws):
        was = ar.get_run(session, run_id, ws.id).revealed
        run = ar.reveal_answers(session, run_id, ws.id)
        count = len(ar.list_respondents(session, run.id))
    if was:
        typer.echo(f"The answers of run {run.id} were already revealed.")
    else:
        typer.echo(f"Revealed the answers of {count} respondent{'' if count == 1 else 's'} "
                   f"to run {run.id}.")
