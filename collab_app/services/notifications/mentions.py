"""@mentions in task comments: who may be offered, and who a comment's text mentions.

A mention is ``@`` followed by a person's display name (any case), not followed by a letter or
digit. Only the people who may read the comment are offered; a comment mentioning a person of
the project who could not read it is refused, naming them, so the author can fix the text.
"""

from __future__ import annotations

from sqlmodel import Session

from collab_app.models import Project, Task
from collab_app.services import permissions
from collab_app.services.errors import ValidationError
from collab_app.services.notifications.recipients import (
    ProjectPerson,
    audience_allows,
    people_of_project,
)
from collab_app.services.shared_views import PersonView
from collab_app.services.viewer import Viewer


def _readers(
    session: Session, task: Task, visibility: str, people: dict[int, ProjectPerson]
) -> set[int]:
    """The people among ``people`` who may read a comment of ``visibility`` on ``task``."""
    audience = "everyone" if visibility == "client" else "team"
    allowed = {uid: p.role for uid, p in people.items() if audience_allows(audience, p.role)}
    return permissions.readers(session, roles=allowed, task_id=task.id)


def mention_offers(
    session: Session, viewer: Viewer, *, task_id: object
) -> dict[str, tuple[PersonView, ...]]:
    """Return the people the viewer may mention, for each visibility the viewer may give.

    Args:
        viewer: Anyone who sees the task.

    Returns:
        Visibility (``internal``, ``client``) -> the people who may read such a comment, by
        name, the viewer excepted; the viewer's default visibility first.

    Raises:
        NotFound: The viewer may not see the task.
    """
    ta = permissions.require_task(session, viewer, task_id)
    people = people_of_project(session, ta.access.project.id)
    offers = {}
    for visibility in permissions.comment_visibilities(ta.access):
        readers = _readers(session, ta.task, visibility, people) - {viewer.user_id}
        names = sorted(readers, key=lambda uid: people[uid].name.casefold())
        offers[visibility] = tuple(PersonView(uid, people[uid].name) for uid in names)
    return offers


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
    offers = mention_offers(session, viewer, task_id=task_id)
    if not offers:
        return ()
    return offers.get(visibility) or next(iter(offers.values()))


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
    people = people_of_project(session, project.id)
    mentioned = _mentions(body, {uid: p.name for uid, p in people.items()}) - {author_id}
    if not mentioned:
        return set()
    readers = _readers(session, task, visibility, {uid: people[uid] for uid in mentioned})
    refused = sorted(people[uid].name for uid in mentioned - readers)
    if refused:
        raise ValidationError(
            "notifications.mention_cannot_read", field="body", name=", ".join(refused)
        )
    return mentioned
