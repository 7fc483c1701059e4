"""The on-call tables: one setup agreement per team (its content as JSON, like a charter),
and one row of on-call rules per workspace (the out-of-hours thresholds and fairness limits,
JSON). Nothing queries inside the content: both are read whole."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, utcnow, version_column


class OnCallRow(Versioned, SQLModel, table=True):
    __tablename__ = "oncall_agreement"
    __table_args__ = (UniqueConstraint("team_id", name="uq_oncall_agreement_team"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int = Field(sa_column=fk_column("team.id", "CASCADE"))
    uid: str = Field(max_length=40)
    status: str = Field(default="draft", max_length=20)
    body: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class OnCallRulesRow(Versioned, SQLModel, table=True):
    __tablename__ = "oncall_rules"
    __table_args__ = (UniqueConstraint("workspace_id", name="uq_oncall_rules_workspace"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    body: str = Field(default="{}", sa_column=Column(Text, nullable=False))
