"""Lists of people with their role."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import select_field, submit_button, text_field
from collab_app.components.i18n import t
from collab_app.components.ui import coded_badge, danger_button
from collab_app.services import permissions
from collab_app.services.accounts.collectives import MemberView
from collab_app.state.session import SessionState


def role_badge(role: rx.Var) -> rx.Component:
    """A badge naming a collective or project role in the tab's language.

    Args:
        role: The role code.

    Returns:
        The badge.
    """
    return coded_badge(
        "role.", permissions.ALL_ROLES, role, {"client": "orange", "guest": "purple"}, "gray"
    )


def member_row(member: rx.Var[MemberView], *, can_remove: rx.Var, on_remove) -> rx.Component:  # noqa: ANN001
    """One person: name, email (when shown), role, and a remove button for managers.

    Args:
        member: The member view.
        can_remove: Whether to show the remove button.
        on_remove: Event handler taking the user id.

    Returns:
        The row.
    """
    return rx.hstack(
        rx.vstack(
            rx.text(member.display_name, weight="medium"),
            rx.cond(member.email != "", rx.text(member.email, size="1", color_scheme="gray")),
            spacing="0",
        ),
        rx.spacer(),
        role_badge(member.role),
        rx.cond(
            can_remove
            & (member.role != permissions.OWNER)
            & (member.user_id != SessionState.user_id),
            danger_button(
                "form.remove",
                on_remove(member.user_id),
                aria_label=t("form.remove"),
            ),
        ),
        align="center",
        width="100%",
        wrap="wrap",
    )


def copy_link_box(link: rx.Var) -> rx.Component:
    """A freshly created link with a copy button (shown once: only its hash is stored).

    Args:
        link: The URL.

    Returns:
        The box, shown only when the link is set.
    """
    return rx.cond(
        link != "",
        rx.callout(
            rx.vstack(
                rx.text(link, class_name="link-box", id="invitation-link"),
                rx.button(
                    t("form.copy"),
                    on_click=[rx.set_clipboard(link), rx.toast.info(t("form.copied"))],
                    size="1",
                ),
                spacing="2",
            ),
            color_scheme="green",
            width="100%",
        ),
    )


def invite_form(
    on_submit: rx.EventHandler, roles: list[tuple[str, str]], link: rx.Var
) -> rx.Component:
    """The "invite by email" form, followed by the link to copy once it is created.

    Args:
        on_submit: Handler receiving ``invite_email`` and ``invite_role``.
        roles: (role, message key) choices; the first is preselected.
        link: The last created invitation link (empty before).

    Returns:
        The form and the link box.
    """
    return rx.fragment(
        rx.form(
            rx.vstack(
                text_field(
                    "invite_email", "invite.email", type_="email", required=True, max_length=254
                ),
                select_field("invite_role", "invite.role", roles, default_value=roles[0][0]),
                submit_button("invite.send"),
                spacing="3",
                width="100%",
            ),
            on_submit=on_submit,
            width="100%",
        ),
        copy_link_box(link),
    )
