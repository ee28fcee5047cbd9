"""A task's own page (its own URL): description, comments, people, labels, history."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import wip_dialog
from collab_app.components.board_comments import comment_thread
from collab_app.components.board_task import task_description, task_header, task_history, task_side
from collab_app.components.files_list import task_files
from collab_app.components.files_upload import upload_zone
from collab_app.components.forms import form_error
from collab_app.components.i18n import t
from collab_app.components.layout import page
from collab_app.components.project_nav import project_nav
from collab_app.state.task import TaskState


def task_page() -> rx.Component:
    """The task page.

    Returns:
        The page.
    """
    task = TaskState.task
    return page(
        rx.cond(
            task,
            rx.vstack(
                project_nav(task.project_id, TaskState.project_name),
                rx.link(
                    "← ",
                    t("boardui.back_to_board"),
                    href=f"/projects/{task.project_id}/board",
                ),
                rx.cond(
                    task.preview,
                    rx.callout(t("board.preview_banner"), color_scheme="orange", width="100%"),
                ),
                form_error(),
                task_header(),
                rx.box(
                    rx.vstack(
                        task_description(),
                        task_files(
                            TaskState.task_files,
                            ~task.preview,
                            upload_zone("task-upload", task.project_id, task_id=task.id),
                        ),
                        comment_thread(),
                        spacing="3",
                        width="100%",
                    ),
                    rx.vstack(task_side(), task_history(), spacing="3", width="100%"),
                    class_name="task-grid",
                ),
                wip_dialog(TaskState),
                spacing="3",
                width="100%",
            ),
        )
    )
