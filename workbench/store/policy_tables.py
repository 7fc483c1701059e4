"""The error budget policy table: one row per policy, its content as JSON.

The content is the policy's plain values (``domain.policy.policy_values``) without the name
and the team, which are columns (the name is unique per workspace; the team is a link, so
renaming a team does not leave a stale name in the policy). Nothing queries inside the
content: evaluating a policy reads it whole.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, utcnow, version_column


class PolicyRow(Versioned, SQLModel, table=True):
    __tablename__ = "error_budget_policy"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key", name="uq_policy_workspace_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int | None = Field(default=None,
                                sa_column=fk_column("team.id", "SET NULL", nullable=True))
    name: str = Field(max_length=60)
    name_key: str = Field(max_length=60)
    uid: str = Field(max_length=40)
    status: str = Field(default="draft", max_length=20)
    body: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
