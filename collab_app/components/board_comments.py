"""A task's comment thread: internal vs client-visible at a glance, own comments editable."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import icon_badge, save_or_cancel, select_field
from collab_app.components.files_list import attached_files
from collab_app.components.files_upload import upload_zone
from collab_app.components.forms import (
    hidden,
    keyed_options,
    labelled,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import t
from collab_app.components.layout import row
from collab_app.components.ui import danger_button, muted, section, small_button
from collab_app.services.board.presenter import CommentLine
from collab_app.state.task import MentionUI, TaskState

VISIBILITIES = [("internal", "board.visibility.internal"), ("client", "board.visibility.client")]


def visibility_badge(visibility: rx.Var) -> rx.Component:
    """Who can read a comment: internal (team only) or client-visible.

    Args:
        visibility: ``internal`` or ``client``.

    Returns:
        The badge.
    """
    return rx.cond(
        visibility == "internal",
        icon_badge("lock", "boardui.comment.internal", "gray", class_name="vis-internal"),
        icon_badge("eye", "boardui.comment.client", "orange", class_name="vis-client"),
    )


def _visibility_select(name: str, default: rx.Var | str, **props: object) -> rx.Component:
    return select_field(
        "boardui.comment.visibility",
        name,
        *keyed_options(VISIBILITIES),
        name="visibility",
        default_value=default,
        **props,
    )


def _mention_button(person: rx.Var[MentionUI]) -> rx.Component:
    # Only the names matching what follows the "@" typed so far.
    return rx.cond(
        person.name.lower().contains(TaskState.mention_query),
        _mention_choice(person),
    )


def _mention_choice(person: rx.Var[MentionUI]) -> rx.Component:
    return rx.button(
        "@",
        person.name,
        type="button",
        size="1",
        variant="soft",
        on_click=[rx.call_script(person.insert_js), TaskState.close_mentions],
        class_name="mention-choice",
    )


def _mention_choices() -> rx.Component:
    """The people who may read the comment being written, to mention with one tap."""
    people = rx.cond(
        TaskState.draft_visibility == "client",
        TaskState.mentions_client,
        TaskState.mentions_internal,
    )
    return rx.cond(
        TaskState.mention_open & (people.length() > 0),
        row(
            muted(t("notifications.mention_people")),
            rx.foreach(people, _mention_button),
            spacing="1",
            align="center",
            id="mention-choices",
        ),
    )


def _edit_form(comment: rx.Var[CommentLine]) -> rx.Component:
    body_id = "edit-body-" + comment.id.to_string()
    return stacked_form(
        # The id travels in the form: a submit handler cannot see the list's loop variable.
        hidden("comment_id", comment.id.to_string()),
        rx.el.label(t("boardui.comment.body"), html_for=body_id, class_name="field-label"),
        rx.text_area(
            id=body_id, name="body", default_value=comment.body, rows="4", max_length=10000
        ),
        rx.cond(
            TaskState.task.can_choose_visibility,
            _visibility_select("edit-visibility-" + comment.id.to_string(), comment.visibility),
        ),
        save_or_cancel("form.save", TaskState.cancel_edit_comment, size="2"),
        on_submit=TaskState.save_comment,
        reset_on_submit=False,
        spacing="2",
    )


def _comment(comment: rx.Var[CommentLine]) -> rx.Component:
    return rx.box(
        row(
            rx.text(comment.author, weight="bold", size="2"),
            visibility_badge(comment.visibility),
            muted(comment.when),
            rx.cond(
                comment.edited,
                rx.text("(", t("boardui.comment.edited"), ")", size="1", class_name="edited"),
            ),
            align="center",
        ),
        rx.cond(
            TaskState.editing_comment == comment.id,
            _edit_form(comment),
            rx.box(rx.html(comment.body_html), class_name="rich-text comment-body"),
        ),
        rx.cond(
            comment.can_edit & (TaskState.editing_comment != comment.id),
            rx.hstack(
                small_button(
                    "boardui.comment.edit",
                    TaskState.start_edit_comment(comment.id),
                    variant="ghost",
                ),
                danger_button("boardui.comment.delete", TaskState.delete_comment(comment.id)),
                spacing="3",
            ),
        ),
        attached_files(
            comment.files,
            comment.can_edit,
            upload_zone(
                "comment-upload-" + comment.id.to_string(),
                TaskState.task.project_id,
                comment_id=comment.id,
            ),
        ),
        class_name=rx.cond(
            comment.visibility == "internal", "comment comment-internal", "comment comment-client"
        ),
        id="comment-" + comment.id.to_string(),
    )


def _new_comment() -> rx.Component:
    return stacked_form(
        labelled(
            "body",
            "boardui.comment.new",
            rx.text_area(
                id="body",
                name="body",
                rows="3",
                max_length=10000,
                required=True,
                on_change=TaskState.watch_draft.debounce(250),
            ),
        ),
        muted(t("notifications.mention_hint")),
        _mention_choices(),
        rx.cond(
            TaskState.task.can_choose_visibility,
            _visibility_select("visibility", "internal", on_change=TaskState.set_draft_visibility),
            muted(t("boardui.comment.client_note")),
        ),
        submit_button("boardui.comment.send"),
        on_submit=TaskState.add_comment,
        reset_on_submit=False,
        spacing="2",
        id="new-comment",
    )


def comment_thread() -> rx.Component:
    """The comments with their visibility, and the form to post one.

    Returns:
        The section.
    """
    return section(
        "boardui.comments",
        rx.cond(TaskState.comments.length() == 0, muted(t("boardui.comments.none"), size="2")),
        rx.foreach(TaskState.comments, _comment),
        rx.cond(
            TaskState.task.can_comment,
            _new_comment(),
            rx.cond(
                TaskState.abilities.is_client,
                muted(t("board.read_only_client"), size="2", id="read-only-note"),
            ),
        ),
        as_="h2",
        id="comments",
    )
