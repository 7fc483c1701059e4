"""``workbench slo``: error-budget arithmetic that needs no database (``budget``, ``downtime``,
``period``, ``alerts``), and the workspace's SLOs (``list``, ``set``, ``rename``, ``status``,
``history``, ``agree``, ``reopen``, ``import-counts``, ``record``, ``export``, ``import``), with
their maintenance windows and corrections (``adjust``, in ``commands/slo_adjust.py``).

Every figure is computed exactly (integers and ``Decimal``). With ``--json``, counts are JSON
integers and every other number is a *decimal string* (e.g. ``"20.16"``), never a JSON float:
a string keeps the value exact for scripts. Values with more than 6 decimal places are
rounded half-even to 6; all others are printed exactly. Dates are ISO strings (YYYY-MM-DD).

An SLO's status changes only through ``slo agree`` / ``slo reopen`` (the document lifecycle,
``commands/documents.py``); ``slo set`` edits its fields, and editing an agreed SLO starts a
new draft while the agreed revision stays in force.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    date_or_today,
    open_db,
    print_json,
    print_table,
    read_text_file,
    report_written,
    workspace_session,
)
from workbench.commands.slo_adjust import app as adjust_app
from workbench.domain import slo as engine
from workbench.errors import UsageError

if TYPE_CHECKING:
    from workbench.domain.slo.period_history import PeriodRecord

app = typer.Typer(
    cls=WorkbenchGroup,
    name="slo",
    rich_markup_mode=None,
    help="Error budgets: allowed bad events, allowed downtime, compliance periods, alerts.",
    no_args_is_help=True,
    add_completion=False,
)

SLO_KIND = "slo"
app.add_typer(adjust_app, name="adjust")  # maintenance windows and corrections

TargetOpt = Annotated[
    str,
    typer.Option(
        "--target",
        "-t",
        help="SLO target in percent, above 0 and below 100, e.g. 99.9 (100 leaves no budget).",
    ),
]
PeriodOpt = Annotated[
    str,
    typer.Option(
        "--period",
        "-p",
        help="Compliance period length: 4w (default), 28d, 30d, 1w, or 5w (a long period 13).",
    ),
]


def _num(value: Decimal | None) -> str | None:
    return None if value is None else engine.decimal_text(value)


def _target(text: str) -> Decimal:
    try:
        return engine.parse_target(text)
    except engine.TargetError as exc:
        raise UsageError(f"--target: {exc}") from None


def _period(name: str) -> timedelta:
    try:
        return engine.period_length(name)
    except engine.PeriodError as exc:
        raise UsageError(f"--period: {exc}") from None


def _minutes_text(value: Decimal) -> str:
    """Time to exhaustion: exact minutes, then days, hours and minutes to read."""
    from workbench.domain.formats import days_hours_minutes

    if value == 0:
        return "now (budget exhausted)"
    return f"{engine.decimal_text(value, 1)} min ({days_hours_minutes(value)})"


def _duration(text: str, option: str) -> timedelta:
    """A duration such as 14d or 36h: ASCII digits, then w, d, h or m."""
    from workbench.domain.formats import is_ascii_digits

    raw = text.strip()
    if not is_ascii_digits(raw[:-1]):  # str.isdigit() would also take "²"
        raise UsageError(f"{option}: {text!r} is not a duration; use a whole number (digits "
                         "0-9) with w, d, h or m, e.g. 14d or 36h")
    try:
        return engine.parse_duration(raw)
    except engine.PeriodError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _show(rows: list[tuple[str, Any]]) -> None:
    print_table(["figure", "value"], [(k, "-" if v is None else v) for k, v in rows])


@app.command("budget")
def budget(
    target: TargetOpt,
    total: Annotated[
        int, typer.Option("--total", help="Valid events in the period so far (0 or more).")
    ],
    bad: Annotated[
        int,
        typer.Option("--bad", help="Bad events among them (0 up to --total)."),
    ],
    period: PeriodOpt = "4w",
    elapsed: Annotated[
        str | None,
        typer.Option(
            "--elapsed",
            help="How far into the period the counts reach, e.g. 14d or 36h "
            "(default: the whole period). Used to project the period's events and budget.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Error budget status: allowed bad events, consumed and remaining budget, burn rate."""
    goal = _target(target)
    if total < 0:
        raise UsageError(f"--total must be 0 or more, not {total}")
    if bad < 0:
        raise UsageError(f"--bad must be 0 or more, not {bad}")
    if bad > total:
        raise UsageError(
            f"--bad ({bad}) cannot exceed --total ({total}); "
            "bad events are counted among the valid events"
        )
    length = _period(period)
    elapsed_td: timedelta | None = None
    if elapsed is not None:
        elapsed_td = _duration(elapsed, "--elapsed")
        if not timedelta(0) < elapsed_td <= length:
            raise UsageError(
                f"--elapsed {elapsed} must be more than zero and at most the period ({period})"
            )
    try:
        status = engine.budget_status(goal, total, bad, length=length, elapsed=elapsed_td)
    except ValueError as exc:  # defensive: the checks above should catch everything
        raise UsageError(str(exc)) from None

    data: dict[str, Any] = {
        "target": _num(status.target),
        "budget_percent": _num(status.budget_percent),
        "total": status.total,
        "bad": status.bad,
        "period": period.strip().lower(),
        "elapsed_minutes": engine.minutes(status.elapsed),
        "expected_total": _num(status.expected_total),
        "budget_events": _num(status.budget_events),
        "allowed_bad": status.allowed_bad,
        "sli_percent": _num(status.sli_percent),
        "consumed_percent": _num(status.consumed_percent),
        "remaining_percent": _num(status.remaining_percent),
        "within_budget": status.meets_slo,
        "allowed_downtime_minutes": _num(status.allowed_downtime_minutes),
        "burn_rate": _num(status.burn_rate),
        "time_to_exhaustion_minutes": _num(status.time_to_exhaustion_minutes),
        "projected_consumed_percent": _num(status.projected_consumed_percent),
        "projected_exhaustion": status.projected_exhaustion,
    }
    if as_json:
        print_json(data)
        return
    tte = status.time_to_exhaustion_minutes
    _show(
        [
            ("target", f"{data['target']}%"),
            ("valid events", f"{status.total:,}"),
            ("bad events", f"{status.bad:,}"),
            ("allowed bad events", f"{status.allowed_bad:,}"),
            ("SLI achieved", None if status.sli_percent is None else f"{data['sli_percent']}%"),
            ("budget consumed", f"{data['consumed_percent']}%"),
            ("budget remaining", f"{data['remaining_percent']}%"),
            ("burn rate", data["burn_rate"]),
            ("time to exhaustion", "never" if tte is None else _minutes_text(tte)),
            ("runs out before period end", "yes" if status.projected_exhaustion else "no"),
            (f"allowed downtime ({data['period']})", f"{data['allowed_downtime_minutes']} min"),
        ]
    )


@app.command("downtime")
def downtime(target: TargetOpt, period: PeriodOpt = "4w", as_json: JsonOpt = False) -> None:
    """Minutes of full outage the error budget allows over one period."""
    goal = _target(target)
    length = _period(period)
    allowed = engine.allowed_downtime_minutes(goal, length)
    data = {
        "target": _num(goal),
        "budget_percent": _num(Decimal(100) - goal),
        "period": period.strip().lower(),
        "period_minutes": engine.minutes(length),
        "allowed_downtime_minutes": _num(allowed),
    }
    if as_json:
        print_json(data)
        return
    _show(
        [
            ("target", f"{data['target']}%"),
            ("period", f"{data['period']} ({data['period_minutes']:,} min)"),
            ("allowed downtime", f"{data['allowed_downtime_minutes']} min"),
        ]
    )


@app.command("period")
def period_cmd(
    day: Annotated[
        str | None,
        typer.Option(
            "--date", "-d", help="A date as YYYY-MM-DD (default: today) to find its period."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The four-week compliance period (ISO weeks) containing a date.

    Period 1 starts on the Monday of ISO week 1; in a 53-week ISO year the last period
    (13) runs five weeks, weeks 49-53.
    """
    when = date_or_today(day)
    found = engine.four_week_period(when)
    rolling = engine.rolling_window(when, 28)
    data = {
        "date": when.isoformat(),
        "iso_year": found.iso_year,
        "index": found.index,
        "start": found.start.isoformat(),
        "end": found.end.isoformat(),
        "first_week": found.first_week,
        "last_week": found.last_week,
        "weeks": found.weeks,
        "days": found.days,
        "is_long": found.is_long,
        "day_of_period": found.elapsed(when).days + 1,
        "days_left": found.days_left(when),
        "rolling_28d_start": rolling.start.isoformat(),
        "rolling_28d_end": rolling.end.isoformat(),
    }
    if as_json:
        print_json(data)
        return
    weeks = f"ISO weeks {found.first_week}-{found.last_week}"
    _show(
        [
            ("date", data["date"]),
            ("period", f"{found.index} of ISO year {found.iso_year} ({weeks})"),
            ("start", data["start"]),
            ("end", data["end"]),
            (
                "length",
                f"{found.weeks} weeks" + (" (includes week 53)" if found.is_long else ""),
            ),
            ("day of period", f"{data['day_of_period']} ({data['days_left']} days left)"),
            ("rolling 28 days", f"{data['rolling_28d_start']} to {data['rolling_28d_end']}"),
        ]
    )


@app.command("alerts")
def alerts(
    target: TargetOpt,
    window: Annotated[
        str,
        typer.Option(
            "--window",
            help="Budget window for 'budget spent when it fires': 4w/28d (default) or 30d.",
        ),
    ] = "28d",
    as_json: JsonOpt = False,
) -> None:
    """Burn-rate alert thresholds for a target: the book's rule and the multiwindow set.
    A tier that could fire only if more than all events were bad (a high burn rate on a
    low target) is marked "never", with what to do instead."""
    goal = _target(target)
    try:
        budget_window = engine.period_length(window)
    except engine.PeriodError as exc:
        raise UsageError(f"--window: {exc}") from None
    rules = (engine.BOOK_RULE, *engine.MULTIWINDOW_RULES)
    rows = engine.alert_thresholds(goal, rules, budget_window)

    from workbench.domain.formats import compact_span

    def span(value: timedelta | None) -> str | None:
        return None if value is None else compact_span(engine.minutes(value))

    items = [
        {
            "name": t.rule.name,
            "severity": str(t.rule.severity),
            "burn_rate": _num(t.rule.burn_rate),
            "long_window": span(t.rule.long_window),
            "short_window": span(t.rule.short_window),
            "evaluate_every": span(t.rule.evaluate_every),
            "snooze": span(t.rule.snooze),
            "bad_share_percent": _num(t.bad_share_percent),
            "budget_consumed_percent": _num(t.budget_consumed_percent),
            # A tier that needs more than 100% bad events never fires (14.4 x a 10% budget).
            "can_fire": t.can_fire,
            "problem": t.problem(),
        }
        for t in rows
    ]
    if as_json:
        print_json({"target": _num(goal), "window": window.strip().lower(), "rules": items})
        return
    print_table(
        ["rule", "severity", "burn", "long", "short", "bad share >", "budget spent", "fires"],
        [
            (
                i["name"],
                i["severity"],
                i["burn_rate"],
                i["long_window"],
                i["short_window"] or "-",
                f"{i['bad_share_percent']}%",
                f"{i['budget_consumed_percent']}%",
                "yes" if i["can_fire"] else "never",
            )
            for i in items
        ],
    )
    problems = [i["problem"] for i in items if i["problem"]]
    if problems:
        typer.echo("")
    for problem in problems:
        typer.echo(problem)


# --- the workspace's SLOs (database) ---------------------------------------------------------


@app.command("list")
def list_cmd(
    team: Annotated[
        str | None, typer.Option("--team", help="Only SLOs of services this team owns.")
    ] = None,
    service: Annotated[str | None, typer.Option("--service", help="Only this service.")] = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The workspace's SLOs: service, objective, period, status and the story they serve."""
    from workbench.store import slo_repo

    with workspace_session(workspace) as (session, ws):
        slos = slo_repo.list_slos(session, ws.id, team=team, service=service)
        states = ({i: documents.state_json(st)
                   for i, st in slo_repo.lifecycle_states(session, ws.id).items()}
                  if as_json else {})
    if as_json:
        print_json([
            {"name": s.name, "uid": s.uid, "service": s.service_name, "kind": str(s.kind),
             "target": _num(s.target), "threshold_ms": _num(s.threshold_ms),
             "bad_status": s.bad_status, "period": s.period,
             "historical_attainment": _num(s.historical_attainment),
             "story": s.story_title, **states[s.id]}
            for s in slos
        ])
        return
    print_table(
        ["slo", "service", "objective", "period", "status", "story"],
        [(s.name, s.service_name or "-", s.describe(), s.period, str(s.status),
          s.story_title or "-") for s in slos],
        empty="No SLOs yet; add one with: workbench slo set NAME --service SERVICE",
    )


@app.command("set")
def set_cmd(
    name: Annotated[str, typer.Argument(help="SLO name, e.g. checkout-availability.")],
    kind: Annotated[
        str | None, typer.Option("--kind", help="availability (default) or latency.")
    ] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", "-t", help="Target in percent. For a new SLO without it: the "
                     "book's defaults for a team with no data (90, or 80 for latency)."),
    ] = None,
    threshold_ms: Annotated[
        str | None, typer.Option("--threshold-ms", help="Latency threshold in ms "
                                 "(default 1000 for new latency SLOs).")
    ] = None,
    service: Annotated[
        str | None, typer.Option("--service", help="Service it covers ('' to clear).")
    ] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="Title of the story it serves, or "
                                 "'MAP/STORY' when titles repeat ('' to clear).")
    ] = None,
    bad_status: Annotated[
        str | None,
        typer.Option("--bad-status", help="Status codes that count as bad (default 5xx), "
                     "e.g. 5xx,429."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="4w (four ISO weeks, default) or 28d (rolling)."),
    ] = None,
    historical: Annotated[
        str | None, typer.Option("--historical", help="What the service achieved so far, in "
                                 "percent; a tighter target gets a warning ('' to clear).")
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", hidden=True, help="Refused: status changes "
                                 "through slo agree and slo reopen.")
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="What the SLO promises, in words.")
    ] = None,
    version: documents.VersionOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Create an SLO, or change the given fields of an existing one (the others keep their
    values). Every save is a revision; editing an agreed SLO starts a new draft, and the
    agreed revision stays in force until the draft is agreed (see: slo agree)."""
    from workbench.domain.slo import records
    from workbench.errors import NotFoundError
    from workbench.store import lifecycle, slo_repo, story_map_repo

    if status is not None:
        raise UsageError("slo set does not change the status; agree an SLO with: workbench "
                         "slo agree NAME --by NAME:ROLE, or reopen it with: workbench slo "
                         "reopen NAME --reason TEXT")
    if kind is not None and kind.strip().lower() not in {k.value for k in records.SloKind}:
        raise UsageError(f"--kind {kind!r} is not an SLO kind; use availability or latency")
    expected = documents.expected_version(version)
    notes: list[str] = []
    with workspace_session(workspace) as (session, ws):
        try:
            old: records.SloDefinition | None = slo_repo.get_slo(session, ws.id, name)
        except NotFoundError:
            old = None
        kind_key = (kind or (str(old.kind) if old else "availability")).strip().lower()
        fields: dict[str, Any] = {}
        if kind is not None:
            fields["kind"] = kind_key
        if target is not None:
            fields["target"] = target
        elif old is None:
            fields["target"] = str(records.default_target(kind_key))
            notes.append("no --target given: using the book's default for a team without "
                         f"data ({fields['target']}%)")
        if kind_key == "latency":
            if threshold_ms is not None:
                fields["threshold_ms"] = threshold_ms
            elif old is None or old.threshold_ms is None:
                fields["threshold_ms"] = str(records.DEFAULT_LATENCY_THRESHOLD_MS)
                notes.append(f"no --threshold-ms given: using {fields['threshold_ms']} ms")
        if story is not None:
            fields["story_id"] = (story_map_repo.find_story(session, ws.id, story).id
                                  if story.strip() else None)
        if historical is not None:
            fields["historical_attainment"] = historical.strip() or None
        if bad_status:
            fields["bad_status"] = bad_status
        if period:
            fields["period"] = period
        if description is not None:
            fields["description"] = description
        if service is not None:
            fields["service"] = service.strip() or None
        if old is None:
            slo, warnings = slo_repo.create_slo(session, ws.id, name, **fields)
        else:
            slo, warnings = slo_repo.update_slo(session, ws.id, old.name, fields,
                                                expected_version=expected)
        state = lifecycle.state(session, slo_repo.SLO_DOCUMENT,
                                slo_repo.slo_row(session, ws.id, slo.name))
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"Saved SLO {slo.name}: {slo.describe()} over {slo.period} ({state.describe()})")


@app.command("rename")
def rename_cmd(
    old: Annotated[str, typer.Argument(help="Current SLO name (or its uid).")],
    new: Annotated[str, typer.Argument(help="New name, unique in the workspace.")],
    version: documents.VersionOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Rename an SLO; its uid, counts and history stay with it (the rename is a revision)."""
    from workbench.store import slo_repo

    expected = documents.expected_version(version)
    with workspace_session(workspace) as (session, ws):
        before = slo_repo.get_slo(session, ws.id, old)
        slo = slo_repo.rename_slo(session, ws.id, old, new, expected_version=expected)
    typer.echo(f"Renamed SLO {before.name} to {slo.name} (uid {slo.uid}; counts and history "
               "kept)")


documents.add_lifecycle_commands(
    app, SLO_KIND, metavar="NAME", ref_help="SLO name (or its uid).",
    agree_help="Sign an SLO off: record who agrees (--by NAME:ROLE). It is agreed once every "
               "required party has signed (default: operations, development and the product "
               "owner).",
    reopen_help="Make an agreed SLO a draft again, with the reason in its history; the agreed "
                "revision stays in force until the SLO is agreed again.")


@app.command("status")
def status_cmd(
    name: Annotated[str | None, typer.Argument(
        help="SLO name (see: workbench slo list); without it, one line per SLO.")] = None,
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="Status as of YYYY-MM-DD (default today).")
    ] = None,
    burn_down: Annotated[
        bool, typer.Option("--burn-down", help="Also list the remaining budget day by day.")
    ] = False,
    team: Annotated[
        str | None, typer.Option("--team", help="Without a name: only SLOs of services this "
                                 "team owns.")
    ] = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Error budget of an SLO over its current compliance period, from the stored counts;
    without a name, of every SLO (with --team, of that team's), one line each."""
    from workbench.store import slo_repo

    as_of = date_or_today(day)
    if name is None:
        if burn_down:
            raise UsageError("--burn-down shows one SLO: give its name")
        _all_statuses(as_of, team, workspace, as_json)
        return
    if team is not None:
        raise UsageError("--team lists every SLO of a team: leave out the SLO name")
    with workspace_session(workspace) as (session, ws):
        budget = slo_repo.slo_status(session, ws.id, name, as_of)
    slo, st = budget.slo, budget.status
    points = [
        {"date": p.day.isoformat(), "total": p.total, "bad": p.bad,
         "remaining_percent": _num(p.remaining_percent),
         "ideal_remaining_percent": _num(p.ideal_remaining_percent)}
        for p in budget.burn_down
    ]
    data: dict[str, Any] = {
        "slo": slo.name, "objective": slo.describe(), "period": slo.period,
        "as_of": as_of.isoformat(), "start": budget.start.isoformat(),
        "end": budget.end.isoformat(), "has_counts": st is not None,
    }
    if st is not None:
        data.update({
            "total": st.total, "bad": st.bad, "allowed_bad": st.allowed_bad,
            "sli_percent": _num(st.sli_percent), "consumed_percent": _num(st.consumed_percent),
            "remaining_percent": _num(st.remaining_percent), "burn_rate": _num(st.burn_rate),
            "time_to_exhaustion_minutes": _num(st.time_to_exhaustion_minutes),
            "projected_exhaustion": st.projected_exhaustion,
        })
    data["burn_down"] = points
    if as_json:
        print_json(data)
        return
    rows: list[tuple[str, Any]] = [
        ("slo", f"{slo.name}: {slo.describe()}"),
        ("period", f"{data['start']} to {data['end']} ({slo.period}), as of {data['as_of']}"),
    ]
    if st is None:
        rows.append(("counts", "none in this period yet; add them with: "
                               "workbench slo import-counts NAME FILE.csv"))
        _show(rows)
        return
    tte = st.time_to_exhaustion_minutes
    rows += [
        ("valid events", f"{st.total:,}"),
        ("bad events", f"{st.bad:,}"),
        # Mid-period the budget is for the events the whole period is expected to have.
        ("allowed bad events", f"{st.allowed_bad:,}"
         + (" (projected for the period)" if budget.as_of < budget.end else "")),
        ("SLI achieved", f"{engine.decimal_text(st.sli_percent, 3)}%"),
        ("budget consumed", f"{engine.decimal_text(st.consumed_percent, 2)}%"),
        ("budget remaining", f"{engine.decimal_text(st.remaining_percent, 2)}%"),
        ("burn rate", engine.decimal_text(st.burn_rate, 2)),
        ("time to exhaustion", "never" if tte is None else _minutes_text(tte)),
        ("runs out before period end", "yes" if st.projected_exhaustion else "no"),
    ]
    _show(rows)
    if burn_down:
        typer.echo("")
        print_table(
            ["date", "valid", "bad", "remaining", "ideal"],
            [(p["date"], f"{p['total']:,}", f"{p['bad']:,}",
              f"{engine.decimal_text(Decimal(p['remaining_percent']), 1)}%",
              f"{engine.decimal_text(Decimal(p['ideal_remaining_percent']), 1)}%")
             for p in points],
        )


def _all_statuses(as_of: date, team: str | None, workspace: str | None,
                  as_json: bool) -> None:
    from workbench.store import slo_repo

    with workspace_session(workspace) as (session, ws):
        budgets = slo_repo.list_budgets(session, ws.id, as_of, team=team)
    rows = []
    for budget in budgets:
        st = budget.status
        rows.append({
            "slo": budget.slo.name, "service": budget.slo.service_name,
            "objective": budget.slo.describe(), "period": budget.slo.period,
            "start": budget.start.isoformat(), "end": budget.end.isoformat(),
            "has_counts": st is not None,
            "total": st.total if st else None, "bad": st.bad if st else None,
            "allowed_bad": st.allowed_bad if st else None,
            "sli_percent": _num(st.sli_percent) if st else None,
            "consumed_percent": _num(st.consumed_percent) if st else None,
            "remaining_percent": _num(st.remaining_percent) if st else None,
            "projected_exhaustion": st.projected_exhaustion if st else None,
        })
    if as_json:
        print_json({"as_of": as_of.isoformat(), "slos": rows})
        return
    print_table(
        ["slo", "service", "objective", "sli", "consumed", "remaining", "runs out"],
        [(r["slo"], r["service"] or "-", r["objective"],
          _percent(budget.status.sli_percent, 3) if budget.status else "-",
          _percent(budget.status.consumed_percent, 2) if budget.status else "-",
          _percent(budget.status.remaining_percent, 2) if budget.status else "no counts",
          ("yes" if budget.status.projected_exhaustion else "no") if budget.status else "-")
         for r, budget in zip(rows, budgets, strict=True)],
        empty="No SLOs yet; add one with: workbench slo set NAME --service SERVICE",
    )


def _period_json(record: PeriodRecord) -> dict[str, Any]:
    return {
        "period": record.label, "start": record.start.isoformat(),
        "end": record.end.isoformat(), "running": record.running, "verdict": record.verdict,
        "met": record.met, "total": record.total, "bad": record.bad,
        "allowed_bad": record.allowed_bad, "sli_percent": _num(record.sli_percent),
        "consumed_percent": _num(record.consumed_percent),
        "worst_day": None if record.worst_day is None else record.worst_day.isoformat(),
        "worst_day_bad": record.worst_day_bad,
    }


def _percent(value: Decimal | None, places: int) -> str:
    return "-" if value is None else f"{engine.decimal_text(value, places)}%"


@app.command("history")
def history_cmd(
    name: Annotated[str, typer.Argument(help="SLO name (see: workbench slo list).")],
    periods: Annotated[
        int, typer.Option("--periods", "-n", help="How many compliance periods, up to and "
                          "including the one holding --date (1 to 130).")
    ] = 13,
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="History up to YYYY-MM-DD (default "
                                 "today).")
    ] = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The SLO's past compliance periods, oldest first: valid and bad events, SLI achieved,
    budget consumed, met or missed, and the worst day. The newest period may still be
    running. Maintenance windows and corrections are applied, as in slo status."""
    from workbench.domain.slo.period_history import MAX_PERIODS
    from workbench.store import slo_repo

    if not 1 <= periods <= MAX_PERIODS:
        raise UsageError(f"--periods must be from 1 to {MAX_PERIODS}, not {periods}")
    as_of = date_or_today(day)
    with workspace_session(workspace) as (session, ws):
        slo, records = slo_repo.period_history(session, ws.id, name, as_of, periods)
    if as_json:
        print_json([_period_json(r) for r in records])
        return
    typer.echo(f"{slo.name}: {slo.describe()} over {slo.period}; {len(records)} "
               f"period{'' if len(records) == 1 else 's'} up to {as_of.isoformat()}")
    print_table(
        ["period", "days", "valid", "bad", "sli", "consumed", "verdict", "worst day"],
        [(r.label, f"{r.start.isoformat()}..{r.end.isoformat()}", f"{r.total:,}",
          f"{r.bad:,}", _percent(r.sli_percent, 3), _percent(r.consumed_percent, 2),
          r.verdict, "-" if r.worst_day is None
          else f"{r.worst_day.isoformat()} ({r.worst_day_bad:,} bad)")
         for r in records],
    )


@app.command("import-counts")
def import_counts(
    name: Annotated[str, typer.Argument(help="SLO name.")],
    file: Annotated[Path, typer.Argument(help="CSV file with the header date,good,bad.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Import daily good/bad counts from CSV; every row is checked before anything is saved,
    and days already stored are replaced."""
    from workbench.store import slo_repo

    text = read_text_file(file)
    counts = slo_repo.parse_counts_csv(text, str(file))  # fails before opening the database
    with workspace_session(workspace) as (session, ws):
        slo = slo_repo.get_slo(session, ws.id, name)
        written = slo_repo.upsert_counts(session, slo.id, counts)
    typer.echo(f"Imported {written} day{'' if written == 1 else 's'} of counts into {slo.name}")


@app.command("record")
def record_cmd(
    name: Annotated[str, typer.Argument(help="SLO name.")],
    good: Annotated[int, typer.Option("--good", help="Good events that day (0 or more).")],
    bad: Annotated[int, typer.Option("--bad", help="Bad events that day (0 or more).")],
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="The day, YYYY-MM-DD (default today).")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Enter (or correct) one day's good and bad events for an SLO."""
    from workbench.domain.slo.records import DailyCount
    from workbench.store import slo_repo

    when = date_or_today(day)
    for label, value in (("--good", good), ("--bad", bad)):
        if value < 0:
            raise UsageError(f"{label} must be 0 or more, not {value}")
    with workspace_session(workspace) as (session, ws):
        slo = slo_repo.get_slo(session, ws.id, name)
        slo_repo.upsert_counts(session, slo.id, [DailyCount(when, good, bad)])
    typer.echo(f"Recorded {good:,} good and {bad:,} bad events for {slo.name} on {when}")


# The exporters of the SLO area, and what each format is, for --format's help. The formats
# offered are those these exporters are registered for (see: export.registry), so the help
# and the errors name only formats that work.
SLO_EXPORTERS = ("openslo", "sloth", "pyrra", "slos")
FORMAT_TEXT = {
    "openslo": "OpenSLO v1 YAML, one file per service",
    "sloth": "Sloth prometheus/v1 specs per service, plus their alert windows",
    "pyrra": "Pyrra ServiceLevelObjective resources, one file per SLO",
    "md": "an SLO document per service",
    "yaml": "the workbench's own file, re-importable with slo import",
}
# Formats for other tools: their files carry no timestamp, figures are for --date.
INTEROP_FORMATS = frozenset({"openslo", "sloth", "pyrra"})


def export_formats() -> dict[str, list[str]]:
    """Each format the SLO area's registered exporters write (in the order of
    ``FORMAT_TEXT``, then the registry's), with the exporters that write it."""
    from workbench.export.registry import FORMATS, REGISTRY

    found: dict[str, list[str]] = {}
    for entry in REGISTRY.exporters():
        if entry.name in SLO_EXPORTERS:
            for fmt in entry.formats:
                found.setdefault(fmt, []).append(entry.name)
    order = [*FORMAT_TEXT, *FORMATS]
    return {fmt: found[fmt] for fmt in sorted(found, key=order.index)}


def format_help() -> str:
    listed = "; ".join(f"{fmt} ({FORMAT_TEXT[fmt]})" if fmt in FORMAT_TEXT else fmt
                       for fmt in export_formats())
    return f"One of: {listed}."


class ExportCommand(TyperCommand):
    """``slo export``: the help of --format is worked out from the export registry when
    the help is shown, so that other commands do not load every exporter."""

    def format_help(self, ctx, formatter) -> None:
        for param in self.params:
            if param.name == "fmt":
                param.help = format_help()  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)


@app.command("export", cls=ExportCommand)
def export_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created).")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="The format (listed with --help).")
    ] = "yaml",
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="The day budget tables, compliance "
                                 "periods and calendars are for (default: today).")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Export the workspace's SLOs: for other SLO tools (OpenSLO, Sloth, Pyrra), as SLO
    documents, or as the native file (personas, story maps and SLOs with their counts)."""
    from datetime import UTC, datetime

    chosen = fmt.strip().lower()
    formats = export_formats()
    if chosen not in formats:
        raise UsageError(f"--format {fmt!r} is not valid; choose from {', '.join(formats)}")
    as_of = date_or_today(day)
    db = open_db()
    try:
        from workbench.export.registry import export_workspace
        from workbench.store.db import reading
        from workbench.store.session import choose_workspace

        with reading(db.engine) as session:
            ws = choose_workspace(session, workspace)
        only = set(formats[chosen])
        if chosen in INTEROP_FORMATS:
            # No generated_at: the same SLOs on the same day give the same files.
            written = export_workspace(db.engine, ws, out, {chosen}, only, today=as_of)
        else:
            generated = (None if day is None else
                         datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC))
            written = export_workspace(db.engine, ws, out, {chosen}, only,
                                       generated_at=generated)
    finally:
        db.engine.dispose()
    report_written(written, out)


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="A workbench/slos YAML file (from slo export).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only check the file; save nothing.")
    ] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Import personas, story maps and SLOs (with counts). The whole file is checked first;
    any problem stops the import with nothing saved."""
    from workbench.domain.slo.document import read_document
    from workbench.files import WORKSPACE_DOCUMENT_BYTES

    doc = read_document(read_text_file(file, max_bytes=WORKSPACE_DOCUMENT_BYTES), str(file))
    what = (f"{len(doc['personas'])} personas, {len(doc['story_maps'])} story maps, "
            f"{len(doc['slos'])} SLOs, {sum(len(s['counts']) for s in doc['slos'])} "
            "days of counts")
    if dry_run:
        typer.echo(f"{file}: valid; would import {what}")
        return
    from workbench.store import slo_repo

    with workspace_session(workspace) as (session, ws):
        summary = slo_repo.import_document(session, ws.id, doc)
    for name in summary.created_teams:
        typer.echo(f"note: created team {name}", err=True)
    for name in summary.created_services:
        typer.echo(f"note: created service {name}", err=True)
    for warning in summary.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"Imported {what} into {ws.name}")


@app.command("personas")
def personas_cmd(
    team: Annotated[str | None, typer.Option("--team", help="Only this team's personas.")] = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Personas: who uses the service, with how much time, where, and what they need most."""
    from workbench.store import persona_repo

    with workspace_session(workspace) as (session, ws):
        personas = persona_repo.list_personas(session, ws.id, team=team)
    items = [
        {"name": p.name, "team": p.team_name, "goal": p.goal,
         "time_available": p.time_available, "environment": p.environment,
         "needs": str(p.needs), "complaints": p.complaints}
        for p in personas
    ]
    if as_json:
        print_json(items)
        return
    print_table(["persona", "team", "needs", "time available"],
                [(i["name"], i["team"] or "-", i["needs"], i["time_available"] or "-")
                 for i in items],
                empty="No personas yet; import some with: workbench slo import FILE")


@app.command("map")
def map_cmd(
    title: Annotated[
        str | None, typer.Argument(help="Story map title (default: every story map).")
    ] = None,
    workspace: WorkspaceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Story maps: activities (the backbone) with their tasks and stories; critical stories
    are marked with *, and their SLOs are listed under them."""
    from workbench.store import slo_repo, story_map_repo

    with workspace_session(workspace) as (session, ws):
        maps = ([story_map_repo.get_story_map(session, ws.id, title)] if title
                else story_map_repo.list_story_maps(session, ws.id))
        slos = slo_repo.list_slos(session, ws.id)
    by_story: dict[int, list[str]] = {}
    for s in slos:
        if s.story_id is not None:
            by_story.setdefault(s.story_id, []).append(f"{s.name} ({s.describe()})")
    if as_json:
        print_json([
            {"title": m.title, "team": m.team_name,
             "release_slices": [x.name for x in m.slices],
             "activities": [
                 {"title": a.title, "tasks": [
                     {"title": t.title, "stories": [
                         {"title": st.title, "critical": st.critical,
                          "release_slice": st.slice_name,
                          "endpoints": [e.label for e in st.endpoints],
                          "slos": by_story.get(st.id, [])}
                         for st in t.stories]}
                     for t in a.tasks]}
                 for a in m.activities]}
            for m in maps
        ])
        return
    if not maps:
        typer.echo("No story maps yet; import one with: workbench slo import FILE")
    for m in maps:
        team = f" (team {m.team_name})" if m.team_name else ""
        typer.echo(f"{m.title}{team}")
        if m.slices:
            typer.echo(f"  release slices: {', '.join(x.name for x in m.slices)}")
        for index, a in enumerate(m.activities, start=1):
            typer.echo(f"  {index}. {a.title}")
            for t in a.tasks:
                typer.echo(f"     - {t.title}")
                for st in t.stories:
                    mark = "*" if st.critical else " "
                    where = f"  [{st.slice_name}]" if st.slice_name else ""
                    typer.echo(f"       {mark} {st.title}{where}")
                    for line in by_story.get(st.id, []):
                        typer.echo(f"           SLO {line}")
