"""An on-call setup agreement as a wiki page, and the postmortem template that goes with it.

The agreement page shows where the agreement stands, the out-of-hours decision per service
beside what the workspace's rule says, every rotation with its generated schedule for the
page's weeks and its fairness figures and warnings, the escalation policies, stakeholder
rings, incident priorities and severities, the postmortem criteria, the compensation and
working-time notes, and who agreed (templates ``export/oncall-agreement.md.j2`` and
``export/postmortem.md.j2``; a workspace may override either).

``render_oncall`` and ``render_postmortem`` take an ``OnCallPage`` (``export.oncall_page``)
or the service's ``OnCallView`` (the same fields), so the CLI, the TUI and the export show
the same page from the same data.

Decisions:
- Times in the schedule are local to the rotation, with the zone named above the table, as
  the people on call read them; hours are real hours (a weekly turn over a spring change
  is 167 hours).
- User text stays raw here; the templates escape it with ``md``.
- The postmortem template offers the agreement's own priorities and severities as the
  choices, and the incident roles its severities ask for, so a team fills in its terms.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2 import Environment

from workbench.domain.oncall import (
    INCIDENT_ROLES,
    PART_TITLES,
    ROLE_TITLES,
    WEEKDAY_TITLES,
    Escalation,
    Level,
    LevelKind,
    Rotation,
    Window,
    time_text,
)
from workbench.domain.oncall.fairness import hours_text
from workbench.domain.plain_values import number_text
from workbench.export.document_markdown import agreement_of, render_page
from workbench.export.oncall_page import DecisionRow, OnCallPage, RotationPlan

TEMPLATE = "export/oncall-agreement.md.j2"
POSTMORTEM_TEMPLATE = "export/postmortem.md.j2"
UNFILLED = "nobody (unfilled)"


def missing_title(part: str) -> str:
    """The heading a missing part is under: ``rotations[0].start`` -> "Rotations"."""
    return PART_TITLES.get(part.split(".", 1)[0].split("[", 1)[0], part)


def _day_range(days: tuple[int, ...]) -> str:
    """Weekdays as short runs: (0, 1, 2, 3, 4) -> "Mon-Fri", (0, 2) -> "Mon, Wed"."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [WEEKDAY_TITLES[d][:3] for d in range(7)]
    return ", ".join(f"{names[r[0]]}-{names[r[-1]]}" if len(r) > 2 else
                     ", ".join(names[d] for d in r) for r in runs)


def window_text(window: Window) -> str:
    return f"{_day_range(window.days)} {time_text(window.start)}-{time_text(window.end)}"


def coverage_text(rotation: Rotation) -> str:
    windows = "; ".join(window_text(w) for w in rotation.coverage_windows())
    return f"{rotation.coverage.value} ({windows})"


def local_text(moment: datetime) -> str:
    """A local time as the schedule shows it: "Mon 2026-11-23 10:00"."""
    return f"{WEEKDAY_TITLES[moment.weekday()][:3]} {moment:%Y-%m-%d %H:%M}"


def level_text(level: Level) -> str:
    """Whom a level pages, in words."""
    if level.kind is LevelKind.ROTATION:
        return f"{level.name}, {ROLE_TITLES.get(level.role, level.role)} on call"
    if level.kind is LevelKind.ROLE:
        return f"{level.name} ({level.person})" if level.person else \
            f"{level.name} (nobody named)"
    return level.name


def _decision(row: DecisionRow) -> dict[str, Any]:
    d = row.decision
    target = f"{number_text(row.target)}%" if row.target is not None else None
    if target and row.target_from not in ("", "none"):
        target += f" (SLO {row.target_from})"
    return {"service": d.service, "target": target,
            "demand": d.demand.value if d.demand else None,
            "rule": row.recommendation.title, "why": row.recommendation.why,
            "chosen": d.chosen.title if d.chosen else None,
            "differs": row.follows is False, "reason": d.reason,
            "decided": d.decided.isoformat() if d.decided else None}


def _rotation(plan: RotationPlan) -> dict[str, Any]:
    x, schedule, fair = plan.rotation, plan.schedule, plan.fairness
    turns = []
    for turn in schedule.turns:
        notes = [f"{ROLE_TITLES.get(s.role, s.role)}: {s.reason}" for s in turn.slots
                 if s.reason]
        turns.append({"start": local_text(turn.start),
                      "people": [s.person or UNFILLED for s in turn.slots],
                      "notes": "; ".join(notes)})
    loads = [{"person": load.person, "turns": load.turns, "shifts": load.shifts,
              "hours": hours_text(load.minutes), "out_of_hours": hours_text(load.out_of_hours),
              "weekend_days": load.weekend_days, "share": f"{load.share}%",
              "over": load.over_share} for load in fair.loads]
    return {
        "name": x.name, "members": list(x.members), "shape": x.shape.title,
        "coverage": coverage_text(x), "turn_days": x.turn_days,
        "handover": f"{WEEKDAY_TITLES[x.handover_day]} {time_text(x.handover_time)}",
        "zone": x.zone, "start": x.start.isoformat() if x.start else None,
        "unavailable": [{"person": u.person, "from": u.start.isoformat(),
                         "to": u.end.isoformat(), "note": u.note} for u in x.unavailable],
        "overrides": [{"day": o.day.isoformat(), "role": ROLE_TITLES.get(o.role, o.role),
                       "person": o.person, "note": o.note} for o in x.overrides],
        "roles": [ROLE_TITLES.get(r, r) for r in x.roles],
        "turns": turns, "notes": list(schedule.notes),
        "covered_hours": hours_text(fair.covered_minutes), "loads": loads,
        "warnings": [w.message for w in fair.warnings],
    }


def _escalation(e: Escalation) -> dict[str, Any]:
    return {"name": e.name, "repeats": e.repeats,
            "levels": [{"pages": level_text(lv), "delay": lv.delay} for lv in e.levels]}


def page_values(page: OnCallPage, *, workspace_name: str) -> dict[str, Any]:
    """What the agreement template shows (user text still raw: the template escapes it)."""
    a = page.agreement
    return {
        "team": a.team, "workspace_name": workspace_name, "as_of": page.as_of.isoformat(),
        "weeks": page.weeks, "agreement": agreement_of(page),
        "missing": [{"part": missing_title(m.part), "message": m.message}
                    for m in page.missing],
        "problems": list(page.problems),
        "decisions": [_decision(row) for row in page.decisions],
        "rotations": [_rotation(plan) for plan in page.plans],
        "escalations": [_escalation(e) for e in a.escalations],
        "rings": [{"number": g.number, "groups": list(g.groups)} for g in a.rings],
        "priorities": [{"name": p.name, "criteria": p.criteria, "response": p.response,
                        "hotfix": p.hotfix, "postmortem": p.postmortem,
                        "management": p.management, "update_hours": p.update_hours,
                        "rings": ", ".join(str(n) for n in p.rings), "example": p.example}
                       for p in a.priorities],
        "severities": [{"name": s.name, "criteria": s.criteria, "roles": list(s.roles)}
                       for s in a.severities],
        "postmortem": list(a.postmortem),
        "compensation": a.compensation, "working_time": a.working_time,
    }


def postmortem_values(page: OnCallPage, *, workspace_name: str) -> dict[str, Any]:
    """What the postmortem template offers: the agreement's priorities and severities as
    the choices, the incident roles its severities need, the zones of its rotations."""
    a = page.agreement
    roles = list(dict.fromkeys(r for s in a.severities for r in s.roles)) \
        or list(INCIDENT_ROLES)
    return {
        "team": a.team, "workspace_name": workspace_name,
        "priorities": [{"name": p.name, "criteria": p.criteria} for p in a.priorities],
        "severities": [{"name": s.name, "criteria": s.criteria} for s in a.severities],
        "roles": roles, "zones": list(dict.fromkeys(x.zone for x in a.rotations)),
        "criteria": list(a.postmortem),
        "needs_postmortem": [p.name for p in a.priorities if p.postmortem],
    }


def render_oncall(page: OnCallPage, *, workspace_name: str,
                  environment: Environment | None = None,
                  generated_at: datetime | str | None = None) -> str:
    """The agreement as one Markdown page, from ``environment`` when given, else the
    workspace's override of the template, else the bundled one. A template that fails
    raises ``workbench.export.templates.TemplateProblem``."""
    return render_page(TEMPLATE, page_values(page, workspace_name=workspace_name),
                       workspace_name=workspace_name, generated_at=generated_at,
                       env=environment)


def render_postmortem(page: OnCallPage, *, workspace_name: str,
                      environment: Environment | None = None) -> str:
    """A postmortem to fill in after an incident, in the agreement's terms."""
    return render_page(POSTMORTEM_TEMPLATE,
                       postmortem_values(page, workspace_name=workspace_name),
                       workspace_name=workspace_name, env=environment)


__all__ = ["POSTMORTEM_TEMPLATE", "TEMPLATE", "UNFILLED", "coverage_text", "level_text",
           "local_text", "missing_title", "page_values", "postmortem_values",
           "render_oncall", "render_postmortem", "window_text"]
