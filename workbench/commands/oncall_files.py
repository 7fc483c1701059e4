"""``workbench oncall export|import``: an agreement as a file (the wiki page, native YAML,
an iCalendar of every shift, the paging-tool YAML, the payroll CSV) and back from YAML.

Decisions:
- ``export TEAM`` prints the file, or writes it into ``--out``; ``--all`` writes one file
  per agreement into ``--out`` (only the CSV, one file for every team, may be printed).
  File names are slugs of the team names, as the registry exporter names them:
  ``<team>.md`` (with ``<team>-postmortem.md``, the postmortem template, when written),
  ``<team>.yaml``, ``<team>.ics``, ``<team>-paging.yaml``, ``<team>-hours.csv`` (``hours.csv``
  with ``--all``).
- The calendar is given the agreed revision in force as its history when a draft changes
  it, so the shifts the draft moves get a higher SEQUENCE and calendars update them.
- ``import`` checks the whole file first and prints every problem on its own line
  (``FILE:LINE: key.path: message``); nothing is written unless all of it is valid.
  ``--dry-run`` runs the same code, says what would change, and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkspaceOpt,
    printable,
    report_written,
    service,
    today,
)
from workbench.commands.doc_cli import (
    DryRunOpt,
    check_out_folder,
    write_document,
)
from workbench.commands.oncall_views import (
    DOCUMENT,
    TeamArg,
    TeamOpt,
    team_of,
    view_json,
    view_or_none,
)
from workbench.commands.team_documents import import_file
from workbench.commands.yaml_editing import each_problem
from workbench.errors import UsageError

if TYPE_CHECKING:
    from workbench.domain.oncall import Agreement
    from workbench.service.oncall import OnCallView

FORMATS = ("md", "yaml", "ics", "paging", "csv")
ALIASES = {"markdown": "md", "yml": "yaml", "ical": "ics", "icalendar": "ics"}

FormatOpt = Annotated[
    str, typer.Option("--format", "-f", metavar="md|yaml|ics|paging|csv",
                      help="md (the wiki page: schedule, fairness, escalation, priorities, "
                           "who agreed), yaml (native, re-importable with workbench oncall "
                           "import), ics (one calendar event per shift), paging (schedules "
                           "and escalation policies as paging tools take them) or csv "
                           "(on-call hours per person and month, for payroll).")
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", "-o", metavar="DIR", show_default=False,
                              help="Write the files into this folder (created) instead of "
                                   "printing them.")
]
AllOpt = Annotated[bool, typer.Option("--all", help="Every agreement of the workspace "
                                      "(needs --out, except for csv).")]


def export_format(typed: str) -> str:
    chosen = " ".join(typed.split()).lower().lstrip(".")
    chosen = ALIASES.get(chosen, chosen)
    if chosen not in FORMATS:
        raise UsageError(f"--format {typed!r} is not a format; choose {', '.join(FORMATS)}")
    return chosen


def files_of(view: OnCallView, fmt: str, slug: str, workspace: str,
             history: Sequence[Agreement] = ()) -> list[tuple[str, str]]:
    """(file name, text) of one agreement in ``fmt``: the first is what ``export`` prints.
    ``history``: the agreement's earlier versions, for the calendar's SEQUENCE numbers."""
    if fmt == "yaml":
        from workbench.export.oncall_yaml import oncall_document

        return [(f"{slug}.yaml", oncall_document(view.agreement))]
    if fmt == "ics":
        from workbench.export.oncall_ics import calendar_text

        return [(f"{slug}.ics", calendar_text(view, history=history))]
    if fmt == "paging":
        from workbench.export.oncall_paging import paging_text

        return [(f"{slug}-paging.yaml", paging_text(view))]
    if fmt == "csv":
        from workbench.export.oncall_csv import hours_csv

        return [(f"{slug}-hours.csv", hours_csv([view]))]
    from workbench.export.oncall_markdown import render_oncall, render_postmortem

    return [(f"{slug}.md", render_oncall(view, workspace_name=workspace)),
            (f"{slug}-postmortem.md", render_postmortem(view, workspace_name=workspace))]


def export_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    every: AllOpt = False,
    fmt: FormatOpt = "md",
    out: OutOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Print a team's on-call agreement as the wiki page, native YAML, an iCalendar of its
    shifts, paging-tool YAML or the payroll CSV, or write it into --out; --all (or --out
    without a team) writes every agreement. Every agreement in every format also goes into:
    workbench export."""
    chosen = export_format(fmt)
    if every and (team_arg is not None or team is not None):
        raise UsageError("--all exports every agreement; give it without a team (or name "
                         "one team without --all)")
    folder = check_out_folder(out)
    # A folder and no team: every agreement, as `workbench oncall export --format ics --out
    # DIR` reads.
    every = every or (folder is not None and team_arg is None and team is None)
    name = None if every else team_of(team_arg, team)
    if every and folder is None and chosen != "csv":
        raise UsageError("--all writes one file per agreement; give the folder with --out "
                         "DIR (or name one team)")
    from workbench.export.names import unique_slugs

    with service(workspace) as (wb, ws):
        if name is not None:
            views = [wb.oncall.view(ws.id, name, as_of=today())]
        else:
            views = list(wb.oncall.overview(ws.id, as_of=today()).agreements)
        slugs = unique_slugs([v.team for v in views], fallback="team")
        if every and chosen == "csv":
            from workbench.export.oncall_csv import hours_csv

            files = [("hours.csv", hours_csv(views))]
        else:
            with each_problem(None, "nothing was written"):
                files = [f for view, slug in zip(views, slugs, strict=True)
                         for f in files_of(view, chosen, slug, ws.name, history=(
                             wb.oncall.earlier_versions(ws.id, view.team)
                             if chosen == "ics" else ()))]
    if folder is None:
        text = files[0][1]
        typer.echo(text, nl=not text.endswith("\n"))
        return
    if not files:
        typer.echo(f"No on-call agreements in {printable(ws.name)}; nothing written", err=True)
        return
    written = [write_document(folder, file_name, text) for file_name, text in files]
    report_written(written, folder)


def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An on-call agreement in native "
                                         "YAML (from: workbench oncall export TEAM --format "
                                         "yaml).")],
    dry_run: DryRunOpt = False,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Create the on-call agreement of the team FILE names, or make it a new revision of
    that team's agreement. The whole file is checked first; any problem stops the import
    with nothing saved. Importing into an agreed agreement starts a new draft; the agreed
    revision stays in force until it is agreed."""
    from workbench.domain.oncall import agreement_values
    from workbench.export.oncall_yaml import read_oncall_path

    import_file(DOCUMENT, file, read_path=read_oncall_path, values=agreement_values,
                view_or_none=view_or_none, view_json=view_json, dry_run=dry_run,
                version=version, as_json=as_json, workspace=workspace)
