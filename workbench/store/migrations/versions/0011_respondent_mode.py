"""Respondent mode: when the coach revealed a run's answers to its respondents, and where each
respondent's own walk resumes. Runs that exist already count as revealed (their answers
were never hidden).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('assessment_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revealed_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))
    with op.batch_alter_table('assessment_respondent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cursor', sqlmodel.sql.sqltypes.AutoString(length=80),
                                      nullable=True))
    op.execute("UPDATE assessment_run SET revealed_at = created_at")


def downgrade() -> None:
    with op.batch_alter_table('assessment_respondent', schema=None) as batch_op:
        batch_op.drop_column('cursor')
    with op.batch_alter_table('assessment_run', schema=None) as batch_op:
        batch_op.drop_column('revealed_at')
