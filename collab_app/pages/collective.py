"""A collective: members, invitations, outbox, projects."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import form_error, stacked_form, submit_button
from collab_app.components.i18n import t
from collab_app.components.layout import page_when
from collab_app.components.outbox import outbox_kind
from collab_app.components.people import invite_form, member_row, role_badge
from collab_app.components.project_form import project_fields
from collab_app.components.ui import coded, danger_button, heading, section
from collab_app.services.accounts.collectives import InvitationView
from collab_app.services.mail.outbox import OutboxView
from collab_app.services.projects import ProjectSummary
from collab_app.state.collective import CollectiveState


def _invitation_row(invitation: rx.Var[InvitationView]) -> rx.Component:
    return rx.hstack(
        rx.text(invitation.email, size="2"),
        role_badge(invitation.role),
        rx.badge(
            coded("invite.status_", ("open", "accepted", "expired"), invitation.status, "revoked"),
            variant="outline",
        ),
        rx.spacer(),
        rx.cond(
            invitation.status == "open",
            danger_button("invite.revoke", CollectiveState.revoke_invitation(invitation.id)),
        ),
        wrap="wrap",
        width="100%",
        align="center",
    )


def _outbox_row(message: rx.Var[OutboxView]) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(message.to_email, weight="medium", size="2"),
            rx.badge(outbox_kind(message.kind), variant="soft"),
            rx.badge(rx.cond(message.sent, t("outbox.sent"), t("outbox.pending"))),
            wrap="wrap",
        ),
        rx.text(message.subject, size="2"),
        rx.cond(message.link != "", rx.text(message.link, class_name="link-box")),
        spacing="1",
        width="100%",
        padding_y="0.5em",
        border_bottom="1px solid var(--gray-4)",
    )


def _project_link(project: rx.Var[ProjectSummary]) -> rx.Component:
    return rx.link(project.name, " — ", project.client_name, href=f"/projects/{project.id}")


def _admin_sections() -> rx.Component:
    return rx.fragment(
        section(
            "collective.invite",
            invite_form(
                CollectiveState.invite,
                [("member", "role.member"), ("admin", "role.admin")],
                CollectiveState.last_invitation_link,
            ),
            rx.heading(t("collective.invitations"), size="3"),
            rx.foreach(CollectiveState.invitations, _invitation_row),
        ),
        section(
            "collective.outbox",
            rx.cond(
                CollectiveState.outbox_messages.length() > 0,
                rx.foreach(CollectiveState.outbox_messages, _outbox_row),
                rx.text(t("collective.outbox_empty"), size="2"),
            ),
            hint_key="collective.outbox_hint",
        ),
    )


def collective_page() -> rx.Component:
    return page_when(
        CollectiveState.collective,
        rx.hstack(
            rx.heading(CollectiveState.collective.name, size="7"),
            role_badge(CollectiveState.collective.role),
            rx.link(
                t("feedback.nav"),
                href=f"/collectives/{CollectiveState.collective.id}/feedback",
            ),
            rx.cond(
                CollectiveState.is_admin,
                rx.link(
                    t("revenueui.billing_link"),
                    href=f"/collectives/{CollectiveState.collective.id}/billing",
                    id="collective-billing-link",
                ),
            ),
            align="center",
            wrap="wrap",
        ),
        form_error(),
        rx.box(
            section(
                "collective.projects",
                rx.foreach(CollectiveState.collective_projects, _project_link),
                heading("collective.new_project", size="3"),
                stacked_form(
                    *project_fields(),
                    submit_button("form.create"),
                    on_submit=CollectiveState.create_project,
                ),
            ),
            section(
                "collective.members",
                rx.foreach(
                    CollectiveState.members,
                    lambda m: member_row(
                        m,
                        can_remove=CollectiveState.is_admin,
                        on_remove=CollectiveState.remove_member,
                    ),
                ),
            ),
            rx.cond(CollectiveState.is_admin, _admin_sections()),
            class_name="grid-2",
        ),
    )
