"""The organisation model decision: which "who builds it, who runs it?" model an organisation
(or one product) chose, which it considered, the coach's score and note per criterion and
model, and why; plus the SRE sizing the choice implies.

Decisions:
- One decision per workspace and product; no product: the whole organisation.
- Scores are whole numbers from 1 (poor fit) to 5 (best fit), each optional; a note may stand
  alone. A score or note can only be given for a model that was considered, and the chosen
  model must be one of them.
- Sizing follows the book's example: each development team that shares on call with SRE gets
  ``sres_per_team`` SREs, and an SRE team holds ``sre_team_size`` people (eight by
  default), so 1 to 8 development teams need one SRE team, 9 to 16 two, and so on. Models
  without shared or SRE on-call need no SRE teams for services (the SRE infrastructure team
  is counted with operations).
- Which teams are development teams is the workspace's teams minus those the decision names
  as SRE teams or as other teams (platform, IT).
- Required to agree: a chosen model, at least two models considered, and the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from workbench.domain.lifecycle import Party
from workbench.domain.names import lookup_key
from workbench.domain.org.models import NEEDS_SRE_TEAMS, Criterion, OrgModel
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
MAX_REASON = 2000
MAX_NOTE = 300
MAX_TEAMS = 200
MAX_TEAM_SIZE = 50
MAX_SRES_PER_TEAM = 10
DEFAULT_SRE_TEAM_SIZE = 8
DEFAULT_SRES_PER_TEAM = 1
MAX_SCORE = 5

DEFAULT_DECISION_PARTIES = (Party("executive"), Party("development"), Party("operations"))


class DecisionError(PartError):
    """One problem in an organisation decision: ``part`` names where."""


@dataclass(frozen=True)
class Score:
    model: OrgModel
    criterion: Criterion
    score: int | None = None
    note: str = ""


@dataclass(frozen=True)
class OrgDecision:
    product: str | None = None
    """The product the decision is for; None: the whole organisation."""
    chosen: OrgModel | None = None
    considered: tuple[OrgModel, ...] = ()
    scores: tuple[Score, ...] = ()
    reason: str = ""
    decided_on: date | None = None
    sre_teams: tuple[str, ...] = ()
    other_teams: tuple[str, ...] = ()
    """Teams that are neither development nor SRE teams (platform, IT)."""
    sre_team_size: int = DEFAULT_SRE_TEAM_SIZE
    sres_per_team: int = DEFAULT_SRES_PER_TEAM
    parties: tuple[Party, ...] = ()
    uid: str = ""
    version: int = 0

    @property
    def name(self) -> str:
        return self.product or "organisation"

    def score(self, model: OrgModel, criterion: Criterion) -> Score | None:
        return next((s for s in self.scores
                     if s.model is model and s.criterion is criterion), None)

    def total(self, model: OrgModel) -> int:
        return sum(s.score or 0 for s in self.scores if s.model is model)

    def required_parties(self) -> tuple[Party, ...]:
        return self.parties or DEFAULT_DECISION_PARTIES

    def with_changes(self, **changes: Any) -> OrgDecision:
        return replace(self, **changes)


@dataclass(frozen=True)
class Sizing:
    development_teams: int
    sre_people: int
    sre_teams: int
    current_sre_teams: int
    needs_sre: bool

    @property
    def missing_sre_teams(self) -> int:
        return max(0, self.sre_teams - self.current_sre_teams)


def sre_teams_needed(development_teams: int, *, team_size: int = DEFAULT_SRE_TEAM_SIZE,
                     sres_per_team: int = DEFAULT_SRES_PER_TEAM) -> tuple[int, int]:
    """(SRE people, SRE teams) for shared or SRE on-call over ``development_teams``."""
    if development_teams < 0 or team_size < 1 or sres_per_team < 1:
        raise ValueError("team counts must be positive")
    people = development_teams * sres_per_team
    return people, -(-people // team_size)


def development_teams(decision: OrgDecision, teams: Sequence[str]) -> list[str]:
    """The workspace's teams the decision counts as development teams."""
    others = {lookup_key(t) for t in (*decision.sre_teams, *decision.other_teams)}
    return [t for t in teams if lookup_key(t) not in others]


def sizing(decision: OrgDecision, teams: Sequence[str],
           model: OrgModel | None = None) -> Sizing:
    """What ``model`` (default: the chosen one) implies for the workspace's ``teams``."""
    model = model or decision.chosen
    dev = len(development_teams(decision, teams))
    needs = model in NEEDS_SRE_TEAMS
    people, sre = sre_teams_needed(dev, team_size=decision.sre_team_size,
                                   sres_per_team=decision.sres_per_team) if needs else (0, 0)
    return Sizing(development_teams=dev, sre_people=people, sre_teams=sre,
                  current_sre_teams=len(decision.sre_teams), needs_sre=needs)


def missing_parts(decision: OrgDecision) -> tuple[MissingPart, ...]:
    found = []
    if decision.chosen is None:
        found.append(MissingPart("chosen", "choose the model"))
    if len(decision.considered) < 2:
        found.append(MissingPart("considered", "compare at least two models"))
    if not decision.reason.strip():
        found.append(MissingPart("reason", "say why this model was chosen"))
    return tuple(found)


def check_decision(decision: OrgDecision, teams: Sequence[str]) -> list[DecisionError]:
    """Problems against the workspace: every team named must exist, and no team may be
    both an SRE team and an other team."""
    known = {lookup_key(t) for t in teams}
    found = []
    for key, names in (("sre_teams", decision.sre_teams), ("other_teams", decision.other_teams)):
        for index, name in enumerate(names):
            if lookup_key(name) not in known:
                found.append(DecisionError(f"teams.{key.removesuffix('_teams')}[{index}]",
                                           f"{name!r} is not a team of this workspace"))
    both = {lookup_key(t) for t in decision.sre_teams} & {lookup_key(t)
                                                          for t in decision.other_teams}
    for name in decision.other_teams:
        if lookup_key(name) in both:
            found.append(DecisionError("teams.other", f"{name!r} is listed as an SRE team "
                                       "too; list it once"))
    return found


# --- reading plain values ----------------------------------------------------------------

DECISION_KEYS = ("product", "chosen", "considered", "scores", "reason", "decided_on", "teams",
                 "sizing", "parties", "uid")
SCORE_KEYS = ("model", "criterion", "score", "note")
TEAMS_KEYS = ("sre", "other")
SIZING_KEYS = ("sre_team_size", "sres_per_team")


class DecisionProblems(PartProblems):
    """Every problem of a decision's values."""


def make_decision(values: Mapping[str, Any]) -> OrgDecision:
    decision, problems = read_decision(values)
    if problems:
        raise DecisionProblems(problems)
    return decision


def read_decision(values: Mapping[str, Any]) -> tuple[OrgDecision, list[PartError]]:
    r = ValueReader(DecisionError)
    values = r.mapping(values, "")
    r.unknown(values, DECISION_KEYS, "")
    product = r.text(values, "product", "product", MAX_NAME) or None
    chosen = r.choice(values, "chosen", "chosen", OrgModel, "") or None
    considered: list[OrgModel] = []
    for index, raw in enumerate(r.items(values, "considered", "considered", len(OrgModel))):
        model = r.choice({"m": raw}, "m", f"considered[{index}]", OrgModel)
        if model is not None and model in considered:
            r.fail(f"considered[{index}]", f"{model.value} is listed twice; list it once")
        elif model is not None:
            considered.append(model)
    if chosen is not None and considered and chosen not in considered:
        r.fail("chosen", f"{chosen.value} is not among the models considered; add it there")
    scores: list[Score] = []
    seen: set[tuple[OrgModel, Criterion]] = set()
    limit = len(OrgModel) * len(Criterion)
    for index, raw in enumerate(r.items(values, "scores", "scores", limit)):
        part = f"scores[{index}]"
        item = r.mapping(raw, part)
        r.unknown(item, SCORE_KEYS, part)
        model = r.choice(item, "model", f"{part}.model", OrgModel)
        criterion = r.choice(item, "criterion", f"{part}.criterion", Criterion)
        score = r.whole(item, "score", f"{part}.score", low=1, high=MAX_SCORE, default=None)
        note = r.text(item, "note", f"{part}.note", MAX_NOTE)
        if model is None or criterion is None:
            continue
        if considered and model not in considered:
            r.fail(f"{part}.model", f"{model.value} is not among the models considered")
        elif (model, criterion) in seen:
            r.fail(part, f"{model.value} / {criterion.value} is scored twice; keep one")
        elif score is not None or note:
            seen.add((model, criterion))
            scores.append(Score(model, criterion, score, note))
    teams = r.mapping(values.get("teams"), "teams")
    r.unknown(teams, TEAMS_KEYS, "teams")
    size = r.mapping(values.get("sizing"), "sizing")
    r.unknown(size, SIZING_KEYS, "sizing")
    parties = read_parties(r, values)
    decision = OrgDecision(
        product=product, chosen=chosen, considered=tuple(considered), scores=tuple(scores),
        reason=r.text(values, "reason", "reason", MAX_REASON, multiline=True),
        decided_on=read_date(r, values.get("decided_on"), "decided_on"),
        sre_teams=r.texts(teams, "sre", "teams.sre", MAX_NAME, MAX_TEAMS),
        other_teams=r.texts(teams, "other", "teams.other", MAX_NAME, MAX_TEAMS),
        sre_team_size=r.whole(size, "sre_team_size", "sizing.sre_team_size", low=1,
                              high=MAX_TEAM_SIZE, default=DEFAULT_SRE_TEAM_SIZE)
        or DEFAULT_SRE_TEAM_SIZE,
        sres_per_team=r.whole(size, "sres_per_team", "sizing.sres_per_team", low=1,
                              high=MAX_SRES_PER_TEAM, default=DEFAULT_SRES_PER_TEAM)
        or DEFAULT_SRES_PER_TEAM,
        parties=parties, uid=r.text(values, "uid", "uid", 40))
    return decision, r.problems


def decision_values(decision: OrgDecision) -> dict[str, Any]:
    """Plain values in the YAML document's order (``read_decision`` reads them back)."""
    values: dict[str, Any] = {}
    if decision.product:
        values["product"] = decision.product
    if decision.uid:
        values["uid"] = decision.uid
    values["chosen"] = decision.chosen.value if decision.chosen else None
    values["considered"] = [m.value for m in decision.considered]
    values["reason"] = decision.reason
    if decision.decided_on:
        values["decided_on"] = decision.decided_on.isoformat()
    values["scores"] = [
        {k: v for k, v in (("model", s.model.value), ("criterion", s.criterion.value),
                           ("score", s.score), ("note", s.note)) if v not in (None, "")}
        for s in decision.scores]
    values["teams"] = {"sre": list(decision.sre_teams), "other": list(decision.other_teams)}
    values["sizing"] = {"sre_team_size": decision.sre_team_size,
                        "sres_per_team": decision.sres_per_team}
    if decision.parties:
        values["parties"] = party_values(decision.parties)
    if values["chosen"] is None:
        del values["chosen"]
    return values
