"""The team charter as typed values: mission, responsibilities, scope in and out, success
metrics, interactions with other teams, communication protocols and review cadence.

Decisions:
- A charter belongs to one team (one charter per team); its name is the team's.
- A success metric is a sentence with an optional target; it may name an SLO of the team,
  whose current figures the export then shows next to it. The SLO is named, not copied, so
  the figures are always today's.
- Interactions name another team of the workspace (checked in ``check_charter``), what the
  two teams work on together and how.
- Communication is channels (where, what for), meetings (which, how often, who) and the
  escalation path as ordered steps.
- Cadences are a fixed list, so a next review date can be proposed from the last one.
- Required to agree (``missing_parts``): mission, at least one responsibility, one scope-in
  item and one success metric, the review cadence and the next review date. The other parts
  are optional: a first charter can be agreed and grown later.
- Who must agree defaults to the team and its management; a charter may name others.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from workbench.domain.lifecycle import Party
from workbench.domain.plain_values import (
    MissingPart,
    PartError,
    PartProblems,
    ValueReader,
    party_values,
    read_date,
    read_parties,
)

MAX_NAME = 60
MAX_MISSION = 1000
MAX_ITEM = 300
MAX_ITEMS = 30
MAX_NOTE = 500


class CharterError(PartError):
    """One problem in a charter: ``part`` names where (``metrics[1].slo``)."""


class Cadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"
    AS_NEEDED = "as-needed"

    @property
    def title(self) -> str:
        return CADENCE_TITLES[self]


CADENCE_TITLES = {
    Cadence.DAILY: "daily", Cadence.WEEKLY: "weekly", Cadence.FORTNIGHTLY: "every two weeks",
    Cadence.MONTHLY: "monthly", Cadence.QUARTERLY: "quarterly",
    Cadence.HALF_YEARLY: "every six months", Cadence.YEARLY: "yearly",
    Cadence.AS_NEEDED: "as needed",
}
# A charter is reviewed at most monthly: a shorter cadence is a meeting, not a review.
REVIEW_CADENCES = (Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.HALF_YEARLY, Cadence.YEARLY)
_MONTHS = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.HALF_YEARLY: 6,
           Cadence.YEARLY: 12}
_DAYS = {Cadence.DAILY: 1, Cadence.WEEKLY: 7, Cadence.FORTNIGHTLY: 14}

DEFAULT_CHARTER_PARTIES = (Party("team"), Party("management"))

# The parts in the order the charter shows them (editor, export, missing parts).
PARTS = ("mission", "responsibilities", "scope", "metrics", "interactions",
         "communication", "review")
PART_TITLES = {
    "mission": "Mission", "responsibilities": "Responsibilities", "scope": "Scope",
    "metrics": "Success metrics", "interactions": "Interactions with other teams",
    "communication": "Communication", "review": "Review",
}


@dataclass(frozen=True)
class Metric:
    name: str
    target: str = ""
    """The level aimed at, in the team's words ("< 5 minutes")."""
    slo: str | None = None
    """An SLO of the team whose current figures are shown with the metric."""


@dataclass(frozen=True)
class Interaction:
    team: str
    purpose: str
    """What the two teams work on together."""
    how: str = ""
    """How they do it: a meeting, a channel, a ticket queue."""


@dataclass(frozen=True)
class Channel:
    name: str
    purpose: str = ""


@dataclass(frozen=True)
class Meeting:
    name: str
    cadence: Cadence
    attendees: str = ""


@dataclass(frozen=True)
class Charter:
    team: str
    mission: str = ""
    responsibilities: tuple[str, ...] = ()
    scope_in: tuple[str, ...] = ()
    scope_out: tuple[str, ...] = ()
    metrics: tuple[Metric, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    channels: tuple[Channel, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    escalation: tuple[str, ...] = ()
    """The escalation path, first step first."""
    review_cadence: Cadence | None = None
    next_review: date | None = None
    parties: tuple[Party, ...] = ()
    """Who must agree; empty: the defaults (``required_parties``)."""
    uid: str = ""
    version: int = 0

    @property
    def name(self) -> str:
        return self.team

    def required_parties(self) -> tuple[Party, ...]:
        return self.parties or DEFAULT_CHARTER_PARTIES

    def with_changes(self, **changes: Any) -> Charter:
        return replace(self, **changes)


def missing_parts(charter: Charter) -> tuple[MissingPart, ...]:
    """The required parts not written yet, in the charter's order."""
    found: list[MissingPart] = []
    if not charter.mission.strip():
        found.append(MissingPart("mission", "say what the team exists to achieve"))
    if not charter.responsibilities:
        found.append(MissingPart("responsibilities", "list at least one responsibility"))
    if not charter.scope_in:
        found.append(MissingPart("scope.in", "name at least one thing in scope"))
    if not charter.metrics:
        found.append(MissingPart("metrics", "add at least one success metric"))
    if charter.review_cadence is None:
        found.append(MissingPart("review.cadence", "choose how often the charter is reviewed"))
    if charter.next_review is None:
        found.append(MissingPart("review.next", "set the next review date"))
    return tuple(found)


def add_cadence(day: date, cadence: Cadence) -> date | None:
    """``day`` plus one ``cadence`` (month ends clamp: 31 Jan + 1 month = 28 or 29 Feb);
    None for "as needed"."""
    if cadence in _DAYS:
        return day + timedelta(days=_DAYS[cadence])
    months = _MONTHS.get(cadence)
    if months is None:
        return None
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due(charter: Charter, today: date) -> bool:
    """Whether the next review date has come (today included)."""
    return charter.next_review is not None and charter.next_review <= today


# --- reading plain values ----------------------------------------------------------------

CHARTER_KEYS = ("team", "mission", "responsibilities", "scope", "metrics", "interactions",
                "communication", "review", "parties", "uid")
SCOPE_KEYS = ("in", "out")
METRIC_KEYS = ("name", "target", "slo")
INTERACTION_KEYS = ("team", "purpose", "how")
COMMUNICATION_KEYS = ("channels", "meetings", "escalation")
CHANNEL_KEYS = ("name", "purpose")
MEETING_KEYS = ("name", "cadence", "attendees")
REVIEW_KEYS = ("cadence", "next")


class CharterProblems(PartProblems):
    """Every problem of a charter's values."""


def make_charter(values: Mapping[str, Any]) -> Charter:
    """A charter from plain values; raises ``CharterProblems`` listing every problem."""
    charter, problems = read_charter(values)
    if problems:
        raise CharterProblems(problems)
    return charter


def read_charter(values: Mapping[str, Any]) -> tuple[Charter, list[PartError]]:
    """The charter read from plain values and the problems found (the charter holds what
    could be read, so an editor can show it)."""
    r = ValueReader(CharterError)
    values = r.mapping(values, "")
    r.unknown(values, CHARTER_KEYS, "")
    team = r.text(values, "team", "team", MAX_NAME, required=True)
    mission = r.text(values, "mission", "mission", MAX_MISSION, multiline=True)
    responsibilities = r.texts(values, "responsibilities", "responsibilities", MAX_ITEM,
                               MAX_ITEMS)
    scope = r.mapping(values.get("scope"), "scope")
    r.unknown(scope, SCOPE_KEYS, "scope")
    scope_in = r.texts(scope, "in", "scope.in", MAX_ITEM, MAX_ITEMS)
    scope_out = r.texts(scope, "out", "scope.out", MAX_ITEM, MAX_ITEMS)
    metrics = tuple(
        Metric(name=r.text(m, "name", f"{w}.name", MAX_ITEM, required=True),
               target=r.text(m, "target", f"{w}.target", MAX_NAME),
               slo=r.text(m, "slo", f"{w}.slo", MAX_NAME) or None)
        for w, m in r.records(values, "metrics", "metrics", METRIC_KEYS, "name", MAX_ITEMS))
    interactions = tuple(
        Interaction(team=r.text(m, "team", f"{w}.team", MAX_NAME, required=True),
                    purpose=r.text(m, "purpose", f"{w}.purpose", MAX_ITEM, required=True),
                    how=r.text(m, "how", f"{w}.how", MAX_ITEM))
        for w, m in r.records(values, "interactions", "interactions", INTERACTION_KEYS,
                              "team", MAX_ITEMS))
    communication = r.mapping(values.get("communication"), "communication")
    r.unknown(communication, COMMUNICATION_KEYS, "communication")
    channels = tuple(
        Channel(name=r.text(m, "name", f"{w}.name", MAX_NAME, required=True),
                purpose=r.text(m, "purpose", f"{w}.purpose", MAX_ITEM))
        for w, m in r.records(communication, "channels", "communication.channels",
                              CHANNEL_KEYS, "name", MAX_ITEMS))
    meetings = tuple(
        Meeting(name=r.text(m, "name", f"{w}.name", MAX_NAME, required=True),
                cadence=r.choice(m, "cadence", f"{w}.cadence", Cadence, Cadence.AS_NEEDED),
                attendees=r.text(m, "attendees", f"{w}.attendees", MAX_ITEM))
        for w, m in r.records(communication, "meetings", "communication.meetings",
                              MEETING_KEYS, "name", MAX_ITEMS))
    escalation = r.texts(communication, "escalation", "communication.escalation", MAX_ITEM,
                         MAX_ITEMS)
    review = r.mapping(values.get("review"), "review")
    r.unknown(review, REVIEW_KEYS, "review")
    cadence = None
    if review.get("cadence") not in (None, ""):
        cadence = r.choice(review, "cadence", "review.cadence", Cadence)
        if cadence is not None and cadence not in REVIEW_CADENCES:
            r.fail("review.cadence", f"{cadence.value} is too often or not a cadence for a "
                   f"review; use one of: {', '.join(c.value for c in REVIEW_CADENCES)}")
            cadence = None
    next_review = read_date(r, review.get("next"), "review.next")
    parties = read_parties(r, values)
    charter = Charter(
        team=team, mission=mission, responsibilities=responsibilities, scope_in=scope_in,
        scope_out=scope_out, metrics=metrics, interactions=interactions, channels=channels,
        meetings=meetings, escalation=escalation, review_cadence=cadence,
        next_review=next_review, parties=parties, uid=r.text(values, "uid", "uid", 40))
    return charter, r.problems


def charter_values(charter: Charter) -> dict[str, Any]:
    """The charter as plain values in the order of the YAML document (``read_charter``
    reads them back to an equal charter). Empty optional parts are left out."""
    values: dict[str, Any] = {"team": charter.team}
    if charter.uid:
        values["uid"] = charter.uid
    values["mission"] = charter.mission
    values["responsibilities"] = list(charter.responsibilities)
    values["scope"] = {"in": list(charter.scope_in), "out": list(charter.scope_out)}
    values["metrics"] = [_drop_empty({"name": m.name, "target": m.target, "slo": m.slo})
                         for m in charter.metrics]
    values["interactions"] = [_drop_empty({"team": i.team, "purpose": i.purpose,
                                           "how": i.how}) for i in charter.interactions]
    values["communication"] = {
        "channels": [_drop_empty({"name": c.name, "purpose": c.purpose})
                     for c in charter.channels],
        "meetings": [_drop_empty({"name": m.name, "cadence": m.cadence.value,
                                  "attendees": m.attendees}) for m in charter.meetings],
        "escalation": list(charter.escalation),
    }
    values["review"] = _drop_empty({
        "cadence": charter.review_cadence.value if charter.review_cadence else None,
        "next": charter.next_review.isoformat() if charter.next_review else None})
    if charter.parties:
        values["parties"] = party_values(charter.parties)
    return values


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "")}
