"""Who sees which revision requests, and their time, notes and prices.

Managers and members see every round and item, with time spent and internal notes. A client
sees the project's rounds and items without time or internal notes, and the prices it must
approve. A guest sees only the items of submitted rounds linked to a task the guest sees, and
no money, time, terms or messages.
"""

from __future__ import annotations

from sqlalchemy import and_, false
from sqlmodel import select

from collab_app.models import RevisionItem, RevisionItemTask, RevisionRound, Task
from collab_app.services.permissions.access import ProjectAccess
from collab_app.services.permissions.tasks import visible_tasks_clause
from collab_app.services.viewer import Viewer


def visible_revision_items_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the revision items of a project the viewer may see.

    Args:
        access: The viewer's access to the project.
        viewer: The signed-in person.

    Returns:
        A boolean SQL expression on ``RevisionItem``.
    """
    in_project = RevisionItem.project_id == access.project.id
    if access.is_team or access.is_client:
        return in_project
    if access.is_guest:
        linked_to_visible = select(RevisionItemTask.item_id).where(
            RevisionItemTask.task_id.in_(
                select(Task.id).where(visible_tasks_clause(access, viewer))
            )
        )
        submitted = select(RevisionRound.id).where(
            RevisionRound.project_id == access.project.id, RevisionRound.status != "draft"
        )
        return and_(
            in_project,
            RevisionItem.id.in_(linked_to_visible),
            RevisionItem.round_id.in_(submitted),
        )
    return false()


def can_see_revision_internals(access: ProjectAccess) -> bool:
    """Whether the viewer sees time spent, internal notes and messages, and the export."""
    return access.abilities.can_see_internals


def can_see_revision_prices(access: ProjectAccess) -> bool:
    """Whether the viewer sees round and change-order prices (the team, the approving client)."""
    return access.abilities.can_see_prices
