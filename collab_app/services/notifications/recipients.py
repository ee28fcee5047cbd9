"""Who is told: candidates per event, filtered by the permission rule when the row is written.

Every function here writes ``Notification`` rows in the caller's transaction (flush only): the
notification commits or rolls back with the change that causes it. The actor is never among
the recipients, and a candidate who may not see the task, the comment or the kind of event
(its audience) is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam
from sqlmodel import Session, select

from collab_app.models import (
    CollectiveMember,
    Notification,
    Project,
    ProjectMember,
    TaskAssignee,
    TaskWatcher,
    User,
)
from collab_app.services import clock, permissions
from collab_app.services.notifications.catalog import (
    BURST_WINDOW_MINUTES,
    KIND_CATEGORY,
)


@dataclass(frozen=True, slots=True)
class ProjectPerson:
    """Someone with a role on a project: their name and effective role."""

    name: str
    role: str


# The people of a project (its members and its collective's owners and admins) with their
# names and both roles, in one statement built once (every task page and notification asks it).
_PEOPLE = (
    select(User.id, User.display_name, CollectiveMember.role, ProjectMember.role)
    .select_from(User)
    .outerjoin(
        ProjectMember,
        and_(ProjectMember.user_id == User.id, ProjectMember.project_id == bindparam("project_id")),
    )
    .outerjoin(
        CollectiveMember,
        and_(
            CollectiveMember.user_id == User.id,
            CollectiveMember.collective_id == bindparam("collective_id"),
        ),
    )
    .where(
        User.id.in_(
            select(ProjectMember.user_id)
            .where(ProjectMember.project_id == bindparam("project_id"))
            .union(
                select(CollectiveMember.user_id).where(
                    CollectiveMember.collective_id == bindparam("collective_id"),
                    CollectiveMember.role.in_(permissions.COLLECTIVE_ADMIN_ROLES),
                )
            )
        )
    )
)


def people_of_project(session: Session, project_id: int) -> dict[int, ProjectPerson]:
    """Return everyone with a role on a project, in one query.

    Args:
        project_id: The project.

    Returns:
        User id -> name and effective role (``permissions.project_role_for``).
    """
    project = session.get(Project, project_id)
    if project is None:
        return {}
    rows = session.exec(
        _PEOPLE, params={"project_id": project.id, "collective_id": project.collective_id}
    )
    people = {}
    for user_id, name, collective_role, member_role in rows:
        role = permissions.project_role_for(collective_role, member_role)
        if role is not None:
            people[user_id] = ProjectPerson(name, role)
    return people


def project_roles(session: Session, project_id: int, user_ids: Iterable[int]) -> dict[int, str]:
    """Return the effective project role of each of several people.

    Args:
        project_id: The project.
        user_ids: The people.

    Returns:
        User id -> role; people without a role on the project are left out.
    """
    wanted = set(user_ids)
    if not wanted:
        return {}
    people = people_of_project(session, project_id)
    return {uid: person.role for uid, person in people.items() if uid in wanted}


def audience_allows(audience: str, role: str) -> bool:
    """Whether a role may receive a notification of an audience.

    Args:
        audience: ``everyone``, ``team`` or ``managers``.
        role: Effective project role.

    Returns:
        Whether allowed.
    """
    return audience in permissions.AUDIENCES_BY_ROLE.get(role, ())


def emit(
    session: Session,
    *,
    project_id: int,
    actor_id: int | None,
    kind: str,
    user_ids: Iterable[int],
    audience: str = "everyone",
    task_id: int | None = None,
    comment_id: int | None = None,
    path: str = "",
    params: dict[str, object] | None = None,
    dedup_key: str | None = None,
    now: datetime | None = None,
    mailed_elsewhere: Iterable[int | None] = (),
) -> list[int]:
    """Write one notification per allowed recipient in the caller's transaction.

    Args:
        session: Database session; flushed, the caller commits.
        project_id: The project the event belongs to.
        actor_id: Who caused it (never notified), or None for the jobs.
        kind: A kind of ``catalog.KINDS``.
        user_ids: Candidate recipients.
        audience: Least role needed (``everyone``, ``team``, ``managers``).
        task_id: The task it is about, re-checked when shown and mailed.
        comment_id: The comment it is about, re-checked likewise.
        path: Link path in the app.
        params: Message parameters that are not re-read when shown (numbers, column names).
        dedup_key: A unique key for events raised by jobs; with it, the key is suffixed with
            the recipient and an existing notification is not written again.
        now: Creation time (default the clock).
        mailed_elsewhere: People the causing service already mails about this event (the
            revision lead, the client contact): their notification is in the inbox only.

    Returns:
        The ids of the people notified.

    Raises:
        ValueError: An unknown ``kind`` (a programming error).
    """
    if kind not in KIND_CATEGORY:
        raise ValueError(f"unknown notification kind: {kind!r}")
    candidates = {uid for uid in user_ids if uid is not None and uid != actor_id}
    roles = project_roles(session, project_id, candidates)
    allowed = {uid: role for uid, role in roles.items() if audience_allows(audience, role)}
    readers = permissions.readers(session, roles=allowed, task_id=task_id, comment_id=comment_id)
    moment = now or clock.now()
    inbox_only = set(mailed_elsewhere)
    notified = []
    for user_id in sorted(readers):
        key = f"{dedup_key}:{user_id}" if dedup_key else None
        if (
            key
            and session.exec(select(Notification.id).where(Notification.dedup_key == key)).first()
        ):
            continue
        session.add(
            Notification(
                user_id=user_id,
                project_id=project_id,
                actor_id=actor_id,
                kind=kind,
                category=KIND_CATEGORY[kind],
                audience=audience,
                task_id=task_id,
                comment_id=comment_id,
                path=path[:300],
                params=json.dumps(params or {}, sort_keys=True),
                dedup_key=key,
                created_at=moment,
                mail_state="skipped" if user_id in inbox_only else "pending",
                mail_after=moment + timedelta(minutes=BURST_WINDOW_MINUTES),
            )
        )
        notified.append(user_id)
    session.flush()
    return notified


def task_path(project_id: int, task_id: int) -> str:
    """Return the app path of a task page.

    Args:
        project_id: The task's project.
        task_id: The task.

    Returns:
        The path.
    """
    return f"/projects/{project_id}/tasks/{task_id}"


def task_people(session: Session, task_id: int, *, watchers: bool, assignees: bool) -> set[int]:
    """Return the watchers and/or assignees of a task.

    Args:
        task_id: The task.
        watchers: Include its watchers.
        assignees: Include its assignees.

    Returns:
        User ids.
    """
    people: set[int] = set()
    if assignees:
        people |= set(
            session.exec(select(TaskAssignee.user_id).where(TaskAssignee.task_id == task_id)).all()
        )
    if watchers:
        people |= set(
            session.exec(select(TaskWatcher.user_id).where(TaskWatcher.task_id == task_id)).all()
        )
    return people


def project_people(session: Session, project_id: int, roles: tuple[str, ...]) -> set[int]:
    """Return the people of a project with one of some roles (collective admins are managers).

    Args:
        project_id: The project.
        roles: Wanted effective roles.

    Returns:
        User ids.
    """
    people = people_of_project(session, project_id)
    return {uid for uid, person in people.items() if person.role in roles}
