"""Indexes for reading the parties and sign-offs of many documents of one kind at once (lists
of thousands of SLOs or runs). Nothing else changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 17:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('required_party', schema=None) as batch_op:
        batch_op.create_index('ix_required_party_document',
                              ['workspace_id', 'artifact_kind', 'artifact_key'], unique=False)
    with op.batch_alter_table('sign_off', schema=None) as batch_op:
        batch_op.create_index('ix_sign_off_document',
                              ['workspace_id', 'artifact_kind', 'artifact_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sign_off', schema=None) as batch_op:
        batch_op.drop_index('ix_sign_off_document')
    with op.batch_alter_table('required_party', schema=None) as batch_op:
        batch_op.drop_index('ix_required_party_document')
