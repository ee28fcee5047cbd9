"""My tasks: what is assigned to the viewer across all their projects."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import blocked_badge, due_badge, label_chip, priority_badge
from collab_app.components.i18n import t
from collab_app.components.layout import row, stacked_page
from collab_app.components.ui import bullet_list, heading, muted, toggle_button
from collab_app.services.board.presenter import MyTaskLine
from collab_app.state.my_tasks import MyTasksState


def _task(task: rx.Var[MyTaskLine]) -> rx.Component:
    card = task.card
    return rx.el.li(
        rx.link(
            card.title,
            href=f"/projects/{task.project_id}/tasks/{card.id}",
            weight="medium",
            class_name="card-title",
        ),
        row(
            muted(task.project_name),
            rx.badge(task.column_name, variant="outline"),
            rx.cond(task.is_done, rx.badge(t("boardui.my.done"), color_scheme="green")),
            priority_badge(card.priority),
            due_badge(card.due_label, card.due_state),
            rx.cond(card.blocked, blocked_badge()),
            rx.foreach(card.labels, label_chip),
            align="center",
        ),
        class_name="my-task",
    )


def my_tasks_page() -> rx.Component:
    """The "My tasks" page.

    Returns:
        The page.
    """
    return stacked_page(
        heading("boardui.my.title", size="6", as_="h1"),
        toggle_button(
            MyTasksState.include_done,
            "boardui.my.hide_done",
            "boardui.my.include_done",
            MyTasksState.toggle_done,
        ),
        bullet_list(MyTasksState.tasks, _task, "boardui.my.none", "my-tasks", empty_size=None),
        spacing="3",
    )
