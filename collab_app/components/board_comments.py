"""A task's comment thread: internal vs client-visible at a glance, own comments editable."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import field, native_select
from collab_app.components.files_list import attached_files
from collab_app.components.files_upload import upload_zone
from collab_app.components.forms import labelled
from collab_app.components.i18n import t
from collab_app.components.layout import card
from collab_app.services.board.presenter import CommentLine
from collab_app.state.task import MentionUI, TaskState


def visibility_badge(visibility: rx.Var) -> rx.Component:
    """Who can read a comment: internal (team only) or client-visible.

    Args:
        visibility: ``internal`` or ``client``.

    Returns:
        The badge.
    """
    return rx.cond(
        visibility == "internal",
        rx.badge(
            rx.icon("lock", size=12, aria_hidden="true"),
            t("boardui.comment.internal"),
            color_scheme="gray",
            class_name="vis-internal",
        ),
        rx.badge(
            rx.icon("eye", size=12, aria_hidden="true"),
            t("boardui.comment.client"),
            color_scheme="orange",
            class_name="vis-client",
        ),
    )


def _visibility_select(name: str, default: rx.Var | str, **props: object) -> rx.Component:
    return field(
        "boardui.comment.visibility",
        name,
        native_select(
            name,
            rx.el.option(t("board.visibility.internal"), value="internal"),
            rx.el.option(t("board.visibility.client"), value="client"),
            name="visibility",
            default_value=default,
            **props,
        ),
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
        rx.hstack(
            rx.text(t("notifications.mention_people"), size="1", color_scheme="gray"),
            rx.foreach(people, _mention_button),
            spacing="1",
            wrap="wrap",
            align="center",
            id="mention-choices",
        ),
    )


def _edit_form(comment: rx.Var[CommentLine]) -> rx.Component:
    body_id = "edit-body-" + comment.id.to_string()
    return rx.form(
        # The id travels in the form: a submit handler cannot see the list's loop variable.
        rx.el.input(type="hidden", name="comment_id", value=comment.id.to_string()),
        rx.vstack(
            rx.el.label(t("boardui.comment.body"), html_for=body_id, class_name="field-label"),
            rx.text_area(
                id=body_id, name="body", default_value=comment.body, rows="4", max_length=10000
            ),
            rx.cond(
                TaskState.task.can_choose_visibility,
                _visibility_select("edit-visibility-" + comment.id.to_string(), comment.visibility),
            ),
            rx.hstack(
                rx.button(t("form.save"), type="submit"),
                rx.button(
                    t("form.cancel"),
                    type="button",
                    variant="soft",
                    on_click=TaskState.cancel_edit_comment,
                ),
                spacing="2",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=TaskState.save_comment,
        reset_on_submit=False,
        width="100%",
    )


def _comment(comment: rx.Var[CommentLine]) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(comment.author, weight="bold", size="2"),
            visibility_badge(comment.visibility),
            rx.text(comment.when, size="1", color_scheme="gray"),
            rx.cond(
                comment.edited,
                rx.text("(", t("boardui.comment.edited"), ")", size="1", class_name="edited"),
            ),
            spacing="2",
            wrap="wrap",
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
                rx.button(
                    t("boardui.comment.edit"),
                    size="1",
                    variant="ghost",
                    on_click=TaskState.start_edit_comment(comment.id),
                ),
                rx.button(
                    t("boardui.comment.delete"),
                    size="1",
                    variant="ghost",
                    color_scheme="red",
                    on_click=TaskState.delete_comment(comment.id),
                ),
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
    return rx.form(
        rx.vstack(
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
            rx.text(t("notifications.mention_hint"), size="1", color_scheme="gray"),
            _mention_choices(),
            rx.cond(
                TaskState.task.can_choose_visibility,
                _visibility_select(
                    "visibility", "internal", on_change=TaskState.set_draft_visibility
                ),
                rx.text(t("boardui.comment.client_note"), size="1", color_scheme="gray"),
            ),
            rx.button(t("boardui.comment.send"), type="submit", size="3"),
            spacing="2",
            width="100%",
            align="start",
        ),
        on_submit=TaskState.add_comment,
        reset_on_submit=False,
        width="100%",
        id="new-comment",
    )


def comment_thread() -> rx.Component:
    """The comments with their visibility, and the form to post one.

    Returns:
        The section.
    """
    return card(
        rx.heading(t("boardui.comments"), size="4", as_="h2"),
        rx.cond(
            TaskState.comments.length() == 0,
            rx.text(t("boardui.comments.none"), color_scheme="gray", size="2"),
        ),
        rx.foreach(TaskState.comments, _comment),
        rx.cond(
            TaskState.task.can_comment,
            _new_comment(),
            rx.cond(
                TaskState.abilities.is_client,
                rx.text(
                    t("board.read_only_client"), size="2", color_scheme="gray", id="read-only-note"
                ),
            ),
        ),
        id="comments",
    )
