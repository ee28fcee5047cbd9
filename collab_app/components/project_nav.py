"""The current project's sections."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.state.session import PageState

# (path suffix, message key, the ability offering the link, None for everyone on the project):
# every section of a project, in display order. The pages check the role themselves; this only
# keeps dead ends out of the menu (feedback results are the team's; clients log no time).
ABLE = PageState.abilities
PROJECT_SECTIONS: list[tuple[str, str, rx.Var | None]] = [
    ("", "nav.overview", None),
    ("/board", "project.board", None),
    ("/recap", "boardui.nav.recap", None),
    ("/revisions", "revisions.nav", None),
    ("/files", "files.nav", None),
    ("/time", "revenue.nav_time", ABLE.can_log_time),
    # Managers prepare splits; everyone else reads their share on the invoices page.
    ("/split", "revenue.nav_split", ABLE.can_see_project_money),
    ("/invoices", "revenue.nav_invoices", None),
    ("/feedback", "feedback.nav", ABLE.can_see_feedback),
]


def _section_link(project_id: rx.Var, suffix: str, label: str, ability: rx.Var | None):
    link = rx.link(t(label), href=f"/projects/{project_id}{suffix}")
    if ability is None:
        return link
    return rx.cond(ability, link, rx.fragment())


def project_nav(project_id: rx.Var, project_name: rx.Var) -> rx.Component:
    """Links to the sections of a project.

    Args:
        project_id: The project's id.
        project_name: The project's name, as a heading.

    Returns:
        The navigation bar.
    """
    return project_sections(project_id=project_id, project_name=project_name)


@rx.memo
def project_sections(project_id: rx.Var[int], project_name: rx.Var[str]) -> rx.Component:
    """The navigation bar, as a memo component fed by the project's id and name.

    Its links read no page state themselves: a change of the page's other vars (a card move
    on the board) does not re-render them (issue #20, the card move's browser share).

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
                    _section_link(project_id, suffix, label, ability)
                    for suffix, label, ability in PROJECT_SECTIONS
                ],
                spacing="4",
                wrap="wrap",
            ),
            aria_label=project_name,
        ),
        spacing="1",
        width="100%",
    )
