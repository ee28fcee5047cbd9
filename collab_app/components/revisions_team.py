"""The team's tools on a request: triage, state, answer, internal note, time, tasks, change order.

Only rendered from ``RevisionRoundState.rr_team_items``, which the service fills for managers
and members alone. Each form carries the request's id in a hidden field; the services check it.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from collab_app.components.forms import (
    blank_option,
    field,
    hidden,
    keyed_options,
    option_of,
    submit_button,
)
from collab_app.components.i18n import t, tf
from collab_app.components.revisions import ITEM_KINDS, item_body
from collab_app.components.ui import coded, danger_button, muted, text_block
from collab_app.services.revisions import ItemTeamView, TaskRef
from collab_app.state.revisions_round import RevisionRoundState as R


def _id(prefix: str, ti: rx.Var[ItemTeamView]) -> rx.Var:
    return prefix + "-" + ti.item.id.to_string()


def _field(
    ti: rx.Var[ItemTeamView],
    prefix: str,
    label_key: str,
    *children: rx.Component,
    control: Callable[..., rx.Component] = rx.input,
    **props: object,
) -> rx.Component:
    # A labelled control of one request's form; its id is ``<prefix>-<request id>``.
    control_id = _id(prefix, ti)
    return field(label_key, control_id, control(*children, id=control_id, **props))


def _form(
    ti: rx.Var[ItemTeamView],
    name: str,
    handler,  # noqa: ANN001
    *children: rx.Component,
    version: rx.Var,
) -> rx.Component:
    # It re-mounts (fresh defaults) only when ``version`` changes: saving one form never clears
    # what is being typed in another.
    return rx.form(
        rx.vstack(
            hidden("item_id", ti.item.id.to_string()),
            *children,
            spacing="2",
            width="100%",
            align="stretch",
        ),
        on_submit=handler,
        key=name + "-" + ti.item.id.to_string() + "-" + version.to_string(),
        width="100%",
        class_name="rev-team-form",
    )


def _coded_select(
    ti: rx.Var[ItemTeamView], prefix: str, label_key: str, codes: tuple[str, ...], value: rx.Var
) -> rx.Component:
    # A request's kind or state; an untriaged request starts on "Choose…" and requires a choice,
    # so no click commits a guess.
    empty = prefix == "kind"
    choose = [blank_option("revisions.ui.choose", disabled=True)] if empty else []
    return _field(
        ti,
        prefix,
        label_key,
        *choose,
        *keyed_options([(code, f"revisions.{prefix}.{code}") for code in codes]),
        control=rx.el.select,
        name=prefix,
        default_value=value,
        required=empty,
        class_name="native-select",
    )


def _reason(ti: rx.Var[ItemTeamView], prefix: str, label_key: str, name: str) -> rx.Component:
    return _field(ti, prefix, label_key, name=name, max_length=1000, width="100%")


def _text(ti: rx.Var[ItemTeamView], prefix: str, label_key: str, name: str, value: rx.Var):
    return _field(
        ti,
        prefix,
        label_key,
        control=rx.text_area,
        name=name,
        default_value=value,
        max_length=5000,
        rows="2",
        width="100%",
    )


def _triage_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "triage",
        R.triage,
        _coded_select(ti, "kind", "revisions.ui.triage", ITEM_KINDS, ti.item.kind),
        _reason(ti, "reason", "revisions.ui.reason_client", "reason"),
        submit_button("revisions.ui.save_triage", size="2"),
        version=ti.item.kind + ti.item.status,
    )


def _status_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    statuses = ("open", "in_progress", "done", "declined")
    return _form(
        ti,
        "status",
        R.set_status,
        _coded_select(ti, "status", "revisions.ui.state", statuses, ti.item.status),
        _reason(ti, "status-reason", "revisions.ui.reason_decline", "status_reason"),
        submit_button("revisions.ui.update_state", size="2"),
        version=ti.item.kind + ti.item.status,
    )


def _reply_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "reply",
        R.reply,
        _text(ti, "reply", "revisions.ui.answer_client", "reply", ti.item.reply),
        submit_button("revisions.ui.save_answer", size="2"),
        version=ti.item.reply.length(),
    )


def _note_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "note",
        R.save_note,
        _text(ti, "note", "revisions.ui.internal_note", "internal_note", ti.internal_note),
        submit_button("revisions.ui.save_note", size="2", variant="soft"),
        version=ti.internal_note.length(),
    )


def _time_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "time",
        R.log_time,
        rx.text(tf("revisions.ui.time_spent", time=ti.time_label), size="2"),
        _field(
            ti,
            "minutes",
            "revisions.ui.minutes",
            name="minutes",
            type="number",
            min=1,
            max=1440,
            width="100%",
        ),
        submit_button("revisions.ui.add_time", size="2", variant="soft"),
        version=ti.minutes_spent,
    )


def _linked(ti: rx.Var[ItemTeamView], task: rx.Var[TaskRef]) -> rx.Component:
    return rx.hstack(
        rx.text(task.title, size="2"),
        danger_button("revisions.ui.unlink", R.unlink_task(ti.item.id, task.id)),
        spacing="2",
        align="center",
    )


def _tasks_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "tasks",
        R.link_task,
        rx.foreach(ti.item.tasks, lambda task: _linked(ti, task)),
        _field(
            ti,
            "task",
            "revisions.ui.link_task",
            blank_option("revisions.ui.choose_task", disabled=True),
            rx.foreach(R.rr_task_options, option_of),
            control=rx.el.select,
            name="task_id",
            default_value="",
            required=True,
            class_name="native-select",
        ),
        submit_button("revisions.ui.link", size="2", variant="soft"),
        version=ti.item.tasks.length(),
    )


def _change_order_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "co",
        R.propose_change,
        rx.text(t("revisions.ui.propose_change"), weight="bold", size="2"),
        _text(
            ti,
            "co-description",
            "revisions.ui.co_description",
            "co_description",
            ti.item.description,
        ),
        rx.hstack(
            _field(
                ti,
                "co-price",
                "revisions.ui.co_price",
                name="co_price",
                max_length=20,
                required=True,
            ),
            _field(
                ti,
                "co-delay",
                "revisions.ui.co_delay",
                name="co_delay",
                type="number",
                min=0,
                max=365,
                default_value="0",
            ),
            width="100%",
            wrap="wrap",
        ),
        submit_button("revisions.ui.propose", size="2", color_scheme="orange"),
        version=ti.item.change_order_id,
    )


def team_item_card(ti: rx.Var[ItemTeamView]) -> rx.Component:
    """A request with the team's tools beside it (stacked on narrow screens).

    Args:
        ti: The team's view of the request.

    Returns:
        The card.
    """
    open_round = R.rr_round.status == "submitted"
    unresolved = (ti.item.status == "open") | (ti.item.status == "in_progress")
    return rx.card(
        rx.box(
            rx.vstack(
                rx.text(tf("revisions.ui.item_n", n=ti.item.position + 1), weight="bold"),
                item_body(ti.item, R.rr_project_id),
                rx.cond(
                    ti.triaged_by != "",
                    muted(tf("revisions.ui.triaged", who=ti.triaged_by, when=ti.triaged_label)),
                ),
                text_block("revisions.ui.internal_note", ti.internal_note, class_name="rev-note"),
                spacing="2",
                align="stretch",
            ),
            rx.vstack(
                rx.cond(
                    (R.error_item == ti.item.id) & (R.item_error != ""),
                    rx.callout(R.item_error, color_scheme="red", role="alert", size="1"),
                ),
                rx.cond(
                    open_round & unresolved,
                    rx.box(
                        rx.cond(ti.item.status == "open", _triage_form(ti)),
                        _status_form(ti),
                        class_name="rev-team-pair",
                    ),
                ),
                rx.cond(ti.can_propose_change, _change_order_form(ti)),
                rx.cond(open_round, _reply_form(ti)),
                rx.box(_note_form(ti), _time_form(ti), class_name="rev-team-pair"),
                rx.cond(open_round, _tasks_form(ti)),
                spacing="3",
                align="stretch",
                class_name="rev-team-tools",
            ),
            class_name="rev-team-item",
        ),
        width="100%",
        id=_id("item", ti),
    )


__all__ = ["coded", "team_item_card"]
