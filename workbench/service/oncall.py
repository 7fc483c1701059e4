"""On-call setup agreements of a workspace: the list (with the teams that have none yet),
one agreement with everything shown beside it (recommendations, generated schedules,
fairness, missing parts), changes whole or by part, overrides and swaps of single turns,
the out-of-hours decision, the workspace's rules, and import.

Decisions:
- An agreement is named by its team everywhere (``ref`` is the team's name).
- ``new`` starts a draft with one undecided decision per service of the team and the book's
  sample priorities (table 9.2), severities with their roles (tables 9.13, 9.16), stakeholder
  rings (section 8.5) and postmortem criterion, for the team to adapt; rotations and the
  escalation policy are the team's to add.
- Saving the same content records nothing (the version the user opened is still checked).
- A swap exchanges who holds a role in two turns by two overrides, so it survives
  regeneration like any override.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from workbench.domain.names import lookup_key
from workbench.domain.oncall import (
    Agreement,
    OutOfHours,
    Override,
    Rules,
    agreement_values,
    read_agreement,
    read_rules,
    rules_values,
)
from workbench.domain.oncall.model import MAX_WEEKS
from workbench.domain.oncall.schedule import generate
from workbench.domain.oncall.starter import starter_agreement
from workbench.errors import NotFoundError, UsageError
from workbench.export.oncall_page import DEFAULT_WEEKS, OnCallPage, RotationPlan, plan
from workbench.service.whole_documents import DocumentImport, WholeDocuments, problems_error
from workbench.store import oncall_repo
from workbench.store.oncall_repo import StoredAgreement, StoredRules

KIND = "oncall"


@dataclass(frozen=True)
class OnCallView(OnCallPage):
    in_force: Agreement | None = None
    id: int = 0
    kind: str = KIND

    @property
    def ref(self) -> str:
        return self.agreement.team

    @property
    def team(self) -> str:
        return self.agreement.team

    @property
    def version(self) -> int:
        return self.state.version


@dataclass(frozen=True)
class OnCallList:
    as_of: date
    agreements: tuple[OnCallView, ...]
    without: tuple[str, ...]
    """Teams that have no on-call agreement yet."""
    rules: StoredRules

    def find(self, team: str) -> OnCallView | None:
        key = lookup_key(team)
        return next((v for v in self.agreements if lookup_key(v.team) == key), None)


OnCallImport = DocumentImport


class OnCallService(WholeDocuments):
    repo = oncall_repo
    stored_field = "agreement"
    kept = "team"
    topic = KIND
    values_of = staticmethod(agreement_values)
    read_values = staticmethod(read_agreement)

    def _canonical(self, session, workspace_id: int, document: Agreement) -> Agreement:
        return oncall_repo.canonical(session, workspace_id, document)

    def _as_of(self, as_of: date | None) -> date:
        return as_of or self.wb.today()

    def _view(self, session, workspace_id: int, stored: StoredAgreement, as_of: date,
              rules: Rules | None = None, targets=None, weeks: int = DEFAULT_WEEKS
              ) -> OnCallView:
        rules = rules or oncall_repo.load_rules(session, workspace_id).rules
        targets = targets if targets is not None else oncall_repo.service_targets(
            session, workspace_id)
        problems = tuple(oncall_repo.problems(session, workspace_id, stored.agreement))
        page = OnCallView.build(stored, as_of, rules=rules, targets=targets, weeks=weeks,
                                problems=problems)
        return replace(page, in_force=stored.in_force, id=stored.id)

    def overview(self, workspace_id: int, as_of: date | None = None) -> OnCallList:
        day = self._as_of(as_of)

        def load(session) -> OnCallList:
            rules = oncall_repo.load_rules(session, workspace_id)
            targets = oncall_repo.service_targets(session, workspace_id)
            views = tuple(self._view(session, workspace_id, s, day, rules.rules, targets)
                          for s in oncall_repo.list_agreements(session, workspace_id))
            return OnCallList(day, views, tuple(
                oncall_repo.teams_without_agreement(session, workspace_id)), rules)
        return self.wb.read(load)

    def view(self, workspace_id: int, team: str, as_of: date | None = None,
             weeks: int = DEFAULT_WEEKS) -> OnCallView:
        day = self._as_of(as_of)
        _check_weeks(weeks)
        return self.wb.read(lambda session: self._view(
            session, workspace_id, oncall_repo.load(session, workspace_id, team), day,
            weeks=weeks))

    def earlier_versions(self, workspace_id: int, team: str) -> list[Agreement]:
        """The team's agreement as each earlier revision saved it, oldest first (the
        calendar export raises SEQUENCE for the shifts they show changed)."""
        return self.wb.read(lambda session: oncall_repo.earlier_versions(
            session, workspace_id, oncall_repo.load(session, workspace_id, team)))

    def schedule(self, workspace_id: int, team: str, rotation: str, *,
                 since: date | None = None, weeks: int = DEFAULT_WEEKS) -> RotationPlan:
        """The generated schedule and fairness of one rotation for ``weeks`` from ``since``
        (default today)."""
        _check_weeks(weeks)

        def load(session) -> RotationPlan:
            stored = oncall_repo.load(session, workspace_id, team)
            rules = oncall_repo.load_rules(session, workspace_id).rules
            return plan(_rotation(stored.agreement, rotation), rules,
                        since or self.wb.today(), weeks)
        return self.wb.read(load)

    def new(self, workspace_id: int, team: str) -> OnCallView:
        def write(session) -> OnCallView:
            services = dict((lookup_key(t), s) for t, s in
                            oncall_repo.team_services(session, workspace_id).items())
            saved = oncall_repo.create(session, workspace_id, starter_agreement(
                team, services.get(lookup_key(team), ())))
            return self._after(session, workspace_id, saved.team)
        return self.wb.write(write)

    def decide(self, workspace_id: int, team: str, service: str, *,
               chosen: OutOfHours | None, reason: str, day: date | None = None,
               values: Mapping[str, Any] | None = None,
               expected_version: int | None = None) -> OnCallView:
        """Record the out-of-hours decision for ``service`` (added when new); ``values`` may
        set its ``target`` and ``demand`` too."""
        def change(current: Agreement) -> Agreement:
            found = agreement_values(current)
            decisions = found["decisions"]
            entry = next((d for d in decisions if lookup_key(d["service"]) ==
                          lookup_key(service)), None)
            if entry is None:
                entry = {"service": service}
                decisions.append(entry)
            entry.update(values or {})
            entry.update({"chosen": chosen.value if chosen else None, "reason": reason,
                          "decided": (day or self.wb.today()).isoformat() if chosen
                          else None})
            return self.read(found)
        return self._edit(workspace_id, team, change, f"decided out-of-hours for {service}",
                          expected_version)

    def override(self, workspace_id: int, team: str, rotation: str, day: date, role: str,
                 person: str | None, *, note: str = "",
                 expected_version: int | None = None) -> OnCallView:
        """``person`` takes ``role`` in the turn starting on ``day``; None removes the
        override of that turn and role."""
        def change(current: Agreement) -> Agreement:
            found = _rotation(current, rotation)
            kept = tuple(o for o in found.overrides if not (o.day == day and o.role == role))
            if person is None and len(kept) == len(found.overrides):
                raise NotFoundError(f"{found.name} has no override of {role} on {day}",
                                    topic=KIND)
            added = (Override(day, role, person, note),) if person else ()
            return _with_rotation(current, replace(found, overrides=kept + added))
        what = f"{person} takes {role} on {day}" if person else f"override of {day} removed"
        return self._edit(workspace_id, team, change, f"{rotation}: {what}", expected_version)

    def swap(self, workspace_id: int, team: str, rotation: str, first: date, second: date,
             role: str = "main", *, expected_version: int | None = None) -> OnCallView:
        """Exchange who holds ``role`` in the turns starting on ``first`` and ``second``."""
        def change(current: Agreement) -> Agreement:
            found = _rotation(current, rotation)
            # each day's own turn: a one-week schedule from that day starts with it
            held = {t.day: t.person(role) for day in (first, second)
                    for t in generate(found, since=day, weeks=1).turns[:1]}
            for day in (first, second):
                if day not in held:
                    raise UsageError(f"no turn of {found.name} starts on {day}; turns start "
                                     f"on the handover day", topic=KIND)
                if held[day] is None:
                    raise UsageError(f"nobody holds {role} on {day} in {found.name}",
                                     topic=KIND)
            kept = tuple(o for o in found.overrides
                         if not (o.day in (first, second) and o.role == role))
            added = (Override(first, role, held[second], f"swap with {second}"),
                     Override(second, role, held[first], f"swap with {first}"))
            return _with_rotation(current, replace(found, overrides=kept + added))
        return self._edit(workspace_id, team, change,
                          f"{rotation}: {role} of {first} and {second} swapped",
                          expected_version)

    # --- the workspace's rules ------------------------------------------------------------

    def rules(self, workspace_id: int) -> StoredRules:
        return self.wb.read(oncall_repo.load_rules, workspace_id)

    def set_rules(self, workspace_id: int, values: Mapping[str, Any], *,
                  expected_version: int | None = None) -> StoredRules:
        """Change some rules (plain values as ``rules_values`` writes them)."""
        def write(session) -> StoredRules:
            current = oncall_repo.load_rules(session, workspace_id)
            merged = rules_values(current.rules)
            merged.update(values)
            rules, problems = read_rules(merged)
            if problems:
                raise problems_error([str(p) for p in problems], KIND)
            return oncall_repo.save_rules(session, workspace_id, rules,
                                          expected_version=expected_version)
        return self.wb.write(write)


def _check_weeks(weeks: int) -> None:
    if not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(f"--weeks {weeks} is out of range; use 1 to {MAX_WEEKS}", topic=KIND)


def _rotation(agreement: Agreement, name: str):
    found = agreement.rotation(name)
    if found is None:
        names = ", ".join(r.name for r in agreement.rotations) or "none yet"
        raise NotFoundError(f"team {agreement.team} has no rotation named {name!r} "
                            f"(rotations: {names})", topic=KIND)
    return found


def _with_rotation(agreement: Agreement, rotation) -> Agreement:
    return agreement.with_changes(rotations=tuple(
        rotation if r.name == rotation.name else r for r in agreement.rotations))

