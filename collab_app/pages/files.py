"""A project's Files page: upload, folders, the list with previews, deliverables, trash (#17).

Phone-first (one column; the upload buttons open the picker or the camera); drag-and-drop on
desktop. The client reviews deliverables here: approve, or request changes.
"""

from __future__ import annotations

import reflex as rx

from collab_app.components.files_list import file_row, trash_row, viewer_dialog
from collab_app.components.files_upload import upload_zone
from collab_app.components.forms import form_error, hidden, input_field, stacked_form, submit_button
from collab_app.components.i18n import t, tf
from collab_app.components.layout import blocks, card, project_frame
from collab_app.components.ui import bullet_list, heading, muted, section, small_button
from collab_app.services.files import FolderView
from collab_app.services.revisions import DecisionView, ReviewView, VersionView
from collab_app.state.files import FilesState as S


def _folder_button(folder: rx.Var[FolderView]) -> rx.Component:
    return rx.button(
        folder.name,
        " (",
        folder.count,
        ")",
        size="1",
        variant=rx.cond(S.folder_id == folder.id, "solid", "outline"),
        on_click=S.open_folder(folder.id),
        class_name="folder-button",
    )


def _name_form(
    name: str, label_key: str, button: rx.Component, on_submit: object, **props: object
) -> rx.Component:
    """One name to type (a folder, a deliverable) and the button creating it."""
    return rx.form(
        rx.hstack(
            rx.input(
                id=name,
                name=name,
                max_length=80,
                placeholder=t(label_key),
                aria_label=t(label_key),
                **props,
            ),
            button,
            spacing="2",
            wrap="wrap",
        ),
        on_submit=on_submit,
        key=S.form_key,
    )


def _folders() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.button(
                t("files.ui.all_files"),
                size="1",
                variant=rx.cond(S.folder_id == 0, "solid", "outline"),
                on_click=S.open_folder(0),
            ),
            rx.foreach(S.folders, _folder_button),
            spacing="2",
            wrap="wrap",
        ),
        _name_form(
            "folder",
            "files.ui.folder_name",
            submit_button("files.ui.new_folder", size="2", variant="outline"),
            S.create_folder,
            size="2",
        ),
        rx.cond(S.field_errors["folder"], rx.text(S.field_errors["folder"], color_scheme="red")),
        spacing="2",
        width="100%",
    )


def _upload_card() -> rx.Component:
    return section(
        "files.ui.upload",
        muted(tf("files.ui.limit", max=S.max_size)),
        muted(
            rx.cond(
                S.abilities.can_manage_files, t("files.ui.internal_hint"), t("files.ui.client_hint")
            )
        ),
        upload_zone("files-upload", S.files_project_id, folder_id=S.folder_id),
        as_="h2",
    )


def _file_list() -> rx.Component:
    return section(
        "files.ui.title",
        rx.cond(S.abilities.can_manage_files, _folders()),
        bullet_list(
            S.file_rows,
            file_row,
            "files.ui.none",
            "file-list",
            list_id="file-list",
            id="files-empty",
        ),
        as_="h2",
    )


def _history_line(line: rx.Var[DecisionView]) -> rx.Component:
    return rx.el.li(line.text, class_name="review-history-line")


def _version(review: rx.Var[ReviewView], version: rx.Var[VersionView]) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.heading(tf("files.ui.version", number=version.number), size="3", as_="h4"),
            muted(version.published),
            rx.cond(version.approved, rx.badge(t("files.status_approved"), color_scheme="green")),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        bullet_list(
            version.files,
            lambda f: file_row(f, actions=False),
            "files.ui.no_files_yet",
            "file-list",
            empty_size="1",
        ),
        rx.cond(
            version.is_current & S.abilities.can_manage_files & (review.status != "approved"),
            upload_zone(f"review-upload-{version.id}", S.files_project_id, version_id=version.id),
        ),
        class_name="review-version",
        custom_attrs={"data-version": version.number},
    )


def _client_decision(review: rx.Var[ReviewView]) -> rx.Component:
    return rx.cond(
        S.abilities.can_decide_reviews & (review.status != "approved"),
        rx.vstack(
            rx.button(
                tf("files.ui.approve_version", number=review.current_version),
                color_scheme="green",
                size="3",
                on_click=S.approve(review.id, review.current_version_id),
                class_name="review-approve",
            ),
            stacked_form(
                hidden("review_item_id", review.id),
                hidden("version_id", review.current_version_id),
                input_field(
                    "changes",
                    "files.ui.changes",
                    control=rx.text_area,
                    required=True,
                    max_length=2000,
                    rows="3",
                ),
                submit_button(
                    "files.ui.request_changes",
                    variant="outline",
                    class_name="review-request-changes",
                ),
                on_submit=S.request_changes,
                key=S.form_key,
                spacing="2",
            ),
            spacing="3",
            width="100%",
        ),
    )


def _manager_reopen(review: rx.Var[ReviewView]) -> rx.Component:
    return rx.cond(
        S.abilities.can_manage_reviews & (review.status == "approved"),
        stacked_form(
            hidden("review_item_id", review.id),
            input_field(
                "reason",
                "files.ui.reopen_reason",
                required=True,
                max_length=2000,
                width=None,
                size=None,
            ),
            submit_button(
                "files.ui.reopen", variant="outline", size="2", class_name="review-reopen"
            ),
            on_submit=S.reopen,
            key=S.form_key,
            spacing="2",
            width=None,
        ),
    )


def _review(review: rx.Var[ReviewView]) -> rx.Component:
    return card(
        rx.hstack(
            rx.heading(review.name, size="4", as_="h3"),
            rx.badge(
                review.status_label,
                color_scheme=rx.cond(review.status == "approved", "green", "blue"),
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        _client_decision(review),
        _manager_reopen(review),
        rx.cond(
            S.abilities.can_manage_files & (review.status != "approved"),
            rx.button(
                tf("files.ui.publish_version", number=review.current_version + 1),
                size="2",
                variant="outline",
                on_click=S.publish_version(review.id),
                class_name="review-publish",
            ),
        ),
        rx.foreach(review.versions, lambda v: _version(review, v)),
        rx.cond(
            review.history.length() > 0,
            rx.el.ul(rx.foreach(review.history, _history_line), class_name="review-history"),
        ),
        class_name="review-card",
        custom_attrs={"data-review": review.name},
    )


def _reviews() -> rx.Component:
    return blocks(
        rx.heading(t("files.ui.deliverables"), size="5", as_="h2"),
        rx.cond(
            S.abilities.can_manage_files,
            _name_form(
                "review_name",
                "files.ui.deliverable_name",
                submit_button("files.ui.new_deliverable"),
                S.create_review,
            ),
        ),
        rx.cond(S.reviews.length() == 0, muted(t("files.ui.no_deliverables"), size="2")),
        rx.foreach(S.reviews, _review),
        spacing="3",
    )


def _trash() -> rx.Component:
    return rx.cond(
        S.abilities.can_manage_trash,
        card(
            rx.hstack(
                heading("files.ui.trash", as_="h2"),
                muted(S.usage, id="files-usage"),
                small_button(
                    rx.cond(S.show_trash, t("files.ui.hide_trash"), t("files.ui.show_trash")),
                    S.toggle_trash,
                    variant="outline",
                    id="files-trash-toggle",
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                S.show_trash,
                bullet_list(S.trash_rows, trash_row, "files.ui.trash_empty", "file-list"),
            ),
        ),
    )


def files_page() -> rx.Component:
    """The Files page.

    Returns:
        The page.
    """
    return project_frame(
        S.files_project_id,
        S.files_project_name,
        heading("files.ui.title", size="5", as_="h1"),
        form_error(),
        rx.cond(
            S.abilities.is_guest,
            rx.callout(t("files.ui.guest_note"), width="100%"),
            _upload_card(),
        ),
        _file_list(),
        rx.cond(S.abilities.can_see_reviews, _reviews()),
        _trash(),
        viewer_dialog(),
        spacing="3",
        class_name="files-page",
    )
