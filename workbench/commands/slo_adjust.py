"""``workbench slo adjust``: maintenance windows and corrections, the budget adjustments of an
SLO or of a service (a service's apply to every SLO of that service).

* ``maintenance``: planned time, once or repeating (an RFC 5545 RRULE), as wall-clock time in
  an IANA zone; its events are left out of the budget (``exclude``) or counted as good.
* ``correction``: whole days after the fact (an outage that was not ours), with the reason.
* ``list`` and ``remove``: what is recorded, and taking one back (it stays in the log with
  who removed it and why).

Every adjustment records who made it (``--by``, default: the user, as revisions do). Bad
input is refused with every problem on its own line and nothing saved. Windows cover parts
of UTC days: a window over X minutes of a day takes X/1440 of that day's good and bad
events (rounded half up), see ``domain.slo.adjustments``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    print_json,
    print_table,
    printable,
    workspace_session,
)
from workbench.commands.yaml_editing import each_problem
from workbench.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from workbench.domain.slo.adjustments import Adjustment

app = typer.Typer(
    cls=WorkbenchGroup,
    name="adjust",
    rich_markup_mode=None,
    help="Maintenance windows and corrections: events left out of an SLO's budget, or "
         "counted as good.",
    no_args_is_help=True,
    add_completion=False,
)

NOTHING = "nothing was saved"
# The options the values of domain.slo.adjustments come from, to name them in problems.
OPTIONS = {"start": "--start", "minutes": "--minutes", "zone": "--zone", "rrule": "--rrule",
           "treatment": "--treatment", "reason": "--reason", "first": "--from",
           "last": "--to"}

SloOpt = Annotated[
    str | None, typer.Option("--slo", help="The SLO it is for (its name or uid).")
]
ServiceOpt = Annotated[
    str | None, typer.Option("--service", help="The service it is for: every SLO of the "
                             "service.")
]
TreatmentOpt = Annotated[
    str, typer.Option("--treatment", help="exclude (leave the events out of the budget, "
                      "default) or good (count bad events as good).")
]
ByOpt = Annotated[
    str | None, typer.Option("--by", help="Who records it (default: your user name, as for "
                             "revisions).")
]
ReasonOpt = Annotated[
    str | None, typer.Option("--reason", help="Why, in one line (required; kept with it).")
]


def _who(by: str | None) -> str:
    from workbench.store.repo import current_author

    return current_author() if by is None else by


def _option_text(problem: str) -> str:
    """``zone: ...`` as ``--zone: ...``: problems name the option the value came from."""
    key, sep, rest = problem.partition(":")
    return f"{OPTIONS[key]}:{rest}" if sep and key in OPTIONS else problem


def _scope_problem(slo: str | None, service: str | None) -> str | None:
    if slo is not None and service is not None:
        return "give --slo or --service, not both (a service's window applies to all its SLOs)"
    if slo is None and service is None:
        return "say what it is for: --slo NAME or --service NAME"
    return None


def _refuse(problems: list[str], *, same_last: bool = False) -> NoReturn:
    """Raise the problems, named by option. ``same_last``: --to was not given, so the last
    day is --from and a bad --from is not reported twice."""
    if same_last and any(p.startswith("first:") for p in problems):
        problems = [p for p in problems if not p.startswith("last:")]
    lines = [_option_text(p) for p in problems]
    raise UsageError("; ".join(lines), topic="slo", problems=lines)


def _add(kind: str, values: dict[str, Any], *, slo: str | None, service: str | None,
         by: str | None, workspace: str | None, same_last: bool = False) -> Adjustment:
    """Record one adjustment, or refuse it with every problem of the values and the scope
    at once (one line each) and nothing saved."""
    from workbench.domain.slo import adjustments

    first = []
    if kind == "maintenance" and not str(values.get("reason") or "").strip():
        # The CLI asks every window to say why (corrections always must).
        first.append("reason: missing (say why, e.g. 'database patching')")
    scope = _scope_problem(slo, service)
    if scope is not None:
        first.append(scope)
    if first and by is not None and not by.strip():
        first.append("say who records this (--by NAME)")
    with each_problem(None, NOTHING):
        if first:
            reader = (adjustments.read_correction if kind == "correction"
                      else adjustments.read_maintenance)
            _refuse([*reader(values).problems, *first], same_last=same_last)
        from workbench.store import adjustment_repo

        try:
            with workspace_session(workspace) as (session, ws):
                return adjustment_repo.add_adjustment(session, ws.id, kind, values,
                                                      by=_who(by), slo=slo, service=service)
        except UsageError as exc:
            _refuse(list(exc.problems) or [str(exc)], same_last=same_last)


def adjustment_json(a: Adjustment) -> dict[str, Any]:
    return {
        "id": a.id, "kind": str(a.kind), "scope": a.scope, "slo": a.slo_name,
        "service": a.service_name, "when": a.describe(),
        "start": a.start.strftime("%Y-%m-%d %H:%M"), "minutes": a.minutes, "zone": a.zone,
        "rrule": a.rrule, "treatment": str(a.treatment), "reason": a.reason,
        "recorded_by": a.recorded_by,
        "recorded_at": None if a.recorded_at is None else a.recorded_at.isoformat(),
        "active": a.active, "removed_by": a.removed_by or None,
        "removed_at": None if a.removed_at is None else a.removed_at.isoformat(),
        "removed_reason": a.removed_reason or None,
    }


def _report(verb: str, a: Adjustment, as_json: bool) -> None:
    from workbench.domain.slo.adjustments import TREATMENT_TEXT

    if as_json:
        print_json(adjustment_json(a))
        return
    noun = "maintenance window" if str(a.kind) == "maintenance" else "correction"
    typer.echo(printable(f"{verb} {noun} {a.id} for {a.scope}: {a.describe()} "
                         f"({TREATMENT_TEXT[a.treatment]})"))


@app.command("maintenance")
def maintenance_cmd(
    start: Annotated[
        str | None, typer.Option("--start", help="When it starts: 'YYYY-MM-DD HH:MM', "
                                 "wall-clock time in --zone.")
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", metavar="N", help="How long each occurrence "
                                 "lasts, in minutes (1 to 44640).")
    ] = None,
    zone: Annotated[
        str, typer.Option("--zone", help="IANA time zone of --start, e.g. Europe/Berlin; a "
                          "repeating window keeps its local time across daylight saving.")
    ] = "Etc/UTC",
    rrule: Annotated[
        str, typer.Option("--rrule", help="Repeat it: an RFC 5545 rule such as "
                          "'FREQ=WEEKLY;BYDAY=SU' (default: once).")
    ] = "",
    slo: SloOpt = None,
    service: ServiceOpt = None,
    treatment: TreatmentOpt = "exclude",
    reason: ReasonOpt = None,
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Plan a maintenance window for an SLO or a service: its events are left out of the
    budget (or counted as good), in budget status, history, documents and exports."""
    values = {"start": start or "", "minutes": minutes, "zone": zone, "rrule": rrule,
              "treatment": treatment, "reason": reason or ""}
    found = _add("maintenance", values, slo=slo, service=service, by=by,
                 workspace=workspace)
    _report("Recorded", found, as_json)


@app.command("correction")
def correction_cmd(
    first: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (UTC days, as counts "
                                 "are kept).")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Last day, YYYY-MM-DD, inclusive (default: "
                                 "--from, one day).")
    ] = None,
    slo: SloOpt = None,
    service: ServiceOpt = None,
    treatment: TreatmentOpt = "exclude",
    reason: ReasonOpt = None,
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Correct the record after the fact: whole days whose events are not held against the
    budget (an outage that was not ours, a load test), with who and why."""
    values = {"first": first or "", "last": last or first or "", "treatment": treatment,
              "reason": reason or ""}
    found = _add("correction", values, slo=slo, service=service, by=by, workspace=workspace,
                 same_last=last is None)
    _report("Recorded", found, as_json)


@app.command("list")
def list_cmd(
    slo: Annotated[
        str | None, typer.Option("--slo", help="Only those that apply to this SLO (its own "
                                 "and its service's).")
    ] = None,
    service: Annotated[
        str | None, typer.Option("--service", help="Only those recorded for this service.")
    ] = None,
    include_removed: Annotated[
        bool, typer.Option("--all", help="Also those that were removed.")
    ] = False,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Maintenance windows and corrections, by start: what, for which SLO or service, how
    the events count, why, and who recorded it."""
    from workbench.store import adjustment_repo, slo_repo

    if slo is not None and service is not None:
        raise UsageError("give --slo or --service, not both")
    with workspace_session(workspace) as (session, ws):
        definition = slo_repo.get_slo(session, ws.id, slo) if slo is not None else None
        found = adjustment_repo.list_adjustments(session, ws.id, slo=definition,
                                                 service=service,
                                                 include_removed=include_removed)
    if as_json:
        print_json([adjustment_json(a) for a in found])
        return
    headers = ["id", "kind", "scope", "when", "treatment", "reason", "recorded by"]
    rows = [[a.id, str(a.kind), a.scope, a.describe(), str(a.treatment), a.reason or "-",
             a.recorded_by or "-"] for a in found]
    if include_removed:
        headers.append("removed")
        for row, a in zip(rows, found, strict=True):
            row.append("-" if a.active else f"by {a.removed_by}"
                       + (f": {a.removed_reason}" if a.removed_reason else ""))
    print_table(headers, [[printable(str(c)) for c in row] for row in rows],
                empty="No maintenance windows or corrections; plan one with: workbench slo "
                      "adjust maintenance --slo NAME --start 'YYYY-MM-DD HH:MM' --minutes N "
                      "--reason TEXT")


@app.command("remove")
def remove_cmd(
    adjustment_id: Annotated[
        int, typer.Argument(metavar="ID", help="Its id (see: workbench slo adjust list).")
    ],
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why it is taken back (kept in the log).")
    ] = None,
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Take a maintenance window or correction back: its events count again from now on;
    it stays in the log (slo adjust list --all) with who removed it and why."""
    from workbench.store import adjustment_repo

    if reason is None or not reason.strip():
        raise UsageError("say why with --reason TEXT; the reason is kept in the log")
    try:
        with workspace_session(workspace) as (session, ws):
            found = adjustment_repo.remove_adjustment(session, ws.id, adjustment_id,
                                                      by=_who(by), reason=reason)
    except NotFoundError as exc:
        raise NotFoundError(f"{exc}; list them with: workbench slo adjust list") from None
    _report("Removed", found, as_json)
