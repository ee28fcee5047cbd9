"""Rows of the Files page: a file with its thumbnail and actions, the viewer, the trash."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t, tf
from collab_app.components.ui import danger_button, muted, small_button
from collab_app.services.files import FileView
from collab_app.state.files import FilesState as S


def _thumb(file: rx.Var[FileView]) -> rx.Component:
    return rx.cond(
        file.thumb_url != "",
        rx.el.img(src=file.thumb_url, alt="", class_name="file-thumb", loading="lazy"),
        rx.box(rx.icon("file", size=28), class_name="file-thumb file-icon"),
    )


def _name(file: rx.Var[FileView]) -> rx.Component:
    return rx.cond(
        file.view_url != "",
        rx.el.button(
            file.name,
            type="button",
            class_name="file-name link-button",
            on_click=S.open_viewer(file.id),
        ),
        rx.link(file.name, href=file.download_url, class_name="file-name"),
    )


def file_row(file: rx.Var[FileView], *, actions: bool = True) -> rx.Component:
    """One file: thumbnail, name, size, uploader, date, version, status, sharing, actions.

    Args:
        file: The file's view.
        actions: Show share and delete buttons (the main list).

    Returns:
        The row.
    """
    meta = rx.text(
        file.size,
        " · ",
        file.uploader,
        " · ",
        file.uploaded_at,
        " · ",
        tf("files.ui.version", number=file.version),
        size="1",
        color_scheme="gray",
    )
    badges = rx.hstack(
        rx.cond(file.status != "", rx.badge(file.status, color_scheme="blue")),
        rx.cond(file.locked, rx.badge(t("files.ui.locked"), color_scheme="green")),
        rx.cond(
            S.abilities.can_manage_files,
            rx.cond(
                file.shared,
                rx.badge(t("files.ui.shared"), color_scheme="orange"),
                rx.badge(t("files.ui.internal"), color_scheme="gray"),
            ),
        ),
        rx.cond(file.task_title != "", rx.badge(file.task_title, variant="outline")),
        spacing="1",
        wrap="wrap",
    )
    team_actions = rx.cond(
        S.abilities.can_manage_files,
        rx.fragment(
            rx.cond(
                (file.status == "") & ~file.attached,
                small_button(
                    rx.cond(file.shared, t("files.ui.unshare"), t("files.ui.share")),
                    S.set_shared(file.id, ~file.shared),
                    variant="outline",
                    class_name="file-share",
                ),
            ),
            rx.cond(
                ~file.locked,
                danger_button(
                    "files.ui.delete",
                    S.delete_file(file.id),
                    variant="outline",
                    class_name="file-delete",
                ),
            ),
        ),
    )
    buttons = rx.hstack(
        rx.link(t("files.ui.download"), href=file.download_url, class_name="file-download"),
        team_actions if actions else rx.fragment(),
        spacing="2",
        wrap="wrap",
        align="center",
    )
    return rx.el.li(
        _thumb(file),
        rx.vstack(_name(file), meta, badges, buttons, spacing="1", min_width="0"),
        class_name="file-row",
        custom_attrs={"data-file-id": file.id},
    )


def trash_row(file: rx.Var[FileView]) -> rx.Component:
    """A file in the trash, with the day it goes for good, restore and purge.

    Args:
        file: The file's view.

    Returns:
        The row.
    """
    return rx.el.li(
        rx.vstack(
            rx.text(file.name, weight="medium", class_name="file-name"),
            muted(file.size, " · ", tf("files.ui.purged_on", day=file.purge_on)),
            rx.hstack(
                small_button(
                    "files.ui.restore", S.restore_file(file.id), class_name="file-restore"
                ),
                danger_button(
                    "files.ui.purge",
                    S.purge_file(file.id),
                    variant="outline",
                    class_name="file-purge",
                ),
                spacing="2",
            ),
            spacing="1",
        ),
        class_name="file-row trash-row",
    )


def viewer_dialog() -> rx.Component:
    """The inline viewer: an image, or a PDF's first page with a link to the whole PDF.

    Returns:
        The dialog.
    """
    current = S.viewing
    return rx.dialog.root(
        rx.dialog.content(
            rx.cond(
                current,
                rx.vstack(
                    rx.dialog.title(current.name),
                    rx.cond(
                        current.is_image,
                        rx.el.img(src=current.view_url, alt=current.name, class_name="file-view"),
                        rx.el.img(src=current.thumb_url, alt=current.name, class_name="file-view"),
                    ),
                    rx.hstack(
                        rx.cond(
                            current.is_pdf,
                            rx.link(
                                t("files.ui.open_pdf"), href=current.view_url, is_external=True
                            ),
                        ),
                        rx.link(t("files.ui.download"), href=current.download_url),
                        rx.dialog.close(
                            rx.button(t("files.ui.close"), variant="soft", on_click=S.close_viewer)
                        ),
                        spacing="3",
                        align="center",
                        wrap="wrap",
                    ),
                    spacing="3",
                ),
            ),
            max_width="min(900px, 96vw)",
        ),
        open=current.is_not_none(),
        on_open_change=lambda _open: S.close_viewer(),
    )


def _task_file(file: rx.Var[FileView]) -> rx.Component:
    return rx.el.li(
        _thumb(file),
        rx.vstack(
            rx.link(file.name, href=file.download_url, class_name="file-name"),
            rx.text(
                file.size,
                " · ",
                file.uploader,
                " · ",
                file.uploaded_at,
                size="1",
                color_scheme="gray",
            ),
            spacing="1",
            min_width="0",
        ),
        class_name="file-row",
    )


def attached_files(
    files: rx.Var[list[FileView]],
    can_attach: rx.Var | bool = False,
    zone: rx.Component | None = None,
) -> rx.Component:
    """The files attached to a comment, a request or a change order, and the author's zone.

    Args:
        files: The attached files the viewer may see.
        can_attach: Whether to offer the upload zone (the author).
        zone: The upload zone component (None: only list the files, e.g. where the same
            request or change order is shown twice on a page).

    Returns:
        The section (nothing when there is no file and nothing to attach).
    """
    listed = rx.cond(
        files.length() > 0,
        rx.el.ul(
            rx.foreach(files, _task_file),
            class_name="file-list attached-files",
            aria_label=t("files.ui.attached"),
        ),
    )
    if zone is None:
        return listed
    return rx.fragment(
        listed,
        rx.cond(
            can_attach,
            rx.el.details(
                rx.el.summary(t("files.ui.attach"), class_name="attach-summary"),
                zone,
                class_name="attach-files",
            ),
        ),
    )


def task_files(
    files: rx.Var[list[FileView]], can_upload: rx.Var, zone: rx.Component
) -> rx.Component:
    """The files attached to a task, with an upload zone for those who may add some.

    Args:
        files: The task's files the viewer may see.
        can_upload: Whether to offer the upload zone.
        zone: The upload zone component.

    Returns:
        The section.
    """
    return rx.vstack(
        rx.heading(t("files.ui.title"), size="4", as_="h2"),
        rx.cond(
            files.length() == 0,
            rx.text(t("files.ui.none"), size="2", color_scheme="gray"),
            rx.el.ul(rx.foreach(files, _task_file), class_name="file-list", id="task-files"),
        ),
        rx.cond(can_upload, zone),
        spacing="2",
        width="100%",
        class_name="task-files",
    )
