"""A project's Files page: upload, folders, the list with previews, deliverables, trash (#17).

Phone-first (one column; the upload buttons open the picker or the camera); drag-and-drop on
desktop. The client reviews deliverables here: approve, or request changes.
"""

from __future__ import annotations

import reflex as rx

from collab_app.components.files_list import file_row, trash_row, viewer_dialog
from collab_app.components.files_upload import upload_zone
from collab_app.components.forms import form_error, labelled, submit_button
from collab_app.components.i18n import t, tf
from collab_app.components.layout import card, page
from collab_app.components.project_nav import project_nav
from collab_app.services.files import DecisionView, FolderView, ReviewView, VersionView
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
        rx.form(
            rx.hstack(
                rx.input(
                    id="folder",
                    name="folder",
                    max_length=80,
                    placeholder=t("files.ui.folder_name"),
                    aria_label=t("files.ui.folder_name"),
                    size="2",
                ),
                rx.button(t("files.ui.new_folder"), type="submit", size="2", variant="outline"),
                spacing="2",
                wrap="wrap",
            ),
            on_submit=S.create_folder,
            key=S.form_key,
        ),
        rx.cond(S.field_errors["folder"], rx.text(S.field_errors["folder"], color_scheme="red")),
        spacing="2",
        width="100%",
    )


def _upload_card() -> rx.Component:
    return card(
        rx.heading(t("files.ui.upload"), size="4", as_="h2"),
        rx.text(tf("files.ui.limit", max=S.max_size), size="1", color_scheme="gray"),
        rx.cond(
            S.abilities.can_manage_files,
            rx.text(t("files.ui.internal_hint"), size="1", color_scheme="gray"),
            rx.text(t("files.ui.client_hint"), size="1", color_scheme="gray"),
        ),
        upload_zone("files-upload", S.files_project_id, folder_id=S.folder_id),
    )


def _file_list() -> rx.Component:
    return card(
        rx.heading(t("files.ui.title"), size="4", as_="h2"),
        rx.cond(S.abilities.can_manage_files, _folders()),
        rx.cond(
            S.file_rows.length() == 0,
            rx.text(t("files.ui.none"), color_scheme="gray", size="2", id="files-empty"),
            rx.el.ul(rx.foreach(S.file_rows, file_row), class_name="file-list", id="file-list"),
        ),
    )


def _history_line(line: rx.Var[DecisionView]) -> rx.Component:
    return rx.el.li(line.text, class_name="review-history-line")


def _version(review: rx.Var[ReviewView], version: rx.Var[VersionView]) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.heading(tf("files.ui.version", number=version.number), size="3", as_="h4"),
            rx.text(version.published, size="1", color_scheme="gray"),
            rx.cond(version.approved, rx.badge(t("files.status_approved"), color_scheme="green")),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            version.files.length() == 0,
            rx.text(t("files.ui.no_files_yet"), size="1", color_scheme="gray"),
            rx.el.ul(
                rx.foreach(version.files, lambda f: file_row(f, actions=False)),
                class_name="file-list",
            ),
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
            rx.form(
                rx.vstack(
                    rx.el.input(type="hidden", name="review_item_id", value=review.id),
                    rx.el.input(type="hidden", name="version_id", value=review.current_version_id),
                    labelled(
                        "changes",
                        "files.ui.changes",
                        rx.text_area(
                            id="changes",
                            name="changes",
                            required=True,
                            max_length=2000,
                            rows="3",
                            width="100%",
                            size="3",
                        ),
                    ),
                    rx.button(
                        t("files.ui.request_changes"),
                        type="submit",
                        size="3",
                        variant="outline",
                        class_name="review-request-changes",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=S.request_changes,
                key=S.form_key,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
    )


def _manager_reopen(review: rx.Var[ReviewView]) -> rx.Component:
    return rx.cond(
        S.abilities.can_manage_reviews & (review.status == "approved"),
        rx.form(
            rx.vstack(
                rx.el.input(type="hidden", name="review_item_id", value=review.id),
                labelled(
                    "reason",
                    "files.ui.reopen_reason",
                    rx.input(id="reason", name="reason", required=True, max_length=2000),
                ),
                rx.button(
                    t("files.ui.reopen"),
                    type="submit",
                    variant="outline",
                    size="2",
                    class_name="review-reopen",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=S.reopen,
            key=S.form_key,
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
    return rx.vstack(
        rx.heading(t("files.ui.deliverables"), size="5", as_="h2"),
        rx.cond(
            S.abilities.can_manage_files,
            rx.form(
                rx.hstack(
                    rx.input(
                        id="review_name",
                        name="review_name",
                        max_length=80,
                        placeholder=t("files.ui.deliverable_name"),
                        aria_label=t("files.ui.deliverable_name"),
                    ),
                    submit_button("files.ui.new_deliverable"),
                    spacing="2",
                    wrap="wrap",
                ),
                on_submit=S.create_review,
                key=S.form_key,
            ),
        ),
        rx.cond(
            S.reviews.length() == 0,
            rx.text(t("files.ui.no_deliverables"), size="2", color_scheme="gray"),
        ),
        rx.foreach(S.reviews, _review),
        spacing="3",
        width="100%",
    )


def _trash() -> rx.Component:
    return rx.cond(
        S.abilities.can_manage_trash,
        card(
            rx.hstack(
                rx.heading(t("files.ui.trash"), size="4", as_="h2"),
                rx.text(S.usage, size="1", color_scheme="gray", id="files-usage"),
                rx.button(
                    rx.cond(S.show_trash, t("files.ui.hide_trash"), t("files.ui.show_trash")),
                    size="1",
                    variant="outline",
                    on_click=S.toggle_trash,
                    id="files-trash-toggle",
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                S.show_trash,
                rx.cond(
                    S.trash_rows.length() == 0,
                    rx.text(t("files.ui.trash_empty"), size="2", color_scheme="gray"),
                    rx.el.ul(rx.foreach(S.trash_rows, trash_row), class_name="file-list"),
                ),
            ),
        ),
    )


def files_page() -> rx.Component:
    """The Files page.

    Returns:
        The page.
    """
    return page(
        rx.cond(
            S.files_project_id > 0,
            rx.vstack(
                project_nav(S.files_project_id, S.files_project_name),
                rx.heading(t("files.ui.title"), size="5", as_="h1"),
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
                width="100%",
                class_name="files-page",
            ),
        )
    )
