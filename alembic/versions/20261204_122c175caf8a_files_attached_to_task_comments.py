"""files attached to task comments

Revision ID: 122c175caf8a
Revises: 0b23ad0344a3
Create Date: 2026-12-04 22:13:46.824970

A file attached to a task comment (issue #17) follows the comment's visibility.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '122c175caf8a'
down_revision: str | Sequence[str] | None = '0b23ad0344a3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("projectfile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comment_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_projectfile_comment_id"), ["comment_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_projectfile_comment_id_comment", "comment", ["comment_id"], ["id"]
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("projectfile", schema=None) as batch_op:
        batch_op.drop_constraint("fk_projectfile_comment_id_comment", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_projectfile_comment_id"))
        batch_op.drop_column("comment_id")
