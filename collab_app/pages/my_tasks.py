"""My tasks: what is assigned to the viewer across all their projects."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import blocked_badge, due_badge, label_chip, priority_badge
from collab_app.components.i18n import t
from collab_app.components.layout import page
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
        rx.hstack(
            rx.text(task.project_name, size="1", color_scheme="gray"),
            rx.badge(task.column_name, variant="outline"),
            rx.cond(task.is_done, rx.badge(t("boardui.my.done"), color_scheme="green")),
            priority_badge(card.priority),
            due_badge(card.due_label, card.due_state),
            rx.cond(card.blocked, blocked_badge()),
            rx.foreach(card.labels, label_chip),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
        class_name="my-task",
    )


def my_tasks_page() -> rx.Component:
    """The "My tasks" page.

    Returns:
        The page.
    """
    return page(
        rx.vstack(
            rx.heading(t("boardui.my.title"), size="6", as_="h1"),
            rx.button(
                rx.cond(
                    MyTasksState.include_done,
                    t("boardui.my.hide_done"),
                    t("boardui.my.include_done"),
                ),
                on_click=MyTasksState.toggle_done,
                variant="outline",
                aria_pressed=MyTasksState.include_done,
            ),
            rx.cond(
                MyTasksState.tasks.length() == 0,
                rx.text(t("boardui.my.none"), color_scheme="gray"),
                rx.el.ul(rx.foreach(MyTasksState.tasks, _task), class_name="my-tasks"),
            ),
            spacing="3",
            width="100%",
        )
    )
