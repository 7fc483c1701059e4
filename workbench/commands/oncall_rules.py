"""``workbench oncall decide|rules``: the out-of-hours decision rule for one service (what
it recommends, with the thresholds it used, and the decision recorded) and the workspace's
rules themselves.

Decisions:
- ``decide`` without ``--choose`` writes nothing: it shows the recommendation for the
  service's target and demand (the options stand in for what is recorded, to try another
  case) and the decision recorded so far. With ``--choose`` a reason is required.
- ``--target`` and ``--demand`` are read here, so a mistake names the option typed.
- ``rules --set KEY=VALUE`` takes the keys of the rules' plain values; business hours are
  one value, ``HH:MM-HH:MM``. A problem the domain finds is named by ``--set KEY``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkspaceOpt,
    print_json,
    print_table,
    printable,
    service,
    today,
)
from workbench.commands.doc_cli import choice, echo_lines, named_by_option, wrapped
from workbench.commands.oncall_views import (
    KIND,
    TeamArg,
    TeamOpt,
    chosen_text,
    label,
    percent,
    recommendation_json,
    rules_json,
    team_of,
    thresholds_text,
    version_check,
)
from workbench.commands.yaml_editing import each_problem, quoted
from workbench.errors import ConflictError, UsageError

if TYPE_CHECKING:
    from workbench.service.oncall import OnCallView

VersionOpt = documents.VersionOpt


ServiceOpt = Annotated[str | None, typer.Option(
    "--service", "-s", metavar="SERVICE", show_default=False,
    help="The service (or product) the decision is for.")]
TargetOpt = Annotated[str | None, typer.Option(
    "--target", metavar="PERCENT", show_default=False,
    help="Its availability target, e.g. 99.9 (default: the decision's own, else the "
         "service's strictest availability SLO).")]
DemandOpt = Annotated[str | None, typer.Option(
    "--demand", metavar="HOW-OFTEN", show_default=False,
    help="How often the product is deployed: several-a-day, daily, weekly, fortnightly, "
         "monthly or quarterly.")]
ChooseOpt = Annotated[str | None, typer.Option(
    "--choose", metavar="none|domain|team", show_default=False,
    help="Record the decision: none (no out-of-hours on-call), domain (one rotation for "
         "the domain) or team (a rotation per development team). Without it, only the "
         "recommendation is shown.")]
DecisionReasonOpt = Annotated[str | None, typer.Option(
    "--reason", metavar="TEXT", show_default=False,
    help="Why it was decided so (required with --choose; kept with the decision).")]


def _target(text: str | None) -> Any:
    if text is None:
        return None
    from decimal import Decimal, InvalidOperation

    typed = text.strip().removesuffix("%").strip()
    try:
        value = Decimal(typed) if typed.isascii() and typed else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise UsageError(f"--target {text!r} is not a percentage; write one from 0 to 100, "
                         "e.g. 99.9")
    return value


def recorded_json(view: OnCallView, service_name: str, target: Any, source: str | None,
                  demand: Any, recommendation: Any, recorded: bool) -> dict[str, Any]:
    from workbench.domain.plain_values import number_text

    row = next((r for r in view.decisions
                if r.decision.service.casefold() == service_name.casefold()), None)
    decision = row.decision if row is not None else None
    return {
        "team": view.team, "service": decision.service if decision else service_name,
        "target": number_text(target) if target is not None else None,
        "target_source": source, "demand": demand.value if demand else None,
        "recommendation": recommendation_json(recommendation),
        "thresholds": rules_json(view.rules),
        "chosen": decision.chosen.value if decision and decision.chosen else None,
        "reason": decision.reason or None if decision else None,
        "decided": decision.decided.isoformat() if decision and decision.decided else None,
        "follows_rule": row.follows if row is not None else None,
        "recorded": recorded, "version": view.version,
    }


def decide_cmd(
    team_arg: TeamArg = None,
    team: TeamOpt = None,
    service_name: ServiceOpt = None,
    target: TargetOpt = None,
    demand: DemandOpt = None,
    choose: ChooseOpt = None,
    reason: DecisionReasonOpt = None,
    version: VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """The out-of-hours decision for one service: what the rule recommends from its
    availability target and product demand ("coach decision needed" where the rule is
    silent) and the workspace's thresholds it used. With --choose (and --reason) the
    decision is recorded in the agreement; --target and --demand are then recorded too."""
    from workbench.domain.oncall import Demand, OutOfHours, recommend

    name = team_of(team_arg, team)
    if service_name is None or not service_name.strip():
        raise UsageError("say which service with --service SERVICE (its decision is shown "
                         "with: workbench oncall show TEAM)")
    wanted = " ".join(service_name.split())
    typed_target = _target(target)
    typed_demand = choice(Demand, demand, "--demand") if demand is not None else None
    chosen = choice(OutOfHours, choose, "--choose") if choose is not None else None
    if chosen is not None and (reason is None or not reason.strip()):
        raise UsageError("--reason: say why the service gets this decision (the reason is "
                         "kept with it)")
    if chosen is None and reason is not None:
        raise UsageError("--reason goes with --choose; without --choose nothing is recorded")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.oncall.view(ws.id, name, as_of=today())
        version_check(expected, view)
        if chosen is not None:
            values: dict[str, Any] = {}
            if typed_target is not None:
                values["target"] = str(typed_target)
            if typed_demand is not None:
                values["demand"] = typed_demand.value
            with each_problem(None, "nothing was saved"), named_by_option(
                    {"decisions": "--service"}):
                after = wb.oncall.decide(ws.id, view.team, wanted, chosen=chosen,
                                         reason=reason or "", values=values,
                                         expected_version=view.version)
        else:
            after = view
    row = next((r for r in after.decisions
                if r.decision.service.casefold() == wanted.casefold()), None)
    decision = row.decision if row is not None else None
    if typed_target is not None:
        used_target, source = typed_target, "option"
    elif row is not None and row.target is not None:
        used_target = row.target
        source = "decision" if row.target_from == "" else "slo"
    else:
        used_target, source = None, None
    used_demand = typed_demand or (decision.demand if decision else None)
    recommendation = recommend(used_target, used_demand, after.rules)
    recorded = chosen is not None and after.version != view.version
    if as_json:
        print_json(recorded_json(after, wanted, used_target, source, used_demand,
                                 recommendation, recorded))
        return
    shown = decision.service if decision else wanted
    lines = [f"Out-of-hours decision for {shown} (team {after.team})"]
    if used_target is None:
        lines.append("target: none (set one with --target, or give the service an SLO)")
    else:
        origin = {"option": "as typed", "decision": "the decision's own",
                  "slo": f"SLO {row.target_from}" if row else ""}[source or "option"]
        lines.append(f"target: {percent(used_target)} ({origin})")
    lines.append(f"demand: deployed {used_demand.value}" if used_demand else
                 "demand: not recorded (set it with --demand)")
    lines += wrapped(f"rule: {recommendation.title} ({recommendation.why})")
    lines += wrapped(f"thresholds: {thresholds_text(after.rules)}")
    if chosen is not None:
        lines += wrapped(chosen_text(row) if row is not None else f"chosen: {chosen.title}")
        lines += wrapped(f"Recorded in {label(after.team)} (version {after.version})"
                         if recorded else f"Nothing changed in {label(after.team)}; nothing "
                         "saved")
    else:
        if row is not None:
            lines += wrapped(chosen_text(row))
        lines += wrapped(f"Nothing was recorded; record the decision with: workbench oncall "
                         f"decide {quoted(after.team)} --service {quoted(shown)} --choose "
                         "none|domain|team --reason TEXT")
    echo_lines(lines)


# --- the workspace's rules -----------------------------------------------------------------------


SetOpt = Annotated[list[str] | None, typer.Option(
    "--set", metavar="KEY=VALUE", show_default=False,
    help="Change one rule; repeat for more. Keys: low_target, high_target (percent), "
         "high_demand (daily, weekly, ...), max_share (percent, at most 50), "
         "min_people_per_role, business_hours (HH:MM-HH:MM).")]

RULE_MEANINGS = {
    "low_target": "below it: no out-of-hours on-call",
    "high_target": "from it, with high demand: a rotation per team",
    "high_demand": "deploying this often or more is high demand",
    "max_share": "most of the covered time one person holds (%)",
    "min_people_per_role": "24x7: people per role so everyone rests",
    "business_hours": "weekdays, local to each rotation",
}


def _rule_values(settings: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        key = key.strip().casefold().replace("-", "_")
        if not sep or not key:
            raise UsageError(f"--set {setting!r} is not KEY=VALUE; e.g. --set max_share=25")
        if key not in RULE_MEANINGS:
            raise UsageError(f"--set {setting!r}: {key!r} is not a rule; use one of: "
                             + ", ".join(RULE_MEANINGS))
        value = value.strip()
        if key == "business_hours":
            start, dash, end = value.partition("-")
            if not dash:
                raise UsageError(f"--set {setting!r}: write business hours as HH:MM-HH:MM, "
                                 "e.g. business_hours=09:00-17:00")
            values[key] = {"from": start.strip(), "to": end.strip()}
        else:
            values[key] = value
    return values


def rules_cmd(
    settings: SetOpt = None,
    version: VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """The workspace's on-call rules: the thresholds of the out-of-hours decision, the
    largest share of the covered time one person may hold, the people per role a 24x7
    rotation needs and the business hours; --set changes some of them."""
    from workbench.domain.oncall import rules_values

    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        stored = wb.oncall.rules(ws.id)
        if settings:
            values = _rule_values(settings)
            if expected is not None and expected != stored.version:
                raise ConflictError(
                    f"the on-call rules were changed by someone else since you opened them "
                    f"(you opened version {expected}, they are now version {stored.version});"
                    " nothing was saved: reload them and make your change again", topic=KIND)
            option_of = {key: f"--set {key}" for key in RULE_MEANINGS}
            with each_problem(None, "nothing was saved"), named_by_option(option_of):
                saved = wb.oncall.set_rules(ws.id, values, expected_version=stored.version)
            changed = rules_values(saved.rules) != rules_values(stored.rules)
        else:
            saved, changed = stored, False
    if as_json:
        print_json({**rules_json(saved.rules, saved.version), "changed": changed})
        return
    if settings:
        typer.echo(f"Saved the on-call rules of {printable(ws.name)} (version {saved.version})"
                   if changed else "Nothing changed in the on-call rules; nothing saved")
        return
    origin = "the defaults, never changed" if saved.version == 0 else \
        f"version {saved.version}"
    typer.echo(printable(f"On-call rules of {ws.name} ({origin})"))
    typer.echo("")
    plain = rules_values(saved.rules)
    hours = plain["business_hours"]
    plain["business_hours"] = f"{hours['from']}-{hours['to']}"
    print_table(["rule", "value", "meaning"],
                [[key, plain[key], meaning] for key, meaning in RULE_MEANINGS.items()])
    typer.echo("")
    typer.echo("Change one with: workbench oncall rules --set KEY=VALUE")
