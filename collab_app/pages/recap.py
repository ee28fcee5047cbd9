"""A project's weekly progress recap: done this week, in progress, next due dates, blocked."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import blocked_badge, due_badge, preview_banner
from collab_app.components.i18n import t
from collab_app.components.layout import card, project_frame, row
from collab_app.components.ui import bullet_list, coded, heading, muted, section, toggle_button
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
        rx.cond(item.assignees != "", muted(item.assignees)),
        class_name="recap-item",
    )


def _section(section: rx.Var[RecapSection]) -> rx.Component:
    return card(
        heading(coded("", SECTION_KEYS, section.key), as_="h2"),
        bullet_list(section.tasks, _item, "board.recap.nothing", "recap-list"),
        class_name="recap-section",
    )


def recap_page() -> rx.Component:
    """The recap page.

    Returns:
        The page.
    """
    return project_frame(
        RecapState.recap_project_id,
        RecapState.project_name,
        heading("boardui.recap.title", size="5", as_="h1"),
        rx.text(RecapState.period_start, " – ", RecapState.period_end, id="recap-period"),
        rx.cond(
            RecapState.plain_text != "",
            row(
                rx.button(t("boardui.recap.copy"), on_click=RecapState.copy_text, id="recap-copy"),
                toggle_button(
                    RecapState.as_client,
                    "boardui.recap.team_version",
                    "boardui.recap.client_version",
                    RecapState.toggle_client_version,
                    color_scheme="orange",
                    id="recap-client-toggle",
                ),
            ),
        ),
        rx.cond(RecapState.preview, preview_banner()),
        rx.box(rx.foreach(RecapState.sections, _section), class_name="grid-2"),
        rx.cond(
            RecapState.approvals.length() > 0,
            section(
                "files.recap_section",
                rx.el.ul(
                    rx.foreach(RecapState.approvals, lambda line: rx.el.li(line)),
                    class_name="recap-list",
                ),
                as_="h2",
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
    )
