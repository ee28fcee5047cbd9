"""Parts of a task's page: header, description/edit form, people and labels, move, history."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import (
    blocked_badge,
    check_box,
    description_field,
    due_badge,
    due_field,
    field,
    hidden_badge,
    label_chip,
    native_select,
    priority_badge,
    priority_field,
    save_or_cancel,
    title_field,
)
from collab_app.components.i18n import t
from collab_app.components.layout import card
from collab_app.services.board import PersonView
from collab_app.services.board.presenter import ActivityLine, Choice
from collab_app.services.shared_views import Option
from collab_app.state.task import TaskState

TASK = TaskState.task


def task_header() -> rx.Component:
    """Title, badges, column, creator.

    Returns:
        The header.
    """
    return rx.vstack(
        rx.heading(TASK.title, size="6", as_="h1", id="task-title", class_name="task-title"),
        rx.hstack(
            priority_badge(TASK.priority),
            due_badge(TASK.due_label, TASK.due_state),
            rx.cond(TASK.blocked, blocked_badge()),
            rx.cond(TASK.hidden, hidden_badge()),
            rx.badge(TASK.column_name, variant="outline", id="task-column"),
            spacing="2",
            wrap="wrap",
        ),
        rx.text(
            TASK.created_by,
            " · ",
            TASK.created_label,
            size="1",
            color_scheme="gray",
        ),
        spacing="2",
        width="100%",
    )


def _check(prefix: str, choice: rx.Var[Choice], label: rx.Component) -> rx.Component:
    box_id = prefix + choice.id.to_string()
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name="pick-" + choice.id.to_string(),
            id=box_id,
            default_checked=choice.checked,
        ),
        " ",
        label,
        html_for=box_id,
        class_name="check-label",
    )


def _edit_form() -> rx.Component:
    return rx.form(
        title_field(TASK.title),
        description_field(TASK.description, rows="6"),
        rx.box(priority_field(TASK.priority), due_field(TASK.due_date), class_name="form-grid"),
        check_box("blocked", "edit-blocked", "boardui.field.blocked", TASK.blocked),
        rx.cond(
            TASK.can_set_hidden,
            check_box("hidden", "edit-hidden", "boardui.field.hidden", TASK.hidden),
        ),
        save_or_cancel("form.save", TaskState.toggle_edit),
        on_submit=TaskState.save,
        reset_on_submit=False,
        class_name="stack-form",
        width="100%",
    )


def task_description() -> rx.Component:
    """The description (safe HTML from the server), or the edit form.

    Returns:
        The section.
    """
    return card(
        rx.hstack(
            rx.heading(t("boardui.task.description"), size="4", as_="h2"),
            rx.spacer(),
            rx.cond(
                TASK.can_edit & ~TaskState.editing,
                rx.button(
                    t("boardui.task.edit"),
                    on_click=TaskState.toggle_edit,
                    variant="soft",
                    id="edit-task",
                ),
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            TaskState.editing,
            _edit_form(),
            rx.cond(
                TASK.description_html != "",
                rx.box(
                    rx.html(TASK.description_html), class_name="rich-text", id="task-description"
                ),
                rx.text(t("boardui.task.no_description"), color_scheme="gray", size="2"),
            ),
        ),
    )


def _names(people: rx.Var[list[PersonView]]) -> rx.Component:
    return rx.cond(
        people.length() > 0,
        rx.hstack(
            rx.foreach(people, lambda p: rx.badge(p.name, variant="soft", color_scheme="blue")),
            spacing="1",
            wrap="wrap",
        ),
        rx.text(t("boardui.task.nobody"), size="2", color_scheme="gray"),
    )


def _checklist(kind: str, choices: rx.Var, save_key: str, label_fn) -> rx.Component:  # noqa: ANN001
    return rx.el.details(
        rx.el.summary(t(f"boardui.task.edit_{kind}"), class_name="filters-summary"),
        rx.form(
            rx.box(
                rx.foreach(choices, lambda c: _check(f"{kind}-", c, label_fn(c))),
                class_name="check-list",
            ),
            rx.button(t(save_key), type="submit", size="2"),
            on_submit=lambda data: TaskState.save_people(kind, data),
            reset_on_submit=False,
            class_name="stack-form",
            # Re-mount with fresh checkboxes after each change.
            key=TaskState.activity.length().to_string() + kind,
        ),
    )


def _move_form() -> rx.Component:
    def option(o: rx.Var[Option]) -> rx.Component:
        return rx.el.option(o.text, value=o.value)

    return rx.form(
        field(
            "boardui.task.move",
            "task_column",
            native_select(
                "task_column",
                rx.foreach(TaskState.column_options, option),
                default_value=TaskState.current_column,
                key=TaskState.current_column,
            ),
        ),
        rx.button(t("boardui.move.submit"), type="submit", size="2"),
        on_submit=TaskState.move,
        reset_on_submit=False,
        class_name="stack-form",
    )


def task_side() -> rx.Component:
    """Column and move, assignees, labels, watchers (with watch/unwatch), delete.

    Returns:
        The side panel.
    """
    return card(
        rx.cond(TASK.can_move, _move_form()),
        rx.heading(t("boardui.task.assignees"), size="3", as_="h2"),
        _names(TASK.assignees),
        rx.cond(
            TASK.can_edit,
            _checklist(
                "assignees",
                TaskState.assignee_choices,
                "boardui.task.save_people",
                lambda c: c.name,
            ),
        ),
        rx.heading(t("boardui.task.labels"), size="3", as_="h2"),
        rx.cond(
            TASK.labels.length() > 0,
            rx.hstack(rx.foreach(TASK.labels, label_chip), spacing="1", wrap="wrap"),
            rx.text(t("boardui.task.no_label"), size="2", color_scheme="gray"),
        ),
        rx.cond(
            TASK.can_edit,
            _checklist(
                "labels",
                TaskState.label_choices,
                "boardui.task.save_labels",
                lambda c: rx.badge(c.name, color_scheme=c.color, variant="surface"),
            ),
        ),
        rx.heading(t("boardui.task.watchers"), size="3", as_="h2"),
        _names(TASK.watchers),
        rx.cond(
            TASK.can_edit,
            _checklist(
                "watchers",
                TaskState.watcher_choices,
                "boardui.task.save_watchers",
                lambda c: c.name,
            ),
        ),
        rx.cond(
            ~TASK.preview,
            rx.button(
                rx.cond(TASK.watching, t("boardui.task.unwatch"), t("boardui.task.watch")),
                on_click=TaskState.toggle_watch,
                variant="outline",
                id="watch-toggle",
            ),
        ),
        rx.cond(
            TASK.can_edit,
            rx.button(
                t("boardui.delete_card"),
                on_click=TaskState.delete,
                color_scheme="red",
                variant="soft",
                id="delete-task",
            ),
        ),
    )


def _activity_line(line: rx.Var[ActivityLine]) -> rx.Component:
    return rx.el.li(
        rx.text(line.text, size="2"),
        rx.text(line.when, size="1", color_scheme="gray"),
    )


def task_history() -> rx.Component:
    """Who created, moved, edited, commented, when.

    Returns:
        The section.
    """
    return card(
        rx.heading(t("boardui.task.history"), size="4", as_="h2"),
        rx.cond(
            TaskState.activity.length() == 0,
            rx.text(t("boardui.task.no_history"), size="2", color_scheme="gray"),
            rx.el.ul(rx.foreach(TaskState.activity, _activity_line), class_name="history"),
        ),
        id="history",
    )
