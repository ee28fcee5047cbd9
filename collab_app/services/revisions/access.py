"""Who is who in a project's revisions, and what the viewer may reach.

The designated client contact composes, submits and decides; the lead receives the rounds;
managers and the lead price change orders. ``require_round`` and ``require_item`` return only
what the viewer may see (a guest: the requests linked to their tasks), checking the role the
action needs.
"""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import RevisionItem, RevisionRound, RevisionTerms, User
from collab_app.services import permissions
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.permissions import ProjectAccess
from collab_app.services.revisions.presenter.views import Abilities
from collab_app.services.viewer import Viewer


def abilities(
    session: Session, terms: RevisionTerms, viewer: Viewer, access: ProjectAccess
) -> Abilities:
    """Return what the viewer may do on the revisions pages.

    Args:
        terms: The project's terms.
        access: Their access to the project.

    Returns:
        The abilities.
    """
    contact = permissions.is_revision_contact(terms, viewer, access)
    return Abilities(
        role=access.role,
        is_team=access.is_team,
        is_contact=contact,
        is_lead=permissions.is_revision_lead(terms, viewer, access),
        can_edit_terms=access.is_manager,
        can_draft=permissions.can_draft_round(terms, viewer, access),
        can_triage=access.is_team,
        can_propose=permissions.can_price_changes(terms, viewer, access),
        can_decide=contact,
        can_comment=(access.is_team or access.is_client)
        and permissions.can_comment(session, access, viewer),
        can_export=permissions.can_see_revision_internals(access),
    )


def require_round(
    session: Session,
    viewer: Viewer,
    round_id: object,
    *,
    roles: tuple[str, ...] = permissions.PROJECT_ROLES,
) -> tuple[RevisionRound, permissions.ProjectAccess]:
    """Return a round the viewer may see, checking the role for the action.

    A guest sees a round only when it is submitted and holds an item the guest may see.

    Args:
        round_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.

    Returns:
        The round (freshly read) and the viewer's access to its project.

    Raises:
        NotFound: Unknown id or not visible.
        PermissionDenied: The viewer sees the round but their role is not among ``roles``.
    """
    rid = permissions.coerce_id(round_id)
    project_id = session.exec(
        select(RevisionRound.project_id).where(RevisionRound.id == rid)
    ).first()
    if project_id is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, project_id)
    found = session.exec(
        select(RevisionRound)
        .where(RevisionRound.id == rid)
        .execution_options(populate_existing=True)
    ).one()
    if access.is_guest:
        visible = session.exec(
            select(RevisionItem.id).where(
                RevisionItem.round_id == rid,
                permissions.visible_revision_items_clause(access, viewer),
            )
        ).first()
        if visible is None:
            raise NotFound()
    elif not (access.is_team or access.is_client):
        raise NotFound()
    if access.role not in roles:
        raise PermissionDenied()
    return found, access


def require_item(
    session: Session,
    viewer: Viewer,
    item_id: object,
    *,
    roles: tuple[str, ...] = permissions.PROJECT_ROLES,
) -> tuple[RevisionItem, RevisionRound, permissions.ProjectAccess]:
    """Return an item the viewer may see, with its round, checking the role for the action.

    Args:
        item_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.

    Returns:
        (item, round, access), freshly read.

    Raises:
        NotFound: Unknown id or not visible.
        PermissionDenied: The viewer sees the item but their role is not among ``roles``.
    """
    iid = permissions.coerce_id(item_id)
    project_id = session.exec(select(RevisionItem.project_id).where(RevisionItem.id == iid)).first()
    if project_id is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, project_id)
    item = session.exec(
        select(RevisionItem)
        .where(RevisionItem.id == iid, permissions.visible_revision_items_clause(access, viewer))
        .execution_options(populate_existing=True)
    ).first()
    if item is None:
        raise NotFound()
    if access.role not in roles:
        raise PermissionDenied()
    found_round = session.exec(
        select(RevisionRound)
        .where(RevisionRound.id == item.round_id)
        .execution_options(populate_existing=True)
    ).one()
    return item, found_round, access


def names_of(session: Session, user_ids: set[int | None]) -> dict[int, str]:
    """Return display names of people.

    Args:
        user_ids: Ids (None ignored).

    Returns:
        Id -> display name.
    """
    wanted = {uid for uid in user_ids if uid}
    if not wanted:
        return {}
    return dict(session.exec(select(User.id, User.display_name).where(User.id.in_(wanted))).all())
