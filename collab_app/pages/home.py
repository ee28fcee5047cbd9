"""Home: the viewer's projects and collectives."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import form_error, stacked_form, submit_button, text_field
from collab_app.components.i18n import t
from collab_app.components.layout import row, stacked_page
from collab_app.components.people import role_badge
from collab_app.components.ui import heading, muted, section
from collab_app.services.accounts.collectives import CollectiveView
from collab_app.services.projects import ProjectSummary
from collab_app.state.dashboard import DashboardState


def _project_card(project: rx.Var[ProjectSummary]) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                heading(project.name),
                muted(project.client_name, size=None),
                row(
                    rx.text(project.collective_name, size="1"),
                    role_badge(project.role),
                    spacing="3",
                ),
                spacing="1",
            ),
            width="100%",
        ),
        href=f"/projects/{project.id}",
        underline="none",
        width="100%",
    )


def _collective_item(collective: rx.Var[CollectiveView]) -> rx.Component:
    return rx.hstack(
        rx.link(collective.name, href=f"/collectives/{collective.id}"),
        role_badge(collective.role),
        align="center",
    )


def home() -> rx.Component:
    """The home page: the viewer's projects, collectives and a form to found one.

    Returns:
        The page.
    """
    return stacked_page(
        heading("home.title", size="7"),
        rx.cond(
            DashboardState.projects.length() > 0,
            rx.box(rx.foreach(DashboardState.projects, _project_card), class_name="grid-2"),
            rx.text(t("home.no_projects"), color_scheme="gray"),
        ),
        rx.box(
            section(
                "home.your_collectives",
                rx.foreach(DashboardState.collectives, _collective_item),
            ),
            section(
                "home.new_collective",
                stacked_form(
                    form_error(),
                    text_field("name", "collective.name", required=True, max_length=120),
                    text_field(
                        "mail_domain",
                        "collective.mail_domain",
                        hint_key="collective.mail_domain_hint",
                        max_length=120,
                    ),
                    submit_button("form.create"),
                    on_submit=DashboardState.create_collective,
                ),
            ),
            class_name="grid-2",
        ),
        spacing="5",
    )
