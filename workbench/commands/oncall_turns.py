"""``workbench oncall schedule|fairness|override|swap``: a rotation's generated turns, the
fairness figures over them, and the overrides and swaps of single turns.

Decisions:
- The schedule is a table of one row per role of each turn (a main + two backups rotation
  would not fit 80 columns with one column per role); who was changed, and why (an
  override, a stand-in for someone away, nobody available), is marked ``*`` and listed
  under the table.
- Times are local to the rotation, with the zone's abbreviation, so a turn across a
  daylight-saving change shows its two offsets.
- ``override`` is refused for a day no turn starts on (it would be stale, so ignored), and
  for a role the rotation's shape does not have.
- Hours are exact: minutes over 60 with at most two places (``fairness.hours_text``); shares
  are the domain's one-place percentages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkspaceOpt,
    parse_date,
    print_json,
    print_table,
    printable,
    service,
    today,
)
from workbench.commands.doc_cli import echo_lines, plural, shortened, wrapped
from workbench.commands.oncall_views import (
    RotationOpt,
    TeamArg,
    TeamOpt,
    WeeksOpt,
    rotation_of,
    rotation_text,
    team_of,
    version_check,
    warning_json,
    weeks_of,
)
from workbench.errors import UsageError

if TYPE_CHECKING:
    from datetime import date, datetime

    from workbench.domain.oncall import Rotation
    from workbench.export.oncall_page import RotationPlan

SinceOpt = Annotated[str | None, typer.Option(
    "--since", metavar="YYYY-MM-DD", show_default=False,
    help="The first day of the horizon (default: today); the turn in progress then is the "
         "first one shown.")]
DayOpt = Annotated[str | None, typer.Option(
    "--day", metavar="YYYY-MM-DD", show_default=False,
    help="The day the turn starts (its handover day), as the schedule lists it.")]
RoleOpt = Annotated[str, typer.Option(
    "--role", metavar="ROLE", help="The role in the turn: main, backup or backup-2.")]


def _moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M %Z").strip()


def _hours(minutes: int) -> str:
    from workbench.domain.oncall.fairness import hours_text

    return hours_text(minutes)


def _role(typed: str, rotation: Rotation) -> str:
    key = "-".join(typed.split()).casefold()
    if key in rotation.roles:
        return key
    raise UsageError(f"--role {typed!r} is not a role of {rotation.name} "
                     f"({rotation.shape.title}); use one of: {', '.join(rotation.roles)}")


def _turn_day(text: str | None, option: str, rotation: Rotation) -> date:
    from workbench.domain.oncall import WEEKDAY_TITLES
    from workbench.domain.oncall.schedule import anchor_of, turn_of_day

    if text is None or not text.strip():
        raise UsageError(f"say which turn with {option} YYYY-MM-DD (the day it starts, as "
                         "the schedule lists it)")
    day = parse_date(text, option)
    if turn_of_day(rotation, day) is None:
        anchor = anchor_of(rotation)
        when = (f"turns start every {plural(rotation.turn_days, 'day')} from "
                f"{anchor.isoformat()}, on {WEEKDAY_TITLES[anchor.weekday()]}s"
                if anchor is not None else "it has no start date yet")
        raise UsageError(f"{option} {day.isoformat()} is not the first day of a turn of "
                         f"{rotation.name}; {when}")
    return day


# --- schedule ------------------------------------------------------------------------------------


def schedule_json(team: str, plan: RotationPlan) -> dict[str, Any]:
    schedule = plan.schedule
    return {
        "team": team, "rotation": plan.rotation.name, "zone": plan.rotation.zone,
        "since": schedule.since.isoformat(), "weeks": schedule.weeks,
        "roles": list(plan.rotation.roles),
        "turns": [{"index": t.index, "day": t.day.isoformat(), "start": t.start.isoformat(),
                   "end": t.end.isoformat(),
                   "slots": [{"role": s.role, "person": s.person, "planned": s.planned,
                              "reason": s.reason or None} for s in t.slots]}
                  for t in schedule.turns],
        "shifts": [{"turn": s.turn, "day": s.day.isoformat(), "role": s.role,
                    "person": s.person, "start": s.start.isoformat(),
                    "end": s.end.isoformat(), "changed": s.changed}
                   for s in schedule.shifts],
        "notes": list(schedule.notes),
    }


def schedule_lines(team: str, plan: RotationPlan) -> tuple[list[str], list[list[str]],
                                                             list[str]]:
    """The lines above the table, its rows and the lines below it."""
    schedule = plan.schedule
    head = wrapped(f"Schedule of {plan.rotation.name} (team {team}): "
                   f"{plural(schedule.weeks, 'week')} from {schedule.since.isoformat()}, "
                   f"{plural(len(schedule.turns), 'turn')}")
    head += wrapped(rotation_text(plan.rotation))
    rows: list[list[str]] = []
    changes: list[str] = []
    for turn in schedule.turns:
        for number, slot in enumerate(turn.slots):
            person = shortened(slot.person or "nobody", 20)
            if slot.reason or slot.person is None:
                person += " *"
                why = slot.reason or "nobody could take it"
                instead = f" instead of {slot.planned}" if slot.planned and \
                    slot.planned != slot.person else ""
                changes += wrapped(f"{turn.day.isoformat()} {slot.role}: "
                                   f"{slot.person or 'nobody'}{instead} ({why})", "  ")
            if number == 0:
                rows.append([turn.day.isoformat(), turn.start.strftime("%H:%M %Z").strip(),
                             _moment(turn.end), slot.role, person])
            else:
                rows.append(["", "", "", slot.role, person])
    tail: list[str] = []
    if changes:
        tail += ["", "* changed from the plain rotation:", *changes]
    for note in schedule.notes:
        tail += wrapped(f"note: {note}")
    return head, rows, tail


def schedule_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    rotation: RotationOpt = None,
    weeks: WeeksOpt = "8",
    since: SinceOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """The generated turns of a rotation over the next weeks: the day each turn starts, its
    start and end in the rotation's time zone, who holds each role, and why anyone differs
    from the plain rotation (an override, a stand-in for someone away)."""
    count = weeks_of(weeks)
    first = parse_date(since, "--since") if since is not None else today()
    with service(workspace) as (wb, ws):
        name = team_with(wb, ws.id, team_arg, team, rotation)
        view = wb.oncall.view(ws.id, name, as_of=today())
        chosen = rotation_of(view.agreement, rotation)
        plan = wb.oncall.schedule(ws.id, view.team, chosen.name, since=first, weeks=count)
    if as_json:
        print_json(schedule_json(view.team, plan))
        return
    head, rows, tail = schedule_lines(view.team, plan)
    echo_lines(head)
    typer.echo("")
    print_table(["day", "start", "end", "role", "person"], rows,
                empty="No turns: " + ("; ".join(plan.schedule.notes) or "nothing to show"))
    echo_lines(tail)


def team_with(wb: Any, workspace_id: int, team_arg: str | None, team: str | None,
              rotation: str | None) -> str:
    """The team given, else the one whose agreement has the rotation named ``rotation``
    (``oncall schedule --rotation R`` needs no team while the name is the workspace's
    only rotation of that name)."""
    if team_arg is not None or team is not None or not rotation:
        return team_of(team_arg, team)
    from workbench.domain.names import lookup_key

    key = lookup_key(rotation)
    teams = [v.team for v in wb.oncall.overview(workspace_id, as_of=today()).agreements
             if any(lookup_key(r.name) == key for r in v.agreement.rotations)]
    if len(teams) == 1:
        return teams[0]
    if teams:
        raise UsageError(f"the agreements of {', '.join(teams)} each have a rotation named "
                         f"{rotation!r}; say which team with --team TEAM")
    raise UsageError(f"no on-call agreement has a rotation named {rotation!r} (list them "
                     "with: workbench oncall list)")


# --- fairness ------------------------------------------------------------------------------------


def load_json(load: Any) -> dict[str, Any]:
    return {"person": load.person, "turns": load.turns, "shifts": load.shifts,
            "minutes": load.minutes, "hours": _hours(load.minutes),
            "out_of_hours_minutes": load.out_of_hours,
            "out_of_hours_hours": _hours(load.out_of_hours),
            "weekend_days": load.weekend_days, "share": str(load.share),
            "over_share": load.over_share}


def fairness_json(plan: RotationPlan, rules: Any) -> dict[str, Any]:
    from workbench.domain.oncall.fairness import needed_people

    result = plan.fairness
    return {"rotation": plan.rotation.name, "covered_minutes": result.covered_minutes,
            "covered_hours": _hours(result.covered_minutes),
            "members": len(plan.rotation.members),
            "needed_people": needed_people(plan.rotation, rules),
            "max_share": rules.max_share,
            "loads": [load_json(x) for x in result.loads],
            "warnings": [warning_json(plan.rotation.name, w) for w in result.warnings]}


def fairness_lines(plan: RotationPlan, rules: Any) -> tuple[list[str], list[list[Any]],
                                                            list[str]]:
    from workbench.domain.oncall.fairness import needed_people

    result, schedule = plan.fairness, plan.schedule
    first = schedule.turns[0].day.isoformat() if schedule.turns else "-"
    head = wrapped(f"Fairness of {plan.rotation.name}: "
                   f"{plural(len(schedule.turns), 'turn')} from {first} "
                   f"({plural(schedule.weeks, 'week')} from {schedule.since.isoformat()})")
    head += wrapped(f"covered: {_hours(result.covered_minutes)} h; at most "
                    f"{rules.max_share}% each; "
                    f"{plural(len(plan.rotation.members), 'person', 'people')} "
                    f"({needed_people(plan.rotation, rules)} needed to rest)")
    rows = [[shortened(x.person, 16), x.turns, x.shifts, _hours(x.minutes),
             _hours(x.out_of_hours), x.weekend_days,
             f"{x.share}%" + (" over" if x.over_share else "")] for x in result.loads]
    tail = [f"Warnings ({len(result.warnings)}):" if result.warnings else "Warnings: none"]
    for warning in result.warnings:
        tail += wrapped(f"- {warning.message}", "  ", "  ")
    return head, rows, tail


CsvOpt = Annotated[bool, typer.Option(
    "--csv", help="Print the on-call hours per person and month as CSV, for payroll.")]


def fairness_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    rotation: Annotated[str | None, typer.Option(
        "--rotation", "-r", metavar="NAME", show_default=False,
        help="Only this rotation (default: every rotation of the agreement).")] = None,
    weeks: WeeksOpt = "8",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Per person over the next weeks: turns, shifts, on-call hours, out-of-hours hours,
    weekend days and share of the covered time, and the warnings (over the share limit, too
    few people to rest, the same person in two roles or two turns in a row, unfilled
    turns, stale overrides). --csv prints the hours per person and month for payroll."""
    if as_json and as_csv:
        raise UsageError("--json and --csv exclude each other; choose one")
    count = weeks_of(weeks)
    with service(workspace) as (wb, ws):
        name = team_with(wb, ws.id, team_arg, team, rotation)
        view = wb.oncall.view(ws.id, name, as_of=today(), weeks=count)
    plans = view.plans
    if rotation is not None:
        chosen = rotation_of(view.agreement, rotation)
        plans = tuple(p for p in plans if p.rotation.name == chosen.name)
    if as_csv:
        from workbench.export.oncall_csv import hours_csv

        text = hours_csv([replace(view, plans=plans)])
        typer.echo(text, nl=not text.endswith("\n"))
        return
    if as_json:
        print_json({"team": view.team, "as_of": view.as_of.isoformat(), "weeks": view.weeks,
                    "rotations": [fairness_json(p, view.rules) for p in plans]})
        return
    if not plans:
        typer.echo(printable(f"Team {view.team} has no rotation yet; add one with: "
                             f"workbench oncall edit {view.team}"))
        return
    for number, plan in enumerate(plans):
        if number:
            typer.echo("")
        head, rows, tail = fairness_lines(plan, view.rules)
        echo_lines(head)
        typer.echo("")
        print_table(["person", "turns", "shifts", "hours", "out of hours", "weekend days",
                     "share"], rows)
        typer.echo("")
        echo_lines(tail)


# --- overrides and swaps ---------------------------------------------------------------------


def _held(wb, workspace_id: int, team: str, rotation: str, day: date, role: str) -> str | None:
    plan = wb.oncall.schedule(workspace_id, team, rotation, since=day, weeks=1)
    turn = next((t for t in plan.schedule.turns if t.day == day), None)
    return turn.person(role) if turn is not None else None


@contextmanager
def _turn_change(workspace: str | None, team: str, version: str | None, rotation: str | None,
                 role: str) -> Iterator[tuple[Any, int, Any, Rotation, str]]:
    """The open service, the workspace's id, the team's agreement (checked against
    ``--version``), the rotation and the role a change of single turns is for."""
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.oncall.view(ws.id, team, as_of=today())
        version_check(expected, view)
        chosen = rotation_of(view.agreement, rotation)
        yield wb, ws.id, view, chosen, _role(role, chosen)


def override_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    rotation: RotationOpt = None,
    day: DayOpt = None,
    role: RoleOpt = "main",
    person: Annotated[str | None, typer.Option(
        "--person", metavar="NAME", show_default=False,
        help="Who takes the role in that turn (anyone, also someone outside the rotation).")]
    = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT",
                                      help="Why (shown in the schedule).")] = "",
    clear: Annotated[bool, typer.Option("--clear", help="Remove the override of that turn "
                                        "and role: the plain rotation holds again.")] = False,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Hand one turn's role to someone else (kept as an override, so it survives every
    regeneration of the schedule), or --clear it."""
    from workbench.commands.oncall import report_saved

    name = team_of(team_arg, team)
    if clear == (person is not None):
        raise UsageError("give --person NAME to hand the turn over, or --clear to remove "
                         "its override (one of them)")
    if person is not None and not person.strip():
        raise UsageError("--person is empty; name who takes the turn")
    with _turn_change(workspace, name, version, rotation, role) as (wb, ws_id, view, chosen,
                                                                   role_of):
        turn_day = _turn_day(day, "--day", chosen)
        before = _held(wb, ws_id, view.team, chosen.name, turn_day, role_of)
        after = wb.oncall.override(ws_id, view.team, chosen.name, turn_day, role_of,
                                   " ".join(person.split()) if person else None, note=note,
                                   expected_version=view.version)
        now = _held(wb, ws_id, view.team, chosen.name, turn_day, role_of)
    if clear:
        what = (f"{chosen.name}: removed the override of {role_of} on "
                f"{turn_day.isoformat()}; {now or 'nobody'} holds it again")
    else:
        what = (f"{chosen.name}: {now} takes {role_of} in the turn of "
                f"{turn_day.isoformat()} (was {before or 'nobody'})")
    report_saved(view, after, as_json, what)


def swap_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    rotation: RotationOpt = None,
    day: DayOpt = None,
    other: Annotated[str | None, typer.Option(
        "--with", metavar="YYYY-MM-DD", show_default=False,
        help="The first day of the other turn.")] = None,
    role: RoleOpt = "main",
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Exchange who holds a role in two turns (kept as two overrides, so the swap survives
    every regeneration of the schedule)."""
    from workbench.commands.oncall import report_saved

    name = team_of(team_arg, team)
    with _turn_change(workspace, name, version, rotation, role) as (wb, ws_id, view, chosen,
                                                                   role_of):
        first = _turn_day(day, "--day", chosen)
        second = _turn_day(other, "--with", chosen)
        if first == second:
            raise UsageError(f"--day and --with are both {first.isoformat()}; name two "
                             "different turns")
        after = wb.oncall.swap(ws_id, view.team, chosen.name, first, second, role_of,
                               expected_version=view.version)
        held = [_held(wb, ws_id, view.team, chosen.name, d, role_of) for d in (first, second)]
    what = (f"{chosen.name}: swapped {role_of} of the turns of {first.isoformat()} "
            f"({held[0]} now) and {second.isoformat()} ({held[1]} now)")
    report_saved(view, after, as_json, what)
