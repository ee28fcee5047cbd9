"""files attached to revision requests and change orders

Revision ID: acf840646d29
Revises: 122c175caf8a
Create Date: 2026-12-04 22:16:27.858480

Files attached to a revision request or a change order (issue #17).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


# revision identifiers, used by Alembic.
revision: str = 'acf840646d29'
down_revision: str | Sequence[str] | None = '122c175caf8a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("projectfile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision_item_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("change_order_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_projectfile_revision_item_id"), ["revision_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_projectfile_change_order_id"), ["change_order_id"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_projectfile_revision_item_id_revisionitem",
            "revisionitem",
            ["revision_item_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            "fk_projectfile_change_order_id_changeorder", "changeorder", ["change_order_id"], ["id"]
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("projectfile", schema=None) as batch_op:
        batch_op.drop_constraint("fk_projectfile_change_order_id_changeorder", type_="foreignkey")
        batch_op.drop_constraint(
            "fk_projectfile_revision_item_id_revisionitem", type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_projectfile_change_order_id"))
        batch_op.drop_index(batch_op.f("ix_projectfile_revision_item_id"))
        batch_op.drop_column("change_order_id")
        batch_op.drop_column("revision_item_id")
