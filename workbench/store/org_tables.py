"""Organisation documents: the model decision (one per workspace and product; product ""
is the whole organisation) and the SRE role description (one per workspace), content as
JSON. ``doc`` tells them apart so both share one table and one lookup."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, utcnow, version_column


class OrgDocumentRow(Versioned, SQLModel, table=True):
    __tablename__ = "org_document"
    __table_args__ = (
        UniqueConstraint("workspace_id", "doc", "product_key", name="uq_org_document_scope"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    doc: str = Field(max_length=20)
    """``decision`` or ``role``."""
    product: str = Field(default="", max_length=60)
    product_key: str = Field(default="", max_length=60)
    uid: str = Field(max_length=40)
    status: str = Field(default="draft", max_length=20)
    body: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
