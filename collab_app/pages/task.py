"""A task's own page (its own URL): description, comments, people, labels, history."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import preview_banner, wip_dialog
from collab_app.components.board_comments import comment_thread
from collab_app.components.board_task import task_description, task_header, task_history, task_side
from collab_app.components.files_list import task_files
from collab_app.components.files_upload import upload_zone
from collab_app.components.forms import form_error
from collab_app.components.i18n import t
from collab_app.components.layout import blocks, project_frame
from collab_app.state.task import TaskState


def task_page() -> rx.Component:
    """The task page.

    Returns:
        The page.
    """
    task = TaskState.task
    return project_frame(
        task.project_id,
        TaskState.project_name,
        rx.link(
            "← ",
            t("boardui.back_to_board"),
            href=f"/projects/{task.project_id}/board",
        ),
        rx.cond(task.preview, preview_banner()),
        form_error(),
        task_header(),
        rx.box(
            blocks(
                task_description(),
                task_files(
                    TaskState.task_files,
                    ~task.preview,
                    upload_zone("task-upload", task.project_id, task_id=task.id),
                ),
                comment_thread(),
                spacing="3",
            ),
            blocks(task_side(), task_history(), spacing="3"),
            class_name="task-grid",
        ),
        wip_dialog(TaskState),
        shown=task,
        spacing="3",
    )
