"""Page frame: header with navigation, language switch, and the not-found/loading states."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.components.notifications import bell
from collab_app.components.project_nav import project_nav
from collab_app.state.session import SessionState


def language_switch() -> rx.Component:
    """Two buttons to switch between English and French.

    Returns:
        The switch.
    """
    return rx.hstack(
        *[
            rx.button(
                code.upper(),
                on_click=SessionState.set_language(code),
                variant=rx.cond(SessionState.lang == code, "solid", "ghost"),
                size="1",
                aria_label=name,
            )
            for code, name in (("en", "English"), ("fr", "Français"))
        ],
        spacing="1",
        role="group",
        aria_label=t("nav.language"),
    )


def header() -> rx.Component:
    """The top bar: brand, main navigation, language, account.

    Returns:
        The header.
    """
    return rx.el.header(
        rx.hstack(
            rx.link(rx.heading(t("app.name"), size="5"), href="/", underline="none"),
            rx.cond(
                SessionState.signed_in,
                rx.el.nav(
                    rx.hstack(
                        rx.link(t("nav.projects"), href="/"),
                        rx.link(t("nav.my_tasks"), href="/my-tasks"),
                        rx.link(t("nav.profile"), href="/profile"),
                        spacing="4",
                        wrap="wrap",
                    ),
                    aria_label=t("nav.menu"),
                ),
            ),
            rx.spacer(),
            language_switch(),
            rx.cond(
                SessionState.signed_in,
                rx.hstack(
                    bell(),
                    rx.text(SessionState.user_name, size="2", class_name="user-name"),
                    rx.button(
                        t("nav.sign_out"),
                        on_click=SessionState.sign_out,
                        variant="soft",
                        size="1",
                    ),
                    align="center",
                    spacing="2",
                ),
            ),
            align="center",
            spacing="4",
            wrap="wrap",
            width="100%",
        ),
        class_name="app-header",
    )


def not_found_block() -> rx.Component:
    """What a viewer sees for a missing or hidden object (the same for both).

    Returns:
        The block.
    """
    return rx.vstack(
        rx.heading(t("page.not_found_title"), size="7", id="not-found"),
        rx.text(t("page.not_found_text")),
        rx.link(t("page.back_home"), href="/"),
        spacing="3",
        padding_y="2em",
    )


def page(*content: rx.Component, wide: bool = False) -> rx.Component:
    """Frame a signed-in page; shows loading and not-found states instead of the content.

    Args:
        *content: The page's content.
        wide: Let the content use the full width (boards).

    Returns:
        The page.
    """
    return rx.box(
        header(),
        rx.el.main(
            rx.cond(
                SessionState.loading,
                rx.center(rx.spinner(size="3"), padding="3em", aria_label=t("page.loading")),
                rx.cond(SessionState.not_found, not_found_block(), rx.fragment(*content)),
            ),
            class_name="app-main wide" if wide else "app-main",
        ),
        class_name="app-root",
    )


def project_frame(
    project_id: rx.Var,
    project_name: rx.Var,
    *content: rx.Component,
    shown: rx.Var | None = None,
    wide: bool = False,
    **props: object,
) -> rx.Component:
    """Frame a project's section: its navigation above the content, once the project is loaded.

    Args:
        project_id: The project's id Var (0 until loaded).
        project_name: The project's name Var.
        *content: The section's content.
        shown: When to show it (default: once the id is set).
        wide: Let the content use the full width.
        **props: Extra props of the content's stack (``class_name``, ``spacing``...).

    Returns:
        The page.
    """
    return page_when(
        project_id > 0 if shown is None else shown,
        project_nav(project_id, project_name),
        *content,
        wide=wide,
        **props,
    )


def page_when(
    shown: rx.Var, *content: rx.Component, wide: bool = False, **props: object
) -> rx.Component:
    """Frame a signed-in page whose content shows once its data is loaded, one block a row.

    Args:
        shown: When to show the content.
        *content: The blocks.
        wide: Let the content use the full width.
        **props: Extra props of the blocks' stack (``class_name``, ``spacing``...).

    Returns:
        The page.
    """
    return page(rx.cond(shown, blocks(*content, **props)), wide=wide)


def stacked_page(*content: rx.Component, **props: object) -> rx.Component:
    """Frame a signed-in page whose content stands one block a row.

    Args:
        *content: The blocks.
        **props: Extra props of the blocks' stack (``spacing``...).

    Returns:
        The page.
    """
    return page(blocks(*content, **props))


def blocks(*content: rx.Component, **props: object) -> rx.Component:
    """Blocks one under the other, full width.

    Args:
        *content: The blocks.
        **props: Extra stack props (``spacing``, default 4; ``class_name``...).

    Returns:
        The stack.
    """
    return rx.vstack(*content, **{"spacing": "4", "width": "100%", **props})


def row(*content: rx.Component, **props: object) -> rx.Component:
    """Items side by side that wrap onto more lines on a narrow screen (badges, buttons).

    Args:
        *content: The items.
        **props: Extra or overriding stack props (``spacing``, default 2; ``align``...).

    Returns:
        The row.
    """
    return rx.hstack(*content, **{"spacing": "2", "wrap": "wrap", **props})


def public_page(*content: rx.Component) -> rx.Component:
    """Frame a public page (sign-in, sign-up, invitation, feedback form).

    Args:
        *content: The page's content.

    Returns:
        The page.
    """
    return rx.box(
        header(),
        rx.el.main(rx.fragment(*content), class_name="app-main narrow"),
        class_name="app-root",
    )


def card(*content: rx.Component, **props: object) -> rx.Component:
    """A bordered section.

    Args:
        *content: Its content.
        **props: Extra props for the box.

    Returns:
        The card.
    """
    return rx.card(
        rx.vstack(*content, spacing="3", align="stretch", width="100%"), width="100%", **props
    )
