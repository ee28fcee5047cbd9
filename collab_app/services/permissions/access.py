"""Who is on a collective or a project, and with which role: the check every service starts with.

What the viewer may not see is ``NotFound``, as the package's rule says (``permissions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import and_, bindparam, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, select

from collab_app.models import Collective, CollectiveMember, Project, ProjectMember, User
from collab_app.services import change_signal
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.permissions.roles import (
    COLLECTIVE_ADMIN_ROLES,
    MANAGER,
    PROJECT_ROLES,
    Abilities,
    abilities_for,
    is_collective_admin,
    project_role_for,
)
from collab_app.services.viewer import Viewer

T = TypeVar("T")
# Key of ``Session.info`` where the roles checked in that session are noted.
_CHECKED_ROLES = "permissions.checked_roles"
# Key of ``Session.info`` holding roles checked beforehand for many people (``check_projects``).
_PRECHECKED = "permissions.prechecked_projects"
# ... and this process's ``change_signal.changes_mark()`` taken before those checks were read.
_PRECHECKED_MARK = "permissions.prechecked_mark"


@dataclass(frozen=True, slots=True)
class ProjectAccess:
    """A project together with the viewer's effective role on it."""

    project: Project
    role: str

    @property
    def abilities(self) -> Abilities:
        """What the role may see and do on the project."""
        return abilities_for(self.role)

    @property
    def is_manager(self) -> bool:
        """Managers run the project: settings, members, columns, money."""
        return self.abilities.is_manager

    @property
    def is_team(self) -> bool:
        """Managers and members see and edit every task."""
        return self.abilities.is_team

    @property
    def is_guest(self) -> bool:
        """Guests see only the tasks they are assigned to or watch."""
        return self.abilities.is_guest

    @property
    def is_client(self) -> bool:
        """Clients see only what is shared with the client."""
        return self.abilities.is_client

    @property
    def can_see_project_money(self) -> bool:
        """Quote, rates, costs and splits of the whole project."""
        return self.abilities.can_see_project_money


def collective_role(session: Session, viewer: Viewer, collective_id: int) -> str | None:
    """Return the viewer's role in a collective, or None.

    Args:
        collective_id: Any integer; unknown ids give None.

    Returns:
        ``owner``, ``admin``, ``member`` or None.
    """
    return session.exec(
        select(CollectiveMember.role).where(
            CollectiveMember.collective_id == collective_id,
            CollectiveMember.user_id == viewer.user_id,
        )
    ).first()


def require_collective(
    session: Session, viewer: Viewer, collective_id: object, *, admin: bool = False
) -> tuple[Collective, str]:
    """Return a collective the viewer belongs to, with their role.

    Args:
        collective_id: The id received from the client, of any type.
        admin: Require the owner or admin role.

    Returns:
        (collective, role).

    Raises:
        NotFound: Unknown id, or the viewer is not a member.
        PermissionDenied: ``admin`` was asked and the viewer is a plain member.
    """
    cid = coerce_id(collective_id)
    role = collective_role(session, viewer, cid)
    collective = session.get(Collective, cid) if role else None
    if collective is None:
        raise NotFound()
    if admin and not is_collective_admin(role):
        raise PermissionDenied()
    return collective, role


def coerce_id(raw: object) -> int:
    """Turn an id received from a client into a positive int, or raise NotFound.

    Args:
        raw: Whatever the client sent.

    Returns:
        The id.

    Raises:
        NotFound: Not a positive integer of sane size.
    """
    if isinstance(raw, bool):
        raise NotFound()
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 12:
        value = int(raw)
    else:
        raise NotFound()
    if not 0 < value < 2**53:
        raise NotFound()
    return value


# What a client sends for "none chosen" in an optional id field (an empty select, a cleared form).
_NO_ID = (None, "", 0, "0")


def no_id_chosen(raw: object) -> bool:
    """Tell whether a client left an optional id empty (``None``, ``""``, ``0`` or ``"0"``).

    Args:
        raw: Whatever the client sent.

    Returns:
        True when no id was chosen; anything else is an id to check with ``coerce_id``.
    """
    return raw in _NO_ID


def optional_id(raw: object) -> int | None:
    """Turn an optional id received from a client into None (none chosen) or a positive int.

    Args:
        raw: Whatever the client sent.

    Returns:
        None when no id was chosen (``no_id_chosen``), else the id.

    Raises:
        NotFound: Something other than "none" that is not a positive integer of sane size.
    """
    return None if no_id_chosen(raw) else coerce_id(raw)


def join_memberships(query, viewer: Viewer | ColumnElement):  # noqa: ANN001, ANN201 - selects
    """Join the viewer's collective and project memberships onto a select of ``Project``.

    One statement instead of three: every handler starts with this check; the effective role
    is then ``project_role_for(CollectiveMember.role, ProjectMember.role)``.

    Args:
        query: A select including ``Project``.
        viewer: The viewer, or an expression of their user id (a bound parameter for a
            statement built once, ``User.id`` for several people at once).

    Returns:
        The select with both memberships outer-joined.
    """
    user_id = viewer.user_id if isinstance(viewer, Viewer) else viewer
    return query.outerjoin(
        CollectiveMember,
        and_(
            CollectiveMember.collective_id == Project.collective_id,
            CollectiveMember.user_id == user_id,
        ),
    ).outerjoin(
        ProjectMember,
        and_(ProjectMember.project_id == Project.id, ProjectMember.user_id == user_id),
    )


# Built once: every page load, live refresh and project action starts with this check.
_PROJECT_WITH_ROLES = join_memberships(
    select(Project, CollectiveMember.role, ProjectMember.role), bindparam("viewer_id")
).where(Project.id == bindparam("project_id"))


def require_project(
    session: Session, viewer: Viewer, project_id: object, *, roles: tuple[str, ...] = PROJECT_ROLES
) -> ProjectAccess:
    """Return a project the viewer belongs to, checking the role.

    Args:
        project_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.

    Returns:
        The project with the viewer's role.

    Raises:
        NotFound: Unknown id, or the viewer has no role on it.
        PermissionDenied: The viewer's role is not among ``roles``.
    """
    pid = coerce_id(project_id)
    known = session.info.get(_PRECHECKED)
    if (
        known is not None
        and (viewer.user_id, pid) in known
        # A project this process changed since the check is read again: the check's row may
        # predate the change (its ``change_version`` keys the boards shared between tabs).
        and not change_signal.changed_here_since(pid, session.info[_PRECHECKED_MARK])
    ):
        checked = known[viewer.user_id, pid]
        # The project as read by the check, made this session's own without a query.
        project = session.merge(checked.project, load=False) if checked else None
        role = checked.role if checked else None
    else:
        row = session.exec(
            _PROJECT_WITH_ROLES, params={"viewer_id": viewer.user_id, "project_id": pid}
        ).first()
        project, role = (row[0], project_role_for(row[1], row[2])) if row else (None, None)
    if role is None:
        raise NotFound()
    if role not in roles:
        raise PermissionDenied()
    return remember_access(session, viewer, ProjectAccess(project=project, role=role))


# Built once: the joins of ``_PROJECT_WITH_ROLES``, for several people and projects at once;
# only the pairs with a membership come back.
_ROLES_OF_MANY = (
    join_memberships(
        select(User.id, Project.id, CollectiveMember.role, ProjectMember.role)
        .select_from(Project)
        .join(User, User.id.in_(bindparam("user_ids", expanding=True))),
        User.id,
    )
    .where(Project.id.in_(bindparam("project_ids", expanding=True)))
    .where(or_(CollectiveMember.role.is_not(None), ProjectMember.role.is_not(None)))
)


def check_projects(
    session: Session, wanted: set[tuple[int, int]]
) -> dict[tuple[int, int], ProjectAccess | None]:
    """People's effective roles on projects, by ``require_project``'s rule (two queries).

    The live task checks the tabs it is about to refresh with it (``known_roles``), instead of
    one check per tab.

    Args:
        wanted: (user id, project id) pairs: the viewers of the tabs and the projects each
            shows (trusted ids: the ones the tabs were already shown).

    Returns:
        Each wanted pair -> the access, or None where the person has no role.
    """
    found: dict[tuple[int, int], ProjectAccess | None] = dict.fromkeys(wanted)
    if not wanted:
        return found
    rows = session.exec(
        _ROLES_OF_MANY,
        params={
            "user_ids": sorted({user_id for user_id, _ in wanted}),
            "project_ids": sorted({pid for _, pid in wanted}),
        },
    ).all()
    roles = {
        (user_id, pid): role
        for user_id, pid, collective_role, member_role in rows
        if (user_id, pid) in found
        and (role := project_role_for(collective_role, member_role)) is not None
    }
    if roles:
        projects = {
            project.id: project
            for project in session.exec(
                select(Project).where(Project.id.in_({pid for _, pid in roles}))
            )
        }
        found.update(
            (pair, ProjectAccess(project=projects[pair[1]], role=role))
            for pair, role in roles.items()
            if pair[1] in projects  # not deleted in between
        )
    return found


def known_roles(
    checked: dict[tuple[int, int], ProjectAccess | None], *, mark: int
) -> dict[str, object]:
    """``Session.info`` entries that let ``require_project`` answer from ``check_projects``.

    The role is still compared with what each call allows; only the read is saved. A project
    this process has changed since ``mark`` is read again instead: the checked row would show
    it as it was before (a tab's own move, and the boards kept for that older version).

    Args:
        checked: What ``check_projects`` returned, a moment ago.
        mark: ``change_signal.changes_mark()``, taken before ``check_projects`` read.

    Returns:
        Entries for a new database session's ``info``.
    """
    return {_PRECHECKED: checked, _PRECHECKED_MARK: mark}


def remember_access(session: Session, viewer: Viewer, access: ProjectAccess) -> ProjectAccess:
    """Note the viewer's role on a project in the session, for ``role_already_checked``.

    Args:
        session: Database session (its ``info`` dict keeps the note until it closes).
        access: The access just checked.

    Returns:
        ``access`` unchanged.
    """
    session.info.setdefault(_CHECKED_ROLES, {})[viewer.user_id, access.project.id] = access.role
    return access


def role_already_checked(session: Session, viewer: Viewer, project_id: object) -> str | None:
    """Return the viewer's role on a project if this session checked it already, else None.

    A page shows what its role allows (``Abilities``) from the check its own services made
    while loading it, without asking again. Never use it to authorize: services check.

    Args:
        session: The database session the page was loaded in.
        project_id: The id received from the client, of any type.

    Returns:
        The effective role, or None when no check on that project was made in this session.

    Raises:
        NotFound: ``project_id`` is not an id.
    """
    return session.info.get(_CHECKED_ROLES, {}).get((viewer.user_id, coerce_id(project_id)))


def _administered_collectives(viewer: Viewer):
    """Select the ids of the collectives the viewer owns or administers."""
    return select(CollectiveMember.collective_id).where(
        CollectiveMember.user_id == viewer.user_id,
        CollectiveMember.role.in_(COLLECTIVE_ADMIN_ROLES),
    )


def visible_projects_query(viewer: Viewer):  # noqa: ANN201 - a SQLAlchemy Select
    """Select the projects the viewer may see (filtered in SQL).

    Returns:
        A select of Project rows.
    """
    admin_collectives = _administered_collectives(viewer)
    member_projects = select(ProjectMember.project_id).where(
        ProjectMember.user_id == viewer.user_id
    )
    return select(Project).where(
        or_(Project.collective_id.in_(admin_collectives), Project.id.in_(member_projects))
    )


def project_roles_of(session: Session, viewer: Viewer, projects: list[Project]) -> dict[int, str]:
    """Return the viewer's role for each of several projects in two queries.

    Args:
        projects: Projects already known to be visible.

    Returns:
        Mapping project id -> role.
    """
    admin_collectives = set(session.exec(_administered_collectives(viewer)).all())
    direct = dict(
        session.exec(
            select(ProjectMember.project_id, ProjectMember.role).where(
                ProjectMember.user_id == viewer.user_id,
                ProjectMember.project_id.in_([p.id for p in projects]),
            )
        ).all()
    )
    return {
        p.id: MANAGER if p.collective_id in admin_collectives else direct.get(p.id, "")
        for p in projects
    }


def parent_id(session: Session, column: Any, row_id: int) -> int:
    """Return the parent id a row points to (e.g. ``Comment.task_id``), or raise NotFound.

    Args:
        column: The parent id column of a table with an ``id``.
        row_id: The row's id, already coerced.

    Returns:
        The parent id.

    Raises:
        NotFound: No such row.
    """
    found = session.exec(select(column).where(column.class_.id == row_id)).first()
    if found is None:
        raise NotFound()
    return found


def visible_row(session: Session, model: type[T], row_id: int, clause: Any) -> T:
    """Return a row freshly read if ``clause`` lets the viewer see it, or raise NotFound.

    Args:
        model: The table (``Comment``, ``ProjectFile``...).
        row_id: The row's id, already coerced.
        clause: The visibility condition for the viewer.

    Returns:
        The row.

    Raises:
        NotFound: Missing or not visible (the same answer).
    """
    found = session.exec(
        select(model).where(model.id == row_id, clause).execution_options(populate_existing=True)
    ).first()
    if found is None:
        raise NotFound()
    return found
