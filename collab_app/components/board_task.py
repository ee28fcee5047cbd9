"""Parts of a task's page: header, description/edit form, people and labels, move, history."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from collab_app.components.board_bits import (
    blocked_badge,
    check_box,
    delete_card_button,
    description_field,
    due_badge,
    due_field,
    hidden_badge,
    kept_form,
    label_chip,
    priority_badge,
    priority_field,
    save_or_cancel,
    select_field,
    title_field,
)
from collab_app.components.forms import option_of, submit_button
from collab_app.components.i18n import t
from collab_app.components.layout import card, row
from collab_app.components.ui import bullet_list, heading, muted, section
from collab_app.services.board import PersonView
from collab_app.services.board.presenter import ActivityLine, Choice
from collab_app.state.task import TaskState

TASK = TaskState.task


def task_header() -> rx.Component:
    """Title, badges, column, creator.

    Returns:
        The header.
    """
    return rx.vstack(
        rx.heading(TASK.title, size="6", as_="h1", id="task-title", class_name="task-title"),
        row(
            priority_badge(TASK.priority),
            due_badge(TASK.due_label, TASK.due_state),
            rx.cond(TASK.blocked, blocked_badge()),
            rx.cond(TASK.hidden, hidden_badge()),
            rx.badge(TASK.column_name, variant="outline", id="task-column"),
        ),
        muted(TASK.created_by, " · ", TASK.created_label),
        spacing="2",
        width="100%",
    )


def _check(prefix: str, choice: rx.Var[Choice], label: rx.Component) -> rx.Component:
    choice_id = choice.id.to_string()
    return check_box("pick-" + choice_id, prefix + choice_id, label, choice.checked)


def _edit_form() -> rx.Component:
    return kept_form(
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
        width="100%",
    )


def task_description() -> rx.Component:
    """The description (safe HTML from the server), or the edit form.

    Returns:
        The section.
    """
    return card(
        rx.hstack(
            heading("boardui.task.description", as_="h2"),
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
                muted(t("boardui.task.no_description"), size="2"),
            ),
        ),
    )


def _names(people: rx.Var[list[PersonView]]) -> rx.Component:
    return rx.cond(
        people.length() > 0,
        row(
            rx.foreach(people, lambda p: rx.badge(p.name, variant="soft", color_scheme="blue")),
            spacing="1",
        ),
        muted(t("boardui.task.nobody"), size="2"),
    )


def _checklist(
    kind: str, choices: rx.Var, save_key: str, label_fn: Callable[[rx.Var], object]
) -> rx.Component:
    return rx.el.details(
        rx.el.summary(t(f"boardui.task.edit_{kind}"), class_name="filters-summary"),
        kept_form(
            rx.box(
                rx.foreach(choices, lambda c: _check(f"{kind}-", c, label_fn(c))),
                class_name="check-list",
            ),
            submit_button(save_key, size="2"),
            on_submit=lambda data: TaskState.save_people(kind, data),
            # Re-mount with fresh checkboxes after each change.
            key=TaskState.activity.length().to_string() + kind,
        ),
    )


def _move_form() -> rx.Component:
    return kept_form(
        select_field(
            "boardui.task.move",
            "task_column",
            rx.foreach(TaskState.column_options, option_of),
            default_value=TaskState.current_column,
            key=TaskState.current_column,
        ),
        submit_button("boardui.move.submit", size="2"),
        on_submit=TaskState.move,
    )


def _name_of(choice: rx.Var[Choice]) -> rx.Var:
    return choice.name


# The message key of each checklist's save button.
_SAVE_KEYS = {
    "assignees": "boardui.task.save_people",
    "labels": "boardui.task.save_labels",
    "watchers": "boardui.task.save_watchers",
}


def _picks(
    kind: str, shown: rx.Component, choices: rx.Var, label_fn: Callable[[rx.Var], object]
) -> tuple[rx.Component, ...]:
    """A side part: its heading, who or what is picked, and the checklist to change it."""
    return (
        heading(f"boardui.task.{kind}", size="3", as_="h2"),
        shown,
        rx.cond(TASK.can_edit, _checklist(kind, choices, _SAVE_KEYS[kind], label_fn)),
    )


def task_side() -> rx.Component:
    """Column and move, assignees, labels, watchers (with watch/unwatch), delete.

    Returns:
        The side panel.
    """
    return card(
        rx.cond(TASK.can_move, _move_form()),
        *_picks("assignees", _names(TASK.assignees), TaskState.assignee_choices, _name_of),
        *_picks(
            "labels",
            rx.cond(
                TASK.labels.length() > 0,
                row(
                    rx.foreach(TASK.labels, label_chip),
                    spacing="1",
                ),
                muted(t("boardui.task.no_label"), size="2"),
            ),
            TaskState.label_choices,
            lambda c: rx.badge(c.name, color_scheme=c.color, variant="surface"),
        ),
        *_picks("watchers", _names(TASK.watchers), TaskState.watcher_choices, _name_of),
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
            delete_card_button(TaskState.delete, id="delete-task"),
        ),
    )


def _activity_line(line: rx.Var[ActivityLine]) -> rx.Component:
    return rx.el.li(
        rx.text(line.text, size="2"),
        muted(line.when),
    )


def task_history() -> rx.Component:
    """Who created, moved, edited, commented, when.

    Returns:
        The section.
    """
    return section(
        "boardui.task.history",
        bullet_list(TaskState.activity, _activity_line, "boardui.task.no_history", "history"),
        as_="h2",
        id="history",
    )
