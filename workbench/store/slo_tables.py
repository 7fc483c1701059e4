"""Tables for personas, story maps and SLOs with their daily good/bad counts.

Decimals (targets, thresholds, historical attainment) are stored as TEXT decimal strings so
that ``99.95`` stays exactly ``99.95`` in SQLite and PostgreSQL alike. Positions inside a
story-map column are kept dense (0, 1, 2, ...) by ``slo_repo``; they have no unique
constraint so that two cards can swap places inside one flush.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, version_column


class PersonaRow(Versioned, SQLModel, table=True):
    __tablename__ = "persona"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key", name="uq_persona_workspace_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int | None = Field(default=None, sa_column=fk_column("team.id", "SET NULL", True))
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    goal: str = Field(default="")
    time_available: str = Field(default="", max_length=200)
    environment: str = Field(default="")
    needs: str = Field(default="availability", max_length=20)
    complaints: str = Field(default="")


class StoryMapRow(Versioned, SQLModel, table=True):
    __tablename__ = "story_map"
    __table_args__ = (
        UniqueConstraint("workspace_id", "title_key", name="uq_story_map_workspace_title_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int | None = Field(default=None, sa_column=fk_column("team.id", "SET NULL", True))
    title: str = Field(max_length=80)
    title_key: str = Field(max_length=80)
    description: str = Field(default="")


class ReleaseSliceRow(Versioned, SQLModel, table=True):
    __tablename__ = "release_slice"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    map_id: int = Field(sa_column=fk_column("story_map.id", "CASCADE"))
    position: int = Field(default=0)
    name: str = Field(max_length=80)


class StoryActivityRow(Versioned, SQLModel, table=True):
    __tablename__ = "story_activity"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    map_id: int = Field(sa_column=fk_column("story_map.id", "CASCADE"))
    position: int = Field(default=0)
    title: str = Field(max_length=200)


class StoryTaskRow(Versioned, SQLModel, table=True):
    __tablename__ = "story_task"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    activity_id: int = Field(sa_column=fk_column("story_activity.id", "CASCADE"))
    position: int = Field(default=0)
    title: str = Field(max_length=200)


class StoryRow(Versioned, SQLModel, table=True):
    __tablename__ = "story"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    task_id: int = Field(sa_column=fk_column("story_task.id", "CASCADE"))
    slice_id: int | None = Field(
        default=None, sa_column=fk_column("release_slice.id", "SET NULL", True)
    )
    persona_id: int | None = Field(
        default=None, sa_column=fk_column("persona.id", "SET NULL", True)
    )
    position: int = Field(default=0)
    title: str = Field(max_length=200)
    critical: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default="0")
    )


class EndpointRow(SQLModel, table=True):
    __tablename__ = "endpoint"
    __table_args__ = (
        UniqueConstraint("service_id", "method", "path", name="uq_endpoint_service_method_path"),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(sa_column=fk_column("service.id", "CASCADE"))
    method: str = Field(default="", max_length=10)
    path: str = Field(max_length=200)


class StoryEndpointRow(SQLModel, table=True):
    __tablename__ = "story_endpoint"

    story_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("story.id", ondelete="CASCADE"), primary_key=True
        )
    )
    endpoint_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("endpoint.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class SloRow(Versioned, SQLModel, table=True):
    __tablename__ = "slo"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key", name="uq_slo_workspace_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    service_id: int | None = Field(
        default=None, sa_column=fk_column("service.id", "SET NULL", True)
    )
    story_id: int | None = Field(default=None, sa_column=fk_column("story.id", "SET NULL", True))
    # Stable across renames and databases: exports carry it, imports match on it first.
    uid: str | None = Field(default=None, max_length=40, index=True, unique=True)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    description: str = Field(default="")
    kind: str = Field(default="availability", max_length=20)
    target: str = Field(max_length=40)
    threshold_ms: str | None = Field(default=None, max_length=40)
    bad_status: str = Field(default="5xx", max_length=200)
    period: str = Field(default="4w", max_length=10)
    historical_attainment: str | None = Field(default=None, max_length=40)
    status: str = Field(default="draft", max_length=20)


class SloCountRow(SQLModel, table=True):
    __tablename__ = "slo_count"
    __table_args__ = (UniqueConstraint("slo_id", "day", name="uq_slo_count_slo_day"),)

    id: int | None = Field(default=None, primary_key=True)
    slo_id: int = Field(sa_column=fk_column("slo.id", "CASCADE"))
    day: date = Field(sa_column=Column(Date, nullable=False))
    good: int = Field(default=0)
    bad: int = Field(default=0)
