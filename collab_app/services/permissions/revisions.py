"""Who sees which revision requests, and their time, notes and prices.

Managers and members see every round and item, with time spent and internal notes. A client
sees the project's rounds and items without time or internal notes, and the prices it must
approve. A guest sees only the items of submitted rounds linked to a task the guest sees, and
no money, time, terms or messages.
"""

from __future__ import annotations

from sqlalchemy import and_, false
from sqlmodel import select

from collab_app.models import RevisionItem, RevisionItemTask, RevisionRound, RevisionTerms, Task
from collab_app.services.permissions.access import ProjectAccess
from collab_app.services.permissions.tasks import visible_tasks_clause
from collab_app.services.viewer import Viewer


def visible_revision_items_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the revision items of a project the viewer may see.

    Args:
        access: The viewer's access to the project.

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


# Who is who in a project's revisions. Each predicate takes the project's terms (or the request),
# the signed-in viewer and their access to the project, and answers one question.


def is_revision_contact(terms: RevisionTerms, viewer: Viewer, access: ProjectAccess) -> bool:
    """The designated client contact: the only client who submits rounds and decides.

    Args:
        terms: The project's revision terms.
        access: Their access to the project (still a client of it).

    Returns:
        Whether the viewer is the designated contact.
    """
    return access.is_client and terms.client_contact_id == viewer.user_id


def is_revision_lead(terms: RevisionTerms, viewer: Viewer, access: ProjectAccess) -> bool:
    """The lead who receives the rounds: a manager or member of the project named in the terms."""
    return access.is_team and terms.lead_id == viewer.user_id


def can_draft_round(terms: RevisionTerms, viewer: Viewer, access: ProjectAccess) -> bool:
    """Who composes a round: the designated contact, or the lead or a manager on their behalf."""
    return (
        is_revision_contact(terms, viewer, access)
        or is_revision_lead(terms, viewer, access)
        or access.is_manager
    )


def can_remove_request(item: RevisionItem, viewer: Viewer, access: ProjectAccess) -> bool:
    """Who takes a request out of a draft: its author, or a manager (anyone's)."""
    return access.is_manager or item.created_by_id == viewer.user_id


def can_price_changes(terms: RevisionTerms, viewer: Viewer, access: ProjectAccess) -> bool:
    """Who proposes change orders (prices): managers and the lead."""
    return access.is_manager or is_revision_lead(terms, viewer, access)
