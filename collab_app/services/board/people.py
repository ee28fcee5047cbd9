"""Who is on a task and which labels it bears: assignees, watchers (and watching oneself), labels.

Managers and members replace a task's assignees, watchers and labels (with the version they
last saw, like any edit). Anyone who sees a task may watch it or stop watching it; a guest sees
the tasks they are assigned to or watch.
"""

from __future__ import annotations

from sqlalchemy import bindparam, delete
from sqlmodel import Session, select

from collab_app.models import (
    CollectiveMember,
    Label,
    ProjectMember,
    TaskAssignee,
    TaskLabel,
    TaskWatcher,
    User,
)
from collab_app.services import notifications, permissions
from collab_app.services.board.cards import CardView
from collab_app.services.board.history import about_task, record, record_and_commit, user_names
from collab_app.services.board.labels import check_labels
from collab_app.services.board.limits import clean_bool, clean_ids
from collab_app.services.board.positions import (
    expect_version,
    finish_task_change,
    guarded_update,
)
from collab_app.services.errors import NotFound
from collab_app.services.project_lock import lock_project
from collab_app.services.viewer import Viewer

# Built once: every board read of a viewer who may create cards asks it.
_ASSIGNABLE = select(User.id, User.display_name).where(
    User.id.in_(
        select(ProjectMember.user_id).where(
            ProjectMember.project_id == bindparam("project_id"),
            ProjectMember.role.in_(permissions.ASSIGNABLE_ROLES),
        )
    )
    | User.id.in_(
        select(CollectiveMember.user_id).where(
            CollectiveMember.collective_id == bindparam("collective_id"),
            CollectiveMember.role.in_(permissions.COLLECTIVE_ADMIN_ROLES),
        )
    )
)


def assignable_people(session: Session, project_id: int, collective_id: int) -> dict[int, str]:
    """Return the people who may be assigned to or watch a project's tasks: team and guests.

    Args:
        project_id: The project.
        collective_id: Its collective (whose owners and admins manage every project).

    Returns:
        User id -> display name.
    """
    rows = session.exec(
        _ASSIGNABLE, params={"project_id": project_id, "collective_id": collective_id}
    ).all()
    return dict(rows)


def check_people(
    session: Session, access: permissions.ProjectAccess, raw: object, field: str
) -> dict[int, str]:
    """Check ids of people to assign or add as watchers: the project's team or guests.

    Args:
        access: The viewer's access to the project.
        raw: The ids received from the client.
        field: Form field for errors.

    Returns:
        User id -> display name, in the order given.

    Raises:
        NotFound: An id that is not a person of the project's team or guests.
        ValidationError: Not a list, or too long.
    """
    ids = clean_ids(raw, field)
    people = assignable_people(session, access.project.id, access.project.collective_id)
    if any(uid not in people for uid in ids):
        raise NotFound(field=field)
    return {uid: people[uid] for uid in ids}


def _replace_links(
    session: Session, model: type, field: str, task_id: int, wanted: set[int]
) -> tuple[set[int], set[int]]:
    column = getattr(model, field)
    current = set(session.exec(select(column).where(model.task_id == task_id)).all())
    added, removed = wanted - current, current - wanted
    if removed:
        session.exec(delete(model).where(model.task_id == task_id, column.in_(removed)))
    session.add_all(model(task_id=task_id, **{field: value}) for value in sorted(added))
    return added, removed


def _set_people_or_labels(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    ids: object,
    expected_version: object,
    kind: str,
) -> CardView:
    ta = permissions.require_task(session, viewer, task_id, roles=permissions.TASK_EDIT_ROLES)
    task, access = ta.task, ta.access
    if kind == "labels":
        names = check_labels(session, access, ids)
        model, field, client_visible = TaskLabel, "label_id", True
    else:
        names = check_people(session, access, ids, kind)
        model = TaskAssignee if kind == "assignees" else TaskWatcher
        field, client_visible = "user_id", kind == "assignees"
    expected = expect_version(task, expected_version)
    lock_project(session, task.project_id)
    guarded_update(session, task, expected)
    added, removed = _replace_links(session, model, field, task.id, set(names))
    if added and kind == "assignees":
        session.flush()
        notifications.task_assigned(session, actor_id=viewer.user_id, task=task, user_ids=added)
    if added or removed:
        if not removed:
            removed_names: dict[int, str] = {}
        elif kind == "labels":
            query = select(Label.id, Label.name).where(Label.id.in_(removed))
            removed_names = dict(session.exec(query).all())
        else:
            removed_names = user_names(session, removed)
        record(
            session,
            **about_task(viewer, task),
            kind=f"{kind}_changed",
            client_visible=client_visible,
            added=sorted(names[i] for i in added),
            removed=sorted(removed_names.get(i, "") for i in removed),
        )
    return finish_task_change(session, viewer, task.id, access)


def set_assignees(
    session: Session, viewer: Viewer, *, task_id: object, user_ids: object, expected_version: object
) -> CardView:
    """Replace a task's assignees (managers and members) with team members and/or guests.

    Args:
        viewer: A manager or member of the project.
        user_ids: The complete new list (at most 50).
        expected_version: The version the viewer last saw.

    Returns:
        The card after the change.

    Raises:
        NotFound: Hidden task, or a user id that is not the project's team or guest.
        PermissionDenied: Guest or client.
        Conflict: ``board.stale``.
    """
    return _set_people_or_labels(
        session,
        viewer,
        task_id=task_id,
        ids=user_ids,
        expected_version=expected_version,
        kind="assignees",
    )


def set_labels(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    label_ids: object,
    expected_version: object,
) -> CardView:
    """Replace a task's labels (managers and members) with labels of its project.

    Args:
        viewer: A manager or member of the project.
        label_ids: The complete new list.
        expected_version: The version the viewer last saw.

    Returns:
        The card after the change.
    """
    return _set_people_or_labels(
        session,
        viewer,
        task_id=task_id,
        ids=label_ids,
        expected_version=expected_version,
        kind="labels",
    )


def set_watchers(
    session: Session, viewer: Viewer, *, task_id: object, user_ids: object, expected_version: object
) -> CardView:
    """Replace a task's watchers (managers and members); adding a guest lets them see the task.

    Args:
        viewer: A manager or member of the project.
        user_ids: The complete new list of team members and/or guests.
        expected_version: The version the viewer last saw.

    Returns:
        The card after the change.
    """
    return _set_people_or_labels(
        session,
        viewer,
        task_id=task_id,
        ids=user_ids,
        expected_version=expected_version,
        kind="watchers",
    )


def set_watching(session: Session, viewer: Viewer, *, task_id: object, watching: bool) -> bool:
    """Watch or stop watching a task oneself (anyone who sees the task).

    A guest who stops watching a task they are not assigned to no longer sees it.

    Args:
        viewer: Anyone who sees the task.
        watching: True to watch, False to stop.

    Returns:
        Whether the viewer now watches the task.
    """
    ta = permissions.require_task(session, viewer, task_id)
    task = ta.task
    wanted = clean_bool(watching, "watching")
    lock_project(session, task.project_id)
    row = session.exec(
        select(TaskWatcher).where(
            TaskWatcher.task_id == task.id, TaskWatcher.user_id == viewer.user_id
        )
    ).first()
    if (row is not None) == wanted:
        session.commit()  # nothing to change; releases the lock
        return wanted
    if wanted:
        session.add(TaskWatcher(task_id=task.id, user_id=viewer.user_id))
    else:
        session.delete(row)
    record_and_commit(
        session, **about_task(viewer, task), kind="watch_started" if wanted else "watch_stopped"
    )
    return wanted
