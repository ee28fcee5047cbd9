"""The change signal of a project: its ``change_version``, moved by every visible change.

Kept apart from ``projects`` so that the modules ``projects`` builds on (collectives,
invitations) can move it too.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session

from collab_app.models import Project


def bump_version(session: Session, project_id: int) -> None:
    """Move the project's change counter so open screens of it reload; the caller commits.

    Args:
        session: Database session.
        project_id: The project.
    """
    session.exec(
        update(Project)
        .where(Project.id == project_id)
        .values(change_version=Project.change_version + 1)
    )
