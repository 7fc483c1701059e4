"""The team charter table: one row per team, its content as JSON.

The team is a link (one charter per team, removed with the team), so renaming a team keeps
its charter. Nothing queries inside the content: a charter is read whole.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, utcnow, version_column


class CharterRow(Versioned, SQLModel, table=True):
    __tablename__ = "team_charter"
    __table_args__ = (UniqueConstraint("team_id", name="uq_team_charter_team"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int = Field(sa_column=fk_column("team.id", "CASCADE"))
    uid: str = Field(max_length=40)
    status: str = Field(default="draft", max_length=20)
    body: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
