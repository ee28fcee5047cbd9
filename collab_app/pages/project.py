"""A project's overview: details, people, invitations and settings."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    form_error,
    native_select,
    select_field,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import colon, t
from collab_app.components.layout import card, project_frame
from collab_app.components.people import invite_form, member_row, role_badge
from collab_app.components.project_form import project_fields
from collab_app.components.revisions import change_order_body
from collab_app.components.ui import list_section, section, small_button
from collab_app.services import permissions
from collab_app.services.accounts.collectives import MemberView
from collab_app.state.project import ProjectState


def _details() -> rx.Component:
    project = ProjectState.project
    return card(
        rx.hstack(
            rx.text(t("project.client"), colon(), project.client_name),
            role_badge(project.role),
            wrap="wrap",
        ),
        rx.text(t("project.start_date"), colon(), project.start_date_label),
        rx.cond(
            project.quote != "",
            rx.text(t("project.quote"), colon(), project.quote, id="project-quote"),
        ),
        rx.text(t("project.included_rounds"), colon(), project.included_rounds),
    )


def _comment_switch(member: rx.Var[MemberView]) -> rx.Component:
    """A client's "can comment" switch (managers); others just read the state."""
    return rx.hstack(
        rx.badge(
            rx.cond(member.can_comment, t("project.can_comment"), t("project.read_only")),
            color_scheme=rx.cond(member.can_comment, "green", "gray"),
            variant="soft",
            class_name="member-can-comment",
        ),
        rx.cond(
            ProjectState.is_manager,
            small_button(
                rx.cond(
                    member.can_comment, t("project.make_read_only"), t("project.allow_comments")
                ),
                ProjectState.set_can_comment(member.user_id, ~member.can_comment),
                variant="soft",
                class_name="member-comment-toggle",
            ),
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def _member(member: rx.Var[MemberView]) -> rx.Component:
    return rx.vstack(
        member_row(
            member, can_remove=ProjectState.is_manager, on_remove=ProjectState.remove_member
        ),
        rx.cond(
            (member.role == permissions.CLIENT) & ProjectState.is_manager, _comment_switch(member)
        ),
        spacing="1",
        width="100%",
        class_name="project-member",
    )


def _people() -> rx.Component:
    return section("project.people", rx.foreach(ProjectState.members, _member))


def _decisions() -> rx.Component:
    """What waits for the client contact's decision, where they look first."""
    project = ProjectState.project
    return list_section(
        "project.decisions_title",
        ProjectState.decisions,
        lambda order: rx.box(
            change_order_body(order),
            rx.link(
                rx.button(t("project.decisions_open"), size="3", color_scheme="green"),
                href="/projects/" + project.id.to_string() + "/revisions",
            ),
            class_name="rev-item",
        ),
        as_="h2",
        id="project-decisions",
    )


def _member_option(member: rx.Var[MemberView]) -> rx.Component:
    return rx.el.option(member.display_name, value=member.user_id.to_string())


def _manager_tools() -> rx.Component:
    project = ProjectState.project
    return rx.fragment(
        section(
            "project.invite",
            invite_form(
                ProjectState.invite,
                [("client", "role.client"), ("guest", "role.guest")],
                ProjectState.last_invitation_link,
            ),
        ),
        rx.cond(
            ProjectState.addable_members.length() > 0,
            section(
                "project.add_member",
                stacked_form(
                    rx.el.label(
                        t("project.member_to_add"),
                        html_for="member_user_id",
                        class_name="field-label",
                    ),
                    native_select(
                        "member_user_id", rx.foreach(ProjectState.addable_members, _member_option)
                    ),
                    select_field(
                        "member_role",
                        "invite.role",
                        [("member", "role.member"), ("manager", "role.manager")],
                        default_value="member",
                    ),
                    submit_button("form.save"),
                    on_submit=ProjectState.add_member,
                ),
            ),
        ),
        section(
            "project.settings",
            stacked_form(
                *project_fields(
                    name=project.name,
                    client_name=project.client_name,
                    start_date=project.start_date,
                    quote=project.quote,
                    included_rounds=project.included_rounds.to_string(),
                    billing_model=project.billing_model,
                ),
                submit_button("form.save"),
                on_submit=ProjectState.save_settings,
                # Re-mount with fresh defaults after each save.
                key=project.name + project.start_date,
            ),
        ),
    )


def project_page() -> rx.Component:
    return project_frame(
        ProjectState.project.id,
        ProjectState.project.name,
        form_error(),
        _decisions(),
        rx.box(
            _details(),
            _people(),
            rx.cond(ProjectState.is_manager, _manager_tools()),
            class_name="grid-2",
        ),
        shown=ProjectState.project,
    )
