"""Checks of a whole policy beyond its shape: scope against the workspace, conditions that
duplicate or contradict each other. Each problem names the part it is about.

What counts as a contradiction (every condition can fire together with every other, since
they all watch the same SLOs):
- one consequence stops an activity that another consequence conducts;
- a freeze keeps an activity allowed that another consequence stops;
- of two conditions with the same trigger and window, the one with the higher threshold
  declares a milder code (yellow) than the lower one (red).
Two conditions with the same trigger and the same figures duplicate each other.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from workbench.domain.names import lookup_key
from workbench.domain.policy.model import (
    Action,
    Code,
    Condition,
    Policy,
    PolicyError,
)

_key = lookup_key  # names compare as users type them: spaces folded, case ignored


def check_policy(policy: Policy, *, slos: Mapping[str, str | None] | None = None,
                 services: Collection[str] | None = None,
                 teams: Collection[str] | None = None) -> list[PolicyError]:
    """Problems of ``policy``. ``slos`` maps the workspace's SLO names to their services,
    ``services`` and ``teams`` list its services and teams; leave them out to skip the
    checks against the workspace."""
    problems: list[PolicyError] = []
    if slos is not None:
        problems += unknown_names(policy.slos, slos, "scope.slos", "SLO", "SLOs")
    if services is not None:
        problems += unknown_names(policy.services, services, "scope.services", "service",
                                  "services")
    problems += _duplicates(policy)
    problems += _contradictions(policy)
    if teams is not None and policy.team:
        problems += [PolicyError("team", p.message)
                     for p in unknown_names([policy.team], teams, "", "team", "teams")]
    return problems


def unknown_names(names: Sequence[str], known: Collection[str], part: str, noun: str,
                  plural: str) -> list[PolicyError]:
    """A problem for each of ``names`` that is not one of ``known`` (``part[i]``)."""
    keys = {_key(k) for k in known}
    shown = ", ".join(sorted(known)) or "none yet"
    return [PolicyError(f"{part}[{index}]" if part else "",
                        f"no {noun} is named {name!r} ({plural}: {shown})")
            for index, name in enumerate(names) if _key(name) not in keys]


def _figures(cond: Condition) -> tuple:
    return (cond.trigger, cond.percent, cond.window, cond.burn_rate, _key(cond.dependency))


def _duplicates(policy: Policy) -> list[PolicyError]:
    found = []
    for j, later in enumerate(policy.conditions):
        for i, earlier in enumerate(policy.conditions[:j]):
            if _figures(earlier) == _figures(later):
                found.append(PolicyError(
                    f"conditions[{j}]", f"has the same trigger and figures as condition "
                    f"{earlier.key} (conditions[{i}]); merge their consequences into one"))
                break
    return found


def _contradictions(policy: Policy) -> list[PolicyError]:
    found = []
    stops: dict[str, tuple[int, int, str]] = {}
    conducts: dict[str, tuple[int, int, str]] = {}
    allows: dict[str, tuple[int, int, str]] = {}
    for i, cond in enumerate(policy.conditions):
        for k, cons in enumerate(cond.consequences):
            if cons.action is Action.STOP:
                stops.setdefault(_key(cons.activity), (i, k, cond.key))
                for thing in cons.allowed:
                    allows.setdefault(_key(thing), (i, k, cond.key))
            elif cons.action is Action.CONDUCT:
                conducts.setdefault(_key(cons.activity), (i, k, cond.key))
    for activity, (i, k, key) in stops.items():
        if activity in conducts:
            ci, ck, ckey = conducts[activity]
            found.append(PolicyError(
                f"conditions[{i}].consequences[{k}]",
                f"stops {activity!r}, which condition {ckey} (conditions[{ci}].consequences"
                f"[{ck}]) conducts; both can apply at once, so keep one"))
        if activity in allows:
            ai, ak, _akey = allows[activity]
            found.append(PolicyError(
                f"conditions[{ai}].consequences[{ak}].allowed",
                f"keeps {activity!r} allowed, but condition {key} (conditions[{i}]."
                f"consequences[{k}]) stops it; both can apply at once, so say which wins"))
    found += _code_order(policy)
    return found


def _code_order(policy: Policy) -> list[PolicyError]:
    found = []
    conditions = list(enumerate(policy.conditions))
    for i, a in conditions:
        for j, b in conditions:
            if (a.trigger, a.window, _key(a.dependency)) != (b.trigger, b.window,
                                                              _key(b.dependency)):
                continue
            ta, tb = _threshold(a), _threshold(b)
            if ta is None or tb is None or not ta < tb:
                continue
            if Code.RED in _codes(a) and Code.YELLOW in _codes(b) and Code.RED not in _codes(b):
                found.append(PolicyError(
                    f"conditions[{j}]", f"declares code yellow at a higher threshold than "
                    f"condition {a.key} (conditions[{i}]) declares code red; swap them"))
    return found


def _threshold(cond: Condition):
    return cond.percent if cond.percent is not None else cond.burn_rate


def _codes(cond: Condition) -> set[Code]:
    return {c.code for c in cond.consequences if c.action is Action.DECLARE and c.code}
