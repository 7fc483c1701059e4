"""The organisation a coach works with: workspaces, teams, services, people, revisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ArtifactStatus(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Workspace:
    id: int
    name: str
    description: str = ""
    created_at: datetime | None = None
    version: int = 1


@dataclass(frozen=True)
class Team:
    id: int
    workspace_id: int
    name: str
    description: str = ""
    version: int = 1


@dataclass(frozen=True)
class Service:
    id: int
    workspace_id: int
    team_id: int | None
    name: str
    description: str = ""
    team_name: str | None = None
    version: int = 1


@dataclass(frozen=True)
class Person:
    id: int
    workspace_id: int
    name: str
    role: str = ""
    team_id: int | None = None


@dataclass(frozen=True)
class Revision:
    """One saved state of an artifact: who saved what, when, and in which status."""

    id: int
    workspace_id: int
    artifact_kind: str
    artifact_key: str
    number: int
    status: ArtifactStatus
    author: str
    created_at: datetime
    snapshot: dict = field(default_factory=dict)
    summary: str = ""
    record_version: int | None = None
