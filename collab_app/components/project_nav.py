"""The current project's sections."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.services.permissions import PROJECT_ROLES, TEAM_ROLES
from collab_app.services.time_tracking import LOG_ROLES
from collab_app.state.session import PageState

# (path suffix, message key, roles offered the link): every section of a project, in display
# order. The pages check the role themselves; this only keeps dead ends out of the menu
# (feedback results are the team's; clients log no time).
PROJECT_SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("", "nav.overview", PROJECT_ROLES),
    ("/board", "project.board", PROJECT_ROLES),
    ("/recap", "boardui.nav.recap", PROJECT_ROLES),
    ("/revisions", "revisions.nav", PROJECT_ROLES),
    ("/files", "files.nav", PROJECT_ROLES),
    ("/time", "revenue.nav_time", LOG_ROLES),
    # Managers prepare splits; everyone else reads their share on the invoices page.
    ("/split", "revenue.nav_split", ("manager",)),
    ("/invoices", "revenue.nav_invoices", PROJECT_ROLES),
    ("/feedback", "feedback.nav", TEAM_ROLES),
]


def _section_link(project_id: rx.Var, suffix: str, label: str, roles: tuple[str, ...]):
    link = rx.link(t(label), href=f"/projects/{project_id}{suffix}")
    if roles == PROJECT_ROLES:
        return link
    return rx.cond(rx.Var.create(list(roles)).contains(PageState.nav_role), link, rx.fragment())


def project_nav(project_id: rx.Var, project_name: rx.Var) -> rx.Component:
    """Links to the sections of a project.

    Args:
        project_id: The project's id.
        project_name: The project's name, as a heading.

    Returns:
        The navigation bar.
    """
    return rx.vstack(
        rx.heading(project_name, size="6"),
        rx.el.nav(
            rx.hstack(
                *[
                    _section_link(project_id, suffix, label, roles)
                    for suffix, label, roles in PROJECT_SECTIONS
                ],
                spacing="4",
                wrap="wrap",
            ),
            aria_label=project_name,
        ),
        spacing="1",
        width="100%",
    )
