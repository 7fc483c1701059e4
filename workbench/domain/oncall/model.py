"""The on-call setup agreement as typed values: the out-of-hours decision per service, the
rotations, escalation policies, stakeholder rings, incident priorities and severities, the
postmortem criteria, and the compensation and working-time notes.

Decisions:
- One agreement per team, named by the team (like its charter). It is agreed by operations,
  development and the product owner by default (the book: the on-call setup is their
  agreement, ch. 8.2).
- A rotation is its rules (members in order, shape, coverage, turn length, handover, time
  zone, start) plus per-person unavailability and overrides; the schedule is generated from
  them (``schedule.generate``), so overrides survive every regeneration. An override names
  the turn by the local date it starts on.
- Roles in a turn are ``main``, ``backup`` and ``backup-2``; the shape says which exist.
- Coverage presets are daily windows in the rotation's own time zone; ``custom`` lists them.
- Escalation levels page a rotation's role, a person or a named role (an engineering
  manager, the whole team), each after a delay; the policy repeats ``repeats`` times.
- Priorities are at most five (the book's table 9.2 has three), each with the stakeholder
  rings to inform by number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import Any

from workbench.domain.lifecycle import Party

MAX_NAME = 60
MAX_TEXT = 300
MAX_NOTE = 1000
MAX_MEMBERS = 30
MAX_ITEMS = 30
MAX_PRIORITIES = 5
MAX_TURN_DAYS = 28
MAX_DELAY_MINUTES = 24 * 60
MAX_REPEATS = 9
MAX_WEEKS = 104

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_TITLES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                  "Sunday")


class OnCallError(ValueError):
    pass


class Shape(StrEnum):
    FIXED = "fixed"
    """One person, always the same (the book's table 7.3)."""
    ROTATING = "rotating"
    """One person, the next member each turn (table 7.4)."""
    MAIN_BACKUP = "main-backup"
    """A main and a backup person each turn (table 7.5)."""
    MAIN_TWO_BACKUPS = "main-two-backups"
    """A main and two backups each turn (table 7.6)."""

    @property
    def roles(self) -> tuple[str, ...]:
        return SHAPE_ROLES[self]

    @property
    def title(self) -> str:
        return SHAPE_TITLES[self]


SHAPE_ROLES = {
    Shape.FIXED: ("main",), Shape.ROTATING: ("main",), Shape.MAIN_BACKUP: ("main", "backup"),
    Shape.MAIN_TWO_BACKUPS: ("main", "backup", "backup-2"),
}
SHAPE_TITLES = {
    Shape.FIXED: "one fixed person", Shape.ROTATING: "one rotating person",
    Shape.MAIN_BACKUP: "main + backup", Shape.MAIN_TWO_BACKUPS: "main + two backups",
}
ROLES = ("main", "backup", "backup-2")
ROLE_TITLES = {"main": "main", "backup": "backup", "backup-2": "backup 2"}


class Coverage(StrEnum):
    H8X5 = "8x5"
    H12X5 = "12x5"
    H18X5 = "18x5"
    H24X7 = "24x7"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Window:
    """On call on ``days`` (0 = Monday) from ``start`` to ``end`` local time; ``end`` None
    means midnight at the end of the day."""

    days: tuple[int, ...]
    start: time
    end: time | None = None

    @property
    def minutes(self) -> int:
        end = 24 * 60 if self.end is None else self.end.hour * 60 + self.end.minute
        return end - (self.start.hour * 60 + self.start.minute)


_WEEK = (0, 1, 2, 3, 4)
COVERAGE_WINDOWS: dict[Coverage, tuple[Window, ...]] = {
    Coverage.H8X5: (Window(_WEEK, time(9, 0), time(17, 0)),),
    Coverage.H12X5: (Window(_WEEK, time(8, 0), time(20, 0)),),
    Coverage.H18X5: (Window(_WEEK, time(6, 0), None),),
    Coverage.H24X7: (Window((0, 1, 2, 3, 4, 5, 6), time(0, 0), None),),
}


class Demand(StrEnum):
    """How often the product owner wants the product deployed (the book's product demand)."""

    SEVERAL_A_DAY = "several-a-day"
    DAILY = "daily"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    @property
    def rank(self) -> int:
        """Higher is more demand."""
        return len(DEMANDS) - DEMANDS.index(self)


DEMANDS = tuple(Demand)


class OutOfHours(StrEnum):
    NONE = "none"
    """No on-call outside business hours."""
    DOMAIN = "domain"
    """One out-of-hours rotation for all products of a domain."""
    TEAM = "team"
    """An out-of-hours rotation per development team."""

    @property
    def title(self) -> str:
        return OUT_OF_HOURS_TITLES[self]


OUT_OF_HOURS_TITLES = {
    OutOfHours.NONE: "no out-of-hours on-call",
    OutOfHours.DOMAIN: "a rotation per domain",
    OutOfHours.TEAM: "a rotation per development team",
}


class LevelKind(StrEnum):
    ROTATION = "rotation"
    PERSON = "person"
    ROLE = "role"


@dataclass(frozen=True)
class Rules:
    """The workspace's thresholds for the out-of-hours decision and the fairness checks."""

    low_target: Decimal = Decimal("99.5")
    """Below this availability target (percent): no out-of-hours on-call."""
    high_target: Decimal = Decimal("99.9")
    """From this target: a rotation per team when demand is high; between the two: domain."""
    high_demand: Demand = Demand.DAILY
    """Deploying at least this often is high product demand."""
    max_share: int = 30
    """Percent of the covered time one person may be on call before a warning (at most 50)."""
    min_people_per_role: int = 3
    """For 24x7 coverage, people needed per role of the shape to give everyone rest (3: six
    for main + backup)."""
    business_start: time = time(9, 0)
    business_end: time = time(17, 0)
    """Weekdays between these hours are business hours; the rest is out of hours."""


MAX_SHARE_CAP = 50


@dataclass(frozen=True)
class Decision:
    """The out-of-hours decision for one service (or product)."""

    service: str
    target: Decimal | None = None
    """Availability target in percent; None: taken from the service's strictest SLO."""
    demand: Demand | None = None
    chosen: OutOfHours | None = None
    """The coach's and team's decision; None while undecided."""
    reason: str = ""
    decided: date | None = None


@dataclass(frozen=True)
class Unavailable:
    person: str
    start: date
    end: date
    """Inclusive."""
    note: str = ""


@dataclass(frozen=True)
class Override:
    """``person`` takes ``role`` in the turn that starts on ``day`` (local date)."""

    day: date
    role: str
    person: str
    note: str = ""


@dataclass(frozen=True)
class Rotation:
    name: str
    members: tuple[str, ...] = ()
    shape: Shape = Shape.ROTATING
    coverage: Coverage = Coverage.H8X5
    windows: tuple[Window, ...] = ()
    """Only for ``custom`` coverage."""
    turn_days: int = 7
    handover_day: int = 0
    """0 = Monday."""
    handover_time: time = time(9, 0)
    zone: str = "UTC"
    start: date | None = None
    unavailable: tuple[Unavailable, ...] = ()
    overrides: tuple[Override, ...] = ()

    def coverage_windows(self) -> tuple[Window, ...]:
        return self.windows if self.coverage is Coverage.CUSTOM else \
            COVERAGE_WINDOWS[self.coverage]

    @property
    def roles(self) -> tuple[str, ...]:
        return self.shape.roles

    def with_changes(self, **changes: Any) -> Rotation:
        return replace(self, **changes)


@dataclass(frozen=True)
class Level:
    kind: LevelKind
    name: str
    """The rotation's, person's or role's name."""
    role: str = "main"
    """For a rotation: which of its roles is paged."""
    person: str = ""
    """For a role: who holds it (a paging tool pages people or schedules)."""
    delay: int = 30
    """Minutes without an acknowledgement before the next level is paged."""


@dataclass(frozen=True)
class Escalation:
    name: str
    levels: tuple[Level, ...] = ()
    repeats: int = 0
    """How many times the whole chain runs again when nobody acknowledged."""


@dataclass(frozen=True)
class Ring:
    number: int
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Priority:
    name: str
    criteria: str = ""
    response: str = ""
    """What response is expected (acknowledge within 15 minutes, hotfix)."""
    hotfix: bool = False
    postmortem: bool = False
    management: bool = False
    """Whether management is notified."""
    update_hours: int | None = None
    """Status updates to stakeholders every so many hours."""
    rings: tuple[int, ...] = ()
    example: str = ""


@dataclass(frozen=True)
class Severity:
    name: str
    criteria: str = ""
    roles: tuple[str, ...] = ()
    """Incident roles required (incident commander, communications lead, operations lead)."""


INCIDENT_ROLES = ("incident commander", "communications lead", "operations lead")

DEFAULT_ONCALL_PARTIES = (Party("operations"), Party("development"), Party("product owner"))

PARTS = ("decisions", "rotations", "escalations", "rings", "priorities", "severities",
         "postmortem", "notes")
PART_TITLES = {
    "decisions": "Out-of-hours decision", "rotations": "Rotations",
    "escalations": "Escalation", "rings": "Stakeholder rings",
    "priorities": "Incident priorities", "severities": "Incident severities",
    "postmortem": "Postmortems", "notes": "Compensation and working time",
}


@dataclass(frozen=True)
class Agreement:
    team: str
    decisions: tuple[Decision, ...] = ()
    rotations: tuple[Rotation, ...] = ()
    escalations: tuple[Escalation, ...] = ()
    rings: tuple[Ring, ...] = ()
    priorities: tuple[Priority, ...] = ()
    severities: tuple[Severity, ...] = ()
    postmortem: tuple[str, ...] = ()
    """The criteria that require a postmortem."""
    compensation: str = ""
    working_time: str = ""
    parties: tuple[Party, ...] = ()
    uid: str = ""
    version: int = 0

    @property
    def name(self) -> str:
        return self.team

    def required_parties(self) -> tuple[Party, ...]:
        return self.parties or DEFAULT_ONCALL_PARTIES

    def rotation(self, name: str) -> Rotation | None:
        key = " ".join(name.split()).casefold()
        return next((r for r in self.rotations if r.name.casefold() == key), None)

    def with_changes(self, **changes: Any) -> Agreement:
        return replace(self, **changes)
