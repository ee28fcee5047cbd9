"""Pieces of the revisions screens shared by the project's page and a round's page."""

from __future__ import annotations

import reflex as rx

from collab_app.components.files_list import attached_files
from collab_app.components.files_upload import upload_zone
from collab_app.components.i18n import colon, t, tf, tfn
from collab_app.components.ui import coded, coded_badge, text_block
from collab_app.services.revisions import (
    ChangeOrderView,
    CounterView,
    ItemView,
    RoundSummary,
    TaskRef,
)

ITEM_STATUSES = ("draft", "open", "in_progress", "done", "declined")
ITEM_KINDS = ("revision", "scope_change", "not_actionable")
ROUND_STATUSES = ("draft", "submitted", "closed")
CO_STATUSES = ("proposed", "approved", "declined")
PRIORITIES = ("low", "normal", "high")


def item_status_badge(status: rx.Var) -> rx.Component:
    """A request's state.

    Args:
        status: ``open``, ``in_progress``, ``done`` or ``declined``.

    Returns:
        The badge.
    """
    colors = {"draft": "gray", "in_progress": "blue", "done": "green", "declined": "gray"}
    return coded_badge(
        "revisions.status.", ITEM_STATUSES, status, colors, "amber", class_name="rev-status"
    )


def kind_badge(kind: rx.Var) -> rx.Component:
    """A request's triage (nothing before triage).

    Args:
        kind: ``revision``, ``scope_change``, ``not_actionable`` or empty.

    Returns:
        The badge.
    """
    return rx.cond(
        kind != "",
        coded_badge(
            "revisions.kind.",
            ITEM_KINDS,
            kind,
            {"scope_change": "orange", "revision": "iris"},
            "gray",
            variant="outline",
        ),
    )


def round_status_badge(status: rx.Var) -> rx.Component:
    """A round's state.

    Args:
        status: ``draft``, ``submitted`` or ``closed``.

    Returns:
        The badge.
    """
    colors = {"closed": "green", "submitted": "blue"}
    return coded_badge("revisions.round_status.", ROUND_STATUSES, status, colors, "gray")


def co_status_badge(status: rx.Var) -> rx.Component:
    """A change order's state.

    Args:
        status: ``proposed``, ``approved`` or ``declined``.

    Returns:
        The badge.
    """
    colors = {"approved": "green", "declined": "gray"}
    return coded_badge("revisions.co_status.", CO_STATUSES, status, colors, "amber")


def counter_block(counter: rx.Var[CounterView]) -> rx.Component:
    """The counter both sides read: "Round 2 of 3 included", and what the next one costs.

    Args:
        counter: The counter view.

    Returns:
        The block.
    """
    return rx.box(
        rx.text(
            rx.cond(
                counter.current == 0,
                tf("revisions.ui.counter_none", total=counter.included),
                rx.cond(
                    counter.current <= counter.included,
                    tf(
                        "revisions.ui.counter",
                        n=counter.current,
                        total=counter.included,
                    ),
                    tf(
                        "revisions.ui.counter_over",
                        n=counter.current,
                        total=counter.included,
                    ),
                ),
            ),
            class_name="rev-counter-main",
            id="rev-counter",
        ),
        rx.text(
            rx.cond(
                counter.next_billable,
                tf(
                    "revisions.ui.next_billable",
                    n=counter.next_number,
                    price=counter.next_price,
                ),
                tf("revisions.ui.remaining", left=counter.remaining),
            ),
            size="2",
            color_scheme=rx.cond(counter.next_billable, "amber", "gray"),
            id="rev-counter-next",
        ),
        class_name="rev-counter",
    )


def _task_link(project_id: rx.Var, task: rx.Var[TaskRef]) -> rx.Component:
    return rx.link(task.title, href=f"/projects/{project_id}/tasks/{task.id}", size="2")


def item_body(item: rx.Var[ItemView], project_id: rx.Var) -> rx.Component:
    """What everyone allowed to see a request sees of it.

    Args:
        item: The request.
        project_id: Its project (for task links).

    Returns:
        The block.
    """
    return rx.vstack(
        rx.hstack(
            item_status_badge(item.status),
            kind_badge(item.kind),
            rx.badge(
                coded("revisions.priority.", PRIORITIES, item.priority),
                variant="soft",
                color_scheme=rx.cond(item.priority == "high", "red", "gray"),
            ),
            rx.cond(item.deliverable != "", rx.badge(item.deliverable, variant="surface")),
            wrap="wrap",
            spacing="2",
        ),
        rx.text(item.description, class_name="rev-text"),
        rx.cond(
            item.attachment_url != "",
            rx.link(
                t("revisions.ui.attachment"),
                href=item.attachment_url,
                is_external=True,
                rel="noopener noreferrer nofollow",
                size="2",
                class_name="rev-text",
            ),
        ),
        rx.cond(
            item.reason != "",
            rx.text(
                rx.text.strong(t("revisions.ui.reason"), colon()),
                item.reason,
                size="2",
                class_name="rev-text",
            ),
        ),
        text_block("revisions.ui.team_answer", item.reply, class_name="rev-reply"),
        rx.cond(
            item.change_order_status != "",
            rx.hstack(
                rx.text(t("revisions.ui.change_order"), size="2"),
                co_status_badge(item.change_order_status),
                spacing="2",
                align="center",
            ),
        ),
        rx.cond(
            (item.kind == "scope_change")
            & (item.status == "open")
            & (item.change_order_status != "approved")
            & (item.change_order_status != "declined"),
            rx.text(t("revisions.ui.awaiting_approval"), size="2", color_scheme="orange"),
        ),
        rx.cond(
            item.tasks.length() > 0,
            rx.hstack(
                rx.text(t("revisions.ui.tasks"), colon(), size="2"),
                rx.foreach(item.tasks, lambda task: _task_link(project_id, task)),
                wrap="wrap",
                spacing="2",
            ),
        ),
        rx.text(
            tf("revisions.ui.added_by", who=item.created_by, when=item.created_label),
            size="1",
            color_scheme="gray",
            class_name="rev-added-by",
        ),
        attached_files(
            item.files,
            item.can_attach,
            upload_zone("request-upload-" + item.id.to_string(), project_id, request_id=item.id),
        ),
        spacing="2",
        align="stretch",
        width="100%",
        class_name="rev-request",
        custom_attrs={"data-request": item.id},
    )


def billable_badge(billable: rx.Var[bool], price: rx.Var[str]) -> rx.Component:
    """The "billable" badge with the round's price, on a billable round only.

    Args:
        billable: Whether the round is billed (past the included ones).
        price: What it costs.

    Returns:
        The badge, shown only when billable.
    """
    return rx.cond(billable, rx.badge(t("revisions.ui.billable"), " ", price, color_scheme="amber"))


def round_row(summary: rx.Var[RoundSummary], project_id: rx.Var) -> rx.Component:
    """A round in the list: number, state, response time, counts, and its price if billable.

    Args:
        summary: The round.
        project_id: Its project.

    Returns:
        A card linking to the round.
    """
    return rx.link(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.text(tf("revisions.ui.round_n", n=summary.number), weight="bold"),
                    round_status_badge(summary.status),
                    rx.cond(
                        summary.late,
                        rx.badge(t("revisions.ui.late"), color_scheme="red", class_name="rev-late"),
                    ),
                    billable_badge(summary.billable, summary.price),
                    wrap="wrap",
                    spacing="2",
                    align="center",
                ),
                rx.text(
                    tf(
                        "revisions.ui.resolved_count",
                        done=summary.resolved_count,
                        total=summary.item_count,
                    ),
                    " · ",
                    summary.submitted_label,
                    size="2",
                    color_scheme="gray",
                ),
                rx.text(response_text(summary), size="2"),
                spacing="1",
                align="stretch",
            ),
            width="100%",
        ),
        href=f"/projects/{project_id}/revisions/{summary.id}",
        underline="none",
        class_name="rev-round-link",
        width="100%",
    )


def response_text(summary: rx.Var[RoundSummary]) -> rx.Var:
    """How the round was answered: in N working days, or not yet, against the deadline.

    Args:
        summary: The round.

    Returns:
        A text Var.
    """
    return rx.cond(
        summary.answered,
        tfn("revisions.ui.answered_in", summary.days_taken),
        tf("revisions.ui.answer_by", deadline=summary.deadline_label),
    )


def change_order_body(
    order: rx.Var[ChangeOrderView], project_id: rx.Var | None = None
) -> rx.Component:
    """A change order's description, price, delay, state and attached files.

    Args:
        order: The change order.
        project_id: Its project, to offer its author the upload zone (None where the same
            change order is shown twice on the page: its files are only listed).

    Returns:
        The block.
    """
    zone = None
    if project_id is not None:
        zone = upload_zone("order-upload-" + order.id.to_string(), project_id, order_id=order.id)
    return rx.vstack(
        rx.hstack(
            rx.text(order.price, weight="bold", class_name="rev-price"),
            co_status_badge(order.status),
            rx.cond(
                order.round_number > 0,
                rx.text(tf("revisions.ui.round_n", n=order.round_number), size="2"),
            ),
            wrap="wrap",
            spacing="2",
            align="center",
        ),
        rx.text(order.description, class_name="rev-text"),
        rx.text(tfn("revisions.ui.delay", order.delay_days), size="2"),
        rx.cond(
            order.decided_label != "",
            rx.text(
                tf("revisions.ui.decided", who=order.decided_by, when=order.decided_label),
                size="1",
                color_scheme="gray",
            ),
            rx.text(
                tf("revisions.ui.proposed", who=order.created_by, when=order.created_label),
                size="1",
                color_scheme="gray",
            ),
        ),
        rx.cond(
            order.decline_reason != "",
            rx.text(t("revisions.ui.reason"), colon(), order.decline_reason, size="2"),
        ),
        attached_files(order.files, order.can_attach, zone),
        spacing="2",
        align="stretch",
        width="100%",
    )
