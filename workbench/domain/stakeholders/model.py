"""The stakeholder chart: who matters to the transformation, how much formal power they hold
and how interested they are in SRE, and everything a coach keeps beside that.

Decisions:
- The quadrant is derived from formal power and interest only, every time it is needed; it
  is never stored, imported or edited. Stance, informal influence and funnel stage are kept
  beside it and never move a person to another quadrant.
- Names are unique on a chart without regard to case or spacing ("Asha  Rao" = "asha rao"),
  because people are found, compared between revisions and exported by name.
- Every person has a ``uid`` that survives renames, so comparing two revisions reports a
  renamed person as renamed rather than as one leaving and another joining.
- Every text field has a bound; a value that breaks one is refused with the field named, so
  the importer can point at the line and key.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from workbench.domain.formats import parse_iso_date
from workbench.domain.names import lookup_key

MAX_NAME = 80
MAX_ROLE = 80
MAX_OWNER = 80
MAX_ACTION = 200
MAX_NOTES = 2000
MAX_CONTACT = 200
MAX_STAKEHOLDERS = 500


class Level(StrEnum):
    HIGH = "high"
    LOW = "low"

    @property
    def flipped(self) -> Level:
        return Level.LOW if self is Level.HIGH else Level.HIGH


class Group(StrEnum):
    DEVELOPMENT = "development"
    OPERATIONS = "operations"
    PRODUCT = "product"
    EXECUTIVE = "executive"
    OTHER = "other"


class Stance(StrEnum):
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    DETRACTOR = "detractor"


class Stage(StrEnum):
    """The buy-in funnel, in order (the book's chapter 5, ending with readiness to engage)."""

    AWARENESS = "awareness"
    INTEREST = "interest"
    UNDERSTANDING = "understanding"
    AGREEMENT = "agreement"
    ENGAGEMENT = "engagement"

    @property
    def rank(self) -> int:
        return list(Stage).index(self)


class Quadrant(StrEnum):
    KEEP_SATISFIED = "keep-satisfied"
    ENGAGE_FULLY = "engage-fully"
    MONITOR = "monitor"
    KEEP_INFORMED = "keep-informed"

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def power(self) -> Level:
        return Level.HIGH if self in (Quadrant.KEEP_SATISFIED, Quadrant.ENGAGE_FULLY) \
            else Level.LOW

    @property
    def interest(self) -> Level:
        return Level.HIGH if self in (Quadrant.ENGAGE_FULLY, Quadrant.KEEP_INFORMED) \
            else Level.LOW


_TITLES = {
    Quadrant.KEEP_SATISFIED: "Keep satisfied",
    Quadrant.ENGAGE_FULLY: "Engage fully",
    Quadrant.MONITOR: "Monitor",
    Quadrant.KEEP_INFORMED: "Keep informed",
}

# Grid order as drawn: high power on top, high interest on the right (table 5.2 of the book).
GRID: tuple[tuple[Quadrant, Quadrant], tuple[Quadrant, Quadrant]] = (
    (Quadrant.KEEP_SATISFIED, Quadrant.ENGAGE_FULLY),
    (Quadrant.MONITOR, Quadrant.KEEP_INFORMED),
)


def quadrant_of(power: Level | str, interest: Level | str) -> Quadrant:
    """Formal power and interest in SRE -> the quadrant (the only input it depends on)."""
    high_power = Level(power) is Level.HIGH
    high_interest = Level(interest) is Level.HIGH
    if high_power:
        return Quadrant.ENGAGE_FULLY if high_interest else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if high_interest else Quadrant.MONITOR


class StakeholderError(ValueError):
    """One field of one stakeholder (or of the plan) is wrong; ``field`` names it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Stakeholder:
    name: str
    power: Level
    interest: Level
    role: str = ""
    group: Group = Group.OTHER
    stance: Stance | None = None
    influence: Level | None = None
    """Informal influence, beside the formal power."""
    stage: Stage | None = None
    owner: str = ""
    """The coach who owns the relationship."""
    last_contact: date | None = None
    next_action: str = ""
    next_action_due: date | None = None
    notes: str = ""
    uid: str = ""

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.power, self.interest)

    @property
    def key(self) -> str:
        return lookup_key(self.name)

    def flipped(self, axis: str) -> Stakeholder:
        """The same person with formal power (``power``) or interest (``interest``) flipped."""
        if axis == "power":
            return replace(self, power=self.power.flipped)
        if axis == "interest":
            return replace(self, interest=self.interest.flipped)
        raise StakeholderError("axis", f"{axis!r} is not an axis; use power or interest")


# --- reading user input ---------------------------------------------------------------------

FIELDS: tuple[str, ...] = (
    "name", "role", "group", "power", "interest", "stance", "influence", "stage", "owner",
    "last_contact", "next_action", "next_action_due", "notes", "uid",
)


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _text(raw: Any, name: str, limit: int, *, required: bool = False,
          multiline: bool = False) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise StakeholderError(name, f"is {type(raw).__name__}, not text (write it as text)")
    allowed = "\t\n\r"  # folded into spaces (or kept as line breaks in notes)
    for ch in raw:
        category = unicodedata.category(ch)
        # Bidirectional overrides can make an exported name read as something else; other
        # format characters (zero-width joiners) are needed to write some scripts.
        if category == "Cs" or (category == "Cc" and ch not in allowed) or ch in _BIDI:
            raise StakeholderError(name, f"contains an invisible control character "
                                   f"(U+{ord(ch):04X}); delete it")
    if multiline:
        lines = [" ".join(line.split()) for line in raw.strip().splitlines()]
        text = "\n".join(lines).strip()
    else:
        text = " ".join(raw.split())
    if required and not text:
        raise StakeholderError(name, "is empty (write it out)")
    if len(text) > limit:
        raise StakeholderError(name, f"is {len(text)} characters long (use at most {limit})")
    return text


def _choice(raw: Any, name: str, enum: type[StrEnum], *, required: bool = False) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise StakeholderError(name, f"is missing (use one of: {_choices(enum)})")
        return None
    if isinstance(raw, bool) or not isinstance(raw, str):
        raise StakeholderError(name, f"is {raw!r} (use one of: {_choices(enum)})")
    member = _member(enum, raw)
    if member is not None:
        return member
    raise StakeholderError(name, f"{raw.strip()!r} is not allowed (use one of: "
                           f"{_choices(enum)})")


def choice_key(text: str) -> str:
    """How a typed choice is matched: case, spaces, ``_`` and ``-`` do not matter
    ("Keep_Satisfied" = "keep satisfied" = "keep-satisfied")."""
    return "-".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def _member(enum: type[StrEnum], text: str) -> Any:
    wanted = choice_key(text)
    return next((m for m in enum if m.value == wanted), None)


def find_quadrant(text: str) -> Quadrant | None:
    """The quadrant ``text`` names (see ``choice_key``), or None."""
    return _member(Quadrant, text)


def _choices(enum: type[StrEnum]) -> str:
    return ", ".join(m.value for m in enum)


def _day(raw: Any, name: str) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        raise StakeholderError(name, f"is a date and time ({raw.isoformat()}); use the day "
                               "alone, YYYY-MM-DD")
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise StakeholderError(name, f"is {raw!r}, not a date (use YYYY-MM-DD)")
    try:
        return parse_iso_date(raw)
    except ValueError as exc:
        raise StakeholderError(name, str(exc)) from None


def _uid(raw: Any) -> str:
    if raw is None or raw == "":
        return uuid.uuid4().hex[:12]
    text = raw if isinstance(raw, str) else ""
    if not (1 <= len(text) <= 40 and all(ch.isascii() and (ch.isalnum() or ch in "-_")
                                           for ch in text)):
        raise StakeholderError("uid", f"{raw!r} is not an id (use up to 40 letters, digits, "
                               "'-' or '_'; or leave it out)")
    return text


def make_stakeholder(values: Mapping[str, Any]) -> Stakeholder:
    """A stakeholder from plain values (typed, imported or loaded); raises
    ``StakeholderError`` naming the first field that is wrong. Unknown keys are refused."""
    problems = stakeholder_problems(values)
    if problems:
        raise problems[0]
    return _build(values)


def stakeholder_problems(values: Mapping[str, Any]) -> list[StakeholderError]:
    """Every problem of one stakeholder's values, one per field, in field order."""
    problems: list[StakeholderError] = []
    for key in values:
        if key not in FIELDS:
            problems.append(StakeholderError(
                str(key), f"is not a field of a stakeholder (use: {', '.join(FIELDS)})"))
    for name in FIELDS:
        try:
            _one(values, name)
        except StakeholderError as exc:
            problems.append(exc)
    return problems


def _one(values: Mapping[str, Any], name: str) -> Any:
    raw = values.get(name)
    match name:
        case "name":
            return _text(raw, name, MAX_NAME, required=True)
        case "role":
            return _text(raw, name, MAX_ROLE)
        case "owner":
            return _text(raw, name, MAX_OWNER)
        case "next_action":
            return _text(raw, name, MAX_ACTION)
        case "notes":
            return _text(raw, name, MAX_NOTES, multiline=True)
        case "group":
            return _choice(raw, name, Group) or Group.OTHER
        case "power" | "interest":
            return _choice(raw, name, Level, required=True)
        case "influence":
            return _choice(raw, name, Level)
        case "stance":
            return _choice(raw, name, Stance)
        case "stage":
            return _choice(raw, name, Stage)
        case "last_contact" | "next_action_due":
            return _day(raw, name)
        case "uid":
            return _uid(raw)
    raise AssertionError(name)


def _build(values: Mapping[str, Any]) -> Stakeholder:
    return Stakeholder(**{name: _one(values, name) for name in FIELDS})


def stakeholder_values(person: Stakeholder) -> dict[str, Any]:
    """The plain values of a stakeholder (the inverse of ``make_stakeholder``): dates as
    ``YYYY-MM-DD``, choices as their names, unset optional fields as None or ""."""
    return {
        "name": person.name, "role": person.role, "group": person.group.value,
        "power": person.power.value, "interest": person.interest.value,
        "stance": person.stance.value if person.stance else None,
        "influence": person.influence.value if person.influence else None,
        "stage": person.stage.value if person.stage else None,
        "owner": person.owner,
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
        "next_action": person.next_action,
        "next_action_due": person.next_action_due.isoformat() if person.next_action_due
        else None,
        "notes": person.notes, "uid": person.uid,
    }


# --- the chart ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """Everyone on a workspace's chart and the engagement plan, as of one version."""

    people: tuple[Stakeholder, ...] = ()
    plan: Any = None
    """The ``EngagementPlan`` (``workbench.domain.stakeholders.plan``); None: the defaults."""
    version: int = 0
    """Record version of the stored chart (0: no chart stored yet)."""

    def find(self, name: str) -> Stakeholder | None:
        key = lookup_key(name)
        return next((p for p in self.people if p.key == key), None)

    def in_quadrant(self, quadrant: Quadrant) -> tuple[Stakeholder, ...]:
        return tuple(p for p in self.people if p.quadrant is quadrant)

    def by_quadrant(self) -> dict[Quadrant, tuple[Stakeholder, ...]]:
        return {q: self.in_quadrant(q) for q in Quadrant}


def check_people(people: Iterable[Stakeholder]) -> list[str]:
    """Problems of a whole list (duplicate names or uids, too many people)."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    uids: dict[str, str] = {}
    count = 0
    for person in people:
        count += 1
        if person.key in seen:
            problems.append(f"{person.name!r} is on the chart twice (names must differ, "
                            "ignoring case)")
        seen[person.key] = person.name
        if person.uid and person.uid in uids:
            problems.append(f"{person.name!r} has the same uid as {uids[person.uid]!r} "
                            "(remove one uid)")
        uids[person.uid] = person.name
    if count > MAX_STAKEHOLDERS:
        problems.append(f"the chart has {count} people (at most {MAX_STAKEHOLDERS})")
    return problems


def sorted_people(people: Iterable[Stakeholder], by: str = "quadrant") -> list[Stakeholder]:
    """People in the order the list view offers: ``quadrant``, ``stance``, ``stage``,
    ``due`` (next action due, earliest first, none last) or ``name``; name breaks ties."""
    def name(p: Stakeholder) -> str:
        return p.key

    keys = {
        "name": lambda p: (name(p),),
        "quadrant": lambda p: (LIST_ORDER.index(p.quadrant), name(p)),
        "stance": lambda p: (_STANCE_ORDER.get(p.stance, 3), name(p)),
        "stage": lambda p: (p.stage.rank if p.stage else -1, name(p)),
        "due": lambda p: (p.next_action_due is None, p.next_action_due or date.max, name(p)),
    }
    if by not in keys:
        raise ValueError(f"cannot sort by {by!r}; use one of: {', '.join(keys)}")
    return sorted(people, key=keys[by])


SORT_KEYS: tuple[str, ...] = ("quadrant", "stance", "stage", "due", "name")

_STANCE_ORDER = {Stance.DETRACTOR: 0, Stance.NEUTRAL: 1, Stance.SUPPORTER: 2}
# Lists start with the quadrant that needs the most attention.
LIST_ORDER: tuple[Quadrant, ...] = (Quadrant.ENGAGE_FULLY, Quadrant.KEEP_SATISFIED,
                                    Quadrant.KEEP_INFORMED, Quadrant.MONITOR)
