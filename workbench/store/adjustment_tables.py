"""Maintenance windows and corrections of SLOs and services (see domain.slo.adjustments).

A row belongs to one SLO or to one service (a service's row applies to each of its SLOs).
Rows are never deleted by a user: removing one records who removed it, when and why, so the
budget figures of any earlier day can be explained later."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Index
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, utcnow, version_column


class SloAdjustmentRow(Versioned, SQLModel, table=True):
    __tablename__ = "slo_adjustment"
    __table_args__ = (Index("ix_slo_adjustment_workspace_removed", "workspace_id", "removed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    slo_id: int | None = Field(default=None, sa_column=fk_column("slo.id", "CASCADE", True))
    service_id: int | None = Field(default=None,
                                   sa_column=fk_column("service.id", "CASCADE", True))
    kind: str = Field(max_length=20)
    treatment: str = Field(max_length=20)
    start: datetime = Field(sa_column=Column(DateTime, nullable=False))
    """Wall-clock time in ``zone`` (naive)."""
    minutes: int
    zone: str = Field(default="Etc/UTC", max_length=64)
    rrule: str = Field(default="", max_length=300)
    reason: str = Field(default="", max_length=500)
    recorded_by: str = Field(default="", max_length=120)
    recorded_at: datetime = Field(default_factory=utcnow)
    removed_by: str = Field(default="", max_length=120)
    removed_at: datetime | None = Field(default=None)
    removed_reason: str = Field(default="", max_length=500)
