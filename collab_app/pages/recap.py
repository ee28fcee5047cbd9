"""A project's weekly progress recap: done this week, in progress, next due dates, blocked."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import blocked_badge, due_badge
from collab_app.components.i18n import t
from collab_app.components.layout import card, page
from collab_app.components.project_nav import project_nav
from collab_app.services.projects.presenter import RecapLine, RecapSection
from collab_app.state.recap import RecapState

SECTION_KEYS = (
    "board.recap.done",
    "board.recap.in_progress",
    "board.recap.upcoming",
    "board.recap.blocked",
)


def _item(item: rx.Var[RecapLine]) -> rx.Component:
    return rx.el.li(
        rx.link(
            item.title,
            href=f"/projects/{RecapState.recap_project_id}/tasks/{item.task_id}"
            + rx.cond(RecapState.preview, "?as=client", ""),
        ),
        " ",
        rx.cond(item.column_name != "", rx.badge(item.column_name, variant="outline")),
        " ",
        due_badge(item.due_label, item.due_state),
        rx.cond(item.blocked, blocked_badge()),
        rx.cond(item.assignees != "", rx.text(item.assignees, size="1", color_scheme="gray")),
        class_name="recap-item",
    )


def _section(section: rx.Var[RecapSection]) -> rx.Component:
    return card(
        rx.heading(
            rx.match(section.key, *[(key, t(key)) for key in SECTION_KEYS], section.key),
            size="4",
            as_="h2",
        ),
        rx.cond(
            section.tasks.length() == 0,
            rx.text(t("board.recap.nothing"), color_scheme="gray", size="2"),
            rx.el.ul(rx.foreach(section.tasks, _item), class_name="recap-list"),
        ),
        class_name="recap-section",
    )


def recap_page() -> rx.Component:
    """The recap page.

    Returns:
        The page.
    """
    return page(
        rx.cond(
            RecapState.recap_project_id > 0,
            rx.vstack(
                project_nav(RecapState.recap_project_id, RecapState.project_name),
                rx.heading(t("boardui.recap.title"), size="5", as_="h1"),
                rx.text(RecapState.period_start, " – ", RecapState.period_end, id="recap-period"),
                rx.cond(
                    RecapState.plain_text != "",
                    rx.hstack(
                        rx.button(
                            t("boardui.recap.copy"), on_click=RecapState.copy_text, id="recap-copy"
                        ),
                        rx.button(
                            rx.cond(
                                RecapState.as_client,
                                t("boardui.recap.team_version"),
                                t("boardui.recap.client_version"),
                            ),
                            on_click=RecapState.toggle_client_version,
                            variant="outline",
                            color_scheme="orange",
                            aria_pressed=RecapState.as_client,
                            id="recap-client-toggle",
                        ),
                        spacing="2",
                        wrap="wrap",
                    ),
                ),
                rx.cond(
                    RecapState.preview,
                    rx.callout(t("board.preview_banner"), color_scheme="orange", width="100%"),
                ),
                rx.box(rx.foreach(RecapState.sections, _section), class_name="grid-2"),
                rx.cond(
                    RecapState.approvals.length() > 0,
                    card(
                        rx.heading(t("files.recap_section"), size="4", as_="h2"),
                        rx.el.ul(
                            rx.foreach(RecapState.approvals, lambda line: rx.el.li(line)),
                            class_name="recap-list",
                        ),
                        id="recap-approvals",
                    ),
                ),
                rx.cond(
                    RecapState.plain_text != "",
                    rx.el.details(
                        rx.el.summary(t("boardui.recap.text"), class_name="filters-summary"),
                        rx.el.pre(RecapState.plain_text, class_name="recap-text", id="recap-text"),
                    ),
                ),
                spacing="3",
                width="100%",
            ),
        )
    )
