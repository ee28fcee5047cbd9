"""The current project's sections."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t

# (path suffix, message key): every section of a project, in display order.
PROJECT_SECTIONS: list[tuple[str, str]] = [
    ("", "nav.overview"),
    ("/board", "project.board"),
    ("/recap", "boardui.nav.recap"),
    ("/revisions", "revisions.nav"),
    ("/time", "revenue.nav_time"),
    ("/split", "revenue.nav_split"),
    ("/invoices", "revenue.nav_invoices"),
    ("/feedback", "feedback.nav"),
]


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
                    rx.link(t(label), href=f"/projects/{project_id}{suffix}")
                    for suffix, label in PROJECT_SECTIONS
                ],
                spacing="4",
                wrap="wrap",
            ),
            aria_label=project_name,
        ),
        spacing="1",
        width="100%",
    )
