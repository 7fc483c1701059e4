"""``workbench slo``: error-budget arithmetic that needs no database.

Every figure is computed exactly (integers and ``Decimal``). With ``--json``, counts are JSON
integers and every other number is a *decimal string* (e.g. ``"20.16"``), never a JSON float:
a string keeps the value exact for scripts. Values with more than 6 decimal places are
rounded half-even to 6; all others are printed exactly. Dates are ISO strings (YYYY-MM-DD).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any

import typer

from workbench.commands.common import JsonOpt, print_json, print_table
from workbench.domain import slo as engine
from workbench.errors import UsageError

app = typer.Typer(
    name="slo",
    help="Error budgets: allowed bad events, allowed downtime, compliance periods, alerts.",
    no_args_is_help=True,
)

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
    if value == 0:
        return "now (budget exhausted)"
    days = value / 1440  # Decimal division; only shown to 2 places
    return f"{engine.decimal_text(value, 1)} min ({engine.decimal_text(days, 2)} days)"


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
        try:
            elapsed_td = engine.parse_duration(elapsed)
        except engine.PeriodError as exc:
            raise UsageError(f"--elapsed: {exc}") from None
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
    if day is None:
        when = date.today()
    else:
        try:
            when = date.fromisoformat(day.strip())
        except ValueError:
            raise UsageError(
                f"--date: {day!r} is not a date; use YYYY-MM-DD, e.g. 2024-02-10"
            ) from None
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
    """Burn-rate alert thresholds for a target: the book's rule and the multiwindow set."""
    goal = _target(target)
    try:
        budget_window = engine.period_length(window)
    except engine.PeriodError as exc:
        raise UsageError(f"--window: {exc}") from None
    rules = (engine.BOOK_RULE, *engine.MULTIWINDOW_RULES)
    rows = engine.alert_thresholds(goal, rules, budget_window)

    def span(value: timedelta | None) -> str | None:
        if value is None:
            return None
        count = engine.minutes(value)
        for unit, size in (("d", 1440), ("h", 60)):
            if count % size == 0:
                return f"{count // size}{unit}"
        return f"{count}m"

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
        }
        for t in rows
    ]
    if as_json:
        print_json({"target": _num(goal), "window": window.strip().lower(), "rules": items})
        return
    print_table(
        ["rule", "severity", "burn", "long", "short", "bad share >", "budget spent"],
        [
            (
                i["name"],
                i["severity"],
                i["burn_rate"],
                i["long_window"],
                i["short_window"] or "-",
                f"{i['bad_share_percent']}%",
                f"{i['budget_consumed_percent']}%",
            )
            for i in items
        ],
    )
