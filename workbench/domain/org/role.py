"""The SRE role description of an organisation: what the role is called, what it is for,
its responsibilities and skills, and the technical stack it works with.

The starter lists follow the book's generic role definition (table 12.23); the organisation
keeps, drops and adds items. The book advises naming the role deliberately (12.9.3), so the
title is the organisation's choice, "Site Reliability Engineer" by default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from workbench.domain.lifecycle import Party
from workbench.domain.plain_values import (
    MissingPart,
    PartError,
    PartProblems,
    ValueReader,
    party_values,
    read_parties,
)

MAX_TITLE = 80
MAX_PURPOSE = 2000
MAX_ITEM = 200
MAX_ITEMS = 60
DEFAULT_TITLE = "Site Reliability Engineer"
DEFAULT_ROLE_PARTIES = (Party("executive"), Party("human resources"))

STARTER_RESPONSIBILITIES: tuple[str, ...] = (
    "Keep the system available", "Keep the system scalable",
    "Define and agree SLIs and SLOs", "Support SLA negotiations",
    "Define and agree the error budget policy", "Take decisions based on error budgets",
    "Set up monitoring", "Set up alerting", "Be on call in business hours",
    "Be on call out of hours", "Maintain runbooks", "Take part in postmortems",
    "Improve the SRE infrastructure", "Take part in chaos engineering",
    "Run disaster recovery drills", "Review service implementations",
    "Review architectures and designs", "Improve release procedures",
    "Help teams onboard onto SRE", "Take part in the SRE community of practice",
    "Contribute to the technical road map", "Support first-level support",
    "Support user testing", "Support requirements engineering",
)
STARTER_SKILLS: tuple[str, ...] = (
    "Software engineering", "Software operations", "Debugging and troubleshooting",
    "Distributed systems", "Large-scale, high-traffic systems", "Infrastructure as code",
    "Drive and self-motivation", "Blameless continuous improvement", "Emotional intelligence",
    "Working well on call", "Technical communication", "Stakeholder communication",
    "Technical documentation", "Working in short-lived incident response teams",
)


class RoleError(PartError):
    """One problem in a role description: ``part`` names where."""


@dataclass(frozen=True)
class SreRole:
    title: str = DEFAULT_TITLE
    purpose: str = ""
    responsibilities: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()
    """The technical stack the role works with (a plus when hiring, not a must)."""
    parties: tuple[Party, ...] = ()
    uid: str = ""
    version: int = 0

    @property
    def name(self) -> str:
        return self.title

    def required_parties(self) -> tuple[Party, ...]:
        return self.parties or DEFAULT_ROLE_PARTIES

    def with_changes(self, **changes: Any) -> SreRole:
        return replace(self, **changes)


def starter_role() -> SreRole:
    return SreRole(responsibilities=STARTER_RESPONSIBILITIES, skills=STARTER_SKILLS)


def missing_parts(role: SreRole) -> tuple[MissingPart, ...]:
    found = []
    if not role.purpose.strip():
        found.append(MissingPart("purpose", "say what the role is for in this organisation"))
    if not role.responsibilities:
        found.append(MissingPart("responsibilities", "list at least one responsibility"))
    if not role.skills:
        found.append(MissingPart("skills", "list at least one skill"))
    return tuple(found)


ROLE_KEYS = ("title", "purpose", "responsibilities", "skills", "stack", "parties", "uid")


class RoleProblems(PartProblems):
    """Every problem of a role description's values."""


def make_role(values: Mapping[str, Any]) -> SreRole:
    role, problems = read_role(values)
    if problems:
        raise RoleProblems(problems)
    return role


def read_role(values: Mapping[str, Any]) -> tuple[SreRole, list[PartError]]:
    r = ValueReader(RoleError)
    values = r.mapping(values, "")
    r.unknown(values, ROLE_KEYS, "")
    parties = read_parties(r, values)
    role = SreRole(
        title=r.text(values, "title", "title", MAX_TITLE) or DEFAULT_TITLE,
        purpose=r.text(values, "purpose", "purpose", MAX_PURPOSE, multiline=True),
        responsibilities=r.texts(values, "responsibilities", "responsibilities", MAX_ITEM,
                                 MAX_ITEMS),
        skills=r.texts(values, "skills", "skills", MAX_ITEM, MAX_ITEMS),
        stack=r.texts(values, "stack", "stack", MAX_ITEM, MAX_ITEMS),
        parties=parties, uid=r.text(values, "uid", "uid", 40))
    return role, r.problems


def role_values(role: SreRole) -> dict[str, Any]:
    values: dict[str, Any] = {"title": role.title}
    if role.uid:
        values["uid"] = role.uid
    values.update(purpose=role.purpose, responsibilities=list(role.responsibilities),
                  skills=list(role.skills), stack=list(role.stack))
    if role.parties:
        values["parties"] = party_values(role.parties)
    return values
