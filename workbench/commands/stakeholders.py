"""``workbench stakeholders``: the workspace's stakeholder chart (``list``, ``show``, ``add``,
``edit``, ``remove``, ``contacted``, ``plan``, ``diff``, ``export``, ``import``, ``agree``,
``reopen``, ``history``).

Everything goes through ``wb.stakeholders`` (the service); the rules (the quadrant, who is
overdue, the warnings, the comparison) are the domain's, so the CLI and the TUI agree.

Decisions:
- The quadrant is printed as its title in tables ("Keep satisfied") and as its name in JSON
  (``keep-satisfied``, ``engage-fully``, ``monitor``, ``keep-informed``); options accept
  either, in any case.
- ``list`` prints the table on stdout, then, after a blank line, who is overdue for contact
  and the chart's warnings: they are what the coach acts on, so they belong with the table
  rather than with diagnostics on stderr. ``--json`` carries them as ``overdue`` and
  ``warnings``.
- A field the user got wrong is named by its option (``--due: ...``), not by the stored
  field (``next_action_due``).
- Every change takes ``--version N``, the chart's ``version`` from any ``--json`` output; if
  the chart was changed since, nothing is written. ``edit`` and ``remove`` without it still
  refuse a change made between reading the person and saving, so what they report is true.
- An edit that changes nothing saves nothing (no empty revision).
- The chart is one document per workspace: ``agree``, ``reopen`` and ``history`` take no
  name. ``workbench history chart chart`` shows the same history.
- ``import`` checks the whole file first and lists every problem, one ``error:`` line each
  (``FILE:LINE: key.path: what is wrong``), then exits 2 with nothing written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    date_or_today,
    exit_with_problems,
    file_problem_lines,
    open_db,
    parse_count,
    parse_date,
    print_json,
    print_table,
    printable,
    report_written,
    service,
    today,
)
from workbench.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from workbench.domain.stakeholders import (
        ChartComparison,
        ChartWarning,
        EngagementPlan,
        Overdue,
        Quadrant,
        Stakeholder,
    )
    from workbench.service.stakeholders import ChartView, ImportResult

KIND = "stakeholder_chart"
REF = "chart"
QUADRANT_NAMES = ("keep-satisfied", "engage-fully", "monitor", "keep-informed")
EXPORT_FORMATS = ("md", "yaml")

app = typer.Typer(
    cls=WorkbenchGroup,
    name="stakeholders",
    rich_markup_mode=None,
    help="The stakeholder chart: who to win over for SRE, placed by formal power and interest "
         "(keep satisfied, engage fully, monitor, keep informed), how often to contact each "
         "quadrant, who is overdue, and how the chart changed between revisions.",
    no_args_is_help=True,
    add_completion=False,
)


# --- options ---------------------------------------------------------------------------------

CLEARS = " An empty value ('') clears it."


def _text_option(flag: str, text: str, metavar: str = "TEXT") -> Any:
    return Annotated[str | None, typer.Option(flag, help=text, metavar=metavar,
                                              show_default=False)]


POWER_HELP = "Formal power over the transformation: high or low (decides the quadrant)."
INTEREST_HELP = "Interest in SRE: high or low (decides the quadrant)."
ROLE_HELP = "Their role, e.g. 'Head of Operations'."
GROUP_HELP = "Where they work: development, operations, product, executive or other."
STANCE_HELP = "Their stance on SRE: supporter, neutral or detractor."
INFLUENCE_HELP = "Informal influence, beside formal power: high or low."
STAGE_HELP = ("Buy-in funnel stage: awareness, interest, understanding, agreement or "
              "engagement.")
OWNER_HELP = "The coach who owns the relationship."
LAST_CONTACT_HELP = "Day of the last contact, YYYY-MM-DD."
NEXT_ACTION_HELP = "The next step with them, e.g. 'Invite to the SLO workshop'."
DUE_HELP = "When the next step is due, YYYY-MM-DD."
NOTES_HELP = "Anything else worth remembering about them."

PowerOpt = _text_option("--power", POWER_HELP + " Required.", "high|low")
InterestOpt = _text_option("--interest", INTEREST_HELP + " Required.", "high|low")
RoleOpt = _text_option("--role", ROLE_HELP)
GroupOpt = _text_option("--group", GROUP_HELP + " Default: other.", "GROUP")
StanceOpt = _text_option("--stance", STANCE_HELP, "STANCE")
InfluenceOpt = _text_option("--influence", INFLUENCE_HELP, "high|low")
StageOpt = _text_option("--stage", STAGE_HELP, "STAGE")
OwnerOpt = _text_option("--owner", OWNER_HELP)
LastContactOpt = _text_option("--last-contact", LAST_CONTACT_HELP, "YYYY-MM-DD")
NextActionOpt = _text_option("--next-action", NEXT_ACTION_HELP)
DueOpt = _text_option("--due", DUE_HELP, "YYYY-MM-DD")
NotesOpt = _text_option("--notes", NOTES_HELP)

NewNameOpt = _text_option("--name", "A new name for them (unique on the chart).", "NEW")
EditPowerOpt = _text_option("--power", POWER_HELP, "high|low")
EditInterestOpt = _text_option("--interest", INTEREST_HELP, "high|low")
EditRoleOpt = _text_option("--role", ROLE_HELP + CLEARS)
EditGroupOpt = _text_option("--group", GROUP_HELP + " An empty value ('') sets other.", "GROUP")
EditStanceOpt = _text_option("--stance", STANCE_HELP + CLEARS, "STANCE")
EditInfluenceOpt = _text_option("--influence", INFLUENCE_HELP + CLEARS, "high|low")
EditStageOpt = _text_option("--stage", STAGE_HELP + CLEARS, "STAGE")
EditOwnerOpt = _text_option("--owner", OWNER_HELP + CLEARS)
EditLastContactOpt = _text_option("--last-contact", LAST_CONTACT_HELP + CLEARS, "YYYY-MM-DD")
EditNextActionOpt = _text_option("--next-action", NEXT_ACTION_HELP + CLEARS)
EditDueOpt = _text_option("--due", DUE_HELP + CLEARS, "YYYY-MM-DD")
EditNotesOpt = _text_option("--notes", NOTES_HELP + CLEARS)

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The stakeholder's name (case "
                                        "and spacing do not matter).", show_default=False)]

# The stored field each option fills, for naming the option in error messages.
OPTION_OF = {
    "power": "--power", "interest": "--interest", "role": "--role", "group": "--group",
    "stance": "--stance", "influence": "--influence", "stage": "--stage", "owner": "--owner",
    "last_contact": "--last-contact", "next_action": "--next-action",
    "next_action_due": "--due", "notes": "--notes",
}


@contextmanager
def _named_by_option(plan: bool = False) -> Iterator[None]:
    """Field errors of the service ("next_action_due: ...") as the option that was typed
    ("--due: ...")."""
    try:
        yield
    except UsageError as exc:
        field, sep, rest = str(exc).partition(": ")
        option = OPTION_OF.get(field)
        if plan and field.startswith("plan."):
            option = {"every_days": "--every", "contact": "--contact"}.get(
                field.rsplit(".", 1)[-1])
        if not sep or option is None:
            raise
        raise UsageError(f"{option}: {rest}", topic=exc.topic) from None


def _quadrant(text: str, option: str) -> Quadrant:
    from workbench.domain.stakeholders import find_quadrant

    found = find_quadrant(text)
    if found is not None:
        return found
    raise UsageError(f"{option} {text!r} is not a quadrant; use one of: "
                     + ", ".join(QUADRANT_NAMES))


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _or_dash(value: Any) -> str:
    if value is None or value == "":
        return "-"
    return str(value)


# --- JSON shapes -----------------------------------------------------------------------------


def person_json(person: Stakeholder, plan: EngagementPlan,
                late: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    """One stakeholder as every ``--json`` output shows them."""
    from workbench.domain.stakeholders import contact_due, stakeholder_values

    values = stakeholder_values(person)
    due = contact_due(person, plan)
    return {
        "name": values["name"], "role": values["role"], "group": values["group"],
        "power": values["power"], "interest": values["interest"],
        "quadrant": person.quadrant.value,
        "stance": values["stance"], "influence": values["influence"],
        "stage": values["stage"], "owner": values["owner"],
        "last_contact": values["last_contact"], "next_action": values["next_action"],
        "next_action_due": values["next_action_due"], "notes": values["notes"],
        "uid": values["uid"],
        "contact_due": due.isoformat() if due else None,
        "overdue": person.key in late,
    }


def overdue_json(item: Overdue) -> dict[str, Any]:
    return {"name": item.person.name, "quadrant": item.person.quadrant.value,
            "due_on": item.due_on.isoformat() if item.due_on else None,
            "days_late": item.days_late, "message": item.describe}


def warning_json(warning: ChartWarning) -> dict[str, Any]:
    return {"code": warning.code, "message": warning.message, "names": list(warning.names)}


def chart_json(view: ChartView) -> dict[str, Any]:
    """Where the chart stands: version, lifecycle state and revisions."""
    data: dict[str, Any] = {"version": view.version, "status": None,
                            "state": "not saved yet", "revisions": view.revisions}
    if view.state is not None:
        data.update(documents.state_json(view.state))
        data["version"] = view.version
    data.update({
        "revisions": view.revisions,
        "last_saved": view.last_saved.isoformat() if view.last_saved else None,
        "baseline_revision": view.baseline_number,
        "stale": view.stale,
    })
    return data


def comparison_json(changes: ChartComparison) -> dict[str, Any]:
    def stage(value: Any) -> str | None:
        return None if value is None else value.value

    return {
        "joined": list(changes.joined),
        "left": list(changes.left),
        "renamed": [{"before": r.before, "after": r.after} for r in changes.renamed],
        "moved": [{"name": m.name, "before": m.before.value, "after": m.after.value,
                   "power": m.power, "interest": m.interest, "direction": m.direction}
                  for m in changes.moved],
        "advanced": [{"name": m.name, "before": stage(m.before), "after": stage(m.after)}
                     for m in changes.advanced],
        "fell_back": [{"name": m.name, "before": stage(m.before), "after": stage(m.after)}
                      for m in changes.fell_back],
        "stances": [{"name": c.name, "before": stage(c.before), "after": stage(c.after)}
                    for c in changes.stances],
        "unchanged": changes.unchanged,
    }


def plan_json(view: ChartView) -> list[dict[str, Any]]:
    from workbench.domain.stakeholders import LIST_ORDER

    late = {o.person.key for o in view.overdue}
    rows = []
    for quadrant in LIST_ORDER:
        contact = view.plan.for_quadrant(quadrant)
        people = view.in_quadrant(quadrant)
        rows.append({"quadrant": quadrant.value, "title": quadrant.title,
                     "every_days": contact.every_days, "rhythm": contact.rhythm,
                     "contact": contact.contact, "people": len(people),
                     "overdue": sum(1 for p in people if p.key in late)})
    return rows


def _late(view: ChartView) -> set[str]:
    return {o.person.key for o in view.overdue}


def _person_result(view: ChartView, name: str) -> dict[str, Any]:
    person = view.chart.find(name)
    return {"version": view.version,
            "stakeholder": None if person is None else person_json(person, view.plan,
                                                                   _late(view))}


# --- reading the chart -----------------------------------------------------------------------


@app.command("list")
def list_cmd(
    sort: Annotated[
        str, typer.Option("--sort", metavar="ORDER", help="Order: quadrant (engage fully "
                          "first), stance (detractors first), stage (earliest funnel stage "
                          "first), due (next step due soonest first) or name.")
    ] = "quadrant",
    quadrant: Annotated[
        str | None, typer.Option("--quadrant", "-q", metavar="QUADRANT", help="Only this "
                                 "quadrant: keep-satisfied, engage-fully, monitor or "
                                 "keep-informed.")
    ] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Everyone on the chart with their quadrant, stance, funnel stage, owner and next step;
    then who is overdue for contact and what the chart is missing."""
    from workbench.domain.stakeholders import SORT_KEYS, sorted_people

    order = " ".join(sort.split()).casefold()
    if order not in SORT_KEYS:
        raise UsageError(f"--sort {sort!r} is not an order; use one of: {', '.join(SORT_KEYS)}")
    only = _quadrant(quadrant, "--quadrant") if quadrant is not None else None
    with service(workspace) as (wb, ws):
        view = wb.stakeholders.view(ws.id)
    people = sorted_people(view.people, order)
    overdue = list(view.overdue)
    if only is not None:
        people = [p for p in people if p.quadrant is only]
        overdue = [o for o in overdue if o.person.quadrant is only]
    late = _late(view)
    if as_json:
        print_json({**chart_json(view),
                    "stakeholders": [person_json(p, view.plan, late) for p in people],
                    "overdue": [overdue_json(o) for o in overdue],
                    "warnings": [warning_json(w) for w in view.warnings]})
        return
    if not view.people:
        typer.echo(f"No stakeholders on the chart of {ws.name} yet; add one with: workbench "
                   "stakeholders add NAME --power high|low --interest high|low")
        return
    typer.echo(_headline(view))
    typer.echo("")
    print_table(
        ["name", "role", "quadrant", "stance", "stage", "owner", "next step", "due", "late"],
        [[p.name, _short(p.role, 28) or "-", p.quadrant.title, _or_dash(p.stance),
          _or_dash(p.stage), _or_dash(p.owner), _short(p.next_action, 36) or "-",
          _or_dash(p.next_action_due), "yes" if p.key in late else "-"] for p in people],
        empty=f"Nobody in {only.title if only else 'this quadrant'}.",
    )
    typer.echo("")
    _print_overdue(overdue)
    _print_warnings(view)


def _headline(view: ChartView) -> str:
    state = view.state.describe() if view.state is not None else "not saved yet"
    count = len(view.people)
    return (f"Stakeholder chart: {state} (version {view.version}); {count} "
            f"{'person' if count == 1 else 'people'}, {view.revisions} "
            f"revision{'' if view.revisions == 1 else 's'}")


def _print_overdue(overdue: Sequence[Overdue]) -> None:
    if not overdue:
        typer.echo("Nobody is overdue for contact.")
        return
    typer.echo(f"Overdue for contact ({len(overdue)}):")
    for item in overdue:
        typer.echo(f"  {item.person.name} ({item.person.quadrant.title}): {item.describe}")


def _print_warnings(view: ChartView) -> None:
    lines = [w.message for w in view.warnings]
    if view.stale and view.last_saved is not None:
        lines.append(f"The latest revision is from {view.last_saved.date().isoformat()}, "
                     "more than six months ago: time to redraw the chart")
    if lines:
        typer.echo("")
        typer.echo("Warnings:")
        for line in lines:
            typer.echo(f"  {line}")


@app.command("show")
def show_cmd(
    name: NameArg,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every field of one stakeholder, with their quadrant's contact plan and when the next
    contact is due."""
    from workbench.domain.stakeholders import contact_due

    with service(workspace) as (wb, ws):
        view = wb.stakeholders.view(ws.id)
    person = _find(view, name)
    late = _late(view)
    if as_json:
        print_json({"version": view.version,
                    "stakeholder": person_json(person, view.plan, late)})
        return
    contact = view.plan.for_quadrant(person.quadrant)
    due = contact_due(person, view.plan)
    overdue = next((o for o in view.overdue if o.person.key == person.key), None)
    if due is None:
        next_contact = "now (never contacted)"
    elif overdue is not None:
        late_days = overdue.days_late or 0
        next_contact = (f"{due.isoformat()} (overdue: {late_days} "
                        f"day{'' if late_days == 1 else 's'} late)")
    else:
        next_contact = due.isoformat()
    rows = [
        ("name", person.name),
        ("role", _or_dash(person.role)),
        ("group", person.group.value),
        ("quadrant", f"{person.quadrant.title} (power {person.power}, interest "
                     f"{person.interest})"),
        ("stance", _or_dash(person.stance)),
        ("influence", _or_dash(person.influence)),
        ("funnel stage", _or_dash(person.stage)),
        ("owner", _or_dash(person.owner)),
        ("last contact", _or_dash(person.last_contact)),
        ("contact plan", f"{contact.rhythm}: {contact.contact}"),
        ("next contact", next_contact),
        ("next step", _or_dash(person.next_action)),
        ("due", _or_dash(person.next_action_due)),
    ]
    print_table(["field", "value"], rows)
    if person.notes:
        typer.echo("")
        typer.echo("Notes:")
        for line in person.notes.splitlines():
            typer.echo(f"  {line}")


def _find(view: ChartView, name: str) -> Stakeholder:
    from workbench.domain.stakeholders.edits import UnknownStakeholder

    person = view.chart.find(name)
    if person is None:
        raise NotFoundError(str(UnknownStakeholder(name, tuple(p.name for p in view.people))),
                            topic="stakeholder")
    return person


# --- changing people -------------------------------------------------------------------------


@app.command("add")
def add_cmd(
    name: NameArg,
    power: PowerOpt = None,
    interest: InterestOpt = None,
    role: RoleOpt = None,
    group: GroupOpt = None,
    stance: StanceOpt = None,
    influence: InfluenceOpt = None,
    stage: StageOpt = None,
    owner: OwnerOpt = None,
    last_contact: LastContactOpt = None,
    next_action: NextActionOpt = None,
    due: DueOpt = None,
    notes: NotesOpt = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Put someone on the chart. --power and --interest place them in a quadrant; the other
    fields never move them."""
    for option, value in (("--power", power), ("--interest", interest)):
        if value is None:
            raise UsageError(f"say how much {option[2:].replace('power', 'formal power')} "
                             f"they have with {option} high or {option} low")
    values = _values(power=power, interest=interest, role=role, group=group, stance=stance,
                     influence=influence, stage=stage, owner=owner, last_contact=last_contact,
                     next_action=next_action, next_action_due=due, notes=notes)
    values["name"] = name
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws), _named_by_option():
        view = wb.stakeholders.add(ws.id, values, expected_version=expected)
    person = view.chart.find(name)
    assert person is not None
    if as_json:
        print_json(_person_result(view, person.name))
        return
    contact = view.plan.for_quadrant(person.quadrant)
    typer.echo(f"Added {person.name} to {person.quadrant.title} (power {person.power}, "
               f"interest {person.interest}); contact them {contact.rhythm}: "
               f"{contact.contact} (version {view.version})")


def _values(**given: str | None) -> dict[str, Any]:
    """The options that were given (None: not given), as the service's field values."""
    return {field: value for field, value in given.items() if value is not None}


@app.command("edit")
def edit_cmd(
    name: NameArg,
    new_name: NewNameOpt = None,
    power: EditPowerOpt = None,
    interest: EditInterestOpt = None,
    role: EditRoleOpt = None,
    group: EditGroupOpt = None,
    stance: EditStanceOpt = None,
    influence: EditInfluenceOpt = None,
    stage: EditStageOpt = None,
    owner: EditOwnerOpt = None,
    last_contact: EditLastContactOpt = None,
    next_action: EditNextActionOpt = None,
    due: EditDueOpt = None,
    notes: EditNotesOpt = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Change some fields of one stakeholder; the options left out stay as they are.
    Says when the change moves them to another quadrant."""
    from workbench.domain.stakeholders import compare

    changes = _values(power=power, interest=interest, role=role, group=group, stance=stance,
                      influence=influence, stage=stage, owner=owner, last_contact=last_contact,
                      next_action=next_action, next_action_due=due, notes=notes)
    if new_name is not None:
        changes["name"] = new_name
    if not changes:
        raise UsageError("nothing to change: give at least one option, e.g. --stage "
                         "interest (see: workbench stakeholders edit --help)")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.stakeholders.view(ws.id)
        before = _find(view, name)
        with _named_by_option():
            after_view = wb.stakeholders.edit(
                ws.id, before.name, changes,
                expected_version=view.version if expected is None else expected)
    if after_view.version == view.version:  # the service saves nothing that changes nothing
        if as_json:
            print_json({**_person_result(view, before.name), "changed": False})
            return
        typer.echo(f"Nothing changed for {before.name}; nothing saved")
        return
    after = after_view.chart.find(changes.get("name", before.name))
    assert after is not None
    if as_json:
        print_json({**_person_result(after_view, after.name), "changed": True})
        return
    from workbench.domain.stakeholders import stakeholder_values

    old_values, new_values = stakeholder_values(before), stakeholder_values(after)
    changed = [label for field, label in FIELD_LABELS
               if old_values[field] != new_values[field]]
    head = (f"Renamed {before.name} to {after.name}" if after.name != before.name
            else f"Saved {after.name}")
    if changed:
        head += f": changed {', '.join(changed)}"
    moves = compare((before,), (after,)).moved
    where = (f"moved from {moves[0].before.title} to {moves[0].after.title} "
             f"({moves[0].direction})" if moves else f"still in {after.quadrant.title}")
    typer.echo(f"{head}; {where}; version {after_view.version}")


# What ``edit`` reports as changed (the name is reported as a rename).
FIELD_LABELS = (
    ("role", "role"), ("group", "group"), ("power", "power"), ("interest", "interest"),
    ("stance", "stance"), ("influence", "influence"), ("stage", "stage"), ("owner", "owner"),
    ("last_contact", "last contact"), ("next_action", "next step"),
    ("next_action_due", "due"), ("notes", "notes"),
)


@app.command("remove")
def remove_cmd(
    name: NameArg,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Take someone off the chart. Earlier revisions keep them (see: workbench stakeholders
    history)."""
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.stakeholders.view(ws.id)
        person = _find(view, name)
        after = wb.stakeholders.remove(ws.id, person.name,
                                       expected_version=view.version if expected is None
                                       else expected)
    if as_json:
        print_json({"version": after.version, "removed": person.name})
        return
    typer.echo(f"Removed {person.name} ({person.quadrant.title}) from the chart "
               f"(version {after.version})")


@app.command("contacted")
def contacted_cmd(
    name: NameArg,
    on: Annotated[
        str | None, typer.Option("--date", "-d", metavar="YYYY-MM-DD", help="Day of the "
                                 "contact (default: today); not after today.")
    ] = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Record a contact with someone: their last contact becomes that day, and the next one
    is due after their quadrant's rhythm."""
    from workbench.domain.stakeholders import contact_due

    now = today()
    day = now if on is None else parse_date(on, "--date")
    if day > now:
        raise UsageError(f"--date {day.isoformat()} is after today ({now.isoformat()}); "
                         "record a contact once it has happened")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.stakeholders.view(ws.id)
        person = _find(view, name)
        after = wb.stakeholders.contacted(ws.id, person.name, day,
                                          expected_version=view.version if expected is None
                                          else expected)
    if as_json:
        print_json(_person_result(after, person.name))
        return
    updated = after.chart.find(person.name)
    assert updated is not None
    due = contact_due(updated, after.plan)
    contact = after.plan.for_quadrant(updated.quadrant)
    typer.echo(f"Recorded a contact with {updated.name} on {day.isoformat()}; the next one "
               f"is due {due.isoformat() if due else 'now'} ({contact.rhythm}, "
               f"{updated.quadrant.title}) (version {after.version})")


# --- the engagement plan ---------------------------------------------------------------------


@app.command("plan")
def plan_cmd(
    quadrant: Annotated[
        str | None, typer.Argument(metavar="QUADRANT", help="The quadrant to show or "
                                   "change: keep-satisfied, engage-fully, monitor or "
                                   "keep-informed (default: show all four).",
                                   show_default=False)
    ] = None,
    every: Annotated[
        str | None, typer.Option("--every", metavar="DAYS", help="Contact the quadrant's "
                                 "people every DAYS days (1 to 366), e.g. 14.")
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", metavar="TEXT", help="How to contact them, "
                                 "e.g. 'Fortnightly e-mail update'.")
    ] = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """The engagement plan: how often and how to contact the people of each quadrant. With
    QUADRANT and --every or --contact, change that quadrant's plan."""
    chosen = _quadrant(quadrant, "QUADRANT") if quadrant is not None else None
    if chosen is None and (every is not None or contact is not None):
        raise UsageError("say which quadrant to change, e.g. workbench stakeholders plan "
                         "engage-fully --every 7")
    days = None if every is None else parse_count(every, "--every")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.stakeholders.view(ws.id)
        changed = False
        if chosen is not None and (days is not None or contact is not None):
            with _named_by_option(plan=True):
                after = wb.stakeholders.set_plan(ws.id, chosen, every_days=days,
                                                 contact=contact, expected_version=expected)
            # The service saves nothing that changes nothing.
            changed, view = after.version != view.version, after
    rows = plan_json(view)
    if chosen is not None:
        rows = [r for r in rows if r["quadrant"] == chosen.value]
    if as_json:
        print_json({"version": view.version, "changed": changed, "plan": rows})
        return
    if chosen is not None and (days is not None or contact is not None):
        row = rows[0]
        typer.echo(f"{'Changed' if changed else 'Nothing changed in'} the plan for "
                   f"{row['title']}: {_cadence(row)}, {row['contact']}"
                   + (f" (version {view.version})" if changed else "; nothing saved"))
        return
    print_table(["quadrant", "days", "rhythm", "people", "overdue", "contact"],
                [[r["title"], r["every_days"], r["rhythm"], r["people"], r["overdue"],
                  r["contact"]] for r in rows])


def _cadence(row: dict[str, Any]) -> str:
    """``weekly (every 7 days)``, or ``every 10 days`` when there is no word for it."""
    rhythm, days = row["rhythm"], row["every_days"]
    return rhythm if rhythm.startswith("every ") else f"{rhythm} (every {days} days)"


# --- revisions -------------------------------------------------------------------------------


@app.command("diff")
def diff_cmd(
    before: Annotated[
        str | None, typer.Option("--from", metavar="N", help="Revision to compare from "
                                 "(default: the baseline, the agreed revision before the "
                                 "current one).")
    ] = None,
    after: Annotated[
        str | None, typer.Option("--to", metavar="M", help="Revision to compare to "
                                 "(default: the latest).")
    ] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """How the chart changed between two revisions: who joined or left, who was renamed, who
    moved quadrant (and which way), whose funnel stage advanced or fell back, whose stance
    changed."""
    numbers = [None if text is None else parse_count(text, option)
               for text, option in ((before, "--from"), (after, "--to"))]
    with service(workspace) as (wb, ws):
        view = wb.stakeholders.view(ws.id)
        if view.revisions == 0:
            raise NotFoundError("the stakeholder chart has no revisions yet, so there is "
                                "nothing to compare", topic="stakeholder_chart")
        if view.revisions == 1:
            raise UsageError("the stakeholder chart has one revision only; a comparison "
                             "needs two (every change to the chart saves a revision)")
        for number, option in zip(numbers, ("--from", "--to"), strict=True):
            if number is not None and not 1 <= number <= view.revisions:
                raise NotFoundError(f"{option}: the stakeholder chart has no revision "
                                    f"{number} (revisions: 1 to {view.revisions}); see them "
                                    "with: workbench stakeholders history")
        result = wb.stakeholders.compare(ws.id, numbers[0], numbers[1])
    if as_json:
        print_json({"from": result.before, "to": result.after,
                    **comparison_json(result.changes)})
        return
    start = f"revision {result.before}"
    if numbers[0] is None:
        start += (" (the baseline: the agreed revision before the current one)"
                  if result.before == view.baseline_number
                  else " (the first: no revision was agreed before the current one)")
    end = f"revision {result.after}" + (" (the latest)" if numbers[1] is None else "")
    typer.echo(f"Stakeholder chart: {start} -> {end}")
    typer.echo("")
    for line in result.changes.lines():
        typer.echo(line)


@app.command("history")
def history_cmd(
    diff: Annotated[
        tuple[str, str] | None,
        typer.Option("--diff", metavar="A B", help="Show what changed from revision A to "
                     "revision B, field by field (see also: workbench stakeholders diff)."),
    ] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every revision of the chart (number, status, author, date, summary, sign-offs) and
    where it stands now; the same as: workbench history chart chart."""
    documents.history(KIND, REF, diff=diff, as_json=as_json, workspace=workspace)


documents.add_lifecycle_commands(
    app, KIND, fixed_ref=REF,
    agree_help="Sign the chart off: record who agrees (--by NAME:ROLE). It is agreed once "
               "every required party has signed (default: the coach). Agree it each time "
               "you redraw it, so later revisions are compared with it.",
    reopen_help="Make the agreed chart a draft again, with the reason in its history; the "
                "agreed revision stays in force until the chart is agreed again.")


# --- files -----------------------------------------------------------------------------------


@app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder to write "
                                      "into (created); the files go into a folder named "
                                      "after the workspace.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="md|yaml", help="md (the grid, a "
                          "section per quadrant, who is overdue, and a Mermaid chart), yaml "
                          "(re-importable with workbench stakeholders import), or both: "
                          "md,yaml.")
    ] = "md,yaml",
    day: Annotated[
        str | None, typer.Option("--date", "-d", metavar="YYYY-MM-DD", help="The day the "
                                 "overdue list is worked out for (default: today).")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Export the stakeholder chart as Markdown and/or YAML files (a workspace without a
    chart writes none)."""
    as_of = date_or_today(day)
    chosen = {f.strip().lower().lstrip(".") for f in fmt.split(",") if f.strip()}
    if not chosen or chosen - set(EXPORT_FORMATS):
        raise UsageError(f"--format {fmt!r} is not valid; choose md, yaml or md,yaml")
    db = open_db()
    try:
        from workbench.export.registry import export_workspace
        from workbench.store.db import reading
        from workbench.store.session import choose_workspace

        with reading(db.engine) as session:
            ws = choose_workspace(session, workspace)
        written = export_workspace(db.engine, ws, out, chosen, {"stakeholders"}, today=as_of)
    finally:
        db.engine.dispose()
    report_written(written, out)


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="A stakeholder chart YAML file (from: "
                                         "workbench stakeholders export --format yaml).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and show what would change; "
                           "save nothing.")
    ] = False,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Replace the chart (people and plan) with the one in FILE, as one revision. The whole
    file is checked first; any problem stops the import with nothing saved."""
    from workbench.export.stakeholder_yaml import read_chart_file

    try:
        chart = read_chart_file(file)
    except UsageError as exc:
        _file_problems(exc, file)
        raise
    with service(workspace) as (wb, ws):
        result = wb.stakeholders.replace(ws.id, chart, summary=f"imported from {file.name}",
                                         dry_run=dry_run)
    if as_json:
        print_json({"file": str(file), "dry_run": dry_run, "written": result.written,
                    "would_write": result.changed, "version": result.stored_version,
                    "stakeholders": len(chart.people),
                    "changes": comparison_json(result.comparison)})
        return
    _print_import(file, result, len(chart.people), ws.name)


def _file_problems(exc: UsageError, file: Path) -> None:
    """A file with several problems: each on its own line as ``FILE:LINE: key.path: what is
    wrong``, then the count; raises ``typer.Exit`` with the error's code. A single problem
    is left to the usual one ``error:`` line."""
    problems = file_problem_lines(exc)
    if len(problems) >= 2:
        exit_with_problems(problems, where=f" in {printable(str(file))}",
                           nothing="nothing was imported", code=exc.exit_code)


def _print_import(file: Path, result: ImportResult, count: int, workspace: str) -> None:
    changes = result.comparison
    dry_run = result.dry_run
    people = f"{count} {'person' if count == 1 else 'people'}"
    if not result.changed:
        typer.echo(f"{file} ({people}) matches the stakeholder chart of {workspace}; "
                   "nothing to import")
        return
    if dry_run:
        typer.echo(f"Dry run: importing {file} ({people}) into {workspace} would change:")
    else:
        typer.echo(f"Imported {file} ({people}) into the stakeholder chart of {workspace} "
                   f"(version {result.view.version}); changes:")
    for line in changes.lines():
        typer.echo(f"  {line}")
    if changes.unchanged:
        typer.echo("  (other fields or the engagement plan differ)")
    if dry_run:
        typer.echo("Nothing was written (dry run).")
    elif result.view.state is not None:
        typer.echo(f"The chart is now: {result.view.state.describe()}")
