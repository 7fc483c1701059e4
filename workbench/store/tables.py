"""SQLModel tables. Alembic migrations in ``migrations/versions`` must match these exactly
(a test compares them)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def fk_column(target: str, ondelete: str, nullable: bool = False) -> Column:
    """An indexed integer foreign key; every table module builds its links with this."""
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


def version_column() -> Column:
    """The record version of an editable table (see ``Versioned``)."""
    return Column("version", Integer, nullable=False, server_default="1")


class Versioned:
    """Mixin for editable tables: SQLAlchemy bumps ``version`` on every UPDATE and adds
    ``WHERE version = <the version read>``, so two writers that read the same version
    cannot both win (the loser's flush raises, and ``db.transaction`` reports it as a
    ``VersionConflict``). Tables using it declare ``version = Field(sa_column=
    version_column())``."""

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}


class WorkspaceRow(Versioned, SQLModel, table=True):
    __tablename__ = "workspace"
    __table_args__ = (UniqueConstraint("name_key", name="uq_workspace_name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    description: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)


class TeamRow(Versioned, SQLModel, table=True):
    __tablename__ = "team"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key", name="uq_team_workspace_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    description: str = Field(default="")


class ServiceRow(Versioned, SQLModel, table=True):
    __tablename__ = "service"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key", name="uq_service_workspace_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    # A service outlives a removed team: it becomes unowned rather than disappearing.
    team_id: int | None = Field(default=None, sa_column=fk_column("team.id", "SET NULL", True))
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    description: str = Field(default="")


class PersonRow(Versioned, SQLModel, table=True):
    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
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
    # The record's version this revision saved (sign-offs name the version they agree to).
    record_version: int | None = Field(default=None)


class RequiredPartyRow(SQLModel, table=True):
    """Who must agree to a document: a role, optionally a named person (in list order)."""

    __tablename__ = "required_party"
    # Lists read the parties of every document of a kind (or of a page of them) at once.
    __table_args__ = (
        Index("ix_required_party_document", "workspace_id", "artifact_kind", "artifact_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    artifact_kind: str = Field(max_length=40)
    artifact_key: str = Field(max_length=120, index=True)
    position: int = Field(default=0)
    role: str = Field(max_length=80)
    name: str | None = Field(default=None, max_length=80)


class SignOffRow(SQLModel, table=True):
    """One person's agreement to one version of a document (append-only)."""

    __tablename__ = "sign_off"
    __table_args__ = (
        Index("ix_sign_off_document", "workspace_id", "artifact_kind", "artifact_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    artifact_kind: str = Field(max_length=40)
    artifact_key: str = Field(max_length=120, index=True)
    record_version: int
    name: str = Field(max_length=80)
    role: str = Field(max_length=80)
    signed_on: date = Field(sa_column=Column(Date, nullable=False))
    comment: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
