"""What changed between two revisions of a stakeholder chart, person by person.

Decisions:
- People are matched by ``uid`` (so a renamed person is "renamed", not "left" and
  "joined"), then by name for charts written without uids.
- A quadrant move says which axis changed and which way ("power up", "interest down"): that
  is what the coach acts on. Funnel moves are "advanced" or "fell back" by stage order;
  someone who gains a first stage has advanced, someone who loses it has fallen back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.domain.stakeholders.model import (
    Level,
    Quadrant,
    Stage,
    Stakeholder,
    Stance,
)


@dataclass(frozen=True)
class QuadrantMove:
    name: str
    before: Quadrant
    after: Quadrant
    power: str | None
    """``up``, ``down`` or None when formal power did not change."""
    interest: str | None

    @property
    def direction(self) -> str:
        parts = [f"{axis} {way}" for axis, way in (("power", self.power),
                                                    ("interest", self.interest)) if way]
        return ", ".join(parts)


@dataclass(frozen=True)
class StageMove:
    name: str
    before: Stage | None
    after: Stage | None

    @property
    def advanced(self) -> bool:
        return _rank(self.after) > _rank(self.before)


@dataclass(frozen=True)
class StanceChange:
    name: str
    before: Stance | None
    after: Stance | None


@dataclass(frozen=True)
class Rename:
    before: str
    after: str


@dataclass(frozen=True)
class ChartComparison:
    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    renamed: tuple[Rename, ...] = ()
    moved: tuple[QuadrantMove, ...] = ()
    stages: tuple[StageMove, ...] = ()
    stances: tuple[StanceChange, ...] = ()

    @property
    def advanced(self) -> tuple[StageMove, ...]:
        return tuple(m for m in self.stages if m.advanced)

    @property
    def fell_back(self) -> tuple[StageMove, ...]:
        return tuple(m for m in self.stages if not m.advanced)

    @property
    def unchanged(self) -> bool:
        return not (self.joined or self.left or self.renamed or self.moved or self.stages
                    or self.stances)

    def lines(self) -> list[str]:
        """The comparison in plain sentences, one per change, for terminals and reports."""
        out = [f"joined: {n}" for n in self.joined]
        out += [f"left: {n}" for n in self.left]
        out += [f"renamed: {r.before} -> {r.after}" for r in self.renamed]
        out += [f"moved: {m.name}: {m.before.title} -> {m.after.title} ({m.direction})"
                for m in self.moved]
        out += [f"{'advanced' if m.advanced else 'fell back'}: {m.name}: "
                f"{_stage(m.before)} -> {_stage(m.after)}" for m in self.stages]
        out += [f"stance: {c.name}: {_stance(c.before)} -> {_stance(c.after)}"
                for c in self.stances]
        return out or ["no changes to people, quadrants, stages or stances"]


def _rank(stage: Stage | None) -> int:
    return -1 if stage is None else stage.rank


def _stage(stage: Stage | None) -> str:
    return stage.value if stage else "no stage"


def _stance(stance: Stance | None) -> str:
    return stance.value if stance else "no stance"


def _way(before: Level, after: Level) -> str | None:
    if before is after:
        return None
    return "up" if after is Level.HIGH else "down"


def compare(before: Sequence[Stakeholder], after: Sequence[Stakeholder]) -> ChartComparison:
    old_by_uid = {p.uid: p for p in before if p.uid}
    old_by_name = {p.key: p for p in before}
    matched: set[int] = set()
    joined, renamed, moved, stages, stances = [], [], [], [], []
    # First every uid match, then names among the rest: a uid found later in ``after`` must
    # not lose its person to an earlier name match.
    partner: dict[int, Stakeholder] = {}
    for position, person in enumerate(after):
        earlier = old_by_uid.get(person.uid) if person.uid else None
        if earlier is not None and id(earlier) not in matched:
            matched.add(id(earlier))
            partner[position] = earlier
    for position, person in enumerate(after):
        if position in partner:
            continue
        earlier = old_by_name.get(person.key)
        if earlier is not None and id(earlier) not in matched:
            matched.add(id(earlier))
            partner[position] = earlier
    pairs: list[tuple[Stakeholder, Stakeholder]] = []
    for position, person in enumerate(after):
        if position in partner:
            pairs.append((partner[position], person))
        else:
            joined.append(person.name)
    for earlier, person in pairs:
        if earlier.name != person.name:
            renamed.append(Rename(earlier.name, person.name))
        if earlier.quadrant is not person.quadrant:
            moved.append(QuadrantMove(person.name, earlier.quadrant, person.quadrant,
                                      _way(earlier.power, person.power),
                                      _way(earlier.interest, person.interest)))
        if earlier.stage is not person.stage:
            stages.append(StageMove(person.name, earlier.stage, person.stage))
        if earlier.stance is not person.stance:
            stances.append(StanceChange(person.name, earlier.stance, person.stance))
    left = tuple(p.name for p in before if id(p) not in matched)
    return ChartComparison(tuple(joined), left, tuple(renamed), tuple(moved), tuple(stages),
                           tuple(stances))
