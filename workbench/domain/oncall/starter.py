"""A new agreement's starting content: one open decision per service of the team and the
book's samples, for the team to adapt: priorities (table 9.2), severities with the roles each
needs (tables 9.13 and 9.16), stakeholder rings (section 8.5) and a postmortem criterion."""

from __future__ import annotations

from workbench.domain.oncall.model import Agreement, Decision, Priority, Ring, Severity


def starter_agreement(team: str, services: tuple[str, ...]) -> Agreement:
    """A draft to adapt: one open decision per service and the book's samples."""
    return Agreement(
        team=team, decisions=tuple(Decision(service=s) for s in services),
        rings=(Ring(1, ("product management",)), Ring(2, ("delivery leadership",)),
               Ring(3, ("marketing", "sales")), Ring(4, ("partners", "customers"))),
        priorities=(
            Priority("P1", criteria="Users cannot use the product at all",
                     response="Hotfix now; postmortem afterwards", hotfix=True,
                     postmortem=True, management=True, update_hours=2, rings=(1, 2)),
            Priority("P2", criteria="A large share of users is affected",
                     response="Fix in the next release", management=True, update_hours=4,
                     rings=(1,)),
            Priority("P3", criteria="A few users or a non-production use is affected",
                     response="Plan the fix", update_hours=6, rings=(1,))),
        severities=(
            Severity("critical", "Most users affected; more than two teams needed",
                     ("incident commander", "communications lead", "operations lead")),
            Severity("error", "About half the users affected; two teams needed",
                     ("incident commander", "operations lead")),
            Severity("warning", "A minority of users affected; one team can resolve it",
                     ("operations lead",))),
        postmortem=("every P1 incident",))
