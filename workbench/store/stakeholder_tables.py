"""Tables of the stakeholder chart: one chart per workspace (the document with the shared
lifecycle; its engagement plan as JSON) and one row per stakeholder.

The quadrant is not a column: it is derived from ``power`` and ``interest`` when read.
Stakeholder rows carry no version of their own: every change saves the whole chart and bumps
the chart's version, which is what concurrent writers are checked against.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, utcnow, version_column


class StakeholderChartRow(Versioned, SQLModel, table=True):
    __tablename__ = "stakeholder_chart"
    __table_args__ = (UniqueConstraint("workspace_id", name="uq_stakeholder_chart_workspace"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    status: str = Field(default="draft", max_length=20)
    plan: str = Field(default="{}")
    created_at: datetime = Field(default_factory=utcnow)


class StakeholderRow(SQLModel, table=True):
    __tablename__ = "stakeholder"
    __table_args__ = (
        UniqueConstraint("chart_id", "name_key", name="uq_stakeholder_chart_name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chart_id: int = Field(sa_column=fk_column("stakeholder_chart.id", "CASCADE"))
    position: int = Field(default=0)
    uid: str = Field(max_length=40)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    role: str = Field(default="", max_length=80)
    group_name: str = Field(default="other", max_length=20)
    power: str = Field(max_length=10)
    interest: str = Field(max_length=10)
    stance: str | None = Field(default=None, max_length=20)
    influence: str | None = Field(default=None, max_length=10)
    stage: str | None = Field(default=None, max_length=20)
    owner: str = Field(default="", max_length=80)
    last_contact: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    next_action: str = Field(default="", max_length=200)
    next_action_due: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    notes: str = Field(default="", max_length=2000)
