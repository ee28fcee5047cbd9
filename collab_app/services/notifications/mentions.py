"""@mentions in task comments: who may be offered, and who a comment's text mentions.

A mention is ``@`` followed by a person's display name (any case), not followed by a letter or
digit. Only the people who may read the comment are offered; a comment mentioning a person of
the project who could not read it is refused, naming them, so the author can fix the text.
"""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import CollectiveMember, Project, ProjectMember, Task, User
from collab_app.services import permissions
from collab_app.services.errors import ValidationError
from collab_app.services.notifications.recipients import audience_allows, project_roles
from collab_app.services.shared_views import PersonView
from collab_app.services.viewer import Viewer


def _project_names(session: Session, project: Project) -> dict[int, str]:
    members = select(ProjectMember.user_id).where(ProjectMember.project_id == project.id)
    admins = select(CollectiveMember.user_id).where(
        CollectiveMember.collective_id == project.collective_id,
        CollectiveMember.role.in_(permissions.COLLECTIVE_ADMIN_ROLES),
    )
    return dict(
        session.exec(
            select(User.id, User.display_name).where(User.id.in_(members) | User.id.in_(admins))
        ).all()
    )


def _readers(session: Session, task: Task, visibility: str, people: dict[int, str]) -> set[int]:
    """The people among ``people`` who may read a comment of ``visibility`` on ``task``."""
    roles = project_roles(session, task.project_id, people)
    audience = "everyone" if visibility == "client" else "team"
    allowed = {uid: role for uid, role in roles.items() if audience_allows(audience, role)}
    return permissions.readers(session, roles=allowed, task_id=task.id)


def mention_candidates(
    session: Session, viewer: Viewer, *, task_id: object, visibility: object = None
) -> tuple[PersonView, ...]:
    """Return the people the viewer may mention in a comment on a task, by name.

    Args:
        viewer: Anyone who sees the task.
        visibility: ``internal`` or ``client`` (the comment being written); the viewer's
            default when empty.

    Returns:
        The people who may read such a comment, the viewer excepted.

    Raises:
        NotFound: The viewer may not see the task.
    """
    ta = permissions.require_task(session, viewer, task_id)
    allowed = permissions.comment_visibilities(ta.access)
    chosen = visibility if visibility in allowed else allowed[0]
    names = _project_names(session, ta.access.project)
    readers = _readers(session, ta.task, str(chosen), names) - {viewer.user_id}
    return tuple(
        PersonView(uid, names[uid]) for uid in sorted(readers, key=lambda u: names[u].casefold())
    )


def _mentions(body: str, names: dict[int, str]) -> set[int]:
    folded = body.casefold()
    found = set()
    # Longest names first, so "@Anne Marie" is not read as "@Anne".
    for user_id, name in sorted(names.items(), key=lambda item: -len(item[1])):
        needle = "@" + name.casefold()
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if end >= len(folded) or not folded[end].isalnum():
                found.add(user_id)
                break
            start = folded.find(needle, end)
    return found


def check_mentions(
    session: Session, *, task: Task, project: Project, body: str, visibility: str, author_id: int
) -> set[int]:
    """Return the people a comment mentions, refusing one who could not read it.

    Args:
        task: The commented task.
        project: Its project.
        body: The comment's text.
        visibility: The comment's visibility.
        author_id: The author (mentioning oneself notifies nobody).

    Returns:
        User ids mentioned, the author excepted.

    Raises:
        ValidationError: ``notifications.mention_cannot_read`` naming the person.
    """
    if "@" not in body:
        return set()
    names = _project_names(session, project)
    mentioned = _mentions(body, names) - {author_id}
    if not mentioned:
        return set()
    readers = _readers(session, task, visibility, {uid: names[uid] for uid in mentioned})
    refused = sorted(names[uid] for uid in mentioned - readers)
    if refused:
        raise ValidationError(
            "notifications.mention_cannot_read", field="body", name=", ".join(refused)
        )
    return mentioned
