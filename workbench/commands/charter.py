"""``workbench charter``: the team charters of a workspace (``list``, ``show``, ``new``,
``edit``, ``agree``, ``reopen``, ``history``, ``diff``, ``export``, ``import``).

Everything goes through ``wb.charters`` (the service) and ``wb.documents`` (the lifecycle);
what is missing, what the workspace does not have and the figures of the SLOs the metrics
name are the domain's and the service's, so the CLI, the TUI and the export agree.

Decisions:
- A charter is named by its team: ``--team T`` everywhere, as the issue writes it, or the
  team as the one argument (``workbench charter show Checkout``); both at once must name the
  same team.
- ``edit`` changes the simple parts by option (mission, responsibilities, scope, review);
  the rest (metrics, interactions, communication, who must agree) is edited as the charter's
  YAML, in ``$EDITOR`` (no option) or from a file (``--file``), with the shared editing of
  ``commands/yaml_editing.py``: an edit that does not read, or that the service refuses, is
  kept under the data folder (``drafts/``) and its path printed. A team without a charter
  gets one: its first draft starts from the starter (reviewed quarterly, the first review in
  three months) with the changes made, as one revision.
- ``--version N`` is the version from any ``--json`` output; a change based on an older one
  writes nothing. Without it, ``edit`` still refuses a change made in between.
- ``import`` and ``edit --file`` check the whole file first and print every problem on its
  own line (``FILE:LINE: key.path: message``); nothing is written unless all of it is valid.
  ``--dry-run`` runs the same code, says what would change, part by part, and keeps nothing.
- ``list`` shows every team; a team without a charter has status ``none``.
- ``export`` prints the page (or the YAML), or writes ``<team>.md|.yaml`` into ``--out``; the
  file name is a slug of the team's name, so it cannot point outside the folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    optional_date,
    print_json,
    print_table,
    printable,
    service,
    today,
)
from workbench.commands.doc_cli import (
    DryRunOpt,
    agreement_lines,
    check_out_folder,
    choice,
    echo_lines,
    edited_list,
    export_format,
    list_option,
    missing_line,
    named_by_option,
    open_lines,
    paragraphs,
    plural,
    shortened,
    status_lines,
    text_option,
    wrapped,
    write_document,
)
from workbench.commands.team_documents import (
    TeamArg,
    TeamDocument,
    add_lifecycle_commands,
    import_file,
    start_document,
    status_text,
)
from workbench.commands.yaml_editing import (
    by_option,
    each_problem,
    edit_in_editor,
    label_of,
    quoted,
)
from workbench.errors import UsageError

if TYPE_CHECKING:
    from workbench.domain.charter import Charter
    from workbench.service.charters import CharterView

KIND = "charter"

app = typer.Typer(
    cls=WorkbenchGroup,
    name="charter",
    rich_markup_mode=None,
    help="Team charters: mission, responsibilities, scope, success metrics (with the "
         "figures of the team's SLOs), interactions with other teams, communication and "
         "review; sign-off, history and export for the wiki.",
    no_args_is_help=True,
    add_completion=False,
)

DOCUMENT = TeamDocument(KIND, "charter", area="charters", content="charter")
TeamOpt = DOCUMENT.team_option
team_of = DOCUMENT.team_of


MissionOpt = text_option("--mission", "What the team exists to achieve. An empty value ('') "
                         "clears it.")
AddResponsibilityOpt = list_option("--add-responsibility", "Add a responsibility; repeat "
                                   "for more.")
RemoveResponsibilityOpt = list_option("--remove-responsibility", "Take a responsibility "
                                      "out (its text, as listed).")
ScopeInOpt = list_option("--scope-in", "Add something the team is responsible for; repeat "
                         "for more.")
ScopeOutOpt = list_option("--scope-out", "Add something the team is explicitly not "
                          "responsible for; repeat for more.")
RemoveScopeOpt = list_option("--remove-scope", "Take an item out of the scope (in or out).")
CadenceOpt = text_option("--review-cadence", "How often the charter is reviewed: monthly, "
                         "quarterly, half-yearly or yearly.", "CADENCE")
NextReviewOpt = text_option("--next-review", "The next review, YYYY-MM-DD. An empty value "
                            "('') clears it.", "YYYY-MM-DD")
FileOpt = Annotated[
    Path | None,
    typer.Option("--file", metavar="YAML", show_default=False,
                 help="Replace the whole charter with the one in this native YAML file "
                      "(from: workbench charter export --team T --format yaml)."),
]

# Where a problem of the service is about (its part), as the option that was typed.
OPTION_OF = {
    "mission": "--mission", "responsibilities": "--add-responsibility",
    "scope.in": "--scope-in", "scope.out": "--scope-out",
    "review.cadence": "--review-cadence", "review.next": "--next-review",
}


# --- JSON shapes -------------------------------------------------------------------------------


def figures_json(view: CharterView) -> dict[str, Any]:
    """The current figures of each SLO the metrics name (decimal strings, rounded down)."""
    found: dict[str, Any] = {}
    for metric in view.charter.metrics:
        figures = view.figures_of(metric.slo)
        if metric.slo is None or figures is None:
            continue
        found[metric.slo] = {
            "target": figures.target_text.removesuffix("%"),
            "good": figures.good_text.removesuffix("%") if figures.good is not None else None,
            "budget_left": figures.budget_text.removesuffix("%"),
            "met": figures.met,
            "period_start": figures.period_start.isoformat() if figures.period_start else None,
            "period_end": figures.period_end.isoformat() if figures.period_end else None,
            "summary": figures.summary(),
        }
    return found


def summary_json(view: CharterView) -> dict[str, Any]:
    """One charter as ``list --json`` shows it."""
    charter = view.charter
    return {
        "team": charter.team, "uid": charter.uid or None,
        **documents.revisions_json(view),
        "review_cadence": charter.review_cadence.value if charter.review_cadence else None,
        "next_review": charter.next_review.isoformat() if charter.next_review else None,
        "review_due": view.review_due,
        "missing": [{"part": m.part, "message": m.message} for m in view.missing],
        "problems": [" ".join(str(p).split()) for p in view.problems],
    }


def view_json(view: CharterView) -> dict[str, Any]:
    """Everything ``show --json`` prints: the summary, every part, the agreed revision in
    force, who must agree and the figures of the SLOs the metrics name."""
    from workbench.domain.charter import charter_values

    return {
        **summary_json(view),
        "as_of": view.as_of.isoformat(),
        "charter": charter_values(view.charter),
        "in_force": charter_values(view.in_force) if view.in_force is not None else None,
        "parties": [documents.party_json(p) for p in view.charter.required_parties()],
        "figures": figures_json(view),
    }


# --- reading -----------------------------------------------------------------------------------


def _next_review(view: CharterView) -> str:
    day = view.charter.next_review
    if day is None:
        return "-"
    return f"{day.isoformat()} due" if view.review_due else day.isoformat()


@app.command("list")
def list_cmd(
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every team and its charter: status, how many required parts are missing, the next
    review (and whether it is due), and the agreed revision in force. Teams without a
    charter are listed with status none."""
    with service(workspace) as (wb, ws):
        overview = wb.charters.overview(ws.id, as_of=today())
    if as_json:
        print_json({"as_of": overview.as_of.isoformat(),
                    "charters": [summary_json(v) for v in overview.charters],
                    "without": list(overview.without)})
        return
    teams = list(overview.choices.teams)
    if not teams:
        typer.echo(f"No teams in {ws.name} yet; add one with: workbench teams add NAME")
        return
    typer.echo(f"Team charters of {ws.name} as of {overview.as_of.isoformat()}: "
               f"{len(overview.charters)} of {plural(len(teams), 'team')}")
    typer.echo("")
    rows = []
    for team in teams:
        view = overview.find(team)
        if view is None:
            rows.append([shortened(team, 24), "none", "-", "-", "-"])
            continue
        rows.append([shortened(view.team, 24), status_text(view), len(view.missing),
                     _next_review(view),
                     view.in_force_number if view.in_force_number is not None else "-"])
    print_table(["team", "status", "missing", "next review", "in force"], rows)
    if overview.without:
        typer.echo("")
        typer.echo("Start a charter with: workbench charter edit --team TEAM")


@app.command("show")
def show_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every part of a team's charter, the current figures of the SLOs its metrics name,
    what is missing before it can be agreed, and where it stands (sign-offs, the agreed
    revision in force)."""
    name = team_of(team_arg, team)
    with service(workspace) as (wb, ws):
        view = wb.charters.view(ws.id, name, as_of=today())
    if as_json:
        print_json(view_json(view))
        return
    echo_lines(describe(view))


def _items(title: str, items: Sequence[str], indent: str = "") -> list[str]:
    if not items:
        return [f"{indent}{title}: -"]
    lines = [f"{indent}{title} ({len(items)}):"]
    for item in items:
        lines += wrapped(f"- {item}", indent + "  ", "  ")
    return lines


def describe(view: CharterView) -> list[str]:
    """The lines of ``show`` (prose wrapped at 80 columns)."""
    from workbench.domain.charter import CADENCE_TITLES, PART_TITLES, charter_values

    charter = view.charter
    differs = view.in_force is not None and \
        charter_values(view.in_force) != charter_values(charter)
    lines = [f"Team charter of {charter.team}", *status_lines(view, differs)]
    lines.append("mission:" + ("" if charter.mission.strip() else " -"))
    if charter.mission.strip():
        lines += paragraphs(charter.mission)
    lines += _items("responsibilities", charter.responsibilities)
    lines.append("scope:")
    lines += _items("in", charter.scope_in, "  ")
    lines += _items("out", charter.scope_out, "  ")
    title = PART_TITLES["metrics"].lower()
    lines.append(f"{title} ({len(charter.metrics)}):" if charter.metrics else f"{title}: -")
    for metric in charter.metrics:
        text = metric.name + (f" (target: {metric.target})" if metric.target else "")
        if metric.slo:
            figures = view.figures_of(metric.slo)
            text += (f" [SLO {metric.slo}: {figures.summary()}]" if figures is not None
                     else f" [SLO {metric.slo}: no counts this period]")
        lines += wrapped(f"- {text}", "  ", "  ")
    title = PART_TITLES["interactions"].lower()
    lines.append(f"{title} ({len(charter.interactions)}):" if charter.interactions
                 else f"{title}: -")
    for interaction in charter.interactions:
        how = f" (how: {interaction.how})" if interaction.how else ""
        lines += wrapped(f"- {interaction.team}: {interaction.purpose}{how}", "  ", "  ")
    if charter.channels or charter.meetings or charter.escalation:
        lines.append("communication:")
        if charter.channels:
            lines.append("  channels:")
            for channel in charter.channels:
                purpose = f": {channel.purpose}" if channel.purpose else ""
                lines += wrapped(f"- {channel.name}{purpose}", "    ", "  ")
        if charter.meetings:
            lines.append("  meetings:")
            for meeting in charter.meetings:
                who = f" ({meeting.attendees})" if meeting.attendees else ""
                lines += wrapped(f"- {meeting.name}, {CADENCE_TITLES[meeting.cadence]}{who}",
                                 "    ", "  ")
        if charter.escalation:
            lines += wrapped("escalation: " + " -> ".join(charter.escalation), "  ")
    else:
        lines.append("communication: -")
    cadence = CADENCE_TITLES[charter.review_cadence] if charter.review_cadence else "-"
    lines.append(f"review: {cadence}; next review {_next_review(view)}")
    lines += agreement_lines(charter.required_parties(), view.state.signoffs)
    lines += open_lines(view.missing, view.problems)
    return [printable(line) for line in lines]


# --- creating and changing ---------------------------------------------------------------------


@app.command("new")
def new_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Start a team's charter as a draft: reviewed quarterly, the first review three months
    from today, every other part still to write (with: workbench charter edit --team T)."""
    start_document(DOCUMENT, team_of(team_arg, team), edit_with="workbench charter edit --team ",
                   view_json=view_json, as_json=as_json, workspace=workspace)


def _changes(charter: Charter, *, mission: str | None, add_responsibility: Sequence[str],
             remove_responsibility: Sequence[str], scope_in: Sequence[str],
             scope_out: Sequence[str], remove_scope: Sequence[str], cadence: str | None,
             next_review: str | None) -> dict[str, Any]:
    """The top-level plain values the options replace (the service merges them)."""
    from workbench.domain.charter import REVIEW_CADENCES, Cadence, charter_values

    current = charter_values(charter)
    values: dict[str, Any] = {}
    if mission is not None:
        values["mission"] = mission
    if add_responsibility or remove_responsibility:
        values["responsibilities"] = edited_list(
            current["responsibilities"], add_responsibility, remove_responsibility,
            remove_option="--remove-responsibility", what="responsibilities")
    if scope_in or scope_out or remove_scope:
        scope = current["scope"]
        kept_in, kept_out = list(scope["in"]), list(scope["out"])
        for item in remove_scope:
            if _has(kept_in, item):
                kept_in = [i for i in kept_in if not _same(i, item)]
            elif _has(kept_out, item):
                kept_out = [i for i in kept_out if not _same(i, item)]
            else:
                shown = "; ".join([*kept_in, *kept_out]) or "none"
                raise UsageError(f"--remove-scope {item!r} is not in the scope (in or out; "
                                 f"they are: {shown})")
        values["scope"] = {"in": edited_list(kept_in, scope_in, (), remove_option="",
                                             what="scope items"),
                           "out": edited_list(kept_out, scope_out, (), remove_option="",
                                              what="scope items")}
    if cadence is not None or next_review is not None:
        review = dict(current["review"])
        if cadence is not None:
            if not cadence.strip():
                review.pop("cadence", None)
            else:
                review["cadence"] = choice(Cadence, cadence, "--review-cadence",
                                           members=REVIEW_CADENCES).value
        if next_review is not None:
            day = optional_date(next_review, "--next-review")
            if day is None:
                review.pop("next", None)
            else:
                review["next"] = day.isoformat()
        values["review"] = review
    return values


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _has(items: Sequence[str], item: str) -> bool:
    return any(_same(i, item) for i in items)


def _view_or_none(wb, workspace_id: int, team: str) -> CharterView | None:
    """The team's charter, or None when the team has none yet (an unknown team is an
    error)."""
    return DOCUMENT.view_or_none(wb, workspace_id, team, as_of=today())


def _starter(team: str) -> Charter:
    from workbench.service.charters import starter_charter

    return starter_charter(team, today())


@app.command("edit")
def edit_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    mission: MissionOpt = None,
    add_responsibility: AddResponsibilityOpt = None,
    remove_responsibility: RemoveResponsibilityOpt = None,
    scope_in: ScopeInOpt = None,
    scope_out: ScopeOutOpt = None,
    remove_scope: RemoveScopeOpt = None,
    review_cadence: CadenceOpt = None,
    next_review: NextReviewOpt = None,
    file: FileOpt = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Change a team's charter, or start it when the team has none. Options change the
    simple parts and leave the rest as it is; --file replaces the whole charter from YAML;
    with no option, the charter opens in $EDITOR as YAML (metrics, interactions,
    communication and who must agree are edited there) and is saved when you close it (if it
    reads; otherwise your text is kept in a file whose path is printed). Editing an agreed
    charter starts a new draft; the agreed revision stays in force until it is agreed."""
    name = team_of(team_arg, team)
    options = by_option([mission, add_responsibility, remove_responsibility, scope_in,
                         scope_out, remove_scope, review_cadence, next_review], file, "charter")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = _view_or_none(wb, ws.id, name)
        DOCUMENT.check_edit_version(expected, view, name)
        if options:
            values = _changes(view.charter if view is not None else _starter(name),
                              mission=mission, add_responsibility=add_responsibility or (),
                              remove_responsibility=remove_responsibility or (),
                              scope_in=scope_in or (), scope_out=scope_out or (),
                              remove_scope=remove_scope or (), cadence=review_cadence,
                              next_review=next_review)
            with each_problem(None, "nothing was saved"), named_by_option(OPTION_OF):
                if view is None:
                    after = _create(wb, ws.id, _starter(name), values)
                else:
                    after = wb.charters.change(ws.id, view.team, values,
                                               expected_version=view.version)
            _report_saved(view, after, as_json)
            return
        if file is not None:
            from workbench.export.charter_yaml import read_charter_path

            after = DOCUMENT.save_file(wb, ws.id, view, name, file, read_charter_path)
            _report_saved(view, after, as_json)
            return
    _edit_in_editor(view, name, ws.name, as_json)


def _create(wb, workspace_id: int, starter: Charter, values: dict[str, Any]) -> CharterView:
    """The first draft of a team's charter: the starter with ``values``, as one revision."""
    from workbench.domain.charter import charter_values
    from workbench.service.charters import read

    merged = {**charter_values(starter), **values}
    return wb.charters.create(workspace_id, read(merged))


def _report_saved(before: CharterView | None, after: CharterView, as_json: bool) -> None:
    changed = before is None or after.version != before.version
    if as_json:
        print_json({**view_json(after), "created": before is None, "changed": changed})
        return
    if before is None:
        typer.echo(printable(f"Started the charter of team {after.team}: "
                             f"{after.state.describe()} (version {after.version})"))
    elif not changed:
        typer.echo(printable(f"Nothing changed in the charter of team {after.team}; nothing "
                             "saved"))
        return
    else:
        typer.echo(printable(f"Saved the charter of team {after.team}: "
                             f"{after.state.describe()} (version {after.version})"))
    echo_lines(missing_line(after.missing))


def _edit_in_editor(view: CharterView | None, team: str, workspace: str | None,
                    as_json: bool) -> None:
    from workbench.export.charter_yaml import charter_document, read_charter_file

    charter = view.charter if view is not None else _starter(team)
    shown = view.team if view is not None else team

    def save(edited: Charter) -> CharterView:
        DOCUMENT.check_same_team(edited.team, shown, "the edited file")
        with service(workspace) as (wb, ws):
            return DOCUMENT.save_whole(wb, ws.id, view, edited)

    after = edit_in_editor(charter_document(charter), label=label_of(KIND, shown),
                           what="the charter",
                           load_with=f"workbench charter edit --team {quoted(shown)}",
                           read=read_charter_file, save=save)
    if after is None:
        if as_json:
            print_json({**view_json(view), "created": False, "changed": False}
                       if view is not None else {"team": shown, "created": False,
                                                 "changed": False})
            return
        typer.echo(printable(
            f"No change made in the editor; the charter of team {shown} stays as it was"
            if view is not None else
            f"No change made in the editor; no charter was started for team {shown}"))
        return
    _report_saved(view, after, as_json)


# --- the lifecycle -----------------------------------------------------------------------------


add_lifecycle_commands(
    app, DOCUMENT, signers="the team and its management unless the charter names others "
                           "(see: workbench charter show --team T)")


# --- files -------------------------------------------------------------------------------------


FormatOpt = Annotated[
    str, typer.Option("--format", "-f", metavar="md|yaml", help="md (the wiki page: every "
                      "part, the figures of the SLOs the metrics name, who agreed) or yaml "
                      "(native, re-importable with workbench charter import).")
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", "-o", metavar="DIR", show_default=False,
                              help="Write the file into this folder (created) instead of "
                                   "printing it.")
]


def document_text(view: CharterView, fmt: str, workspace: str) -> str:
    """The charter's page or native YAML (its current text: a draft while one is edited)."""
    if fmt == "yaml":
        from workbench.export.charter_yaml import charter_document

        return charter_document(view.charter)
    from workbench.export.charter_markdown import render_charter

    return render_charter(view, workspace_name=workspace)


@app.command("export")
def export_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    fmt: FormatOpt = "md",
    out: OutOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Print a team's charter as Markdown for the wiki or as native YAML, or write it into
    --out as <team>.md or <team>.yaml. It holds the current text (a draft while one is
    edited); every charter at once: workbench export --out DIR."""
    name = team_of(team_arg, team)
    chosen = export_format(fmt)
    folder = check_out_folder(out)
    with service(workspace) as (wb, ws):
        view = wb.charters.view(ws.id, name, as_of=today())
        text = document_text(view, chosen, ws.name)
    if folder is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from workbench.export.names import slugify

    path = write_document(folder, f"{slugify(view.team, fallback='team')}.{chosen}", text)
    typer.echo(str(path))
    typer.echo(printable(f"Wrote the charter of team {view.team} as {chosen} to {path}"),
               err=True)


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A team charter in native YAML "
                                         "(from: workbench charter export --team T "
                                         "--format yaml).")],
    dry_run: DryRunOpt = False,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Create the charter of the team FILE names, or make it a new revision of that team's
    charter. The whole file is checked first; any problem stops the import with nothing
    saved. Importing into an agreed charter starts a new draft; the agreed revision stays in
    force until it is agreed."""
    from workbench.domain.charter import charter_values
    from workbench.export.charter_yaml import read_charter_path

    import_file(DOCUMENT, file, read_path=read_charter_path, values=charter_values,
                view_or_none=_view_or_none, view_json=view_json, dry_run=dry_run,
                version=None, as_json=as_json, workspace=workspace)
