"""A new policy, or the name and scope of one: its name, title (when editing), team, and the
services and SLOs it covers, chosen from the workspace (``overview().choices``).

Decisions:
- Services and SLOs are ticked in lists, so a policy can only name what exists; what the
  policy holds comes first, ticked (a name the workspace no longer has too, so it is never
  dropped silently: the service reports it as a problem).
- Choosing a team ticks its services while none is ticked yet: the usual scope of a team's
  policy is the services it owns.
- No SLO ticked means every SLO of the ticked services (as the policy file says it).
- A new policy starts from the book's example conditions (``wb.policies.new``); the name is
  what every key, command and export calls it, the title what the wiki page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.widgets import Input, Select, SelectionList, Static

from workbench.domain.policy import Policy
from workbench.tui.dialogs.policy_form import PolicyPartDialog, Save, field_label


def _merged(known: Iterable[str], held: Iterable[str]) -> list[str]:
    """What the policy holds first (in its order, so it shows without scrolling), then the
    rest of the workspace's names."""
    found = list(dict.fromkeys(held))
    lower = {h.casefold() for h in found}
    return found + [k for k in dict.fromkeys(known) if k.casefold() not in lower]


class PolicyScopeDialog(PolicyPartDialog):
    """``choices``: the service's ``ScopeChoices`` (``slos`` {name: service}, ``services``,
    ``teams``, ``team_services``). ``policy`` None: a new policy, and ``values()`` gives
    ``name``, ``team``, ``services``, ``slos`` for ``wb.policies.new``; otherwise the plain
    values ``name``, ``title``, ``team`` and ``scope`` for ``change``."""

    DIALOG_ID = "pol-scope-dialog"
    FIELD_IDS: ClassVar[dict[str, str]] = {"services": "services", "slos": "slos"}

    def __init__(self, title: str, save: Save, *, choices: Any,
                 policy: Policy | None = None) -> None:
        super().__init__(title, save)
        self.choices = choices
        self.policy = policy
        held_services = policy.services if policy else ()
        held_slos = policy.slos if policy else ()
        self.service_names = _merged(getattr(choices, "services", ()), held_services)
        self.slo_services: Mapping[str, str | None] = dict(getattr(choices, "slos", {}))
        self.slo_names = _merged(self.slo_services, held_slos)
        self.teams = list(getattr(choices, "teams", ()))
        if policy is not None and policy.team and policy.team not in self.teams:
            self.teams.append(policy.team)

    def compose_fields(self) -> Iterable[Any]:
        policy = self.policy
        with Grid(classes="pol-form"):
            yield field_label("Name", "name")
            yield Input(policy.name if policy else "", id="name", compact=True,
                        placeholder="short, for keys and commands, e.g. checkout")
            if policy is not None:
                yield field_label("Title", "title")
                yield Input(policy.title, id="title", compact=True,
                            placeholder="for the wiki page, e.g. Checkout error budget policy")
            yield field_label("Team", "team")
            team = policy.team if policy and policy.team in self.teams else Select.NULL
            yield Select([(Text(t), t) for t in self.teams], prompt="(no team)", value=team,
                         id="team", compact=True)
            yield field_label("Services", "services")
            held = {s.casefold() for s in (policy.services if policy else ())}
            yield SelectionList[str](
                *[(Text(s), s, s.casefold() in held) for s in self.service_names],
                id="services", compact=True, classes="pol-choices")
            yield field_label("SLOs", "slos")
            held = {s.casefold() for s in (policy.slos if policy else ())}
            yield SelectionList[str](
                *[(self._slo_prompt(s), s, s.casefold() in held) for s in self.slo_names],
                id="slos", compact=True, classes="pol-choices")
        yield Static("Space ticks a service or an SLO. No SLO ticked: every SLO of the "
                     "ticked services.", classes="dialog-hint", markup=False)

    def _slo_prompt(self, name: str) -> Text:
        service = self.slo_services.get(name)
        text = Text(name)
        if service:
            text.append(f" ({service})")
        elif name not in self.slo_services:
            text.append(" (not in this workspace)")
        return text

    @on(Select.Changed, "#team")
    def _team_chosen(self, event: Select.Changed) -> None:
        services = self.query_one("#services", SelectionList)
        if event.value is Select.NULL or services.selected:
            return
        owned: Sequence[str] = getattr(self.choices, "team_services", {}).get(event.value, ())
        ticked = [name for name in owned if name in self.service_names]
        for name in ticked:
            services.select(name)
        if ticked:  # show the first one ticked (the list may be longer than its box)
            services.highlighted = self.service_names.index(ticked[0])

    def values(self) -> dict[str, Any]:
        team = self.query_one("#team", Select).value
        team_name = None if team is Select.NULL else str(team)
        # in the lists' order, not the order they were ticked in
        ticked = set(self.query_one("#services", SelectionList).selected)
        services = [s for s in self.service_names if s in ticked]
        ticked = set(self.query_one("#slos", SelectionList).selected)
        slos = [s for s in self.slo_names if s in ticked]
        name = self.query_one("#name", Input).value
        if self.policy is None:
            return {"name": name, "team": team_name, "services": services, "slos": slos}
        return {"name": name, "title": self.query_one("#title", Input).value,
                "team": team_name, "scope": {"services": services, "slos": slos}}
