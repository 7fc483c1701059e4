"""Checks of a charter against its workspace: the team, the teams it interacts with and the
SLOs its metrics name must exist, and the SLOs must be the team's own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workbench.domain.charter.model import Charter, CharterError
from workbench.domain.names import lookup_key


def _known(names: Sequence[str]) -> dict[str, str]:
    return {lookup_key(n): n for n in names}


def check_charter(charter: Charter, *, teams: Sequence[str],
                  team_slos: Mapping[str, Sequence[str]]) -> list[CharterError]:
    """Problems of ``charter`` in a workspace with ``teams`` and, per team, its SLOs (the SLOs
    of the services it owns). Empty: the charter can be saved."""
    found: list[CharterError] = []
    known = _known(teams)
    own = known.get(lookup_key(charter.team))
    if own is None:
        found.append(CharterError("team", f"{charter.team!r} is not a team of this workspace; "
                                  f"use one of: {', '.join(teams) or 'none yet'}"))
    for index, interaction in enumerate(charter.interactions):
        other = known.get(lookup_key(interaction.team))
        part = f"interactions[{index}].team"
        if other is None:
            found.append(CharterError(part, f"{interaction.team!r} is not a team of this "
                                      "workspace; add the team first or name another"))
        elif own is not None and other == own:
            found.append(CharterError(part, "names the charter's own team; name another team"))
    slos = _known(team_slos.get(own, ())) if own is not None else {}
    for index, metric in enumerate(charter.metrics):
        if metric.slo is None:
            continue
        if lookup_key(metric.slo) not in slos:
            choices = ", ".join(team_slos.get(own, ())) if own else ""
            found.append(CharterError(
                f"metrics[{index}].slo",
                f"{metric.slo!r} is not an SLO of {charter.team}; "
                + (f"use one of: {choices}" if choices else "the team has no SLOs yet")))
    return found


def canonical_names(charter: Charter, *, teams: Sequence[str],
                    team_slos: Mapping[str, Sequence[str]]) -> Charter:
    """The charter with team and SLO names spelled as stored (``checkout`` -> ``Checkout``);
    call after ``check_charter`` found nothing."""
    known = _known(teams)
    own = known.get(lookup_key(charter.team), charter.team)
    slos = _known(team_slos.get(own, ()))
    return charter.with_changes(
        team=own,
        interactions=tuple(i.__class__(team=known.get(lookup_key(i.team), i.team),
                                       purpose=i.purpose, how=i.how)
                           for i in charter.interactions),
        metrics=tuple(m.__class__(name=m.name, target=m.target,
                                  slo=slos.get(lookup_key(m.slo), m.slo) if m.slo else None)
                      for m in charter.metrics))
