"""agenda: named slide sequences for the presentation mode

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The loader's create_all (and databases made before migrations) may have built it already.
    if sa.inspect(op.get_bind()).has_table("agenda"):
        return
    op.create_table(
        "agenda",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("slides", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("agenda")
