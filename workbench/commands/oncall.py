"""``workbench oncall``: the on-call setup agreements of a workspace (``list``, ``show``,
``new``, ``edit``, ``remove``, ``decide``, ``schedule``, ``fairness``, ``override``,
``swap``, ``rules``, ``export``, ``import``, ``agree``, ``reopen``, ``history``, ``diff``).

Everything goes through ``wb.oncall`` (the service) and ``wb.documents`` (the lifecycle):
the recommendation, the generated schedules, the fairness figures and what is missing are
the domain's, so the CLI, the TUI and the exports agree.

Decisions:
- An agreement is named by its team: the team as the one argument or ``--team T``, as the
  charter commands take it; both at once must name the same team.
- ``edit`` changes the whole agreement as YAML, in ``$EDITOR`` or from ``--file``, with the
  shared editing of ``commands/yaml_editing.py`` (an edit that cannot be saved is kept under
  ``drafts/``). The single changes that come up in a meeting have their own commands:
  ``decide``, ``override``, ``swap``, ``rules --set``.
- ``decide`` without ``--choose`` only shows what the rule says (or "coach decision
  needed" where it is silent) with the thresholds it used, and writes nothing; with
  ``--choose`` it records the decision, and a reason is required.
- ``--version N`` is the version from any ``--json`` output; a change based on an older one
  writes nothing. Without it, a change still refuses one saved in between.
- ``remove`` asks first; without a terminal it needs ``--yes``.
- The decision and the rules (``commands/oncall_rules.py``), the schedule, fairness,
  override and swap (``commands/oncall_turns.py``) and the files
  (``commands/oncall_files.py``) live in their own modules; this one registers them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.commands import documents, oncall_files, oncall_rules, oncall_turns
from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    print_json,
    print_table,
    printable,
    service,
    today,
)
from workbench.commands.doc_cli import (
    echo_lines,
    missing_line,
    plural,
    shortened,
    wrapped,
)
from workbench.commands.oncall_views import (
    DOCUMENT,
    KIND,
    TeamArg,
    TeamOpt,
    WeeksOpt,
    describe,
    label,
    rules_json,
    summary_json,
    team_of,
    version_check,
    view_json,
    view_or_none,
    weeks_of,
)
from workbench.commands.team_documents import (
    add_lifecycle_commands,
    start_document,
    status_text,
)
from workbench.commands.yaml_editing import (
    edit_in_editor,
    label_of,
    quoted,
)
from workbench.errors import UsageError

if TYPE_CHECKING:
    from workbench.domain.oncall import Agreement
    from workbench.service.oncall import OnCallView

app = typer.Typer(
    cls=WorkbenchGroup,
    name="oncall",
    rich_markup_mode=None,
    help="On-call setup agreements: the out-of-hours decision per service, rotations with "
         "their generated schedule and fairness checks, overrides and swaps, escalation, "
         "incident priorities; sign-off, history, and exports to calendars, paging tools, "
         "the wiki and payroll.",
    no_args_is_help=True,
    add_completion=False,
)

VersionOpt = documents.VersionOpt


# --- reading -----------------------------------------------------------------------------------


@app.command("list")
def list_cmd(
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every team and its on-call agreement: status (none, draft or agreed), its rotations,
    how many fairness warnings the next eight weeks raise and how many parts are missing
    before it can be agreed."""
    with service(workspace) as (wb, ws):
        overview = wb.oncall.overview(ws.id, as_of=today())
    if as_json:
        print_json({"as_of": overview.as_of.isoformat(),
                    "rules": rules_json(overview.rules.rules, overview.rules.version),
                    "agreements": [summary_json(v) for v in overview.agreements],
                    "without": list(overview.without)})
        return
    teams = sorted([v.team for v in overview.agreements] + list(overview.without),
                   key=str.casefold)
    if not teams:
        typer.echo(f"No teams in {ws.name} yet; add one with: workbench teams add NAME")
        return
    typer.echo(printable(f"On-call agreements of {ws.name} as of "
                         f"{overview.as_of.isoformat()}: {len(overview.agreements)} of "
                         f"{plural(len(teams), 'team')}"))
    typer.echo("")
    rows = []
    for team in teams:
        view = overview.find(team)
        if view is None:
            rows.append([shortened(team, 20), "none", "-", "-", "-", "-"])
            continue
        names = ", ".join(r.name for r in view.agreement.rotations) or "-"
        rows.append([shortened(view.team, 20), status_text(view), shortened(names, 26),
                     view.warnings, len(view.missing),
                     view.in_force_number if view.in_force_number is not None else "-"])
    print_table(["team", "status", "rotations", "warnings", "missing", "in force"], rows)
    if overview.without:
        typer.echo("")
        typer.echo("Start an agreement with: workbench oncall new TEAM")


@app.command("show")
def show_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    weeks: WeeksOpt = "8",
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """A team's on-call agreement: each out-of-hours decision beside the rule's
    recommendation, the rotations and who is on call now, the fairness warnings over the
    next weeks, escalation, priorities and severities, what is missing before it can be
    agreed, and where it stands (sign-offs, the agreed revision in force)."""
    name = team_of(team_arg, team)
    count = weeks_of(weeks)
    with service(workspace) as (wb, ws):
        view = wb.oncall.view(ws.id, name, as_of=today(), weeks=count)
    if as_json:
        print_json(view_json(view))
        return
    echo_lines(describe(view))


# --- creating, editing, removing -----------------------------------------------------------------


@app.command("new")
def new_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Start a team's on-call agreement as a draft: an open out-of-hours decision for each
    service the team owns, sample incident priorities, severities with their roles,
    stakeholder rings and a postmortem criterion to adapt; rotations and escalation are the
    team's to add (with: workbench oncall edit TEAM)."""
    start_document(DOCUMENT, team_of(team_arg, team), edit_with="workbench oncall edit ",
                   view_json=view_json, as_json=as_json, workspace=workspace)


FileOpt = Annotated[
    Path | None,
    typer.Option("--file", metavar="YAML", show_default=False,
                 help="Replace the whole agreement with the one in this native YAML file "
                      "(from: workbench oncall export TEAM --format yaml)."),
]


def report_saved(before: OnCallView | None, after: OnCallView, as_json: bool,
                 what: str = "") -> None:
    """What a change did: started, saved (with ``what`` it was) or nothing changed."""
    changed = before is None or after.version != before.version
    if as_json:
        print_json({**view_json(after), "created": before is None, "changed": changed})
        return
    if before is None:
        typer.echo(printable(f"Started {label(after.team)}: {after.state.describe()} "
                             f"(version {after.version})"))
    elif not changed:
        typer.echo(printable(f"Nothing changed in {label(after.team)}; nothing saved"))
        return
    else:
        done = f"{what}; saved" if what else "Saved"
        echo_lines(wrapped(f"{done[:1].upper()}{done[1:]} {label(after.team)}: "
                           f"{after.state.describe()} (version {after.version})"))
    echo_lines(missing_line(after.missing))


@app.command("edit")
def edit_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    file: FileOpt = None,
    version: VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Change a team's whole on-call agreement as YAML: in $EDITOR (saved when you close it
    if it reads; otherwise your text is kept in a file whose path is printed) or from
    --file (which also starts the agreement of a team without one). Editing an agreed
    agreement starts a new draft; the agreed revision stays in force until it is agreed."""
    name = team_of(team_arg, team)
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = view_or_none(wb, ws.id, name)
        if view is None and file is None:
            wb.oncall.view(ws.id, name)  # says how to start one
        DOCUMENT.check_edit_version(expected, view, name)
        if file is not None:
            from workbench.export.oncall_yaml import read_oncall_path

            after = DOCUMENT.save_file(wb, ws.id, view, name, file, read_oncall_path)
            report_saved(view, after, as_json)
            return
    assert view is not None
    _edit_in_editor(view, ws.name, as_json)


def _edit_in_editor(view: OnCallView, workspace: str | None, as_json: bool) -> None:
    from workbench.export.oncall_yaml import oncall_document, read_oncall_file

    def save(edited: Agreement) -> OnCallView:
        DOCUMENT.check_same_team(edited.team, view.team, "the edited file")
        with service(workspace) as (wb, ws):
            return DOCUMENT.save_whole(wb, ws.id, view, edited)

    after = edit_in_editor(oncall_document(view.agreement), label=label_of(KIND, view.team),
                           what="the on-call agreement",
                           load_with=f"workbench oncall edit --team {quoted(view.team)}",
                           read=read_oncall_file, save=save)
    if after is None:
        if as_json:
            print_json({**view_json(view), "created": False, "changed": False})
            return
        typer.echo(printable(f"No change made in the editor; {label(view.team)} stays as "
                             "it was"))
        return
    report_saved(view, after, as_json)


@app.command("remove")
def remove_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
    = False,
    version: VersionOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Remove a team's on-call agreement with its history and sign-offs (export it first
    to keep a copy: workbench oncall export TEAM --format yaml)."""
    name = team_of(team_arg, team)
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.oncall.view(ws.id, name)
        version_check(expected, view)
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(f"removing {label(view.team)} needs confirmation; add --yes")
            typer.confirm(f"Remove {label(view.team)} and its history?", abort=True)
        removed = wb.oncall.remove(ws.id, view.team, expected_version=view.version)
    typer.echo(printable(f"Removed {label(removed.team)} ({plural(view.revisions, 'revision')})"))


# --- the lifecycle -------------------------------------------------------------------------------


add_lifecycle_commands(
    app, DOCUMENT, signers="operations, development and the product owner unless the "
                           "agreement names others")


# --- the commands of the other modules -----------------------------------------------------------


app.command("decide")(oncall_rules.decide_cmd)
app.command("rules")(oncall_rules.rules_cmd)
app.command("schedule")(oncall_turns.schedule_cmd)
app.command("fairness")(oncall_turns.fairness_cmd)
app.command("override")(oncall_turns.override_cmd)
app.command("swap")(oncall_turns.swap_cmd)
app.command("export")(oncall_files.export_cmd)
app.command("import")(oncall_files.import_cmd)
