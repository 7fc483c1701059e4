"""Checks of an on-call agreement against itself and its workspace: the team exists, the
escalation levels page rotations of this agreement and roles those rotations have, the
priorities name rings that are defined, and unavailability names members of the rotation.

A decision may name a service of the workspace or a product the workspace does not list;
only a service gets its availability target from its SLOs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from workbench.domain.names import lookup_key
from workbench.domain.oncall.model import Agreement, LevelKind
from workbench.domain.oncall.reading import OnCallValueError


def check_agreement(agreement: Agreement, *, teams: Sequence[str]) -> list[OnCallValueError]:
    found: list[OnCallValueError] = []
    known = {lookup_key(t) for t in teams}
    if lookup_key(agreement.team) not in known:
        found.append(OnCallValueError("team", f"{agreement.team!r} is not a team of this "
                                      f"workspace; use one of: {', '.join(teams) or 'none'}"))
    rotations = {lookup_key(r.name): r for r in agreement.rotations}
    for i, rotation in enumerate(agreement.rotations):
        members = {lookup_key(m) for m in rotation.members}
        for j, away in enumerate(rotation.unavailable):
            if lookup_key(away.person) not in members:
                found.append(OnCallValueError(
                    f"rotations[{i}].unavailable[{j}].person",
                    f"{away.person!r} is not a member of {rotation.name}; name a member"))
    for i, policy in enumerate(agreement.escalations):
        for j, level in enumerate(policy.levels):
            if level.kind is not LevelKind.ROTATION:
                continue
            part = f"escalations[{i}].levels[{j}]"
            rotation = rotations.get(lookup_key(level.name))
            if rotation is None:
                names = ", ".join(r.name for r in agreement.rotations) or "none yet"
                found.append(OnCallValueError(f"{part}.rotation", f"{level.name!r} is not a "
                                              f"rotation of this agreement (rotations: "
                                              f"{names})"))
            elif level.role not in rotation.roles:
                found.append(OnCallValueError(f"{part}.role", f"{rotation.name} has no "
                                              f"{level.role} ({rotation.shape.title}); use "
                                              f"one of: {', '.join(rotation.roles)}"))
    rings = {g.number for g in agreement.rings}
    for i, priority in enumerate(agreement.priorities):
        for number in priority.rings:
            if number not in rings:
                found.append(OnCallValueError(
                    f"priorities[{i}].rings", f"ring {number} is not defined; add it under "
                    f"rings or use one of: {', '.join(map(str, sorted(rings))) or 'none yet'}"))
    return found


def canonical_names(agreement: Agreement, *, teams: Sequence[str],
                    services: Sequence[str]) -> Agreement:
    """Team, service and rotation names spelled as stored; call after ``check_agreement``
    found nothing."""
    team = {lookup_key(t): t for t in teams}.get(lookup_key(agreement.team), agreement.team)
    known = {lookup_key(s): s for s in services}
    rotations = {lookup_key(r.name): r.name for r in agreement.rotations}
    decisions = tuple(replace(d, service=known.get(lookup_key(d.service), d.service))
                      for d in agreement.decisions)
    escalations = tuple(replace(e, levels=tuple(
        replace(lv, name=rotations.get(lookup_key(lv.name), lv.name))
        if lv.kind is LevelKind.ROTATION else lv for lv in e.levels))
        for e in agreement.escalations)
    return agreement.with_changes(team=team, decisions=decisions, escalations=escalations)
