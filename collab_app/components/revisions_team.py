"""The team's tools on a request: triage, state, answer, internal note, time, tasks, change order.

Only rendered from ``RevisionRoundState.rr_team_items``, which the service fills for managers
and members alone. Each form carries the request's id in a hidden field; the services check it.
"""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t, tf
from collab_app.components.revisions import ITEM_KINDS, coded, item_body
from collab_app.services.revisions import ItemTeamView, Option, TaskRef
from collab_app.state.revisions_round import RevisionRoundState as R


def _id(prefix: str, ti: rx.Var[ItemTeamView]) -> rx.Var:
    return prefix + "-" + ti.item.id.to_string()


def _field(label_key: str, control_id: rx.Var, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=control_id, class_name="field-label"),
        control,
        spacing="1",
        width="100%",
        align="stretch",
    )


def _hidden(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return rx.el.input(type="hidden", name="item_id", value=ti.item.id.to_string())


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
        rx.vstack(_hidden(ti), *children, spacing="2", width="100%", align="stretch"),
        on_submit=handler,
        key=name + "-" + ti.item.id.to_string() + "-" + version.to_string(),
        width="100%",
        class_name="rev-team-form",
    )


def _select(
    control_id: rx.Var,
    name: str,
    options: list[tuple[str, rx.Var]],
    value: rx.Var | str,
    *,
    empty: bool = False,
):
    # ``empty``: start on "Choose…" and require a choice, so no click commits a guess.
    choose = [rx.el.option(t("revisions.ui.choose"), value="", disabled=True)] if empty else []
    return rx.el.select(
        *choose,
        *[rx.el.option(text, value=code) for code, text in options],
        id=control_id,
        name=name,
        default_value=value,
        required=empty,
        class_name="native-select",
    )


def _triage_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "triage",
        R.triage,
        _field(
            "revisions.ui.triage",
            _id("kind", ti),
            _select(
                _id("kind", ti),
                "kind",
                [(kind, t("revisions.kind." + kind)) for kind in ITEM_KINDS],
                ti.item.kind,
                empty=True,
            ),
        ),
        _field(
            "revisions.ui.reason_client",
            _id("reason", ti),
            rx.input(id=_id("reason", ti), name="reason", max_length=1000, width="100%"),
        ),
        rx.button(t("revisions.ui.save_triage"), type="submit", size="2"),
        version=ti.item.kind + ti.item.status,
    )


def _status_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    statuses = ("open", "in_progress", "done", "declined")
    return _form(
        ti,
        "status",
        R.set_status,
        _field(
            "revisions.ui.state",
            _id("status", ti),
            _select(
                _id("status", ti),
                "status",
                [(s, t("revisions.status." + s)) for s in statuses],
                ti.item.status,
            ),
        ),
        _field(
            "revisions.ui.reason_decline",
            _id("status-reason", ti),
            rx.input(
                id=_id("status-reason", ti), name="status_reason", max_length=1000, width="100%"
            ),
        ),
        rx.button(t("revisions.ui.update_state"), type="submit", size="2"),
        version=ti.item.kind + ti.item.status,
    )


def _reply_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "reply",
        R.reply,
        _field(
            "revisions.ui.answer_client",
            _id("reply", ti),
            rx.text_area(
                id=_id("reply", ti),
                name="reply",
                default_value=ti.item.reply,
                max_length=5000,
                rows="2",
                width="100%",
            ),
        ),
        rx.button(t("revisions.ui.save_answer"), type="submit", size="2"),
        version=ti.item.reply.length(),
    )


def _note_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "note",
        R.save_note,
        _field(
            "revisions.ui.internal_note",
            _id("note", ti),
            rx.text_area(
                id=_id("note", ti),
                name="internal_note",
                default_value=ti.internal_note,
                max_length=5000,
                rows="2",
                width="100%",
            ),
        ),
        rx.button(t("revisions.ui.save_note"), type="submit", size="2", variant="soft"),
        version=ti.internal_note.length(),
    )


def _time_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "time",
        R.log_time,
        rx.text(tf("revisions.ui.time_spent", time=ti.time_label), size="2"),
        _field(
            "revisions.ui.minutes",
            _id("minutes", ti),
            rx.input(
                id=_id("minutes", ti),
                name="minutes",
                type="number",
                min=1,
                max=1440,
                width="100%",
            ),
        ),
        rx.button(t("revisions.ui.add_time"), type="submit", size="2", variant="soft"),
        version=ti.minutes_spent,
    )


def _task_option(option: rx.Var[Option]) -> rx.Component:
    return rx.el.option(option.text, value=option.value)


def _linked(ti: rx.Var[ItemTeamView], task: rx.Var[TaskRef]) -> rx.Component:
    return rx.hstack(
        rx.text(task.title, size="2"),
        rx.button(
            t("revisions.ui.unlink"),
            on_click=R.unlink_task(ti.item.id, task.id),
            size="1",
            variant="ghost",
            color_scheme="red",
        ),
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
            "revisions.ui.link_task",
            _id("task", ti),
            rx.el.select(
                rx.el.option(t("revisions.ui.choose_task"), value="", disabled=True),
                rx.foreach(R.rr_task_options, _task_option),
                id=_id("task", ti),
                name="task_id",
                default_value="",
                required=True,
                class_name="native-select",
            ),
        ),
        rx.button(t("revisions.ui.link"), type="submit", size="2", variant="soft"),
        version=ti.item.tasks.length(),
    )


def _change_order_form(ti: rx.Var[ItemTeamView]) -> rx.Component:
    return _form(
        ti,
        "co",
        R.propose_change,
        rx.text(t("revisions.ui.propose_change"), weight="bold", size="2"),
        _field(
            "revisions.ui.co_description",
            _id("co-description", ti),
            rx.text_area(
                id=_id("co-description", ti),
                name="co_description",
                default_value=ti.item.description,
                max_length=5000,
                rows="2",
                width="100%",
            ),
        ),
        rx.hstack(
            _field(
                "revisions.ui.co_price",
                _id("co-price", ti),
                rx.input(id=_id("co-price", ti), name="co_price", max_length=20, required=True),
            ),
            _field(
                "revisions.ui.co_delay",
                _id("co-delay", ti),
                rx.input(
                    id=_id("co-delay", ti),
                    name="co_delay",
                    type="number",
                    min=0,
                    max=365,
                    default_value="0",
                ),
            ),
            width="100%",
            wrap="wrap",
        ),
        rx.button(t("revisions.ui.propose"), type="submit", size="2", color_scheme="orange"),
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
                    rx.text(
                        tf("revisions.ui.triaged", who=ti.triaged_by, when=ti.triaged_label),
                        size="1",
                        color_scheme="gray",
                    ),
                ),
                rx.cond(
                    ti.internal_note != "",
                    rx.box(
                        rx.text(t("revisions.ui.internal_note"), size="1", weight="bold"),
                        rx.text(ti.internal_note, size="2", class_name="rev-text"),
                        class_name="rev-note",
                    ),
                ),
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
