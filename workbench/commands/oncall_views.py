"""What the ``workbench oncall`` commands share: the team given as the argument or as
``--team``, the options several commands take, the JSON shapes and the lines of ``show``.

Domain and export modules are imported inside the functions, so building the command group
for ``--help`` stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands import documents, team_documents
from workbench.commands.common import parse_count, printable
from workbench.commands.doc_cli import (
    agreement_lines,
    open_lines,
    plural,
    status_lines,
    wrapped,
)
from workbench.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from workbench.domain.oncall import Agreement, Rotation, Rules
    from workbench.export.oncall_page import DecisionRow, RotationPlan
    from workbench.service.oncall import OnCallView

KIND = "oncall"

DOCUMENT = team_documents.TeamDocument(KIND, "on-call agreement", area="oncall",
                                       content="agreement")
TeamArg = team_documents.TeamArg
TeamOpt = DOCUMENT.team_option
team_of = DOCUMENT.team_of
label = DOCUMENT.label
RotationOpt = Annotated[str | None, typer.Option(
    "--rotation", "-r", metavar="NAME", show_default=False,
    help="The rotation, by its name (may be left out when the agreement has only one).")]
WeeksOpt = Annotated[str, typer.Option("--weeks", metavar="N",
                                       help="How many weeks ahead to generate (1 to 104).")]


def weeks_of(text: str) -> int:
    return parse_count(text, "--weeks")


def view_or_none(wb, workspace_id: int, team: str, weeks: int = 8) -> OnCallView | None:
    """The team's agreement, or None when the team has none yet (an unknown team is an
    error)."""
    return DOCUMENT.view_or_none(wb, workspace_id, team, weeks=weeks)


def rotation_of(agreement: Agreement, name: str | None) -> Rotation:
    """The rotation named ``name``; without a name, the agreement's only rotation."""
    names = ", ".join(r.name for r in agreement.rotations) or "none yet"
    if name is None or not name.strip():
        if len(agreement.rotations) == 1:
            return agreement.rotations[0]
        raise UsageError(f"say which rotation with --rotation NAME (rotations of team "
                         f"{agreement.team}: {names})")
    found = agreement.rotation(name)
    if found is None:
        raise NotFoundError(f"team {agreement.team} has no rotation named {name!r} "
                            f"(rotations: {names})", topic=KIND)
    return found


def version_check(expected: int | None, view: OnCallView) -> None:
    documents.check_version(expected, view.version, label=label(view.team), topic=KIND)


# --- texts -------------------------------------------------------------------------------


def percent(value: Any) -> str:
    from workbench.domain.plain_values import number_text

    return f"{number_text(value)}%"


def windows_text(rotation: Rotation) -> str:
    from workbench.domain.oncall import WEEKDAYS, time_text

    return "; ".join(f"{','.join(WEEKDAYS[d] for d in w.days)} {time_text(w.start)}-"
                     f"{time_text(w.end)}" for w in rotation.coverage_windows())


def rotation_text(rotation: Rotation) -> str:
    """``main + backup, 24x7, 8 people, weekly turns handed over Mon 10:00 Asia/Kolkata,
    from 2026-10-26``."""
    from workbench.domain.oncall import WEEKDAY_TITLES, Coverage, time_text

    coverage = rotation.coverage.value
    if rotation.coverage is Coverage.CUSTOM:
        coverage = f"custom ({windows_text(rotation)})"
    turns = "weekly turns" if rotation.turn_days == 7 else \
        f"turns of {plural(rotation.turn_days, 'day')}"
    start = rotation.start.isoformat() if rotation.start else "no start date"
    people = plural(len(rotation.members), 'person', 'people')
    handover = f"{WEEKDAY_TITLES[rotation.handover_day][:3]} {time_text(rotation.handover_time)}"
    return (f"{rotation.shape.title}, {coverage}, {people}, {turns} handed over {handover} "
            f"{rotation.zone}, from {start}")


def thresholds_text(rules: Rules) -> str:
    low, high = percent(rules.low_target), percent(rules.high_target)
    return (f"below {low}: no out-of-hours on-call; from {low} to below {high}: a rotation "
            f"per domain; from {high} deployed {rules.high_demand.value} or more often: a "
            "rotation per development team; anything else: coach decision needed")


def target_text(row: DecisionRow) -> str:
    if row.target is None:
        return "no target"
    source = " (its own)" if row.target_from == "" else f" (SLO {row.target_from})"
    return f"target {percent(row.target)}{source}"


def chosen_text(row: DecisionRow) -> str:
    decision = row.decision
    if decision.chosen is None:
        return "chosen: - (not decided yet)"
    text = f"chosen: {decision.chosen.title}"
    if decision.decided:
        text += f" on {decision.decided.isoformat()}"
    if row.follows is False:
        text += " (not what the rule says)"
    return text + (f": {decision.reason}" if decision.reason else "")


def level_text(level: Any) -> str:
    from workbench.domain.oncall import LevelKind

    if level.kind is LevelKind.ROTATION:
        return f"{level.name} ({level.role})"
    if level.kind is LevelKind.ROLE:
        return f"{level.name} ({level.person})" if level.person else level.name
    return level.name


# --- JSON shapes -------------------------------------------------------------------------


def rules_json(rules: Rules, version: int | None = None) -> dict[str, Any]:
    from workbench.domain.oncall import rules_values

    found = rules_values(rules)
    return found if version is None else {**found, "version": version}


def summary_json(view: OnCallView) -> dict[str, Any]:
    """One agreement as ``list --json`` shows it."""
    return {
        "team": view.team, "uid": view.agreement.uid or None,
        **documents.revisions_json(view),
        "rotations": [r.name for r in view.agreement.rotations],
        "warnings": view.warnings,
        "missing": [{"part": m.part, "message": m.message} for m in view.missing],
        "problems": [" ".join(str(p).split()) for p in view.problems],
    }


def recommendation_json(recommendation: Any) -> dict[str, Any]:
    return {"outcome": recommendation.outcome.value if recommendation.outcome else None,
            "title": recommendation.title, "why": recommendation.why}


def decision_json(row: DecisionRow) -> dict[str, Any]:
    from workbench.domain.plain_values import number_text

    decision = row.decision
    source = None if row.target is None else ("decision" if row.target_from == "" else "slo")
    return {
        "service": decision.service,
        "target": number_text(row.target) if row.target is not None else None,
        "target_source": source, "slo": row.target_from if source == "slo" else None,
        "demand": decision.demand.value if decision.demand else None,
        "recommendation": recommendation_json(row.recommendation),
        "chosen": decision.chosen.value if decision.chosen else None,
        "reason": decision.reason or None,
        "decided": decision.decided.isoformat() if decision.decided else None,
        "follows_rule": row.follows,
    }


def warning_json(rotation: str, warning: Any) -> dict[str, Any]:
    return {"rotation": rotation, "kind": warning.kind, "person": warning.person,
            "message": warning.message}


def plan_json(plan: RotationPlan) -> dict[str, Any]:
    from workbench.domain.oncall import rotation_values

    schedule = plan.schedule
    first = schedule.turns[0] if schedule.turns else None
    return {
        "rotation": plan.rotation.name, "settings": rotation_values(plan.rotation),
        "turns": len(schedule.turns), "shifts": len(schedule.shifts),
        "current": None if first is None else {
            "day": first.day.isoformat(), **{s.role: s.person for s in first.slots}},
        "warnings": len(plan.fairness.warnings), "notes": list(schedule.notes),
    }


def view_json(view: OnCallView) -> dict[str, Any]:
    """Everything ``show --json`` prints."""
    from workbench.domain.oncall import agreement_values

    return {
        **summary_json(view), "as_of": view.as_of.isoformat(), "weeks": view.weeks,
        "agreement": agreement_values(view.agreement),
        "in_force": agreement_values(view.in_force) if view.in_force is not None else None,
        "parties": [documents.party_json(p) for p in view.agreement.required_parties()],
        "decisions": [decision_json(row) for row in view.decisions],
        "plans": [plan_json(p) for p in view.plans],
        "fairness_warnings": [warning_json(p.rotation.name, w) for p in view.plans
                              for w in p.fairness.warnings],
        "rules": rules_json(view.rules),
    }


# --- show ----------------------------------------------------------------------------------


def _heading(title: str, items: Sequence[Any]) -> str:
    return f"{title} ({len(items)}):" if items else f"{title}: -"


def decision_lines(rows: Sequence[DecisionRow]) -> list[str]:
    lines = [_heading("Out-of-hours decisions", rows)]
    for row in rows:
        demand = row.decision.demand
        lines += wrapped(f"{row.decision.service}: {target_text(row)}, "
                         + (f"deployed {demand.value}" if demand else "demand not recorded"),
                         "  ")
        lines += wrapped(f"rule: {row.recommendation.title} ({row.recommendation.why})",
                         "    ")
        lines += wrapped(chosen_text(row), "    ")
    return lines


def rotation_lines(view: OnCallView) -> list[str]:
    from workbench.domain.oncall import ROLE_TITLES

    lines = [_heading(f"Rotations, {plural(view.weeks, 'week')} from "
                      f"{view.as_of.isoformat()}", view.plans)]
    for plan in view.plans:
        schedule = plan.schedule
        lines += wrapped(f"{plan.rotation.name}: {rotation_text(plan.rotation)}", "  ")
        if schedule.turns:
            first = schedule.turns[0]
            held = ", ".join(f"{ROLE_TITLES[s.role]} {s.person or 'nobody'}"
                             for s in first.slots)
            lines += wrapped(f"turn of {first.day.isoformat()}: {held}", "    ")
        lines += wrapped(f"{plural(len(schedule.turns), 'turn')}, "
                         f"{plural(len(schedule.shifts), 'shift')}, "
                         f"{plural(len(plan.fairness.warnings), 'fairness warning')}", "    ")
        for note in schedule.notes:
            lines += wrapped(f"note: {note}", "    ")
    return lines


def warning_lines(view: OnCallView) -> list[str]:
    found = [(p.rotation.name, w) for p in view.plans for w in p.fairness.warnings]
    if not found:
        return ["Fairness warnings: none"]
    lines = [f"Fairness warnings ({len(found)}):"]
    for rotation, warning in found:
        lines += wrapped(f"- {rotation}: {warning.message}", "  ", "  ")
    return lines


def escalation_lines(agreement: Agreement) -> list[str]:
    lines = [_heading("Escalation", agreement.escalations)]
    for policy in agreement.escalations:
        repeats = f", repeated {plural(policy.repeats, 'time')}" if policy.repeats else ""
        lines += wrapped(f"{policy.name}{repeats}:", "  ")
        for number, level in enumerate(policy.levels, 1):
            lines += wrapped(f"{number}. {level_text(level)}, then {level.delay} min to "
                             "acknowledge", "    ", "   ")
    if agreement.rings:
        lines.append("Stakeholder rings:")
        for ring in agreement.rings:
            lines += wrapped(f"{ring.number}. {', '.join(ring.groups) or '-'}", "  ", "   ")
    return lines


def priority_lines(agreement: Agreement) -> list[str]:
    lines = [_heading("Incident priorities", agreement.priorities)]
    for priority in agreement.priorities:
        extras = [name for name, flag in (("hotfix", priority.hotfix),
                                          ("postmortem", priority.postmortem),
                                          ("management informed", priority.management)) if flag]
        if priority.update_hours:
            extras.append(f"updates every {priority.update_hours} h")
        if priority.rings:
            extras.append("rings " + ", ".join(str(n) for n in priority.rings))
        text = f"{priority.name}: {priority.criteria or '-'}"
        if priority.response:
            text += f"; {priority.response}"
        lines += wrapped(text + (f" ({'; '.join(extras)})" if extras else ""), "  ")
    if agreement.severities:
        lines.append(f"Severities ({len(agreement.severities)}):")
        for severity in agreement.severities:
            roles = ", ".join(severity.roles) or "no roles"
            lines += wrapped(f"{severity.name}: {roles}", "  ")
    if agreement.postmortem:
        lines += wrapped("Postmortem when: " + "; ".join(agreement.postmortem))
    return lines


def describe(view: OnCallView) -> list[str]:
    """The lines of ``show`` (at most 80 columns)."""
    from workbench.domain.oncall import agreement_values

    agreement = view.agreement
    differs = view.in_force is not None and \
        agreement_values(view.in_force) != agreement_values(agreement)
    lines = [f"On-call agreement of {agreement.team}", *status_lines(view, differs)]
    for part in (decision_lines(view.decisions), rotation_lines(view), warning_lines(view),
                 escalation_lines(agreement), priority_lines(agreement)):
        lines += ["", *part]
    notes = [("compensation", agreement.compensation), ("working time", agreement.working_time)]
    if any(text for _, text in notes):
        lines.append("")
        for title, text in notes:
            if text:
                lines += wrapped(f"{title}: {text}")
    lines.append("")
    lines += agreement_lines(agreement.required_parties(), view.state.signoffs)
    lines += open_lines(view.missing, view.problems)
    return [printable(line) for line in lines]
