"""The role names, who may do what (the policy table), and the abilities view pages read.

Roles:
- collective: ``owner``, ``admin``, ``member``;
- project: ``manager``, ``member``, ``guest``, ``client``. A collective owner or admin is a
  manager of every project of the collective.

Every tuple of role names and every question "may this role ...?" lives here; the rest of the
application asks these constants and predicates, never compares a role string itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# --- Collective roles ---------------------------------------------------------------------
OWNER = "owner"
ADMIN = "admin"
COLLECTIVE_ROLES = (OWNER, ADMIN, "member")
COLLECTIVE_ADMIN_ROLES = (OWNER, ADMIN)
# Roles an invitation to a collective may give (never a second owner).
INVITABLE_COLLECTIVE_ROLES = (ADMIN, "member")

# --- Project roles ------------------------------------------------------------------------
MANAGER = "manager"
MEMBER = "member"
GUEST = "guest"
CLIENT = "client"
PROJECT_ROLES = (MANAGER, MEMBER, GUEST, CLIENT)
# Every role name, collective and project, once each (for labels and badges).
ALL_ROLES = tuple(dict.fromkeys((*COLLECTIVE_ROLES, *PROJECT_ROLES)))
MANAGER_ROLES = (MANAGER,)
CLIENT_ROLES = (CLIENT,)
# The collective's people on a project: they see and edit every task.
TEAM_ROLES = (MANAGER, MEMBER)
# People who work on the project (the team and guest freelancers): assigned to tasks, log
# time, earn a share of its invoices.
WORKER_ROLES = (MANAGER, MEMBER, GUEST)
# People invited to one project from outside the collective.
PROJECT_INVITABLE_ROLES = (GUEST, CLIENT)
# Roles a collective member may be given on a project.
PROJECT_STAFF_ROLES = (MEMBER, MANAGER)

# The visibility of a comment or file shared with the client (the other one is ``internal``).
CLIENT_VISIBILITY = CLIENT

# --- The policy table: action -> roles allowed --------------------------------------------
TASK_EDIT_ROLES = TEAM_ROLES
TASK_MOVE_ROLES = WORKER_ROLES
BOARD_MANAGE_ROLES = MANAGER_ROLES
# The role a manager may preview the board and recap as, and who may.
PREVIEW_ROLES = CLIENT_ROLES
PREVIEW_BY_ROLES = MANAGER_ROLES
ASSIGNABLE_ROLES = WORKER_ROLES
TIME_LOG_ROLES = WORKER_ROLES
# Workers who see only their own time (a manager sees everyone's).
OWN_TIME_ROLES = (MEMBER, GUEST)
PAID_ROLES = WORKER_ROLES
# Quote, rates, costs, splits and invoices to issue: the project's money.
PROJECT_MONEY_ROLES = MANAGER_ROLES
# Invoices of the project (a guest sees only the ones paying a share to them).
INVOICE_ROLES = (MANAGER, MEMBER, CLIENT)
# Time spent, internal notes and internal messages of revision rounds.
REVISION_INTERNAL_ROLES = TEAM_ROLES
# Round and change-order prices: the team and the client who approves them.
REVISION_PRICE_ROLES = (MANAGER, MEMBER, CLIENT)
REVISION_DRAFT_ROLES = REVISION_PRICE_ROLES
REVISION_COMMENT_ROLES = REVISION_PRICE_ROLES
FEEDBACK_READ_ROLES = TEAM_ROLES
FEEDBACK_MANAGE_ROLES = MANAGER_ROLES
FILE_UPLOAD_ROLES = PROJECT_ROLES
FILE_DELETE_ROLES = TEAM_ROLES
FILE_TRASH_ROLES = MANAGER_ROLES
REVIEW_READ_ROLES = (MANAGER, MEMBER, CLIENT)
REVIEW_DECIDE_ROLES = CLIENT_ROLES
REVIEW_MANAGE_ROLES = MANAGER_ROLES
# The notification audiences each role receives.
AUDIENCES_BY_ROLE: dict[str, tuple[str, ...]] = {
    MANAGER: ("everyone", "team", "managers"),
    MEMBER: ("everyone", "team"),
    GUEST: ("everyone", "team"),
    CLIENT: ("everyone",),
}


def is_collective_admin(role: str | None) -> bool:
    """Owners and admins administer a collective: members, invitations, outbox, billing.

    Args:
        role: A collective role, or None for no membership.

    Returns:
        Whether the role administers the collective.
    """
    return role in COLLECTIVE_ADMIN_ROLES


def may_manage_collective_role(viewer_role: str | None, target_role: str) -> bool:
    """Whether someone with ``viewer_role`` may give or take away ``target_role``.

    Nobody touches the owner; only the owner makes or removes admins.

    Args:
        viewer_role: The acting person's collective role.
        target_role: The role given, or held by the person removed.

    Returns:
        Whether allowed.
    """
    if target_role == OWNER:
        return False
    return target_role != ADMIN or viewer_role == OWNER


def is_project_role(role: str) -> bool:
    """Whether ``role`` is one of the project roles (and not ``""`` for no access).

    Args:
        role: A string.

    Returns:
        Whether it names a project role.
    """
    return role in PROJECT_ROLES


def project_role_for(collective_role: str | None, member_role: str | None) -> str | None:
    """The effective project role from a collective membership and a project membership.

    Args:
        collective_role: The person's role in the project's collective, or None.
        member_role: Their role on the project itself, or None.

    Returns:
        ``manager`` for a collective owner or admin, else the project role (or None).
    """
    if is_collective_admin(collective_role):
        return MANAGER
    return member_role


@dataclass(frozen=True, slots=True)
class Abilities:
    """What a role may see and do on a project: what pages show (the services check again).

    Computed by :func:`abilities_for`; the default (no role) may do nothing.
    """

    role: str = ""
    is_manager: bool = False
    is_team: bool = False
    is_guest: bool = False
    is_client: bool = False
    can_edit_tasks: bool = False
    can_move_tasks: bool = False
    can_manage_board: bool = False
    can_preview_as_client: bool = False
    can_log_time: bool = False
    can_see_shares: bool = False
    can_see_project_money: bool = False
    can_see_internals: bool = False
    can_see_prices: bool = False
    can_see_revision_messages: bool = False
    can_see_feedback: bool = False
    can_manage_feedback: bool = False
    can_upload_files: bool = False
    can_manage_files: bool = False
    can_manage_trash: bool = False
    can_see_reviews: bool = False
    can_decide_reviews: bool = False
    can_manage_reviews: bool = False


@cache
def abilities_for(role: str) -> Abilities:
    """Return what a project role may see and do.

    Args:
        role: The effective project role (``""`` for none).

    Returns:
        The abilities; all false for an unknown role.
    """
    return Abilities(
        role=role,
        is_manager=role == MANAGER,
        is_team=role in TEAM_ROLES,
        is_guest=role == GUEST,
        is_client=role == CLIENT,
        can_edit_tasks=role in TASK_EDIT_ROLES,
        can_move_tasks=role in TASK_MOVE_ROLES,
        can_manage_board=role in BOARD_MANAGE_ROLES,
        can_preview_as_client=role in PREVIEW_BY_ROLES,
        can_log_time=role in TIME_LOG_ROLES,
        can_see_shares=role in PAID_ROLES,
        can_see_project_money=role in PROJECT_MONEY_ROLES,
        can_see_internals=role in REVISION_INTERNAL_ROLES,
        can_see_prices=role in REVISION_PRICE_ROLES,
        can_see_revision_messages=role in REVISION_COMMENT_ROLES,
        can_see_feedback=role in FEEDBACK_READ_ROLES,
        can_manage_feedback=role in FEEDBACK_MANAGE_ROLES,
        can_upload_files=role in FILE_UPLOAD_ROLES,
        can_manage_files=role in FILE_DELETE_ROLES,
        can_manage_trash=role in FILE_TRASH_ROLES,
        can_see_reviews=role in REVIEW_READ_ROLES,
        can_decide_reviews=role in REVIEW_DECIDE_ROLES,
        can_manage_reviews=role in REVIEW_MANAGE_ROLES,
    )


NO_ABILITIES = Abilities()
