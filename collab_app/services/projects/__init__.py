"""Projects: creation, listing, settings, members and invitations of guests and clients."""

from collab_app.services.projects.listing import (
    ProjectDetail,
    ProjectSummary,
    collective_project_ids,
    get_project,
    list_projects,
)
from collab_app.services.projects.members import (
    add_collective_member,
    invite,
    list_members,
    remove_member,
    set_client_can_comment,
)
from collab_app.services.projects.settings import (
    BILLING_MODELS,
    MAX_ROUNDS,
    ProjectInput,
    create_project,
    update_project,
    validate_input,
)

__all__ = [
    "BILLING_MODELS",
    "MAX_ROUNDS",
    "ProjectDetail",
    "ProjectInput",
    "ProjectSummary",
    "add_collective_member",
    "collective_project_ids",
    "create_project",
    "get_project",
    "invite",
    "list_members",
    "list_projects",
    "remove_member",
    "set_client_can_comment",
    "update_project",
    "validate_input",
]
