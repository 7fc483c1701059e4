"""SQLModel tables. Alembic migrations in ``migrations/versions`` must match these exactly
(a test compares them)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def fk_column(target: str, ondelete: str, nullable: bool = False) -> Column:
    """An indexed integer foreign key; every table module builds its links with this."""
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


class WorkspaceRow(SQLModel, table=True):
    __tablename__ = "workspace"
    __table_args__ = (UniqueConstraint("name_key", name="uq_workspace_name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    description: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)


class TeamRow(SQLModel, table=True):
    __tablename__ = "team"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key", name="uq_team_workspace_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    description: str = Field(default="")


class ServiceRow(SQLModel, table=True):
    __tablename__ = "service"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key", name="uq_service_workspace_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    # A service outlives a removed team: it becomes unowned rather than disappearing.
    team_id: int | None = Field(default=None, sa_column=fk_column("team.id", "SET NULL", True))
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    description: str = Field(default="")


class PersonRow(SQLModel, table=True):
    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int | None = Field(default=None, sa_column=fk_column("team.id", "SET NULL", True))
    name: str = Field(max_length=80)
    role: str = Field(default="", max_length=80)


class RevisionRow(SQLModel, table=True):
    """Append-only history: every save of an artifact adds one row with a JSON snapshot."""

    __tablename__ = "revision"
    __table_args__ = (
        UniqueConstraint(
            "workspace_id", "artifact_kind", "artifact_key", "number", name="uq_revision_number"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    artifact_kind: str = Field(max_length=40)
    artifact_key: str = Field(max_length=120)
    number: int
    status: str = Field(default="draft", max_length=20)
    author: str = Field(default="", max_length=80)
    created_at: datetime = Field(default_factory=utcnow)
    summary: str = Field(default="")
    snapshot: str = Field(default="{}")
